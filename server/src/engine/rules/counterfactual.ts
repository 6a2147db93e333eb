import { createLanguageRule } from '../language/rule';
import type { Rule } from '../types';

/** Blameless language: see docs/rules/counterfactual.md and server/src/engine/data/language/counterfactual.json. */
export const rule: Rule = createLanguageRule('counterfactual');
