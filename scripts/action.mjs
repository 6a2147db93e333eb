// The GitHub Action's entry (action.yml runs it after building dist/cli.js): lints the postmortems of the workspace
// (or the `files` input's files, folders and globs); in a pull request only the lines it changed (`--changed-since`
// the base commit of the event payload), writes workflow annotations (`--format github`), a Markdown job summary to
// $GITHUB_STEP_SUMMARY (counts by rule, the worst findings, action items without an owner or a due date), the counts
// to $GITHUB_OUTPUT, and exits like the CLI: 1 on errors or more warnings than `max-warnings`, 2 on a usage failure.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = process.env.POSTMORTEM_LINT_CLI || path.join(here, '..', 'dist', 'cli.js');
const cwd = process.env.GITHUB_WORKSPACE || process.cwd();
const SEVERITIES = ['error', 'warning', 'info', 'hint'];
const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);
const OWNER_OR_DATE = new Set(['action-item-owner', 'action-item-single-owner', 'action-item-due-date']);
const WORST = 10;

/** An action input (`with:`), as action.yml passes it: INPUT_<NAME>, upper-cased, spaces and hyphens as underscores. */
function input(name) {
  return (process.env[`INPUT_${name.replace(/[ -]/g, '_').toUpperCase()}`] ?? '').trim();
}

function git(...args) {
  return spawnSync('git', args, { cwd, encoding: 'utf8' });
}

/** The pull request's base commit from the event payload, fetched when a shallow checkout does not have it. */
function pullRequestBase() {
  if (!PR_EVENTS.has(process.env.GITHUB_EVENT_NAME ?? '') || !process.env.GITHUB_EVENT_PATH) return undefined;
  const event = JSON.parse(fs.readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'));
  const sha = event.pull_request?.base?.sha;
  if (typeof sha !== 'string' || !/^[0-9a-f]{7,64}$/i.test(sha)) return undefined;
  if (git('cat-file', '-e', `${sha}^{commit}`).status !== 0) {
    const fetched = git('fetch', '--no-tags', '--depth=1', 'origin', sha);
    if (fetched.status !== 0) {
      console.log(`::warning title=postmortem-lint::cannot fetch the base commit ${sha}; check out with fetch-depth: 0`);
    }
  }
  return sha;
}

/** `files` input: one file, folder or glob per line or separated by spaces (quote nothing). */
function inputs() {
  const files = input('files').split(/\s+/).filter(Boolean);
  return files.length ? files : ['.'];
}

function lint(args) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

/** Text for a Markdown table cell or list item: pipes, backticks, angle brackets and line breaks made harmless. */
function md(s) {
  return s
    .replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`)
    .replace(/\r?\n|\r/g, ' ')
    .trim();
}

/** The job summary (Markdown) for the findings of a `--format json` report. */
export function summary(report, { base, maxWarnings }) {
  const all = report.flatMap((file) => file.messages.map((m) => ({ ...m, filePath: file.filePath })));
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, all.filter((m) => m.severity === s).length]));
  const out = ['## Postmortem lint', ''];
  const scope = base ? ` (only lines changed since \`${base.slice(0, 12)}\`)` : '';
  out.push(
    all.length
      ? `**${all.length} problem${all.length === 1 ? '' : 's'}** — ${SEVERITIES.map((s) => `${counts[s]} ${s}${counts[s] === 1 || s === 'info' ? '' : 's'}`).join(', ')} — in ${report.length} postmortem${report.length === 1 ? '' : 's'}${scope}.`
      : `No problems in ${report.length} postmortem${report.length === 1 ? '' : 's'}${scope}.`,
  );
  if (maxWarnings >= 0) out.push('', `Warnings allowed: ${maxWarnings}.`);
  if (!all.length) return `${out.join('\n')}\n`;

  const byRule = new Map();
  for (const m of all) {
    const row = byRule.get(m.ruleId) ?? Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
    row[m.severity]++;
    byRule.set(m.ruleId, row);
  }
  const total = (row) => SEVERITIES.reduce((n, s) => n + row[s], 0);
  out.push('', '### By rule', '', '| Rule | Errors | Warnings | Info | Hints | Total |', '| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [rule, row] of [...byRule].sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]))) {
    out.push(`| \`${rule}\` | ${SEVERITIES.map((s) => row[s]).join(' | ')} | ${total(row)} |`);
  }

  const rank = (m) => SEVERITIES.indexOf(m.severity);
  const worst = [...all].sort((a, b) => rank(a) - rank(b) || a.filePath.localeCompare(b.filePath) || a.line - b.line).slice(0, WORST);
  out.push(
    '',
    `### Worst findings${all.length > WORST ? ` (${WORST} of ${all.length})` : ''}`,
    '',
    '| Severity | Where | Rule | Message |',
    '| --- | --- | --- | --- |',
  );
  for (const m of worst) out.push(`| ${m.severity} | ${md(`${m.filePath}:${m.line}`)} | \`${m.ruleId}\` | ${md(m.message)} |`);

  const items = all.filter((m) => OWNER_OR_DATE.has(m.ruleId));
  if (items.length) {
    out.push('', '### Action items without an owner or a due date', '');
    for (const m of items) out.push(`- ${md(`${m.filePath}:${m.line}`)} — ${md(m.message)} (\`${m.ruleId}\`)`);
  }
  return `${out.join('\n')}\n`;
}

function main() {
  const base = pullRequestBase();
  const maxWarnings = input('max-warnings') === '' ? -1 : Number(input('max-warnings'));
  if (!Number.isInteger(maxWarnings) || maxWarnings < -1) {
    console.log(`::error title=postmortem-lint::max-warnings must be a whole number (got "${input('max-warnings')}")`);
    return 2;
  }
  const common = [
    ...(base && input('changed-lines-only') !== 'false' ? ['--changed-since', base] : []),
    ...(input('config') ? ['--config', input('config')] : []),
    ...(input('all') === 'true' ? ['--all'] : []),
    ...inputs(),
  ];
  // the annotations: the CLI's own `github` format, passed through to the log; its exit code is the step's
  const annotated = lint(['--format', 'github', `--max-warnings=${maxWarnings}`, ...common]);
  if (annotated.stdout) process.stdout.write(annotated.stdout.endsWith('\n') ? annotated.stdout : `${annotated.stdout}\n`);
  if (annotated.stderr) process.stderr.write(annotated.stderr);
  if (annotated.status === 2) return 2;

  const json = lint(['--format', 'json', ...common]);
  const report = JSON.parse(json.stdout || '[]');
  const text = summary(report, { base, maxWarnings });
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, text);
  else process.stdout.write(text);
  if (process.env.GITHUB_OUTPUT) {
    const all = report.flatMap((f) => f.messages);
    const count = (s) => all.filter((m) => m.severity === s).length;
    fs.appendFileSync(process.env.GITHUB_OUTPUT, `errors=${count('error')}\nwarnings=${count('warning')}\nproblems=${all.length}\n`);
  }
  return annotated.status ?? 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main();
  } catch (err) {
    console.log(`::error title=postmortem-lint::${String(err?.message ?? err).replace(/\r?\n/g, '%0A')}`);
    process.exitCode = 2;
  }
}
