// Report formats for CI systems: `junit` (JUnit XML, test-report viewers), `codequality` (GitLab's code quality
// report, merge-request widgets) and `rdjson` (reviewdog's diagnostic format, with suggested changes).
import { createHash } from 'node:crypto';
import { PROJECT_URL, positionAt, type Finding, type Fix, type PostmortemModel, type Severity, type Span } from '../engine/index';
import { displayPath, loc, type FileReport } from './formats';

/** Text for an XML attribute or element: the five entities escaped, characters XML 1.0 cannot hold dropped. */
function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

/**
 * `--format junit`: one `<testsuite>` per file and one failing `<testcase>` per finding (a file without findings
 * gets one passing test case, so it shows as checked).
 */
export function junit(reports: FileReport[], cwd: string): string {
  const out: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const r of reports) {
    const file = displayPath(cwd, r.filePath);
    const findings = r.result.findings;
    const count = Math.max(1, findings.length);
    tests += count;
    failures += findings.length;
    out.push(`  <testsuite name="${xml(file)}" tests="${count}" failures="${findings.length}" errors="0" skipped="0">`);
    if (!findings.length) out.push(`    <testcase name="postmortem-lint" classname="${xml(file)}"/>`);
    for (const f of findings) {
      const { line, column } = loc(r.result.model, f);
      out.push(
        `    <testcase name="${xml(`${f.ruleId} ${line}:${column}`)}" classname="${xml(file)}">`,
        `      <failure message="${xml(f.message)}" type="${f.severity}">${xml(`${file}:${line}:${column} ${f.severity} ${f.message} (${f.ruleId}, ${f.docsUrl})`)}</failure>`,
        '    </testcase>',
      );
    }
    out.push('  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="postmortem-lint" tests="${tests}" failures="${failures}" errors="0">`,
    ...out,
    '</testsuites>',
  ].join('\n');
}

const CODEQUALITY_SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };

/**
 * `--format codequality`: GitLab's code quality report (a subset of the Code Climate spec). The fingerprint hashes
 * the file, rule, message and the text the finding covers (and how many identical ones came before it), not its
 * line: a finding keeps its fingerprint when lines above it move, so GitLab shows it as neither fixed nor new.
 */
export function codequality(reports: FileReport[], cwd: string) {
  return reports.flatMap((r) => {
    const file = displayPath(cwd, r.filePath);
    const seen = new Map<string, number>();
    return r.result.findings.map((f) => {
      const key = [file, f.ruleId, f.message, r.text.slice(f.start, f.end)].join('\0');
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      const { line, endLine } = loc(r.result.model, f);
      return {
        type: 'issue',
        description: f.message,
        check_name: f.ruleId,
        fingerprint: createHash('md5').update(`${key}\0${n}`).digest('hex'),
        severity: CODEQUALITY_SEVERITY[f.severity],
        categories: ['Style'],
        location: { path: file, lines: { begin: line, end: endLine } },
      };
    });
  });
}

/** A reviewdog position: 1-based line, 1-based column counted in UTF-8 bytes (as rdjson specifies). */
function rdPosition(model: PostmortemModel, offset: number) {
  const { line, character } = positionAt(model.lineStarts, offset);
  const lineStart = model.lineStarts[line]!;
  return { line: line + 1, column: Buffer.byteLength(model.text.slice(lineStart, lineStart + character), 'utf8') + 1 };
}

function rdRange(model: PostmortemModel, span: Span) {
  return { start: rdPosition(model, span.start), end: rdPosition(model, span.end) };
}

const RD_SEVERITY: Record<Severity, string> = { error: 'ERROR', warning: 'WARNING', info: 'INFO', hint: 'INFO' };

/** The edits a reviewer may accept: the safe fix's first, then each rewrite's (alternatives: a reviewer applies one). */
function rdSuggestions(model: PostmortemModel, f: Finding) {
  const fixes: Fix[] = [...(f.fix ? [f.fix] : []), ...(f.suggestions ?? [])];
  return fixes.flatMap((fix) => fix.edits.map((e) => ({ range: rdRange(model, e), text: e.text })));
}

/**
 * `--format rdjson`: reviewdog's DiagnosticResult (`reviewdog -f=rdjson`). Safe fixes and rewrites travel as
 * `suggestions`, which reviewdog posts as suggested changes on a pull request.
 */
export function rdjson(reports: FileReport[], cwd: string) {
  return {
    source: { name: 'postmortem-lint', url: PROJECT_URL },
    diagnostics: reports.flatMap((r) => {
      const model = r.result.model;
      const path = displayPath(cwd, r.filePath);
      return r.result.findings.map((f) => {
        const suggestions = rdSuggestions(model, f);
        return {
          message: f.message,
          location: { path, range: rdRange(model, f) },
          severity: RD_SEVERITY[f.severity],
          code: { value: f.ruleId, url: f.docsUrl },
          ...(suggestions.length ? { suggestions } : {}),
        };
      });
    }),
  };
}
