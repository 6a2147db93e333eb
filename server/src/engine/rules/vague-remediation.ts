import { createLanguageRule } from '../language/rule';
import type { Rule } from '../types';

/** Blameless language: see docs/rules/vague-remediation.md and server/src/engine/data/language/vague-remediation.json. */
export const rule: Rule = createLanguageRule('vague-remediation');
