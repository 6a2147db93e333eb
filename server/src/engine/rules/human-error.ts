import { createLanguageRule } from '../language/rule';
import type { Rule } from '../types';

/** Blameless language: see docs/rules/human-error.md and server/src/engine/data/language/human-error.json. */
export const rule: Rule = createLanguageRule('human-error');
