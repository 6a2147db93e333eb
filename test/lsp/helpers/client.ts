// A small LSP client over stdio for protocol tests: spawns `node dist/server.js --stdio`.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, Position, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

export interface TestClientOptions {
  /** Advertise pull diagnostics (textDocument.diagnostic). Default true. */
  pull?: boolean;
  /** Answer workspace/configuration with these settings (section postmortemLint). */
  settings?: Record<string, unknown>;
  /** Leave workspace/configuration requests unanswered (a client that never replies). Default false. */
  ignoreConfiguration?: boolean;
  rootUri?: string | null;
  initializationOptions?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Node options for the server process (e.g. `--expose-gc`). */
  nodeArgs?: string[];
  /** Advertise workspace.didChangeWatchedFiles.relativePatternSupport (LSP 3.17). Default false. */
  relativePatterns?: boolean;
}

export class TestClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly stderr: string[] = [];
  /** The client/registerCapability requests the server sent. */
  readonly registrations: { registrations: { method: string; registerOptions?: unknown }[] }[] = [];
  private waiters: (() => void)[] = [];
  initializeResult?: InitializeResult;
  settings: Record<string, unknown>;

  constructor(private readonly options: TestClientOptions = {}) {
    this.settings = options.settings ?? {};
    this.process = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    this.process.stderr!.on('data', (d) => {
      this.stderr.push(String(d));
      this.wake();
    });
    this.process.on('exit', () => this.wake());
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, [...(this.published.get(p.uri) ?? []), p]);
      this.wake();
    });
    this.connection.onNotification((method, params) => {
      this.notifications.push({ method, params });
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      options.ignoreConfiguration ? new Promise(() => undefined) : p.items.map(() => this.settings),
    );
    this.connection.onRequest('client/registerCapability', (p: TestClient['registrations'][number]) => {
      this.registrations.push(p);
      this.wake();
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('window/showMessageRequest', (params: unknown) => {
      this.notifications.push({ method: 'window/showMessageRequest', params });
      this.wake();
      return null;
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.notifications.push({ method: 'workspace/diagnostic/refresh', params: null });
      this.wake();
      return null;
    });
    this.connection.listen();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolve when `predicate` holds, re-checking after every message; reject after `timeoutMs`. */
  async waitFor<T>(predicate: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = predicate();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr.join('').slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async initialize(): Promise<InitializeResult> {
    const pull = this.options.pull !== false;
    this.initializeResult = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: this.options.rootUri ?? null,
      workspaceFolders: this.options.rootUri ? [{ uri: this.options.rootUri, name: 'ws' }] : null,
      initializationOptions: this.options.initializationOptions ?? {},
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true, ...(this.options.relativePatterns ? { relativePatternSupport: true } : {}) },
          diagnostics: { refreshSupport: true },
        },
        textDocument: {
          ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source', 'source.fixAll'] } },
            dataSupport: true,
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          inlayHint: {},
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return this.initializeResult;
  }

  open(uri: string, text: string, version = 1): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  change(uri: string, version: number, text: string): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** An incremental change: `text` replaces the range (zero-based lines and UTF-16 characters). */
  edit(uri: string, version: number, start: Position, end: Position, text: string): void {
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start, end }, text }],
    });
  }

  async pull(uri: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', {
      textDocument: { uri },
    });
    return report.items;
  }

  /** Wait for a push for `uri` (optionally for a given version) and return its diagnostics. */
  async pushed(uri: string, version?: number, timeoutMs?: number): Promise<Diagnostic[]> {
    const p = await this.waitFor(
      () => [...(this.published.get(uri) ?? [])].reverse().find((x) => version === undefined || x.version === version),
      `diagnostics for ${uri}${version !== undefined ? ` v${version}` : ''}`,
      timeoutMs,
    );
    return p.diagnostics;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

/** Apply LSP TextEdits (one document) to text. */
export function applyLspEdits(
  text: string,
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[],
): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') {
      lineStarts.push(i + 2);
      i++;
    } else if (text[i] === '\n' || text[i] === '\r') lineStarts.push(i + 1);
  }
  const off = (p: { line: number; character: number }) => (p.line >= lineStarts.length ? text.length : lineStarts[p.line]! + p.character);
  const sorted = [...edits].map((e, i) => ({ e, i })).sort((a, b) => off(b.e.range.start) - off(a.e.range.start) || b.i - a.i);
  let out = text;
  for (const { e } of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}
