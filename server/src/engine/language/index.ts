export { analyzeLanguage, blockContext, type LanguageAnalysis, type LanguageFinding, type LanguageHit } from './analyze';
export {
  CATEGORIES,
  CATEGORY_BY_RULE,
  LANGUAGE_RULE_IDS,
  exampleCase,
  type LanguageRuleId,
  type CategoryData,
  type ExampleCase,
} from './data';
export { createLanguageRule } from './rule';
export { buildRewrite, buildPrompt, matchCase, extractFacts, fillTemplate } from './rewrite';
export { splitSentences } from './sentences';
export { classifyWord } from './subject';
