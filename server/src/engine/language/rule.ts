// Factory for the ten language rules: each reads the shared analysis and reports its own category's winners.
import type { RelatedInfo, Rule, RuleContext, Severity } from '../types';
import { analyzeLanguage, type LanguageFinding, type LanguageHit } from './analyze';
import { CATEGORY_BY_RULE, type LanguageRuleId } from './data';
import { buildPrompt, memoisedRewrite } from './rewrite';

/** "Blame: “caused the outage”": the category and the words that triggered it. */
export function headline(ctx: RuleContext, hit: LanguageHit): string {
  const name = hit.category.name;
  const trigger = ctx.text.slice(hit.start, hit.end).replace(/\s+/g, ' ').trim();
  return `${name[0]!.toUpperCase()}${name.slice(1)}: “${trigger}”`;
}

function message(ctx: RuleContext, f: LanguageFinding): string {
  let msg = `${headline(ctx, f.hit)} ${(f.hit.category as { why?: string }).why ?? ''}`.trim();
  if (f.others.length) {
    msg += ` Also in this sentence: ${f.others.map((o) => `${o.category.name} (${o.category.ruleId})`).join(', ')}.`;
  }
  const n = f.hidden.length;
  if (n > 0)
    msg += ` ${n} more language finding${n === 1 ? '' : 's'} in this paragraph not shown here (listed as related information; set languageFindingsPerParagraph to 0, or run the CLI with --no-cap, to report each on its own).`;
  return msg;
}

/** The findings the density cap hides, each at its place: the Problems panel and the hover list them. */
function hiddenRelated(ctx: RuleContext, f: LanguageFinding): RelatedInfo[] {
  return f.hidden.map((h) => ({ start: h.start, end: h.end, message: `Not shown: ${headline(ctx, h)} (${h.category.ruleId})` }));
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
          ...(f.hidden.length ? { related: hiddenRelated(ctx, f) } : {}),
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
