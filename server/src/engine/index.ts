// Engine entry point: lint(text, config) → Finding[]; applyFixes(text, findings) → text.
import { buildModel } from './model/buildModel';
import { resolveConfig } from './config';
import { detectPostmortem, type Detection, type DetectOptions } from './analysis/detect';
import type { PostmortemModel } from './model/model';
import { isSuppressed } from './model/prose';
import { allRules } from './rules/index';
import { lineOf } from './text/text';
import { DOCS_BASE_URL, type Finding, type LintConfig, type ReportDescriptor, type ResolvedConfig, type Rule, type TextEdit } from './types';

export * from './types';
export type { PostmortemModel } from './model/model';
export { buildModel } from './model/buildModel';
export { allRules, findRule } from './rules/index';
export { resolveConfig, validateConfig } from './config';
export { detectPostmortem } from './analysis/detect';

/**
 * Forget every memo (each one made through memo.ts registers itself), so the next lint computes everything from
 * scratch: what the benchmark's "full lint" and the tests' reference lints mean.
 */
export { clearMemos as clearContentMemos } from './memo';

export interface LintOptions extends DetectOptions {
  /** Lint even when the document does not look like a postmortem (tests, explicit requests). */
  force?: boolean;
  /** Base URL for rule documentation; the rule id and `.md` are appended. */
  docsBaseUrl?: string;
  /** Rules to run (defaults to every registered rule). */
  rules?: readonly Rule[];
  /** Reuse a model already built for this exact text. */
  model?: PostmortemModel;
  /** Skip linting with this reason (linting turned off for the document). */
  disabled?: string;
  /** Called once per failing rule; the other rules still run. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface LintResult {
  findings: Finding[];
  model: PostmortemModel;
  detection: Detection;
  config: ResolvedConfig;
  /** Rules that threw, with their messages. */
  ruleErrors: { ruleId: string; message: string }[];
  /** True when linting was skipped: the document was too large (only the size notice), or linting is off for it. */
  skipped: boolean;
}

/** A ResolvedConfig, told apart from a LintConfig by its shape: every rule entry is `{ severity, options }`. */
function isResolved(config: LintConfig | ResolvedConfig | undefined): config is ResolvedConfig {
  if (!config || typeof (config as ResolvedConfig).maxDocumentLines !== 'number' || !config.rules) return false;
  return Object.values(config.rules).every((v) => typeof v === 'object' && v !== null && !Array.isArray(v) && 'severity' in v);
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 } as const;

function emptyModel(text: string): PostmortemModel {
  return {
    text,
    tree: { type: 'root', children: [] },
    lineStarts: [0],
    metadata: { source: 'none', fields: {} },
    sections: [],
    timeline: [],
    actionItems: [],
    prose: [],
    excluded: [],
    suppressions: [],
    explicitlyEnabled: false,
    explicitlyDisabled: false,
  };
}

/**
 * Why the document is too large to lint (above maxDocumentSize characters or maxDocumentLines lines), or
 * undefined. Cheap: it never parses.
 */
export function sizeLimitExceeded(text: string, config: ResolvedConfig): string | undefined {
  if (text.length > config.maxDocumentSize) {
    return `This document has ${text.length.toLocaleString('en-US')} characters, above the limit of ${config.maxDocumentSize.toLocaleString('en-US')} (maxDocumentSize); postmortem-lint skipped it.`;
  }
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && lines <= config.maxDocumentLines; i = text.indexOf('\n', i + 1)) lines++;
  if (lines > config.maxDocumentLines) {
    return `This document has more than ${config.maxDocumentLines.toLocaleString('en-US')} lines (maxDocumentLines); postmortem-lint skipped it.`;
  }
  return undefined;
}

