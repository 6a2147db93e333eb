// The recurrence index on test/fixtures-report/recurrence: four incident families written in different words
// (certificate expiry, DNS misconfiguration, disk full, connection-pool exhaustion; 2–3 incidents each) and three
// unrelated singletons. Precision at the top 3 related per document must be at least 0.8, and no pair above the
// threshold may join two families (or a family and a singleton). The threshold was tuned on that set; a held-out set
// (test/fixtures-report/recurrence-holdout: five other families and three singletons, written blind by another
// author without reading the index or its threshold) is measured with it unchanged, and its figures are floors.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, lintDocument, resolveConfig } from '../../server/src/engine/index';
import { buildReport, RECURRENCE_THRESHOLD, recurrenceText } from '../../server/src/cli/report/compute';
import { SimilarityIndex, stem, terms } from '../../server/src/cli/report/similarity';

const config = resolveConfig([{}], allRules);
/** `cert-2.md` → `cert`; singletons are families of one. */
const family = (f: string) => (f.startsWith('single-') ? f : f.replace(/-\d+\.md$/, ''));

/** The postmortems of a fixture folder (its README is not one), sorted, with their models. */
function fixtureSet(name: string) {
  const dir = path.join(__dirname, '..', 'fixtures-report', name);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort();
  const models = files.map((f) => lintDocument(fs.readFileSync(path.join(dir, f), 'utf8'), config, { rules: [], force: true }).model);
  return { files, models };
}

/** Precision and recall at the top 3 related per document, and the pairs above the threshold that join two families. */
function measure({ files, models }: ReturnType<typeof fixtureSet>) {
  const index = new SimilarityIndex(models.map(recurrenceText));
  let retrieved = 0;
  let correct = 0;
  let relevant = 0;
  for (let i = 0; i < files.length; i++) {
    const top = index.related(i, 3, RECURRENCE_THRESHOLD);
    retrieved += top.length;
    correct += top.filter((m) => family(files[m.b]!) === family(files[i]!)).length;
    relevant += Math.min(3, files.filter((f, j) => j !== i && family(f) === family(files[i]!)).length);
  }
  const across = index.pairs(RECURRENCE_THRESHOLD).filter((p) => family(files[p.a]!) !== family(files[p.b]!));
  return {
    precision: correct / retrieved,
    recall: correct / relevant,
    summary: `precision@3 ${(correct / retrieved).toFixed(3)} (${correct}/${retrieved}), recall@3 ${(correct / relevant).toFixed(3)} (${correct}/${relevant})`,
    across: across.map((p) => `${files[p.a]} ~ ${files[p.b]} ${p.score.toFixed(3)}`),
  };
}

const { files, models } = fixtureSet('recurrence');

describe('recurrence index', () => {
  it('has the fixture set: 4 families of 2–3 incidents and 3 singletons', () => {
    const sizes = new Map<string, number>();
    for (const f of files) sizes.set(family(f), (sizes.get(family(f)) ?? 0) + 1);
    expect([...sizes.values()].filter((n) => n > 1).sort()).toEqual([2, 3, 3, 3]);
    expect([...sizes.values()].filter((n) => n === 1)).toHaveLength(3);
  });

  it('precision ≥ 0.8 at the top 3 related per document, and no pair across families', () => {
    const m = measure({ files, models });
    console.log(`recurrence (tuning set): ${m.summary}`);
    expect(m.precision).toBeGreaterThanOrEqual(0.8);
    expect(m.recall).toBeGreaterThanOrEqual(0.5); // the index finds related incidents at all, not only nothing
    expect(m.across).toEqual([]);
  });

  it('on the held-out set, with the threshold unchanged: precision ≥ 0.8 and no pair across families (measured 1.0, recall 0.36)', () => {
    const holdout = fixtureSet('recurrence-holdout');
    const sizes = new Map<string, number>();
    for (const f of holdout.files) sizes.set(family(f), (sizes.get(family(f)) ?? 0) + 1);
    expect([...sizes.values()].filter((n) => n > 1).sort()).toEqual([2, 2, 3, 3, 3]);
    const m = measure(holdout);
    console.log(`recurrence (held-out set): ${m.summary}; across families: ${m.across.join(', ') || 'none'}`);
    expect(m.precision).toBeGreaterThanOrEqual(0.8); // measured 1.000 (8/8) when the set was added
    expect(m.recall).toBeGreaterThanOrEqual(0.36); // measured 0.364 (8/22): the threshold favours precision
    expect(m.across).toEqual([]);
  });

  it('the report lists each recurring pair once, earlier incident first, with its score and shared terms', () => {
    const report = buildReport(
      files.map((file, i) => ({ file, model: models[i]! })),
      { now: '2026-01-01' },
    );
    expect(report.recurrence.incidents.length).toBeGreaterThan(0);
    for (const p of report.recurrence.incidents) {
      expect(family(p.earlier)).toBe(family(p.later));
      expect(p.score).toBeGreaterThanOrEqual(RECURRENCE_THRESHOLD);
      expect(p.sharedTerms.length).toBeGreaterThan(0);
      const date = (f: string) => report.incidents.find((r) => r.file === f)!.date!;
      expect(date(p.earlier) <= date(p.later)).toBe(true);
    }
  });

  it('is deterministic and reads words, pairs and identifiers', () => {
    expect(['expired', 'expiry', 'expires'].map(stem)).toEqual(['expir', 'expir', 'expir']);
    const t = terms('The pool was exhausted: `HikariPool-1 - Connection is not available`, see db.pool.size.');
    expect([...t.counts.keys()]).toEqual(
      expect.arrayContaining(['pool', 'exhaust', 'pool exhaust', 'id:db.pool.size', 'id:hikaripool-1 - connection is not available']),
    );
    const a = new SimilarityIndex(models.map(recurrenceText)).pairs(0.05);
    const b = new SimilarityIndex(models.map(recurrenceText)).pairs(0.05);
    expect(a).toEqual(b);
  });
});
