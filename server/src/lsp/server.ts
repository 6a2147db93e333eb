// LSP wiring only: documents, diagnostics (pull or push), code actions, hover, completion, inlay hints, CodeLens, symbols.
// Run with --node-ipc (from the extension) or --stdio (any LSP client).
import '../node/v8flags'; // first: before any regular expression is compiled
import { Console } from 'node:console';
import * as path from 'node:path';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  ResponseError,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  LogMessageNotification,
  LSPErrorCodes,
  Message,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type ConnectionOptions,
  type Diagnostic,
  type Disposable,
  type FileSystemWatcher,
  type InitializeResult,
  type NotificationMessage,
  type RequestMessage,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { codeActionsFor, fixAllAction, wantsFixAll } from './codeActions';
import type { LoadedConfig } from '../node/configFile';
import { toDiagnostic } from './ranges';
import { allRules, followUpsOf, offsetAt, postmortemTitle, type LintResult } from '../engine/index';
import {
  actionItemsExport,
  convertToTableActions,
  exportFileLabel,
  exportModel,
  isActionItemsParams,
  withSnippetPlaceholders,
} from './features/actionItems';
import { registerEditorFeatures } from './features/editor';
import { COMPLETION_TRIGGERS, OwnerIndex, provideActionCompletion, type OpenDocument } from './features/actionCompletion';
import { Documents, fsPathOf, type CachedResult } from './documents';
import { lintInThread, WorkspaceLinter, type FileReport } from './workspace';
import { isWorkspaceThread, runWorkspaceThread, WorkspaceThread } from './workspaceThread';
import { buildReport, digest, type ReportDigest } from '../cli/report/compute';
import { renderReport } from '../cli/report/render';
import { firstCommitDateAsync } from '../node/gitDates';
import {
  ACTION_ITEMS_REQUEST,
  FIX_ALL_KIND,
  FOLLOW_UPS_REQUEST,
  LINT_WORKSPACE_REQUEST,
  REPORT_REQUEST,
  OVERRIDE_NOTIFICATION,
  SERVER_STATUS_REQUEST,
  STATUS_NOTIFICATION,
  VERSION,
  type FollowUp,
  type LintWorkspaceResult,
  type OverrideParams,
  type ReportParams,
  type ReportResult,
  type ServerStatusParams,
  type ServerStatusResult,
} from '../protocol';

export interface ServerState {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** Lint results per document URI for the revision of the text they were computed on. */
  results: ReadonlyMap<string, CachedResult>;
  lint(doc: TextDocument): Promise<LintResult>;
}

/**
 * TEST-ONLY switch (documented in SECURITY.md): `POSTMORTEM_LINT_TEST_THROW=<rule-id>`, read once at start-up, makes
 * that rule throw on every document so the protocol tests can prove a failing rule is logged once and the other
 * rules' findings are still published. Unset in normal use; it cannot run any code, only make one rule fail.
 */
const TEST_THROW = process.env.POSTMORTEM_LINT_TEST_THROW;
const TEST_THROW_RULES = TEST_THROW
  ? allRules.map((r) =>
      r.meta.id === TEST_THROW
        ? {
            meta: r.meta,
            check: () => {
              throw new Error(`injected failure (POSTMORTEM_LINT_TEST_THROW=${TEST_THROW})`);
            },
          }
        : r,
    )
  : undefined;

/**
 * Resolves once the messages the connection has already received are handled. vscode-jsonrpc handles one queued
 * message per `setImmediate` turn, scheduling the next turn after the current handler starts: two turns of our own
 * let the message queued behind this one (a didChange, a $/cancelRequest) run first.
 */
