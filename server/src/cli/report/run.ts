// `postmortem-lint report`: the I/O around the pure report (compute.ts): arguments, the CLI's own file discovery,
// detection and config (lent by cli.ts through ReportHost, so there is one walker), the first-commit dates from git
// when the files are in a git work tree, the tracker file, and where the output goes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintDocument, type LintConfig, type LintResult } from '../../engine/index';
import { ConfigFiles, ResolvedConfigs, type AppliedConfig } from '../../node/configFile';
import { firstCommitDate, inGitWorkTree } from '../../node/gitDates';
import { ProjectRoots } from '../../node/paths';
import type { TextFile } from '../../node/textFile';
import { displayPath } from '../formats';
import { buildReport, digest, type ReportDigest } from './compute';
import { REPORT_FORMATS, renderReport } from './render';
import { parseTracker, TrackerFormatError } from './tracker';

export const REPORT_HELP = `Usage: postmortem-lint report [--format markdown|json|html] [--since <date>] [--tracker <file>] [-o <file>] [--today <date>] <dirs|globs|files...>

Follow-through across postmortems: action items by state (open, overdue, done, let go), completion, open items
per owner, items missing an owner/date/ticket; one row per incident (date, severity, duration, TTD/TTA/TTM/TTR)
and the trend by month; days from the incident to the postmortem (its written/published/review date, else the
file's first git commit); incidents and promises that recur; drift against a tracker export.

Options:
  -f, --format <name>  markdown (default) | json (schema: docs/report.md) | html (one self-contained file, charts included)
  --since <date>       only incidents on or after this ISO date
  --tracker <file>     a tracker snapshot: \`gh issue list --json number,state,title,url,closedAt,assignees\` output, or a Jira CSV export
  -o, --output <file>  write the report to this file instead of stdout
  --today <date>       count overdue days to this ISO date instead of today
  --config <file>      use this config file instead of looking up .postmortemlintrc.json
  --all                read every Markdown file found, postmortem or not

Exit codes: 0 report written; 2 usage error (unknown format, unreadable tracker file, no postmortems found).`;

interface Target {
  file: string;
  explicit: boolean;
}

/** What the report borrows from the lint command (cli.ts), so discovery, detection and config stay in one place. */
export interface ReportHost {
  parseCommandLine: (
    argv: string[],
    options: Record<string, { type: 'string' | 'boolean'; short?: string }>,
  ) => { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
  usageError: (message: string) => Error;
  oneOf: <T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, what: string) => T;
  explicitConfig: (configPath: string | undefined, cwd: string) => AppliedConfig | undefined;
  todayLayer: (value: string | undefined) => LintConfig | undefined;
  expandInputs: (inputs: string[], cwd: string) => Target[];
  detectionFor: (target: Target, all: boolean, roots: ProjectRoots, cwd: string) => { forced: boolean; pathMatched: boolean };
  configFor: (file: string, explicitConfig: AppliedConfig | undefined, configFiles: ConfigFiles) => AppliedConfig | undefined;
  failOnConfigProblems: (applied: AppliedConfig | undefined) => void;
  readOrReport: (file: string, shown: string, io: ReportIO) => TextFile | undefined;
  wouldLintWithAll: (target: Target, all: boolean, result: LintResult) => boolean;
  skippedNote: (skipped: number) => string | undefined;
}

export interface ReportIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

/** An ISO date option (YYYY-MM-DD, a real day), or a usage error naming the option. */
function isoDateOption(value: string | undefined, option: string, host: ReportHost): string | undefined {
  if (value === undefined) return undefined;
  let date: string | undefined;
  try {
    date = host.todayLayer(value)?.today;
  } catch {
    date = undefined;
  }
  if (!date) throw host.usageError(`${option}: expected an ISO date (YYYY-MM-DD), got "${value}"`);
  return date;
}

export function runReport(argv: string[], io: ReportIO, host: ReportHost): number {
  const { values, positionals: inputs } = host.parseCommandLine(argv, {
    format: { type: 'string', short: 'f' },
    since: { type: 'string' },
    tracker: { type: 'string' },
    output: { type: 'string', short: 'o' },
    today: { type: 'string' },
    config: { type: 'string' },
    all: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(REPORT_HELP);
    return 0;
  }
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const format = host.oneOf(str('format'), REPORT_FORMATS, 'markdown', 'report format');
  const today = host.todayLayer(str('today'))?.today;
  const since = isoDateOption(str('since'), '--since', host);
  if (!inputs.length) throw host.usageError('usage: postmortem-lint report [--format markdown|json|html] <dirs|globs|files...>');
  let tracker: (ReturnType<typeof parseTracker> & { file: string }) | undefined;
  const trackerPath = str('tracker');
  if (trackerPath !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(io.cwd, trackerPath), 'utf8');
    } catch (err) {
      throw host.usageError(`cannot read the tracker file ${trackerPath}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    try {
      tracker = { ...parseTracker(text), file: trackerPath };
    } catch (err) {
      if (err instanceof TrackerFormatError) throw host.usageError(`tracker file ${trackerPath}: ${err.message}`);
      throw err;
    }
  }
  const all = values.all === true;
  const explicit = host.explicitConfig(str('config'), io.cwd);
  const configFiles = new ConfigFiles();
  const resolved = new ResolvedConfigs();
  const roots = new ProjectRoots();
  const documents: ReportDigest[] = []; // digests, not models: one syntax tree in memory at a time
  const gitDirs = new Map<string, boolean>();
  let skipped = 0;
  for (const target of host.expandInputs(inputs, io.cwd)) {
    const loaded = host.configFor(target.file, explicit, configFiles);
    host.failOnConfigProblems(loaded);
    const shown = displayPath(io.cwd, target.file);
    const text = host.readOrReport(target.file, shown, io)?.text;
    if (text === undefined) continue;
    // No rules run: the model and detection are all the report needs.
    const result = lintDocument(text, resolved.for(loaded, target.file), {
      rules: [],
      ...host.detectionFor(target, all, roots, io.cwd),
    });
    if (!result.detection.isPostmortem) {
      if (host.wouldLintWithAll(target, all, result)) skipped++;
      continue;
    }
    const d = digest({ file: shown, model: result.model });
    // git only for the files whose own metadata gives no date it was written (the language server's dashboard asks the
    // same of the same digest)
    if (!d.stated.written) {
      const dir = path.dirname(target.file);
      let inGit = gitDirs.get(dir);
      if (inGit === undefined) gitDirs.set(dir, (inGit = inGitWorkTree(dir)));
      const committed = inGit ? firstCommitDate(target.file) : undefined;
      if (committed) d.firstCommit = committed;
    }
    documents.push(d);
  }
  const note = host.skippedNote(skipped);
  if (note) io.stderr(`postmortem-lint: ${note}`);
  if (!documents.length) throw host.usageError(`no postmortems found in ${inputs.join(', ')}`);
  const report = buildReport(documents, {
    now: today ?? new Date().toISOString().slice(0, 10),
    ...(since ? { since } : {}),
    ...(tracker ? { tracker } : {}),
  });
  const out = renderReport(report, format);
  const output = str('output');
  if (output !== undefined) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, output), out);
    } catch (err) {
      throw host.usageError(`cannot write ${output}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    io.stderr(`postmortem-lint: report written to ${output}`);
  } else io.stdout(out.replace(/\n$/, ''));
  return 0;
}
