// Protocol tier for action items: quick fixes applied and re-linted, the convert-to-table refactor,
// completion of owners (workspace postmortems + CODEOWNERS) and due dates, and the export request.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionList, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { applyLspEdits, TestClient } from './helpers/client';

const TODAY = '2026-01-15';
let ws: string;
let client: TestClient | undefined;

beforeAll(() => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-actions-'));
  // "today" from the team config: due-date suggestions and completions are reproducible.
  fs.writeFileSync(path.join(ws, '.postmortemlintrc.json'), JSON.stringify({ today: TODAY }));
  fs.mkdirSync(path.join(ws, 'postmortems'));
  fs.mkdirSync(path.join(ws, '.github'));
  fs.writeFileSync(
    path.join(ws, 'postmortems', '2025-11-02-queue.md'),
    '# Queue outage\n\n## Summary\n\nThe queue stalled.\n\n## Action Items\n\n| Action | Owner | Due |\n|---|---|---|\n| Add a lag alert | @dana | 2025-12-01 |\n| Shard the queue | Platform team | 2026-02-01 |\n',
  );
  fs.writeFileSync(path.join(ws, '.github', 'CODEOWNERS'), '# owners\n*.md @carol @acme/docs\n/infra/ ops@example.com\n');
});
afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));
afterEach(async () => {
  await client?.shutdown();
  client = undefined;
});

const docUri = (name: string) => URI.file(path.join(ws, 'postmortems', name)).toString();

async function start(options: { trusted?: boolean } = {}): Promise<TestClient> {
  client = new TestClient({ rootUri: URI.file(ws).toString(), initializationOptions: { trusted: options.trusted !== false } });
  await client.initialize();
  return client;
}

const ofRule = (ds: Diagnostic[], id: string) => ds.filter((d) => d.code === id);

async function quickFixes(c: TestClient, uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return c.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d], only: ['quickfix'] },
  });
}

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  const edits = action.edit?.changes?.[uri];
  expect(edits, `${action.title} carries edits for ${uri}`).toBeTruthy();
  return edits!;
}

/** Apply the quick fix titled `title` for the first `ruleId` diagnostic, send the new text, re-pull. */
async function applyFix(c: TestClient, uri: string, text: string, ruleId: string, title: string | RegExp, version: number) {
  const before = await c.pull(uri);
  const d = ofRule(before, ruleId)[0];
  expect(d, `${ruleId} reported`).toBeTruthy();
  const actions = await quickFixes(c, uri, d!);
  const action = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  expect(action, `"${String(title)}" among ${actions.map((a) => a.title).join(' | ')}`).toBeTruthy();
  const fixed = applyLspEdits(text, editsOf(action!, uri));
  c.change(uri, version, fixed);
  return { fixed, after: await c.pull(uri) };
}

