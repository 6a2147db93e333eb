// timeline-order: an entry that is genuinely out of order (not a midnight rollover, a lead-up, a range or a recap).
// Quiet on: midnight roll-over without a date (a), dates given only when they change (b), lead-up history (d),
// restarted timelines (e), zone switches (f), equal times, ranges, approximations and placeholders (g), and timelines
// written newest first throughout (a status page's updates).
import type { Rule } from '../types';
import type { TimelineEntry } from '../model/model';
import { groupByTimeline } from '../model/timeline';
import { detectEol, lineOf } from '../text/text';
import { fromDayNumber, isoDate } from '../text/datetime';

function comparable(e: TimelineEntry): boolean {
  return !e.placeholder && !e.approximate && e.localMinutes !== undefined;
}

/** UTC minutes when known, else wall-clock minutes in the entry's zone. */
function orderKey(e: TimelineEntry): number {
  return e.minutes ?? e.localMinutes!;
}

function effectiveZone(e: TimelineEntry): string | undefined {
  return e.zone;
}

/**
 * `first(key, above)`: the first comparable entry of `list` whose `key` is greater than `above` (list.find), by binary
 * search over running maxima built once per key, so a timeline with many breaks is not scanned once per break.
 */
function firstAbove(list: TimelineEntry[]): (key: (e: TimelineEntry) => number, above: number) => TimelineEntry | undefined {
  const maxima = new Map<(e: TimelineEntry) => number, number[]>();
  return (key, above) => {
    let max = maxima.get(key);
    if (!max) {
      max = [];
      let m = -Infinity;
      for (const x of list) {
        const k = comparable(x) ? key(x) : -Infinity;
        if (k > m) m = k; // (a NaN key is never above anything, as in list.find)
        max.push(m);
      }
      maxima.set(key, max);
    }
    // the running maximum first exceeds `above` at an entry that is itself above it
    let lo = 0;
    let hi = max.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (max[mid]! > above) hi = mid;
      else lo = mid + 1;
    }
    return list[lo];
  };
}

/** Day number of an entry's wall-clock time. */
function day(e: TimelineEntry): number {
  return Math.floor(e.localMinutes! / 1440);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** UTC minutes since the epoch as `15:40 UTC`, or `2024-03-12 23:50 UTC` with the date. */
function utcText(minutes: number, withDate: boolean): string {
  const d = Math.floor(minutes / 1440);
  const m = minutes - d * 1440;
  const { year, month, day: dd } = fromDayNumber(d);
  return `${withDate ? `${isoDate(year, month, dd)} ` : ''}${pad(Math.floor(m / 60))}:${pad(m % 60)} UTC`;
}

/**
 * How the message names an entry: as written, and for entries in different zones also converted to UTC, so the
 * reason is visible (`16:40 CET = 15:40 UTC`). A zone declared elsewhere (the heading) is named after the time.
 */
function entryText(e: TimelineEntry, other: TimelineEntry, zonesDiffer: boolean): string {
  if (!zonesDiffer || e.minutes === undefined || other.minutes === undefined) return e.raw;
  const written = e.zoneExplicit || !e.zone ? e.raw : `${e.raw} ${e.zone}`;
  if (e.zone && /^(?:UTC|GMT|Z)$/i.test(e.zone) && !e.zoneAssumedUtc) return written;
  const withDate = Math.floor(e.minutes / 1440) !== Math.floor(other.minutes / 1440);
  return `${written} = ${utcText(e.minutes, withDate)}`;
}

function lineBounds(text: string, lineStarts: number[], span: { start: number; end: number }): { start: number; end: number } {
  const start = lineStarts[lineOf(lineStarts, span.start)]!;
  const lastLine = lineOf(lineStarts, Math.max(span.start, span.end - 1));
  const end = lastLine + 1 < lineStarts.length ? lineStarts[lastLine + 1]! : text.length;
  return { start, end };
}

/**
 * A timeline written newest first, as a status page posts its updates: three or more comparable entries, each at or
 * before the one above it, at least two strictly. Its order is the writer's choice, not a misplaced entry.
 */
function newestFirst(list: TimelineEntry[]): boolean {
  const keys = list.filter(comparable).map(orderKey);
  if (keys.length < 3) return false;
  let strict = 0;
  for (let i = 1; i < keys.length; i++) {
    if (keys[i]! > keys[i - 1]!) return false;
    if (keys[i]! < keys[i - 1]!) strict++;
  }
  return strict >= 2;
}

export const rule: Rule = {
  meta: {
    id: 'timeline-order',
    description: 'Timeline entries should be in chronological order.',
    category: 'timeline',
    defaultSeverity: 'warning',
    rationale:
      'A reader rebuilds the incident from the timeline; an entry out of place (added later, or a typo in the time or date) misleads them. Roll-overs, restarts, zone switches and approximate times are not flagged.',
  },
  check(ctx) {
    const { model, text } = ctx;
    for (const list of groupByTimeline(model.timeline)) {
      if (newestFirst(list)) continue;
      const first = firstAbove(list);
      let prev: TimelineEntry | undefined;
      for (const e of list) {
        if (!comparable(e)) continue;
        if (!prev) {
          prev = e;
          continue;
        }
        const pz = effectiveZone(prev);
        const ez = effectiveZone(e);
        if (pz !== ez && (e.minutes === undefined || prev.minutes === undefined)) {
          // (f) a zone switch we cannot convert: start comparing afresh
          prev = e;
          continue;
        }
        const dayOnly = e.dateOnly || prev.dateOnly;
        const a = orderKey(prev);
        const b = orderKey(e);
        const backwards = dayOnly ? day(e) < day(prev) : b < a;
        if (!backwards) {
          prev = e;
          continue;
        }
        // Chronological place: before the first comparable entry of this timeline that is later than `e`.
        const target = dayOnly ? first(day, day(e)) : first(orderKey, b);
        const suggestions = [];
        if (target && target.span.start < e.span.start) {
          const moved = lineBounds(text, model.lineStarts, e.span);
          const at = lineBounds(text, model.lineStarts, target.span).start;
          let block = text.slice(moved.start, moved.end);
          if (!/\n$/.test(block)) block += detectEol(text);
          suggestions.push({
            title: `Move the ${e.raw} entry before ${target.raw}`,
            edits: [
              { start: at, end: at, text: block },
              { start: moved.start, end: moved.end, text: '' },
            ],
          });
        }
        const zonesDiffer = pz !== ez;
        ctx.report({
          start: e.timestamp.start,
          end: e.timestamp.end,
          message: `Timeline entry ${entryText(e, prev, zonesDiffer)} is earlier than the entry above it (${entryText(prev, e, zonesDiffer)}). If it was added later or has a typo, move or correct it.`,
          related: [{ start: prev.timestamp.start, end: prev.timestamp.end, message: `Later entry ${prev.raw} comes first` }],
          ...(suggestions.length ? { suggestions } : {}),
          data: { previous: prev.raw },
        });
        // Continue from the flagged entry: one finding per break in the order, not one per entry after it.
        prev = e;
      }
    }
  },
};
