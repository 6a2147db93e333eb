import { createLanguageRule } from '../language/rule';
import type { Rule } from '../types';

/** Blameless language: see docs/rules/omission.md and server/src/engine/data/language/omission.json. */
export const rule: Rule = createLanguageRule('omission');
