// postmortem-lint command line: the same engine as the language server, for CI.
import '../node/v8flags'; // first: before any regular expression is compiled
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { globSync } from 'tinyglobby';
import {
  ConfigFiles,
  configLayers,
  configProblems,
  formatProblem,
  ResolvedConfigs,
  type AppliedConfig,
  type LoadedConfig,
} from '../node/configFile';
import {
  allRules,
  applyFixes,
  lintDocument,
  resolveConfig,
  configSources,
  exportActions,
  exportRows,
  type ExportRow,
  type ResolvedConfig,
  CONFIG_KEYS,
  closestMatch,
  type ConfigProblem,
  type LintConfig,
  type LintResult,
  testCustomRuleExamples,
} from '../engine/index';
import { EXPORT_FORMATS, VERSION } from '../protocol';
import { displayPath, github, sarif, stylish, toJson, type FileReport } from './formats';
import { inspectModel } from './inspect';
import { codequality, junit, rdjson } from './ciFormats';
import { ChangeScopeError, scopeFromDiffFile, scopeFromGit, type ChangeScope } from './changed';
import { runReport } from './report/run';
import { ignoredBy } from '../node/markdownFiles';
import { matchesPostmortemGlobs } from '../globs';
import { globPath, ProjectRoots } from '../node/paths';
import { readTextFile, rewriteTextFile, type TextFile } from '../node/textFile';

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'codequality', 'rdjson'] as const;
type Format = (typeof FORMATS)[number];

export class UsageError extends Error {}

const HELP = `Usage: postmortem-lint [options] <files|dirs|globs...>
       postmortem-lint inspect <file>
       postmortem-lint actions [--format csv|json|markdown] [--config <file>] [--today <date>] [--all] <files|dirs|globs...>
       postmortem-lint report [--format markdown|json|html] [--since <date>] [--tracker <file>] [-o <file>] <dirs|globs...>
       postmortem-lint test-config [--config <file> | <dir>]

Lints Markdown incident postmortems: blameless language, timeline, action items, template sections.
Files named explicitly are always linted; files found through directories or globs are linted only
when they look like postmortems (by content, or by a path under the project root, the nearest folder
with .postmortemlintrc.json, .git or package.json, matching postmortems/, incidents/, *postmortem*.md...),
unless --all is given.

Options:
  -f, --format <name>  stylish (default) | json | sarif | github | junit | codequality (GitLab) | rdjson (reviewdog)
  --fix                apply safe fixes to the files, then report what is left
  --config <file>      use this config file instead of looking up .postmortemlintrc.json
  --today <date>       treat this ISO date as today (overdue action items; for archives and reproducible CI)
  --no-cap             show every language finding (by default 3 per paragraph; the rest are counted on the last)
  --all                lint every Markdown file found in directories and globs, postmortem or not
  --max-warnings <n>   exit 1 when there are more than n warnings (default: no limit)
  --print-config <file>  print the configuration that applies to a file and where each value comes from (no lint)
  --changed-since <ref>  report only findings on lines changed since a git ref (a new file counts whole)
  --diff <file>        the same for the lines a unified diff adds or modifies ('-' reads stdin)
  -h, --help           show this help
  -v, --version        show the version

\`actions\` prints the action items of the given postmortems (default --format csv: RFC 4180, CRLF, one row
per item with file, line, section, group, action, owners, due, dueDate, status, priority, type, tracker,
doneWhen; ready to import into an issue tracker). It never modifies the files.

\`test-config\` runs the examples of every custom rule (\`customRules\`) in the configuration (--config's file, or the
config files that apply to <dir>, default the current folder): each bad example must be flagged by its rule, each
good one not. Exit 0 when all behave, 1 when one does not, 2 on a config problem.

\`report\` summarises the follow-through across postmortems: action items by state, incidents and their metrics,
timeliness, recurring incidents and promises, drift against a tracker export (postmortem-lint report --help).

Exit codes: 0 no errors and warnings within the limit; 1 findings over the limit; 2 usage or config failure.`;

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

