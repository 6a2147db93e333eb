// Server crash recovery: kill the language server process (SIGKILL, as an OOM kill would) and check that the
// client restarts it, says so once, and the new server lints the open documents again, including a file whose
// linting the user forced on with the status bar toggle.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  api,
  clearedThenBack,
  closeAll,
  lineOf,
  open,
  newServerPid,
  serverPid,
  stubWindow,
  waitForLinted,
  waitForRules,
  wsUri,
} from './helpers';

describe('server crash recovery', () => {
  const warnings: string[] = [];
  let restore: (() => void) | undefined;
  before(async () => {
    await api();
    restore = stubWindow('showWarningMessage', ((message: string) => {
      warnings.push(message);
      return Promise.resolve(undefined);
    }) as never);
  });
  after(async () => {
    restore?.();
    const a = await api();
    const readme = wsUri('README.md');
    if (a.isLinted(readme)) {
      await open('README.md');
      await vscode.commands.executeCommand('postmortemLint.toggleFile');
    }
    await closeAll();
  });

  it('a killed server is restarted, the user is told once, and open documents are linted again', async () => {
    const a = await api();
    const uri = wsUri('postmortems/restart.md');
    const editor = await open('postmortems/restart.md');
    await waitForRules(uri, ['required-sections']);
    const killed = serverPid();
    await clearedThenBack(uri, 'required-sections', async () => process.kill(killed, 'SIGKILL'));
    newServerPid(killed);
    assert.equal(a.client.isRunning(), true, 'the client is running again');
    assert.deepEqual(
      warnings.filter((w) => /stopped unexpectedly/.test(w)),
      ['The postmortem-lint server stopped unexpectedly and was restarted.'],
      `warnings shown: ${warnings.join(' | ') || 'none'}`,
    );
    // the new server follows edits made after the crash
    const line = lineOf(editor.document, 'The retry policy had no integration test');
    assert.ok(await editor.edit((b) => b.insert(editor.document.lineAt(line).range.end, ' The change shipped because of human error.')));
    await waitForRules(uri, ['human-error']);
  });

  it('a file the user toggled on is still linted by the restarted server', async () => {
    const a = await api();
    const readme = wsUri('README.md');
    await open('README.md');
    await waitForLinted(a, readme, false);
    await vscode.commands.executeCommand('postmortemLint.toggleFile');
    await waitForRules(readme, ['required-sections']);
    const killed = serverPid();
    await clearedThenBack(readme, 'required-sections', async () => process.kill(killed, 'SIGKILL'));
    newServerPid(killed);
    await waitForLinted(a, readme, true);
  });
});
