// The browser language server (dist/web/server.js) over its real transport shape: the bundle runs in a worker thread
// that has no DOM and no Node modules in reach of the bundle, only a worker's `self` (postMessage and onmessage), as in
// a browser's web worker; the test speaks JSON-RPC to it as the web extension's client does. The browser itself is
// test/e2e/web-smoke.mjs; this tier checks the protocol answers (diagnostics, quick fixes, fix-all, hover, hints,
// lenses, outline) fast.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BUNDLE = path.resolve(__dirname, '../../dist/web/server.js');
const URI = 'vscode-vfs://github/acme/ops/postmortems/2024-05-02-search-lag.md';
// the postmortem both web tiers lint (test/e2e/web-smoke.mjs opens it in the browser)
const TEXT = fs.readFileSync(path.resolve(__dirname, '../e2e/web-check.md'), 'utf8');

// The worker's side: a `self` like a web worker's, started from the bundle's own URL (as on vscode.dev: `location` and
// `importScripts`, which runs a script in the worker's global scope and is reported to the test), then the bundle, run
// as a script in the worker's scope. The blob start (the model prepended) is the browser test's.
const SHIM = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
globalThis.location = { href: ${JSON.stringify(pathToFileURL(BUNDLE).href)} };
globalThis.importScripts = (...urls) => {
  for (const url of urls) {
    parentPort.postMessage({ imported: url });
    (0, eval)(fs.readFileSync(new URL(url), 'utf8'));
  }
};
globalThis.self = {
  postMessage: (m) => parentPort.postMessage(m),
  addEventListener: () => {},
  set onmessage(fn) { parentPort.on('message', (data) => fn({ data })); },
};
new Function(fs.readFileSync(${JSON.stringify(BUNDLE)}, 'utf8'))();
`;

interface Message {
  imported?: string;
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: unknown;
}

let worker: Worker;
const received: Message[] = [];
const waiters: { test: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
let nextId = 1;

function waitFor(test: (m: Message) => boolean): Promise<Message> {
  const seen = received.find(test);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => waiters.push({ test, resolve }));
}

async function request(method: string, params: unknown): Promise<Message> {
  const id = nextId++;
  worker.postMessage({ jsonrpc: '2.0', id, method, params });
  const answer = await waitFor((m) => m.id === id && m.method === undefined);
  if (answer.error) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
  return answer;
}

function notify(method: string, params: unknown): void {
  worker.postMessage({ jsonrpc: '2.0', method, params });
}

beforeAll(async () => {
  worker = new Worker(SHIM, { eval: true });
  worker.on('message', (m: Message) => {
    received.push(m);
    for (const w of [...waiters]) {
      if (!w.test(m)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  });
  const init = await request('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: {} });
  expect(init.result.serverInfo.name).toMatch(/browser/);
  notify('initialized', {});
  notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: TEXT } });
});

afterAll(async () => {
  await worker?.terminate();
});

describe('the browser language server in a worker', () => {
  it('publishes the findings of an open postmortem (a virtual-workspace URI, as on github.dev)', async () => {
    const published = await waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === URI);
    const codes = published.params.diagnostics.map((d: { code: string }) => d.code);
    expect(codes).toContain('human-error');
    expect(codes).toContain('timeline-order');
  });

  it('loads the language model once, from dist/model.js beside it (the model ships once for both hosts)', async () => {
    await waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === URI);
    expect(received.filter((m) => m.imported).map((m) => m.imported)).toEqual([pathToFileURL(path.resolve(BUNDLE, '../../model.js')).href]);
    // the web bundle does not carry a copy of it
    expect(fs.statSync(BUNDLE).size).toBeLessThan(fs.statSync(path.resolve(BUNDLE, '../../model.js')).size);
  });

  it('offers quick fixes for a finding, and fix-all for the document', async () => {
    const published = await waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === URI);
    const blame = published.params.diagnostics.find((d: { code: string }) => d.code === 'human-error');
    const actions = await request('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: blame.range,
      context: { diagnostics: [blame] },
    });
    const titles = actions.result.map((a: { title: string }) => a.title);
    expect(titles).toContain('Disable human-error for this line');
    const disable = actions.result.find((a: { title: string }) => a.title === 'Disable human-error for this line');
    expect(disable.edit.changes[URI][0].newText).toMatch(/postmortem-lint-disable/);
  });

  it('answers hover on a finding, timeline hints, CodeLens and the outline', async () => {
    const hover = await request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 4, character: 75 } });
    expect(JSON.stringify(hover.result.contents)).toMatch(/human error/i);
    const hints = await request('textDocument/inlayHint', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 11, character: 0 } },
    });
    expect(hints.result.map((h: { label: string }) => h.label)).toContain('-30m');
    const lenses = await request('textDocument/codeLens', { textDocument: { uri: URI } });
    expect(lenses.result.length).toBeGreaterThan(0);
    const symbols = await request('textDocument/documentSymbol', { textDocument: { uri: URI } });
    expect(symbols.result.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['Summary', 'Timeline']));
  });

  it('re-lints an edit and clears a closed document', async () => {
    notify('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ text: TEXT.replace('The on-call engineer caused the outage.', 'The consumer pool was too small.') }],
    });
    const after = await waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === URI && m.params.version === 2);
    expect(after.params.diagnostics.map((d: { code: string }) => d.code)).not.toContain('human-error');
    notify('textDocument/didClose', { textDocument: { uri: URI } });
    const cleared = await waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === URI && m.params.diagnostics.length === 0,
    );
    expect(cleared.params.diagnostics).toEqual([]);
  });
});
