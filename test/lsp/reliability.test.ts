// Protocol tier, reliability (issue 9): drives `node dist/server.js --stdio` as a bare LSP client with no
// pull-diagnostics capability (so the server pushes). Unknown requests, malformed params, a flood of
// didChange, a huge document, a malformed .postmortemlintrc.json, a rule that throws (test-only
// POSTMORTEM_LINT_TEST_THROW switch), and a server killed mid-session with a fresh one taking over.
// Needs `npm run build` first (dist/server.js). Every wait is on a message with a timeout; no sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  ErrorCodes,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SERVER = path.join(ROOT, 'dist/server.js');
const WAIT_MS = 30_000;

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
  code?: string | number;
  source?: string;
}
interface Publish {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
interface LogMessage {
  type: number;
  message: string;
}

class Session {
  readonly publishes: Publish[] = [];
  readonly logs: LogMessage[] = [];
  readonly shown: LogMessage[] = [];
  private waiters: (() => void)[] = [];
  private stderr = '';
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
  ) {
    proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    proc.stdin!.on('error', () => undefined); // EPIPE after the kill test's SIGKILL: the exit is what we check
    proc.on('exit', (code, signal) => {
      this.exited = { code, signal };
      this.poke();
    });
    conn.onNotification('textDocument/publishDiagnostics', (p: Publish) => {
      this.publishes.push(p);
      this.poke();
    });
    conn.onNotification('window/logMessage', (p: LogMessage) => {
      this.logs.push(p);
      this.poke();
    });
    conn.onNotification('window/showMessage', (p: LogMessage) => {
      this.shown.push(p);
      this.poke();
    });
    conn.onNotification(() => undefined); // status and other custom notifications
    conn.onRequest((method) => {
      if (method === 'window/showMessageRequest') return null;
      return null; // client/registerCapability, workspace/diagnostic/refresh, ...
    });
    conn.onError(() => undefined);
    conn.onClose(() => this.poke());
    conn.listen();
  }

  static async start(opts: { root: string; env?: Record<string, string>; trusted?: boolean }): Promise<Session> {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const s = new Session(proc, conn);
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(opts.root).toString(),
      workspaceFolders: [{ uri: pathToFileURL(opts.root).toString(), name: 'ws' }],
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } }, // no `diagnostic`: push mode
      initializationOptions: opts.trusted === false ? { trusted: false } : {},
    });
    s.notify('initialized', {});
    return s;
  }

  private poke(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  /** Resolves when `pred` holds, checking now and after each message; rejects after WAIT_MS. */
  waitFor<T>(what: string, pred: () => T | undefined | false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `timed out waiting for ${what}; stderr: ${this.stderr.slice(-500)}; last publishes: ${JSON.stringify(this.publishes.slice(-2)).slice(0, 800)}`,
            ),
          ),
        WAIT_MS,
      );
      const check = () => {
        const v = pred();
        if (v) {
          clearTimeout(timer);
          resolve(v);
        } else if (this.exited) {
          clearTimeout(timer);
          reject(new Error(`server exited (${JSON.stringify(this.exited)}) while waiting for ${what}; stderr: ${this.stderr.slice(-800)}`));
        } else this.waiters.push(check);
      };
      check();
    });
  }

  published(uri: string, version?: number): Promise<Publish> {
    return this.waitFor(`diagnostics for ${path.basename(uri)}${version !== undefined ? ` v${version}` : ''}`, () =>
      [...this.publishes].reverse().find((p) => p.uri === uri && (version === undefined || p.version === version)),
    );
  }

  /** A notification; a write to a server that is gone (the kill test) is not an error of the test. */
  notify(method: string, params: unknown): void {
    this.conn.sendNotification(method, params).catch(() => undefined);
  }

  open(uri: string, text: string, version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  change(uri: string, version: number, text: string): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** A request round trip: everything the server sent before answering has been received. */
  async roundTrip(uri: string): Promise<void> {
    await this.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }

  async stop(): Promise<void> {
    if (this.exited) {
      this.conn.dispose();
      return;
    }
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5_000))]);
      this.notify('exit', undefined);
    } catch {
      // already gone
    }
    const gone = this.exited ? Promise.resolve() : new Promise<void>((r) => this.proc.once('exit', () => r()));
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
    this.conn.dispose();
  }
}

