// LSP wiring only: documents, diagnostics (pull or push), code actions, hover, completion, inlay hints, CodeLens, symbols.
// Run with --node-ipc (from the extension) or --stdio (any LSP client).
import '../node/v8flags'; // first: before any regular expression is compiled
import * as path from 'node:path';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  ResponseError,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  LSPErrorCodes,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { codeActionsFor, fixAllAction } from './codeActions';
import { findConfigFile, loadConfigFile, type LoadedConfig } from '../node/configFile';
import { toDiagnostic, toRange } from './ranges';
import { collectFixEdits, lintDocument, resolveConfig, allRules, type LintResult, sizeLimitExceeded, IncrementalDocument, validateConfig, type LintConfig, offsetAt } from '../engine/index';
import { documentSymbols } from './features/symbols';
import { findingHover } from './features/hover';
import { actionItemsExport, convertToTableActions, exportFileLabel, exportModel, isActionItemsParams, withSnippetPlaceholders } from './features/actionItems';
import { COMPLETION_TRIGGERS, OwnerIndex, provideActionCompletion, type OpenDocument } from './features/actionCompletion';
import { joinHovers, metricsCodeLenses, timelineHover, timelineInlayHints } from './features/timeline';
import { matchesPostmortemGlobs } from '../node/paths';
import { defaultSettings, type Settings } from './settings';
import { ACTION_ITEMS_REQUEST, FIX_ALL_KIND, OVERRIDE_NOTIFICATION, STATUS_NOTIFICATION, VERSION, type Override, type OverrideParams, type StatusParams } from '../protocol';


export interface ServerState {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** Lint results per document URI for the version they were computed on. */
  results: Map<string, { version: number; generation: number; result: LintResult }>;
  lint(doc: TextDocument): Promise<LintResult>;
}

/**
 * TEST-ONLY switch (documented in SECURITY.md): `POSTMORTEM_LINT_TEST_THROW=<rule-id>`, read once at start-up, makes
 * that rule throw on every document so the protocol tests can prove a failing rule is logged once and the other
 * rules' findings are still published. Unset in normal use; it cannot run any code, only make one rule fail.
 */
const TEST_THROW = process.env.POSTMORTEM_LINT_TEST_THROW;
const TEST_THROW_RULES = TEST_THROW
  ? allRules.map((r) => (r.meta.id === TEST_THROW ? { meta: r.meta, check: () => { throw new Error(`injected failure (POSTMORTEM_LINT_TEST_THROW=${TEST_THROW})`); } } : r))
  : undefined;

