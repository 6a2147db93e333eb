// The "Postmortem Follow-ups" view (issue 17 §2): every action item of the workspace's postmortems, grouped by state
// (overdue, due within 14 days, open without a date, open without an owner, scheduled, done, let go), by owner or by
// postmortem. An item opens at its line; its quick fixes are one click away; the view's badge counts overdue items.
// The items come from the language server (postmortemLint/followUps), which reads the workspace once and keeps it
// current; the view refreshes when diagnostics change.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, FOLLOW_UPS_REQUEST, type FollowUp, type FollowUpState } from '../../server/src/protocol';

export type GroupBy = 'state' | 'owner' | 'postmortem';

const STATES: Record<FollowUpState, { label: string; icon: string }> = {
  overdue: { label: 'Overdue', icon: 'error' },
  'due-soon': { label: 'Due within 14 days', icon: 'clock' },
  'no-date': { label: 'Open without a date', icon: 'calendar' },
  'no-owner': { label: 'Open without an owner', icon: 'person' },
  scheduled: { label: 'Open, scheduled', icon: 'circle-large-outline' },
  done: { label: 'Done', icon: 'pass' },
  'let-go': { label: 'Let go', icon: 'circle-slash' },
};

export type FollowUpNode = { kind: 'group'; label: string; items: FollowUp[]; open: boolean } | { kind: 'item'; item: FollowUp };

export class FollowUpsProvider implements vscode.TreeDataProvider<FollowUpNode> {
  private items: FollowUp[] = [];
  private loaded = false;
  groupBy: GroupBy = 'state';
  view?: vscode.TreeView<FollowUpNode>;
  private readonly changed = new vscode.EventEmitter<FollowUpNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly ready: Promise<void>,
  ) {}

  /** Ask the server again; resolves when the view has the new items. */
  async refresh(): Promise<void> {
    await this.ready;
    try {
      this.items = (await this.client()?.sendRequest<FollowUp[]>(FOLLOW_UPS_REQUEST, null)) ?? [];
    } catch {
      this.items = [];
    }
    this.loaded = true;
    const overdue = this.items.filter((i) => i.state === 'overdue').length;
    if (this.view)
      this.view.badge = overdue ? { value: overdue, tooltip: `${overdue} overdue action item${overdue === 1 ? '' : 's'}` } : undefined;
    this.changed.fire(undefined);
  }

  setGroupBy(by: GroupBy): void {
    this.groupBy = by;
    this.changed.fire(undefined);
  }

  /** The groups of the current grouping, in their order (states as listed, owners and postmortems by name). */
  groups(): { label: string; items: FollowUp[]; open: boolean }[] {
    if (this.groupBy === 'state') {
      return (Object.keys(STATES) as FollowUpState[])
        .map((s) => ({ label: STATES[s].label, items: this.items.filter((i) => i.state === s), open: s === 'overdue' || s === 'due-soon' }))
        .filter((g) => g.items.length);
    }
    const by = new Map<string, FollowUp[]>();
    for (const i of this.items) {
      const keys = this.groupBy === 'owner' ? (i.owners.length ? i.owners : ['(no owner)']) : [i.postmortem];
      for (const k of keys) by.set(k, [...(by.get(k) ?? []), i]);
    }
    return [...by].sort(([a], [b]) => a.localeCompare(b)).map(([label, items]) => ({ label, items, open: false }));
  }

  async getChildren(node?: FollowUpNode): Promise<FollowUpNode[]> {
    if (!this.loaded) await this.refresh();
    if (!node) return this.groups().map((g) => ({ kind: 'group', ...g }));
    return node.kind === 'group' ? node.items.map((item) => ({ kind: 'item', item })) : [];
  }

  getTreeItem(node: FollowUpNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const t = new vscode.TreeItem(
        node.label,
        node.open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
      );
      t.description = String(node.items.length);
      t.contextValue = 'followUpGroup';
      return t;
    }
    const i = node.item;
    const t = new vscode.TreeItem(i.text, vscode.TreeItemCollapsibleState.None);
    t.description = [i.owners.join(', ') || 'no owner', i.due ?? 'no date', i.tracker].filter(Boolean).join(' · ');
    t.tooltip = new vscode.MarkdownString(
      `**${i.text}**\n\n${STATES[i.state].label} · ${t.description}\n\n*${i.postmortem}*, line ${i.line + 1}`,
    );
    t.iconPath = new vscode.ThemeIcon(STATES[i.state].icon);
    t.contextValue = 'followUp';
    t.command = { command: COMMANDS.revealLine, title: 'Open', arguments: [i.uri, i.line] };
    return t;
  }
}

/** Register the view, its commands, and its refresh on diagnostics changes. */
export function registerFollowUps(
  client: () => LanguageClient | undefined,
  ready: Promise<void>,
): { provider: FollowUpsProvider; disposables: vscode.Disposable[] } {
  const provider = new FollowUpsProvider(client, ready);
  const view = vscode.window.createTreeView('postmortemFollowUps', { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const disposables: vscode.Disposable[] = [
    view,
    vscode.commands.registerCommand('postmortemLint.followUps.refresh', () => provider.refresh()),
    vscode.commands.registerCommand('postmortemLint.followUps.groupBy', async (by?: GroupBy) => {
      const choice =
        by ??
        (
          await vscode.window.showQuickPick(
            [
              { label: 'State', by: 'state' as const },
              { label: 'Owner', by: 'owner' as const },
              { label: 'Postmortem', by: 'postmortem' as const },
            ],
            { placeHolder: 'Group follow-ups by' },
          )
        )?.by;
      if (choice) provider.setGroupBy(choice);
    }),
    // an item's quick fixes: open it at its line and show the light bulb's actions there
    vscode.commands.registerCommand('postmortemLint.followUps.quickFix', async (node?: FollowUpNode) => {
      if (node?.kind !== 'item') return;
      await vscode.commands.executeCommand(COMMANDS.revealLine, node.item.uri, node.item.line);
      await vscode.commands.executeCommand('editor.action.quickFix');
    }),
    // diagnostics change when a postmortem is edited, saved, or changes on disk: the items may have too
    vscode.languages.onDidChangeDiagnostics(() => {
      if (!view.visible) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        void provider.refresh();
      }, 1000);
    }),
    view.onDidChangeVisibility((e) => {
      if (e.visible) void provider.refresh();
    }),
  ];
  return { provider, disposables };
}
