// Only postmortems are linted; the status bar toggle turns linting off and on for one file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, ours, open, waitForDiagnostics, waitForLinted, waitForRules, wsUri } from './helpers';

describe('which files are linted', () => {
  before(async () => {
    await api();
  });
  afterEach(closeAll);

  it('a non-postmortem README stays clean', async () => {
    const a = await api();
    const readme = wsUri('README.md');
    const { document } = await open('README.md');
    assert.equal(document.languageId, 'markdown');
    // the server reports its decision for every open Markdown document: wait for it
    await waitForLinted(a, readme, false);
    assert.deepEqual(ours(readme), [], 'no postmortem-lint diagnostics on README.md');
  });

  it('the status bar toggle turns linting off and back on for the active file', async () => {
    const a = await api();
    const uri = wsUri('postmortems/toggle.md');
    await open('postmortems/toggle.md');
    await waitForRules(uri, ['required-sections']);
    await waitForLinted(a, uri, true);
    await vscode.commands.executeCommand('postmortemLint.toggleFile');
    await waitForDiagnostics(uri, (d) => d.length === 0, 'diagnostics to clear after toggling linting off');
    await waitForLinted(a, uri, false);
    await vscode.commands.executeCommand('postmortemLint.toggleFile');
    await waitForRules(uri, ['required-sections']);
    await waitForLinted(a, uri, true);
  });

  it('the toggle also turns linting on for a Markdown file that is not a postmortem', async () => {
    const a = await api();
    const readme = wsUri('README.md');
    await open('README.md');
    await waitForLinted(a, readme, false);
    await vscode.commands.executeCommand('postmortemLint.toggleFile');
    // forced on, the README is linted as a postmortem and misses every required section
    const diags = await waitForRules(readme, ['required-sections']);
    await waitForLinted(a, readme, true);
    assert.equal(diags.filter((d) => d.message.startsWith('Missing section')).length, 5);
    await vscode.commands.executeCommand('postmortemLint.toggleFile');
    await waitForDiagnostics(readme, (d) => d.length === 0, 'README diagnostics to clear when toggled back off');
  });
});
