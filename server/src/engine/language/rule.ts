// Factory for the ten language rules: each reads the shared analysis and reports its own category's winners.
import type { Rule, RuleContext, Severity } from '../types';
import { analyzeLanguage, type LanguageFinding } from './analyze';
import { CATEGORY_BY_RULE, type LanguageRuleId } from './data';
import { buildPrompt, memoisedRewrite } from './rewrite';

function message(ctx: RuleContext, f: LanguageFinding): string {
  const cat = f.hit.category;
  const trigger = ctx.text.slice(f.hit.start, f.hit.end).replace(/\s+/g, ' ').trim();
  let msg = `${cat.name[0]!.toUpperCase()}${cat.name.slice(1)}: “${trigger}” ${(cat as { why?: string }).why ?? ''}`.trim();
  if (f.others.length) {
    msg += ` Also in this sentence: ${f.others.map((o) => `${o.category.name} (${o.category.ruleId})`).join(', ')}.`;
  }
  if (f.rolledUp > 0)
    msg += ` ${f.rolledUp} more language finding${f.rolledUp === 1 ? '' : 's'} in this paragraph not shown (set languageFindingsPerParagraph to 0, or run the CLI with --no-cap, to see them).`;
  return msg;
}

export function createLanguageRule(id: LanguageRuleId): Rule {
  const cat = CATEGORY_BY_RULE.get(id);
  if (!cat) throw new Error(`Unknown language rule ${id}`);
  return {
    meta: {
      id,
      description: cat.description,
      category: 'language',
      defaultSeverity: 'warning',
      fixable: false,
      rationale: cat.hover,
    },
    check(ctx: RuleContext) {
      const analysis = analyzeLanguage(ctx.model, ctx.config);
      for (const f of analysis.findings) {
        if (f.ruleId !== id) continue;
        const suggestions = [memoisedRewrite(ctx.text, f), buildPrompt(ctx.text, f)].filter((s) => s !== undefined);
        ctx.report({
          start: f.hit.start,
          end: f.hit.end,
          message: message(ctx, f),
          severity: f.hit.severity as Severity,
          suggestions,
          data: {
            category: cat.category,
            categoryName: cat.name,
            pattern: f.hit.pattern.id,
            hover: cat.hover,
            source: cat.source,
            others: f.others.map((o) => o.category.ruleId),
            sentence: f.sentence,
          },
        });
      }
    },
  };
}