describe('capabilities', () => {
  it('declares completion triggers and the refactor.rewrite kind', async () => {
    const c = await start();
    const caps = c.initializeResult!.capabilities;
    expect(caps.completionProvider?.triggerCharacters).toEqual(['@', ':']);
    expect((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds).toContain('refactor.rewrite');
  });
});

describe('quick fixes, applied and re-linted', () => {
  it('adds an Owner column to a CRLF table (escaped pipe, emoji) and action-item-owner is gone', async () => {
    const c = await start();
    const u = docUri('crlf-table.md');
    const text =
      '# Release outage\r\n\r\n## Summary\r\n\r\nReleases failed.\r\n\r\n## Action Items\r\n\r\n| Action | Due | Ticket | Done when |\r\n|---|---|---|---|\r\n' +
      '| Reject empty lists in `Release\\|Machines` 🚀 | 2099-07-09 | INF-1204 | empty list returns 400 |\r\n| Add a regression test | 2099-07-09 | INF-1205 | test fails on empty lists |\r\n';
    c.open(u, text);
    const { fixed, after } = await applyFix(c, u, text, 'action-item-owner', 'Add an owner field to 2 items', 2);
    expect(fixed.split('\r\n').slice(8, 12)).toEqual([
      '| Action | Due | Ticket | Done when | Owner |',
      '|---|---|---|---| --- |',
      '| Reject empty lists in `Release\\|Machines` 🚀 | 2099-07-09 | INF-1204 | empty list returns 400 | @ |',
      '| Add a regression test | 2099-07-09 | INF-1205 | test fails on empty lists | @ |',
    ]);
    expect(fixed.replace(/\r\n/g, '')).not.toContain('\n'); // still CRLF only
    expect(ofRule(after, 'action-item-owner')).toEqual([]);
  });

  it('appends `— owner: @` to a list item and action-item-owner is gone', async () => {
    const c = await start();
    const u = docUri('list-suffix.md');
    const text =
      '# Checkout outage\n\n## Summary\n\nCheckout failed.\n\n## Action Items\n\n' +
      '- Add a 5xx alert at 2% — owner: @raj — due: 2099-01-10 — ticket: OPS-1 — done when: alert fires in staging\n' +
      '- Add a canary stage for config pushes — due: 2099-01-10 — ticket: OPS-2 — done when: bad configs stop at canary\n';
    c.open(u, text);
    const { fixed, after } = await applyFix(c, u, text, 'action-item-owner', 'Add `— owner: @`', 2);
    expect(fixed).toContain('- Add a canary stage for config pushes — owner: @ — due: 2099-01-10');
    expect(ofRule(after, 'action-item-owner')).toEqual([]);
  });

  it('offers today + 7/14/30 days for a missing due date; applying one clears action-item-due-date', async () => {
    const c = await start();
    const u = docUri('due.md');
    const text =
      '# Checkout outage\n\n## Summary\n\nCheckout failed.\n\n## Action Items\n\n' +
      '- Add a 5xx alert at 2% — owner: @raj — due: 2099-01-10 — ticket: OPS-1 — done when: alert fires in staging\n' +
      '- Add a canary stage for config pushes — owner: @li — ticket: OPS-2 — done when: bad configs stop at canary\n';
    c.open(u, text);
    const d = ofRule(await c.pull(u), 'action-item-due-date')[0]!;
    const titles = (await quickFixes(c, u, d)).map((a) => a.title).filter((t) => t.startsWith('Set due date'));
    expect(titles).toEqual([
      'Set due date to 2026-01-22 (today + 7 days)',
      'Set due date to 2026-01-29 (today + 14 days)',
      'Set due date to 2026-02-14 (today + 30 days)',
    ]);
    const { fixed, after } = await applyFix(c, u, text, 'action-item-due-date', 'Set due date to 2026-01-29 (today + 14 days)', 2);
    expect(fixed).toContain('- Add a canary stage for config pushes — due: 2026-01-29 — owner: @li');
    expect(ofRule(after, 'action-item-due-date')).toEqual([]);
  });
});

describe('snippet edits (LSP 3.18 snippetEditSupport)', () => {
  it('sends each placeholder selected as a tab stop, in a versioned edit; expanding gives the plain fix', async () => {
    const c = new TestClient({ rootUri: URI.file(ws).toString() });
    client = c;
    // The helper's initialize() does not advertise snippet edits: initialize by hand.
    await c.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(ws).toString(),
      workspaceFolders: [{ uri: URI.file(ws).toString(), name: 'ws' }],
      initializationOptions: { trusted: true },
      capabilities: {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true, snippetEditSupport: true } },
        textDocument: {
          diagnostic: { dynamicRegistration: false },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor'] } } },
        },
      },
    });
    await c.connection.sendNotification('initialized', {});
    const u = docUri('snippets.md');
    const text =
      '# Outage\n\n## Summary\n\nIt broke.\n\n## Action Items\n\n| Action | Due | Ticket | Done when |\n|---|---|---|---|\n' +
      '| Reject `a\\|b` lists | 2099-07-09 | INF-1 | returns 400 |\n| Add a regression test | 2099-07-09 | INF-2 | fails on empty |\n';
    c.open(u, text, 3);
    const d = ofRule(await c.pull(u), 'action-item-owner')[0]!;
    const action = (await quickFixes(c, u, d)).find((a) => a.title === 'Add an owner field to 2 items')!;
    expect(action.edit?.changes).toBeUndefined();
    const change = action.edit!.documentChanges![0] as {
      textDocument: { uri: string; version: number };
      edits: ({ newText: string } | { snippet: { kind: string; value: string } })[];
    };
    expect(change.textDocument).toEqual({ uri: u, version: 3 });
    const snippets = change.edits
      .filter((e): e is { snippet: { kind: string; value: string } } => 'snippet' in e)
      .map((e) => e.snippet.value);
    expect(snippets).toEqual([' ${1:@} |', ' ${2:@} |']);
    // Expanding each snippet to its placeholder gives exactly the plain-text fix.
    const expanded = change.edits.map((e) =>
      'snippet' in e ? { ...(e as unknown as TextEdit), newText: e.snippet.value.replace(/\$\{\d+:([^}]*)\}/g, '$1') } : (e as TextEdit),
    );
    const plain = new TestClient({ rootUri: URI.file(ws).toString() });
    try {
      await plain.initialize();
      plain.open(u, text);
      const pd = ofRule(await plain.pull(u), 'action-item-owner')[0]!;
      const plainAction = (await quickFixes(plain, u, pd)).find((a) => a.title === 'Add an owner field to 2 items')!;
      expect(applyLspEdits(text, expanded)).toBe(applyLspEdits(text, editsOf(plainAction, u)));
    } finally {
      await plain.shutdown();
    }
    // Quick fixes without a placeholder (disable for this line) stay plain.
    const disable = (await quickFixes(c, u, d)).find((a) => a.title.startsWith('Disable action-item-owner for this line'))!;
    expect(disable.edit?.changes?.[u]).toBeTruthy();
  });
});

