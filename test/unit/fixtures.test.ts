// Every fixture under test/fixtures states its expected findings inline (see helpers/fixtures.ts).
// For each: the findings per line match; the fixed text is snapshotted; re-linting the fixed text
// proves the fixes fixed something (a fixpoint within three passes, with no safe fix left to apply).
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes, lintDocument } from '../../server/src/engine/index';
import { lineOf } from '../../server/src/engine/text/text';
import { actualByLine, listFixtures, readFixture, toSortedRecord } from './helpers/fixtures';

const root = path.join(__dirname, '..', 'fixtures');
const files = listFixtures(root);

describe('fixtures', () => {
  it('has fixtures', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const spec = readFixture(file, root);
    it(spec.name, async () => {
      const options = spec.detect ? {} : { force: true };
      const result = lintDocument(spec.text, spec.config, options);
      expect(result.ruleErrors).toEqual([]);
      const actual = actualByLine(result.findings, (o) => lineOf(result.model.lineStarts, o), spec.only);
      expect(toSortedRecord(actual)).toEqual(toSortedRecord(spec.expected));

      const fixable = result.findings.filter((f) => f.fix && (!spec.only || spec.only.includes(f.ruleId)));
      if (!fixable.length) return;
      const fixed = applyFixes(spec.text, result.findings);
      expect(fixed).not.toBe(spec.text);
      await expect(fixed).toMatchFileSnapshot(path.join(__dirname, '__snapshots__', 'fixtures', spec.name.replace(/\.md$/, '.fixed.md')));
      // Re-lint: converge to a fixpoint in at most three passes, with no safe fix left.
      let text = fixed;
      for (let pass = 0; pass < 3; pass++) {
        const next = applyFixes(text, lintDocument(text, spec.config, options).findings);
        if (next === text) break;
        text = next;
      }
      const final = lintDocument(text, spec.config, options);
      expect(final.findings.filter((f) => f.fix).map((f) => `${f.ruleId}@${lineOf(final.model.lineStarts, f.start) + 1}`)).toEqual([]);
    });
  }
});
