// The whole-document scans of template-placeholder and learnPeople run per run of top-level blocks (blockRuns),
// memoised per run: a match that crosses from one block into the next must still be found (the blocks are then
// scanned together), and after an edit the memoised runs must give what a fresh model gives.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../server/src/engine/model/buildModel';
import { IncrementalDocument } from '../../server/src/engine/incremental';
import { learnPeople } from '../../server/src/engine/language/people';
import { findPlaceholders, scanExclusions } from '../../server/src/engine/analysis/placeholders';
import { blockRuns } from '../../server/src/engine/text/text';

const placeholders = (text: string) => findPlaceholders(buildModel(text)).map((p) => [p.kind, p.raw]);

describe('blockRuns', () => {
  const spans = (text: string, ...blocks: string[]) => {
    let from = 0;
    return blocks.map((b) => {
      const start = text.indexOf(b, from);
      from = start + b.length;
      return { start, end: from };
    });
  };
  it('splits at whitespace gaps with a line feed, as whole lines, unless told to join', () => {
    const text = 'a\n\n  b  \r\n\nc\r\rd';
    const blocks = spans(text, 'a', 'b', 'c', 'd');
    expect(blockRuns(text, blocks, () => false)).toEqual([
      { first: 0, last: 1, start: 0, end: 1 },
      { first: 1, last: 2, start: 3, end: 8 },
      { first: 2, last: 4, start: 11, end: text.length }, // `\r` without `\n`: kept together
    ]);
    expect(blockRuns(text, blocks, (i) => i === 0)).toEqual([
      { first: 0, last: 2, start: 0, end: 8 },
      { first: 2, last: 4, start: 11, end: text.length },
    ]);
    expect(blockRuns('', [], () => false)).toEqual([{ first: 0, last: 0, start: 0, end: 0 }]);
  });
});

describe('template placeholders across block boundaries (as a whole-text scan finds them)', () => {
  it('finds the token patterns that take a line feed', () => {
    expect(placeholders('# Doc\n\n## Impact [insert\nthe customer count here]\n')).toEqual([
      ['bracket', '[insert\nthe customer count here]'],
    ]);
    expect(placeholders('# Doc\n\n## Impact {{\n\nname}}\n')).toEqual([['moustache', '{{\n\nname}}']]);
    expect(placeholders('# Doc\n\n## Impact <the customers\nhere>\n')).toEqual([['angle', '<the customers\nhere>']]);
    expect(placeholders('# Doc\n\n## It lasted X\nminutes in all\n')).toEqual([['duration', 'X\nminutes']]);
  });
  it('a crossing match hides the matches it covers', () => {
    expect(placeholders('# Doc\n\n## Impact [insert\nYYYY-MM-DD]\n')).toEqual([['bracket', '[insert\nYYYY-MM-DD]']]);
    expect(placeholders('# Doc\n\n## Impact\nYYYY-MM-DD]\n')).toEqual([['date', 'YYYY-MM-DD']]);
  });
  it('finds a template sentence split over two blocks', () => {
    expect(placeholders('# Doc\n\n## What happened,\nin two or three sentences.\n')).toEqual([
      ['filler', 'What happened,\nin two or three sentences.'],
    ]);
    expect(
      placeholders('# Doc\n\n- What happened,\n\n  in two or three sentences.\n\nWho was affected, how,\n\nand for how long.\n'),
    ).toEqual([
      ['filler', 'What happened,\n\n  in two or three sentences.'],
      ['filler', 'Who was affected, how,\n\nand for how long.'],
    ]);
  });
  it('follows the line breaks: CRLF and lone CR', () => {
    // `[^\]\n]` takes the `\r` of a CRLF but not its `\n`
    expect(placeholders('# Doc\r\n\r\n## Impact [insert\r\nthe customer count here]\r\n')).toEqual([]);
    expect(placeholders('# Doc\r\n\r\n## Impact {{\r\n\r\nname}}\r\n')).toEqual([['moustache', '{{\r\n\r\nname}}']]);
    expect(placeholders('# Doc\r\n\r\n## Impact <the customers\r\nhere>\r\n')).toEqual([['angle', '<the customers\r\nhere>']]);
    expect(placeholders('# Doc\r\r## Impact [insert\rthe customer count here]\r')).toEqual([
      ['bracket', '[insert\rthe customer count here]'],
    ]);
  });
});

describe('learnPeople across block boundaries', () => {
  it('finds "Name <email>" split over two blocks', () => {
    expect(learnPeople(buildModel('# Outage\n\nEscalated to Wen\n\n<wen@example.com> at 14:00.\n'))).toEqual(['Wen']);
    expect(learnPeople(buildModel('# Outage\n\nEscalated to Wen\n\nLi\n\n<wen@example.com> at 14:00.\n'))).toEqual(['Li', 'Wen']);
  });
});

describe('memoised runs after edits equal a fresh model', () => {
  /** Apply each edit to an IncrementalDocument and compare with a model built from scratch. */
  const check = (text: string, edits: [string, string][], pick: (model: ReturnType<typeof buildModel>) => unknown) => {
    const doc = new IncrementalDocument(text);
    const seen = [pick(doc.model)];
    for (const [from, to] of edits) {
      const at = doc.text.indexOf(from);
      expect(at, from).toBeGreaterThanOrEqual(0);
      const info = doc.applyEdit({ start: at, end: at + from.length, text: to });
      expect(info.mode).toBe('incremental');
      const got = pick(doc.model);
      expect(got).toEqual(pick(buildModel(doc.text)));
      seen.push(got);
    }
    return seen;
  };
  const filler = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} about the rollout.\n`).join('\n');

  it('template placeholders: an edit that joins or splits runs of unchanged blocks', () => {
    const text = `# Doc\n\n${filler}\n## Impact [insert\nthe customer count here]\n\n${filler}`;
    const pick = (m: ReturnType<typeof buildModel>) => [findPlaceholders(m).map((p) => [p.kind, p.start, p.raw]), scanExclusions(m)];
    const seen = check(
      text,
      [
        ['Impact [insert', 'Impact'],
        ['## Impact', '## Impact [insert'],
        ['Paragraph 3 ', 'Paragraph `3` '],
      ],
      pick,
    );
    expect((seen[0] as unknown[][])[0]).toHaveLength(1);
    expect((seen[1] as unknown[][])[0]).toHaveLength(0);
    expect((seen[2] as unknown[][])[0]).toEqual((seen[0] as unknown[][])[0]);
  });

  it('learnPeople: an edit in one block changes whether a name in another is a person', () => {
    const text = `# Outage\n\n**Authors:** Grant Li\n\n${filler}\nWe grant access on request.\n\n${filler}`;
    const seen = check(
      text,
      [
        ['We grant access', 'We give access'],
        ['We give access', 'We grant access'],
      ],
      learnPeople,
    );
    expect(seen).toEqual([['Li'], ['Grant', 'Li'], ['Li']]);
  });
});
