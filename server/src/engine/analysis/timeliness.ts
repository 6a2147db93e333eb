// When the incident happened and when its postmortem was written, as the document itself states them: the dates
// review-timeliness compares and `postmortem-lint report` counts. PURE.
import type { PostmortemModel } from '../model/model';
import { isoDate, parseDate } from '../text/datetime';

export interface PostmortemDates {
  /** The incident's last known day (the end of a date range, or a later dated timeline entry, up to `written`). */
  incident?: string;
  /** When the postmortem was written, reviewed or published (the `written` metadata field and its synonyms). */
  written?: string;
  /** The incident's first day: the metadata date (the start of a range), else the earliest dated timeline entry. */
  incidentStart?: string;
}

/**
 * The incident and writing dates a document states. The incident day used against `written` is the last one known on
 * or before it, so follow-up entries written after the incident never make it look late.
 */
export function postmortemDates(model: PostmortemModel): PostmortemDates {
  const out: PostmortemDates = {};
  const dateValue = model.metadata.fields['date']?.value ?? '';
  const timelineDays = model.timeline.map((e) => e.date).filter((d): d is string => !!d);
  const start = fullDate(dateValue) ?? timelineDays.reduce<string | undefined>((a, b) => (a === undefined || b < a ? b : a), undefined);
  if (start) out.incidentStart = start;
  const written = model.metadata.fields['written'];
  const writtenOn = written && fullDate(written.value);
  if (!writtenOn) return out;
  out.written = writtenOn;
  const incident = lastDayBy([fullDate(dateValue, true), ...timelineDays], writtenOn);
  if (incident) out.incident = incident;
  return out;
}

/** The latest of the incident's known days (ISO) on or before `by`: a multi-day incident counts from its end. */
export function lastDayBy(days: readonly (string | undefined)[], by: string): string | undefined {
  let last: string | undefined;
  for (const d of days) if (d && d <= by && (last === undefined || d > last)) last = d;
  return last;
}

/** An ISO date from a field value with a full date (year, month and day); with `last`, the end of a range. */
export function fullDate(value: string, last = false): string | undefined {
  const first = parseDate(value);
  if (!first || first.weak || first.year === undefined) return undefined;
  let best = isoDate(first.year, first.month, first.day);
  if (!last) return best;
  // "January 14-19, 2026", "2026-01-14 to 2026-01-16": the last date written
  const range = /\b(\d{1,2})\s*[-–]\s*(\d{1,2}),?\s+(\d{4})\b/.exec(value);
  if (range && Number(range[3]) === first.year) best = isoDate(first.year, first.month, Number(range[2]));
  for (const m of value.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) {
    const iso = `${m[1]}-${m[2]}-${m[3]}`;
    if (iso > best) best = iso;
  }
  return best;
}
