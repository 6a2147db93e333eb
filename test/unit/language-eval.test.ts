// Issue 15's evaluation sets, run as data: every labelled sentence of test/language-eval/*.jsonl is placed in a small
// postmortem in its section, linted, and counted as flagged when a language-rule finding overlaps it. Precision and
// recall per set are asserted against floors; per-category and per-pattern figures and the category confusion are
// printed (run with `npx vitest run test/unit/language-eval.test.ts` to read them). See test/language-eval/README.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, type Finding } from '../../server/src/engine/index';
import { LANGUAGE, ruleIdsOf } from './helpers/language';

const DIR = path.resolve(__dirname, '..', 'language-eval');
const SECTIONS = ['timeline', 'summary', 'root-cause', 'action-items', 'lessons', 'impact'] as const;
type Section = (typeof SECTIONS)[number];

interface Labelled {
  text: string;
  label: 'flag' | 'clean';
  category: string | null;
  section: Section;
  pattern: string;
}

const TITLES: Record<Section, string> = {
  timeline: 'Timeline',
  summary: 'Summary',
  'root-cause': 'Root cause',
  'action-items': 'Action items',
  lessons: 'Lessons learned',
  impact: 'Impact',
};

function load(file: string): Labelled[] {
  const lines = fs.readFileSync(path.join(DIR, file), 'utf8').split('\n');
  const out: Labelled[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const s = JSON.parse(line) as Labelled;
    const where = `${file}:${i + 1}`;
    if (typeof s.text !== 'string' || !s.text.trim() || /[\r\n]/.test(s.text)) throw new Error(`${where}: bad text`);
    if (s.label !== 'flag' && s.label !== 'clean') throw new Error(`${where}: bad label`);
    if (s.label === 'flag' ? !LANGUAGE.has(s.category ?? '') : s.category !== null && !LANGUAGE.has(s.category))
      throw new Error(`${where}: bad category ${s.category}`);
    if (!SECTIONS.includes(s.section)) throw new Error(`${where}: bad section ${s.section}`);
    if (typeof s.pattern !== 'string' || !s.pattern) throw new Error(`${where}: bad pattern`);
    out.push(s);
  });
  return out;
}

/** A small postmortem holding the sentence in its section; returns the text and the sentence's span. */
function documentOf(s: Labelled): { text: string; start: number; end: number } {
  const head = `# Incident 2025-06-03: checkout latency\n\n## ${TITLES[s.section]}\n\n`;
  const prefix = s.section === 'timeline' ? '- 14:05 UTC ' : s.section === 'action-items' ? '- [ ] ' : '';
  // Owner and due date (far in the future) but no ticket: the engine treats a tracked item as bounded and drops its
  // unbounded-remediation finding, which would hide the wording under test.
  const suffix = s.section === 'action-items' ? ' (owner: @qx-owner, due: 2030-06-30)' : '';
  const start = head.length + prefix.length;
  return { text: `${head}${prefix}${s.text}${suffix}\n`, start, end: start + s.text.length };
}

interface Outcome {
  s: Labelled;
  flagged: boolean;
  /** Rule ids of the language findings overlapping the sentence (each finding's own and its `others`). */
  rules: string[];
}

function evaluate(set: Labelled[]): Outcome[] {
  return set.map((s) => {
    const doc = documentOf(s);
    const hits: Finding[] = lint(doc.text, undefined, { force: true }).filter(
      (f) => LANGUAGE.has(f.ruleId) && f.start < doc.end && Math.max(f.end, f.start + 1) > doc.start,
    );
    return { s, flagged: hits.length > 0, rules: [...new Set(hits.flatMap(ruleIdsOf))] };
  });
}

interface Score {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

function score(outcomes: Outcome[]): Score {
  const r: Score = { n: outcomes.length, tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const o of outcomes) {
    if (o.s.label === 'flag') {
      if (o.flagged) r.tp++;
      else r.fn++;
    } else if (o.flagged) r.fp++;
    else r.tn++;
  }
  return r;
}

const pct = (a: number, b: number): number => (b === 0 ? 100 : (100 * a) / b);
const precision = (r: Score): number => pct(r.tp, r.tp + r.fp);
const recall = (r: Score): number => pct(r.tp, r.tp + r.fn);

function table(title: string, outcomes: Outcome[], key: (o: Outcome) => string): string {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) groups.set(key(o), [...(groups.get(key(o)) ?? []), o]);
  const rows = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  const w = Math.max(title.length, ...rows.map(([k]) => k.length));
  const lines = [`${title.padEnd(w)}     n  flag clean   TP   FN   FP  recall  precision`];
  for (const [k, os] of rows) {
    const r = score(os);
    const rec = r.tp + r.fn ? `${recall(r).toFixed(0)}%` : '-';
    const prec = r.tp + r.fp ? `${precision(r).toFixed(0)}%` : '-';
    lines.push(
      `${k.padEnd(w)} ${String(r.n).padStart(5)} ${String(r.tp + r.fn).padStart(5)} ${String(r.fp + r.tn).padStart(5)} ` +
        `${String(r.tp).padStart(4)} ${String(r.fn).padStart(4)} ${String(r.fp).padStart(4)} ${rec.padStart(7)} ${prec.padStart(10)}`,
    );
  }
  return lines.join('\n');
}

