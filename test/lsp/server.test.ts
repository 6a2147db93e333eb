// Protocol tier: the bundled server over stdio, as any LSP client sees it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import type { ResponseError } from 'vscode-jsonrpc/node';
import { SERVER_STATUS_REQUEST, type ServerStatusResult } from '../../server/src/protocol';
import { applyLspEdits, TestClient } from './helpers/client';

const DOC = `# Checkout outage

## Summary

Checkout failed for 40 minutes.

## Timeline

- 10:02 UTC deploy starts
- 10:09 UTC alert fires

## Action Items

- Add a canary stage (owner: @dana, due: 2026-04-01, OPS-12, done when canary blocks bad configs)
`;
const README = '# my-lib\n\n## Installation\n\nnpm i my-lib\n';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.shutdown();
  client = undefined;
});

const uri = (name: string) => URI.file(path.join(os.tmpdir(), 'pm-lsp', name)).toString();
const missing = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'required-sections').map((d) => d.message);

describe('initialize', () => {
  it('declares the capabilities, pull diagnostics when the client supports them', async () => {
    client = new TestClient();
    const init = await client.initialize();
    expect(init.serverInfo?.name).toBe('postmortem-lint');
    expect(init.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: false, workspaceDiagnostics: true });
    expect(init.capabilities.codeActionProvider).toBeTruthy();
    expect(init.capabilities.hoverProvider).toBe(true);
    expect(init.capabilities.documentSymbolProvider).toBeTruthy();
  });
  it('no diagnosticProvider for a push-only client', async () => {
    client = new TestClient({ pull: false });
    const init = await client.initialize();
    expect(init.capabilities.diagnosticProvider).toBeUndefined();
  });
});

