// Custom rules (`customRules` in the config) compiled for matching: one regular expression per rule from its literal
// phrases and its safe pattern (text/safePattern.ts), and, for a rule that borrows a language category, a category of
// its own so the language pass applies that category's sentence handling and reports the rule's id.
import { objectMemo } from '../memo';
import { plainTypography } from '../text/nlp';
import { compileSafePattern } from '../text/safePattern';
import type { CustomRule, ResolvedConfig, Severity } from '../types';
import { CATEGORIES, CATEGORY_BY_RULE, literalAlternation, type CompiledCategory, type CompiledPattern } from './data';

/** The regex source of a custom rule: its phrases (as a trie) or its pattern, starting on a word boundary. */
export function customRuleSource(def: CustomRule): string {
  const alternatives: string[] = [];
  const phrases = def.phrases.map((p) => plainTypography(p.trim())).filter(Boolean);
  if (phrases.length) alternatives.push(`${literalAlternation(phrases)}(?!\\w)`);
  if (def.pattern !== undefined) {
    const compiled = compileSafePattern(def.pattern);
    // validation reported a pattern that does not parse and left the rule out; one built elsewhere matches nothing
    if ('source' in compiled) alternatives.push(compiled.source);
  }
  return alternatives.length ? `(?<![\\w@'-])(?:${alternatives.join('|')})` : '(?!)';
}

const regexes = objectMemo<CustomRule, RegExp>('configuration');

/** The rule's expression (global, case-insensitive), compiled once per definition. */
export function customRuleRegex(def: CustomRule): RegExp {
  return regexes.getOrCompute(def, () => new RegExp(customRuleSource(def), 'gi'));
}

/** A custom rule that borrows a language category, as the language pass runs it, and its default severity. */
export interface CustomCategory {
  cat: CompiledCategory;
  severity: Severity;
}

const categories = objectMemo<ResolvedConfig | object, CustomCategory[]>('configuration');

/** The config's custom rules that borrow a language category (compiled once per configuration). */
export function customCategories(config: ResolvedConfig | undefined): CustomCategory[] {
  if (!config?.customRules?.length) return [];
  return categories.getOrCompute(config, () =>
    config.customRules.flatMap((def, i) => {
      const base = CATEGORY_BY_RULE.get(def.category);
      if (!base) return [];
      const cat: CompiledCategory = { ...base, ruleId: def.id, compiled: [], rank: CATEGORIES.length + i };
      const regex = customRuleRegex(def);
      const pattern: CompiledPattern = {
        // the category is part of the id: the language pass's memo keys hold pattern ids and sources
        id: `custom:${def.category}:${def.id}`,
        re: regex.source,
        subject: 'any',
        severity: 'warning',
        negatable: true,
        regex,
        category: cat,
        custom: true,
      };
      cat.compiled.push(pattern);
      return [{ cat, severity: def.severity }];
    }),
  );
}