function afterQueuedMessages(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/** How long a workspace/configuration request may go unanswered before the defaults are used for that resource. */
const CONFIGURATION_TIMEOUT_MS = 3_000;

/** A request that arrives after `shutdown` is handled as this one, which answers InvalidRequest. */
const AFTER_SHUTDOWN = 'postmortemLint/afterShutdown';

/**
 * The server's connection, with what the library does not do for us:
 * - after the `shutdown` request, every request is an error with code InvalidRequest (LSP: "If a server receives
 *   requests after a shutdown request those requests should error with InvalidRequest"); the library would answer
 *   them. A message strategy sees each message before its handler: a request after `shutdown` is passed on renamed
 *   to AFTER_SHUTDOWN, whose handler throws.
 * - over --stdio, a frame the reader cannot parse (a malformed Content-Length header) is logged and ends the process
 *   with code 1, so the client restarts the server. Built from argv, the library's reader drops its errors: the
 *   server went silent for good, since a byte stream cannot be re-synchronised after a bad header (the next one could
 *   start anywhere). So for --stdio the reader and writer are ours, and with them what the library does for its own
 *   stdio: exit when stdin closes (code 0 after shutdown) and keep console output off stdout. Other transports are
 *   built by the library from argv (IPC carries whole messages, no framing).
 */
export function createServerConnection(argv: readonly string[] = process.argv.slice(2)): Connection {
  let shutdownReceived = false;
  const options: ConnectionOptions = {
    messageStrategy: {
      handleMessage(message, next) {
        if (!Message.isRequest(message)) return next(message);
        if (shutdownReceived) return next({ ...message, method: AFTER_SHUTDOWN, params: { method: message.method } } as RequestMessage);
        if (message.method === ShutdownRequest.method) shutdownReceived = true;
        return next(message);
      },
    },
  };
  if (!argv.includes('--stdio')) return createConnection(options);
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  let failed = false;
  reader.onError((error) => {
    if (failed) return;
    failed = true;
    const message = `postmortem-lint: malformed message from the client (${error.message.split('\n')[0]!.slice(0, 200)}); the stream cannot be read past it: exiting so that the client restarts the server.`;
    process.stderr.write(`${message}\n`);
    writer
      .write({ jsonrpc: '2.0', method: LogMessageNotification.method, params: { type: MessageType.Error, message } } as NotificationMessage)
      .catch(() => undefined)
      .finally(() => process.exit(1));
  });
  reader.onClose(() => process.exit(shutdownReceived ? 0 : 1));
  globalThis.console = new Console(process.stderr, process.stderr); // stdout carries the protocol
  return createConnection(reader, writer, options);
}

export function startServer(connection: Connection = createServerConnection()): ServerState {
  const documents = new TextDocuments(TextDocument);
  const reportedConfigProblems = new Set<string>();
  const reportedLintErrors = new Set<string>();
  const pushTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let pullDiagnostics = false;
  let configurationRequests = false;
  let snippetEdits = false; // LSP 3.18: placeholders of action-item fixes arrive selected
  let inlayHintRefresh = false; // workspace.inlayHint.refreshSupport
  let codeLensRefresh = false; // workspace.codeLens.refreshSupport
  /** How the client can be asked to watch more files: relative patterns (LSP 3.17), absolute-path globs, or not at all. */
  let watchRegistration: 'relative' | 'absolute' | undefined;
  let initialized = false;
  /**
   * The files config files extend (read by this thread or a workspace-lint thread, this session): a change to one is
   * a config change. The client's static watcher sees only `.postmortemlintrc*` files, so these are registered with
   * it dynamically, when it supports that.
   */
  const configDependencies = new Set<string>();
  let watchedDependencies = 0;
  let dependencyWatch: Promise<Disposable> | undefined;
  let workspaceFolders: string[] = [];
  let trusted = true;
  const docsBaseUrl = `${URI.file(path.resolve(__dirname, '..', 'docs', 'rules')).toString()}/`;
  let configurationTimedOut = false;
  /**
   * The `postmortemLint` settings of a resource, as the client answers them. A client that does not answer within
   * CONFIGURATION_TIMEOUT_MS would hold every lint (and every request that needs one): the request fails instead,
   * so the defaults apply (logged once), until the settings change.
   */
  function askSettings(scopeUri: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!configurationTimedOut) {
          configurationTimedOut = true;
          connection.console.warn(
            `postmortem-lint: the client did not answer workspace/configuration within ${CONFIGURATION_TIMEOUT_MS / 1000} s; using the default settings.`,
          );
        }
        reject(new Error('workspace/configuration timed out'));
      }, CONFIGURATION_TIMEOUT_MS);
      connection.workspace
        .getConfiguration({ scopeUri, section: 'postmortemLint' })
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    });
  }
  const pipeline = new Documents({
    settings: (uri) => (configurationRequests ? askSettings(uri) : undefined),
    trusted: () => trusted,
    workspaceFolders: () => workspaceFolders,
    configLoaded: (loaded) => {
      reportConfigProblems(loaded);
      watchConfigDependencies(pipeline.configDependencies());
    },
    settingProblem: (message) => warn(message),
    ruleError: (message) => connection.console.error(message),
    status: (params) => {
      void connection.sendNotification(STATUS_NOTIFICATION, params);
    },
    current: (uri) => documents.get(uri),
    docsBaseUrl,
    ...(TEST_THROW_RULES ? { rules: TEST_THROW_RULES } : {}),
  });
  const lint = (doc: TextDocument) => pipeline.lint(doc);
  // the workspace scan lints in a worker thread (this same script), so a keystroke's diagnostics never wait for it
  const workspaceThread = new WorkspaceThread({
    script: __filename,
    trusted: () => trusted,
    folders: () => workspaceFolders,
    docsBaseUrl,
    settings: (folderUri) => pipeline.settingsOf(folderUri),
    fallback: lintInThread(pipeline, () => workspaceFolders),
    log: (message) => connection.console.error(message),
    configDependencies: (files) => watchConfigDependencies(files),
  });
  const workspace = new WorkspaceLinter({
    lintFile: workspaceThread.lint,
    generation: () => pipeline.currentGeneration,
    scanned: () => workspaceThread.idle(),
    concurrency: () => workspaceThread.size,
    folders: () => workspaceFolders,
    trusted: () => trusted,
    isOpen: (uri) => !!documents.get(uri),
    openResult: async (uri) => {
      const doc = documents.get(uri);
      const r = doc ? await lint(doc).catch(() => undefined) : undefined; // cached unless it changed since
      return r ? { postmortem: r.detection.isPostmortem, problems: r.findings.length } : undefined;
    },
  });

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    configurationRequests = !!caps.workspace?.configuration;
    snippetEdits = !!caps.workspace?.workspaceEdit?.snippetEditSupport;
    inlayHintRefresh = !!caps.workspace?.inlayHint?.refreshSupport;
    codeLensRefresh = !!caps.workspace?.codeLens?.refreshSupport;
    watchRegistration = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration
      ? caps.workspace.didChangeWatchedFiles.relativePatternSupport
        ? 'relative'
        : 'absolute'
      : undefined;
    const init = (params.initializationOptions ?? {}) as { trusted?: boolean };
    trusted = init.trusted !== false;
    // Only folders on the local file system: a virtual workspace's folder (vscode-vfs://github/o/r) has an fsPath
    // ("/o/r") that names an unrelated local directory, which must not be scanned for owners.
    const localFolders = (uris: string[]) =>
      uris
        .map((u) => URI.parse(u))
        .filter((u) => u.scheme === 'file')
        .map((u) => u.fsPath);
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
      result.capabilities.diagnosticProvider = { identifier: 'postmortem-lint', interFileDependencies: false, workspaceDiagnostics: true };
    }
    return result;
  });

  /** Watch the files config files extend (see configDependencies): one registration, replaced when new ones appear. */
  function watchConfigDependencies(files: Iterable<string>): void {
    for (const f of files) configDependencies.add(f);
    if (!initialized || !watchRegistration || configDependencies.size === watchedDependencies) return;
    watchedDependencies = configDependencies.size;
    const watchers: FileSystemWatcher[] = [];
    for (const file of configDependencies) {
      if (watchRegistration === 'relative') {
        watchers.push({ globPattern: { baseUri: URI.file(path.dirname(file)).toString(), pattern: path.basename(file) } });
      } else if (!/[*?[\]{}!]/.test(file)) {
        // a glob of the absolute path (a path with glob characters in it cannot be written as one)
        watchers.push({ globPattern: file.split(path.sep).join('/') });
      }
    }
    const previous = dependencyWatch;
    dependencyWatch = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    dependencyWatch.catch(() => undefined);
    void previous?.then((d) => d.dispose()).catch(() => undefined);
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
      warn(
        `postmortem-lint: problem in ${loaded.path}:${first.line + 1}:${first.character + 1}: ${first.message}${more}. Linting continues with the valid settings.`,
      );
    }
  }

  /** The diagnostics of `result`, just linted for `doc` (no await in between: the revision is that of its text). */
  function diagnosticsOf(doc: TextDocument, result: LintResult): Diagnostic[] {
    const revision = pipeline.revision(doc);
    return result.findings.map((f) => toDiagnostic(f, result.model.lineStarts, doc.uri, revision));
  }

  // ---- diagnostics: pull when the client supports it, push otherwise (never both) ----
  connection.languages.diagnostics.on(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const version = doc.version;
    const superseded = () => new ResponseError(LSPErrorCodes.ServerCancelled, 'document changed', { retriggerRequest: true });
    // let the messages already received go first (a newer didChange, a $/cancelRequest): a pull they supersede is
    // dropped before it lints, so typing fast lints the last version once instead of every version in turn
    await afterQueuedMessages();
    if (doc.version !== version || token.isCancellationRequested) throw superseded();
    let result: LintResult;
    try {
      result = await lint(doc);
    } catch (error) {
      if (error instanceof ResponseError && error.code === LSPErrorCodes.ContentModified) throw superseded();
      throw error;
    }
    if (doc.version !== version || token.isCancellationRequested) throw superseded();
    return { kind: DocumentDiagnosticReportKind.Full, items: diagnosticsOf(doc, result) };
  });

  // ---- workspace diagnostics: every postmortem on disk, once the command or the setting turns them on ----
  /** Whether the client pulls workspace diagnostics (one that never asks gets them pushed), and what was pushed. */
  let clientPullsWorkspace = false;
  const pushedUris = new Set<string>();
  /** "Lint All Postmortems" requests waiting for the end of the next scan. */
  let scanWaiters: ((summary: LintWorkspaceResult) => void)[] = [];
  const scanDone = (summary: LintWorkspaceResult) => {
    const waiters = scanWaiters;
    scanWaiters = [];
    for (const w of waiters) w(summary);
  };

  connection.languages.diagnostics.onWorkspace(async (params, token, _workDone, resultProgress) => {
    clientPullsWorkspace = true;
    // a client that pulls: what was pushed before it asked is taken back (the pull reports those files in full)
    for (const uri of pushedUris) void connection.sendDiagnostics({ uri, diagnostics: [] });
    pushedUris.clear();
    // the client asks again as soon as it is answered: hold the request until something changed (or a minute passed)
    await workspace.settle(60_000, token);
    if (token.isCancellationRequested) return { items: [] };
    const items: FileReport[] = [];
    const summary = await workspace.scan(params.previousResultIds, token, (batch) =>
      resultProgress ? resultProgress.report({ items: batch }) : items.push(...batch),
    );
    if (!token.isCancellationRequested) scanDone(summary);
    return { items };
  });

  /** Clients that do not pull workspace diagnostics: the server scans and pushes. */
  let pushScanTimer: ReturnType<typeof setTimeout> | undefined;
  async function pushScan(): Promise<LintWorkspaceResult> {
    const never = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
    const summary = await workspace.scan(workspace.reportedIds(), never, (batch) => {
      for (const r of batch)
        if (r.kind === DocumentDiagnosticReportKind.Full) {
          void connection.sendDiagnostics({ uri: r.uri, diagnostics: r.items });
          if (r.items.length) pushedUris.add(r.uri);
          else pushedUris.delete(r.uri);
        }
    });
    scanDone(summary);
    return summary;
  }

  function workspaceChanged(uri?: string): void {
    workspace.changed(uri);
    if (workspace.enabled && !clientPullsWorkspace) {
      clearTimeout(pushScanTimer);
      pushScanTimer = setTimeout(() => {
        void pushScan();
      }, 500);
    }
  }

  /** Turn workspace linting on and resolve when the next scan is done. */
  function scanWorkspace(): Promise<LintWorkspaceResult> {
    const done = new Promise<LintWorkspaceResult>((resolve) => scanWaiters.push(resolve));
    workspace.enable();
    if (!clientPullsWorkspace) void pushScan();
    return done;
  }

  connection.onRequest(LINT_WORKSPACE_REQUEST, async (): Promise<LintWorkspaceResult> => {
    if (!trusted)
      throw new ResponseError(ErrorCodes.InvalidRequest, 'postmortem-lint does not read workspace files in an untrusted workspace');
    if (!workspaceFolders.length) throw new ResponseError(ErrorCodes.InvalidRequest, 'no workspace folder on disk to lint');
    return scanWorkspace();
  });

  // every action item of the workspace's postmortems, with its follow-up state: the last scan's closed files (a first
  // scan runs when none has) and the open documents as the editor has them
  connection.onRequest(FOLLOW_UPS_REQUEST, async (): Promise<FollowUp[]> => {
    const out: FollowUp[] = [];
    if (trusted && workspaceFolders.length) {
      if (!workspace.enabled || !workspace.scannedOnce) await scanWorkspace();
      for (const c of workspace.closedPostmortems()) for (const f of c.followUps) out.push({ ...f, uri: c.uri, postmortem: c.title });
    }
    for (const doc of documents.all()) {
      const r = await lint(doc).catch(() => undefined);
      if (!r?.detection.isPostmortem) continue;
      const title = postmortemTitle(r.model, path.basename(fsPathOf(doc.uri) ?? URI.parse(doc.uri).path));
      for (const f of followUpsOf(r.model, r.config.today)) out.push({ ...f, uri: doc.uri, postmortem: title });
    }
    return out;
  });

  // ---- the follow-through report over the same postmortems (the dashboard) ----
  connection.onRequest(REPORT_REQUEST, async (params: ReportParams | null | undefined): Promise<ReportResult> => {
    const format = params?.format === 'json' || params?.format === 'markdown' ? params.format : 'html';
    const today = typeof params?.today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(params.today) ? params.today : undefined;
    const postmortems: { uri: string; digest: ReportDigest }[] = [];
    if (trusted && workspaceFolders.length) {
      await scanWorkspace(); // what is on disk now: a fresh scan (unchanged files keep their results)
      for (const c of workspace.closedPostmortems()) if (c.digest) postmortems.push({ uri: c.uri, digest: c.digest });
    }
    for (const doc of documents.all()) {
      const r = await lint(doc).catch(() => undefined);
      if (r?.detection.isPostmortem)
        postmortems.push({ uri: doc.uri, digest: digest({ file: exportFileLabel(doc.uri, workspaceFolders), model: r.model }) });
    }
    if (!postmortems.length) throw new ResponseError(ErrorCodes.InvalidRequest, 'no postmortems in the workspace');
    // as the CLI: a postmortem whose metadata does not say when it was written is dated by its file's first commit
    // (four git processes at a time)
    const undated = trusted ? postmortems.filter((p) => !p.digest.stated.written && fsPathOf(p.uri)) : [];
    for (let i = 0; i < undated.length; i += 4)
      await Promise.all(
        undated.slice(i, i + 4).map(async (p) => {
          const committed = await firstCommitDateAsync(fsPathOf(p.uri)!);
          if (committed) p.digest = { ...p.digest, firstCommit: committed };
        }),
      );
    // buildReport orders the postmortems itself (by incident date, then path), as for the CLI
    const report = buildReport(
      postmortems.map((p) => p.digest),
      { now: today ?? new Date().toISOString().slice(0, 10) },
    );
    return { format, content: renderReport(report, format), postmortems: postmortems.length };
  });

  /** The `postmortemLint.workspaceDiagnostics` setting turns workspace linting on from the start. */
  async function readWorkspaceSetting(): Promise<void> {
    if (!configurationRequests || workspace.enabled || !workspaceFolders.length) return;
    const settings = (await askSettings(URI.file(workspaceFolders[0]!).toString()).catch(() => null)) as {
      workspaceDiagnostics?: boolean;
    } | null;
    if (settings?.workspaceDiagnostics === true && trusted) {
      workspace.enable();
      if (!clientPullsWorkspace) void pushScan();
    }
  }
  connection.onInitialized(() => {
    initialized = true;
    watchConfigDependencies([]); // any config extended before this
    void readWorkspaceSetting();
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
          if (!reportedLintErrors.has(uri)) {
            reportedLintErrors.add(uri);
            connection.console.error(
              `postmortem-lint: linting ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
            );
          }
          return;
        }
        const latest = documents.get(uri);
        if (!latest || latest.version !== version) return; // stale: a newer version is on its way
        void connection.sendDiagnostics({ uri, version, diagnostics: diagnosticsOf(latest, result) });
      }, delay),
    );
  }

  function relintAll(what: { settings?: boolean; configFiles?: boolean }): void {
    pipeline.invalidate(what);
    workspaceThread.invalidate();
    workspaceChanged();
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
    pipeline.close(e.document.uri);
    // its unsaved edits are gone: the file on disk is what workspace diagnostics show again
    if (workspace.enabled) workspaceChanged(e.document.uri);
    clearTimeout(pushTimers.get(e.document.uri));
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration(() => {
    relintAll({ settings: true });
    void readWorkspaceSetting();
  });

  connection.onDidChangeWatchedFiles((params) => {
    let touched = false;
    for (const change of params.changes) {
      if (configDependencies.has(fsPathOf(change.uri) ?? '')) touched = true;
      else if (/\.postmortemlintrc(\.json)?$/.test(change.uri)) {
        touched = true;
        if (change.type === FileChangeType.Deleted) void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
      } else if (/\.(?:md|markdown)$/i.test(change.uri)) workspaceChanged(change.uri);
      else if (/(?:^|\/)\.(?:git|postmortemlint)ignore$/.test(change.uri)) workspaceChanged();
    }
    if (touched) {
      reportedConfigProblems.clear();
      relintAll({ configFiles: true });
    }
  });

  let overrideRefresh: NodeJS.Immediate | undefined;
  connection.onNotification(OVERRIDE_NOTIFICATION, (params: OverrideParams) => {
    if (typeof params?.uri !== 'string' || !['on', 'off', 'auto'].includes(params.mode)) return;
    pipeline.setOverride(params.uri, params.mode);
    const doc = documents.get(params.uri);
    if (!doc) return; // applies when the file is opened
    if (!pullDiagnostics) schedulePush(doc, 0);
    // one refresh for a burst of toggles (the client sends them all when the server starts)
    overrideRefresh ??= setImmediate(() => {
      overrideRefresh = undefined;
      if (pullDiagnostics) connection.languages.diagnostics.refresh();
      refreshViews();
    });
  });

  // ---- code actions ----
  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const only = params.context.only;
    const actions: CodeAction[] = codeActionsFor(doc, pipeline.revision(doc), params.context.diagnostics, only).map((a) =>
      snippetEdits ? withSnippetPlaceholders(a, doc.uri, doc.version) : a,
    );
    if (!only || only.some((k) => CodeActionKind.RefactorRewrite === k || CodeActionKind.RefactorRewrite.startsWith(`${k}.`))) {
      const result = await lint(doc);
      if (result.detection.isPostmortem) actions.push(...convertToTableActions(doc.uri, result.model, params.range));
    }
    if (wantsFixAll(only)) {
      const fixAll = fixAllAction(doc.uri, await lint(doc));
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  });

  // ---- action items: export request and completion (owners from the workspace, read lazily; never when untrusted) ----
  connection.onRequest(ACTION_ITEMS_REQUEST, async (params: unknown) => {
    if (!isActionItemsParams(params))
      throw new ResponseError(ErrorCodes.InvalidParams, 'expected { uri, format: "csv" | "json" | "markdown" }');
    const doc = documents.get(params.uri);
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `document not open: ${params.uri}`);
    const result = await lint(doc);
    return actionItemsExport(exportModel(result, doc.getText()), params, exportFileLabel(doc.uri, workspaceFolders));
  });

  connection.onRequest(SERVER_STATUS_REQUEST, (params: ServerStatusParams | null | undefined): ServerStatusResult => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const collected = params?.collect === true && typeof gc === 'function';
    if (collected) gc();
    const memory = process.memoryUsage();
    return {
      version: VERSION,
      documents: documents.all().length,
      lints: pipeline.lintRuns,
      heapUsed: memory.heapUsed,
      rss: memory.rss,
      collected,
      workspaceLint: workspaceThread.where,
    };
  });

  const ownerIndex = new OwnerIndex({
    folders: () => workspaceFolders,
    trusted: () => trusted,
    onScanned: (s, owners, ms) =>
      connection.console.info(
        `postmortem-lint: owner index: ${owners} owners from ${s.read} Markdown file${s.read === 1 ? '' : 's'} (${s.parsed} parsed, ${s.candidates} found${s.capped ? ', capped' : ''}) in ${ms} ms`,
      ),
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
      for (const [uri, r] of pipeline.results)
        if (uri !== doc.uri && r.result.detection.isPostmortem)
          yield { label: exportFileLabel(uri, workspaceFolders), model: r.result.model };
    };
    return provideActionCompletion(result.model, offset, result.config.today, ownerIndex, open);
  });

  // ---- hover (findings, timestamps, metrics), timeline hints and lenses, outline ----
  registerEditorFeatures(connection, async (uri) => {
    const doc = documents.get(uri);
    return doc ? lint(doc) : undefined;
  });

  connection.onShutdown(() => workspaceThread.dispose());
  connection.onRequest(AFTER_SHUTDOWN, (params: { method?: unknown }) => {
    throw new ResponseError(ErrorCodes.InvalidRequest, `${String(params.method)}: the server is shutting down (shutdown was received)`);
  });
  documents.listen(connection);
  connection.listen();
  return { connection, documents, results: pipeline.results, lint };
}

const USAGE = `Usage: postmortem-lint-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>   (the postmortem-lint language server)
       postmortem-lint-server --version | --help`;

/** What to do with the command line: serve over a transport the LSP library reads from argv, or answer and exit. */
export function serverCommand(argv: readonly string[]): { serve: true } | { exit: number; stdout?: string; stderr?: string } {
  if (argv.includes('--help') || argv.includes('-h')) return { exit: 0, stdout: USAGE };
  if (argv.includes('--version') || argv.includes('-v')) return { exit: 0, stdout: VERSION };
  if (argv.some((a) => a === '--stdio' || a === '--node-ipc' || /^--(?:socket|pipe)=./.test(a))) return { serve: true };
  return { exit: 2, stderr: `postmortem-lint-server: no transport given.\n${USAGE}` };
}

if (require.main === module) {
  if (isWorkspaceThread()) runWorkspaceThread();
  else {
    const command = serverCommand(process.argv.slice(2));
    if ('serve' in command) startServer();
    else {
      if (command.stdout) process.stdout.write(`${command.stdout}\n`);
      if (command.stderr) process.stderr.write(`${command.stderr}\n`);
      process.exitCode = command.exit;
    }
  }
}
