// Sets of postmortems written for measuring (test/corpus-holdout*, README there): documents in the layouts real teams
// use and documents of other genres, labelled by their author before the engine was run on them. This test measures
// recall and over-reading per measure and holds the figures at a floor. Per-document differences are printed only with
// HOLDOUT_VERBOSE=<set folder>: reading them turns a hold-out into a tuning set (say so in its README if you do).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEASURES, recall, type Label, type Measure, type Measures } from './corpus-labels';
import { measure } from './helpers/measure';
import { buildModel, decisionPoints, positionAt } from '../../server/src/engine/index';

interface HoldoutSet {
  dir: string;
  /** Recall floors: the latest measurement, rounded down to the percent; raise as the engine improves, never lower. */
  floor: Record<Measure, number>;
  /** Over-reading allowed: entries, items or sections the labels do not have, other genres detected. */
  maxOver: Record<Measure, number>;
  /** For sets whose labels list decision points (issue 18): floors of their precision and recall. */
  decisions?: { precision: number; recall: number };
}

/** A labelled decision point: the line of its timeline entry, and whether the entry says what was known then. */
interface DecisionLabel {
  line: number;
  explained: boolean;
}

/** The engine's decision points matched against the labels by line (a label inside an entry's span matches it). */
function decisionFigures(text: string, labels: DecisionLabel[]) {
  const model = buildModel(text);
  const line = (offset: number) => positionAt(model.lineStarts, offset).line + 1;
  const found = decisionPoints(model).map((d) => ({ from: line(d.entry.span.start), to: line(d.entry.span.end), explained: d.explained }));
  const matched = found.filter((f) => labels.some((l) => l.line >= f.from && l.line <= f.to));
  const agree = matched.filter((f) => labels.find((l) => l.line >= f.from && l.line <= f.to)!.explained === f.explained);
  return { found: found.length, labelled: labels.length, matched: matched.length, agree: agree.length };
}

const SETS: HoldoutSet[] = [
  {
    // first measured blind on 2026-12-07 (detection 12/12, entries 91.0%, items 74.6%, owners 68.4%, sections 93.7%),
    // then tuned on: a tuning set since
    dir: 'corpus-holdout',
    floor: { detection: 1, entries: 1, items: 1, owners: 1, sections: 0.96 },
    maxOver: { detection: 0, entries: 0, items: 5, owners: 5, sections: 3 },
  },
  {
    // written after the first set was tuned on; measured blind once (2026-12-07: entries 95.3%, items 65.6%, owners
    // 42.5%, sections 93.3%), then tuned on: a tuning set since
    dir: 'corpus-holdout-2',
    floor: { detection: 1, entries: 0.95, items: 0.95, owners: 0.9, sections: 1 },
    maxOver: { detection: 0, entries: 0, items: 1, owners: 1, sections: 2 },
  },
  {
    // written after the second set was tuned on, by a helper that saw neither the engine, the corpus nor the other
    // sets; measured blind once (2026-12-07: detection 10/10 and 1 of 2 other genres, entries 81.5%, items 98.6%,
    // owners 62.5%, sections 95.5%), then tuned on: a tuning set since
    dir: 'corpus-holdout-3',
    floor: { detection: 1, entries: 0.94, items: 0.98, owners: 0.89, sections: 1 },
    maxOver: { detection: 0, entries: 0, items: 9, owners: 4, sections: 4 },
  },
  {
    // written while the third set was tuned on, by a helper that saw neither the engine, the corpus nor the other
    // sets; measured blind once (2026-12-07: detection 10/10 and 1 of 2 other genres, entries 99.3%, items 81.3% with
    // 8 over-read, owners 62.0% with 8 over-read, sections 95.9%), then tuned on: a tuning set since
    // (corpus-holdout-5 is the next blind set, not yet measured)
    dir: 'corpus-holdout-4',
    floor: { detection: 1, entries: 0.99, items: 0.96, owners: 0.92, sections: 0.97 },
    maxOver: { detection: 1, entries: 0, items: 8, owners: 7, sections: 2 },
  },
  {
    // written while the fourth set was tuned on, by a helper that saw neither the engine, the corpus nor the other
    // sets; measured blind once (2026-12-07: detection 9/10 and 0 of 2 other genres, entries 81.5% with 8 over-read,
    // items 80.6%, owners 60.0%, sections 84.1%), then tuned on: a tuning set since
    dir: 'corpus-holdout-5',
    floor: { detection: 1, entries: 1, items: 0.96, owners: 0.95, sections: 1 },
    maxOver: { detection: 0, entries: 8, items: 0, owners: 0, sections: 2 },
  },
  {
    // written while the fifth set was tuned on, by a helper that saw neither the engine, the corpus nor the other
    // sets; measured blind once (2026-12-07: detection 10/10 and 1 of 2 other genres, entries 72.0%, items 89.5%,
    // owners 75.6% with 1 over-read, sections 91.5%), then tuned on: a tuning set since (its README)
    dir: 'corpus-holdout-6',
    floor: { detection: 1, entries: 0.99, items: 0.91, owners: 0.92, sections: 0.97 },
    maxOver: { detection: 1, entries: 0, items: 0, owners: 1, sections: 2 },
  },
  {
    // written while the sixth set was tuned on, by a helper that saw neither the engine, the corpus nor the other
    // sets, labelling decision points too (issue 18); measured blind once (2026-12-07: detection 10/10 and 0 of 2
    // other genres, entries 100% with 1 over-read, items 100% with 3, owners 92.1% with 3, sections 98.6% with 2;
    // decision points: precision 100% (20/20), recall 36.4% of 55); still held out: its differences have not been read
    dir: 'corpus-holdout-7',
    floor: { detection: 1, entries: 1, items: 1, owners: 0.92, sections: 0.98 },
    maxOver: { detection: 0, entries: 1, items: 3, owners: 3, sections: 2 },
    decisions: { precision: 1, recall: 0.36 },
  },
];