export function startServer(connection: Connection = createConnection()): ServerState {
  const documents = new TextDocuments(TextDocument);
  const results: ServerState['results'] = new Map();
  // Incremental parsing per open document. Rather than hooking the protocol's content changes, each lint
  // diffs the text it is given against the previous version (common prefix/suffix: one edit however many
  // keystrokes the debounce coalesced), which also covers full-sync clients and settings-triggered re-lints.
  const incremental = new Map<string, IncrementalDocument>();
  const settingsCache = new Map<string, Promise<Settings>>();
  const configCache = new Map<string, LoadedConfig | null>();
  const overrides = new Map<string, Override>();
  const reportedConfigProblems = new Set<string>();
  const reportedRuleErrors = new Set<string>();
  const pushTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let generation = 0; // bumps whenever settings or config files change
  let pullDiagnostics = false;
  let configurationRequests = false;
  let snippetEdits = false; // LSP 3.18: placeholders of action-item fixes arrive selected
  let inlayHintRefresh = false; // workspace.inlayHint.refreshSupport
  let codeLensRefresh = false; // workspace.codeLens.refreshSupport
  let workspaceFolders: string[] = [];
  let trusted = true;
  const docsBaseUrl = `${URI.file(path.resolve(__dirname, '..', 'docs', 'rules')).toString()}/`;

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    configurationRequests = !!caps.workspace?.configuration;
    snippetEdits = !!caps.workspace?.workspaceEdit?.snippetEditSupport;
    inlayHintRefresh = !!caps.workspace?.inlayHint?.refreshSupport;
    codeLensRefresh = !!caps.workspace?.codeLens?.refreshSupport;
    const init = (params.initializationOptions ?? {}) as { trusted?: boolean };
    trusted = init.trusted !== false;
    // Only folders on the local file system: a virtual workspace's folder (vscode-vfs://github/o/r) has an fsPath
    // ("/o/r") that names an unrelated local directory, which must not be scanned for owners.
    const localFolders = (uris: string[]) => uris.map((u) => URI.parse(u)).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
    workspaceFolders = localFolders((params.workspaceFolders ?? []).map((f) => f.uri));
    if (!params.workspaceFolders?.length && params.rootUri) workspaceFolders = localFolders([params.rootUri]);
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND, CodeActionKind.SourceFixAll],
          resolveProvider: false,
        },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        inlayHintProvider: true,
        codeLensProvider: {},
        documentSymbolProvider: { label: 'Postmortem' },
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'postmortem-lint', version: VERSION },
    };
    if (pullDiagnostics) {
      result.capabilities.diagnosticProvider = { identifier: 'postmortem-lint', interFileDependencies: false, workspaceDiagnostics: false };
    }
    return result;
  });

  async function getSettings(uri: string): Promise<Settings> {
    if (!configurationRequests) return defaultSettings;
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'postmortemLint' })
        .then((s: Partial<Settings> | null) => ({ ...defaultSettings, ...(s ?? {}) }))
        .catch(() => defaultSettings);
      settingsCache.set(uri, cached);
    }
    return cached;
  }

  function fsPathOf(uri: string): string | undefined {
    try {
      const u = URI.parse(uri);
      return u.scheme === 'file' ? u.fsPath : undefined;
    } catch {
      return undefined;
    }
  }

  /** A warning notification (window/showMessage: no answer expected, nothing to wait for). */
  function warn(message: string): void {
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  }

  function reportConfigProblems(loaded: LoadedConfig): void {
    const configUri = URI.file(loaded.path).toString();
    const diagnostics: Diagnostic[] = loaded.problems.map((p) => ({
      range: { start: { line: p.line, character: p.character }, end: { line: p.line, character: p.character + p.length } },
      severity: DiagnosticSeverity.Warning,
      source: 'postmortem-lint',
      message: p.message,
    }));
    void connection.sendDiagnostics({ uri: configUri, diagnostics });
    const key = `${loaded.path}\0${loaded.problems.map((p) => p.message).join('\0')}`;
    if (loaded.problems.length && !reportedConfigProblems.has(key)) {
      reportedConfigProblems.add(key);
      const first = loaded.problems[0]!;
      const more = loaded.problems.length > 1 ? ` (and ${loaded.problems.length - 1} more)` : '';
      warn(`postmortem-lint: problem in ${loaded.path}:${first.line + 1}:${first.character + 1}: ${first.message}${more}. Linting continues with the valid settings.`);
    }
  }

  function fileConfig(fsPath: string | undefined): LoadedConfig | undefined {
    if (!fsPath || !trusted) return undefined;
    const dir = path.dirname(fsPath);
    if (configCache.has(dir)) return configCache.get(dir) ?? undefined;
    const found = findConfigFile(dir);
    const loaded = found ? loadConfigFile(found) : undefined;
    configCache.set(dir, loaded ?? null);
    if (loaded) reportConfigProblems(loaded);
    return loaded;
  }

  function settingsLayer(settings: Settings): LintConfig {
    const { config, problems } = validateConfig(
      {
        ...(settings.rules && Object.keys(settings.rules).length ? { rules: settings.rules } : {}),
        ...(settings.profile ? { profile: settings.profile } : {}),
        ...(settings.maxDocumentSize ? { maxDocumentSize: settings.maxDocumentSize } : {}),
        ...(settings.maxDocumentLines ? { maxDocumentLines: settings.maxDocumentLines } : {}),
      },
      allRules,
    );
    for (const p of problems) {
      const key = `settings\0${p.path}\0${p.message}`;
      if (!reportedConfigProblems.has(key)) {
        reportedConfigProblems.add(key);
        warn(`postmortem-lint: setting postmortemLint.${p.path}: ${p.message}.`);
      }
    }
    return config;
  }

  function relativeForGlobs(fsPath: string): string {
    for (const folder of workspaceFolders) {
      const rel = path.relative(folder, fsPath);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel;
    }
    return fsPath;
  }

  async function lint(doc: TextDocument): Promise<LintResult> {
    const cached = results.get(doc.uri);
    if (cached && cached.version === doc.version && cached.generation === generation) return cached.result;
    const gen = generation;
    const version = doc.version; // TextDocuments updates `doc` in place: remember which version this work is for
    const settings = await getSettings(doc.uri);
    // cancellation: a newer version arrived while we waited, so this work is stale; drop it before linting
    if (doc.version !== version || documents.get(doc.uri) !== doc) throw new ResponseError(LSPErrorCodes.ContentModified, 'document changed');
    const fsPath = fsPathOf(doc.uri);
    const loaded = fileConfig(fsPath);
    const config = resolveConfig([loaded?.config, settingsLayer(settings)], allRules);
    const override = overrides.get(doc.uri);
    const text = doc.getText();
    const pathMatched = fsPath ? matchesPostmortemGlobs(relativeForGlobs(fsPath), settings.files) : false;
    const disabled = !settings.enable ? 'postmortemLint.enable is false' : override === 'off' ? 'turned off for this file' : undefined;
    let model: LintResult['model'] | undefined;
    if (!disabled && !sizeLimitExceeded(text, config)) {
      let inc = incremental.get(doc.uri);
      if (inc) inc.update(text);
      else incremental.set(doc.uri, (inc = new IncrementalDocument(text)));
      model = inc.model;
    }
    const result = lintDocument(text, config, {
            ...(model ? { model } : {}),
            ...(disabled ? { disabled } : {}),
            ...(TEST_THROW_RULES ? { rules: TEST_THROW_RULES } : {}),
            pathMatched,
            forced: override === 'on',
            docsBaseUrl,
            onRuleError: (ruleId, error) => {
              const key = `${ruleId}\0${doc.uri}`;
              if (reportedRuleErrors.has(key)) return;
              reportedRuleErrors.add(key);
              connection.console.error(`postmortem-lint: rule ${ruleId} failed on ${doc.uri}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
            },
          });
    if (gen === generation) results.set(doc.uri, { version: doc.version, generation: gen, result });
    const status: StatusParams = { uri: doc.uri, version: doc.version, linted: result.detection.isPostmortem, reason: result.detection.reason };
    void connection.sendNotification(STATUS_NOTIFICATION, status);
    return result;
  }

  function diagnosticsOf(doc: TextDocument, result: LintResult): Diagnostic[] {
    return result.findings.map((f) => toDiagnostic(f, result.model.lineStarts, doc.uri, doc.version));
  }

  // ---- diagnostics: pull when the client supports it, push otherwise (never both) ----
  connection.languages.diagnostics.on(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const version = doc.version;
    let result: LintResult;
    try {
      result = await lint(doc);
    } catch (error) {
      if (error instanceof ResponseError && error.code === LSPErrorCodes.ContentModified) {
        throw new ResponseError(LSPErrorCodes.ServerCancelled, 'document changed', { retriggerRequest: true });
      }
      throw error;
    }
    if (doc.version !== version || token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'document changed', { retriggerRequest: true });
    return { kind: DocumentDiagnosticReportKind.Full, items: diagnosticsOf(doc, result) };
  });

  function schedulePush(doc: TextDocument, delay = 150): void {
    if (pullDiagnostics) return;
    const uri = doc.uri;
    clearTimeout(pushTimers.get(uri));
    pushTimers.set(
      uri,
      setTimeout(async () => {
        pushTimers.delete(uri);
        const current = documents.get(uri);
        if (!current) return;
        const version = current.version;
        let result: LintResult;
        try {
          result = await lint(current);
        } catch (error) {
          if (error instanceof ResponseError && error.code === LSPErrorCodes.ContentModified) return; // superseded
          // Anything else is a bug (or a malformed didOpen): log it once per document and keep serving. Rethrowing
          // here would be an unhandled rejection, which ends the server process.
          const key = `lint\0${uri}`;
          if (!reportedRuleErrors.has(key)) {
            reportedRuleErrors.add(key);
            connection.console.error(`postmortem-lint: linting ${uri} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
          }
          return;
        }
        const latest = documents.get(uri);
        if (!latest || latest.version !== version) return; // stale: a newer version is on its way
        void connection.sendDiagnostics({ uri, version, diagnostics: diagnosticsOf(latest, result) });
      }, delay),
    );
  }

  function relintAll(): void {
    generation++;
    results.clear();
    if (pullDiagnostics) connection.languages.diagnostics.refresh();
    else for (const doc of documents.all()) schedulePush(doc, 0);
    refreshViews();
  }

  /** Elapsed-time hints and metrics lenses follow settings, config and per-file toggles too: ask the client to re-ask. */
  function refreshViews(): void {
    if (inlayHintRefresh) connection.languages.inlayHint.refresh().catch(() => undefined);
    if (codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  documents.onDidOpen((e) => schedulePush(e.document, 0));
  documents.onDidChangeContent((e) => schedulePush(e.document));
  documents.onDidClose((e) => {
    results.delete(e.document.uri);
    incremental.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    clearTimeout(pushTimers.get(e.document.uri));
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    relintAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    let touched = false;
    for (const change of params.changes) {
      if (/\.postmortemlintrc(\.json)?$/.test(change.uri)) {
        touched = true;
        if (change.type === FileChangeType.Deleted) void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
      }
    }
    if (touched) {
      configCache.clear();
      reportedConfigProblems.clear();
      relintAll();
    }
  });

  connection.onNotification(OVERRIDE_NOTIFICATION, (params: OverrideParams) => {
    if (params.mode === 'auto') overrides.delete(params.uri);
    else overrides.set(params.uri, params.mode);
    results.delete(params.uri);
    if (pullDiagnostics) connection.languages.diagnostics.refresh();
    else {
      const doc = documents.get(params.uri);
      if (doc) schedulePush(doc, 0);
    }
    refreshViews();
  });

  // ---- code actions ----
  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const only = params.context.only;
    const actions: CodeAction[] = codeActionsFor(doc, params.context.diagnostics, only).map((a) => (snippetEdits ? withSnippetPlaceholders(a, doc.uri, doc.version) : a));
    const wantsFixAll = only?.some((k) => k === CodeActionKind.SourceFixAll || k === FIX_ALL_KIND || k === CodeActionKind.Source);
    if (!only || only.some((k) => CodeActionKind.RefactorRewrite === k || CodeActionKind.RefactorRewrite.startsWith(`${k}.`))) {
      const result = await lint(doc);
      if (result.detection.isPostmortem) actions.push(...convertToTableActions(doc.uri, result.model, params.range));
    }
    if (wantsFixAll) {
      const result = await lint(doc);
      const edits = collectFixEdits(result.findings);
      if (edits.length) actions.push(fixAllAction(doc.uri, edits.map((e) => ({ range: toRange(result.model.lineStarts, e.start, e.end), newText: e.text }))));
    }
    return actions;
  });

  // ---- action items: export request and completion (owners from the workspace, read lazily; never when untrusted) ----
  connection.onRequest(ACTION_ITEMS_REQUEST, async (params: unknown) => {
    if (!isActionItemsParams(params)) throw new ResponseError(ErrorCodes.InvalidParams, 'expected { uri, format: "csv" | "json" | "markdown" }');
    const doc = documents.get(params.uri);
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `document not open: ${params.uri}`);
    const result = await lint(doc);
    return actionItemsExport(exportModel(result, doc.getText()), params, exportFileLabel(doc.uri, workspaceFolders));
  });

  const ownerIndex = new OwnerIndex({
    folders: () => workspaceFolders,
    trusted: () => trusted,
    onScanned: (s, owners, ms) =>
      connection.console.info(`postmortem-lint: owner index: ${owners} owners from ${s.read} Markdown file${s.read === 1 ? '' : 's'} (${s.parsed} parsed, ${s.candidates} found${s.capped ? ', capped' : ''}) in ${ms} ms`),
  });
  /** The open document's lint result when it is linted as a postmortem (editor features appear only there). */
  async function postmortemResult(uri: string): Promise<{ doc: TextDocument; result: LintResult } | undefined> {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const result = await lint(doc);
    return result.detection.isPostmortem ? { doc, result } : undefined;
  }

  connection.onCompletion(async (params) => {
    const hit = await postmortemResult(params.textDocument.uri);
    if (!hit) return null;
    const { doc, result } = hit;
    const offset = offsetAt(result.model.lineStarts, result.model.text, params.position);
    const open = function* (): Iterable<OpenDocument> {
      yield { label: exportFileLabel(doc.uri, workspaceFolders), model: result.model, cursor: offset };
      for (const [uri, r] of results) if (uri !== doc.uri && r.result.detection.isPostmortem) yield { label: exportFileLabel(uri, workspaceFolders), model: r.result.model };
    };
    return provideActionCompletion(result.model, offset, result.config.today, ownerIndex, open);
  });

  // ---- hover (findings, timestamps, metrics), timeline hints and lenses, outline ----
  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const { model, findings, detection } = await lint(doc);
    const offset = offsetAt(model.lineStarts, model.text, params.position);
    const finding = findingHover(findings, offset, model.lineStarts); // also the document-size notice of a skipped file
    return detection.isPostmortem ? joinHovers(finding, timelineHover(model, offset)) : finding;
  });

  connection.languages.inlayHint.on(async (params) => {
    const hit = await postmortemResult(params.textDocument.uri);
    return hit ? timelineInlayHints(hit.result.model, params.range) : [];
  });

  connection.onCodeLens(async (params) => {
    const hit = await postmortemResult(params.textDocument.uri);
    return hit ? metricsCodeLenses(hit.result.model, hit.doc.uri) : [];
  });

  connection.onDocumentSymbol(async (params) => {
    const hit = await postmortemResult(params.textDocument.uri);
    return hit ? documentSymbols(hit.result.model) : [];
  });

  documents.listen(connection);
  connection.listen();
  return { connection, documents, results, lint };
}


if (require.main === module) startServer();
