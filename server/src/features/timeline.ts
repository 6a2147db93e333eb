// Timeline editor features over the engine model (no engine changes):
//   timelineInlayHints  `+12m` / `+1h05m` / `+1d 02:10` after each entry's timestamp (elapsed since the first timed
//                       entry of its timeline)
//   timelineHover       on a timestamp: the parsed date/time and zone, elapsed since start and since the previous
//                       entry; on a Timeline heading: the incident metrics
//   metricsCodeLenses   one lens per metric (TTD/TTA/TTM/TTR) on the heading of the main timeline, each revealing
//                       the entry it came from (command REVEAL_LINE_COMMAND), or "not found" with no command
// Callers decide whether the document is a postmortem; these functions only read the model.
import { InlayHintKind, MarkupKind, type CodeLens, type Hover, type InlayHint, type Range } from 'vscode-languageserver';
import type { PostmortemModel, TimelineEntry } from '../engine/model';
import { asParsed } from '../engine/timeline';
import { computeMetrics, type IncidentMetrics, type Metric, type MetricKind } from '../engine/metrics';
import { formatElapsed, zoneOffsetMinutes } from '../engine/datetime';
import { lineOf, positionAt } from '../engine/text';
import { toRange } from '../convert';

/** Client command a metrics CodeLens runs: arguments `[uri: string, line: number]` (0-based line). */
export const REVEAL_LINE_COMMAND = 'postmortemLint.revealLine';

const SHORT: Record<MetricKind, string> = { detect: 'TTD', acknowledge: 'TTA', mitigate: 'TTM', resolve: 'TTR' };

/** An entry that can be placed on the clock: a time of day that is not a placeholder. */
function timed(e: TimelineEntry): boolean {
  const p = asParsed(e);
  return !e.placeholder && e.time !== undefined && p.localMinutes !== undefined;
}

/**
 * Minutes from `a` to `b`: UTC minutes when both are anchored to a date, else wall-clock minutes when both are in
 * the same (or no) zone, else converted through known zone offsets. Undefined when the two cannot be compared.
 */
export function minutesBetween(a: TimelineEntry, b: TimelineEntry): number | undefined {
  if (a.minutes !== undefined && b.minutes !== undefined) return b.minutes - a.minutes;
  const la = asParsed(a).localMinutes;
  const lb = asParsed(b).localMinutes;
  if (la === undefined || lb === undefined) return undefined;
  if (a.zone === b.zone) return lb - la;
  const oa = zoneOffsetMinutes(a.zone);
  const ob = zoneOffsetMinutes(b.zone);
  if (oa === undefined || ob === undefined) return undefined;
  return lb - ob - (la - oa);
}

interface Placed {
  entry: TimelineEntry;
  start?: TimelineEntry;
  previous?: TimelineEntry;
  sinceStart?: number;
  sincePrevious?: number;
}

/** Each entry with the first timed entry of its timeline and the timed entry before it. */
function place(model: PostmortemModel): Placed[] {
  const firstOf = new Map<number, TimelineEntry>();
  const lastOf = new Map<number, TimelineEntry>();
  const out: Placed[] = [];
  for (const e of model.timeline) {
    const p: Placed = { entry: e };
    if (timed(e)) {
      const start = firstOf.get(e.timeline);
      const prev = lastOf.get(e.timeline);
      if (start && start !== e) {
        p.start = start;
        const d = minutesBetween(start, e);
        if (d !== undefined) p.sinceStart = d;
      }
      if (prev) {
        p.previous = prev;
        const d = minutesBetween(prev, e);
        if (d !== undefined) p.sincePrevious = d;
      }
      if (!start) firstOf.set(e.timeline, e);
      lastOf.set(e.timeline, e);
    }
    out.push(p);
  }
  return out;
}

function elapsedLabel(minutes: number, approximate: boolean | undefined): string {
  return `${approximate ? '~' : ''}${formatElapsed(minutes)}`;
}

/** Inlay hints after the timestamp of every timed entry but the first of each timeline (optionally within `range`). */
export function timelineInlayHints(model: PostmortemModel, range?: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const p of place(model)) {
    if (p.sinceStart === undefined || !p.start) continue;
    const pos = positionAt(model.lineStarts, p.entry.timestamp.end);
    if (range && (pos.line < range.start.line || pos.line > range.end.line)) continue;
    hints.push({
      position: pos,
      label: elapsedLabel(p.sinceStart, p.entry.approximate),
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
      tooltip: `Elapsed since the first entry of this timeline (${p.start.raw}, line ${lineOf(model.lineStarts, p.start.timestamp.start) + 1})${p.entry.approximate ? '; this time is approximate' : ''}`,
    });
  }
  return hints;
}

const ZONE_SOURCE: Record<string, string> = {
  heading: 'the timeline heading',
  sentence: 'a sentence above the entries',
  'table-header': 'the table header',
  preamble: 'the document preamble',
  'day-heading': 'the day heading',
};

