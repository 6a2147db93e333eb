// The lint runner: size guard, detection, every enabled rule over one model, suppressions, sorted findings.
import { buildModel } from './model/buildModel';
import { resolveConfig, severityRank } from './config';
import { detectPostmortem, type Detection, type DetectOptions } from './analysis/detect';
import type { PostmortemModel } from './model/model';
import { isSuppressed } from './model/prose';
import { allRules } from './rules/index';
import { customRules, testCustomRule, type ExampleResult } from './language/customRule';
import { MAX_CONTAINERS, MAX_DEPTH, MAX_MARKERS, nodeStart, readAsText, type Root } from './text/parse';
import { lineEndFrom, lineOf } from './text/text';
import {
  DOCS_BASE_URL,
  type CustomRule,
  type Finding,
  type LintConfig,
  type ReportDescriptor,
  type ResolvedConfig,
  type Rule,
} from './types';

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
  // lines as the parser splits them: LF, CRLF or a lone CR
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && lines <= config.maxDocumentLines; i = text.indexOf('\n', i + 1)) lines++;
  for (let i = text.indexOf('\r'); i >= 0 && lines <= config.maxDocumentLines; i = text.indexOf('\r', i + 1)) {
    if (text[i + 1] !== '\n') lines++;
  }
  if (lines > config.maxDocumentLines) {
    return `This document has more than ${config.maxDocumentLines.toLocaleString('en-US')} lines (maxDocumentLines); postmortem-lint skipped it.`;
  }
  return undefined;
}

/** The end of the line at `start`, at most `cap` characters on, never between the two halves of a surrogate pair. */
function lineEndWithin(text: string, start: number, cap: number): number {
  const limit = Math.min(text.length, start + cap);
  const end = lineEndFrom(text, start, limit);
  const code = text.charCodeAt(end - 1);
  return end === limit && end < text.length && code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}

/** Full lint with the model, detection and rule errors (what the server and the CLI use). */
export function lintDocument(text: string, config?: LintConfig | ResolvedConfig, options: LintOptions = {}): LintResult {
  const resolved = isResolved(config) ? config : resolveConfig([config], options.rules ?? allRules);
  // the team's own rules (`customRules`) run after the built-in ones, unless the caller chose the rules
  const rules = options.rules ?? [...allRules, ...customRules(resolved)];
  const docsBase = options.docsBaseUrl ?? DOCS_BASE_URL;
  const tooLarge = sizeLimitExceeded(text, resolved);
  if (tooLarge) {
    const end = lineEndWithin(text, 0, 200);
    return {
      findings: [
        {
          // a warning: a document nobody could check must not pass a `--max-warnings 0` gate by being padded
          ruleId: 'document-size',
          severity: 'warning',
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
    return {
      findings: [],
      model: emptyModel(''),
      detection: { isPostmortem: false, reason: options.disabled },
      config: resolved,
      ruleErrors: [],
      skipped: true,
    };
  }
  const model = options.model ?? buildModel(text);
  const detection = detectPostmortem(model, options);
  const result: LintResult = { findings: [], model, detection, config: resolved, ruleErrors: [], skipped: false };
  const asText = readAsText(model.tree as Root);
  if (asText) {
    // the parse read (part of) a block as plain text (text/parse.ts): say so where it starts
    const start = nodeStart(asText.node);
    result.findings.push({
      ruleId: 'document-size',
      severity: 'info',
      message:
        asText.why === 'depth'
          ? `This block nests block quotes, lists or emphasis more than ${MAX_CONTAINERS} levels on a line or ${MAX_DEPTH} levels in all; postmortem-lint reads the deeper content as plain text.`
          : `A paragraph, heading or table row in this block holds more than ${MAX_MARKERS} emphasis or link markers (\`*\`, \`_\`, \`[\`, \`]\`); postmortem-lint reads it as plain text.`,
      start,
      end: lineEndWithin(text, start, 400),
      docsUrl: `${docsBase}document-size.md`,
    });
  }
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
        docsUrl: /^[a-z][a-z0-9+.-]*:/i.test(rule.meta.docs ?? '') ? rule.meta.docs! : `${docsBase}${rule.meta.docs ?? rule.meta.id}.md`,
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
  result.findings.sort(
    (a, b) => a.start - b.start || a.end - b.end || severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId),
  );
  return result;
}

/** Lint a document; returns the findings (empty for documents that are not postmortems unless `force`). */
export function lint(text: string, config?: LintConfig | ResolvedConfig, options: LintOptions = {}): Finding[] {
  return lintDocument(text, config, options).findings;
}

/** Run a custom rule's examples (`postmortem-lint test-config`): each bad one must be flagged by it, each good one not. */
export function testCustomRuleExamples(def: CustomRule, config: ResolvedConfig): ExampleResult[] {
  return testCustomRule(def, config, (text, cfg, rules) => lint(text, cfg, { force: true, rules }));
}
