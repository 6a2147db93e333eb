// Timeline editor features over the engine model (no engine changes):
//   timelineInlayHints  `+12m` / `+1h05m` / `+1d 02:10` after each entry's timestamp (elapsed since the first timed
//                       entry of its timeline; when the timeline opens with lead-up history, entries each more than a
//                       day before the next, since the first entry after it, i.e. the first entry of the incident day)
//   timelineHover       on a timestamp: the parsed date/time and zone, elapsed since start and since the previous
//                       entry; on a Timeline heading: the incident metrics
//   metricsCodeLenses   one lens per metric (TTD/TTA/TTM/TTR) on the heading of the main timeline, each revealing
//                       the entry it came from (command COMMANDS.revealLine), or "not found" with no command
// Callers decide whether the document is a postmortem; these functions only read the model.
import { InlayHintKind, MarkupKind, type CodeLens, type Hover, type InlayHint, type Range } from 'vscode-languageserver';
import {
  type PostmortemModel,
  type TimelineEntry,
  type TimelineZoneSource,
  isTimed,
  leadUpEntries,
  mainTimelineMetrics,
  minutesBetween,
  type IncidentMetrics,
  type Metric,
  type MetricKind,
  formatElapsed,
  lineOf,
  positionAt,
  decisionPoints,
  type DecisionPoint,
  type LintResult,
} from '../../engine/index';
import { COMMANDS } from '../../protocol';
import { toRange } from '../ranges';

const SHORT: Record<MetricKind, string> = { detect: 'TTD', acknowledge: 'TTA', mitigate: 'TTM', resolve: 'TTR' };

export { minutesBetween };

interface Placed {
  entry: TimelineEntry;
  /** The entry elapsed times count from: the first timed entry of the timeline after its lead-up. */
  start?: TimelineEntry;
  /** This entry is lead-up history (no elapsed time). */
  leadUp?: boolean;
  /** The base skips lead-up entries (the hover says so). */
  skipped?: number;
  previous?: TimelineEntry;
  sinceStart?: number;
  sincePrevious?: number;
}

/** Each entry with the base of its timeline (first timed entry after the lead-up) and the timed entry before it. */
function place(model: PostmortemModel): Placed[] {
  const leadUp = new Set<TimelineEntry>();
  const skipped = new Map<number, number>();
  for (const t of new Set(model.timeline.map((e) => e.timeline))) {
    const l = leadUpEntries(model.timeline.filter((e) => e.timeline === t));
    for (const e of l) leadUp.add(e);
    skipped.set(t, l.length);
  }
  const firstOf = new Map<number, TimelineEntry>();
  const lastOf = new Map<number, TimelineEntry>();
  const out: Placed[] = [];
  for (const e of model.timeline) {
    const p: Placed = { entry: e };
    if (isTimed(e)) {
      const start = firstOf.get(e.timeline);
      const prev = lastOf.get(e.timeline);
      if (leadUp.has(e)) p.leadUp = true;
      else if (skipped.get(e.timeline)) p.skipped = skipped.get(e.timeline)!;
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
      if (!start && !p.leadUp) firstOf.set(e.timeline, e);
      lastOf.set(e.timeline, e);
    }
    out.push(p);
  }
  return out;
}

function leadUpPhrase(n: number): string {
  return n === 1
    ? 'the lead-up entry above it (more than a day before the next entry) is'
    : `the ${n} lead-up entries above it (each more than a day before the next) are`;
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
      tooltip: `${p.skipped ? `Elapsed since the first entry of the incident day (${p.start.raw}, line ${lineOf(model.lineStarts, p.start.timestamp.start) + 1}); ${leadUpPhrase(p.skipped)} not counted` : `Elapsed since the first entry of this timeline (${p.start.raw}, line ${lineOf(model.lineStarts, p.start.timestamp.start) + 1})`}${p.entry.approximate ? '; this time is approximate' : ''}`,
    });
  }
  return hints;
}

const ZONE_SOURCE: Record<TimelineZoneSource, string> = {
  heading: 'the timeline heading',
  sentence: 'a sentence above the entries',
  'table-header': 'the table header',
  preamble: 'the document preamble',
  'day-heading': 'the day heading',
};

function describeEntry(model: PostmortemModel, p: Placed): string {
  const e = p.entry;
  const lines: string[] = [];
  const when = [e.date, e.time].filter(Boolean).join(' ') + (e.date || e.dateOnly ? '' : ' (no date given)');
  let zone: string;
  if (!e.zone) zone = 'no zone given';
  else if (e.zoneExplicit) zone = e.zone;
  else zone = `${e.zone} (declared in ${e.zoneSource ? ZONE_SOURCE[e.zoneSource] : 'the document'})`;
  if (e.placeholder) lines.push('Placeholder: no time given yet.');
  else lines.push(`**Parsed:** ${when || 'no date or time'} · ${zone}`);
  const notes: string[] = [];
  if (e.approximate) notes.push('approximate');
  if (e.isRange) notes.push('a range; elapsed counts from its start');
  if (e.inferredDate && e.date) notes.push(e.parsed.date ? 'year inferred' : 'date from the running day context');
  if (e.rollover) notes.push('next day (crossed midnight)');
  if (e.meridiemInferred) notes.push('am/pm inferred from the entries around it');
  if (e.pmOn24h) notes.push('24-hour time with a PM suffix; the suffix was ignored');
  if (e.confidence !== 'high') notes.push(`${e.confidence} confidence`);
  if (notes.length) lines.push(`*${notes.join('; ')}*`);
  const at = (x: TimelineEntry) => `${x.raw}, line ${lineOf(model.lineStarts, x.timestamp.start) + 1}`;
  if (!isTimed(e)) return lines.join('\n\n');
  const label = p.skipped ? 'Since the first entry of the incident day' : 'Since first entry';
  if (p.leadUp) lines.push('Lead-up: more than a day before the next entry, so elapsed times in this timeline do not count from here.');
  else if (!p.start)
    lines.push(
      p.skipped
        ? `Start of this timeline's elapsed times: the first entry of the incident day; ${leadUpPhrase(p.skipped)} not counted.`
        : 'Start of this timeline.',
    );
  else if (p.sinceStart !== undefined) lines.push(`**${label}:** ${elapsedLabel(p.sinceStart, e.approximate)} (${at(p.start)})`);
  else lines.push(`**${label}:** not comparable (different zones, ${at(p.start)})`);
  if (p.previous && p.previous !== p.start) {
    if (p.sincePrevious !== undefined)
      lines.push(`**Since previous entry:** ${elapsedLabel(p.sincePrevious, e.approximate)} (${at(p.previous)})`);
    else lines.push(`**Since previous entry:** not comparable (different zones, ${at(p.previous)})`);
  }
  return lines.join('\n\n');
}