interface Options {
  format: Format;
  fix: boolean;
  config?: string;
  /** `--today` and `--no-cap`, as a config layer over the config file. */
  overrides?: LintConfig;
  maxWarnings: number;
  all: boolean;
  inputs: string[];
  changedSince?: string;
  diff?: string;
  /** `--print-config <file>`: print the configuration for this file instead of linting. */
  printConfig?: string;
}

/** Parse argv with node's util.parseArgs; its errors (unknown option, missing value) become usage errors. */
function parseCommandLine<T extends ParseArgsConfig['options']>(argv: string[], options: T) {
  const all = { help: { type: 'boolean', short: 'h' }, ...options } as const;
  try {
    return parseArgs({ args: argv, options: all, allowPositionals: true, strict: true });
  } catch (err) {
    const message = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    const unknown = /^Unknown option '--([^']+)'/.exec(message)?.[1];
    const guess = unknown ? closestMatch(unknown, Object.keys(all)) : undefined;
    throw new UsageError(guess ? `${message} (did you mean --${guess}?)` : message);
  }
}

/** `--today YYYY-MM-DD` as a config layer over the config file (overdue checks on an archive, reproducible CI). */
function todayLayer(value: string | undefined): LintConfig | undefined {
  if (value === undefined) return undefined;
  const problems: ConfigProblem[] = [];
  const today = CONFIG_KEYS.today.read(value, '--today', problems, new Set());
  if (!today) throw new UsageError(`--today: ${problems[0]?.message ?? 'expected an ISO date'}`);
  return { today };
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, what: string): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`unknown ${what} "${value}" (use ${allowed.join(', ')})`);
  return value as T;
}

function parseLintArgs(argv: string[]): Options | 'help' | 'version' {
  const { values, positionals } = parseCommandLine(argv, {
    version: { type: 'boolean', short: 'v' },
    fix: { type: 'boolean' },
    format: { type: 'string', short: 'f' },
    config: { type: 'string' },
    today: { type: 'string' },
    'no-cap': { type: 'boolean' },
    'max-warnings': { type: 'string' },
    all: { type: 'boolean' },
    'changed-since': { type: 'string' },
    diff: { type: 'string' },
    'print-config': { type: 'string' },
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError('--max-warnings needs a whole number (-1 for no limit)');
  }
  return {
    format: oneOf(values.format, FORMATS, 'stylish', 'format'),
    fix: values.fix === true,
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.today !== undefined || values['no-cap']
      ? { overrides: { ...todayLayer(values.today), ...(values['no-cap'] ? { languageFindingsPerParagraph: 0 } : {}) } }
      : {}),
    maxWarnings,
    all: values.all === true,
    inputs: positionals,
    ...(values['changed-since'] !== undefined ? { changedSince: values['changed-since'] } : {}),
    ...(values.diff !== undefined ? { diff: values.diff } : {}),
    ...(values['print-config'] !== undefined ? { printConfig: values['print-config'] } : {}),
  };
}

/** The config named by --config and what it extends (usage error when missing or invalid), or undefined to look files up. */
function explicitConfig(configPath: string | undefined, cwd: string): AppliedConfig | undefined {
  if (configPath === undefined) return undefined;
  const abs = path.resolve(cwd, configPath);
  if (!fs.existsSync(abs)) throw new UsageError(`config file not found: ${configPath}`);
  const applied = new ConfigFiles().forConfigFile(abs);
  failOnConfigProblems(applied);
  return applied;
}

interface Target {
  file: string;
  explicit: boolean;
}

const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** The folder whose ignore files apply to `dir`: the nearest one at or above it holding `.git`, else `dir` itself. */
function ignoreRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return dir;
  }
}

