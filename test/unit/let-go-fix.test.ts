// The action-items-focus quick fix "Let go of the N items beyond the limit": applied, the document is re-linted; the
// focus finding is gone, no rule reports more than before, the moved items read as let go with a reason slot, and
// line endings, tabs and emoji come through unchanged. Over the protocol's code actions it is offered as a quick fix.
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, buildModel, lintDocument, type Finding } from '../../server/src/engine/index';
import { codeActionsFor } from '../../server/src/lsp/codeActions';
import { toDiagnostic } from '../../server/src/lsp/ranges';

const CONFIG = { today: '2026-01-15' };
const lintAll = (text: string) => lintDocument(text, CONFIG, { force: true });
const focusOf = (findings: readonly Finding[]) => findings.find((f) => f.ruleId === 'action-items-focus');

/** Findings per rule id. */
function counts(findings: readonly Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.ruleId] = (out[f.ruleId] ?? 0) + 1;
  return out;
}

/** Applies the focus suggestion and checks what every layout must give; returns the fixed text. */
function letGo(text: string, expectedTitle: string): string {
  const before = lintAll(text);
  const focus = focusOf(before.findings);
  expect(focus, 'the document is over the limit').toBeDefined();
  expect(focus!.fix, 'letting go is a suggestion, never a safe fix').toBeUndefined();
  const suggestion = focus!.suggestions?.find((s) => s.title.startsWith('Let go of'));
  expect(suggestion?.title).toBe(expectedTitle);
  const applied = applyEdits(text, suggestion!.edits);
  expect(applied.skipped).toEqual([]);
  const after = lintAll(applied.text);
  expect(focusOf(after.findings)).toBeUndefined();
  const was = counts(before.findings);
  for (const [rule, n] of Object.entries(counts(after.findings))) expect(n, `${rule} after the fix`).toBeLessThanOrEqual(was[rule] ?? 0);
  return applied.text;
}

const ITEM = (i: number) => `Add alert ${i} 🚀 above 1%\t— owner: @a — due: 2099-01-01 — ticket: OPS-${i}`;
const listDoc = (eol: string, n = 7, after = `${eol}## Lessons${eol}${eol}We learned.${eol}`) =>
  ['# Incident', '', '## Summary', '', 'Checkout failed for 20 minutes on 2026-01-02.', '', '## Action items', '']
    .concat(Array.from({ length: n }, (_, i) => `- ${ITEM(i)}`))
    .join(eol) +
  eol +
  after;

