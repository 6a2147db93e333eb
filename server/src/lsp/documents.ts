// One open document's lint pipeline: its settings, its config layers (config file + settings) resolved once per
// (settings, directory), its per-file override, its incremental document and its cached result and status.
// The server wires LSP events to it; this file knows nothing of the protocol beyond what it reports.
import * as path from 'node:path';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { clearContentMemos, IncrementalDocument, type LintConfig, type LintResult, type ResolvedConfig, type Rule } from '../engine/index';
import { ConfigFiles, ResolvedConfigs, type LoadedConfig } from '../node/configFile';
import { matchesPostmortemGlobs } from '../globs';
import { globPath, ProjectRoots } from '../node/paths';
import type { Override, StatusParams } from '../protocol';
import { defaultSettings, normaliseSettings, settingsLayer, type Settings } from './settings';
import { advance, lintOpen } from './lintOpen';

/** What the pipeline needs from its host (the server's connection, or a test's stand-in). */
export interface DocumentHost {
  /**
   * The `postmortemLint` settings for a resource as the client answered them (anything: they are checked here);
   * undefined when the client cannot answer configuration requests.
   */
  settings(uri: string): Promise<unknown> | undefined;
  /** Whether the workspace is trusted (an untrusted one never reads config files). */
  trusted(): boolean;
  workspaceFolders(): readonly string[];
  /** A config file was loaded (report its problems). */
  configLoaded(loaded: LoadedConfig): void;
  /** A setting is invalid; called once per distinct problem. */
  settingProblem(message: string): void;
  /** A rule threw; called once per rule and document. */
  ruleError(message: string): void;
  status(params: StatusParams): void;
  /** The open document with this URI (a closed or replaced document's work is stale). */
  current(uri: string): TextDocument | undefined;
  docsBaseUrl: string;
  /** Rules to run instead of the registry (the test-only failing-rule switch). */
  rules?: readonly Rule[];
}

export interface CachedResult {
  /** The revision of the text it was computed on (see `revision`). */
  revision: number;
  generation: number;
  result: LintResult;
}

/**
 * Open documents whose parse (incremental state) and last result are kept, the most recently linted ones: about 8 MB
 * each for a 2,000-line postmortem, so 500 open documents would fill the heap. The others keep only their text (the
 * client's) and are linted afresh, from a full parse, when asked again.
 */
export const MAX_HOT_DOCUMENTS = 16;
/** Per-file on/off toggles kept (the oldest set is forgotten first); a toggle for a longer URI is ignored. */
const MAX_OVERRIDES = 2_000;
const MAX_OVERRIDE_URI = 4_096;

export class Documents {
  /** Lint results per document URI for the revision of the text they were computed on (hot documents only). */
  readonly results = new Map<string, CachedResult>();
  /** The documents whose incremental state and result are kept, least recently linted first. */
  private readonly hot = new Set<string>();
  /** The text each open document had when last seen, and its revision. */
  private readonly texts = new Map<string, { text: string; revision: number }>();
  private lastRevision = 0;
  /**
   * Incremental parsing per open document. Rather than hooking the protocol's content changes, each lint diffs the
   * text it is given against the previous version (common prefix/suffix: one edit however many keystrokes the
   * debounce coalesced), which also covers full-sync clients and settings-triggered re-lints.
   */
  private readonly incremental = new Map<string, IncrementalDocument>();
  private readonly settingsCache = new Map<string, Promise<Settings>>();
  private readonly overrides = new Map<string, Override>();
  private readonly settingProblemsReported = new Set<string>();
  private readonly ruleErrorsReported = new Set<string>();
  private readonly configFiles: ConfigFiles;
  /** Project roots (the nearest folder with .postmortemlintrc.json, .git or package.json): globs see paths below them. */
  private readonly roots = new ProjectRoots();
  private resolvedConfigs = new WeakMap<Settings, ResolvedConfigs>();
  /** Bumps whenever settings or config files change: results of an older generation are stale. */
  private generation = 0;