function expandInputs(inputs: string[], cwd: string): Target[] {
  const targets = new Map<string, Target>();
  // files found through directories and globs skip what .gitignore and .postmortemlintignore exclude; named files
  // are always linted
  const ignored = new Map<string, (file: string) => boolean>();
  const excluded = (file: string, from: string) => {
    const root = ignoreRoot(from);
    let test = ignored.get(root);
    if (!test) ignored.set(root, (test = ignoredBy(root)));
    return test(file);
  };
  const add = (file: string, explicit: boolean) => {
    const abs = path.resolve(cwd, file);
    const prev = targets.get(abs);
    targets.set(abs, { file: abs, explicit: explicit || !!prev?.explicit });
  };
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) add(abs, true);
    else if (stat?.isDirectory()) {
      for (const f of globSync(['**/*.md', '**/*.markdown'], { cwd: abs, ignore: IGNORE, absolute: true, dot: false }))
        if (!excluded(f, abs)) add(f, false);
    } else {
      const found = globSync([input], { cwd, ignore: IGNORE, absolute: true });
      if (!found.length) throw new UsageError(`no such file, directory or matching glob: ${input}`);
      for (const f of found) if (!excluded(f, cwd)) add(f, false);
    }
  }
  return [...targets.values()].sort((a, b) => a.file.localeCompare(b.file));
}

/** The detection options of one target: named files (or every file, with --all) are linted whatever they hold. */
function detectionFor(target: Target, all: boolean, roots: ProjectRoots, cwd: string) {
  return { forced: target.explicit || all, pathMatched: matchesPostmortemGlobs(globPath(target.file, roots, [cwd])) };
}

/** A file skipped as not a postmortem that --all would lint (not one turned off by `<!-- postmortem-lint disable -->`). */
function wouldLintWithAll(target: Target, all: boolean, result: LintResult): boolean {
  return !target.explicit && !all && !result.model.explicitlyDisabled;
}

/** `3 Markdown files skipped: not postmortems (use --all to lint them)`, or nothing when none was skipped. */
export function skippedNote(skipped: number): string | undefined {
  if (!skipped) return undefined;
  return skipped === 1
    ? '1 Markdown file skipped: not a postmortem (use --all to lint it)'
    : `${skipped} Markdown files skipped: not postmortems (use --all to lint them)`;
}

/** The config files that apply to a file: --config's, else those found from its folder up. */
function configFor(file: string, explicitConfig: AppliedConfig | undefined, configFiles: ConfigFiles): AppliedConfig | undefined {
  return explicitConfig ?? configFiles.forDirectory(path.dirname(file));
}

function failOnConfigProblems(applied: AppliedConfig | undefined): void {
  const problems = configProblems(applied);
  if (problems.length) {
    throw new UsageError(`invalid config:\n${problems.map(({ loaded, problem }) => `  ${formatProblem(loaded, problem)}`).join('\n')}`);
  }
}

/** The command-line flags that set a config value (`--today`, `--no-cap`), by key: where --print-config says it came from. */
const FLAG_OF: Partial<Record<keyof ResolvedConfig, string>> = { today: '--today', languageFindingsPerParagraph: '--no-cap' };

/**
 * `--print-config <file>`: the resolved configuration that applies to a file (its config files, or --config, with
 * what they extend and the override blocks that match it, under --today and --no-cap) and, for each value and each
 * rule, where it comes from: a config file (an extended one included), `<file> overrides[i]`, a flag, or the
 * built-in default.
 */
function printConfig(file: string, parsed: Options, io: CliIO): number {
  const abs = path.resolve(io.cwd, file);
  if (!fs.existsSync(abs)) throw new UsageError(`--print-config: no such file: ${file}`);
  const applied = configFor(abs, explicitConfig(parsed.config, io.cwd), new ConfigFiles());
  failOnConfigProblems(applied);
  const { layers } = configLayers(applied, abs, (f) => displayPath(io.cwd, f));
  const flags = Object.entries(parsed.overrides ?? {}).map(([key, value]) => ({
    config: { [key]: value } as LintConfig,
    source: FLAG_OF[key as keyof ResolvedConfig]!,
  }));
  const all = [...layers, ...flags];
  const config = resolveConfig(
    all.map((l) => l.config),
    allRules,
  );
  const nearest = applied?.files.at(-1);
  const configFile = nearest ? displayPath(io.cwd, nearest.path) : null;
  // every file that applies, in the order applied: parent folders' config files and extended files included
  const configFiles = [...new Set(applied?.files.flatMap((f) => f.parts.map((p) => displayPath(io.cwd, p.file))) ?? [])];
  const sources = configSources(all, allRules);
  io.stdout(JSON.stringify({ file: displayPath(io.cwd, abs), configFile, configFiles, config, sources }, null, 2));
  return 0;
}

