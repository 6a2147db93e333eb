// "Postmortem: Lint All Postmortems" in a real VS Code (issue 17 §1): with no document open, the command lints every
// postmortem of the workspace folder, VS Code's diagnostics (what the Problems panel lists) then hold findings for
// files that were never opened, not for the README, and a file changed on disk is linted again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { api, closeAll, ours, ruleId, stubWindow, waitForDiagnostics, wsUri } from './helpers';

const NEVER_OPENED = `# Incident 2026-01-20: search outage

## Summary

Search returned errors for 25 minutes. Root cause: human error during the index rebuild.

## Timeline

- 09:10 UTC The index rebuild starts.
- 09:30 UTC Errors clear.
- 09:05 UTC The rebuild is announced.

## Action items

- [ ] Be more careful with index rebuilds.
`;

interface Summary {
  files: number;
  postmortems: number;
  problems: number;
  skipped: number;
  capped: boolean;
}

describe('lint all postmortems', () => {
  let restore: (() => void)[] = [];
  before(async () => {
    await api();
    await closeAll();
  });
  afterEach(() => {
    for (const r of restore.reverse()) r();
    restore = [];
  });

  it('lists the findings of postmortems that were never opened, and none for the README', async () => {
    const messages: string[] = [];
    restore.push(
      stubWindow('showInformationMessage', (message: string) => {
        messages.push(message);
        return Promise.resolve(undefined);
      }),
    );
    // a postmortem written to disk by another tool, never opened in this window
    const never = wsUri('postmortems/zz-never-opened.md');
    fs.writeFileSync(never.fsPath, NEVER_OPENED);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === never.toString()));
    const summary = await vscode.commands.executeCommand<Summary>('postmortemLint.lintWorkspace');
    assert.ok(summary, 'the command returns its summary');
    assert.ok(summary.postmortems >= 14, `every postmortem of the workspace folder: ${JSON.stringify(summary)}`);
    assert.ok(summary.problems > 0);
    assert.ok(
      messages.some((m) => m.includes(`${summary.postmortems} postmortems linted`)),
      `a summary message: ${messages.join(' | ')}`,
    );
    const diags = await waitForDiagnostics(
      never,
      (d) => ['human-error', 'timeline-order', 'vague-remediation'].every((id) => d.some((x) => ruleId(x) === id)),
      'workspace findings of an unopened postmortem',
    );
    assert.ok(diags.length > 2);
    assert.deepEqual(ours(wsUri('README.md')), [], 'the README is no postmortem');
  });

  it('re-lints a postmortem when it changes on disk', async () => {
    const file = wsUri('postmortems/zz-workspace-scan.md');
    const text =
      '# Incident 2026-02-01: cache outage\n\n## Summary\n\nThe operator was careless with the cache flush.\n\n## Timeline\n\n- 10:00 UTC Cache flushed.\n- 10:05 UTC Errors rise.\n';
    try {
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
      await waitForDiagnostics(file, (d) => d.some((x) => ruleId(x) === 'judgement'), 'a new file on disk is linted');
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text.replace('was careless with', 'ran')));
      await waitForDiagnostics(file, (d) => !d.some((x) => ruleId(x) === 'judgement'), 'its finding goes when the file changes');
    } finally {
      await vscode.workspace.fs.delete(file);
    }
    await waitForDiagnostics(file, (d) => d.length === 0, 'a deleted file has no findings');
  });
});
