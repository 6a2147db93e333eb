// Applying edits and safe fixes: deterministic, overlap-free, never losing text outside the edits.
import type { Finding, TextEdit } from './types';

/**
 * Apply edits: sorted by start (stable for equal starts, so inserts keep their order); an edit that
 * overlaps one already applied is skipped whole. Deterministic and loses no text outside the edits.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: TextEdit[]; skipped: TextEdit[] } {
  const indexed = edits.map((e, i) => ({ e, i }));
  indexed.sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  let out = '';
  let cursor = 0;
  for (const { e } of indexed) {
    const valid = e.start >= 0 && e.end >= e.start && e.end <= text.length;
    // an edit starting inside text an earlier edit replaced overlaps it; touching (start === cursor) is fine
    if (!valid || e.start < cursor) {
      skipped.push(e);
      continue;
    }
    out += text.slice(cursor, e.start) + e.text;
    cursor = e.end;
    applied.push(e);
  }
  out += text.slice(cursor);
  return { text: out, applied, skipped };
}

/**
 * The edits of every safe `fix` (suggestions never), in finding order. A fix whose edits overlap an
 * earlier fix's is left out whole, so each fix is applied entirely or not at all (fix-all, --fix).
 */
export function collectFixEdits(findings: readonly Finding[]): TextEdit[] {
  const taken: TextEdit[] = [];
  const overlaps = (a: TextEdit, b: TextEdit) => a.start < b.end && b.start < a.end && !(a.start === a.end && b.start === b.end);
  const inside = (insert: TextEdit, t: TextEdit) => insert.start === insert.end && t.start < insert.start && insert.start < t.end;
  for (const f of findings) {
    if (!f.fix) continue;
    const edits = f.fix.edits;
    if (edits.some((e) => taken.some((t) => overlaps(e, t) || inside(e, t) || inside(t, e)))) continue;
    taken.push(...edits);
  }
  return taken;
}

/** Apply every finding's safe `fix` (see collectFixEdits). */
export function applyFixes(text: string, findings: readonly Finding[]): string {
  return applyEdits(text, collectFixEdits(findings)).text;
}
