// .postmortemlintrc.json discovery and loading (node side, shared by the server and the CLI).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import {
  createScanner,
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type JSONPath,
  type Node,
  type ParseError,
  type SyntaxKind,
} from 'jsonc-parser';
import picomatch from 'picomatch';
import {
  validateConfigFile,
  computeLineStarts,
  positionAt,
  allRules,
  resolveConfig,
  type ConfigOverride,
  type ExtendsEntry,
  type LintConfig,
  type ResolvedConfig,
  type SourcedLayer,
} from '../engine/index';
import { inside } from './paths';
import { readRegularFile } from './regularFile';

export const CONFIG_FILE_NAMES = ['.postmortemlintrc.json', '.postmortemlintrc'];
const MAX_CONFIG_BYTES = 1_000_000;
/** Deeper objects and arrays are refused before parsing (jsonc-parser's parser and tree walks recurse per level). */
const MAX_CONFIG_DEPTH = 100;
/** Most levels of `extends` followed from a config file (a file it names is level 1). */
export const MAX_EXTENDS_DEPTH = 10;
/** Most files one config file may pull in through `extends`, all levels together. */
export const MAX_EXTENDED_FILES = 50;
/** The file a package named in `extends` provides, looked for in this order (then a `main` ending in .json). */
export const PACKAGE_CONFIG_FILES = ['postmortemlint.json', '.postmortemlintrc.json'];

export interface ConfigMessage {
  message: string;
  line: number; // 0-based
  character: number; // 0-based
  length: number;
}

/** One file's settings and overrides: a config file is applied as its parts in order (what it extends, then itself). */
export interface ConfigPart {
  /** The file (absolute path) the values are read from. */
  file: string;
  config: LintConfig;
  overrides: ConfigOverride[];
}

/** An `extends` entry and where its value is written. */
export type LocatedExtends = ExtendsEntry & { line: number; character: number; length: number };

export interface LoadedConfig {
  path: string;
  /** Its own settings (without what it extends or its overrides). */
  config: LintConfig;
  /** `"root": true`: config files in parent folders do not apply. */
  root: boolean;
  /** Its `extends` entries, each with where it is written (a problem with what it names is reported there). */
  extends: LocatedExtends[];
  overrides: ConfigOverride[];
  /**
   * What applies, in order: the files it extends (each after what that one extends), then itself. Only itself until
   * `extends` is resolved (ConfigFiles does it).
   */
  parts: ConfigPart[];
  /** Problems found; empty when the file is fine. */
  problems: ConfigMessage[];
  /** The file could not be used at all (unreadable, invalid JSON, too large or too deep): it applies nothing. */
  unusable?: boolean;
  /** Why the file could not be read (missing, a directory, too large…), when it could not. */
  readError?: string;
}