describe('action-items-focus: let go of the items beyond the limit', () => {
  it('moves the last open list items into a "Let go for now" list with a reason placeholder', () => {
    const fixed = letGo(listDoc('\n'), 'Let go of the 2 items beyond the limit');
    expect(fixed).toContain(
      [
        `- ${ITEM(4)}`,
        '',
        '**Let go for now:**',
        '',
        `- ${ITEM(5)} — reason: [why this can wait]`,
        `- ${ITEM(6)} — reason: [why this can wait]`,
        '',
        '## Lessons',
      ].join('\n'),
    );
    const moved = buildModel(fixed).actionItems.filter((i) => i.status !== 'open');
    expect(moved.map((i) => [i.status, i.reason?.value])).toEqual([
      ['deferred', '[why this can wait]'],
      ['deferred', '[why this can wait]'],
    ]);
  });

  it('keeps CRLF line endings, tabs and emoji, also when the section ends the document with a moved item', () => {
    for (const after of ['\r\n## Lessons\r\n\r\nWe learned.\r\n', '']) {
      const text = listDoc('\r\n', 8, after);
      const fixed = letGo(text, 'Let go of the 3 items beyond the limit');
      expect(fixed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      expect(fixed.match(/\t/g)?.length).toBe(text.match(/\t/g)?.length);
      expect(fixed.match(/🚀/g)?.length).toBe(8);
      expect(fixed).toContain(`\r\n\r\n**Let go for now:**\r\n\r\n- ${ITEM(5)} — reason: [why this can wait]\r\n`);
    }
  });

  it('appends to a let-go list the section already has; an unticked task there is let go with it', () => {
    const text = [
      '# Incident',
      '',
      '## Action items',
      '',
      '### Short-term',
      '',
      ...[1, 2, 3].map((i) => `${i}. Add alert ${i} — owner: @a — due: 2099-01-01 — ticket: OPS-${i} — done when the alert fires`),
      '',
      '### Long-term',
      '',
      ...[4, 5, 6].map((i) => `- [ ] Add alert ${i} — owner: @a — due: 2099-01-01 — ticket: OPS-${i} — done when the alert fires`),
      '  - Rollout: two waves',
      '',
      '### Let go for now',
      '',
      '- Add alert 9 — too costly this quarter',
      '',
    ].join('\n');
    const fixed = letGo(text, 'Let go of the 1 item beyond the limit');
    expect(
      fixed.endsWith(
        '- Add alert 9 — too costly this quarter\n- [ ] Add alert 6 — owner: @a — due: 2099-01-01 — ticket: OPS-6 — done when the alert fires — reason: [why this can wait]\n  - Rollout: two waves\n',
      ),
    ).toBe(true);
    expect(fixed).not.toContain('**Let go for now:**');
  });

  it('moves a nested item with its details, keeping their column; not the last ones under a label', () => {
    const doc = (moved: number) =>
      [
        '# Incident',
        '',
        '## Action items',
        '',
        ...[1, 2, 3, 4, 5]
          .slice(0, 3 + moved)
          .map((i) => `- Add alert ${i} — owner: @a — due: 2099-01-01 — ticket: OPS-${i} — done when the alert fires`),
        '- Storage:',
        '  - Add alert 7 — owner: @a — due: 2099-01-01 — ticket: OPS-7 — done when the alert fires',
        '  - Add alert 6 — owner: @a — due: 2099-01-01 — ticket: OPS-6 — done when the alert fires',
        '    - Rollout: two waves',
        '',
      ].join('\n');
    // both sub-items of "Storage:" beyond the limit: the label would be left empty, so no suggestion
    expect(focusOf(lintAll(doc(2)).findings)!.suggestions ?? []).toEqual([]);
    const fixed = letGo(doc(1), 'Let go of the 1 item beyond the limit');
    expect(fixed).toContain(
      '  - Add alert 7 — owner: @a — due: 2099-01-01 — ticket: OPS-7 — done when the alert fires\n\n**Let go for now:**\n\n-   Add alert 6 — owner: @a — due: 2099-01-01 — ticket: OPS-6 — done when the alert fires — reason: [why this can wait]\n    - Rollout: two waves\n',
    );
  });

  it('in a table: a Status cell "let go" and a Reason placeholder (columns added when missing, a written reason kept)', () => {
    const rows = (status: string) =>
      Array.from({ length: 7 }, (_, i) => `| Add alert ${i} above 1% | @a | 2099-01-01 | OPS-${i}${status} |`).join('\r\n');
    const without = `# Incident\r\n\r\n## Action items\r\n\r\n| Action | Owner | Due | Ticket |\r\n|---|---|---|---|\r\n${rows('')}\r\n`;
    const fixed = letGo(without, 'Let go of the 2 items beyond the limit');
    expect(fixed).toContain('| Action | Owner | Due | Ticket | Status | Reason |\r\n');
    expect(fixed).toContain('| Add alert 6 above 1% | @a | 2099-01-01 | OPS-6 | let go | [why this can wait] |\r\n');
    expect(fixed).toContain('| Add alert 4 above 1% | @a | 2099-01-01 | OPS-4 |  |  |\r\n');

    const withStatus = `# Incident\n\n## Action items\n\n| Action | Owner | Due | Ticket | Status | Reason |\n|---|---|---|---|---|---|\n${rows(' | open | ').replace(/\r\n/g, '\n').replace('OPS-6 | open |  |', 'OPS-6 | open | blocked on the vendor |')}\n`;
    const fixed2 = letGo(withStatus, 'Let go of the 2 items beyond the limit');
    expect(fixed2).toContain('| Add alert 5 above 1% | @a | 2099-01-01 | OPS-5 | let go | [why this can wait] |');
    expect(fixed2).toContain('| Add alert 6 above 1% | @a | 2099-01-01 | OPS-6 | let go | blocked on the vendor |');
  });

  it('is not offered when an item beyond the limit is a paragraph (it cannot be moved safely)', () => {
    const text = [
      '# Incident',
      '',
      '## Action items',
      '',
      ...[1, 2, 3, 4, 5].map((i) => `- Add alert ${i} — owner: @a — due: 2099-01-01 — ticket: OPS-${i}`),
      '',
      'We will add alert 6 — owner: @a — due: 2099-01-01 — ticket: OPS-6.',
      '',
    ].join('\n');
    const focus = focusOf(lintAll(text).findings);
    expect(focus).toBeDefined();
    expect(focus!.suggestions ?? []).toEqual([]);
  });

  it('is offered as a quick fix from diagnostic.data', () => {
    const text = listDoc('\n');
    const doc = TextDocument.create('file:///pm/focus.md', 'markdown', 4, text);
    const result = lintAll(text);
    const diagnostic = toDiagnostic(focusOf(result.findings)!, result.model.lineStarts, doc.uri, 1);
    const action = codeActionsFor(doc, 1, [diagnostic], undefined).find((a) => a.title === 'Let go of the 2 items beyond the limit');
    expect(action?.kind).toBe('quickfix');
    expect(TextDocument.applyEdits(doc, action!.edit!.changes![doc.uri]!)).toBe(
      applyEdits(text, focusOf(result.findings)!.suggestions![0]!.edits).text,
    );
  });
});
