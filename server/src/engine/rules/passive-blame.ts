import { createLanguageRule } from '../language/rule';
import type { Rule } from '../types';

/** Blameless language: see docs/rules/passive-blame.md and server/src/engine/data/language/passive-blame.json. */
export const rule: Rule = createLanguageRule('passive-blame');
