// The Rule of each custom rule (`customRules` in the config): reported under its own id, with its message, its
// examples in the hover, and its rewrite as a suggestion (never a fix, so fix-all never applies it).
import { objectMemo } from '../memo';
import { plainTypography } from '../text/nlp';
import type { CustomRule, Fix, ResolvedConfig, Rule, RuleContext, Severity } from '../types';
import { analyzeLanguage, blockContext } from './analyze';
import { customRuleRegex } from './custom';
import { CATEGORY_BY_RULE } from './data';
import { matchCase } from './rewrite';
import { headline } from './rule';

/** The docs page custom rules without their own `docs` link to. */
export const CUSTOM_RULES_PAGE = 'custom-rules';

/** What the hover says after the message: the borrowed category's "why", and the rule's examples. */
export function customRuleHover(def: CustomRule): string {
  const why = CATEGORY_BY_RULE.get(def.category)?.hover;
  const list = (xs: string[]) => xs.map((x) => `- “${x}”`).join('\n');
  return [
    why,
    `A team rule from the configuration (\`customRules\`${def.category === 'custom' ? '' : `, handled as ${def.category}`}).`,
    `Flagged:\n${list(def.examples.bad)}`,
    def.examples.good.length ? `Not flagged:\n${list(def.examples.good)}` : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
}

function rewrite(def: CustomRule, text: string, start: number, end: number): Fix[] {
  if (def.rewrite === undefined) return [];
  const replacement = matchCase(text.slice(start, end), def.rewrite);
  return [{ title: `Rewrite as “${replacement}”`, edits: [{ start, end, text: replacement }] }];
}

function createCustomRule(def: CustomRule): Rule {
  const hover = customRuleHover(def);
  const data = { custom: true, category: def.category, hover };
  return {
    meta: {
      id: def.id,
      description: def.message,
      category: 'language',
      defaultSeverity: def.severity,
      fixable: false,
      rationale: hover,
      docs: def.docs ?? CUSTOM_RULES_PAGE,
    },
    check(ctx: RuleContext) {
      if (def.category !== 'custom') {
        // the language pass found it: one finding per sentence, negation, quotes and sections as for the category
        for (const f of analyzeLanguage(ctx.model, ctx.config).findings) {
          if (f.ruleId !== def.id) continue;
          let message = def.message;
          if (f.others.length)
            message += ` Also in this sentence: ${f.others.map((o) => `${o.category.name} (${o.category.ruleId})`).join(', ')}.`;
          ctx.report({
            start: f.hit.start,
            end: f.hit.end,
            message,
            severity: f.hit.severity as Severity,
            suggestions: rewrite(def, ctx.text, f.hit.start, f.hit.end),
            ...(f.hidden.length
              ? {
                  related: f.hidden.map((h) => ({
                    start: h.start,
                    end: h.end,
                    message: `Not shown: ${headline(ctx, h)} (${h.category.ruleId})`,
                  })),
                }
              : {}),
            data: { ...data, others: f.others.map((o) => o.category.ruleId), sentence: f.sentence },
          });
        }
        return;
      }
      // plain matching over prose (no code, comments, link URLs, front matter, headings or chat logs)
      const re = customRuleRegex(def);
      for (const block of ctx.model.prose) {
        if (blockContext(ctx.model, block).excluded) continue;
        const text = plainTypography(block.text);
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(text))) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          const start = block.start + m.index;
          const end = start + m[0].length;
          ctx.report({ start, end, message: def.message, suggestions: rewrite(def, ctx.text, start, end), data });
        }
      }
    },
  };
}

const byConfig = objectMemo<ResolvedConfig, Rule[]>('configuration');

/** The Rules of a configuration's custom rules (made once per configuration). */
export function customRules(config: ResolvedConfig): Rule[] {
  if (!config.customRules?.length) return [];
  return byConfig.getOrCompute(config, () => config.customRules.map(createCustomRule));
}

/** One example of a custom rule and whether it behaves: a bad one must be flagged by the rule, a good one must not. */
export interface ExampleResult {
  text: string;
  expected: 'flagged' | 'not flagged';
  ok: boolean;
  /** The words the rule flagged in it. */
  flagged: string[];
}

/**
 * Run a custom rule's examples, each as a one-paragraph document linted with the configuration (the rule on at its
 * own severity even where `rules` turns it off), as `postmortem-lint test-config` does.
 */
export function testCustomRule(def: CustomRule, config: ResolvedConfig, lintText: LintText): ExampleResult[] {
  const on: ResolvedConfig = { ...config, rules: { ...config.rules, [def.id]: { severity: def.severity, options: {} } } };
  const rule = customRules(on).find((r) => r.meta.id === def.id);
  const run = (text: string, expected: ExampleResult['expected']): ExampleResult => {
    const doc = `# Example\n\n${text}\n`;
    const flagged = rule
      ? lintText(doc, on, [rule])
          .filter((f) => f.ruleId === def.id)
          .map((f) => doc.slice(f.start, f.end))
      : [];
    return { text, expected, ok: flagged.length > 0 === (expected === 'flagged'), flagged };
  };
  return [...def.examples.bad.map((t) => run(t, 'flagged')), ...def.examples.good.map((t) => run(t, 'not flagged'))];
}

/** Lint `text` with these rules (forced: an example need not look like a postmortem); lint.ts passes its own. */
export type LintText = (text: string, config: ResolvedConfig, rules: Rule[]) => { ruleId: string; start: number; end: number }[];