describe('diagnostics', () => {
  it('pull: codes, source, doc links, data, ranges', async () => {
    client = new TestClient();
    await client.initialize();
    const u = uri('postmortem.md');
    client.open(u, DOC);
    const ds = await client.pull(u);
    expect(missing(ds)).toEqual([
      'Missing section "Contributing Factors" (standard profile).',
      'Missing section "What Went Well" (standard profile).',
      'Missing section "What Went Poorly" (standard profile).',
    ]);
    const d = ds.find((x) => x.code === 'required-sections')!;
    expect(d.source).toBe('postmortem-lint');
    expect(d.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 17 } });
    expect(d.codeDescription?.href).toMatch(/^file:.*docs\/rules\/required-sections\.md$/);
    expect(fs.existsSync(URI.parse(d.codeDescription!.href).fsPath)).toBe(true);
    expect((d.data as { ruleId: string }).ruleId).toBe('required-sections');
    // push is never used for a pull client
    expect(client.published.get(u)).toBeUndefined();
  });

  it('push: published for the latest version only; a README gets nothing', async () => {
    client = new TestClient({ pull: false });
    await client.initialize();
    const u = uri('postmortem.md');
    client.open(u, DOC, 1);
    expect(missing(await client.pushed(u, 1))).toHaveLength(3);
    client.change(u, 2, DOC.replace('## Action Items', '## Contributing Factors\n\nA race.\n\n## Action Items'));
    expect(missing(await client.pushed(u, 2))).toHaveLength(2);
    const r = uri('README.md');
    client.open(r, README, 1);
    expect(await client.pushed(r, 1)).toEqual([]);
  });

  it('the postmortem globs from settings decide for files without postmortem structure', async () => {
    client = new TestClient({ settings: { files: ['**/notes/**'] } });
    await client.initialize();
    const u = uri('notes/a.md');
    client.open(u, '# A note\n\nNothing yet.\n');
    expect(missing(await client.pull(u))).toHaveLength(5);
  });

  it('settings can turn a rule off or change its severity; a change re-lints (refresh)', async () => {
    client = new TestClient();
    await client.initialize();
    const u = uri('postmortem.md');
    client.open(u, DOC);
    expect((await client.pull(u)).find((d) => d.code === 'required-sections')!.severity).toBe(3);
    client.settings = { rules: { 'required-sections': 'error' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.waitFor(() => client!.notifications.some((n) => n.method === 'workspace/diagnostic/refresh'), 'a diagnostics refresh');
    expect((await client.pull(u)).find((d) => d.code === 'required-sections')!.severity).toBe(1);
    client.settings = { rules: { 'required-sections': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    expect(missing(await client.pull(u))).toEqual([]);
  });

  it('a 100,000-line document gets one document-size warning (no parse)', async () => {
    client = new TestClient();
    await client.initialize();
    const u = uri('huge-postmortem.md');
    client.open(u, `# Outage\n\n## Timeline\n\n${'- 10:00 UTC x\n'.repeat(100_000)}`);
    const ds = await client.pull(u);
    expect(ds.map((d) => [d.code, d.severity, d.range.start.line])).toEqual([['document-size', 2, 0]]);
    expect(String(ds[0]!.message)).toMatch(/maxDocumentLines/);
  });

  it('typing fast: a pull superseded by a newer version is cancelled with a retrigger before it lints; the last one answers', async () => {
    client = new TestClient();
    await client.initialize();
    const u = uri('typing.md');
    client.open(u, DOC);
    await client.pull(u);
    const lints = async () => (await client!.request<ServerStatusResult>(SERVER_STATUS_REQUEST, {})).lints;
    const before = await lints();
    // eight keystrokes, each with its pull, reaching the server together (one write): as an editor sends them
    // when the server is busy
    const stdin = client.process.stdin!;
    stdin.cork();
    const pulls: Promise<{ items: Diagnostic[] } | { error: ResponseError<unknown> }>[] = [];
    for (let v = 2; v <= 9; v++) {
      client.change(u, v, DOC.replace('Checkout failed', `Checkout failed (${v})`));
      pulls.push(
        client.pull(u).then(
          (items) => ({ items }),
          (error: ResponseError<unknown>) => ({ error }),
        ),
      );
    }
    process.nextTick(() => stdin.uncork());
    const answers = await Promise.all(pulls);
    const last = answers.at(-1)!;
    expect('items' in last && last.items.some((d) => d.code === 'action-item-due-date' || d.code === 'required-sections')).toBe(true);
    const cancelled = answers.filter((a) => 'error' in a);
    for (const a of cancelled) {
      expect(a.error.code).toBe(-32802); // ServerCancelled
      expect(a.error.data).toEqual({ retriggerRequest: true });
    }
    expect(cancelled.length).toBe(7);
    expect((await lints()) - before).toBe(1);
  });

  it('reports the document status (linted or not) to the client', async () => {
    client = new TestClient();
    await client.initialize();
    const u = uri('README.md');
    client.open(u, README);
    await client.pull(u);
    const status = await client.waitFor(() => client!.notifications.find((n) => n.method === 'postmortemLint/status'), 'status');
    expect(status.params).toMatchObject({ uri: u, linted: false });
    // the toggle turns it on for this file
    await client.connection.sendNotification('postmortemLint/setOverride', { uri: u, mode: 'on' });
    expect(missing(await client.pull(u))).toHaveLength(5);
  });
});

describe('code actions', () => {
  async function actionsFor(text: string, only?: string[]) {
    client = new TestClient();
    await client.initialize();
    const u = uri('postmortem.md');
    client.open(u, text);
    const ds = await client.pull(u);
    const d = ds.find((x) => x.code === 'required-sections')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: d.range,
      context: { diagnostics: [d], ...(only ? { only } : {}) },
    });
    return { u, d, actions };
  }

  it('quick fix, disable for line/file, show documentation, in that order; the fix removes the finding', async () => {
    const { u, actions } = await actionsFor(DOC);
    expect(actions.map((a) => a.title)).toEqual([
      'Insert a "Contributing Factors" section',
      'Disable required-sections for this line',
      'Disable required-sections for this file',
      'Show documentation for required-sections',
    ]);
    const fixed = applyLspEdits(DOC, actions[0]!.edit!.changes![u]!);
    expect(fixed).toContain('## Contributing Factors\n\n<!--');
    client!.change(u, 2, fixed);
    expect(missing(await client!.pull(u))).toHaveLength(2);
    const disabled = applyLspEdits(DOC, actions[2]!.edit!.changes![u]!);
    expect(disabled.startsWith('<!-- postmortem-lint-disable-file required-sections -->\n\n# Checkout outage')).toBe(true);
    client!.change(u, 3, disabled);
    expect(missing(await client!.pull(u))).toEqual([]);
    const line = applyLspEdits(DOC, actions[1]!.edit!.changes![u]!);
    expect(line.split('\n')[0]).toBe('# Checkout outage <!-- postmortem-lint-disable-line required-sections -->');
    expect(actions[3]!.command).toMatchObject({ command: 'postmortemLint.openDocs' });
  });

  it('source.fixAll applies every safe fix as minimal edits', async () => {
    const { u, actions } = await actionsFor(DOC, ['source.fixAll.postmortem-lint']);
    const fixAll = actions.find((a) => a.kind === 'source.fixAll.postmortem-lint')!;
    expect(fixAll).toBeTruthy();
    const fixed = applyLspEdits(DOC, fixAll.edit!.changes![u]!);
    client!.change(u, 2, fixed);
    expect(missing(await client!.pull(u))).toEqual([]);
    expect(fixed.startsWith(DOC.slice(0, DOC.indexOf('## Action Items')))).toBe(true);
  });
});

