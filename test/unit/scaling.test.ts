// Hardening (issue 20): work that grows faster than the input. Each case times a path at n and 4n characters and
// asserts linear growth (helpers/growth.ts: a ratio within one run, never an absolute time). The engine probe puts
// runs of many kinds of character into the places an author writes (prose, action items, timeline entries, table
// cells, headings, metadata, quotes, owners) with a trigger after the run, as an attacker would.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { allRules, buildModel, clearContentMemos, lintDocument } from '../../server/src/engine/index';
import { parseMarkdown } from '../../server/src/engine/text/parse';
import { findTextOwners } from '../../server/src/engine/model/actionFields';
import { disableFileEdit, disableLineEdit } from '../../server/src/lsp/codeActions';
import { completionSite } from '../../server/src/lsp/features/actionCompletion';
import { growth, LINEAR } from './helpers/growth';

const rules: Record<string, 'warning'> = {};
for (const r of allRules) rules[r.meta.id] = 'warning';
const CONFIG = { rules, today: '2024-06-01' };

describe('server paths on editor traffic', () => {
  it('owner and due completion after a key and a long run of spaces or tabs', () => {
    for (const key of ['owner:', '**Owner:**', 'due:', 'owner: **']) {
      for (const end of ['', '!']) {
        const g = growth((n) => {
          const text = `# Outage\n\n## Action items\n\n- Add an alert ${key}${' \t'.repeat(n / 2)}${end}`;
          const model = buildModel(text);
          return () => completionSite(model, text.length);
        }, 2000);
        expect(g, key + end).toBeLessThan(LINEAR);
      }
    }
  });

  it('the disable-file and disable-line quick fixes beside an unclosed comment or a padded table row', () => {
    const file = growth((n) => {
      const doc = TextDocument.create('file:///a.md', 'markdown', 1, `<!-- postmortem-lint-disable-file${' '.repeat(n)}\n# Outage\n`);
      return () => disableFileEdit(doc, 'timeline-order');
    }, 4000);
    expect(file).toBeLessThan(LINEAR);
    const row = growth((n) => {
      const doc = TextDocument.create('file:///a.md', 'markdown', 1, `| 14:02 | a${' '.repeat(n)}b\n`);
      return () => disableLineEdit(doc, 0, 'timeline-order');
    }, 4000);
    expect(row).toBeLessThan(LINEAR);
  });

  it('owners read from an item padded with spaces before a closing dash, parenthesis or ticket', () => {
    for (const make of [
      (r: string) => `Fix it — Platform${r}(OPS-1`,
      (r: string) => `Fix it — Platform Team${r}x`,
      (r: string) => `Fix it (${r}Network Operations${r}`,
      (r: string) => `Fix it${r}— Storage team, 2024-01-01${r}.`,
    ]) {
      const g = growth((n) => {
        const text = make(' '.repeat(n));
        return () => findTextOwners(text, 0);
      }, 4000);
      expect(g, make('…')).toBeLessThan(LINEAR);
    }
  });
});

// Runs of each kind, in each place, followed by what a rule might look for after them. The Markdown parser's own
// costs (micromark) are left out: the tree is parsed once, and each timed call lints a fresh copy of it with every
// memo cleared, so the ratio is the model's and the rules' alone.
const KINDS = [
  ' ',
  '\t',
  '\u00a0',
  '[',
  ']',
  '(',
  ')',
  '*',
  '_',
  '`',
  '!',
  '@',
  '#',
  '.',
  ',',
  ':',
  '-',
  '—',
  '|',
  '>',
  '<',
  '~',
  'a',
  'a.',
  'a ',
  '0',
  '1:',
  'TBD ',
  '\\',
  '"',
  "'",
  '=',
];
const PLACES: [string, (run: string) => string][] = [
  [
    'a summary paragraph',
    (r) => `# Postmortem: outage\n\n## Summary\n\nThe API failed ${r}x! The on-call ${r}ignored it.\n\n## Timeline\n\n- 14:02 start\n`,
  ],
  ['an action item', (r) => `# Postmortem: outage\n\n## Action items\n\n- [ ] Add an alert ${r}TBD owner: @sam ${r}@x\n`],
  ['a timeline entry', (r) => `# Postmortem: outage\n\n## Timeline\n\n- 14:02 ${r}! page fired\n- 14:0${r}3 x\n`],
  ['a table cell', (r) => `# Postmortem: outage\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 14:02 ${r}| x${r} |\n`],
  ['a heading', (r) => `# Postmortem: outage\n\n## Time${r}line\n\n- 14:02 x\n`],
  ['a metadata line', (r) => `# Postmortem: outage\n\n**Date:** ${r}2024-01-01 **Owner:**${r}x\n\n## Summary\n\nx\n`],
  ['a block quote', (r) => `# Postmortem: outage\n\n## Lessons learned\n\n> We ${r} should have known${r}.\n`],
  [
    'an owner after a dash or in parentheses',
    (r) =>
      `# Postmortem: outage\n\n## Action items\n\n1. Fix it — Platform${r}Team, 2024-01-01 (${r}OPS-1)\n2. Fix it (${r}Network Operations${r})\n`,
  ],
];

describe('the engine on runs of one kind of character', () => {
  for (const [place, make] of PLACES) {
    it(`in ${place}: work grows linearly with the run, whatever it is made of`, () => {
      const superLinear: string[] = [];
      for (const kind of KINDS) {
        const g = growth((n) => {
          const text = make(kind.repeat(Math.ceil(n / kind.length)));
          const tree = parseMarkdown(text);
          return () => {
            clearContentMemos();
            lintDocument(text, CONFIG, { force: true, model: buildModel(text, structuredClone(tree)) });
          };
        }, 1000);
        if (g >= LINEAR) superLinear.push(`${JSON.stringify(kind)} ×${g.toFixed(1)}`);
      }
      expect(superLinear).toEqual([]);
    }, 120_000);
  }
});

// The Markdown parser itself (micromark) matches emphasis and brackets by walking back over the inline content before
// them, so a paragraph dense with them costs the square of their number; parseMarkdown reads a run past MAX_MARKERS as
// plain text, which keeps the whole parse linear.
const MARKUP: [string, (n: number) => string][] = [
  ['`*_` repeated', (n) => '*_'.repeat(n / 2)],
  ['`**a_*b__` repeated', (n) => '**a_*b__'.repeat(n / 8)],
  ['`[a](` repeated', (n) => '[a]('.repeat(n / 4)],
  ['`]` repeated', (n) => ']'.repeat(n)],
  ['`[a]` repeated', (n) => '[a]'.repeat(n / 3)],
  ['openers closed by one run', (n) => `${'*a '.repeat(n / 4)}b${'*'.repeat(n / 4)}`],
  ['`*_` over many lines of one paragraph', (n) => `${'*_'.repeat(10)}\n`.repeat(n / 21)],
  ['`*_` in a block quote', (n) => `> ${'*_'.repeat(n / 2)}`],
  ['`*_` in a table row', (n) => `| a | b |\n|---|---|\n| ${'*_'.repeat(n / 2)} | x |`],
];

describe('the Markdown parser on dense inline markup', () => {
  for (const [name, make] of MARKUP) {
    it(`${name}: the parse grows linearly`, () => {
      const g = growth((n) => {
        const text = `# Postmortem\n\n## Summary\n\n${make(n)}\n`;
        return () => parseMarkdown(text);
      }, 2000);
      expect(g).toBeLessThan(LINEAR);
    }, 60_000);
  }
});
