import { createLanguageRule } from '../language/rule';
import type { Rule } from '../types';

/** Blameless language: see docs/rules/rule-deviation.md and server/src/engine/data/language/rule-deviation.json. */
export const rule: Rule = createLanguageRule('rule-deviation');
