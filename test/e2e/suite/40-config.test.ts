// Changing .postmortemlintrc.json or the VS Code settings re-lints the documents already open.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, open, ruleId, waitForDiagnostics, waitForRules, wsUri } from './helpers';

const RC = '.postmortemlintrc.json';

async function writeRc(content: object): Promise<void> {
  await vscode.workspace.fs.writeFile(wsUri(RC), new TextEncoder().encode(`${JSON.stringify(content, null, 2)}\n`));
}

describe('configuration changes re-lint open documents', () => {
  let original: Uint8Array;
  const uri = () => wsUri('postmortems/config.md');
  const hasRequired = (d: vscode.Diagnostic[]) => d.some((x) => ruleId(x) === 'required-sections');

  before(async () => {
    await api();
    original = await vscode.workspace.fs.readFile(wsUri(RC));
  });
  after(async () => {
    await vscode.workspace.fs.writeFile(wsUri(RC), original);
    await vscode.workspace.getConfiguration('postmortemLint').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  it('.postmortemlintrc.json: turning a rule off and on again', async () => {
    await open('postmortems/config.md');
    await waitForRules(uri(), ['required-sections']);
    await writeRc({ profile: 'standard', today: '2024-04-01', rules: { 'required-sections': 'off' } });
    await waitForDiagnostics(uri(), (d) => !hasRequired(d), 'required-sections to go after the rc file turned it off');
    await vscode.workspace.fs.writeFile(wsUri(RC), original);
    await waitForRules(uri(), ['required-sections']);
  });

  it('.postmortemlintrc.json: switching the template profile changes which sections are required', async () => {
    await open('postmortems/config.md');
    await waitForDiagnostics(
      uri(),
      (d) => d.filter((x) => ruleId(x) === 'required-sections').length === 1,
      'one missing section (standard profile)',
    );
    await writeRc({ profile: 'google-sre', today: '2024-04-01' });
    // google-sre also wants Impact, Trigger, Resolution and Detection, which config.md lacks (its
    // "What Went Poorly" counts as Lessons Learned)
    const diags = await waitForDiagnostics(
      uri(),
      (d) => d.some((x) => ruleId(x) === 'required-sections' && /google-sre/.test(x.message)),
      'google-sre findings',
    );
    const missing = diags
      .filter((d) => ruleId(d) === 'required-sections')
      .map((d) => /"([^"]+)"/.exec(d.message)?.[1])
      .sort();
    assert.deepEqual(missing, ['Detection', 'Impact', 'Resolution', 'Trigger']);
    await vscode.workspace.fs.writeFile(wsUri(RC), original);
    await waitForDiagnostics(uri(), (d) => d.filter((x) => ruleId(x) === 'required-sections').length === 1, 'back to the standard profile');
  });

  it('settings: postmortemLint.rules turns a rule off for open documents', async () => {
    await open('postmortems/config.md');
    await waitForRules(uri(), ['required-sections']);
    await vscode.workspace
      .getConfiguration('postmortemLint')
      .update('rules', { 'required-sections': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri(), (d) => !hasRequired(d), 'required-sections to go after the setting turned it off');
    await vscode.workspace.getConfiguration('postmortemLint').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForRules(uri(), ['required-sections']);
  });
});