function describeEntry(model: PostmortemModel, p: Placed): string {
  const e = p.entry;
  const ap = asParsed(e);
  const lines: string[] = [];
  const when = [e.date, e.time].filter(Boolean).join(' ') + (e.date || ap.dateOnly ? '' : ' (no date given)');
  let zone: string;
  if (!e.zone) zone = 'no zone given';
  else if (ap.zoneExplicit) zone = e.zone;
  else zone = `${e.zone} (declared in ${ZONE_SOURCE[ap.zoneSource ?? ''] ?? 'the document'})`;
  if (e.placeholder) lines.push('Placeholder: no time given yet.');
  else lines.push(`**Parsed:** ${when || 'no date or time'} · ${zone}`);
  const notes: string[] = [];
  if (e.approximate) notes.push('approximate');
  if (e.isRange) notes.push('a range; elapsed counts from its start');
  if (ap.inferredDate && e.date) notes.push(ap.parsed.date ? 'year inferred' : 'date from the running day context');
  if (e.notes?.includes('rollover')) notes.push('next day (crossed midnight)');
  if (ap.meridiemInferred) notes.push('am/pm inferred from the entries around it');
  if (ap.pmOn24h) notes.push('24-hour time with a PM suffix; the suffix was ignored');
  if (e.confidence !== 'high') notes.push(`${e.confidence} confidence`);
  if (notes.length) lines.push(`*${notes.join('; ')}*`);
  const at = (x: TimelineEntry) => `${x.raw}, line ${lineOf(model.lineStarts, x.timestamp.start) + 1}`;
  if (!timed(e)) return lines.join('\n\n');
  if (!p.start) lines.push('Start of this timeline.');
  else if (p.sinceStart !== undefined) lines.push(`**Since start:** ${elapsedLabel(p.sinceStart, e.approximate)} (${at(p.start)})`);
  else lines.push(`**Since start:** not comparable (different zones, ${at(p.start)})`);
  if (p.previous && p.previous !== p.start) {
    if (p.sincePrevious !== undefined) lines.push(`**Since previous entry:** ${elapsedLabel(p.sincePrevious, e.approximate)} (${at(p.previous)})`);
    else lines.push(`**Since previous entry:** not comparable (different zones, ${at(p.previous)})`);
  }
  return lines.join('\n\n');
}

function metricValue(m: Metric): string {
  return m.minutes !== undefined ? formatElapsed(m.minutes).replace(/^\+/, '') : 'not found';
}

/** The metrics of the main timeline (the one holding the most entries), with the section index of its heading. */
export function mainTimelineMetrics(model: PostmortemModel): { metrics: IncidentMetrics; section: number } | undefined {
  if (!model.timeline.length) return undefined;
  // Same choice as computeMetrics' default: most entries, the earlier timeline on a tie.
  const counts = new Map<number, number>();
  for (const e of model.timeline) counts.set(e.timeline, (counts.get(e.timeline) ?? 0) + 1);
  const timeline = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  const metrics = computeMetrics(model.timeline, timeline);
  const first = model.timeline.find((e) => e.timeline === timeline)!;
  return { metrics, section: first.section };
}

function metricsMarkdown(model: PostmortemModel, metrics: IncidentMetrics): string {
  const rows = metrics.metrics.map((m) => {
    const from = m.entry ? ` — ${m.entry.raw} (line ${lineOf(model.lineStarts, m.entry.timestamp.start) + 1}): ${quote(m.entry.text)}` : '';
    const value = m.minutes !== undefined ? metricValue(m) : `not found (${m.missing})`;
    return `- **${m.label}:** ${value}${from}`;
  });
  const start = metrics.start ? `Measured from the first entry, ${metrics.start.raw} (line ${lineOf(model.lineStarts, metrics.start.timestamp.start) + 1}).` : 'No timed entry to measure from.';
  return `**Incident metrics**\n\n${rows.join('\n')}\n\n${start}`;
}

function quote(s: string): string {
  const t = s.length > 80 ? `${s.slice(0, 77)}…` : s;
  return `“${t.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`)}”`;
}

/** Hover on a timestamp (entry facts) or on the main Timeline heading (metrics); null elsewhere. */
export function timelineHover(model: PostmortemModel, offset: number): Hover | null {
  for (const p of place(model)) {
    const ts = p.entry.timestamp;
    if (offset >= ts.start && offset <= ts.end) {
      return { contents: { kind: MarkupKind.Markdown, value: `**Timeline entry** \`${p.entry.raw.replace(/`/g, "'")}\`\n\n${describeEntry(model, p)}` }, range: toRange(model.lineStarts, ts.start, ts.end) };
    }
  }
  const main = mainTimelineMetrics(model);
  if (main) {
    const heading = model.sections[main.section]?.heading;
    if (heading && offset >= heading.start && offset <= heading.end) {
      return { contents: { kind: MarkupKind.Markdown, value: metricsMarkdown(model, main.metrics) }, range: toRange(model.lineStarts, heading.start, heading.end) };
    }
  }
  return null;
}

/** One CodeLens per metric on the main Timeline heading: `TTD 7m` revealing its entry, or `TTR not found`. */
export function metricsCodeLenses(model: PostmortemModel, uri: string): CodeLens[] {
  const main = mainTimelineMetrics(model);
  if (!main) return [];
  const heading = model.sections[main.section]?.heading;
  if (!heading) return [];
  const range = toRange(model.lineStarts, heading.start, heading.end);
  return main.metrics.metrics.map((m) => {
    const title = `${SHORT[m.kind]} ${m.minutes === undefined && m.entry ? 'no time' : metricValue(m)}`;
    if (!m.entry) return { range, command: { title, command: '' } };
    const line = lineOf(model.lineStarts, m.entry.timestamp.start);
    return { range, command: { title, command: REVEAL_LINE_COMMAND, arguments: [uri, line] } };
  });
}

/** Join two optional hovers (finding first). */
export function joinHovers(a: Hover | null, b: Hover | null): Hover | null {
  if (!a || !b) return a ?? b;
  const text = (h: Hover): string => {
    const c = h.contents;
    if (typeof c === 'string') return c;
    if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n\n');
    return c.value;
  };
  return { contents: { kind: MarkupKind.Markdown, value: `${text(a)}\n\n---\n\n${text(b)}` }, ...(a.range ? { range: a.range } : b.range ? { range: b.range } : {}) };
}
