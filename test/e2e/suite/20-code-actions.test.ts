// Code actions applied to the buffer the way the editor applies them, and fix-all on save.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  api,
  applyAction,
  closeAll,
  codeActions,
  lineOf,
  open,
  ruleId,
  waitForDiagnostics,
  waitForRules,
  waitForText,
  wsUri,
} from './helpers';

describe('code actions', () => {
  before(async () => {
    await api();
  });
  afterEach(closeAll);

  it('a quick fix inserts the missing section into the buffer and its diagnostic disappears', async () => {
    const uri = wsUri('postmortems/quick-fix.md');
    const { document: doc } = await open('postmortems/quick-fix.md');
    const [diag] = (await waitForRules(uri, ['required-sections'])).filter((d) => ruleId(d) === 'required-sections');
    assert.ok(diag);
    assert.match(diag.message, /What Went Well/);
    const actions = await codeActions(uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Insert a "What Went Well" section');
    assert.ok(fix, `quick fix offered; got: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true, 'the safe fix is the preferred action');
    await applyAction(fix);
    assert.match(doc.getText(), /^## What Went Well$/m);
    assert.ok(doc.isDirty, 'the edit went to the buffer, not to disk');
    await waitForDiagnostics(uri, (d) => !d.some((x) => ruleId(x) === 'required-sections'), 'required-sections to disappear after the fix');
  });

  it('a blameless rewrite suggestion replaces the phrase in the buffer and the human-error diagnostic disappears', async () => {
    const uri = wsUri('postmortems/rewrite.md');
    const { document: doc } = await open('postmortems/rewrite.md');
    const [diag] = (await waitForRules(uri, ['human-error'])).filter((d) => ruleId(d) === 'human-error');
    assert.ok(diag);
    const actions = await codeActions(uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const rewrite = actions.find((a) => a.title.startsWith('Rewrite:'));
    assert.ok(rewrite, `rewrite offered; got: ${titles.join(' | ')}`);
    assert.notEqual(rewrite.isPreferred, true, 'a rewrite changes meaning: a suggestion, never the preferred (auto) fix');
    const line = diag.range.start.line;
    await applyAction(rewrite);
    assert.equal(doc.lineAt(line).text, 'The cache went stale because of [condition that made the action possible] during the upgrade.');
    await waitForDiagnostics(uri, (d) => !d.some((x) => ruleId(x) === 'human-error'), 'human-error to disappear after the rewrite');
  });

  it('a rewrite suggestion (move the out-of-order timeline entry) applies to the buffer and the diagnostic disappears', async () => {
    const uri = wsUri('postmortems/timeline-fix.md');
    const { document: doc } = await open('postmortems/timeline-fix.md');
    const [diag] = (await waitForRules(uri, ['timeline-order'])).filter((d) => ruleId(d) === 'timeline-order');
    assert.ok(diag);
    const actions = await codeActions(uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const move = actions.find((a) => a.title.startsWith('Move the 08:09 UTC entry before'));
    assert.ok(move, `move suggestion offered; got: ${actions.map((a) => a.title).join(' | ')}`);
    await applyAction(move);
    const order = ['08:01', '08:09', '08:20', '08:35'].map((t) => lineOf(doc, `- ${t} UTC`));
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      'the timeline is in order in the buffer',
    );
    assert.equal(doc.getText().match(/08:09 UTC/g)?.length, 1, 'the entry was moved, not copied');
    await waitForDiagnostics(uri, (d) => !d.some((x) => ruleId(x) === 'timeline-order'), 'timeline-order to disappear after the move');
  });

  it('"Disable <rule> for this line" inserts the suppression comment and silences the finding', async () => {
    const uri = wsUri('postmortems/disable-line.md');
    const { document: doc } = await open('postmortems/disable-line.md');
    const [diag] = (await waitForRules(uri, ['required-sections'])).filter((d) => ruleId(d) === 'required-sections');
    assert.ok(diag);
    const actions = await codeActions(uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const disable = actions.find((a) => a.title === 'Disable required-sections for this line');
    assert.ok(disable, `disable action offered; got: ${actions.map((a) => a.title).join(' | ')}`);
    await applyAction(disable);
    const line = diag.range.start.line;
    assert.equal(doc.lineAt(line).text, '# Postmortem: image upload failures <!-- postmortem-lint-disable-line required-sections -->');
    assert.equal(lineOf(doc, 'postmortem-lint-disable-line'), line, 'exactly on the diagnostic line');
    await waitForDiagnostics(uri, (d) => !d.some((x) => ruleId(x) === 'required-sections'), 'required-sections to be suppressed');
  });

  it('fix-all on save (editor.codeActionsOnSave) applies the safe fixes before writing the file', async () => {
    const uri = wsUri('postmortems/fix-on-save.md');
    const editor = await open('postmortems/fix-on-save.md');
    const doc = editor.document;
    const before = (await waitForRules(uri, ['required-sections'])).filter((d) => ruleId(d) === 'required-sections');
    assert.equal(before.length, 2, before.map((d) => d.message).join(' | '));
    await waitForRules(uri, ['human-error']);
    const setting = vscode.workspace
      .getConfiguration('editor', { uri, languageId: 'markdown' })
      .get<Record<string, string>>('codeActionsOnSave');
    assert.deepEqual(setting, { 'source.fixAll.postmortem-lint': 'explicit' }, 'the test workspace turns fix-all on save on');
    // an ordinary edit, then an explicit save as Ctrl+S does it
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), '\n')));
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitForText(doc, (t) => /^## What Went Well$/m.test(t) && /^## What Went Poorly$/m.test(t), 'fix-all to insert both sections');
    assert.equal(doc.isDirty, false, 'the fixed text was saved');
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.equal(onDisk, doc.getText());
    await waitForDiagnostics(uri, (d) => !d.some((x) => ruleId(x) === 'required-sections'), 'required-sections to disappear after save');
    // rewrites change meaning: they are suggestions, never applied by fix-all
    assert.match(doc.getText(), /because of human error\./);
    await waitForRules(uri, ['human-error']);
  });
});