describe('convert action items to a table', () => {
  const LIST =
    '# Checkout outage\n\n## Summary\n\nCheckout failed.\n\n## Action Items\n\n' +
    '- [ ] Add a canary stage ([design](https://example.com/d?a=1|2)) — owner: @li — due: 2099-02-01 — ticket: OPS-2\n' +
    '- [x] Roll back the bad config — owner: @raj\n';

  it('is offered in the action-item section only, and the table keeps every item, link and field', async () => {
    const c = await start();
    const u = docUri('convert.md');
    c.open(u, LIST);
    const ask = (line: number) =>
      c.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: u },
        range: { start: { line, character: 2 }, end: { line, character: 2 } },
        context: { diagnostics: [], only: ['refactor'] },
      });
    expect(await ask(4)).toEqual([]); // in the Summary
    const actions = await ask(8);
    expect(actions.map((a) => [a.title, a.kind])).toEqual([['Convert action items to a table', 'refactor.rewrite']]);
    const before = await c.request<{ content: string; count: number }>('postmortemLint/actionItems', { uri: u, format: 'json' });
    const converted = applyLspEdits(LIST, editsOf(actions[0]!, u));
    expect(converted.split('\n').slice(8, 12)).toEqual([
      '| Action | Owner | Due | Status | Ticket |',
      '| --- | --- | --- | --- | --- |',
      '| Add a canary stage ([design](https://example.com/d?a=1\\|2)) | @li | 2099-02-01 | Open | OPS-2 |',
      '| Roll back the bad config | @raj | | Done | |',
    ]);
    c.change(u, 2, converted);
    const after = await c.request<{ content: string; count: number }>('postmortemLint/actionItems', { uri: u, format: 'json' });
    const pick = (r: { content: string }) =>
      (JSON.parse(r.content) as { owners: string; dueDate: string; status: string; tracker: string }[]).map((x) => [
        x.owners,
        x.dueDate,
        x.status,
        x.tracker,
      ]);
    expect(after.count).toBe(before.count);
    expect(pick(after)).toEqual(pick(before));
    // Once it is a table, the refactor is no longer offered.
    expect(await ask(10)).toEqual([]);
  });
});

