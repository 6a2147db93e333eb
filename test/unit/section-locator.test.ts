// sectionLocator must answer exactly as sectionAt (the linear scan) for every offset, on real documents and on
// section arrays that do not have extractSections' shape (where it falls back to the scan).
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../server/src/engine/model/buildModel';
import type { Section } from '../../server/src/engine/model/model';
import { sectionAt, sectionLocator } from '../../server/src/engine/model/sections';
import { CORPUS_DIR, FIXTURES_DIR, listMarkdown } from './helpers/files';

const section = (index: number, start: number, end: number, depth: number, parent?: number): Section => ({
  index,
  kind: 'other',
  kinds: ['other'],
  title: `S${index}`,
  key: `s${index}`,
  depth,
  pseudo: false,
  heading: { start, end: start + 1 },
  span: { start, end },
  body: { start: start + 1, end },
  ...(parent !== undefined ? { parent } : {}),
});

describe('sectionLocator', () => {
  const docs = [...listMarkdown(CORPUS_DIR), ...listMarkdown(FIXTURES_DIR)];
  it('has documents with nested sections to check', () => {
    expect(docs.length).toBeGreaterThan(10);
    expect(docs.some((f) => buildModel(fs.readFileSync(f, 'utf8')).sections.some((s) => s.parent !== undefined))).toBe(true);
  });

  it('equals sectionAt at every offset of every corpus document and fixture', () => {
    for (const file of docs) {
      const text = fs.readFileSync(file, 'utf8');
      const { sections } = buildModel(text);
      const locate = sectionLocator(sections);
      for (let offset = -1; offset <= text.length + 1; offset++) {
        if (locate(offset) !== sectionAt(sections, offset)) expect.fail(`${file} at ${offset}`);
      }
    }
  });

  it('falls back to the scan for arrays without that shape (overlapping spans, unsorted, wrong parents)', () => {
    const shapes: Section[][] = [
      // overlapping, not nested: B starts inside A and runs past it
      [section(0, 0, 50, 2), section(1, 10, 80, 2)],
      // unsorted starts
      [section(0, 40, 90, 2), section(1, 0, 30, 2)],
      // a parent that does not contain its child
      [section(0, 0, 20, 1), section(1, 30, 60, 2, 0)],
      // a nested section whose parent link is missing
      [section(0, 0, 100, 1), section(1, 10, 50, 2)],
      // well formed: root, child, grandchild, sibling
      [section(0, 0, 100, 1), section(1, 10, 60, 2, 0), section(2, 20, 40, 3, 1), section(3, 60, 100, 2, 0)],
    ];
    for (const sections of shapes) {
      const locate = sectionLocator(sections);
      for (let offset = -1; offset <= 101; offset++) expect(locate(offset), `offset ${offset}`).toBe(sectionAt(sections, offset));
    }
  });
});
