// The language pass skips a pattern in a sentence that holds none of the pattern's required literals
// (language/required.ts). That is sound only if every match of the pattern contains one of them: checked here
// on every match of every pattern over the examples, the corpus, the fixtures and generated word soup.
import * as fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, exampleCase } from '../../server/src/engine/language/data';
import { MIN_LITERAL, requiredLiterals } from '../../server/src/engine/language/required';
import { builtInRequiredLiterals } from '../../server/src/engine/language/analyze';
import { CORPUS_DIR, FIXTURES_DIR, listMarkdown } from './helpers/files';

const patterns = CATEGORIES.flatMap((c) => c.compiled).map((p) => ({ p, literals: requiredLiterals(p.regex.source, p.regex.flags) }));

let matches = 0;
/** The first match of a pattern that contains none of its literals, if any. */
function unsound(text: string): string | undefined {
  for (const { p, literals } of patterns) {
    if (!literals) continue;
    const re = new RegExp(p.regex.source, p.regex.flags);
    for (const m of text.matchAll(re)) {
      if (m[0].length === 0) continue;
      matches++;
      const lower = m[0].toLowerCase();
      if (!literals.some((l) => lower.includes(l))) return `${p.id} matched "${m[0]}" without any of ${literals.join(', ')}`;
    }
  }
  return undefined;
}

describe('required literals', () => {
  it('reads literals from sequences, alternations, optional parts and lookarounds', () => {
    expect(requiredLiterals('should\\s+have', 'gi')).toEqual(['should']);
    expect(requiredLiterals('(?<![\\w-])(?:mistake|error)s?\\b', 'gi')).toEqual(['error', 'mistake']); // "errors" holds "error"
    expect(requiredLiterals('Root[- ]cause', 'gi')).toEqual(['cause']); // "root cause" stands for its longest piece, in "root-cause" too
    expect(requiredLiterals('(?:foo|)barbaz', 'gi')).toEqual(['barbaz']);
    expect(requiredLiterals('(?<!not )failed(?= to)', 'gi')).toEqual(['failed']);
    expect(requiredLiterals('(?:fix)+ing', 'gi')).toEqual(['fix']);
  });

  it('gives short literals too (looked for in the sentence, not scanned), and caseless symbols beyond ASCII', () => {
    expect(MIN_LITERAL).toBe(3);
    expect(requiredLiterals('a\\s+b', 'gi')).toEqual(['a']);
    expect(requiredLiterals('!{2,}|\\?!|!\\?|‽', 'gi')).toEqual(['!', '‽']); // every match holds one of them
    expect(requiredLiterals('é', 'gi')).toBeUndefined(); // a cased letter beyond ASCII is left to the pattern
  });

  it('gives nothing when some match needs no literal', () => {
    expect(requiredLiterals('(?:foo|\\w+)', 'gi')).toBeUndefined();
    expect(requiredLiterals('(?:abc)?', 'gi')).toBeUndefined();
    expect(requiredLiterals('.*', 'gi')).toBeUndefined();
    expect(requiredLiterals('(', 'gi')).toBeUndefined(); // not a regular expression
  });

  it('the precomputed table of the built-in patterns is current (else run npm run gen:literals)', () => {
    const file = new URL('../../server/src/engine/data/language/required-literals.json', import.meta.url);
    const table = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string[] | null>;
    expect(table).toEqual(builtInRequiredLiterals());
    expect(Object.keys(table)).toHaveLength(patterns.length);
  });

  it('gives most patterns a filter', () => {
    const filtered = patterns.filter((x) => x.literals).length;
    expect(filtered / patterns.length).toBeGreaterThan(0.9);
  });

  it('every match of every pattern contains a required literal: examples', () => {
    for (const cat of CATEGORIES)
      for (const e of [...cat.examples.bad, ...cat.examples.good]) expect(unsound(exampleCase(e).text)).toBeUndefined();
  });

  it('every match of every pattern contains a required literal: corpus and fixtures', () => {
    const files = [...listMarkdown(CORPUS_DIR), ...listMarkdown(FIXTURES_DIR)];
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) expect(unsound(fs.readFileSync(f, 'utf8')), f).toBeUndefined();
  });

  it('every match of every pattern contains a required literal: generated sentences', () => {
    // word soup from the patterns' own literals and the words around them, in any case and spacing
    const words = [...new Set(patterns.flatMap((x) => x.literals ?? []))];
    const glue = [
      'the',
      'a',
      'we',
      'Sam',
      '@li',
      'engineer',
      'have',
      'not',
      'to',
      'was',
      'been',
      'on-call',
      "'s",
      '-',
      ',',
      '.',
      '"',
      'kubectl',
      'x',
    ];
    const word = fc.oneof(fc.constantFrom(...words), fc.constantFrom(...glue));
    const cased = fc
      .tuple(word, fc.constantFrom('lower', 'upper', 'title'))
      .map(([w, c]) => (c === 'upper' ? w.toUpperCase() : c === 'title' ? w.charAt(0).toUpperCase() + w.slice(1) : w));
    const sentence = fc
      .array(fc.tuple(cased, fc.constantFrom(' ', '  ', '\n', '', ' ')), { minLength: 1, maxLength: 14 })
      .map((ws) => ws.map(([w, s]) => w + s).join(''));
    const before = matches;
    fc.assert(
      fc.property(sentence, (s) => unsound(s) === undefined),
      { numRuns: 400, seed: 20261206 },
    );
    expect(matches - before).toBeGreaterThan(200); // the soup does exercise the patterns
  });
});
