// Runs first (files run in name order): nothing Markdown has been opened yet in this window.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, api, extension, open, waitForDiagnostics, waitForLinted, wsUri } from './helpers';

describe('activation', () => {
  it('declares Markdown as its only activation event (no "*" / onStartupFinished)', () => {
    const pkg = extension().packageJSON as { activationEvents?: string[]; main?: string };
    assert.deepEqual(pkg.activationEvents, ['onLanguage:markdown']);
    assert.equal(pkg.main, './dist/extension.js');
  });

  it('stays inactive while only unrelated files are open', async () => {
    const txt = await open('notes.txt');
    assert.equal(txt.document.languageId, 'plaintext');
    const json = await open('.postmortemlintrc.json');
    assert.notEqual(json.document.languageId, 'markdown');
    // a language-feature round trip through the workbench for the open documents: any activation
    // event their languages trigger has been dispatched by the time it answers
    await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', json.document.uri);
    assert.equal(extension().isActive, false, `${EXTENSION_ID} must not activate for plaintext or JSON files`);
  });

  it('activates by itself when a Markdown postmortem opens, and its client becomes ready', async () => {
    const uri = wsUri('postmortems/2024-03-12-checkout-outage.md');
    await open('postmortems/2024-03-12-checkout-outage.md');
    // diagnostics from our server can only arrive if onLanguage:markdown activated the extension
    await waitForDiagnostics(uri, (d) => d.length > 0, 'the first postmortem-lint diagnostics');
    assert.equal(extension().isActive, true);
    const a = await api();
    await waitForLinted(a, uri, true); // the server reports it as a postmortem (path under postmortems/)
  });
});
