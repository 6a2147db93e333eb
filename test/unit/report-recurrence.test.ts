// The recurrence index on test/fixtures-report/recurrence: four incident families written in different words
// (certificate expiry, DNS misconfiguration, disk full, connection-pool exhaustion; 2–3 incidents each) and three
// unrelated singletons. Precision at the top 3 related per document must be at least 0.8, and no pair above the
// threshold may join two families (or a family and a singleton).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, lintDocument, resolveConfig } from '../../server/src/engine/index';
import { buildReport, RECURRENCE_THRESHOLD, recurrenceText } from '../../server/src/cli/report/compute';
import { SimilarityIndex, stem, terms } from '../../server/src/cli/report/similarity';

const DIR = path.join(__dirname, '..', 'fixtures-report', 'recurrence');
const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.md'))
  .sort();
const config = resolveConfig([{}], allRules);
const models = files.map((f) => lintDocument(fs.readFileSync(path.join(DIR, f), 'utf8'), config, { rules: [], force: true }).model);
/** `cert-2.md` → `cert`; singletons are families of one. */
const family = (f: string) => (f.startsWith('single-') ? f : f.replace(/-\d+\.md$/, ''));

describe('recurrence index', () => {
  it('has the fixture set: 4 families of 2–3 incidents and 3 singletons', () => {
    const sizes = new Map<string, number>();
    for (const f of files) sizes.set(family(f), (sizes.get(family(f)) ?? 0) + 1);
    expect([...sizes.values()].filter((n) => n > 1).sort()).toEqual([2, 3, 3, 3]);
    expect([...sizes.values()].filter((n) => n === 1)).toHaveLength(3);
  });

  it('precision ≥ 0.8 at the top 3 related per document, and no pair across families', () => {
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
    const precision = correct / retrieved;
    const recall = correct / relevant;
    console.log(
      `recurrence: precision@3 ${precision.toFixed(3)} (${correct}/${retrieved}), recall@3 ${recall.toFixed(3)} (${correct}/${relevant})`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.8);
    expect(recall).toBeGreaterThanOrEqual(0.5); // the index finds related incidents at all, not only nothing
    const across = index.pairs(RECURRENCE_THRESHOLD).filter((p) => family(files[p.a]!) !== family(files[p.b]!));
    expect(across.map((p) => `${files[p.a]} ~ ${files[p.b]} ${p.score.toFixed(3)}`)).toEqual([]);
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
