// The memo shapes of engine/memo.ts: hits, misses and staleness of each, the two-generation rollover, and
// clearMemos() forgetting every registered content memo (the engine's clearContentMemos is the same function).
import { describe, expect, it, vi } from 'vitest';
import { clearMemos, detach, fitMemosToDocument, generationMemo, lastValueMemo, nodeMemo, objectMemo } from '../../server/src/engine/memo';
import { allRules, clearContentMemos, lintDocument, resolveConfig } from '../../server/src/engine/index';

describe('nodeMemo (per node, checked against its source)', () => {
  it('hits for the same node, source and key; misses for another node', () => {
    const memo = nodeMemo<object, number>();
    const a = {};
    memo.set(a, 'text', 1);
    expect(memo.get(a, 'text')).toBe(1);
    expect(memo.get({}, 'text')).toBeUndefined();
    memo.set(a, 'text', 2, 'state');
    expect(memo.get(a, 'text', 'state')).toBe(2);
  });

  it('is stale once the source or the key differs', () => {
    const memo = nodeMemo<object, string>();
    const node = {};
    memo.set(node, 'old source', 'v', 'k');
    expect(memo.get(node, 'new source', 'k')).toBeUndefined();
    expect(memo.get(node, 'old source', 'other key')).toBeUndefined();
    expect(memo.get(node, 'old source')).toBeUndefined(); // no key is the empty key, not any key
  });

  it('getOrCompute computes on a miss or stale entry only, and stores the result', () => {
    const memo = nodeMemo<object, number>();
    const node = {};
    const compute = vi.fn(() => 7);
    expect(memo.getOrCompute(node, 's', compute)).toBe(7);
    expect(memo.getOrCompute(node, 's', compute)).toBe(7);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(memo.getOrCompute(node, 's2', () => 8)).toBe(8); // stale: recomputed and replaced
    expect(memo.get(node, 's')).toBeUndefined();
    expect(memo.get(node, 's2')).toBe(8);
  });

  it('delete forgets the node', () => {
    const memo = nodeMemo<object, number>();
    const node = {};
    memo.set(node, 's', 1);
    memo.delete(node);
    expect(memo.get(node, 's')).toBeUndefined();
  });
});

describe('objectMemo (per model / object identity)', () => {
  it('hits for the same object only', () => {
    const memo = objectMemo<object, string>();
    const model = {};
    memo.set(model, 'analysis');
    expect(memo.get(model)).toBe('analysis');
    expect(memo.has(model)).toBe(true);
    expect(memo.get({})).toBeUndefined();
    expect(memo.has({})).toBe(false);
  });

  it('getOrCompute keeps undefined and null results (computes once)', () => {
    const memo = objectMemo<object, string[] | null | undefined>();
    const a = {};
    const b = {};
    const nul = vi.fn(() => null);
    const undef = vi.fn(() => undefined);
    expect(memo.getOrCompute(a, nul)).toBeNull();
    expect(memo.getOrCompute(a, nul)).toBeNull();
    expect(memo.getOrCompute(b, undef)).toBeUndefined();
    expect(memo.getOrCompute(b, undef)).toBeUndefined();
    expect(nul).toHaveBeenCalledTimes(1);
    expect(undef).toHaveBeenCalledTimes(1);
  });

  it('delete forgets the object', () => {
    const memo = objectMemo<object, number>();
    const key = {};
    memo.set(key, 1);
    memo.delete(key);
    expect(memo.has(key)).toBe(false);
    expect(memo.getOrCompute(key, () => 2)).toBe(2);
  });
});

