// The CLI's report formats: stylish (people), json, sarif (code scanning) and github (workflow annotations);
// ciFormats.ts has junit, codequality (GitLab) and rdjson (reviewdog).
import * as path from 'node:path';
import {
  DOCS_BASE_URL,
  PROJECT_URL,
  findRule,
  plural,
  positionAt,
  type Fix,
  type LintResult,
  type PostmortemModel,
  type Severity,
  type Span,
} from '../engine/index';
import { VERSION } from '../protocol';

export interface FileReport {
  filePath: string;
  text: string;
  result: LintResult;
}

const SEVERITY_LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'hint' };

/**
 * How every format names a file: relative to the current directory, with forward slashes (`incidents/x.md`,
 * `../other/y.md`); absolute only where no relative path exists (another drive on Windows).
 */
export function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  if (!rel || path.isAbsolute(rel)) return file.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/** 1-based line and column (UTF-16 code units) of a span's start and end. */
export function loc(model: PostmortemModel, f: Span) {
  const s = positionAt(model.lineStarts, f.start);
  const e = positionAt(model.lineStarts, f.end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/** `--format json`: lines and columns 1-based; `fix`/`suggestions` edits are 0-based UTF-16 offsets into the file. */
export function toJson(reports: FileReport[], cwd: string) {
  return reports.map((r) => ({
    filePath: displayPath(cwd, r.filePath),
    messages: r.result.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      ...loc(r.result.model, f),
      ...(f.fix ? { fix: f.fix } : {}),
      ...(f.suggestions?.length ? { suggestions: f.suggestions } : {}),
    })),
  }));
}

/**
 * Text for a terminal: control characters a document carries into a message (escape sequences, carriage returns,
 * bells) are shown as `\u001b`-style escapes instead of being sent raw.
 */
function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function stylish(reports: FileReport[], cwd: string): string {
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of reports) {
    if (!r.result.findings.length) continue;
    lines.push('', printable(displayPath(cwd, r.filePath)));
    for (const f of r.result.findings) {
      counts[f.severity]++;
      const { line, column } = loc(r.result.model, f);
      lines.push(`  ${`${line}:${column}`.padEnd(8)} ${SEVERITY_LABEL[f.severity].padEnd(8)} ${printable(f.message)}  ${f.ruleId}`);
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  lines.push(
    '',
    total
      ? `${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')}, ${plural(counts.hint, 'hint')}) in ${plural(reports.length, 'file')}`
      : `No problems in ${plural(reports.length, 'postmortem')}.`,
  );
  return lines.join('\n');
}

function githubEscape(s: string, property = false): string {
  let out = s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (property) out = out.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return out;
}

export function github(reports: FileReport[], cwd: string): string {
  const out: string[] = [];
  for (const r of reports) {
    for (const f of r.result.findings) {
      const { line, column, endLine, endColumn } = loc(r.result.model, f);
      const level = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      const file = githubEscape(displayPath(cwd, r.filePath), true);
      out.push(
        `::${level} file=${file},line=${line},col=${column},endLine=${endLine},endColumn=${endColumn},title=${githubEscape(f.ruleId, true)}::${githubEscape(f.message)}`,
      );
    }
  }
  return out.join('\n');
}

export function sarif(reports: FileReport[], cwd: string) {
  const level = (s: Severity) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  const used = [...new Set(reports.flatMap((r) => r.result.findings.map((f) => f.ruleId)))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        // columns count UTF-16 code units, the unit of the engine's offsets (and SARIF's default)
        columnKind: 'utf16CodeUnits',
        tool: {
          driver: {
            name: 'postmortem-lint',
            version: VERSION,
            informationUri: PROJECT_URL,
            rules: used.map((id) => {
              const rule = findRule(id);
              const docs = reports.flatMap((r) => r.result.findings).find((f) => f.ruleId === id)?.docsUrl ?? `${DOCS_BASE_URL}${id}.md`;
              return { id, shortDescription: { text: rule?.meta.description ?? id }, helpUri: docs };
            }),
          },
        },
        results: reports.flatMap((r) =>
          r.result.findings.map((f) => {
            const { line, column, endLine, endColumn } = loc(r.result.model, f);
            return {
              ruleId: f.ruleId,
              level: level(f.severity),
              message: { text: f.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: displayPath(cwd, r.filePath) },
                    region: { startLine: line, startColumn: column, endLine, endColumn },
                  },
                },
              ],
              ...(f.fix ? { fixes: [sarifFix(f.fix, r.result.model, displayPath(cwd, r.filePath))] } : {}),
            };
          }),
        ),
      },
    ],
  };
}

/** A safe fix as a SARIF `fix`: one artifact change whose replacements are the fix's edits (regions end-exclusive). */
function sarifFix(fix: Fix, model: PostmortemModel, uri: string) {
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: { uri },
        replacements: fix.edits.map((e) => {
          const { line, column, endLine, endColumn } = loc(model, e);
          return {
            deletedRegion: { startLine: line, startColumn: column, endLine, endColumn },
            ...(e.text ? { insertedContent: { text: e.text } } : {}),
          };
        }),
      },
    ],
  };
}