for (const set of SETS) {
  const dir = path.join(__dirname, '..', set.dir);
  const labelsOf = JSON.parse(fs.readFileSync(path.join(dir, 'labels.json'), 'utf8')) as Record<string, Measures & { notes?: string }>;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md');

  describe(`${set.dir}: postmortems written for measuring`, () => {
    it('labels every document', () => {
      expect(Object.keys(labelsOf).sort()).toEqual(files.sort());
    });

    it('recall and over-reading per measure stay at their floors', () => {
      const labels: Record<string, Label> = {};
      for (const f of files) {
        const { notes: _notes, ...read } = labelsOf[f]!;
        labels[f] = { read, engine: measure(fs.readFileSync(path.join(dir, f), 'utf8')) };
        if (process.env.HOLDOUT_VERBOSE === set.dir) console.log(f, JSON.stringify(labels[f]));
      }
      const r = recall(labels, files);
      console.log(
        `${set.dir} (${files.length} documents):\n` +
          MEASURES.map(
            (m) =>
              `${m.padEnd(10)} ${(100 * r[m].recall).toFixed(1).padStart(5)}% (${r[m].found}/${r[m].expected}), over-read ${r[m].over}`,
          ).join('\n'),
      );
      for (const m of MEASURES) {
        expect([m, r[m].recall >= set.floor[m]]).toEqual([m, true]);
        expect([m, r[m].over <= set.maxOver[m]]).toEqual([m, true]);
      }
    });

    if (set.decisions) {
      const floor = set.decisions;
      it('decision points: precision and recall against the labelled ones stay at their floors', () => {
        const total = { found: 0, labelled: 0, matched: 0, agree: 0 };
        for (const f of files) {
          const labels = (labelsOf[f] as unknown as { decisions?: DecisionLabel[] }).decisions ?? [];
          const fig = decisionFigures(fs.readFileSync(path.join(dir, f), 'utf8'), labels);
          for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += fig[k];
        }
        const precision = total.found ? total.matched / total.found : 1;
        const recallOf = total.labelled ? total.matched / total.labelled : 1;
        console.log(
          `${set.dir} decision points: ${total.found} found, ${total.labelled} labelled, ${total.matched} matched: ` +
            `precision ${(100 * precision).toFixed(1)}%, recall ${(100 * recallOf).toFixed(1)}%, explained flag agrees on ${total.agree}/${total.matched}`,
        );
        expect(precision).toBeGreaterThanOrEqual(floor.precision);
        expect(recallOf).toBeGreaterThanOrEqual(floor.recall);
      });
    }
  });
}
