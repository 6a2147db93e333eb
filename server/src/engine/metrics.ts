// Incident metrics derived from the timeline: time to detect, acknowledge, mitigate and resolve, each linked
// to the entry it came from. When no entry describes a moment, the metric says "not found" (never a guess).
// PURE: no node or vscode imports.
import type { TimelineEntry } from './model';
import { asParsed } from './timeline';
import { formatElapsed } from './datetime';

export type MetricKind = 'detect' | 'acknowledge' | 'mitigate' | 'resolve';

export interface Metric {
  kind: MetricKind;
  label: string;
  /** Minutes from the timeline's first timed entry; undefined when not found or not computable. */
  minutes?: number;
  /** The entry the moment came from. */
  entry?: TimelineEntry;
  /** Why there is no value. */
  missing?: string;
}

export interface IncidentMetrics {
  start?: TimelineEntry;
  metrics: Metric[];
}

/** Phrases that mark each moment (checked against the entry description, case-insensitive). Examples in comments. */
export const MOMENT_PATTERNS: Record<MetricKind, RegExp> = {
  // "First alert fires", "Automated monitoring detects increased error rates", "first noticed", "customer reached out"
  detect: /\b(?:alerts?\b.{0,30}\b(?:fire[sd]?|firing|triggered)|first alert|alerted|detect(?:s|ed)\b|(?:first )?notic(?:e[sd]?|ing)\b|(?:is |was |first )?reported\b|reports? (?:on|of|that)\b|reached out|ticket .{0,40}\bopened|received (?:a lot of )?alerts)/i,
  // "Engineers acknowledge the alert", "oncall first pinged", "Incident declared", "begins looking"
  acknowledge: /\b(?:acknowledg(?:e[sd]?|ing)|ack(?:ed|'d)\b|paged\b|pinged\b|incident (?:was )?declared|declared (?:an )?incident|begins? (?:looking|investigat)|starts? (?:looking|investigat)|on-?call (?:responds|joins|receives))/i,
  // "Reverts deployed, issue mitigated", "Rollback completed", "errors mostly subsided"
  mitigate: /\b(?:mitigat(?:ed|es|ion)|rolled back|rollback (?:completed|succeeded)|revert(?:s|ed)? (?:deployed|merged|completed)|manually rolls back|workaround|subsid(?:ed|es)|partial recovery|stop(?:s|ped) the bleeding)/i,
  // "Service fully restored", "Incident resolved", "All systems verified operational", "**Outage ends.**", "all clear"
  resolve: /\b(?:resolved|resolution is confirmed|all[- ]clear|fully (?:restored|recovered|operational)|service (?:restored|recovered)|outage ends|issue resolved|incident (?:closed|resolved)|verified operational|back to normal|once again merging|confirmed to be functional)/i,
};

const LABELS: Record<MetricKind, string> = {
  detect: 'Time to detect',
  acknowledge: 'Time to acknowledge',
  mitigate: 'Time to mitigate',
  resolve: 'Time to resolve',
};

function key(e: TimelineEntry): number | undefined {
  const p = asParsed(e);
  if (p.placeholder) return undefined;
  return e.minutes ?? p.localMinutes;
}

/** Metrics for one timeline (default: the timeline holding the most entries). */
export function computeMetrics(entries: TimelineEntry[], timeline?: number): IncidentMetrics {
  if (entries.length === 0) {
    return { metrics: (Object.keys(LABELS) as MetricKind[]).map((k) => ({ kind: k, label: LABELS[k], missing: 'no timeline entries' })) };
  }
  if (timeline === undefined) {
    const counts = new Map<number, number>();
    for (const e of entries) counts.set(e.timeline, (counts.get(e.timeline) ?? 0) + 1);
    timeline = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  }
  const list = entries.filter((e) => e.timeline === timeline);
  const start = list.find((e) => key(e) !== undefined);
  const metrics: Metric[] = [];
  for (const kind of Object.keys(LABELS) as MetricKind[]) {
    const m: Metric = { kind, label: LABELS[kind] };
    const hit = list.find((e) => MOMENT_PATTERNS[kind].test(e.text));
    if (!hit) m.missing = 'no entry describes this moment';
    else {
      m.entry = hit;
      const a = start ? key(start) : undefined;
      const b = key(hit);
      if (a === undefined || b === undefined) m.missing = 'the entry has no readable time';
      else m.minutes = b - a;
    }
    metrics.push(m);
  }
  const out: IncidentMetrics = { metrics };
  if (start) out.start = start;
  return out;
}

/** One line per metric: `Time to detect: +12m (L14 "First alert fires")` or `Time to detect: not found`. */
export function formatMetric(m: Metric): string {
  if (m.minutes !== undefined) return `${m.label}: ${formatElapsed(m.minutes)}`;
  return `${m.label}: not found (${m.missing})`;
}