describe('completion', () => {
  const TEXT =
    '# Checkout outage\n\n## Summary\n\nCheckout failed.\n\n## Action Items\n\n' +
    '- Add a canary stage — owner: @\n' +
    '- Add a 5xx alert — due: \n\n' +
    '| Action | Owner | Due |\n|---|---|---|\n| Add a lag alert |  |  |\n';
  const complete = (c: TestClient, u: string, line: number, character: number, triggerCharacter?: string) =>
    c.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri: u },
      position: { line, character },
      context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 },
    });

  it('owner positions offer owners from workspace postmortems and CODEOWNERS (people, not teams)', async () => {
    const c = await start();
    const u = docUri('complete.md');
    c.open(u, TEXT);
    // The first owner completion answers at once and starts the workspace scan in the background.
    const first = await complete(c, u, 8, TEXT.split('\n')[8]!.length, '@');
    expect(first!.isIncomplete).toBe(true);
    expect(first!.items.map((i) => i.label)).not.toContain('@dana');
    const log = await c.waitFor(
      () => c.notifications.find((n) => n.method === 'window/logMessage' && /owner index/.test((n.params as { message: string }).message)),
      'the owner index log',
    );
    expect((log.params as { message: string }).message).toMatch(/owner index: 3 owners from 1 Markdown file \(1 parsed, 1 found\)/);
    const afterAt = await complete(c, u, 8, TEXT.split('\n')[8]!.length, '@');
    expect(afterAt!.isIncomplete).toBe(false);
    const labels = afterAt!.items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['@dana', '@carol', 'ops@example.com']));
    expect(labels).not.toContain('@acme/docs'); // a team handle: action-item-single-owner would flag it
    expect(labels).not.toContain('Platform team');
    expect(labels).not.toContain('@'); // the value being typed is not a suggestion
    expect(labels[0]).toBe('@dana'); // seen in a postmortem ranks first
    const dana = afterAt!.items.find((i) => i.label === '@dana')!;
    expect(dana.detail).toBe('owner in 1 postmortem');
    // Replaces the typed "@".
    const line8 = TEXT.split('\n')[8]!;
    expect(dana.textEdit).toEqual({
      range: { start: { line: 8, character: line8.length - 1 }, end: { line: 8, character: line8.length } },
      newText: '@dana',
    });
    // The Owner cell of an action table.
    const cell = await complete(c, u, 13, '| Add a lag alert | '.length);
    expect(cell!.items.map((i) => i.label)).toEqual(expect.arrayContaining(['@dana', '@carol']));
  });

  it('due positions offer today + 7/14/30 as ISO dates (inline and in the Due cell); prose gets nothing', async () => {
    const c = await start();
    const u = docUri('complete-due.md');
    c.open(u, TEXT);
    const inline = await complete(c, u, 9, TEXT.split('\n')[9]!.length, ':');
    expect(inline!.items.map((i) => [i.label, i.detail])).toEqual([
      ['2026-01-22', 'today + 7 days'],
      ['2026-01-29', 'today + 14 days'],
      ['2026-02-14', 'today + 30 days'],
    ]);
    const cell = await complete(c, u, 13, '| Add a lag alert |  | '.length);
    expect(cell!.items.map((i) => i.label)).toEqual(['2026-01-22', '2026-01-29', '2026-02-14']);
    expect(await complete(c, u, 4, 3)).toBeNull(); // Summary prose
    expect(await complete(c, u, 13, 4)).toBeNull(); // the Action cell
  });

  it('untrusted workspace: no disk reads, only open documents supply owners', async () => {
    const c = await start({ trusted: false });
    const other = docUri('open-other.md');
    c.open(other, '# Disk outage\n\n## Summary\n\nDisk full.\n\n## Action Items\n\n- Add a disk alert — owner: @erin — due: 2099-01-01\n');
    await c.pull(other);
    const u = docUri('complete-untrusted.md');
    c.open(u, TEXT);
    const r = await complete(c, u, 8, TEXT.split('\n')[8]!.length, '@');
    expect(r!.items.map((i) => i.label)).toEqual(['@erin']);
    expect(r!.isIncomplete).toBe(false); // nothing is pending: the disk is never read
    expect(
      c.notifications.some((n) => n.method === 'window/logMessage' && /owner index/.test((n.params as { message: string }).message)),
    ).toBe(false);
  });
});

