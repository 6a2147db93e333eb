import { createLanguageRule } from '../language/rule';
import type { Rule } from '../types';

/** Blameless language: see docs/rules/judgement.md and server/src/engine/data/language/judgement.json. */
export const rule: Rule = createLanguageRule('judgement');
