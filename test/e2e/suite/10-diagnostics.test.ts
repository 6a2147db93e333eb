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

  it('timeline: timeline-order flags the out-of-order timestamp and points at the entry it conflicts with', async () => {
    const diags = (await waitForRules(wsUri(FILE), ['timeline-order'])).filter((d) => ruleId(d) === 'timeline-order');
    assert.equal(diags.length, 1, diags.map((d) => d.message).join(' | '));
    const d = diags[0]!;
    const line = lineOf(doc, '14:12 — The on-call engineer');
    assert.equal(d.range.start.line, line);
    assert.equal(doc.getText(d.range), '14:12', 'the range covers exactly the timestamp');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /14:12.*14:30/);
    assert.match(codeTarget(d).toString(), /timeline-order/);
    const related = d.relatedInformation ?? [];
    assert.equal(related.length, 1);
    assert.equal(related[0]!.location.uri.toString(), wsUri(FILE).toString());
    assert.equal(related[0]!.location.range.start.line, lineOf(doc, '14:30 — The configuration rollback'));
    assert.equal(doc.getText(related[0]!.location.range), '14:30');
  });

  it('action items: missing owner / due date / ticket are flagged on the item that lacks them, not on the complete one', async () => {
    const ids = ['action-item-owner', 'action-item-due-date', 'action-item-tracker'];
    const diags = await waitForRules(wsUri(FILE), ids);
    const incomplete = lineOf(doc, 'Add a canary stage');
    const complete = lineOf(doc, 'Validate the configuration schema');
    for (const id of ids) {
      const mine = diags.filter((d) => ruleId(d) === id);
      assert.deepEqual(
        mine.map((d) => d.range.start.line),
        [incomplete],
        `${id} only on the canary row`,
      );
      assert.equal(doc.getText(mine[0]!.range).trim().startsWith('Add a canary stage'), true, `${id} range starts at the item text`);
      assert.match(codeTarget(mine[0]!).toString(), new RegExp(id));
    }
    assert.ok(
      !diags.some(
        (d) => d.range.start.line === complete && ['action-item-owner', 'action-item-due-date', 'action-item-tracker'].includes(ruleId(d)),
      ),
    );
    const owner = diags.find((d) => ruleId(d) === 'action-item-owner')!;
    assert.equal(owner.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('language: human-error covers exactly the blameful phrase, with its doc link', async () => {
    const diags = (await waitForRules(wsUri(FILE), ['human-error'])).filter((d) => ruleId(d) === 'human-error');
    assert.equal(diags.length, 1, 'one diagnostic per sentence: ' + diags.map((d) => d.message).join(' | '));
    const d = diags[0]!;
    assert.equal(d.range.start.line, lineOf(doc, 'The outage was caused by human error'));
    assert.equal(doc.getText(d.range), 'human error');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /human error/i);
    assert.match(codeTarget(d).toString(), /human-error/);
  });

  it('template: empty-section on the empty heading, template-placeholder on the unfilled field', async () => {
    const diags = await waitForRules(wsUri(FILE), ['empty-section', 'template-placeholder']);
    const empty = diags.filter((d) => ruleId(d) === 'empty-section');
    assert.equal(empty.length, 1, empty.map((d) => d.message).join(' | '));
    assert.equal(doc.getText(empty[0]!.range), '## Detection');
    assert.match(empty[0]!.message, /"Detection" section is empty/);
    const placeholder = diags.filter((d) => ruleId(d) === 'template-placeholder');
    assert.equal(placeholder.length, 1, placeholder.map((d) => d.message).join(' | '));
    assert.equal(doc.getText(placeholder[0]!.range), '<add the revenue impact here>');
    assert.match(codeTarget(placeholder[0]!).toString(), /template-placeholder/);
  });

  it('every diagnostic carries source, a rule code and a doc link that names the rule', async () => {
    const diags = await waitForRules(wsUri(FILE), [
      'required-sections',
      'timeline-order',
      'action-item-owner',
      'human-error',
      'empty-section',
    ]);
    for (const d of diags) {
      assert.equal(d.source, 'postmortem-lint');
      assert.match(ruleId(d), /^[a-z]+(-[a-z]+)*$/);
      assert.ok(codeTarget(d).toString().includes(ruleId(d)), `${ruleId(d)} links to its own page: ${codeTarget(d).toString()}`);
    }
  });
});