/**
 * `postmortem-lint test-config [--config <file> | <dir>]`: run each custom rule's examples and report per rule. The
 * configuration is what applies to files in the folder (its config files and what they extend, without override
 * blocks, which cannot define custom rules). Exit 0 all behave, 1 one does not, 2 a config problem.
 */
function runTestConfig(argv: string[], io: CliIO): number {
  const { values, positionals } = parseCommandLine(argv, { config: { type: 'string' } });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length > 1 || (values.config !== undefined && positionals.length))
    throw new UsageError('usage: postmortem-lint test-config [--config <file> | <dir>]');
  const files = new ConfigFiles();
  let applied: AppliedConfig | undefined;
  if (values.config !== undefined) {
    const abs = path.resolve(io.cwd, values.config);
    if (!fs.existsSync(abs)) throw new UsageError(`config file not found: ${values.config}`);
    applied = files.forConfigFile(abs);
  } else {
    const dir = path.resolve(io.cwd, positionals[0] ?? '.');
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`not a directory: ${positionals[0]}`);
    applied = files.forDirectory(dir);
    if (!applied) throw new UsageError(`no .postmortemlintrc.json applies to ${displayPath(io.cwd, dir) || '.'}`);
  }
  const problems = configProblems(applied);
  for (const { loaded, problem } of problems) io.stderr(`postmortem-lint: ${formatProblem(loaded, problem)}`);
  const config = resolveConfig(applied?.files.flatMap((f) => f.parts.map((p) => p.config)) ?? [], allRules);
  let failing = 0;
  for (const def of config.customRules) {
    const results = testCustomRuleExamples(def, config);
    const bad = results.filter((r) => !r.ok);
    if (bad.length) failing++;
    const counts = `${def.examples.bad.length} bad, ${def.examples.good.length} good`;
    io.stdout(`${bad.length ? 'FAIL' : 'ok  '} ${def.id} (${counts})`);
    for (const r of bad)
      io.stdout(
        r.expected === 'flagged'
          ? `       bad example not flagged: "${r.text}"`
          : `       good example flagged: "${r.text}" (at ${r.flagged.map((w) => `"${w}"`).join(', ')})`,
      );
  }
  const n = config.customRules.length;
  io.stdout(
    n === 0
      ? 'no custom rules in the configuration'
      : `${n} custom rule${n === 1 ? '' : 's'}: ${n - failing} behave${failing ? `, ${failing} do${failing === 1 ? 'es' : ''} not` : ''}`,
  );
  if (problems.length) {
    io.stderr(`postmortem-lint: the configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    return 2;
  }
  return failing ? 1 : 0;
}

/** `postmortem-lint actions <files…> --format csv|json|markdown`: export action items; files are only read. */
function runActions(argv: string[], io: CliIO): number {
  const { values, positionals: inputs } = parseCommandLine(argv, {
    format: { type: 'string', short: 'f' },
    config: { type: 'string' },
    today: { type: 'string' },
    all: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = oneOf(values.format, EXPORT_FORMATS, 'csv', 'actions format');
  if (!inputs.length) throw new UsageError('usage: postmortem-lint actions [--format csv|json|markdown] <files...>');
  const explicit = explicitConfig(values.config, io.cwd);
  const today = todayLayer(values.today);
  const configFiles = new ConfigFiles();
  const resolved = new ResolvedConfigs([today]);
  const roots = new ProjectRoots();
  const rows: ExportRow[] = [];
  let skipped = 0;
  let failedFiles = 0;
  for (const target of expandInputs(inputs, io.cwd)) {
    const loaded = configFor(target.file, explicit, configFiles);
    failOnConfigProblems(loaded);
    const rel = displayPath(io.cwd, target.file);
    const text = readOrReport(target.file, rel, io)?.text;
    if (text === undefined) {
      failedFiles++;
      continue;
    }
    // No rules run: the model, detection and the size guard are all an export needs.
    const result = lintDocument(text, resolved.for(loaded, target.file), {
      rules: [],
      ...detectionFor(target, values.all === true, roots, io.cwd),
    });
    if (result.skipped && target.explicit) io.stderr(`postmortem-lint: skipped ${rel}: ${result.detection.reason}`);
    if (!result.detection.isPostmortem) {
      if (wouldLintWithAll(target, values.all === true, result)) skipped++;
      continue;
    }
    rows.push(...exportRows(result.model, rel));
  }
  // io.stdout ends each write with \n: drop exactly one so the bytes written are the export (CSV keeps CRLF).
  io.stdout(exportActions(rows, format).replace(/\n$/, ''));
  const note = skippedNote(skipped);
  if (note) io.stderr(`postmortem-lint: ${note}`);
  return failedFiles ? 2 : 0;
}

/** The file as read, or undefined after saying on stderr why it cannot be read (the run goes on without it). */
function readOrReport(file: string, shown: string, io: CliIO): TextFile | undefined {
  try {
    return readTextFile(file);
  } catch (err) {
    io.stderr(`postmortem-lint: cannot read ${shown}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    return undefined;
  }
}

