import { createLanguageRule } from '../language/rule';
import type { Rule } from '../types';

/** Blameless language: see docs/rules/root-cause.md and server/src/engine/data/language/root-cause.json. */
export const rule: Rule = createLanguageRule('root-cause');
