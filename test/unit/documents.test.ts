// lsp/documents.ts, the open document's pipeline, with an in-memory host: the resolved configuration is built once
// per (settings, directory) and reused on every keystroke, rebuilt when settings or config files change; stale work
// is dropped; rule errors and setting problems are reported once.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, describe, expect, it } from 'vitest';
import { Documents, type DocumentHost } from '../../server/src/lsp/documents';
import type { StatusParams } from '../../server/src/protocol';
import { allRules } from '../../server/src/engine/index';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pml-docs-'));
fs.writeFileSync(path.join(dir, '.postmortemlintrc.json'), '{ "maxOpenActionItems": 2 }');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const TEXT =
  '# Postmortem: x\n\n## Timeline\n\n- 10:00 UTC alert fired\n\n## Action Items\n\n- [ ] Add a canary (owner: @li, due: 2099-01-01, OPS-1)\n';

function setup(overrides: Partial<DocumentHost> = {}) {
  const open = new Map<string, TextDocument>();
  const statuses: StatusParams[] = [];
  const messages: string[] = [];
  let settingsAsked = 0;
  const host: DocumentHost = {
    settings: () => {
      settingsAsked++;
      return Promise.resolve({ rules: { emotive: 'loud' as never } });
    },
    trusted: () => true,
    workspaceFolders: () => [dir],
    configLoaded: () => undefined,
    settingProblem: (m) => messages.push(m),
    ruleError: (m) => messages.push(m),
    status: (p) => statuses.push(p),
    current: (uri) => open.get(uri),
    docsBaseUrl: 'docs/',
    ...overrides,
  };
  const docs = new Documents(host);
  const uri = URI.file(path.join(dir, 'incident.md')).toString();
  let doc = TextDocument.create(uri, 'markdown', 1, TEXT);
  open.set(uri, doc);
  const edit = (text: string) => {
    doc = TextDocument.update(doc, [{ text }], doc.version + 1);
    open.set(uri, doc);
    return doc;
  };
  return { docs, doc: () => doc, edit, statuses, messages, settingsAsked: () => settingsAsked, open, uri };
}

describe('Documents', () => {
  it('resolves the configuration once and reuses the object on every keystroke', async () => {
    const t = setup();
    const first = await t.docs.lint(t.doc());
    expect(first.config.maxOpenActionItems).toBe(2); // the config file beside the document
    const second = await t.docs.lint(t.edit(`${TEXT}\nMore.\n`));
    expect(second.config).toBe(first.config);
    expect(t.settingsAsked()).toBe(1);
    t.docs.invalidate({ settings: true });
    const third = await t.docs.lint(t.doc());
    expect(third.config).not.toBe(first.config);
    expect(t.settingsAsked()).toBe(2);
  });

  it('reports an invalid setting once, however often the document is linted', async () => {
    const t = setup();
    await t.docs.lint(t.doc());
    await t.docs.lint(t.edit(`${TEXT}x\n`));
    t.docs.invalidate({ settings: true });
    await t.docs.lint(t.doc());
    expect(t.messages.filter((m) => m.includes('postmortemLint.rules.emotive'))).toHaveLength(1);
  });

  it('caches the result per version and sends the status', async () => {
    const t = setup();
    const a = await t.docs.lint(t.doc());
    expect(await t.docs.lint(t.doc())).toBe(a);
    expect(t.statuses).toEqual([{ uri: t.uri, version: 1, linted: true, reason: expect.any(String) }]);
  });

  it('a new text under a version already used is linted anew, with a new revision (results are keyed by text)', async () => {
    const t = setup();
    const a = await t.docs.lint(t.doc());
    const revisionA = t.docs.revision(t.doc());
    const same = TextDocument.update(t.doc(), [{ text: `${TEXT}\nThe engineer was careless.\n` }], t.doc().version);
    const b = await t.docs.lint(same);
    expect(b).not.toBe(a);
    expect(b.model.text).toBe(same.getText());
    expect(t.docs.revision(same)).not.toBe(revisionA);
    expect(t.docs.revision(same)).toBe(t.docs.revision(same)); // stable while the text is
  });

  it('drops work for a version that was superseded while the settings were fetched', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const t = setup({ settings: () => gate.then(() => ({})) });
    const pending = t.docs.lint(t.doc());
    t.edit(`${TEXT}y\n`);
    release();
    await expect(pending).rejects.toMatchObject({ message: 'document changed' });
  });

  it('a per-file override turns linting off and back to detection', async () => {
    const t = setup();
    t.docs.setOverride(t.uri, 'off');
    expect((await t.docs.lint(t.doc())).skipped).toBe(true);
    t.docs.setOverride(t.uri, 'auto');
    expect((await t.docs.lint(t.doc())).skipped).toBe(false);
  });

  it('reports a failing rule once per document', async () => {
    const failing = allRules.map((r) =>
      r.meta.id === 'emotive'
        ? {
            meta: r.meta,
            check: () => {
              throw new Error('boom');
            },
          }
        : r,
    );
    const t = setup({ rules: failing });
    await t.docs.lint(t.doc());
    await t.docs.lint(t.edit(`${TEXT}z\n`));
    expect(t.messages.filter((m) => m.includes('rule emotive failed'))).toHaveLength(1);
  });
});

describe('Documents with shared configuration', () => {
  it('applies a config file’s overrides per file, shares the resolved config between files they treat alike, and records what it extends', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'pml-docs-share-'));
    fs.mkdirSync(path.join(ws, 'archive'));
    fs.writeFileSync(path.join(ws, 'base.json'), '{ "maxOpenActionItems": 4 }');
    fs.writeFileSync(
      path.join(ws, '.postmortemlintrc.json'),
      JSON.stringify({ root: true, extends: './base.json', overrides: [{ files: ['archive/**'], maxOpenActionItems: 1 }] }),
    );
    const docs = new Documents({
      settings: () => Promise.resolve({}),
      trusted: () => true,
      workspaceFolders: () => [ws],
      configLoaded: () => undefined,
      settingProblem: () => undefined,
      ruleError: () => undefined,
      status: () => undefined,
      current: () => undefined,
      docsBaseUrl: 'docs/',
    });
    const lint = (rel: string) => docs.lintFile(URI.file(path.join(ws, rel)).toString(), TEXT, URI.file(ws).toString());
    const [a, b, old, older] = await Promise.all([lint('a.md'), lint('b.md'), lint('archive/old.md'), lint('archive/older.md')]);
    expect([a.config.maxOpenActionItems, old.config.maxOpenActionItems]).toEqual([4, 1]);
    expect(b.config).toBe(a.config);
    expect(older.config).toBe(old.config);
    expect([...docs.configDependencies()]).toEqual([path.join(ws, 'base.json')]);
    fs.rmSync(ws, { recursive: true, force: true });
  });
});