function metricValue(m: Metric): string {
  if (m.minutes !== undefined) return formatElapsed(m.minutes).replace(/^\+/, '');
  return m.missing?.startsWith('not derivable') ? 'not derivable' : 'not found';
}

function metricsMarkdown(model: PostmortemModel, metrics: IncidentMetrics): string {
  const rows = metrics.metrics.map((m) => {
    const from = m.entry ? ` — ${m.entry.raw} (line ${lineOf(model.lineStarts, m.entry.timestamp.start) + 1}): ${quote(m.entry.text)}` : '';
    const value =
      m.minutes !== undefined ? metricValue(m) : m.missing?.startsWith('not derivable') ? escape(m.missing) : `not found (${m.missing})`;
    return `- **${m.label}:** ${value}${from}`;
  });
  const start = metrics.start
    ? `Measured from the incident start, line ${lineOf(model.lineStarts, metrics.start.timestamp.start) + 1}: ${escape(metrics.startNote)}.`
    : `No incident start to measure from: ${escape(metrics.startNote)}.`;
  const lead = metrics.leadUp.length
    ? ` Lead-up not counted: ${metrics.leadUp.map((e) => `${escape(e.raw)} (line ${lineOf(model.lineStarts, e.timestamp.start) + 1})`).join(', ')}.`
    : '';
  return `**Incident metrics**\n\n${rows.join('\n')}\n\n${start}${lead}`;
}

function escape(s: string): string {
  return s.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}

function quote(s: string): string {
  return `“${escape(s.length > 80 ? `${s.slice(0, 77)}…` : s)}”`;
}

/** Hover on a timestamp (entry facts) or on the main Timeline heading (metrics); null elsewhere. */
export function timelineHover(model: PostmortemModel, offset: number): Hover | null {
  for (const p of place(model)) {
    const ts = p.entry.timestamp;
    if (offset >= ts.start && offset <= ts.end) {
      return {
        contents: {
          kind: MarkupKind.Markdown,
          value: `**Timeline entry** \`${p.entry.raw.replace(/`/g, "'")}\`\n\n${describeEntry(model, p)}`,
        },
        range: toRange(model.lineStarts, ts.start, ts.end),
      };
    }
  }
  const main = mainTimelineMetrics(model);
  if (main) {
    const heading = model.sections[main.section]?.heading;
    if (heading && offset >= heading.start && offset <= heading.end) {
      return {
        contents: { kind: MarkupKind.Markdown, value: metricsMarkdown(model, main.metrics) },
        range: toRange(model.lineStarts, heading.start, heading.end),
      };
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
    const title = `${SHORT[m.kind]} ${metricValue(m)}`;
    if (!m.entry) return { range, command: { title, command: '' } };
    const line = lineOf(model.lineStarts, m.entry.timestamp.start);
    return { range, command: { title, command: COMMANDS.revealLine, arguments: [uri, line] } };
  });
}

/**
 * "Decisions explained: 3 of 7" on the heading of each timeline section holding decision points (issue 18); the
 * command moves to the first unexplained one. None when the decision-context rule is off.
 */
export function decisionCodeLenses(result: LintResult, uri: string): CodeLens[] {
  if (result.config.rules['decision-context']?.severity === 'off') return [];
  const { model } = result;
  const bySection = new Map<number, DecisionPoint[]>();
  for (const d of decisionPoints(model)) {
    const list = bySection.get(d.entry.section);
    if (list) list.push(d);
    else bySection.set(d.entry.section, [d]);
  }
  const lenses: CodeLens[] = [];
  for (const [index, ds] of bySection) {
    const heading = model.sections[index]?.heading;
    if (!heading) continue;
    const range = toRange(model.lineStarts, heading.start, heading.end);
    const title = `Decisions explained: ${ds.filter((d) => d.explained).length} of ${ds.length}`;
    const next = ds.find((d) => !d.explained);
    lenses.push({
      range,
      command: next
        ? { title, command: COMMANDS.revealLine, arguments: [uri, lineOf(model.lineStarts, next.verb.start)] }
        : { title, command: '' },
    });
  }
  return lenses;
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
  return {
    contents: { kind: MarkupKind.Markdown, value: `${text(a)}\n\n---\n\n${text(b)}` },
    ...(a.range ? { range: a.range } : b.range ? { range: b.range } : {}),
  };
}