/** `--changed-since REF` / `--diff FILE`: the change whose lines are reported, or undefined to report everything. */
function changeScope(parsed: Options, targets: Target[], cwd: string): ChangeScope | undefined {
  if (parsed.changedSince !== undefined && parsed.diff !== undefined) throw new UsageError('use --changed-since or --diff, not both');
  if (parsed.changedSince !== undefined) {
    return scopeFromGit(
      parsed.changedSince,
      targets.map((t) => t.file),
      cwd,
    );
  }
  return parsed.diff !== undefined ? scopeFromDiffFile(parsed.diff, cwd) : undefined;
}
/** What `report` borrows from the lint command: its argument parsing, discovery, detection and config lookup. */
const reportHost = {
  parseCommandLine,
  usageError: (message: string) => new UsageError(message),
  oneOf,
  explicitConfig,
  todayLayer,
  expandInputs,
  detectionFor,
  configFor,
  failOnConfigProblems,
  readOrReport,
  wouldLintWithAll,
  skippedNote,
};

export function runCli(argv: string[], io: CliIO): number {
  try {
    if (argv[0] === 'actions') return runActions(argv.slice(1), io);
    if (argv[0] === 'report') return runReport(argv.slice(1), io, reportHost);
    if (argv[0] === 'test-config') return runTestConfig(argv.slice(1), io);
    if (argv[0] === 'inspect') {
      const { values, positionals } = parseCommandLine(argv.slice(1), {});
      if (values.help) {
        io.stdout(HELP);
        return 0;
      }
      const file = positionals[0];
      if (!file || positionals.length > 1) throw new UsageError('usage: postmortem-lint inspect <file>');
      const abs = path.resolve(io.cwd, file);
      let text: string;
      try {
        text = readTextFile(abs).text;
      } catch {
        throw new UsageError(`cannot read ${file}`);
      }
      const loaded = configFor(abs, undefined, new ConfigFiles());
      failOnConfigProblems(loaded);
      const result = lintDocument(text, new ResolvedConfigs().for(loaded, abs), {
        force: true,
        pathMatched: matchesPostmortemGlobs(globPath(abs, new ProjectRoots(), [io.cwd])),
      });
      io.stdout(JSON.stringify(inspectModel(result), null, 2));
      return 0;
    }
    const parsed = parseLintArgs(argv);
    if (parsed === 'help') {
      io.stdout(HELP);
      return 0;
    }
    if (parsed === 'version') {
      io.stdout(VERSION);
      return 0;
    }
    if (parsed.printConfig !== undefined) return printConfig(parsed.printConfig, parsed, io);
    if (!parsed.inputs.length) throw new UsageError('no files given (try --help)');
    const explicit = explicitConfig(parsed.config, io.cwd);
    const targets = expandInputs(parsed.inputs, io.cwd);
    const scope = changeScope(parsed, targets, io.cwd);
    const configFiles = new ConfigFiles();
    const roots = new ProjectRoots();
    let skipped = 0;
    let failedFiles = 0; // files that could not be read, or not fixed without loss (exit 2)
    // one resolved config per set of config files and override blocks, so the engine's per-configuration work is
    // done once per run
    const resolved = new ResolvedConfigs([parsed.overrides]);
    const reports: FileReport[] = [];
    // A config with problems is reported once (stderr), the files are linted with its valid part, and the run
    // exits 2 at the end: CI fails on a broken config and still shows every finding in one run.
    const reportedConfigs = new Set<LoadedConfig>();
    for (const target of targets) {
      const applied = configFor(target.file, explicit, configFiles);
      for (const loaded of applied?.files ?? []) {
        if (!loaded.problems.length || reportedConfigs.has(loaded)) continue;
        reportedConfigs.add(loaded);
        io.stderr(
          `postmortem-lint: invalid config (linting with its valid settings):\n${loaded.problems.map((p) => `  ${formatProblem(loaded, p)}`).join('\n')}`,
        );
      }
      const config = resolved.for(applied, target.file);
      // one unreadable file (permissions, a race with a deletion, a device) is reported and the run goes on
      const shown = displayPath(io.cwd, target.file);
      const read = readOrReport(target.file, shown, io);
      if (read === undefined) {
        failedFiles++;
        continue;
      }
      let text = read.text;
      const options = detectionFor(target, parsed.all, roots, io.cwd);
      let result = lintDocument(text, config, options);
      if (scope) result = scope.filter(target.file, result);
      // a file too large to lint is reported (its document-size warning), never dropped silently
      if (result.skipped && result.findings.length) {
        reports.push({ filePath: target.file, text, result });
        continue;
      }
      if (!result.detection.isPostmortem) {
        if (wouldLintWithAll(target, parsed.all, result)) skipped++;
        continue;
      }
      if (parsed.fix) {
        const fixed = applyFixes(text, result.findings);
        const refused = fixed !== text ? rewriteTextFile(target.file, read, fixed) : undefined;
        if (refused) {
          failedFiles++;
          io.stderr(`postmortem-lint: not fixing ${shown}: ${refused}; the file is unchanged`);
        } else if (fixed !== text) {
          text = fixed;
          result = lintDocument(text, config, options);
          if (scope) result = scope.filter(target.file, result);
        }
      }
      for (const e of result.ruleErrors) io.stderr(`postmortem-lint: rule ${e.ruleId} failed on ${target.file}: ${e.message}`);
      reports.push({ filePath: target.file, text, result });
    }
    switch (parsed.format) {
      case 'json':
        io.stdout(JSON.stringify(toJson(reports, io.cwd), null, 2));
        break;
      case 'sarif':
        io.stdout(JSON.stringify(sarif(reports, io.cwd), null, 2));
        break;
      case 'junit':
        io.stdout(junit(reports, io.cwd));
        break;
      case 'codequality':
        io.stdout(JSON.stringify(codequality(reports, io.cwd), null, 2));
        break;
      case 'rdjson':
        io.stdout(JSON.stringify(rdjson(reports, io.cwd), null, 2));
        break;
      case 'github': {
        const out = github(reports, io.cwd);
        if (out) io.stdout(out);
        break;
      }
      default:
        io.stdout(stylish(reports, io.cwd));
    }
    // on stderr, so that json, sarif and github output stays machine-readable
    const note = skippedNote(skipped);
    if (note) io.stderr(`postmortem-lint: ${note}`);
    const all = reports.flatMap((r) => r.result.findings);
    const errors = all.filter((f) => f.severity === 'error').length;
    const warnings = all.filter((f) => f.severity === 'warning').length;
    if (reportedConfigs.size > 0 || failedFiles > 0) return 2;
    if (errors > 0) return 1;
    if (parsed.maxWarnings >= 0 && warnings > parsed.maxWarnings) return 1;
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ChangeScopeError) {
      io.stderr(`postmortem-lint: ${err.message}`);
      return 2;
    }
    io.stderr(`postmortem-lint: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 2;
  }
}

if (require.main === module) {
  // a reader that closes the pipe early (`postmortem-lint … | head`) ends the run quietly
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  const code = runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(`${s}\n`),
    stderr: (s) => process.stderr.write(`${s}\n`),
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