// Symbolic links out of the workspace (issue 20): a CODEOWNERS or a postmortem that links to a file outside the
// workspace folder is not read, so nothing of it reaches the completion list; a link inside the folder is read.
describe.skipIf(process.platform === 'win32')('owner completion and symbolic links', () => {
  const PM = (owner: string) =>
    `# Outage\n\n## Summary\n\nIt broke.\n\n## Action Items\n\n- Add an alert — owner: ${owner} — due: 2099-01-01\n`;
  let root: string;
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads only files whose real path is inside the workspace folder', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-links-'));
    const outside = path.join(root, 'outside');
    const folder = path.join(root, 'ws');
    for (const d of [
      outside,
      path.join(outside, 'more'),
      path.join(folder, 'postmortems'),
      path.join(folder, '.github'),
      path.join(folder, 'team'),
    ])
      fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(outside, 'CODEOWNERS'), '* @mallory\n');
    fs.writeFileSync(path.join(outside, 'incident.md'), PM('@eve'));
    fs.writeFileSync(path.join(outside, 'more', 'postmortem-x.md'), PM('@trent'));
    fs.writeFileSync(path.join(folder, 'postmortems', 'real.md'), PM('@dana'));
    fs.writeFileSync(path.join(folder, 'team', 'owners.txt'), '* @carol\n');
    fs.symlinkSync(path.join(outside, 'CODEOWNERS'), path.join(folder, '.github', 'CODEOWNERS')); // out: not read
    fs.symlinkSync(path.join(outside, 'incident.md'), path.join(folder, 'postmortems', 'linked.md')); // out: not read
    fs.symlinkSync(path.join(outside, 'more'), path.join(folder, 'postmortems', 'more')); // a folder out: not read
    fs.symlinkSync(path.join('team', 'owners.txt'), path.join(folder, 'CODEOWNERS')); // in: read
    client = new TestClient({ rootUri: URI.file(folder).toString(), initializationOptions: { trusted: true } });
    const c = client;
    await c.initialize();
    const u = URI.file(path.join(folder, 'postmortems', 'new.md')).toString();
    const text = '# New\n\n## Action Items\n\n- Add a canary stage — owner: @\n';
    c.open(u, text);
    const at = { textDocument: { uri: u }, position: { line: 4, character: text.split('\n')[4]!.length }, context: { triggerKind: 1 } };
    await c.request('textDocument/completion', at); // starts the disk scan
    await c.waitFor(
      () => c.notifications.some((n) => n.method === 'window/logMessage' && /owner index/.test((n.params as { message: string }).message)),
      'the owner index log',
    );
    const labels = (await c.request<CompletionList>('textDocument/completion', at)).items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['@dana', '@carol']));
    for (const outsider of ['@mallory', '@eve', '@trent']) expect(labels).not.toContain(outsider);
  });
});

describe('postmortemLint/actionItems', () => {
  it('returns CSV/JSON/Markdown content and the count; the document is not modified', async () => {
    const c = await start();
    const u = docUri('export.md');
    const text =
      '# Checkout outage\n\n## Summary\n\nCheckout failed.\n\n## Action Items\n\n- Fix "quoted", comma — owner: @a — due: 2099-01-01 — ticket: OPS-1\n- Add a | pipe\n';
    c.open(u, text);
    const csv = await c.request<{ content: string; count: number }>('postmortemLint/actionItems', { uri: u, format: 'csv' });
    expect(csv.count).toBe(2);
    expect(csv.content.split('\r\n')[1]).toBe(
      'postmortems/export.md,9,Action Items,,"Fix ""quoted"", comma",@a,2099-01-01,2099-01-01,open,,,OPS-1,',
    );
    const md = await c.request<{ content: string; count: number }>('postmortemLint/actionItems', { uri: u, format: 'markdown' });
    expect(md.content).toContain('| Add a \\| pipe |');
    await expect(c.request('postmortemLint/actionItems', { uri: u, format: 'xml' })).rejects.toThrow(/expected \{ uri, format/);
    await expect(c.request('postmortemLint/actionItems', { uri: docUri('not-open.md'), format: 'csv' })).rejects.toThrow(/not open/);
  });
});
