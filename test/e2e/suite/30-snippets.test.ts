// Snippets contributed by the extension are offered in Markdown and expand into a postmortem the
// linter recognises.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, open, ruleId, waitForDiagnostics, waitForLinted, wsUri } from './helpers';

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function snippetItems(uri: vscode.Uri, pos: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos);
  return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet);
}

/** Accepts a snippet completion as the editor does: replaces the typed prefix and expands the body. */
async function accept(editor: vscode.TextEditor, item: vscode.CompletionItem, prefixRange: vscode.Range): Promise<void> {
  assert.ok(item.insertText instanceof vscode.SnippetString, `"${label(item)}" inserts a snippet`);
  assert.ok(await editor.insertSnippet(item.insertText, prefixRange), 'snippet inserted');
}

describe('snippets', () => {
  before(async () => {
    await api();
  });
  afterEach(closeAll);

  it('offers postmortem, tl and action in Markdown', async () => {
    const editor = await open('drafts/new-incident.md');
    // on an empty line no word is typed yet, so every snippet is a candidate
    const labels = (await snippetItems(editor.document.uri, new vscode.Position(1, 0))).map(label);
    for (const prefix of ['postmortem', 'postmortem-google', 'postmortem-pagerduty', 'tl', 'action']) {
      assert.ok(labels.includes(prefix), `snippet "${prefix}" offered; got ${labels.join(', ')}`);
    }
  });

  it('"postmortem" expands into the standard template, which is linted as a postmortem with every required section', async () => {
    const a = await api();
    const uri = wsUri('drafts/new-incident.md');
    const editor = await open('drafts/new-incident.md');
    const doc = editor.document;
    const typed = doc.lineAt(0).range;
    const item = (await snippetItems(uri, typed.end)).find((i) => label(i) === 'postmortem');
    assert.ok(item);
    await accept(editor, item, typed);
    const text = doc.getText();
    assert.ok(!text.startsWith('postmortem'), 'the typed prefix was replaced');
    assert.match(text, /^# Postmortem: short description of the incident$/m);
    for (const h of ['Timeline', 'Contributing Factors', 'What Went Well', 'What Went Poorly', 'Action Items']) {
      assert.match(text, new RegExp(`^#+ ${h}$`, 'm'), `template has "${h}"`);
    }
    assert.doesNotMatch(text, /\$\{|\$CURRENT_/, 'no unexpanded snippet syntax');
    // drafts/ matches no postmortem glob: the server recognises the expanded template by its content
    await waitForLinted(a, uri, true);
    const diags = await waitForDiagnostics(uri, () => true, 'diagnostics for the expanded template');
    assert.deepEqual(
      diags.filter((d) => ruleId(d) === 'required-sections').map((d) => d.message),
      [],
    );
  });

  it('"tl" expands into a timeline entry stamped with the current time', async () => {
    const editor = await open('drafts/new-incident.md');
    const doc = editor.document;
    assert.ok(await editor.edit((b) => b.replace(doc.lineAt(0).range, 'tl')));
    const typed = doc.lineAt(0).range;
    const item = (await snippetItems(doc.uri, typed.end)).find((i) => label(i) === 'tl');
    assert.ok(item);
    await accept(editor, item, typed);
    assert.match(doc.lineAt(0).text, /^- \d{2}:\d{2} UTC\S* — What happened$/);
  });
});