/** Walk up from `startDir` to the filesystem root (or `stopAt`) and return the first config file found. */
export function findConfigFile(startDir: string, stopAt?: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      try {
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
    if (stopAt && path.resolve(stopAt) === dir) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function lineCol(text: string, offset: number): { line: number; character: number } {
  return positionAt(computeLineStarts(text), offset);
}

/** `rules.foo[1]` → ['rules', 'foo', 1]: a validation problem's path as jsonc-parser's JSONPath. */
function jsonPath(problemPath: string): JSONPath {
  const out: JSONPath = [];
  for (const part of problemPath.split('.').filter(Boolean)) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return out;
    if (m[1]) out.push(m[1]);
    for (const index of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/**
 * Where a problem at `problemPath` is in the syntax tree: a property's key (`"foo"` of `"foo": …`), an array element
 * itself (or, with `value`, a property's value), or the start of the document when the path names nothing (a problem
 * with the whole object).
 */
function locate(tree: Node | undefined, problemPath: string, value = false): { offset: number; length: number } {
  const node = tree && findNodeAtLocation(tree, jsonPath(problemPath));
  if (!node || node === tree) return { offset: 0, length: 1 };
  const at = node.parent?.type === 'property' && !value ? node.parent.children![0]! : node;
  return { offset: at.offset, length: Math.max(1, at.length) };
}

// jsonc-parser's SyntaxKind values (an ambient const enum, which isolatedModules cannot read)
const OPEN_BRACE = 1 as SyntaxKind;
const CLOSE_BRACE = 2 as SyntaxKind;
const OPEN_BRACKET = 3 as SyntaxKind;
const CLOSE_BRACKET = 4 as SyntaxKind;
const EOF = 17 as SyntaxKind;

/** The offset of the first `{` or `[` nested deeper than MAX_CONFIG_DEPTH, if any (a scan, no recursion). */
function tooDeep(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      if (++depth > MAX_CONFIG_DEPTH) return scanner.getTokenOffset();
    } else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** A config file that applies nothing, with the one problem that says why. */
function unusable(
  filePath: string,
  message: string,
  at: { line: number; character: number; length: number } = { line: 0, character: 0, length: 1 },
): LoadedConfig {
  return {
    path: filePath,
    config: {},
    root: false,
    extends: [],
    overrides: [],
    parts: [],
    problems: [{ message: `${message}; using defaults`, ...at }],
    unusable: true,
  };
}

/** Parse and validate config text. Never throws. */
export function parseConfigText(text: string, filePath: string): LoadedConfig {
  const problem = (message: string, offset = 0): LoadedConfig => unusable(filePath, message, { ...lineCol(text, offset), length: 1 });
  if (text.length > MAX_CONFIG_BYTES) return problem(`the file is larger than ${MAX_CONFIG_BYTES} bytes`);
  // a byte-order mark (an editor saved it) is whitespace here: offsets stay those of the text
  if (text.startsWith('\uFEFF')) text = ` ${text.slice(1)}`;
  const deep = tooDeep(text);
  if (deep !== undefined) return problem(`nested more than ${MAX_CONFIG_DEPTH} levels deep`, deep);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const e = errors[0]!;
    return unusable(filePath, `invalid JSON (${printParseErrorCode(e.error)})`, {
      ...lineCol(text, e.offset),
      length: Math.max(1, e.length),
    });
  }
  const { content, problems } = validateConfigFile(tree ? getNodeValue(tree) : undefined, allRules);
  const located = (p: { path: string }, value = false) => {
    const at = locate(tree, p.path, value);
    return { ...lineCol(text, at.offset), length: at.length };
  };
  return {
    path: filePath,
    config: content.config,
    root: content.root,
    // a problem with what an entry names is shown on the entry itself (`"./base.json"`), not on the key
    extends: content.extends.map((e) => ({ ...e, ...located(e, true) })),
    overrides: content.overrides,
    parts: [{ file: filePath, config: content.config, overrides: content.overrides }],
    problems: problems.map((p) => ({ message: p.path ? `${p.path}: ${p.message}` : p.message, ...located(p) })),
  };
}

/**
 * Read and parse a config file (what it extends is not read: ConfigFiles resolves that). Never throws, never blocks
 * on a FIFO or a device (refused, as is any file that is not a regular file) and never reads more than
 * MAX_CONFIG_BYTES (a larger file is refused before it is read).
 */
export function loadConfigFile(filePath: string): LoadedConfig {
  const read = readRegularFile(filePath, { maxBytes: MAX_CONFIG_BYTES });
  if (!read.ok) {
    const reason = read.reason === 'ENOENT' ? 'no such file' : read.reason;
    return { ...unusable(filePath, `cannot read the file: ${reason}`), readError: reason };
  }
  return parseConfigText(read.bytes.toString('utf8'), filePath);
}

/** `./base.json`, `../x`, `/abs`, `C:\\x`: a path; anything else names a package. */
function isPathSpec(spec: string): boolean {
  return /^\.\.?(?:[\\/]|$)/.test(spec) || path.isAbsolute(spec);
}

type Resolved = { ok: true; file: string } | { ok: false; reason: string; lookedAt?: string };

/** The config file a package provides: PACKAGE_CONFIG_FILES in its folder, else a `main` that is a .json file. */
function packageConfigFile(dir: string, name: string): Resolved {
  for (const candidate of PACKAGE_CONFIG_FILES) {
    const file = path.join(dir, candidate);
    if (isFile(file)) return { ok: true, file };
  }
  const manifest = readRegularFile(path.join(dir, 'package.json'), { maxBytes: MAX_CONFIG_BYTES });
  if (manifest.ok) {
    let main: unknown;
    try {
      main = (JSON.parse(manifest.bytes.toString('utf8')) as { main?: unknown }).main;
    } catch {
      main = undefined;
    }
    if (typeof main === 'string' && /\.json$/i.test(main)) {
      const file = path.resolve(dir, main);
      if (inside(dir, file)) return { ok: true, file };
    }
  }
  return { ok: false, reason: `package "${name}" has no ${PACKAGE_CONFIG_FILES.join(' or ')} (nor a "main" that is a .json file)` };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The file an `extends` entry names, from the folder of the file that holds it: a path relative to that folder (or an
 * absolute one), or a package found as Node finds one (node_modules folders up from there, then the global folders),
 * optionally with a file inside it (`@acme/config/strict.json`). Only files are located here: nothing is executed.
 */
export function resolveExtends(spec: string, fromDir: string): Resolved {
  if (isPathSpec(spec)) return { ok: true, file: path.resolve(fromDir, spec) };
  const m = /^((?:@[^/\\]+\/)?[^/\\@][^/\\]*)(?:\/(.+))?$/.exec(spec);
  if (!m || m[1]!.startsWith('.'))
    return { ok: false, reason: `"${spec}" is neither a relative path (start it with ./) nor a package name` };
  const name = m[1]!;
  const sub = m[2];
  const lookup = createRequire(path.join(fromDir, 'noop.js')).resolve.paths(name) ?? [];
  const dir = lookup.map((p) => path.join(p, name)).find(isDirectory);
  if (!dir) {
    const local = path.resolve(fromDir, spec);
    return {
      ok: false,
      reason: `cannot find package "${name}" from ${fromDir}${isFile(local) ? ` (for the file beside this one, write "./${spec}")` : ''}`,
    };
  }
  if (sub === undefined) return packageConfigFile(dir, name);
  const file = path.resolve(dir, sub);
  if (!inside(dir, file)) return { ok: false, reason: `"${spec}" points outside the package` };
  return { ok: true, file };
}

/** The config files that apply to a directory: the nearest one and those above it up to a `"root": true` one. */
export interface AppliedConfig {
  /** Farthest first (the nearest is last): later files win. */
  files: LoadedConfig[];
}

/** What one problem found through an `extends` entry says (its chain of entries, and where in which file). */
interface ExtendsIssue {
  chain: string[];
  message: string;
}

/**
 * The config files that apply to each directory, found and loaded once per directory until `clear()` (a config
 * file, or a file one extends, changed). The CLI keeps one per run, the server one per session.
 *
 * The nearest config file wins over those in parent folders, which still apply beneath it (whatever it does not set
 * itself: a setting, a rule), up to the first one with `"root": true`. A file's `extends` are applied before the
 * file itself; its `overrides` after it (and before any nearer file).
 */
export class ConfigFiles {
  private readonly byDir = new Map<string, AppliedConfig | null>();
  private readonly byNearest = new Map<string, AppliedConfig>();
  /** Config files found in the tree (or named by --config), with what they extend resolved. */
  private readonly loaded = new Map<string, LoadedConfig>();
  /** Files read because a config extends them (parsed only). */
  private readonly extended = new Map<string, LoadedConfig>();
  private readonly dependencySet = new Set<string>();
  /** Called once for each config file loaded (the server reports its problems). */
  constructor(private readonly onLoad?: (loaded: LoadedConfig) => void) {}

  forDirectory(dir: string): AppliedConfig | undefined {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    const nearest = findConfigFile(dir);
    let applied: AppliedConfig | undefined;
    if (nearest) {
      applied = this.byNearest.get(nearest);
      if (!applied) {
        const files: LoadedConfig[] = [];
        for (let file: string | undefined = nearest; file;) {
          const loaded = this.load(file);
          files.unshift(loaded);
          if (loaded.root) break;
          const folder = path.dirname(file);
          const parent = path.dirname(folder);
          file = parent === folder ? undefined : findConfigFile(parent);
        }
        this.byNearest.set(nearest, (applied = { files }));
      }
    }
    this.byDir.set(dir, applied ?? null);
    return applied;
  }

  /** A config file named explicitly (`--config`): it and what it extends, without the files in parent folders. */
  forConfigFile(file: string): AppliedConfig {
    return { files: [this.load(path.resolve(file))] };
  }

  /** The files read (or looked for) to resolve `extends` since the last clear(): a change to one should clear(). */
  get dependencies(): ReadonlySet<string> {
    return this.dependencySet;
  }

  clear(): void {
    this.byDir.clear();
    this.byNearest.clear();
    this.loaded.clear();
    this.extended.clear();
    this.dependencySet.clear();
  }

  private load(file: string): LoadedConfig {
    let loaded = this.loaded.get(file);
    if (!loaded) {
      loaded = this.resolve(loadConfigFile(file));
      this.loaded.set(file, loaded);
      this.onLoad?.(loaded);
    }
    return loaded;
  }

  private readExtended(file: string): LoadedConfig {
    let read = this.extended.get(file);
    if (!read) this.extended.set(file, (read = loadConfigFile(file)));
    return read;
  }

  /**
   * `loaded` with its `extends` applied: the parts of what it extends, depth first (a file's own `extends` before
   * it; a file reached twice, as in a diamond, applies once, at its first place), then its own. Whatever goes wrong
   * below one of its entries (a missing file, invalid JSON, a bad value, a cycle, too deep a chain) becomes one
   * problem on that entry, naming the chain; the rest still applies.
   */
  private resolve(loaded: LoadedConfig): LoadedConfig {
    if (!loaded.extends.length) return loaded;
    const parts: ConfigPart[] = [];
    const included = new Set<string>();
    const problems: ConfigMessage[] = [];
    const topDir = path.dirname(loaded.path);
    const shown = (file: string) => path.relative(topDir, file).split(path.sep).join('/') || path.basename(file);
    const walk = (from: LoadedConfig, chain: string[], files: string[], issues: ExtendsIssue[]): void => {
      for (const entry of from.extends) {
        const at = [...chain, JSON.stringify(entry.spec)];
        const resolved = resolveExtends(entry.spec, path.dirname(from.path));
        if (!resolved.ok) {
          issues.push({ chain: at, message: `${resolved.reason}; ignored` });
          continue;
        }
        const file = resolved.file;
        if (files.includes(file)) {
          issues.push({ chain: at, message: `a cycle (${shown(file)} extends itself through this chain); not applied again` });
          continue;
        }
        if (at.length > MAX_EXTENDS_DEPTH) {
          issues.push({
            chain: at,
            message: `more than ${MAX_EXTENDS_DEPTH} levels of extends; ${shown(file)} and what it extends are ignored`,
          });
          continue;
        }
        if (included.has(file)) continue;
        if (included.size >= MAX_EXTENDED_FILES) {
          issues.push({
            chain: at,
            message: `more than ${MAX_EXTENDED_FILES} extended files in all; ${shown(file)} and the rest are ignored`,
          });
          continue;
        }
        included.add(file);
        this.dependencySet.add(file);
        const read = this.readExtended(file);
        if (read.readError !== undefined) {
          issues.push({ chain: at, message: `cannot read ${shown(file)}: ${read.readError}; ignored` });
          continue;
        }
        for (const p of read.problems)
          issues.push({
            chain: at,
            message: `${shown(file)}:${p.line + 1}:${p.character + 1}: ${read.unusable ? p.message.replace(/; using defaults$/, '; that file is ignored') : p.message}`,
          });
        if (read.unusable) continue;
        walk(read, at, [...files, file], issues);
        parts.push({ file, config: read.config, overrides: read.overrides });
      }
    };
    for (const entry of loaded.extends) {
      const issues: ExtendsIssue[] = [];
      walk({ ...loaded, extends: [entry] }, [], [loaded.path], issues);
      const first = issues[0];
      if (!first) continue;
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
      problems.push({
        message: `${entry.path}: ${first.chain.join(' → ')}: ${first.message}${more}`,
        line: entry.line,
        character: entry.character,
        length: entry.length,
      });
    }
    return { ...loaded, parts: [...parts, ...loaded.parts], problems: [...loaded.problems, ...problems] };
  }
}

const matchers = new WeakMap<ConfigOverride, (rel: string) => boolean>();

/**
 * Whether an override applies to a file at `rel` (relative to the config file's folder, forward slashes): one of its
 * `files` globs matches and none of its `excludedFiles`. Globs are picomatch globs, case-insensitive, dotfiles
 * included; a glob without a slash matches the file name in any folder (`*.md`), as in ESLint.
 */
export function overrideApplies(override: ConfigOverride, rel: string): boolean {
  let test = matchers.get(override);
  if (!test) {
    const files = globMatcher(override.files);
    const excluded = globMatcher(override.excludedFiles);
    test = (p: string) => files(p) && !excluded(p);
    matchers.set(override, test);
  }
  return test(rel);
}

/** A matcher for override globs: those with a slash see the whole relative path, the others the file name. */
function globMatcher(globs: readonly string[]): (rel: string) => boolean {
  const options = { dot: true, nocase: true };
  const never = () => false;
  const withSlash = globs.filter((g) => g.includes('/'));
  const bare = globs.filter((g) => !g.includes('/'));
  // (picomatch's own `basename` option also changes how the globs with a slash match, so the names are split here)
  const whole = withSlash.length ? picomatch(withSlash, options) : never;
  const name = bare.length ? picomatch(bare, options) : never;
  return (rel) => whole(rel) || name(rel.slice(rel.lastIndexOf('/') + 1));
}

/** The layers that apply to one file, and a key naming which override blocks matched (files with one key share them). */
export interface FileLayers {
  layers: SourcedLayer[];
  key: string;
}

/**
 * The config layers for a file, in the order they apply (later ones win): for each config file, farthest first,
 * each of its parts (what it extends, then itself) and after each part its override blocks that match the file,
 * whose globs see the file's path relative to that config file's folder (a file outside it matches none). Each layer
 * says where it came from (`label` shows a file path; default: as it is), and `overrides[i]` for an override block.
 */
export function configLayers(applied: AppliedConfig | undefined, file: string, label: (file: string) => string = (f) => f): FileLayers {
  const layers: SourcedLayer[] = [];
  const matched: string[] = [];
  applied?.files.forEach((loaded, f) => {
    const rel = inside(path.dirname(loaded.path), path.resolve(file));
    loaded.parts.forEach((part, p) => {
      layers.push({ config: part.config, source: label(part.file) });
      part.overrides.forEach((o, i) => {
        if (rel === undefined || !overrideApplies(o, rel)) return;
        layers.push({ config: o.config, source: `${label(part.file)} overrides[${i}]` });
        matched.push(`${f}.${p}.${i}`);
      });
    });
  });
  return { layers, key: matched.join(',') };
}

/**
 * Resolved configurations, one per (config files, override blocks matched), with `after` (command-line flags,
 * editor settings) applied over the config files: files that share them get the same object, so the engine's
 * per-configuration work is done once.
 */
export class ResolvedConfigs {
  private readonly cache = new Map<AppliedConfig | undefined, Map<string, ResolvedConfig>>();
  constructor(private readonly after: readonly (LintConfig | undefined)[] = []) {}
  for(applied: AppliedConfig | undefined, file: string): ResolvedConfig {
    const { layers, key } = configLayers(applied, file);
    let byKey = this.cache.get(applied);
    if (!byKey) this.cache.set(applied, (byKey = new Map()));
    let config = byKey.get(key);
    if (!config) byKey.set(key, (config = resolveConfig([...layers.map((l) => l.config), ...this.after], allRules)));
    return config;
  }
}

/** Every problem of the config files that apply (each file's own, and those found through its `extends`). */
export function configProblems(applied: AppliedConfig | undefined): { loaded: LoadedConfig; problem: ConfigMessage }[] {
  return (applied?.files ?? []).flatMap((loaded) => loaded.problems.map((problem) => ({ loaded, problem })));
}

export function formatProblem(loaded: LoadedConfig, p: ConfigMessage): string {
  return `${loaded.path}:${p.line + 1}:${p.character + 1}: ${p.message}`;
}