/** Full lint with the model, detection and rule errors (what the server and the CLI use). */
export function lintDocument(text: string, config?: LintConfig | ResolvedConfig, options: LintOptions = {}): LintResult {
  const rules = options.rules ?? allRules;
  const resolved = isResolved(config) ? config : resolveConfig([config], rules);
  const docsBase = options.docsBaseUrl ?? DOCS_BASE_URL;
  const tooLarge = sizeLimitExceeded(text, resolved);
  if (tooLarge) {
    const firstBreak = text.search(/\r|\n/);
    const end = Math.min(firstBreak < 0 ? text.length : firstBreak, 200);
    return {
      findings: [
        {
          ruleId: 'document-size',
          severity: 'info',
          message: tooLarge,
          start: 0,
          end,
          docsUrl: `${docsBase}document-size.md`,
        },
      ],
      model: emptyModel(text),
      detection: { isPostmortem: false, reason: 'too large' },
      config: resolved,
      ruleErrors: [],
      skipped: true,
    };
  }
  if (options.disabled) {
    return { findings: [], model: emptyModel(''), detection: { isPostmortem: false, reason: options.disabled }, config: resolved, ruleErrors: [], skipped: true };
  }
  const model = options.model ?? buildModel(text);
  const detection = detectPostmortem(model, options);
  const result: LintResult = { findings: [], model, detection, config: resolved, ruleErrors: [], skipped: false };
  if (!detection.isPostmortem && !options.force) return result;

  for (const rule of rules) {
    const setting = resolved.rules[rule.meta.id] ?? { severity: rule.meta.defaultSeverity, options: {} };
    if (setting.severity === 'off') continue;
    const report = (d: ReportDescriptor) => {
      const start = Math.max(0, Math.min(d.start, text.length));
      const end = Math.max(start, Math.min(d.end, text.length));
      if (isSuppressed(model.suppressions, rule.meta.id, lineOf(model.lineStarts, start))) return;
      const finding: Finding = {
        ruleId: rule.meta.id,
        severity: d.severity ?? (setting.severity as Finding['severity']),
        message: d.message,
        docsUrl: `${docsBase}${rule.meta.id}.md`,
        start,
        end,
      };
      if (d.fix) finding.fix = d.fix;
      if (d.suggestions?.length) finding.suggestions = d.suggestions;
      if (d.related?.length) finding.related = d.related;
      if (d.data) finding.data = d.data;
      result.findings.push(finding);
    };
    try {
      rule.check({ text, model, config: resolved, options: setting.options, report });
    } catch (error) {
      result.ruleErrors.push({ ruleId: rule.meta.id, message: error instanceof Error ? error.message : String(error) });
      options.onRuleError?.(rule.meta.id, error);
    }
  }
  result.findings.sort((a, b) => a.start - b.start || a.end - b.end || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId));
  return result;
}

/** Lint a document; returns the findings (empty for documents that are not postmortems unless `force`). */
export function lint(text: string, config?: LintConfig | ResolvedConfig, options: LintOptions = {}): Finding[] {
  return lintDocument(text, config, options).findings;
}

/**
 * Apply edits: sorted by start (stable for equal starts, so inserts keep their order); an edit that
 * overlaps one already applied is skipped whole. Deterministic and loses no text outside the edits.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: TextEdit[]; skipped: TextEdit[] } {
  const indexed = edits.map((e, i) => ({ e, i }));
  indexed.sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  let out = '';
  let cursor = 0;
  for (const { e } of indexed) {
    const valid = e.start >= 0 && e.end >= e.start && e.end <= text.length;
    // an edit starting inside text an earlier edit replaced overlaps it; touching (start === cursor) is fine
    if (!valid || e.start < cursor) {
      skipped.push(e);
      continue;
    }
    out += text.slice(cursor, e.start) + e.text;
    cursor = e.end;
    applied.push(e);
  }
  out += text.slice(cursor);
  return { text: out, applied, skipped };
}

/**
 * The edits of every safe `fix` (suggestions never), in finding order. A fix whose edits overlap an
 * earlier fix's is left out whole, so each fix is applied entirely or not at all (fix-all, --fix).
 */
export function collectFixEdits(findings: readonly Finding[]): TextEdit[] {
  const taken: TextEdit[] = [];
  const overlaps = (a: TextEdit, b: TextEdit) => a.start < b.end && b.start < a.end && !(a.start === a.end && b.start === b.end);
  const inside = (insert: TextEdit, t: TextEdit) => insert.start === insert.end && t.start < insert.start && insert.start < t.end;
  for (const f of findings) {
    if (!f.fix) continue;
    const edits = f.fix.edits;
    if (edits.some((e) => taken.some((t) => overlaps(e, t) || inside(e, t) || inside(t, e)))) continue;
    taken.push(...edits);
  }
  return taken;
}

/** Apply every finding's safe `fix` (see collectFixEdits). */
export function applyFixes(text: string, findings: readonly Finding[]): string {
  return applyEdits(text, collectFixEdits(findings)).text;
}