describe('generationMemo (two generations)', () => {
  it('hits and misses by value', () => {
    const memo = generationMemo<string, number>(4);
    memo.set('a', 1);
    expect(memo.get('a')).toBe(1);
    expect(memo.get('b')).toBeUndefined();
    expect(memo.has('a')).toBe(true);
    expect(memo.has('b')).toBe(false);
  });

  it('rolls over when the current generation is full, keeping the previous one readable', () => {
    const memo = generationMemo<string, number>(2);
    memo.set('a', 1);
    memo.set('b', 2);
    expect(memo.size).toBe(2);
    memo.set('c', 3); // rollover: {a, b} becomes the previous generation
    expect(memo.size).toBe(1);
    expect(memo.get('c')).toBe(3);
    expect(memo.get('a')).toBe(1); // read from the previous generation, moved into the current one
    expect(memo.size).toBe(2);
    memo.set('d', 4); // rollover: {c, a} previous, {b} dropped
    expect(memo.get('a')).toBe(1);
    expect(memo.get('c')).toBe(3);
    expect(memo.has('b')).toBe(false);
    expect(memo.get('b')).toBeUndefined();
  });

  it('what a lint used survives a rollover; what no lint used since is dropped by the next', () => {
    const memo = generationMemo<string, string>(3);
    const lint = (keys: string[]) => keys.map((k) => memo.getOrCompute(k, (key) => key.toUpperCase()));
    lint(['x', 'y', 'z']);
    const compute = vi.fn((key: string) => key.toUpperCase());
    memo.getOrCompute('edit1', compute); // rollover: x, y, z now in the previous generation
    expect(['x', 'y', 'z'].map((k) => memo.getOrCompute(k, compute))).toEqual(['X', 'Y', 'Z']);
    expect(compute).toHaveBeenCalledTimes(1); // only edit1
    for (const k of ['e2', 'e3', 'e4', 'e5', 'e6', 'e7']) memo.set(k, k);
    expect(memo.has('x')).toBe(false);
  });

  it('overwriting a key of the current generation does not roll over', () => {
    const memo = generationMemo<string, number>(2);
    memo.set('a', 1);
    memo.set('b', 2);
    memo.set('b', 3);
    expect(memo.get('a')).toBe(1);
    expect(memo.get('b')).toBe(3);
    expect(memo.size).toBe(2);
  });

  it('getOrCompute computes once per key, undefined results included', () => {
    const memo = generationMemo<string, number | undefined>(8);
    const compute = vi.fn((k: string) => (k === 'none' ? undefined : k.length));
    expect(memo.getOrCompute('none', compute)).toBeUndefined();
    expect(memo.getOrCompute('none', compute)).toBeUndefined();
    expect(memo.getOrCompute('four', compute)).toBe(4);
    expect(memo.getOrCompute('four', compute)).toBe(4);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('fit grows a generation to the working set, never below the base size', () => {
    const memo = generationMemo<number, number>(2);
    memo.fit(5);
    expect(memo.generationSize).toBe(5);
    for (let i = 0; i < 5; i++) memo.set(i, i);
    expect(memo.size).toBe(5); // no rollover yet
    memo.fit(1);
    expect(memo.generationSize).toBe(2);
    memo.set(99, 99); // the current generation (5 entries) is over the size: rolls over
    expect(memo.size).toBe(1);
    for (let i = 0; i < 5; i++) expect(memo.has(i)).toBe(true); // in the previous generation
  });

  it('also rolls over when its string keys reach the character budget (a count alone lets growing keys pile up)', () => {
    const memo = generationMemo<string, number>(1_000, { chars: 10 });
    memo.set('aaaaaa', 1);
    memo.set('bbbbbb', 2); // 12 characters: over the budget, 'aaaaaa' goes to the previous generation
    expect(memo.size).toBe(1);
    expect(memo.has('aaaaaa')).toBe(true);
    memo.set('cccccc', 3);
    expect(memo.has('aaaaaa')).toBe(false);
    expect(memo.get('bbbbbb')).toBe(2);
  });

  it('without a fixed budget, a generation holds as many characters as the document last modelled', () => {
    const memo = generationMemo<string, number>(1_000);
    const keys = Array.from({ length: 10 }, (_, i) => String(i).repeat(20_000));
    try {
      fitMemosToDocument(250_000);
      for (const [i, k] of keys.entries()) memo.set(k, i);
      expect(memo.size).toBe(10); // 200,000 characters: no rollover
      fitMemosToDocument(1_000); // a small document: the floor applies (tens of thousands of characters)
      memo.set('x'.repeat(20_000), 10);
      expect(memo.size).toBe(1);
    } finally {
      fitMemosToDocument(0);
    }
  });

  it('stores string keys as copies equal to the key', () => {
    const memo = generationMemo<string, number>(4);
    const doc = 'a long document text, of which a block is a slice '.repeat(100);
    const block = doc.slice(50, 150);
    memo.set(block, 1);
    expect(memo.get(doc.slice(50, 150))).toBe(1);
    expect(detach(block)).toBe(block);
  });

  it('rejects a size that is not positive', () => {
    expect(() => generationMemo(0)).toThrow(RangeError);
  });
});

describe('lastValueMemo (one slot)', () => {
  it('hits for the last key only', () => {
    const memo = lastValueMemo<string, number>();
    const compute = vi.fn((k: string) => k.length);
    expect(memo.getOrCompute('abc', compute)).toBe(3);
    expect(memo.getOrCompute('abc', compute)).toBe(3);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(memo.getOrCompute('de', compute)).toBe(2); // another key takes the slot
    expect(memo.getOrCompute('abc', compute)).toBe(3);
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('tells keys apart with the given equality', () => {
    const memo = lastValueMemo<{ format: string; source: string }, string>((a, b) => a.format === b.format && a.source === b.source);
    const compute = vi.fn((k: { format: string; source: string }) => `${k.format}:${k.source}`);
    memo.getOrCompute({ format: 'yaml', source: 'a: 1' }, compute);
    expect(memo.getOrCompute({ format: 'yaml', source: 'a: 1' }, compute)).toBe('yaml:a: 1'); // equal, not identical
    expect(compute).toHaveBeenCalledTimes(1);
    expect(memo.getOrCompute({ format: 'toml', source: 'a: 1' }, compute)).toBe('toml:a: 1');
    expect(compute).toHaveBeenCalledTimes(2);
  });
});

describe('clearMemos', () => {
  it('forgets every registered content memo, of every shape', () => {
    const node = {};
    const model = {};
    const byNode = nodeMemo<object, number>();
    const byModel = objectMemo<object, number>();
    const generations = generationMemo<string, number>(1);
    const last = lastValueMemo<string, number>();
    byNode.set(node, 's', 1);
    byModel.set(model, 2);
    generations.set('old', 3);
    generations.set('new', 4); // 'old' in the previous generation
    generations.fit(10);
    last.getOrCompute('k', () => 5);

    clearMemos();

    expect(byNode.get(node, 's')).toBeUndefined();
    expect(byModel.has(model)).toBe(false);
    expect(generations.has('old')).toBe(false);
    expect(generations.has('new')).toBe(false);
    expect(generations.size).toBe(0);
    expect(generations.generationSize).toBe(1);
    expect(last.getOrCompute('k', () => 6)).toBe(6);
  });

  it('is what the engine exports as clearContentMemos', () => {
    expect(clearContentMemos).toBe(clearMemos);
    const memo = generationMemo<string, number>(4);
    memo.set('a', 1);
    clearContentMemos();
    expect(memo.has('a')).toBe(false);
  });

  it('keeps configuration memos (compiled patterns) unless asked to forget everything', () => {
    const compiled = objectMemo<object, number>('configuration');
    const content = objectMemo<object, number>();
    const config = {};
    compiled.set(config, 1);
    content.set(config, 2);
    clearMemos();
    expect(compiled.has(config)).toBe(true);
    expect(content.has(config)).toBe(false);
    clearMemos('all');
    expect(compiled.has(config)).toBe(false);
  });

  it('memos keep working after a clear', () => {
    const memo = nodeMemo<object, number>();
    const node = {};
    clearMemos();
    memo.set(node, 's', 1);
    expect(memo.get(node, 's')).toBe(1);
  });
});

describe('the language pass across rollovers of its per-block memo', () => {
  // 3,000 distinct paragraphs a document: two documents fill more than a generation (4,096 texts), so linting
  // A, B, A, C, A reads A's blocks from the previous generation, then with A's texts forgotten
  const doc = (tag: string) =>
    `# Postmortem: ${tag}\n\n## Summary\n\n` +
    Array.from(
      { length: 3000 },
      (_, i) => `The engineer ${tag} carelessly forgot step ${i} of the ${tag} deploy, obviously a human error.\n\n`,
    ).join('');
  it('gives a full lint’s findings', () => {
    const config = resolveConfig([{}], allRules);
    const findings = (text: string) => lintDocument(text, config, { force: true }).findings;
    const [a, b, c] = [doc('alpha'), doc('beta'), doc('gamma')];
    clearMemos();
    const fresh = findings(a);
    expect(fresh.filter((f) => f.ruleId === 'human-error').length).toBeGreaterThan(1000);
    findings(b);
    expect(findings(a)).toEqual(fresh);
    findings(c);
    expect(findings(a)).toEqual(fresh);
  });
});