const POSTMORTEM = `# Postmortem: checkout API outage

## Summary

On 2024-03-12 the checkout API returned errors for 40 minutes after a configuration push.

## Contributing Factors

The engineer should have checked the dashboard.
`;

const ruleIds = (p: Publish) => p.diagnostics.map((d) => String(d.code ?? ''));

let root: string;
const sessions: Session[] = [];
async function start(opts: { env?: Record<string, string>; trusted?: boolean; root?: string } = {}): Promise<Session> {
  const s = await Session.start({ root: opts.root ?? root, ...opts });
  sessions.push(s);
  return s;
}
function docUri(name: string, dir = root): string {
  const file = path.join(dir, 'postmortems', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return pathToFileURL(file).toString();
}

beforeAll(() => {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pml-rel-'));
});
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.stop()));
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('LSP server reliability (stdio, push diagnostics)', () => {
  it('answers unknown requests with MethodNotFound and ignores unknown notifications', async () => {
    const s = await start();
    const err = await s.conn.sendRequest('postmortemLint/noSuchRequest', { x: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ResponseError);
    expect((err as ResponseError<unknown>).code).toBe(ErrorCodes.MethodNotFound);
    s.notify('postmortemLint/noSuchNotification', { y: 2 });
    const uri = docUri('unknown.md');
    s.open(uri, POSTMORTEM);
    const p = await s.published(uri, 1);
    expect(ruleIds(p)).toContain('counterfactual');
    expect(s.exited).toBeUndefined();
  }, 60_000);

  it('answers malformed params with an error response or an empty result, never by crashing', async () => {
    const s = await start();
    const uri = docUri('malformed.md');
    s.open(uri, POSTMORTEM);
    await s.published(uri, 1);
    const bad: [string, unknown][] = [
      ['textDocument/codeAction', { textDocument: { uri } }], // no range, no context
      ['textDocument/codeAction', null],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 'x', character: -5 } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 1e9, character: 1e9 } }],
      ['textDocument/hover', {}],
      ['textDocument/documentSymbol', { textDocument: {} }],
      ['textDocument/documentSymbol', 42],
      [
        'textDocument/codeAction',
        {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [{ range: null, message: 5, code: {} }] },
        },
      ],
    ];
    for (const [method, params] of bad) {
      const outcome = await s.conn.sendRequest(method, params).then(
        (r) => ({ ok: true as const, r }),
        (e: unknown) => ({ ok: false as const, e }),
      );
      if (!outcome.ok) expect(outcome.e, `${method} ${JSON.stringify(params)}`).toBeInstanceOf(ResponseError);
    }
    // malformed notifications
    s.notify('textDocument/didOpen', { textDocument: { uri: 42 } });
    s.notify('textDocument/didChange', { textDocument: { uri: docUri('never-opened.md'), version: 3 }, contentChanges: [{ text: 'x' }] });
    s.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 99, character: 0 }, end: { line: -1, character: 0 } }, text: 'He should have checked.' }],
    });
    s.notify('workspace/didChangeWatchedFiles', { changes: 'nope' });
    s.notify('workspace/didChangeConfiguration', null);
    // still alive and linting
    const other = docUri('after-malformed.md');
    s.open(other, POSTMORTEM);
    const p = await s.published(other, 1);
    expect(ruleIds(p)).toContain('counterfactual');
    expect(s.exited).toBeUndefined();
  }, 60_000);

  it('publishes only the latest version after a flood of didChange notifications', async () => {
    const s = await start();
    const uri = docUri('flood.md');
    // the counterfactual finding's line depends on the version, so each publish can be checked against its version
    const textOf = (v: number) => `${POSTMORTEM}\n${'Filler line without findings.\n\n'.repeat(v % 7)}He should have checked.\n`;
    const lineOfFinding = (v: number) =>
      textOf(v)
        .split('\n')
        .findIndex((l) => l === 'He should have checked.');
    s.open(uri, textOf(1), 1);
    await s.published(uri, 1);
    const first = s.publishes.length;
    const LAST = 301;
    for (let v = 2; v <= LAST; v++) s.change(uri, v, textOf(v));
    await s.published(uri, LAST);
    await s.roundTrip(uri);
    const after = s.publishes.slice(first).filter((p) => p.uri === uri);
    // every publish is consistent with the version it names, versions only increase, the last is the latest
    let prev = 1;
    for (const p of after) {
      expect(p.version).toBeGreaterThan(prev);
      prev = p.version!;
      const lines = p.diagnostics
        .filter((d) => d.code === 'counterfactual' && /should have checked/.test(d.message) && d.range.start.line >= lineOfFinding(0) - 1)
        .map((d) => d.range.start.line);
      expect(lines, `publish of v${p.version}`).toContain(lineOfFinding(p.version!));
    }
    expect(after.at(-1)!.version).toBe(LAST);
    // debounced: the 300 changes were not each linted and published
    expect(after.length).toBeLessThan(30);
  }, 60_000);

  it('answers a 10 MB document with one document-size warning', async () => {
    const s = await start();
    const uri = docUri('huge.md');
    const text = POSTMORTEM + 'The engineer should have checked the dashboard at 14:02.\n'.repeat(180_000);
    expect(text.length).toBeGreaterThan(10_000_000);
    s.open(uri, text);
    const p = await s.published(uri, 1);
    expect(p.diagnostics).toHaveLength(1);
    expect(p.diagnostics[0]!.code).toBe('document-size');
    expect(p.diagnostics[0]!.severity).toBe(2); // Warning
    expect(p.diagnostics[0]!.range.start.line).toBe(0);
    // the server is still responsive for other documents
    const small = docUri('small-after-huge.md');
    s.open(small, POSTMORTEM);
    expect(ruleIds(await s.published(small, 1))).toContain('counterfactual');
  }, 60_000);

  it('a malformed .postmortemlintrc.json gives one located diagnostic on the file and a warning; linting continues', async () => {
    const ws = fs.mkdtempSync(path.join(root, 'badcfg-'));
    const cfgPath = path.join(ws, '.postmortemlintrc.json');
    fs.writeFileSync(cfgPath, '{\n  "rules": {\n    "counterfactual": "off"\n  }\n  "profile": \n}\n');
    const s = await start({ root: ws });
    const uri = docUri('cfg.md', ws);
    s.open(uri, POSTMORTEM);
    const cfgUri = pathToFileURL(cfgPath).toString();
    const cfg = await s.published(cfgUri);
    expect(cfg.diagnostics).toHaveLength(1);
    expect(cfg.diagnostics[0]!.range.start.line).toBe(4); // the line after the missing comma
    const warn = await s.waitFor('a warning about the config file', () =>
      s.shown.find((m) => m.type === 2 && m.message.includes('.postmortemlintrc.json')),
    );
    expect(warn.message).toMatch(/:5:\d+/);
    const p = await s.published(uri, 1);
    expect(ruleIds(p)).toContain('counterfactual'); // defaults apply: the broken file's "off" is not used
    // a second document under the same config: no second warning
    const uri2 = docUri('cfg2.md', ws);
    s.open(uri2, POSTMORTEM);
    await s.published(uri2, 1);
    await s.roundTrip(uri2);
    expect(s.shown.filter((m) => m.message.includes('.postmortemlintrc.json'))).toHaveLength(1);
  }, 60_000);

  it('a hostile but well-formed config (wrong types, unknown rules, regex-like phrases) is located and the valid part applies', async () => {
    const ws = fs.mkdtempSync(path.join(root, 'hostile-'));
    const cfgPath = path.join(ws, '.postmortemlintrc.json');
    fs.writeFileSync(
      cfgPath,
      JSON.stringify(
        {
          rules: { 'no-such-rule': 'error', 'required-sections': 'off' },
          profile: 7,
          phrases: { judgement: ['(a+)+$', 'rookie move'] },
          allow: Array.from({ length: 5000 }, (_, i) => `w${i}`),
        },
        null,
        2,
      ),
    );
    const s = await start({ root: ws });
    const uri = docUri('hostile.md', ws);
    s.open(uri, `${POSTMORTEM}\nIt was a rookie move. ${'a'.repeat(20_000)}!\n`);
    const cfg = await s.published(pathToFileURL(cfgPath).toString());
    expect(cfg.diagnostics.length).toBeGreaterThanOrEqual(3); // unknown rule, profile, allow cap
    for (const d of cfg.diagnostics) expect(d.range.start.line).toBeGreaterThan(0);
    const p = await s.published(uri, 1);
    expect(ruleIds(p)).not.toContain('required-sections');
    expect(ruleIds(p)).toContain('judgement');
  }, 60_000);

  it('ignores .postmortemlintrc.json when initializationOptions.trusted is false', async () => {
    const ws = fs.mkdtempSync(path.join(root, 'untrusted-'));
    fs.writeFileSync(
      path.join(ws, '.postmortemlintrc.json'),
      JSON.stringify({ rules: { counterfactual: 'off', 'required-sections': 'off' }, bogus: 1 }),
    );
    const s = await start({ root: ws, trusted: false });
    const uri = docUri('untrusted.md', ws);
    s.open(uri, POSTMORTEM);
    const p = await s.published(uri, 1);
    expect(ruleIds(p)).toContain('counterfactual');
    expect(ruleIds(p)).toContain('required-sections');
    await s.roundTrip(uri);
    expect(s.publishes.filter((x) => x.uri.endsWith('.postmortemlintrc.json'))).toEqual([]);
    expect(s.shown).toEqual([]);
  }, 60_000);

  it('survives a failing rule: logged once with the rule id and the document, other findings still published', async () => {
    const s = await start({ env: { POSTMORTEM_LINT_TEST_THROW: 'counterfactual' } });
    const uri = docUri('failing-rule.md');
    s.open(uri, POSTMORTEM);
    const p = await s.published(uri, 1);
    expect(ruleIds(p)).not.toContain('counterfactual');
    expect(ruleIds(p)).toContain('required-sections');
    for (let v = 2; v <= 4; v++) {
      s.change(uri, v, `${POSTMORTEM}\nVersion ${v}.\n`);
      await s.published(uri, v);
    }
    const errors = s.logs.filter((l) => l.type === 1 && l.message.includes('counterfactual'));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(uri);
    // another document: logged once for that document too
    const uri2 = docUri('failing-rule-2.md');
    s.open(uri2, POSTMORTEM);
    await s.published(uri2, 1);
    expect(s.logs.filter((l) => l.type === 1 && l.message.includes('counterfactual'))).toHaveLength(2);
    expect(s.exited).toBeUndefined();
  }, 60_000);

  it('after the server is killed mid-session, a fresh server recovers the state from re-opened documents', async () => {
    const a = await start();
    const uris = ['kill-1.md', 'kill-2.md'].map((n) => docUri(n));
    const texts = [POSTMORTEM, `${POSTMORTEM}\n## Timeline\n\n- 14:05 UTC — rollback started\n- 14:02 UTC — alert fired\n`];
    uris.forEach((u, i) => a.open(u, texts[i]!, 1));
    // edit the second document, as a user would, before the crash
    a.change(uris[1]!, 2, `${texts[1]}\nHe forgot to check.\n`);
    const before = [await a.published(uris[0]!, 1), await a.published(uris[1]!, 2)];
    // kill it while a change is in flight
    a.change(uris[0]!, 2, `${POSTMORTEM}\nMid-flight edit.\n`);
    a.proc.kill('SIGKILL');
    await a.waitFor('the server to exit', () => a.exited);
    // what the client does on restart: a new server, the open documents re-sent at their current versions
    const b = await start();
    b.open(uris[0]!, POSTMORTEM, 1);
    b.open(uris[1]!, `${texts[1]}\nHe forgot to check.\n`, 2);
    const after = [await b.published(uris[0]!, 1), await b.published(uris[1]!, 2)];
    for (let i = 0; i < 2; i++) {
      const key = (p: Publish) =>
        p.diagnostics
          .map(
            (d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`,
          )
          .sort();
      expect(key(after[i]!)).toEqual(key(before[i]!));
      expect(after[i]!.diagnostics.length).toBeGreaterThan(0);
    }
  }, 60_000);
});