/** Labelled category (rows) against the first rule id found in the sentence (columns), flag sentences only. */
function confusion(outcomes: Outcome[]): string {
  const counts = new Map<string, Map<string, number>>();
  for (const o of outcomes) {
    if (o.s.label !== 'flag') continue;
    const got = o.rules.length === 0 ? '(none)' : o.rules.includes(o.s.category!) ? o.s.category! : o.rules[0]!;
    const row = counts.get(o.s.category!) ?? new Map<string, number>();
    row.set(got, (row.get(got) ?? 0) + 1);
    counts.set(o.s.category!, row);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cat, row]) => {
      const cells = [...row.entries()].sort((a, b) => b[1] - a[1]).map(([g, n]) => `${g === cat ? '=' : g}:${n}`);
      return `${cat.padEnd(18)} ${cells.join('  ')}`;
    })
    .join('\n');
}

/** LANGEVAL_VERBOSE=1 lists the tuning set's misses and false alarms; LANGEVAL_VERBOSE=holdout the held-out set's. */
function verbose(name: string): boolean {
  const v = process.env.LANGEVAL_VERBOSE;
  return !!v && (name.startsWith('holdout') ? v === name.replace('.jsonl', '') : v !== '0');
}

function report(name: string, outcomes: Outcome[]): Score {
  const r = score(outcomes);
  const misses = outcomes.filter((o) => o.s.label === 'flag' && !o.flagged).map((o) => `  FN [${o.s.pattern}] ${o.s.text}`);
  const alarms = outcomes
    .filter((o) => o.s.label === 'clean' && o.flagged)
    .map((o) => `  FP [${o.s.pattern}] (${o.rules.join(',')}) ${o.s.text}`);
  console.log(
    [
      `== ${name}: ${r.n} sentences, precision ${precision(r).toFixed(1)}%, recall ${recall(r).toFixed(1)}% (TP ${r.tp}, FN ${r.fn}, FP ${r.fp}, TN ${r.tn})`,
      table('category', outcomes, (o) => o.s.category ?? '(clean, none)'),
      table('pattern', outcomes, (o) => o.s.pattern),
      table('section', outcomes, (o) => o.s.section),
      'category confusion (labelled: found; "=" is the labelled category):',
      confusion(outcomes),
      // The held-out set's sentences are listed only on request (LANGEVAL_VERBOSE=holdout), never while tuning.
      ...(verbose(name) ? ['misses:', ...misses, 'false alarms:', ...alarms] : []),
    ].join('\n\n'),
  );
  return r;
}

// Floors: the current engine's figures rounded down to the whole percent. Raise them as the engine improves; issue 15's
// target is precision >= 97% and recall >= 90% on the held-out sets (measured at the end of a piece of work, never
// tuned on). The corpus documents' blame and trap lines are the third set: test/unit/corpus-language.test.ts asserts
// every reviewed corpus finding (REJECT marks the ones a reviewer would drop) and the §5.2 traps; not repeated here.
// History (precision / recall):
//   written (engine at 71ec301):   tuning 76.8 / 42.4, holdout 70.5 / 33.9
//   clause reading (wink-nlp):     see test/language-eval/README.md for each set's figure before it was tuned on
const FLOORS: Record<string, { precision: number; recall: number }> = {
  'tuning.jsonl': { precision: 99, recall: 99 },
  'tuning-2.jsonl': { precision: 99, recall: 98 },
  'tuning-3.jsonl': { precision: 98, recall: 94 },
  'tuning-4.jsonl': { precision: 98, recall: 92 },
  'tuning-5.jsonl': { precision: 96, recall: 100 },
  'tuning-6.jsonl': { precision: 100, recall: 94 },
  'tuning-7.jsonl': { precision: 99, recall: 94 },
  'holdout.jsonl': { precision: 95, recall: 81 },
  'holdout-2.jsonl': { precision: 94, recall: 84 },
  'tuning-8.jsonl': { precision: 98, recall: 95 },
  'tuning-9.jsonl': { precision: 97, recall: 93 },
  'tuning-10.jsonl': { precision: 99, recall: 89 },
  'tuning-11.jsonl': { precision: 99, recall: 95 },
  'tuning-12.jsonl': { precision: 99, recall: 89 },
  'tuning-13.jsonl': { precision: 99, recall: 91 },
  'tuning-14.jsonl': { precision: 97, recall: 88 },
  'tuning-15.jsonl': { precision: 99, recall: 93 },
  'tuning-16.jsonl': { precision: 99, recall: 92 },
  'tuning-17.jsonl': { precision: 98, recall: 91 },
  'tuning-18.jsonl': { precision: 99, recall: 87 },
  'holdout-14.jsonl': { precision: 96, recall: 80 },
};

describe('language evaluation sets (issue 15)', () => {
  for (const [file, floor] of Object.entries(FLOORS)) {
    it(`${file}: precision and recall at or above the floors`, () => {
      const set = load(file);
      expect(set.length).toBeGreaterThanOrEqual(file === 'tuning.jsonl' ? 450 : 150);
      const r = report(file, evaluate(set));
      expect(precision(r)).toBeGreaterThanOrEqual(floor.precision);
      expect(recall(r)).toBeGreaterThanOrEqual(floor.recall);
    });
  }

  it('no sentence is in two sets', () => {
    const seen = new Map<string, string>();
    const repeated: string[] = [];
    for (const file of Object.keys(FLOORS))
      for (const s of load(file)) {
        const other = seen.get(s.text);
        if (other) repeated.push(`${other} and ${file}: ${s.text}`);
        seen.set(s.text, file);
      }
    expect(repeated).toEqual([]);
  });
});
