// The "Postmortem Follow-ups" view in a real VS Code (issue 17 §2): the action items of a postmortem that was never
// opened appear under their states (overdue, no date, scheduled, done, let go), grouping by owner regroups them, the
// view's badge counts the overdue ones, and clicking an item opens its postmortem at the item's line.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { api, closeAll, withTimeout, wsUri, WAIT_MS } from './helpers';

// a postmortem written to disk, never opened; due dates far in the past and the future, so today's date does not matter
const FILE = 'postmortems/zz-follow-ups.md';
const TEXT = `# Incident 2026-01-15: queue consumers stalled

## Summary

Consumers stalled for 40 minutes after a broker failover.

## Action items

- [ ] Alert on consumer lag above 10k messages (owner: @rosalind, due: 2001-02-03)
- [ ] Document the broker failover steps (owner: @rosalind)
- [ ] Load-test consumers across a failover (owner: @tomasz, due: 2999-01-01)
- [x] Restart the stalled consumers (owner: @tomasz, due: 2026-01-15)
- [-] Replace the broker (reason: the failover fix covers it)
`;

interface Node {
  kind: 'group' | 'item';
  label?: string;
  items?: { text: string; uri: string; line: number }[];
  item?: { text: string; uri: string; line: number; state: string };
}

describe('follow-ups view', () => {
  before(async () => {
    await api();
    await closeAll();
    fs.writeFileSync(wsUri(FILE).fsPath, TEXT);
  });
  after(() => {
    fs.rmSync(wsUri(FILE).fsPath, { force: true });
  });

  it('groups every action item by state, by owner, and opens an item at its line', async () => {
    const a = await api();
    const provider = a.followUps as unknown as {
      refresh(): Promise<void>;
      getChildren(n?: Node): Promise<Node[]>;
      setGroupBy(by: string): void;
      view?: vscode.TreeView<unknown>;
    };
    await vscode.commands.executeCommand('postmortemFollowUps.focus');
    const mine = (n: Node) => (n.items ?? []).filter((i) => i.uri === wsUri(FILE).toString()).map((i) => i.text.split(' ')[0]);
    let groups: Node[] = [];
    await withTimeout(
      (async () => {
        for (;;) {
          await provider.refresh();
          groups = await provider.getChildren();
          if (groups.some((g) => mine(g).length)) return;
          await new Promise((r) => setTimeout(r, 250));
        }
      })(),
      WAIT_MS,
      'the follow-ups of the new postmortem',
    );
    const byLabel = new Map(groups.map((g) => [g.label, mine(g)]));
    assert.deepEqual(byLabel.get('Overdue'), ['Alert']);
    assert.deepEqual(byLabel.get('Open without a date'), ['Document']);
    assert.deepEqual(byLabel.get('Open, scheduled'), ['Load-test']);
    assert.deepEqual(byLabel.get('Done'), ['Restart']);
    assert.deepEqual(byLabel.get('Let go'), ['Replace']);
    const overdue = groups.find((g) => g.label === 'Overdue')!.items!.length;
    assert.equal(provider.view?.badge?.value, overdue, 'the badge counts the overdue items');

    provider.setGroupBy('owner');
    const owners = new Map((await provider.getChildren()).map((g) => [g.label, mine(g)]));
    assert.deepEqual(owners.get('@rosalind'), ['Alert', 'Document']);
    assert.deepEqual(owners.get('@tomasz'), ['Load-test', 'Restart']);
    provider.setGroupBy('state');

    // clicking an item runs its command: the postmortem opens at the item's line
    const group = (await provider.getChildren()).find((g) => g.label === 'Open, scheduled')!;
    const node = (await provider.getChildren(group)).find((n) => n.item?.uri === wsUri(FILE).toString())!;
    const treeItem = (a.followUps as unknown as { getTreeItem(n: Node): vscode.TreeItem }).getTreeItem(node);
    assert.ok(treeItem.command, 'an item has a command');
    await vscode.commands.executeCommand(treeItem.command.command, ...(treeItem.command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), wsUri(FILE).toString());
    assert.equal(editor?.selection.active.line, 10, 'the cursor on the item (zero-based line 10)');
  });
});
