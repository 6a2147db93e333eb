// Code actions are rebuilt from diagnostic.data, which comes back from the client (issue 20): a fix computed for
// another text of the document (another revision), edits out of range or out of order, an unknown rule id or a documentation
// link that is not the rule's page are never turned into an edit or a command.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { codeActionsFor } from '../../server/src/lsp/codeActions';
import { SOURCE } from '../../server/src/protocol';

const TEXT = '# Outage\n\nThe engineer was careless.\n';
const doc = TextDocument.create('file:///pm/outage.md', 'markdown', 3, TEXT);
const REVISION = 7; // the server's revision of TEXT (Documents.revision), whatever the LSP version
const at = TEXT.indexOf('careless');
const range = { start: doc.positionAt(at), end: doc.positionAt(at + 8) };
const DOCS = 'https://example.test/docs/rules/judgement.md';
const diagnostic = (data: Record<string, unknown>, href = DOCS): Diagnostic => ({
  range,
  message: 'm',
  source: SOURCE,
  code: 'judgement',
  codeDescription: { href },
  data: { ruleId: 'judgement', revision: REVISION, ...data },
});
const titles = (d: Diagnostic) => codeActionsFor(doc, REVISION, [d], undefined).map((a) => a.title);
const fix = { title: 'Rewrite', edits: [[at, at + 8, 'under time pressure']] };

describe('code actions from diagnostic.data', () => {
  it('a fix for this text becomes the first action, then disable and documentation', () => {
    const actions = codeActionsFor(doc, REVISION, [diagnostic({ fix })], undefined);
    expect(actions.map((a) => a.title)).toEqual([
      'Rewrite',
      'Disable judgement for this line',
      'Disable judgement for this file',
      'Show documentation for judgement',
    ]);
    expect(actions[0]!.edit!.changes![doc.uri]![0]!.newText).toBe('under time pressure');
    expect(actions[3]!.command!.arguments).toEqual([DOCS]);
  });

  it('a fix of another text is not offered (its offsets would corrupt the text), even under the same LSP version', () => {
    expect(titles(diagnostic({ fix, suggestions: [fix], revision: REVISION - 1 }))).not.toContain('Rewrite');
    expect(titles(diagnostic({ fix, suggestions: [fix], revision: undefined, version: 3 }))).not.toContain('Rewrite');
  });

  it.each([
    ['past the end', { title: 'x', edits: [[0, TEXT.length + 1, '']] }],
    ['negative', { title: 'x', edits: [[-1, 2, '']] }],
    ['reversed', { title: 'x', edits: [[5, 2, '']] }],
    [
      'overlapping',
      {
        title: 'x',
        edits: [
          [0, 5, 'a'],
          [3, 6, 'b'],
        ],
      },
    ],
    ['not numbers', { title: 'x', edits: [['0', '1', 'a']] }],
    ['no title', { edits: [[0, 1, 'a']] }],
    ['not a list', { title: 'x', edits: 'all of it' }],
  ])('an edit list that is %s is dropped', (_, forged) => {
    expect(titles(diagnostic({ fix: forged, suggestions: [forged] }))).toEqual([
      'Disable judgement for this line',
      'Disable judgement for this file',
      'Show documentation for judgement',
    ]);
  });

  it('a rule id that is not a rule gives no action (it would be written into a disable comment)', () => {
    const forged = diagnostic({ ruleId: 'judgement --> <script>alert(1)</script> <!--' });
    expect(codeActionsFor(doc, REVISION, [forged], undefined)).toEqual([]);
  });

  it('a documentation link that is not the rule’s page gives no documentation command', () => {
    expect(titles(diagnostic({}, 'https://evil.test/download.exe'))).not.toContain('Show documentation for judgement');
    expect(titles(diagnostic({}, 'command:workbench.action.terminal.new?judgement.md'))).not.toContain('Show documentation for judgement');
  });
});
