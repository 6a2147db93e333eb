// Diagnostics per rule family: range, code, doc link, severity, as the user sees them in VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, lineOf, open, ruleId, waitForRules, wsUri } from './helpers';

const FILE = 'postmortems/2024-03-12-checkout-outage.md';

function codeTarget(d: vscode.Diagnostic): vscode.Uri {
  const c = d.code;
  assert.ok(typeof c === 'object' && c !== null && 'target' in c, `diagnostic ${JSON.stringify(d.message)} has code { value, target }`);
  return c.target;
}

describe('diagnostics by rule family', () => {
  let doc: vscode.TextDocument;
  before(async () => {
    await api();
    doc = (await open(FILE)).document;
  });

  it('structure: required-sections names each missing section, on the title line, with a doc link', async () => {
    const diags = (await waitForRules(wsUri(FILE), ['required-sections'])).filter((d) => ruleId(d) === 'required-sections');
    const messages = diags.map((d) => d.message).sort();
    assert.equal(messages.length, 2, messages.join(' | '));
    assert.match(messages[0]!, /What Went Poorly/);
    assert.match(messages[1]!, /What Went Well/);
    const title = lineOf(doc, '# Postmortem: checkout API outage');
    for (const d of diags) {
      assert.equal(d.range.start.line, title);
      assert.equal(d.range.start.character, 0);
      assert.equal(d.range.end.line, title);
      assert.ok(d.range.end.character > 0);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
      const target = codeTarget(d);
      assert.match(target.toString(), /required-sections/);
    }
  });
});
