// The incremental engine must be indistinguishable from a full lint: over many seeded random edit
// sequences on every corpus document and every fixture, the spliced syntax tree equals a fresh parse of
// the same text (positions included), the model equals one built from that fresh parse (every step), and the
// findings equal a full lint's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffText, IncrementalDocument, updateLineStarts } from '../../server/src/engine/incremental';
import { computeLineStarts } from '../../server/src/engine/text/text';
import { closedFrontMatter, parseMarkdown } from '../../server/src/engine/text/parse';
import { buildModel, clearContentMemos, lintDocument, resolveConfig, allRules } from '../../server/src/engine/index';
import { CORPUS_DIR, FIXTURES_DIR, listMarkdown } from './helpers/files';

/** mulberry32: a small seeded PRNG, so every failure is reproducible from its seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Snippets chosen to open and close every construct the splice must respect.
const SNIPPETS = [
  'x',
  ' ',
  '\n',
  '\n\n',
  '\r\n',
  '\t',
  '    ',
  '# ',
  '## Timeline\n',
  '- ',
  '1. ',
  '* [ ] ',
  '> ',
  '```',
  '```\n',
  '~~~\n',
  '---\n',
  '===\n',
  '| a | b |\n|---|---|\n',
  '|',
  '<!--',
  '-->',
  '<!-- postmortem-lint-disable-next-line -->\n',
  '<div>\n',
  '</div>',
  '[ref]',
  '[ref]: https://example.com\n',
  '[^1]',
  '[^1]: note\n',
  '*',
  '**',
  '`',
  '\\',
  '😀',
  'é',
  '14:05 UTC — rolled back',
  '2024-03-12 09:00',
  '@raj',
  'owner: @li, due: 2099-01-01',
  'The engineer should have checked the config. ',
  'human error',
  'Be more careful.',
  'Root cause: ',
  '## Action Items\n',
  '+++\n',
  'title: x\n',
];

describe('updateLineStarts', () => {
  it('equals computeLineStarts of the edited text, also where an edit splits or joins \\r\\n', () => {
    const piece = fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', '\n\r', 'x\r', '\ny', '😀');
    const text = fc.array(piece, { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, fc.nat(), fc.nat(), (old, inserted, a, b) => {
        const start = a % (old.length + 1);
        const end = start + (b % (old.length - start + 1));
        const next = old.slice(0, start) + inserted + old.slice(end);
        expect(updateLineStarts(computeLineStarts(old), next, start, end, inserted.length)).toEqual(computeLineStarts(next));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});

function randomEdit(text: string, rnd: () => number): { start: number; end: number; text: string } {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  // favour line starts and line ends: that is where Markdown structure changes
  let start = Math.floor(rnd() * (text.length + 1));
  const r = rnd();
  if (r < 0.3) {
    const ls = text.lastIndexOf('\n', start - 1) + 1;
    start = ls;
  } else if (r < 0.45) {
    const le = text.indexOf('\n', start);
    start = le < 0 ? text.length : le;
  }
  const kind = rnd();
  if (kind < 0.55) return { start, end: start, text: pick(SNIPPETS) }; // insert
  const len = rnd() < 0.7 ? 1 + Math.floor(rnd() * 3) : Math.floor(rnd() * 200);
  const end = Math.min(text.length, start + len);
  return { start, end, text: kind < 0.8 ? '' : pick(SNIPPETS) }; // delete or replace
}

const config = resolveConfig([{}], allRules);
const docs = [...listMarkdown(CORPUS_DIR), ...listMarkdown(FIXTURES_DIR)];

describe('diffText', () => {
  it('finds the single changed span', () => {
    expect(diffText('abcdef', 'abXYef')).toEqual({ start: 2, end: 4, text: 'XY' });
    expect(diffText('aaa', 'aaaa')).toEqual({ start: 3, end: 3, text: 'a' });
    expect(diffText('abc', 'abc')).toBeUndefined();
    expect(diffText('abc', '')).toEqual({ start: 0, end: 3, text: '' });
  });

  it('equals a character-by-character diff on long texts (chunked comparison, edits at chunk borders)', () => {
    const naive = (a: string, b: string) => {
      const max = Math.min(a.length, b.length);
      let p = 0;
      while (p < max && a[p] === b[p]) p++;
      let q = 0;
      while (q < max - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
      return { start: p, end: a.length - q, text: b.slice(p, b.length - q) };
    };
    const base = 'ab\n'.repeat(3000); // 9,000 characters: several 2,048-character chunks
    const at = fc.oneof(fc.nat(base.length), fc.constantFrom(0, 2047, 2048, 2049, 4096, base.length));
    fc.assert(
      fc.property(at, fc.nat(5000), fc.string({ maxLength: 3000 }), (start, len, inserted) => {
        const end = Math.min(base.length, start + len);
        const next = base.slice(0, start) + inserted + base.slice(end);
        const edit = next === base ? undefined : naive(base, next);
        expect(diffText(base, next)).toEqual(edit);
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});

describe('incremental engine equals a full lint', () => {
  it('has documents to test', () => {
    expect(docs.length).toBeGreaterThan(10);
  });

  for (const file of docs) {
    const name = path.relative(path.resolve(__dirname, '..', '..', '..'), file);
    it(`random edit sequences: ${name}`, () => {
      const original = fs.readFileSync(file, 'utf8');
      let incrementalSteps = 0;
      for (let seq = 0; seq < 2; seq++) {
        const seed = (name.length * 7919 + seq * 104729) >>> 0;
        const rnd = prng(seed);
        const doc = new IncrementalDocument(original);
        let text = original;
        for (let step = 0; step < 15; step++) {
          if (step === 0) doc.lint(config, { force: true }); // warm the per-block memo on the original
          const edit = randomEdit(text, rnd);
          text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
          // half the steps go through the diff (what the server does), half through the explicit edit
          const info = step % 2 ? doc.update(text) : doc.applyEdit(edit);
          if (info.mode === 'incremental') incrementalSteps++;
          expect(doc.text).toBe(text);
          const where = `seed ${seed} step ${step} edit ${JSON.stringify(edit)}`;
          const fresh = parseMarkdown(text);
          expect(doc.tree, where).toStrictEqual(fresh);
          // the whole model (built from reused nodes and per-node memos) equals one built from a fresh parse
          const { tree: _incTree, ...incModel } = doc.model;
          const { tree: _fullTree, ...fullModel } = buildModel(text, fresh);
          expect(incModel, where).toStrictEqual(fullModel);
          if (step % 5 === 4) {
            // incremental first (it reuses per-block language results memoised on earlier versions),
            // then a full lint computed from scratch
            const inc = doc.lint(config, { force: true });
            clearContentMemos();
            const full = lintDocument(text, config, { force: true });
            expect(inc.findings, where).toStrictEqual(full.findings);
          }
        }
      }
      // the splice must actually be exercised, not always fall back to a full parse
      if (original.length > 2000) expect(incrementalSteps).toBeGreaterThan(0);
    });
  }

  it('reuses the blocks outside the edit and parses only a window', () => {
    const blocks = Array.from({ length: 200 }, (_, i) => `## Section ${i}\n\nParagraph ${i} with [a link][ref] and text.\n`);
    const text = `${blocks.join('\n')}\n[ref]: https://example.com\n`;
    const doc = new IncrementalDocument(text);
    const before = doc.tree.children[300];
    const at = text.indexOf('Paragraph 100') + 5;
    const info = doc.applyEdit({ start: at, end: at, text: 'X' });
    expect(info.mode).toBe('incremental');
    expect(info.parsedChars).toBeLessThan(text.length / 20);
    expect(doc.tree.children[300]).toBe(before); // same node object, shifted in place
    expect(doc.tree).toStrictEqual(parseMarkdown(doc.text));
  });

  it('an opened fence swallows every block after it', () => {
    const text = '# T\n\nA\n\nB\n\nC\n\nD\n';
    const doc = new IncrementalDocument(text);
    doc.applyEdit({ start: 5, end: 5, text: '```\n' });
    expect(doc.tree.children.map((c) => c.type)).toEqual(['heading', 'code']);
    expect(doc.tree).toStrictEqual(parseMarkdown(doc.text));
  });

  it('front matter opened at the top of the document is parsed in full', () => {
    const text = '# T\n\ntitle: x\n\n+++\n\nBody\n';
    const doc = new IncrementalDocument(text);
    const info = doc.applyEdit({ start: 0, end: 0, text: '+++\n' });
    expect(info.mode).toBe('full');
    expect(doc.tree.children[0]!.type).toBe('toml');
    expect(doc.tree).toStrictEqual(parseMarkdown(doc.text));
  });

  it('an unclosed front matter leaves the lists and quotes below it alone (found by random edits)', () => {
    // micromark-extension-frontmatter tries an unclosed fence to the end of the document, and containers are
    // lost on the way: the list and the quote below parsed as paragraphs
    const body = '\n# T\n\n- one\n- two\n\n> quoted\n\nText\n';
    for (const open of ['---\ntitle: x\n', '+++\r\ntitle = "x"\r\n', '\uFEFF---  \n']) {
      expect(closedFrontMatter(open + body)).toBe(false);
      const types = parseMarkdown(open + body).children.map((c) => c.type);
      expect(types.slice(-4), JSON.stringify(open)).toEqual(['heading', 'list', 'blockquote', 'paragraph']);
    }
    expect(closedFrontMatter('---\ntitle: x\n---\n# T\n')).toBe(true);
    expect(closedFrontMatter('+++\ntitle = 1\n+++')).toBe(true);
    expect(closedFrontMatter('---\n---\n')).toBe(true);
    expect(closedFrontMatter('---\ntitle: x\n +++\n---x\n')).toBe(false);
    expect(parseMarkdown('---\ntitle: x\n---\n\n- a\n').children.map((c) => c.type)).toEqual(['yaml', 'list']);
  });

  it('splices like a fresh parse on small generated documents (micromark state that outlives a blank line)', () => {
    // what the corpus edits rarely reach: indented code, empty list items, blocks interrupting paragraphs, CR
    // line ends. Fixed seed plus a random one (printed on failure).
    const piece = fc.constantFrom(
      'a',
      'b c',
      'the c',
      '\n',
      '\n',
      '\n\n',
      '\r\n',
      '\r',
      '    ',
      '  ',
      '\t',
      '*',
      '- ',
      '1. ',
      '2) ',
      '> ',
      '```',
      '~~~',
      '# ',
      '| a |',
      '|---|',
      '---',
      '===',
      '<div>',
      '</div>',
      '<!--',
      '-->',
      '[x]: y',
      '[x]',
      '[^1]',
      '[^1]: n',
      '`',
      '**',
      '_',
    );
    const doc = fc.array(piece, { maxLength: 30 }).map((a) => a.join(''));
    const edits = fc.array(fc.tuple(fc.nat(), fc.nat(6), fc.array(piece, { maxLength: 3 })), { minLength: 1, maxLength: 4 });
    for (const seed of [2, (Date.now() ^ (process.pid << 8)) >>> 0]) {
      fc.assert(
        fc.property(doc, edits, (text, steps) => {
          let d: IncrementalDocument;
          try {
            d = new IncrementalDocument(text);
          } catch {
            return; // the libraries' development builds (which vitest loads) assert on a few odd inputs
          }
          let cur = text;
          for (const [a, len, ins] of steps) {
            const start = a % (cur.length + 1);
            cur = cur.slice(0, start) + ins.join('') + cur.slice(Math.min(cur.length, start + len));
            let fresh;
            try {
              fresh = parseMarkdown(cur);
            } catch {
              return; // the libraries' development builds (which vitest loads) assert on a few odd inputs
            }
            d.update(cur);
            expect(d.tree, `seed ${seed}: ${JSON.stringify({ text, cur })}`).toStrictEqual(fresh);
          }
        }),
        { numRuns: 2500, seed },
      );
    }
  });

  it('regressions found by that property', () => {
    const cases: [string, string][] = [
      ['a\n\n    b\n\n*\r\n\r\nthe c\n', 'a\n\n    b\n\n*\r\n\r\ntc\n'], // window after indented code
      ['a\n\n- ', '    a\n\n- '], // an empty item after indented code is a paragraph
      ['a>[x]\n* 2) ', '\n* 2) '], // a list item interrupting a paragraph holds no empty ordered list
      ['*\n\n\ta\n\n2) a', '*\n\n\ta\n\n2)'], // a window starting at indented code loses the empty item above it
    ];
    for (const [before, after] of cases) {
      const d = new IncrementalDocument(before);
      d.update(after);
      expect(d.tree, JSON.stringify(after)).toStrictEqual(parseMarkdown(after));
    }
  });

  it('closing or opening the front matter far below the first line re-parses it', () => {
    const text = `---\ntitle: x\n\n${'- item\n\npara\n\n'.repeat(30)}`;
    const doc = new IncrementalDocument(text);
    const at = text.length - 10;
    expect(doc.applyEdit({ start: at, end: at, text: '\n---\n' }).mode).toBe('full');
    expect(doc.tree.children[0]!.type).toBe('yaml');
    expect(doc.tree).toStrictEqual(parseMarkdown(doc.text));
    expect(doc.applyEdit({ start: at, end: at + 5, text: '' }).mode).toBe('full');
    expect(doc.tree.children[0]!.type).toBe('thematicBreak');
    expect(doc.tree).toStrictEqual(parseMarkdown(doc.text));
  });
});
