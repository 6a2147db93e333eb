// The engine's only public face: hosts (server, CLI) and the client import from here and nowhere else in engine/.

export * from './types';
export type * from './model/model';
export { buildModel } from './model/buildModel';
export { isLetGo, itemProgress, postmortemTitle, type ItemProgress } from './model/model';
export { allRules, findRule } from './rules/index';
export {
  CONFIG_KEYS,
  configSources,
  CUSTOM_CATEGORIES,
  CUSTOM_RULE_ID,
  FILE_KEYS,
  isPlainObject,
  MAX_EXTENDS_ENTRIES,
  MAX_OVERRIDES,
  validateConfigFile,
  type ConfigFileContent,
  type ConfigOverride,
  type ExtendsEntry,
  type SourcedLayer,
  OPTION_ALIASES,
  resolveConfig,
  validateConfig,
  PROFILES,
  SEVERITIES,
  SEVERITY_SPELLINGS,
  type Profile,
} from './config';
export { detectPostmortem, type Detection, type DetectOptions } from './analysis/detect';
export { lint, lintDocument, sizeLimitExceeded, testCustomRuleExamples, type LintOptions, type LintResult } from './lint';
export { customRules, CUSTOM_RULES_PAGE, type ExampleResult } from './language/customRule';
export { compileSafePattern } from './text/safePattern';
export { applyEdits, applyFixes, collectFixEdits } from './fixes';
export { IncrementalDocument } from './incremental';
export {
  closestMatch,
  computeLineStarts,
  detectEol,
  escapeRegExp,
  lineOf,
  offsetAt,
  plural,
  positionAt,
  splitRow,
  TABLE_DELIMITER_ROW,
} from './text/text';
export { addDays, daysBetween, formatElapsed } from './text/datetime';
export {
  computeMetrics,
  isTimed,
  leadUpEntries,
  mainTimeline,
  mainTimelineMetrics,
  minutesBetween,
  type IncidentMetrics,
  type Metric,
  type MetricKind,
} from './analysis/metrics';
export { lastDayBy, postmortemDates, type PostmortemDates } from './analysis/timeliness';
export { convertibleLists, convertListToTable } from './analysis/actionEdits';
export { decisionPoints, type DecisionPoint } from './language/decisions';
export { exportActions, exportRows, type ExportFormat, type ExportRow } from './analysis/exportActions';
export { DUE_SOON_DAYS, FOLLOW_UP_STATES, followUpsOf, type FollowUpState, type ItemFollowUp } from './analysis/followUps';
export { actionSections } from './model/actionItems';
export { classifyOwner, columnRole } from './model/actionFields';

/**
 * Forget every memo derived from document content (each one made through memo.ts registers itself), so the next
 * lint reads the document from scratch with the configuration already compiled, as a newly opened document does in
 * a running server: what the benchmark's "full lint" and the tests' reference lints mean.
 */
export { clearMemos as clearContentMemos } from './memo';
