// Applying every safe fix makes a document better, never worse: on every fixture, example and corpus document, after
// fix-all there are no more findings at or above any severity than before (an info may disappear, never turn
// into a warning; a fix may not create two findings where there was one).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes, lintDocument, type Finding, type Severity } from '../../server/src/engine/index';
import { listFixtures, readFixture } from './helpers/fixtures';

const fixtureRoot = path.join(__dirname, '..', 'fixtures');
const corpusRoot = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');
const examplesRoot = path.resolve(__dirname, '..', '..', 'examples');
const LEVELS: Severity[] = ['error', 'warning', 'info', 'hint'];

/** Findings at or above each severity: error, error+warning, … */
function atOrAbove(findings: readonly Finding[]): Record<Severity, number> {
  const out = {} as Record<Severity, number>;
  LEVELS.forEach((s, i) => (out[s] = findings.filter((f) => LEVELS.indexOf(f.severity) <= i).length));
  return out;
}

const documents: { name: string; text: string; config: Parameters<typeof lintDocument>[1] }[] = [
  ...listFixtures(fixtureRoot).map((file) => {
    const spec = readFixture(file, fixtureRoot);
    return { name: `fixture ${spec.name}`, text: spec.text, config: spec.config };
  }),
  ...fs
    .readdirSync(examplesRoot)
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ name: `example ${f}`, text: fs.readFileSync(path.join(examplesRoot, f), 'utf8'), config: {} })),
  ...fs
    .readdirSync(corpusRoot)
    .filter((f) => /^\d.*\.md$/.test(f))
    .sort()
    .map((f) => ({ name: `corpus ${f}`, text: fs.readFileSync(path.join(corpusRoot, f), 'utf8'), config: { today: '2026-12-01' } })),
];

describe('safe fixes never make a document worse', () => {
  it('reads the fixtures and the corpus', () => expect(documents.length).toBeGreaterThan(80));

  for (const d of documents) {
    it(d.name, () => {
      const before = lintDocument(d.text, d.config, { force: true }).findings;
      const fixed = applyFixes(d.text, before);
      if (fixed === d.text) return;
      const after = lintDocument(fixed, d.config, { force: true }).findings;
      const describe = (fs: readonly Finding[]) => fs.map((f) => `${f.severity} ${f.ruleId}`).sort();
      expect(atOrAbove(after), `before: ${describe(before).join(', ')}\nafter: ${describe(after).join(', ')}`).toSatisfy(
        (a: Record<Severity, number>) => LEVELS.every((s) => a[s] <= atOrAbove(before)[s]),
      );
    });
  }
});