describe('hover and symbols', () => {
  it('hover on a finding explains the rule and links its page', async () => {
    client = new TestClient();
    await client.initialize();
    const u = uri('postmortem.md');
    client.open(u, DOC);
    await client.pull(u);
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: u },
      position: { line: 0, character: 3 },
    });
    const value = (hover!.contents as { value: string }).value;
    expect(value).toContain('**required-sections**');
    expect(value).toContain('Rule documentation');
    expect(await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 4, character: 3 } })).toBeNull();
  });

  it("a finding that rolls up a paragraph's capped findings lists them as related information and in its hover", async () => {
    client = new TestClient();
    await client.initialize();
    const u = uri('capped.md');
    const para = Array.from({ length: 5 }, (_, i) => `Engineer ${i} was careless.`).join(' ');
    const text = DOC.replace('## Timeline', `${para}\n\n## Timeline`);
    const line = text.split('\n').findIndex((l) => l.startsWith('Engineer 0'));
    client.open(u, text);
    const capped = (await client.pull(u)).filter((d) => d.code === 'judgement' && d.range.start.line === line);
    expect(capped).toHaveLength(3);
    const last = capped[2]!;
    expect(last.relatedInformation!.map((r) => [r.location.uri, r.location.range.start.line, r.message])).toEqual([
      [u, line, 'Not shown: Normative judgement: “careless” (judgement)'],
      [u, line, 'Not shown: Normative judgement: “careless” (judgement)'],
    ]);
    expect(last.relatedInformation!.map((r) => r.location.range.start.character)).toEqual(
      [3, 4].map((i) => text.split('\n')[line]!.indexOf('careless', text.split('\n')[line]!.indexOf(`Engineer ${i}`))),
    );
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: last.range.start });
    const value = (hover!.contents as { value: string }).value;
    expect(value).toContain(`- line ${line + 1}: Not shown: Normative judgement: “careless” (judgement)`);
  });

  it('document symbols: sections with timeline entries and action items nested', async () => {
    client = new TestClient();
    await client.initialize();
    const u = uri('postmortem.md');
    client.open(u, DOC);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
    expect(symbols.map((s) => s.name)).toEqual(['Summary', 'Timeline', 'Action Items']);
    expect(symbols[1]!.children!.length).toBe(2);
    expect(symbols[2]!.children!.length).toBe(1);
  });
});

