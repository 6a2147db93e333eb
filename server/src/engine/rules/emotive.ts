import { createLanguageRule } from '../language/rule';
import type { Rule } from '../types';

/** Blameless language: see docs/rules/emotive.md and server/src/engine/data/language/emotive.json. */
export const rule: Rule = createLanguageRule('emotive');