  constructor(private readonly host: DocumentHost) {
    this.configFiles = new ConfigFiles((loaded) => host.configLoaded(loaded));
  }

  /** Settings or config files changed: every cached result and resolved config is stale. */
  invalidate(what: { settings?: boolean; configFiles?: boolean }): void {
    if (what.settings) this.settingsCache.clear();
    if (what.configFiles) {
      this.configFiles.clear();
      this.roots.clear();
      this.settingProblemsReported.clear();
    }
    this.generation++;
    this.resolvedConfigs = new WeakMap();
    this.results.clear();
  }

  setOverride(uri: string, mode: Override | 'auto'): void {
    if (uri.length > MAX_OVERRIDE_URI) return;
    this.overrides.delete(uri);
    if (mode !== 'auto') this.overrides.set(uri, mode);
    if (this.overrides.size > MAX_OVERRIDES) this.overrides.delete(this.overrides.keys().next().value!);
    this.results.delete(uri);
  }

  /** Lints run (cache misses), for the server status. */
  lintRuns = 0;

  close(uri: string): void {
    this.results.delete(uri);
    this.texts.delete(uri);
    this.incremental.delete(uri);
    this.hot.delete(uri);
    this.settingsCache.delete(uri);
    // the engine's memos are shared by all documents: with none open, what they hold belongs to closed ones
    if (this.texts.size === 0) clearContentMemos();
  }

  /** The document was just linted: it becomes the most recent hot one, and the least recent beyond the bound cools. */
  private touch(uri: string): void {
    this.hot.delete(uri);
    this.hot.add(uri);
    if (this.hot.size <= MAX_HOT_DOCUMENTS) return;
    const coldest = this.hot.values().next().value!;
    this.hot.delete(coldest);
    this.incremental.delete(coldest);
    this.results.delete(coldest);
  }

  /** The settings of a resource (a workspace folder's, for the workspace scan's thread). */
  settingsOf(uri: string): Promise<Settings> {
    return this.settings(uri);
  }

  private settings(uri: string): Promise<Settings> {
    let cached = this.settingsCache.get(uri);
    if (!cached) {
      const asked = this.host.settings(uri);
      if (!asked) return Promise.resolve(defaultSettings);
      const problem = (message: string) => this.once(this.settingProblemsReported, message, () => this.host.settingProblem(message));
      cached = asked.then((s) => normaliseSettings(s, problem)).catch(() => defaultSettings);
      this.settingsCache.set(uri, cached);
    }
    return cached;
  }

  private once(reported: Set<string>, key: string, report: () => void): void {
    if (reported.has(key)) return;
    reported.add(key);
    report();
  }

  private settingsLayer(settings: Settings): LintConfig {
    return settingsLayer(settings, (at, message) =>
      this.once(this.settingProblemsReported, `settings\0${at}\0${message}`, () =>
        this.host.settingProblem(`postmortem-lint: setting postmortemLint.${at}: ${message}.`),
      ),
    );
  }

  /**
   * The resolved configuration for a document: the config files that apply to its directory (with what they extend
   * and the override blocks that match it) under its settings. Cached per (settings object, config files, override
   * blocks matched) until settings or config files change, so every lint of an unchanged document gets the same
   * object and the engine's per-config work is done once.
   */
  private resolvedConfig(fsPath: string | undefined, settings: Settings): ResolvedConfig {
    const dir = fsPath && this.host.trusted() ? path.dirname(fsPath) : '';
    let configs = this.resolvedConfigs.get(settings);
    if (!configs) this.resolvedConfigs.set(settings, (configs = new ResolvedConfigs([this.settingsLayer(settings)])));
    return configs.for(dir ? this.configFiles.forDirectory(dir) : undefined, fsPath ?? '');
  }

  /** The files read to resolve config files' `extends` (a change to one is a config change: see invalidate). */
  configDependencies(): ReadonlySet<string> {
    return this.configFiles.dependencies;
  }

