// Model fixtures: what the model should read from a document, stated inside it in one block at its end.
//
//   <!-- model
//   detected: yes                                   (the document is, or is not, detected as a postmortem)
//   sections: L3 timeline, L9 action-items+lessons-learned
//   entries: L5 14:02, L6 2023-01-04 14:02, L7
//   items: L12 owner=QA due=2023-03-03, L13 owner=none, L14
//   -->
//
// A measure that is listed is compared exactly: the lines (1-based, where the section label, entry or item
// starts) are the whole set, so every other line is a negative example. `sections` lists the canonical kinds
// (`other` sections are not compared), several kinds joined by "+". After a line, `HH:MM`, `YYYY-MM-DD` or both
// are the entry's time and date; `owner=` the item's owners joined by "+" (or `none`), `due=` its due value
// (`none` when it has none), `status=` its status (open, done, deferred, wont-do), `reason=yes` or `reason=none`
// whether it has a reason (let-go items). A measure left out is not compared.
import type { ActionItem, PostmortemModel, Section, TimelineEntry } from '../../../server/src/engine/index';
import { lineOf } from '../../../server/src/engine/text/text';

export interface ModelExpectations {
  detected?: boolean;
  sections?: string[];
  entries?: string[];
  items?: string[];
}

const BLOCK = /<!--\s*model\s*\n([\s\S]*?)-->/;

export function readModelExpectations(text: string): ModelExpectations | undefined {
  const m = BLOCK.exec(text);
  if (!m) return undefined;
  const out: ModelExpectations = {};
  for (const raw of m[1]!.split(/\r\n|\n|\r/)) {
    const line = raw.trim();
    if (!line) continue;
    const kv = /^(detected|sections|entries|items)\s*:\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`model fixture: cannot read "${line}"`);
    const [, key, value] = kv as unknown as [string, keyof ModelExpectations, string];
    if (key === 'detected') {
      if (!/^(yes|no)$/.test(value)) throw new Error(`model fixture: detected is yes or no, not "${value}"`);
      out.detected = value === 'yes';
    } else {
      out[key] = value
        .split(',')
        .map((s) => s.trim().replace(/\s+/g, ' '))
        .filter(Boolean)
        .sort(byLine);
    }
  }
  return out;
}

function byLine(a: string, b: string): number {
  return Number(/^L(\d+)/.exec(a)?.[1] ?? 0) - Number(/^L(\d+)/.exec(b)?.[1] ?? 0) || a.localeCompare(b);
}

/** The model as the same strings, with only the attributes the expectation names (so `L5` matches any time). */
export function describeModel(model: PostmortemModel, expected: ModelExpectations): ModelExpectations {
  const line = (offset: number) => lineOf(model.lineStarts, offset) + 1;
  const attrs = (list: string[] | undefined, l: number) => (list ?? []).find((s) => s === `L${l}` || s.startsWith(`L${l} `));
  const out: ModelExpectations = {};
  if (expected.sections) {
    out.sections = model.sections
      .filter((s: Section) => s.kind !== 'other')
      .map((s) => `L${line(s.heading.start)} ${sectionKinds(s).join('+')}`)
      .sort(byLine);
  }
  if (expected.entries) {
    out.entries = model.timeline
      .map((e: TimelineEntry) => {
        const l = line(e.span.start);
        const want = attrs(expected.entries, l);
        const parts = [`L${l}`];
        if (want && /\b\d{4}-\d{2}-\d{2}\b/.test(want)) parts.push(e.date ?? 'no-date');
        if (want && /\b\d{1,2}:\d{2}\b/.test(want)) parts.push(e.time ?? 'no-time');
        return parts.join(' ');
      })
      .sort(byLine);
  }
  if (expected.items) {
    out.items = model.actionItems
      .map((a: ActionItem) => {
        const l = line(a.span.start);
        const want = attrs(expected.items, l) ?? '';
        const parts = [`L${l}`];
        if (/\bowner=/.test(want)) parts.push(`owner=${a.owners.map((o) => o.value).join('+') || 'none'}`);
        if (/\bdue=/.test(want)) parts.push(`due=${a.due?.value ?? 'none'}`);
        if (/\bstatus=/.test(want)) parts.push(`status=${a.status}`);
        if (/\breason=/.test(want)) parts.push(`reason=${a.reason ? 'yes' : 'none'}`);
        return parts.join(' ');
      })
      .sort(byLine);
  }
  return out;
}

/** A section's kinds, sorted (a heading may name two: `Lessons learned and next steps`). */
function sectionKinds(s: Section): string[] {
  return [...s.kinds].sort();
}
