// The extension's commands, run through vscode.commands.executeCommand the way the palette runs them. Prompts
// (input box, quick pick, save dialog) are driven by replacing vscode.window's functions for the duration of a
// test: the extension and this suite share one `vscode` API object (same extension folder).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  api,
  clearedThenBack,
  closeAll,
  lineOf,
  open,
  ruleId,
  newServerPid,
  serverPid,
  stubWindow,
  waitForDiagnostics,
  waitForLinted,
  waitForRules,
  waitForText,
  withTimeout,
  wsUri,
  WAIT_MS,
} from './helpers';

const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const encode = (s: string) => new TextEncoder().encode(s);

/** UTC wall clock `HH:MM` and date, as the commands compute them with the default postmortemLint.timezone. */
const utcTime = () => new Date().toISOString().slice(11, 16);
const utcDay = () => new Date().toISOString().slice(0, 10);

describe('commands', () => {
  let restore: (() => void)[] = [];
  before(async () => {
    await api();
  });
  afterEach(async () => {
    for (const r of restore.reverse()) r();
    restore = [];
    await closeAll();
  });

  it('New from Template: asks for a title and a profile, creates postmortems/YYYY-MM-DD-<slug>.md without overwriting, opens it with the title selected', async () => {
    const a = await api();
    const title = 'Payment webhooks dropped';
    const slug = 'payment-webhooks-dropped';
    const day = utcDay();
    // a file with today's name exists already: it must be left alone
    const taken = wsUri(`postmortems/${day}-${slug}.md`);
    const takenText = "# Someone else's draft\n";
    await vscode.workspace.fs.writeFile(taken, encode(takenText));

    const inputs: vscode.InputBoxOptions[] = [];
    const picks: string[][] = [];
    restore.push(
      stubWindow('showInputBox', (async (options: vscode.InputBoxOptions) => {
        inputs.push(options);
        return title;
      }) as never),
      stubWindow('showQuickPick', (async (
        items:
          readonly (vscode.QuickPickItem & { profile?: string })[] | Thenable<readonly (vscode.QuickPickItem & { profile?: string })[]>,
      ) => {
        const list = await items;
        picks.push(list.map((i) => i.label));
        return list.find((i) => i.profile === 'google-sre');
      }) as never),
    );

    await vscode.commands.executeCommand('postmortemLint.newPostmortem');
    const dayAfter = utcDay();

    assert.equal(inputs.length, 1, 'one title prompt');
    assert.equal(inputs[0]!.validateInput?.('   ') !== undefined, true, 'an empty title is refused');
    assert.equal(inputs[0]!.validateInput?.(title), undefined, 'a title is accepted');
    assert.equal(picks.length, 1, 'one profile prompt');
    assert.deepEqual([...picks[0]!].sort(), ['google-sre', 'pagerduty', 'standard']);

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'the new postmortem is open in the active editor');
    const doc = editor.document;
    const expected = new Set([`${day}-${slug}-2.md`, `${dayAfter}-${slug}${dayAfter === day ? '-2' : ''}.md`]);
    assert.ok(
      expected.has(path.basename(doc.uri.fsPath)),
      `file name ${path.basename(doc.uri.fsPath)} is one of ${[...expected].join(', ')}`,
    );
    assert.equal(path.dirname(doc.uri.fsPath), path.dirname(taken.fsPath), 'created in the postmortems/ folder');
    await vscode.workspace.fs.stat(doc.uri); // exists on disk (fails the test if not)
    assert.equal(decode(await vscode.workspace.fs.readFile(taken)), takenText, 'the existing file was not overwritten');

    assert.equal(doc.languageId, 'markdown');
    assert.equal(doc.lineAt(0).text, `# ${title}`);
    assert.ok(
      doc.getText().includes('\n## Trigger\n') && doc.getText().includes('\n## Root Causes\n'),
      'the google-sre template was inserted',
    );
    assert.equal(editor.selection.start.line, 0, 'the cursor is on the first field (the title)');
    assert.equal(doc.getText(editor.selection), title, 'the title field is selected, ready to be typed over');
    await waitForLinted(a, doc.uri, true);
  });

  it('Insert Timeline Entry Now: a table row in a table timeline, with the current time and the description selected', async () => {
    const editor = await open('postmortems/insert-entry.md');
    const doc = editor.document;
    const row = lineOf(doc, '| 08:14 |');
    editor.selection = new vscode.Selection(row, 3, row, 3);
    const t0 = utcTime();
    await vscode.commands.executeCommand('postmortemLint.insertTimelineEntry');
    const t1 = utcTime();
    const inserted = doc.lineAt(row + 1).text;
    assert.ok(
      [t0, t1].some((t) => inserted === `| ${t} | What happened |`),
      `new row after the cursor's row: ${JSON.stringify(inserted)} (time ${t0}/${t1} UTC)`,
    );
    assert.equal(doc.lineAt(row).text, '| 08:14 | The first stale-answer report arrives. |', 'the row under the cursor is unchanged');
    assert.equal(doc.getText(editor.selection), 'What happened', 'the description placeholder is selected');
  });

  it('Insert Timeline Entry Now: the next number, bold stamp, zone and separator of a numbered list', async () => {
    const editor = await open('postmortems/insert-entry.md');
    const doc = editor.document;
    const item = lineOf(doc, '2. **08:45 UTC**');
    editor.selection = new vscode.Selection(item, 0, item, 0);
    const t0 = utcTime();
    await vscode.commands.executeCommand('postmortemLint.insertTimelineEntry');
    const t1 = utcTime();
    const inserted = doc.lineAt(item + 1).text;
    assert.ok(
      [t0, t1].some((t) => inserted === `3. **${t} UTC** — What happened`),
      `new item: ${JSON.stringify(inserted)} (time ${t0}/${t1} UTC)`,
    );
    assert.equal(doc.getText(editor.selection), 'What happened');
  });

  it('Export Action Items with (uri, { format, target }): writes CSV and JSON without prompts and leaves the document unchanged', async () => {
    const uri = wsUri('postmortems/features.md');
    const { document: doc } = await open('postmortems/features.md');
    const text = doc.getText();
    const version = doc.version;
    const prompted: string[] = [];
    for (const name of ['showQuickPick', 'showSaveDialog', 'showInputBox']) {
      restore.push(
        stubWindow(name, (async () => {
          prompted.push(name);
          return undefined;
        }) as never),
      );
    }

    const csvTarget = wsUri('postmortems/features.action-items.csv');
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('postmortemLint.exportActionItems', uri, {
      format: 'csv',
      target: csvTarget,
    });
    assert.equal(written?.toString(), csvTarget.toString(), 'the command returns the file it wrote');
    const csv = decode(await vscode.workspace.fs.readFile(csvTarget));
    const rows = csv.split('\r\n');
    assert.equal(rows.at(-1), '', 'CRLF after every record (RFC 4180)');
    const header = rows[0]!.split(',');
    assert.deepEqual(header.slice(0, 8), ['file', 'line', 'section', 'group', 'action', 'owners', 'due', 'dueDate']);
    const records = rows.slice(1, -1).map((r) => Object.fromEntries(r.split(',').map((v, i) => [header[i], v])));
    assert.equal(records.length, 2, csv);
    const first = lineOf(doc, 'Alert on consumer throughput') + 1;
    assert.deepEqual(
      records.map((r) => [r.file, r.line, r.section, r.action, r.owners, r.dueDate, r.tracker]),
      [
        [
          'postmortems/features.md',
          String(first),
          'Action Items',
          'Alert on consumer throughput below 50% of the hourly baseline',
          '@priya',
          '2024-04-15',
          'BILL-21',
        ],
        [
          'postmortems/features.md',
          String(first + 1),
          'Action Items',
          'Add a canary stage for consumer deploys',
          '@marco',
          '2024-04-30',
          'BILL-22',
        ],
      ],
    );

    const jsonTarget = wsUri('postmortems/features.action-items.json');
    await vscode.commands.executeCommand('postmortemLint.exportActionItems', uri, { format: 'json', target: jsonTarget.toString() });
    const items = JSON.parse(decode(await vscode.workspace.fs.readFile(jsonTarget))) as {
      action: string;
      owners: string;
      doneWhen: string;
    }[];
    assert.deepEqual(
      items.map((i) => [i.action, i.owners]),
      [
        ['Alert on consumer throughput below 50% of the hourly baseline', '@priya'],
        ['Add a canary stage for consumer deploys', '@marco'],
      ],
    );
    assert.equal(items[1]!.doneWhen, 'every consumer deploy goes through the canary');

    assert.deepEqual(prompted, [], 'no prompt when format and target are given');
    assert.equal(doc.getText(), text, 'the document text is unchanged');
    assert.equal(doc.version, version, 'no edit was applied to the document');
    assert.equal(doc.isDirty, false);
  });

  it('Fix All Safe Problems: applies the safe fixes to the buffer (not to disk) and leaves rewrite suggestions alone', async () => {
    const uri = wsUri('postmortems/fix-all.md');
    const { document: doc } = await open('postmortems/fix-all.md');
    const onDiskBefore = decode(await vscode.workspace.fs.readFile(uri));
    const missing = (await waitForRules(uri, ['required-sections', 'human-error'])).filter((d) => ruleId(d) === 'required-sections');
    assert.equal(missing.length, 2, missing.map((d) => d.message).join(' | '));
    await vscode.commands.executeCommand('postmortemLint.fixAll');
    await waitForText(
      doc,
      (t) => /^## What Went Well$/m.test(t) && /^## What Went Poorly$/m.test(t),
      'fix-all to insert both missing sections',
    );
    assert.equal(doc.isDirty, true, 'the fixes went to the buffer');
    assert.equal(decode(await vscode.workspace.fs.readFile(uri)), onDiskBefore, 'nothing was written to disk');
    assert.match(doc.getText(), /because of human error\./, 'the meaning-changing rewrite is not applied');
    await waitForDiagnostics(
      uri,
      (d) => !d.some((x) => ruleId(x) === 'required-sections') && d.some((x) => ruleId(x) === 'human-error'),
      'required-sections gone, human-error kept',
    );
  });

  it('Show Output: reveals the "Postmortem Lint" output channel', async () => {
    await open('postmortems/features.md');
    const isOurs = (d: vscode.TextDocument) => d.uri.scheme === 'output' && /Postmortem/i.test(decodeURIComponent(d.uri.toString()));
    let sub: vscode.Disposable | undefined;
    const shown = new Promise<vscode.TextDocument>((resolve) => {
      sub = vscode.workspace.onDidOpenTextDocument((d) => {
        if (isOurs(d)) resolve(d);
      });
    });
    try {
      assert.equal(vscode.workspace.textDocuments.find(isOurs), undefined, 'the output channel is not shown before the command');
      await vscode.commands.executeCommand('postmortemLint.showOutput');
      const already = vscode.workspace.textDocuments.find(isOurs);
      const doc =
        already ??
        (await withTimeout(
          shown,
          WAIT_MS,
          'the output channel document',
          () => `documents: ${vscode.workspace.textDocuments.map((d) => d.uri.toString()).join(', ')}`,
        ));
      assert.equal(doc.uri.scheme, 'output');
      console.log(`      output channel document: ${doc.uri.toString()}`);
    } finally {
      sub?.dispose();
    }
  });

  it('Restart Language Server: a new server process starts, diagnostics come back, and edits are linted again', async () => {
    const a = await api();
    const uri = wsUri('postmortems/restart.md');
    const editor = await open('postmortems/restart.md');
    await waitForRules(uri, ['required-sections']);
    const before = serverPid();
    await clearedThenBack(uri, 'required-sections', () => vscode.commands.executeCommand('postmortemLint.restartServer'));
    newServerPid(before);
    assert.equal(a.client.isRunning(), true);
    // the new server lints edits: add a blameful sentence and wait for its finding
    const line = lineOf(editor.document, 'The retry policy had no integration test');
    assert.ok(await editor.edit((b) => b.insert(editor.document.lineAt(line).range.end, ' The change shipped because of human error.')));
    await waitForRules(uri, ['human-error']);
  });
});