  /** The path the globs see: relative to the project root, else to the workspace folder holding the file (as the CLI). */
  private relativeForGlobs(fsPath: string): string {
    return globPath(fsPath, this.roots, this.host.workspaceFolders());
  }

  /**
   * A number for the document's current text, which changes whenever the text does (across all documents, never
   * reused). Results and the fixes in `diagnostic.data` are keyed by it, not by the LSP version: a client may send a
   * new text under a version it already used, and what was computed for another text (ranges, fix offsets) must
   * never be reused for it. Cheap: an unchanged document gives the same string, compared by reference.
   */
  revision(doc: TextDocument): number {
    const text = doc.getText();
    const known = this.texts.get(doc.uri);
    if (known?.text === text) return known.revision;
    const revision = ++this.lastRevision;
    this.texts.set(doc.uri, { text, revision });
    return revision;
  }

  /**
   * The lint result for the document's current text (cached per revision). Throws ContentModified when the text
   * changes while the settings are fetched: the work is stale and dropped before linting.
   */
  async lint(doc: TextDocument): Promise<LintResult> {
    const revision = this.revision(doc);
    const cached = this.results.get(doc.uri);
    if (cached && cached.revision === revision && cached.generation === this.generation) {
      this.touch(doc.uri);
      return cached.result;
    }
    const gen = this.generation;
    const settings = await this.settings(doc.uri);
    // cancellation: the text changed (TextDocuments updates `doc` in place) or the document closed while we waited
    if (this.revision(doc) !== revision || this.host.current(doc.uri) !== doc)
      throw new ResponseError(LSPErrorCodes.ContentModified, 'document changed');
    const result = this.run(doc.uri, doc.getText(), settings, this.overrides.get(doc.uri), (text) => {
      const inc = advance(this.incremental.get(doc.uri), text);
      this.incremental.set(doc.uri, inc);
      return inc.model;
    });
    if (gen === this.generation) this.results.set(doc.uri, { revision, generation: gen, result });
    this.touch(doc.uri);
    this.host.status({ uri: doc.uri, version: doc.version, linted: result.detection.isPostmortem, reason: result.detection.reason });
    return result;
  }
  /**
   * Lint a file that is not open (workspace diagnostics): no incremental state, nothing cached here; the settings are
   * those of `settingsUri` (its workspace folder's, so a scan asks the client once per folder, not once per file).
   */
  async lintFile(uri: string, text: string, settingsUri: string): Promise<LintResult> {
    return this.run(uri, text, await this.settings(settingsUri), this.overrides.get(uri));
  }

  /** Whether a lint of this generation is still current (settings and config files unchanged since). */
  isCurrent(generation: number): boolean {
    return generation === this.generation;
  }

  get currentGeneration(): number {
    return this.generation;
  }

  private run(
    uri: string,
    text: string,
    settings: Settings,
    override: Override | undefined,
    incremental?: (text: string) => LintResult['model'],
  ): LintResult {
    const fsPath = fsPathOf(uri);
    const config = this.resolvedConfig(fsPath, settings);
    const pathMatched = fsPath ? matchesPostmortemGlobs(this.relativeForGlobs(fsPath), settings.files) : false;
    const disabled = !settings.enable ? 'postmortemLint.enable is false' : override === 'off' ? 'turned off for this file' : undefined;
    this.lintRuns++;
    return lintOpen(text, config, {
      ...(incremental ? { incremental } : {}),
      ...(disabled ? { disabled } : {}),
      ...(this.host.rules ? { rules: this.host.rules } : {}),
      pathMatched,
      forced: override === 'on',
      docsBaseUrl: this.host.docsBaseUrl,
      onRuleError: (ruleId, error) =>
        this.once(this.ruleErrorsReported, `${ruleId}\0${uri}`, () =>
          this.host.ruleError(
            `postmortem-lint: rule ${ruleId} failed on ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          ),
        ),
    });
  }
}

/** The file-system path of a `file:` URI; undefined for any other scheme (untitled, virtual workspaces). */
export function fsPathOf(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : undefined;
  } catch {
    return undefined;
  }
}
