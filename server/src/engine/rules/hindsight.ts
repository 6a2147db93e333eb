import { createLanguageRule } from '../language/rule';
import type { Rule } from '../types';

/** Blameless language: see docs/rules/hindsight.md and server/src/engine/data/language/hindsight.json. */
export const rule: Rule = createLanguageRule('hindsight');