describe('config file', () => {
  it('.postmortemlintrc.json is read by walking up; a malformed one gives one located diagnostic and a notification, linting continues', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-config-'));
    fs.mkdirSync(path.join(dir, 'postmortems', '2026'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.postmortemlintrc.json'), '{ "rules": { "required-sections": "error" } }');
    const file = path.join(dir, 'postmortems', '2026', 'a.md');
    fs.writeFileSync(file, DOC);
    client = new TestClient({ rootUri: URI.file(dir).toString() });
    await client.initialize();
    const u = URI.file(file).toString();
    client.open(u, DOC);
    expect((await client.pull(u)).find((d) => d.code === 'required-sections')!.severity).toBe(1);

    fs.writeFileSync(path.join(dir, '.postmortemlintrc.json'), '{\n  "rules": {\n    "required-sections": "loud"\n  }\n}\n');
    const cfgUri = URI.file(path.join(dir, '.postmortemlintrc.json')).toString();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cfgUri, type: 2 }] });
    const ds = await client.pull(u);
    expect(ds.find((d) => d.code === 'required-sections')!.severity).toBe(3); // defaults again
    const cfg = await client.pushed(cfgUri);
    expect(cfg).toHaveLength(1);
    expect(cfg[0]!.range.start).toEqual({ line: 2, character: 4 });
    expect(cfg[0]!.message).toMatch(/rules.required-sections: expected one of/);
    const shown = await client.waitFor(() => client!.notifications.find((n) => n.method === 'window/showMessage'), 'a notification');
    expect((shown.params as { message: string }).message).toMatch(/\.postmortemlintrc\.json:3:5/);

    fs.writeFileSync(path.join(dir, '.postmortemlintrc.json'), '{ "rules": ');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cfgUri, type: 2 }] });
    expect(missing(await client.pull(u))).toHaveLength(3);
    await client.waitFor(
      () => (client!.published.get(cfgUri) ?? []).some((p) => p.diagnostics.some((d) => /invalid JSON/.test(String(d.message)))),
      'invalid JSON diagnostic',
    );
  });

  it('a config saved with a byte-order mark is read; a deeply nested one is a located problem and linting goes on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-config-'));
    const config = path.join(dir, '.postmortemlintrc.json');
    fs.writeFileSync(config, '\uFEFF{ "rules": { "required-sections": "error" } }');
    const file = path.join(dir, 'postmortem.md');
    client = new TestClient({ rootUri: URI.file(dir).toString() });
    await client.initialize();
    const u = URI.file(file).toString();
    client.open(u, DOC);
    expect((await client.pull(u)).find((d) => d.code === 'required-sections')!.severity).toBe(1);

    fs.writeFileSync(config, '{"a":'.repeat(5000));
    const cfgUri = URI.file(config).toString();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cfgUri, type: 2 }] });
    expect((await client.pull(u)).find((d) => d.code === 'required-sections')!.severity).toBe(3); // the defaults
    const cfg = await client.pushed(cfgUri);
    expect(cfg.map((d) => [d.range.start, d.message])).toEqual([
      [{ line: 0, character: 500 }, 'nested more than 100 levels deep; using defaults'],
    ]);
  });

  it('extends and overrides apply per file; the extended file is watched, and a change to it re-lints', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-extends-'));
    fs.mkdirSync(path.join(dir, 'shared'));
    fs.mkdirSync(path.join(dir, 'docs', 'drafts'), { recursive: true });
    const base = path.join(dir, 'shared', 'base.json');
    fs.writeFileSync(base, '{ "rules": { "required-sections": "error" } }');
    fs.writeFileSync(
      path.join(dir, 'docs', '.postmortemlintrc.json'),
      JSON.stringify({
        root: true,
        extends: '../shared/base.json',
        overrides: [{ files: ['drafts/**'], rules: { 'required-sections': 'off' } }],
      }),
    );
    client = new TestClient({ rootUri: URI.file(dir).toString(), relativePatterns: true });
    await client.initialize();
    const a = URI.file(path.join(dir, 'docs', 'a.md')).toString();
    const draft = URI.file(path.join(dir, 'docs', 'drafts', 'b.md')).toString();
    client.open(a, DOC);
    client.open(draft, DOC);
    expect((await client.pull(a)).find((d) => d.code === 'required-sections')!.severity).toBe(1);
    expect(missing(await client.pull(draft))).toHaveLength(0);
    const watched = await client.waitFor(
      () =>
        client!.registrations
          .flatMap((r) => r.registrations)
          .find((r) => r.method === 'workspace/didChangeWatchedFiles' && JSON.stringify(r.registerOptions).includes('base.json')),
      'a watcher for the extended file',
    );
    expect(watched.registerOptions).toEqual({
      watchers: [{ globPattern: { baseUri: URI.file(path.join(dir, 'shared')).toString(), pattern: 'base.json' } }],
    });

    fs.writeFileSync(base, '{ "rules": { "required-sections": "hint" } }');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(base).toString(), type: 2 }] });
    expect((await client.pull(a)).find((d) => d.code === 'required-sections')!.severity).toBe(4);
  });

  it('an untrusted workspace ignores the config file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-untrusted-'));
    fs.writeFileSync(path.join(dir, '.postmortemlintrc.json'), '{ "rules": { "required-sections": "off" } }');
    const file = path.join(dir, 'postmortem.md');
    client = new TestClient({ rootUri: URI.file(dir).toString(), initializationOptions: { trusted: false } });
    await client.initialize();
    const u = URI.file(file).toString();
    client.open(u, DOC);
    expect(missing(await client.pull(u))).toHaveLength(3);
  });
});
