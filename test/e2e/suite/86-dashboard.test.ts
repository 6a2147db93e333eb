// "Postmortem: Open Follow-ups Dashboard" in a real VS Code (issue 17 §3): the command builds the follow-through report
// over the workspace's postmortems (a never-opened one included) and shows it in a webview tab; run again, it
// refreshes that tab instead of opening another.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { api, closeAll, withTimeout, wsUri, WAIT_MS } from './helpers';

// a postmortem written to disk, never opened, with an overdue item and a let-go one
const FILE = 'postmortems/zz-dashboard.md';
const TEXT = `# Incident 2026-02-11: search index lag

**Date:** 2026-02-11
**Severity:** SEV-3

## Summary

Search results lagged writes by up to 20 minutes.

## Action items

- [ ] Alert on index lag above five minutes (owner: @imogen, due: 2001-02-03)
- [-] Rewrite the indexer (reason: the lag alert covers it)
`;

const dashboardTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Postmortem Follow-ups Dashboard');

/** The dashboard tabs once the tab strip has caught up (it updates after the panel is created). */
async function settledTabs(): Promise<number> {
  for (let i = 0; i < 40 && dashboardTabs().length !== 1; i++) await new Promise((r) => setTimeout(r, 100));
  return dashboardTabs().length;
}
const tabLabels = () =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .map((t) => `${t.label} (${t.input?.constructor.name})`)
    .join(', ');

describe('follow-ups dashboard', () => {
  before(async () => {
    await api();
    await closeAll();
    fs.writeFileSync(wsUri(FILE).fsPath, TEXT);
  });
  after(async () => {
    fs.rmSync(wsUri(FILE).fsPath, { force: true });
    await closeAll();
  });

  it('shows the report of every postmortem in a webview tab, refreshed in place', async () => {
    const html = await withTimeout(
      vscode.commands.executeCommand<string | undefined>('postmortemLint.openDashboard'),
      WAIT_MS,
      'the dashboard',
    );
    assert.ok(html, 'the command resolves with the page');
    assert.match(html, /^<!doctype html>/);
    assert.ok(html.includes('search index lag'), 'the never-opened postmortem is in the report');
    assert.ok(html.includes('Alert on index lag above five minutes'), 'its overdue item is listed');
    assert.ok(html.includes('the lag alert covers it'), 'its let-go item is listed with the reason');
    assert.ok((html.match(/<svg/g) ?? []).length >= 3, 'the charts');
    assert.equal(await settledTabs(), 1, `one dashboard tab among: ${tabLabels()}`);

    await vscode.commands.executeCommand('postmortemLint.openDashboard');
    assert.equal(await settledTabs(), 1, `run again, the same tab is refreshed: ${tabLabels()}`);
  });
});
