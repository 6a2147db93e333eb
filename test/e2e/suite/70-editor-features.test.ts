// Editor features served by the language server, asked for through VS Code's own provider commands (the same
// path the editor takes): hover on a finding, elapsed-time inlay hints, metrics CodeLens, document symbols,
// owner completion and the "Convert action items to a table" refactor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, applyAction, closeAll, codeActions, lineOf, open, ruleId, waitForRules, wsUri } from './helpers';

const FILE = 'postmortems/features.md';

function hoverText(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

function labelText(h: vscode.InlayHint): string {
  return typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
}

async function symbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  const all = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
  // ours: sections are Namespaces (the built-in Markdown outline reports headings as Strings)
  return all.filter((s) => s.kind === vscode.SymbolKind.Namespace);
}

describe('editor features', () => {
  before(async () => {
    await api();
  });
  afterEach(closeAll);

  it('hover on a finding names the rule, explains it and links its documentation', async () => {
    const uri = wsUri(FILE);
    const { document: doc } = await open(FILE);
    const [diag] = (await waitForRules(uri, ['judgement'])).filter((d) => ruleId(d) === 'judgement');
    assert.ok(diag);
    assert.equal(doc.getText(diag.range), 'careless');
    const at = diag.range.start.translate(0, 2);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at)) ?? [];
    const mine = hovers.find((h) => hoverText(h).includes('**judgement**'));
    assert.ok(mine, `a hover naming the rule; got: ${hovers.map(hoverText).join(' ## ') || 'no hover'}`);
    const text = hoverText(mine);
    assert.ok(text.includes(diag.message), 'the hover repeats the finding message');
    const target = typeof diag.code === 'object' ? diag.code.target.toString() : '';
    assert.ok(target.includes('judgement'), `diagnostic doc link: ${target}`);
    const link = /\[Rule documentation\]\(([^)]+)\)/.exec(text)?.[1];
    assert.ok(link, `a documentation link in: ${text}`);
    assert.equal(vscode.Uri.parse(link).toString(), target, 'the hover links the same page as the diagnostic code');
    assert.ok(mine.range?.contains(at), 'the hover range covers the finding');
  });

  it('inlay hints show the time elapsed since the first timeline entry after each timestamp', async () => {
    const uri = wsUri(FILE);
    const { document: doc } = await open(FILE);
    const full = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, full)) ?? [];
    const got = hints.map((h) => `${h.position.line}:${h.position.character} ${labelText(h)}`);
    const expected = [
      ['10:07', '+7m'],
      ['10:15', '+15m'],
      ['10:40', '+40m'],
      ['11:15', '+1h15m'],
    ].map(([time, label]) => {
      const line = lineOf(doc, `- ${time} — `);
      return `${line}:${doc.lineAt(line).text.indexOf(time!) + time!.length} ${label}`;
    });
    assert.deepEqual(got, expected, 'one hint right after each timestamp but the first');
  });

  it('CodeLens on the Timeline heading shows TTD/TTA/TTM/TTR, and a lens reveals its entry', async () => {
    const uri = wsUri(FILE);
    const { document: doc } = await open(FILE);
    const heading = lineOf(doc, '## Timeline');
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
    const onHeading = lenses.filter((l) => l.range.start.line === heading && !l.command?.title.startsWith('Decisions'));
    assert.deepEqual(
      onHeading.map((l) => l.command?.title),
      ['TTD 7m', 'TTA 15m', 'TTM 40m', 'TTR 1h15m'],
      `lenses: ${lenses.map((l) => `${l.range.start.line}:${l.command?.title}`).join(', ')}`,
    );
    assert.equal(lenses.length, onHeading.length + 1, 'no lenses elsewhere than the heading (metrics and decisions)');
    const tta = onHeading[1]!.command!;
    assert.equal(tta.command, 'postmortemLint.revealLine');
    await vscode.commands.executeCommand(tta.command, ...(tta.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    assert.equal(
      editor.selection.active.line,
      lineOf(doc, '- 10:15 — The on-call engineer acknowledges the page.'),
      'the cursor moved to the acknowledging entry',
    );
  });

  it('decision points: a hint on the unexplained one, its quick fix adds what the responder knew, and the lens counts it', async () => {
    const uri = wsUri(FILE);
    const { document: doc } = await open(FILE);
    const decisionLens = async () =>
      ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? []).find((l) =>
        l.command?.title.startsWith('Decisions'),
      );
    const entry = lineOf(doc, '- 10:15 — The on-call engineer acknowledges the page.');
    const lens = await decisionLens();
    assert.equal(lens?.command?.title, 'Decisions explained: 0 of 1');
    assert.equal(lens.range.start.line, lineOf(doc, '## Timeline'));
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, entry, 'the lens moved the cursor to the unexplained decision');
    const [hint] = (await waitForRules(uri, ['decision-context'])).filter((d) => ruleId(d) === 'decision-context');
    assert.ok(hint);
    assert.equal(hint.severity, vscode.DiagnosticSeverity.Hint);
    assert.equal(doc.getText(hint.range), 'acknowledges');
    const add = (await codeActions(uri, hint.range)).find((a) => a.title === 'Add what the responder knew then');
    assert.ok(add, 'the add-context quick fix is offered');
    await applyAction(add);
    assert.equal(doc.lineAt(entry + 1).text, '  - Available then: [metrics / alerts / logs / runbook]. Believed: [what they concluded].');
    const deadline = Date.now() + 20_000;
    let title = '';
    while (Date.now() < deadline && (title = (await decisionLens())?.command?.title ?? '') !== 'Decisions explained: 1 of 1')
      await new Promise((r) => setTimeout(r, 200));
    assert.equal(title, 'Decisions explained: 1 of 1');
  });

  it('document symbols: sections, with timeline entries and action items nested under their sections', async () => {
    const uri = wsUri(FILE);
    const { document: doc } = await open(FILE);
    const roots = await symbols(uri);
    assert.deepEqual(
      roots.map((s) => s.name),
      ['Summary', 'Timeline', 'Contributing Factors', 'What Went Well', 'What Went Poorly', 'Action Items'],
    );
    const timeline = roots[1]!;
    assert.equal(timeline.selectionRange.start.line, lineOf(doc, '## Timeline'));
    const events = timeline.children.filter((c) => c.kind === vscode.SymbolKind.Event);
    assert.deepEqual(
      events.map((e) => doc.getText(e.selectionRange)),
      ['10:00', '10:07', '10:15', '10:40', '11:15'],
    );
    assert.ok(events[1]!.name.startsWith('10:07 The queue depth alert fires'), events[1]!.name);
    const items = roots[5]!.children.filter((c) => c.kind === vscode.SymbolKind.Field);
    assert.deepEqual(
      items.map((i) => i.name),
      ['Alert on consumer throughput below 50% of the hourly baseline', 'Add a canary stage for consumer deploys'],
    );
    assert.match(items[0]!.detail, /@priya/);
    assert.match(items[0]!.detail, /2024-04-15/);
    for (const s of roots.filter((r) => r !== timeline && r !== roots[5])) {
      assert.ok(
        !s.children.some((c) => c.kind === vscode.SymbolKind.Event || c.kind === vscode.SymbolKind.Field),
        `${s.name} holds no entries or items`,
      );
    }
  });

  it('owner completion after "owner: @" offers the owners of open postmortems', async () => {
    const uri = wsUri(FILE);
    await open('postmortems/2024-03-12-checkout-outage.md');
    await waitForRules(wsUri('postmortems/2024-03-12-checkout-outage.md'), ['action-item-owner']); // linted: its owners are known
    const editor = await open(FILE);
    const doc = editor.document;
    const typed = '- Document the consumer throughput dashboard — owner: @';
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), `\n${typed}`)));
    const line = doc.lineCount - 1;
    assert.equal(doc.lineAt(line).text, typed);
    const at = new vscode.Position(line, typed.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at, '@');
    const owners = (list?.items ?? []).filter((i) => (typeof i.label === 'string' ? i.label : i.label.label).startsWith('@'));
    const labels = owners.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const o of ['@priya', '@marco', '@alice']) assert.ok(labels.includes(o), `${o} offered; got ${labels.join(', ') || 'nothing'}`);
    const alice = owners.find((i) => i.label === '@alice')!;
    assert.match(String(alice.detail), /owner in 1 postmortem/);
    assert.equal(alice.insertText, '@alice');
    const range = alice.range instanceof vscode.Range ? alice.range : alice.range?.replacing;
    assert.ok(range, 'the item replaces a range');
    assert.equal(doc.getText(range), '@', 'choosing an owner replaces the typed "@"');
  });

  it('the "Convert action items to a table" refactor rewrites the list as a table the server still reads', async () => {
    const uri = wsUri(FILE);
    const { document: doc } = await open(FILE);
    const first = lineOf(doc, '- Alert on consumer throughput');
    const actions = await codeActions(uri, new vscode.Range(first, 0, first, 0), vscode.CodeActionKind.RefactorRewrite.value);
    const convert = actions.find((a) => a.title === 'Convert action items to a table');
    assert.ok(convert, `refactor offered; got: ${actions.map((a) => a.title).join(' | ') || 'nothing'}`);
    assert.equal(convert.kind?.value, 'refactor.rewrite');
    await applyAction(convert);
    const text = doc.getText();
    assert.ok(!/^- Alert on consumer throughput/m.test(text), 'the list items are gone');
    const rows = text.split(/\r?\n/).filter((l) => l.startsWith('|'));
    assert.ok(rows.length >= 4, `header, delimiter and two rows: ${rows.join('\n')}`);
    assert.match(rows[1]!, /^\|(\s*:?-{3,}:?\s*\|)+$/, 'a delimiter row');
    const priya = rows.find((r) => r.includes('Alert on consumer throughput below 50% of the hourly baseline'));
    assert.ok(
      priya && priya.includes('@priya') && priya.includes('2024-04-15') && priya.includes('BILL-21'),
      `the first item's fields are in its row: ${priya}`,
    );
    // the server parses the table back into the same two action items
    const items = (await symbols(uri)).find((s) => s.name === 'Action Items')!.children.filter((c) => c.kind === vscode.SymbolKind.Field);
    assert.equal(items.length, 2, items.map((i) => i.name).join(' | '));
    assert.equal(items[0]!.name, 'Alert on consumer throughput below 50% of the hourly baseline');
    // the table has no "done when" column: the criterion stays in the Action cell, nothing is lost
    assert.ok(items[1]!.name.startsWith('Add a canary stage for consumer deploys — done when: every consumer deploy'), items[1]!.name);
    assert.match(items[0]!.detail, /@priya/);
    assert.match(items[1]!.detail, /@marco/);
    assert.match(items[1]!.detail, /2024-04-30/);
  });
});
