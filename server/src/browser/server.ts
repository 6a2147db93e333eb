// The language server in the browser (vscode.dev, github.dev): a web worker started by the web extension
// (client/src/browser.ts). The engine and the editor features are the Node server's own modules (diagnostics, quick
// fixes and fix-all, hovers, timeline hints, CodeLens, the outline); what needs a disk is left out and said once by
// the client: `.postmortemlintrc.json` files, owner suggestions from CODEOWNERS and other postmortems, workspace
// linting, the follow-ups view and the dashboard (git). Settings come from the client as in the Node server.
// No Node built-ins may reach this bundle (esbuild builds it for the browser, and test/unit/web-bundle.test.ts checks
// its inputs).
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  CodeActionKind,
  createConnection,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
} from 'vscode-languageserver/browser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { allRules, IncrementalDocument, resolveConfig, type ResolvedConfig, type LintResult } from '../engine/index';
import { matchesPostmortemGlobs } from '../globs';
import { codeActionsFor, fixAllAction, wantsFixAll } from '../lsp/codeActions';
import { advance, lintOpen } from '../lsp/lintOpen';
import { registerEditorFeatures } from '../lsp/features/editor';
import { toDiagnostic } from '../lsp/ranges';
import { defaultSettings, normaliseSettings, settingsLayer, type Settings } from '../lsp/settings';
import { FIX_ALL_KIND } from '../protocol';

declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

/** What the browser server keeps per open document: its incremental model, and the last result for its text. */
interface State {
  incremental?: IncrementalDocument;
  text?: string;
  revision: number;
  result?: LintResult;
}

export function startBrowserServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, State>();
  let lastRevision = 0;
  let settings: Settings = defaultSettings;
  let config: ResolvedConfig = resolveConfig([], allRules);
  let configurationRequests = false;
  let docsBaseUrl: string | undefined;

  function settingsConfig(s: Settings): ResolvedConfig {
    const layer = settingsLayer(s, (at, message) => connection.console.warn(`postmortem-lint: setting postmortemLint.${at}: ${message}.`));
    return resolveConfig([layer], allRules);
  }

  async function refreshSettings(): Promise<void> {
    if (!configurationRequests) return;
    const raw: unknown = await connection.workspace.getConfiguration('postmortemLint').catch(() => undefined);
    settings = normaliseSettings(raw, (message) => connection.console.warn(message));
    config = settingsConfig(settings);
    for (const s of states.values()) s.result = undefined;
  }

  /** The document's lint result for its current text (linted once per text and settings). */
  function lint(doc: TextDocument): { result: LintResult; revision: number } {
    let state = states.get(doc.uri);
    if (!state) states.set(doc.uri, (state = { revision: 0 }));
    const text = doc.getText();
    if (state.text !== text) {
      state.text = text;
      state.revision = ++lastRevision;
      state.result = undefined;
    }
    if (!state.result) {
      const disabled = settings.enable ? undefined : 'postmortemLint.enable is false';
      const s = state;
      state.result = lintOpen(text, config, {
        incremental: (t) => (s.incremental = advance(s.incremental, t)).model,
        ...(disabled ? { disabled } : {}),
        pathMatched: matchesPostmortemGlobs(URI.parse(doc.uri).path.replace(/^\/+/, ''), settings.files),
        ...(docsBaseUrl ? { docsBaseUrl } : {}),
      });
    }
    return { result: state.result, revision: state.revision };
  }

  function publish(doc: TextDocument): void {
    const { result, revision } = lint(doc);
    const diagnostics = result.findings.map((f) => toDiagnostic(f, result.model.lineStarts, doc.uri, revision));
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  }

  connection.onInitialize((params) => {
    configurationRequests = !!params.capabilities.workspace?.configuration;
    const init = (params.initializationOptions ?? {}) as { docsBaseUrl?: unknown };
    if (typeof init.docsBaseUrl === 'string') docsBaseUrl = init.docsBaseUrl;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.SourceFixAll],
          resolveProvider: false,
        },
        hoverProvider: true,
        inlayHintProvider: true,
        codeLensProvider: {},
        documentSymbolProvider: { label: 'Postmortem' },
      },
      serverInfo: { name: 'postmortem-lint (browser)' },
    };
  });

  // settings read at start and whenever they change, then every open document linted again
  async function reload(): Promise<void> {
    await refreshSettings();
    for (const doc of documents.all()) publish(doc);
  }
  connection.onInitialized(reload);
  connection.onDidChangeConfiguration(reload);

  documents.onDidChangeContent((e) => publish(e.document));
  documents.onDidClose((e) => {
    states.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const { result, revision } = lint(doc);
    const only = params.context.only;
    const actions: CodeAction[] = codeActionsFor(doc, revision, params.context.diagnostics, only);
    const fixAll = wantsFixAll(only) ? fixAllAction(doc.uri, result) : undefined;
    if (fixAll) actions.push(fixAll);
    return actions;
  });

  registerEditorFeatures(connection, async (uri) => {
    const doc = documents.get(uri);
    return doc ? lint(doc).result : undefined;
  });

  documents.listen(connection);
  connection.listen();
}

// In a worker (the bundle's entry), talk to the client through the worker's messages.
if (typeof self !== 'undefined' && typeof (self as { postMessage?: unknown }).postMessage === 'function') {
  startBrowserServer(createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self)));
}
