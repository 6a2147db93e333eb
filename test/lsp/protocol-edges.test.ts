// Protocol tier, bad settings and protocol edge cases (issue 20): settings of the wrong type, a client that never
// answers workspace/configuration, a malformed Content-Length frame, requests after shutdown, and a client that
// reuses a version number for a new text. Needs `npm run build` first (dist/server.js).
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { ErrorCodes, ResponseError } from 'vscode-jsonrpc/node';
import { TestClient } from './helpers/client';

const POSTMORTEM = `# Postmortem: checkout API outage

## Summary

On 2024-03-12 the checkout API returned errors for 40 minutes after a configuration push.

## Contributing Factors

The engineer should have checked the dashboard.
`;

let clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.map((c) => c.shutdown()));
  clients = [];
});
function start(options: ConstructorParameters<typeof TestClient>[0] = {}): TestClient {
  const c = new TestClient(options);
  c.process.stdin!.on('error', () => undefined); // EPIPE once a server that exited is written to
  clients.push(c);
  return c;
}

const uri = (name: string) => URI.file(path.join(os.tmpdir(), 'pm-lsp-edges', 'postmortems', name)).toString();
const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code));
const key = (ds: Diagnostic[]) =>
  ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();
const messagesOf = (c: TestClient, method: string) =>
  c.notifications.filter((n) => n.method === method).map((n) => (n.params as { message: string }).message);

/** The request's error, or undefined when it was answered; rejects if no answer comes in `ms`. */
async function errorOf(p: Promise<unknown>, ms = 15_000): Promise<ResponseError<unknown> | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)));
  try {
    return await Promise.race([
      p.then(
        () => undefined,
        (e: unknown) => e as ResponseError<unknown>,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe('settings of the wrong type', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a string for files, and every other setting of the wrong type', { files: '**/*.md', rules: 'off', profile: 7, enable: 'yes' }],
    ['numbers of the wrong type, globs that are not strings', { files: [42, null], maxDocumentSize: 'big', maxDocumentLines: {} }],
  ])(
    '%s: the defaults apply and lint works, one warning per bad setting',
    async (_name, settings) => {
      const c = start({ settings });
      await c.initialize();
      const a = uri('bad-settings-a.md');
      c.open(a, POSTMORTEM);
      const error = await errorOf(c.pull(a));
      expect(error, error?.message).toBeUndefined();
      expect(codes(await c.pull(a))).toContain('counterfactual');
      // a second document: linted too, and no second warning for the same setting
      const b = uri('bad-settings-b.md');
      c.open(b, POSTMORTEM);
      expect(codes(await c.pull(b))).toContain('counterfactual');
      const warnings = messagesOf(c, 'window/showMessage');
      for (const name of Object.keys(settings)) expect(warnings.filter((m) => m.includes(`postmortemLint.${name}`))).toHaveLength(1);
    },
    30_000,
  );

  it('null for every setting means not set: the defaults apply, no warning', async () => {
    const c = start({ settings: { files: null, rules: null, profile: null, enable: null, maxDocumentSize: null, maxDocumentLines: null } });
    await c.initialize();
    const a = uri('null-settings.md');
    c.open(a, POSTMORTEM);
    const error = await errorOf(c.pull(a));
    expect(error, error?.message).toBeUndefined();
    expect(codes(await c.pull(a))).toContain('counterfactual');
    expect(messagesOf(c, 'window/showMessage')).toEqual([]);
  }, 30_000);
});

describe('a client that never answers workspace/configuration', () => {
  it('lint uses the defaults after a timeout, logged once; later requests are answered', async () => {
    const c = start({ ignoreConfiguration: true });
    await c.initialize();
    const a = uri('no-config-a.md');
    c.open(a, POSTMORTEM);
    const first = c.pull(a);
    expect(await errorOf(first)).toBeUndefined();
    expect(codes(await first)).toContain('counterfactual');
    const b = uri('no-config-b.md');
    c.open(b, POSTMORTEM);
    expect(codes(await c.pull(b))).toContain('counterfactual');
    const logged = messagesOf(c, 'window/logMessage').filter((m) => m.includes('workspace/configuration'));
    expect(logged).toHaveLength(1);
  }, 30_000);
});

describe('a malformed Content-Length frame', () => {
  it.each([
    ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{}'],
    ['a header without Content-Length', 'Content-Type: application/json\r\n\r\n{}'],
    ['a header line without a colon', 'garbage\r\n\r\n'],
  ])(
    '%s: the server says why on stderr and exits non-zero, so the client restarts it',
    async (_name, bytes) => {
      const c = start();
      await c.initialize();
      c.process.stdin!.write(bytes);
      await c.waitFor(() => c.process.exitCode !== null || c.process.signalCode !== null, 'the server to exit');
      expect(c.process.exitCode).not.toBe(0);
      expect(c.process.exitCode).not.toBeNull();
      expect(c.stderr.join('')).toMatch(/postmortem-lint.*malformed message/i);
      // and in the client's log, written before the exit
      await c.waitFor(() => messagesOf(c, 'window/logMessage').some((m) => /malformed message/.test(m)), 'the logged message');
    },
    30_000,
  );
});

describe('requests after shutdown', () => {
  it('are rejected with InvalidRequest; exit still ends the server with code 0', async () => {
    const c = start();
    await c.initialize();
    const a = uri('after-shutdown.md');
    c.open(a, POSTMORTEM);
    expect(codes(await c.pull(a))).toContain('counterfactual');
    await c.request('shutdown', undefined);
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri: a }, position: { line: 0, character: 2 } }],
      ['textDocument/diagnostic', { textDocument: { uri: a } }],
      ['shutdown', undefined],
    ] as const) {
      const error = await errorOf(c.request(method, params));
      expect(error, method).toBeInstanceOf(ResponseError);
      expect(error!.code, method).toBe(ErrorCodes.InvalidRequest);
    }
    await c.connection.sendNotification('exit');
    await c.waitFor(() => c.process.exitCode !== null, 'the server to exit');
    expect(c.process.exitCode).toBe(0);
  }, 30_000);
});

describe('a client that reuses a version number', () => {
  it('a new text under the same version is linted anew: its own findings, ranges and quick fixes', async () => {
    const c = start();
    await c.initialize();
    const textA = `${POSTMORTEM}\n## Action Items\n\n- Add a canary stage (owner: @dana)\n`;
    const textB = `${POSTMORTEM.replace('## Summary', '## Summary\n\nA new first paragraph.\n\nAnd a second one.')}\nHe should have known better.\n`;
    const a = uri('reused-version.md');
    c.open(a, textA, 1);
    const before = await c.pull(a);
    const withFix = before.find((d) => (d.data as { fix?: unknown; suggestions?: unknown[] }).suggestions?.length);
    expect(withFix, 'a finding with a quick fix in text A').toBeDefined();
    // the same version, another text
    c.change(a, 1, textB);
    const after = await c.pull(a);
    // what a fresh document with text B gets
    const fresh = uri('reused-version-fresh.md');
    c.open(fresh, textB, 1);
    const expected = await c.pull(fresh);
    expect(key(after)).toEqual(key(expected));
    expect(key(after)).not.toEqual(key(before));
    // text A's quick fixes are not offered for text B (their offsets belong to text A)
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: a },
      range: withFix!.range,
      context: { diagnostics: [withFix], only: ['quickfix'] },
    });
    const fixTitles = new Set(((withFix!.data as { suggestions: { title: string }[] }).suggestions ?? []).map((s) => s.title));
    expect(actions.filter((x) => fixTitles.has(x.title))).toEqual([]);
  }, 30_000);
});
