// The engine's public contract. PURE: no vscode, no node imports anywhere under engine/.
// Every offset is a UTF-16 code-unit offset into the document text (the unit LSP uses).
import { homepage } from '../../../package.json';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeverityOrOff = Severity | 'off';

/** Half-open [start, end) span of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

/** Replace [start, end) with `text`. */
export interface TextEdit extends Span {
  text: string;
}

/** A named set of edits. As `fix` it is safe to auto-apply; as a suggestion it is offered only. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Offset in the edited text where a client supporting snippet edits may put the cursor (optional). */
  isPreferred?: boolean;
}

export interface RelatedInfo extends Span {
  message: string;
}

export type RuleCategory = 'structure' | 'language' | 'timeline' | 'action-items';

/** What a rule reports; the registry stamps rule id, severity and docs URL. */
export interface ReportDescriptor extends Span {
  message: string;
  /** Override the configured severity downwards/upwards for this one finding (e.g. "we" is one level softer). */
  severity?: Severity;
  fix?: Fix;
  suggestions?: Fix[];
  related?: RelatedInfo[];
  /** Extra, JSON-serialisable data (e.g. hover text, language category) that travels with the finding. */
  data?: Record<string, unknown>;
}

export interface Finding extends Span {
  ruleId: string;
  severity: Severity;
  message: string;
  docsUrl: string;
  fix?: Fix;
  suggestions?: Fix[];
  related?: RelatedInfo[];
  data?: Record<string, unknown>;
}

export interface RuleExample {
  bad?: string[];
  good?: string[];
}

export interface RuleMeta {
  id: string;
  description: string;
  category: RuleCategory;
  defaultSeverity: SeverityOrOff;
  /** true when the rule can produce a safe `fix` (used by fix-all and docs). */
  fixable?: boolean;
  /** Short "why" for hovers (one or two sentences). */
  rationale?: string;
  /** The documentation: a page name under the docs folder (default: the rule id), or an absolute URL. */
  docs?: string;
}

export interface RuleContext {
  readonly text: string;
  readonly model: import('./model/model').PostmortemModel;
  readonly config: ResolvedConfig;
  /** The rule's own options object from config (`[severity, options]`), or {} when none. */
  readonly options: Record<string, unknown>;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export type RuleSetting = SeverityOrOff | [SeverityOrOff] | [SeverityOrOff, Record<string, unknown>];

/** User-facing config shape (.postmortemlintrc.json and VS Code settings). */
export interface LintConfig {
  rules?: Record<string, RuleSetting>;
  /** `required-sections` profile shortcut: standard | google-sre | pagerduty | custom. */
  profile?: string;
  /** Section names for the custom profile. */
  sections?: string[];
  /** ISO date (YYYY-MM-DD) used as "today" (overdue action items, due-date fixes); defaults to the clock. */
  today?: string;
  /** Documents above this many UTF-16 code units get one informational finding instead of a full lint. */
  maxDocumentSize?: number;
  /** Documents with more lines than this get the same informational finding instead of a full lint. */
  maxDocumentLines?: number;
  /** Maximum open action items before `action-items-focus` asks to focus (default 5). */
  maxOpenActionItems?: number;
  /** Language findings shown per paragraph (default 3; 0 shows them all). */
  languageFindingsPerParagraph?: number;
  /** Days after the incident within which `review-timeliness` expects the postmortem written (default 5). */
  reviewWithinDays?: number;
  /** Extra phrases (literal text, never regular expressions) per language rule id. */
  phrases?: Record<string, string[]>;
  /** Words/phrases never flagged by language rules (literal text). */
  allow?: string[];
  /** Rules a team writes in its config: phrases or a safe pattern, with a message and examples (validated). */
  customRules?: CustomRule[];
}

/** A rule written in a config file (`customRules`), validated, with its defaults filled in. */
export interface CustomRule {
  /** Contains a "/" ("team/no-hero"), so it never collides with a built-in rule id. */
  id: string;
  message: string;
  /** A language rule id whose sentence handling and "why" apply, or "custom": plain phrase matching over prose. */
  category: string;
  severity: Severity;
  /** Literal phrases, matched case-insensitively on word boundaries. */
  phrases: string[];
  /** The safe pattern syntax (text/safePattern.ts), never a regular expression. */
  pattern?: string;
  /** Replacement text offered as a suggestion (never applied by fix-all); [placeholders] are left for the writer. */
  rewrite?: string;
  /** A documentation URL (http or https). */
  docs?: string;
  examples: { bad: string[]; good: string[] };
}

export interface RuleConfig {
  severity: SeverityOrOff;
  options: Record<string, unknown>;
}

/** Config after validation and defaults. */
export interface ResolvedConfig {
  rules: Record<string, RuleConfig>;
  profile: string;
  sections: string[];
  today: string;
  maxDocumentSize: number;
  maxDocumentLines: number;
  maxOpenActionItems: number;
  languageFindingsPerParagraph: number;
  reviewWithinDays: number;
  phrases: Record<string, string[]>;
  allow: string[];
  /** Every layer's custom rules, merged by id (a later layer's definition replaces an earlier one). */
  customRules: CustomRule[];
}

/** A problem found while validating a config object (located by JSON path). */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** The project's one URL: package.json's `homepage` (its `repository` and `bugs` derive from it; a test checks). */
export const PROJECT_URL: string = homepage;

/** Where a finding's `docsUrl` points by default (the CLI's output, SARIF's `helpUri`); the server uses the packaged docs. */
export const DOCS_BASE_URL = `${PROJECT_URL}/blob/main/docs/rules/`;
