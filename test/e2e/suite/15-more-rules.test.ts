// More rules as the user sees them in VS Code: the template rule `metadata` and the language rules
// `counterfactual` and `vague-remediation`, with exact ranges, severities and doc links.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, lineOf, open, ruleId, waitForRules, wsUri } from './helpers';

const FILE = 'postmortems/more-rules.md';

function docLink(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? d.code.target.toString() : '';
}

describe('diagnostics: metadata and more language rules', () => {
  let doc: vscode.TextDocument;
  let diags: vscode.Diagnostic[];
  before(async () => {
    await api();
    doc = (await open(FILE)).document;
    diags = await waitForRules(wsUri(FILE), ['metadata', 'counterfactual', 'vague-remediation']);
  });

  it('metadata: one finding on each unreadable header value, none on the readable one', () => {
    const meta = diags.filter((d) => ruleId(d) === 'metadata').sort((a, b) => a.range.start.line - b.range.start.line);
    assert.deepEqual(
      meta.map((d) => [d.range.start.line, doc.getText(d.range)]),
      [
        [lineOf(doc, '**Date:**'), 'last Tuesday'],
        [lineOf(doc, '**Severity:**'), 'SEV-9'],
      ],
      meta.map((d) => d.message).join(' | '),
    );
    assert.match(meta[0]!.message, /cannot be read as a date/);
    assert.match(meta[1]!.message, /SEV-9/);
    for (const d of meta) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
      assert.match(docLink(d), /metadata/);
    }
    assert.ok(!diags.some((d) => d.range.start.line === lineOf(doc, '**Duration:**')), '"25 minutes" is a readable duration');
  });

  it('counterfactual: covers "should have <verb>" in the person-subject sentence', () => {
    const cf = diags.filter((d) => ruleId(d) === 'counterfactual');
    assert.equal(cf.length, 1, cf.map((d) => d.message).join(' | '));
    const d = cf[0]!;
    assert.equal(d.range.start.line, lineOf(doc, 'The on-call should have restarted'));
    assert.equal(doc.getText(d.range), 'should have restarted');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /^Counterfactual/);
    assert.match(docLink(d), /counterfactual/);
  });

  it('vague-remediation: flags the "remind everyone" action item only, not the concrete one', () => {
    const vr = diags.filter((d) => ruleId(d) === 'vague-remediation');
    assert.equal(vr.length, 1, vr.map((d) => d.message).join(' | '));
    const d = vr[0]!;
    assert.equal(d.range.start.line, lineOf(doc, 'Remind everyone to follow the runbook'));
    assert.equal(doc.getText(d.range), 'Remind everyone');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(docLink(d), /vague-remediation/);
    const concrete = lineOf(doc, 'Page the on-call when a reindex job makes no progress');
    assert.ok(!diags.some((x) => x.range.start.line === concrete), 'the concrete, owned, dated item is quiet');
  });
});
