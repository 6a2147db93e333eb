// Incident metrics derived from the timeline: time to detect, acknowledge, mitigate and resolve, each linked
// to the entry it came from and measured from the *incident start* (not simply the first entry). When no entry
// describes a moment the metric says "not found"; when the moments contradict each other (a negative span, a
// detection before the start, times in zones that cannot be compared, a date with no time) it says
// "not derivable" and why. Never a guess.
//
// The incident start, as a careful reader picks it (see chooseStart):
//   1. an entry that says the incident / impact / outage began ("(**outage starts**)", "impact begins");
//   2. else a triggering change (deploy, merge, rollout, upgrade, config push, ...) at most SHORTLY_MINUTES before
//      the first symptom (corpus 08: "SDK version deployed" 4h before support notices);
//   3. else the first timed entry on the day of detection (corpus 19: the config merge 13h before the first
//      user report is history, not the start);
//   4. else (no detection entry) the first timed entry after the lead-up.
// Lead-up: the leading entries each followed by the next one more than a day later (corpus 21: a bug introduced
// in December, a spec update a week before), and date-only rows (corpus 58), are never the start.
//
// PURE: no node or vscode imports.
import type { PostmortemModel, TimelineEntry } from '../model/model';
import { formatElapsed, zoneOffsetMinutes } from '../text/datetime';

export type MetricKind = 'detect' | 'acknowledge' | 'mitigate' | 'resolve';

export interface Metric {
  kind: MetricKind;
  label: string;
  /** Minutes from the incident start; undefined when not found or not derivable. */
  minutes?: number;
  /** The entry the moment came from (also set when the value is not derivable). */
  entry?: TimelineEntry;
  /** Why there is no value: 'no entry describes this moment' or 'not derivable: …'. */
  missing?: string;
}

/** How the incident start was chosen. */
export type StartReason = 'explicit' | 'trigger' | 'detection-day' | 'first-entry';

export interface IncidentMetrics {
  /** The timeline (index) the metrics were computed for. */
  timeline?: number;
  /** The incident start; absent when no timed entry can serve (e.g. a timeline of dates only). */
  start?: TimelineEntry;
  startReason?: StartReason;
  /** One sentence on why `start` was chosen (or why there is none), for hovers and `inspect`. */
  startNote: string;
  /** Leading entries skipped as lead-up history (each more than a day before the next entry). */
  leadUp: TimelineEntry[];
  metrics: Metric[];
}

/** Phrases that mark each moment (checked against the entry description, case-insensitive). Examples in comments. */
export const MOMENT_PATTERNS: Record<MetricKind, RegExp> = {
  // "First alert fires", "Automated monitoring detects increased error rates", "first noticed", "customer reached out",
  // "oncall first pinged", "Automated warning from AWS", "Uptime check on LEAP cluster fails"
  detect:
    /\b(?:alerts?\b.{0,30}\b(?:fire[sd]?|firing|triggered)|first alert|alerted|detect(?:s|ed)\b|(?:first )?notic(?:e[sd]?|ing)\b|(?:is |was |first )?reported\b|reports? (?:on|of|that)\b|reached out|ticket .{0,80}\bopened|received (?:a lot of )?alerts|became aware|paged\b|pinged\b|pages (?:the )?on-?call|automated warning|(?:uptime|health) ?check\b.{0,40}\bfail)/i,
  // "Engineers acknowledge the alert", "Incident declared", "begins looking". A page is the alert reaching someone
  // (detection), not the acknowledgement, so "paged"/"pinged" live in `detect`.
  acknowledge:
    /\b(?:acknowledg(?:e[sd]?|ing)|ack(?:ed|'d)\b|incident (?:was )?declared|declared (?:an )?incident|begins? (?:looking|investigat)|starts? (?:looking|investigat)|on-?call (?:responds|joins|receives))/i,
  // "Reverts deployed, issue mitigated", "Rollback completed", "errors mostly subsided", "successfully restarts the
  // hub", "declares `prod` hub online", "pods brought back online"
  mitigate:
    /\b(?:mitigat(?:ed|es|ion)|rolled back|rollback (?:completed|succeeded)|revert(?:s|ed)? (?:deployed|merged|completed)|manually rolls back|workaround|subsid(?:ed|es)|partial recovery|stop(?:s|ped) the bleeding|successfully (?:restart|redeploy|re-deploy|deploy|roll)\w*|back online|declares?\b.{0,30}\bonline\b|(?:return|restor)\w* .{0,20}working order)/i,
  // "Service fully restored", "Incident resolved", "All systems verified operational", "**Outage ends.**", "all clear"
  resolve:
    /\b(?:resolved|resolution is confirmed|all[- ]clear|fully (?:restored|recovered|operational)|service (?:restored|recovered)|outage ends|issue resolved|incident (?:closed|resolved)|verified operational|back to normal|once again merging|confirmed to be functional)/i,
};

/** An entry saying the incident began: "(**outage starts**)", "Impact begins", "start of the outage", "fully down". */
export const START_PATTERN =
  /\b(?:(?:outage|incident|impact|disruption|downtime|degradation)s? (?:starts?|started|begins?|began|commences?)\b|(?:start|beginning|onset) of (?:the )?(?:outage|incident|impact|disruption|downtime)\b|(?:fully|completely) down\b|(?:goes|went) down\b)/i;

/** A change that can trigger an incident: deploys, merges, rollouts, upgrades, config pushes, maintenance. */
export const CHANGE_PATTERN =
  /\b(?:deploy(?:s|ed|ing|ment)?\b|redeploy\w*|merg(?:e|es|ed|ing)\b|roll(?:s|ed|ing)?[- ]?(?:out|over)\b|rollouts?\b|upgrad(?:e|es|ed|ing)\b|releas(?:e|es|ed|ing)\b|migrat(?:e|es|ed|ion)\b|uploaded\b|applied\b|pushed\b|introduced\b|(?:config(?:uration)?|configmap|spec|manifest|flag)\b.{0,20}\b(?:changed?|updated?|rewritten|edited)\b|scal(?:ed|es|ing) (?:up|down)\b|maintenance\b)/i;

/** Something visibly wrong: the first symptom a triggering change may precede. */
export const SYMPTOM_PATTERN =
  /\b(?:fail(?:s|ed|ing|ures?)?|errors?|erroring|down\b|outage|crash\w*|unresponsive|unhealthy|unavailable|not ?ready|degrad\w*|time[sd]? ?out|timeouts?|5\d\d\b|latency|saturat\w*|oom\w*|stuck|broken|spik\w*|alerts?\b|warning|report\w*|notic\w*)/i;

/** An entry that is part of the incident itself (never lead-up). */
const MARKS_INCIDENT = new RegExp(`${MOMENT_PATTERNS.detect.source}|${MOMENT_PATTERNS.acknowledge.source}|${START_PATTERN.source}`, 'i');

/** "Believing the issue to be resolved, work resumes" (corpus 39) is not a resolution. */
const HEDGED = /\b(?:believ\w*|thought|thinking|assum\w*|seem\w*|appear\w*)\b.{0,30}\b(?:resolved|fixed|restored)/i;

/** At most this long between a triggering change and the first symptom for the change to count as the start. */
export const SHORTLY_MINUTES = 6 * 60;
/** A leading entry followed by the next one more than this much later is lead-up history. */
export const LEAD_UP_MINUTES = 24 * 60;

const LABELS: Record<MetricKind, string> = {
  detect: 'Time to detect',
  acknowledge: 'Time to acknowledge',
  mitigate: 'Time to mitigate',
  resolve: 'Time to resolve',
};

const NOT_FOUND = 'no entry describes this moment';

/** An entry that can be placed on the clock: a time of day that is not a placeholder (date-only rows are not). */
export function isTimed(e: TimelineEntry): boolean {
  return !e.placeholder && !e.dateOnly && e.time !== undefined && e.localMinutes !== undefined;
}

/**
 * Minutes from `a` to `b`: UTC minutes when both are anchored to a date, else wall-clock minutes when both are in
 * the same (or no) zone, else converted through known zone offsets. Undefined when the two cannot be compared.
 */
export function minutesBetween(a: TimelineEntry, b: TimelineEntry): number | undefined {
  if (a.minutes !== undefined && b.minutes !== undefined) return b.minutes - a.minutes;
  const la = a.localMinutes;
  const lb = b.localMinutes;
  if (la === undefined || lb === undefined) return undefined;
  if (a.zone === b.zone) return lb - la;
  const oa = zoneOffsetMinutes(a.zone);
  const ob = zoneOffsetMinutes(b.zone);
  if (oa === undefined || ob === undefined) return undefined;
  return lb - ob - (la - oa);
}

/**
 * The leading timed entries of one timeline that are lead-up history: each is followed by the next timed entry more
 * than a day later. Stops at the first entry whose successor is within a day (or cannot be compared), at an entry
 * that reports, acknowledges or starts the incident, and before fewer than two timed entries would remain.
 */
export function leadUpEntries(entries: TimelineEntry[]): TimelineEntry[] {
  const timed = entries.filter(isTimed);
  const out: TimelineEntry[] = [];
  // At least two timed entries stay (a lone entry has nothing to measure against): `Deploy` then `Service restored`
  // 26 hours later is an incident that lasted a day, not lead-up.
  for (let i = 0; i + 2 < timed.length; i++) {
    // The incident itself is never lead-up: a report, an acknowledgement, an "outage starts".
    if (MARKS_INCIDENT.test(timed[i]!.text)) break;
    const gap = minutesBetween(timed[i]!, timed[i + 1]!);
    if (gap === undefined || gap <= LEAD_UP_MINUTES) break;
    out.push(timed[i]!);
  }
  return out;
}

/** The timeline holding the most entries (the earlier one on a tie). */
export function mainTimeline(entries: TimelineEntry[]): number | undefined {
  if (!entries.length) return undefined;
  const counts = new Map<number, number>();
  for (const e of entries) counts.set(e.timeline, (counts.get(e.timeline) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}

/**
 * Day number of an entry on the clock of `ref` (for "the day of detection"): by absolute time when both are anchored
 * to a date (a `4:00 PM PST` entry the evening before a `00:20 UTC` detection is on the detection's day), else the
 * entry's own wall-clock day.
 */
function dayOf(e: TimelineEntry, ref: TimelineEntry): number | undefined {
  if (e.minutes !== undefined && ref.minutes !== undefined) {
    return Math.floor((e.minutes + (zoneOffsetMinutes(ref.zone) ?? 0)) / 1440);
  }
  const l = e.localMinutes;
  return l === undefined ? undefined : Math.floor(l / 1440);
}

/**
 * The first of `hits` (document order), or a timed hit listed after it that is earlier in absolute time (a moment
 * written in another zone, or added further down).
 */
function earliestTimed(hits: TimelineEntry[]): TimelineEntry {
  const first = hits[0]!;
  if (!isTimed(first)) return first;
  return earliest(hits.filter(isTimed)) ?? first;
}

/** The earliest of `list` in absolute time (document order among entries that cannot be compared, and on ties). */
function earliest(list: TimelineEntry[]): TimelineEntry | undefined {
  let best: TimelineEntry | undefined;
  for (const e of list) {
    if (!best) best = e;
    else {
      const d = minutesBetween(best, e);
      if (d !== undefined && d < 0) best = e;
    }
  }
  return best;
}

function where(e: TimelineEntry): string {
  return e.date && !/\d{4}-\d\d-\d\d|\d\d?[-/.]\d\d?[-/.]\d/.test(e.raw) ? `${e.raw} on ${e.date}` : e.raw;
}

interface Start {
  entry?: TimelineEntry;
  reason?: StartReason;
  note: string;
}

function chooseStart(list: TimelineEntry[], core: TimelineEntry[], detection: TimelineEntry | undefined): Start {
  const detIndex = detection ? list.indexOf(detection) : list.length - 1;
  // 1. an entry that says the incident began, up to the detection entry (document order)
  const explicit = list.slice(0, detIndex + 1).find((e) => isTimed(e) && START_PATTERN.test(e.text));
  if (explicit) return { entry: explicit, reason: 'explicit', note: `the entry that says the incident began (${where(explicit)})` };
  if (!core.length) {
    return { note: list.some((e) => e.dateOnly) ? 'the timeline gives dates only, no times of day' : 'no entry with a readable time' };
  }
  // 2. a triggering change shortly before the first symptom
  const upToDetection = new Set(list.slice(0, detIndex + 1));
  const coreBefore = core.filter((e) => upToDetection.has(e));
  const symptomAt = coreBefore.findIndex(
    (e) => SYMPTOM_PATTERN.test(e.text) || MOMENT_PATTERNS.detect.test(e.text) || MOMENT_PATTERNS.acknowledge.test(e.text),
  );
  const symptom = symptomAt >= 0 ? coreBefore[symptomAt] : detection && isTimed(detection) ? detection : undefined;
  if (symptom) {
    const before = core.slice(0, Math.max(0, core.indexOf(symptom)));
    for (let i = before.length - 1; i >= 0; i--) {
      const e = before[i]!;
      if (!CHANGE_PATTERN.test(e.text)) continue;
      const gap = minutesBetween(e, symptom);
      if (gap !== undefined && gap >= 0 && gap <= SHORTLY_MINUTES) {
        return {
          entry: e,
          reason: 'trigger',
          note: `the change that preceded the first symptom (${where(e)}, ${formatElapsed(gap).slice(1)} before ${where(symptom)})`,
        };
      }
      break; // only the change closest to the symptom can be its trigger
    }
  }
  // 3. the first timed entry on the day of detection
  const dday = detection && isTimed(detection) ? dayOf(detection, detection) : undefined;
  if (dday !== undefined) {
    const first = earliest(core.filter((e) => dayOf(e, detection!) === dday));
    if (first) return { entry: first, reason: 'detection-day', note: `the first timed entry on the day of detection (${where(first)})` };
  }
  // 4. the first timed entry after the lead-up (the earliest in absolute time)
  const first = earliest(core)!;
  return {
    entry: first,
    reason: 'first-entry',
    note: `the first timed entry${first !== earliest(list.filter(isTimed)) ? ' after the lead-up' : ''} (${where(first)})`,
  };
}

/** Find the first entry matching `kind` from `from` (document order) that is not earlier in time than `notBefore`. */
function pick(
  list: TimelineEntry[],
  kind: MetricKind,
  from: number,
  notBefore?: TimelineEntry,
): { entry?: TimelineEntry; early?: boolean } {
  const hits = list.slice(from).filter((e) => MOMENT_PATTERNS[kind].test(e.text) && !(kind === 'resolve' && HEDGED.test(e.text)));
  if (!hits.length) return {};
  if (!notBefore || !isTimed(notBefore)) return { entry: earliestTimed(hits) };
  const ok = hits.filter((e) => {
    if (!isTimed(e)) return true;
    const d = minutesBetween(notBefore, e);
    return d === undefined || d >= 0;
  });
  return ok.length ? { entry: earliestTimed(ok) } : { entry: hits[0]!, early: true };
}

/** Metrics for one timeline (default: the timeline holding the most entries). */
export function computeMetrics(entries: TimelineEntry[], timeline?: number): IncidentMetrics {
  timeline ??= mainTimeline(entries);
  if (timeline === undefined) {
    return {
      startNote: 'no timeline entries',
      leadUp: [],
      metrics: (Object.keys(LABELS) as MetricKind[]).map((k) => ({ kind: k, label: LABELS[k], missing: 'no timeline entries' })),
    };
  }
  const list = entries.filter((e) => e.timeline === timeline);
  const leadUp = leadUpEntries(list);
  const history = new Set(leadUp);
  const core = list.filter((e) => isTimed(e) && !history.has(e));

  // Detection: the first entry that says the incident was noticed, or acknowledged (which implies it was noticed).
  const detectHits = list.filter((e) => MOMENT_PATTERNS.detect.test(e.text) || MOMENT_PATTERNS.acknowledge.test(e.text));
  const detection = detectHits.length ? earliestTimed(detectHits) : undefined;
  const start = chooseStart(list, core, detection);
  const startIndex = start.entry ? list.indexOf(start.entry) : 0;

  const found: Partial<Record<MetricKind, { entry?: TimelineEntry; early?: string }>> = {};
  found.detect = detection ? { entry: detection } : {};
  const ack = pick(list, 'acknowledge', detection ? list.indexOf(detection) : 0, detection);
  found.acknowledge = {
    ...(ack.entry ? { entry: ack.entry } : {}),
    ...(ack.early && detection ? { early: `acknowledged (${where(ack.entry!)}) before it was detected (${where(detection)})` } : {}),
  };
  const mit = pick(list, 'mitigate', startIndex);
  found.mitigate = mit.entry ? { entry: mit.entry } : {};
  // A mitigation recorded before the detection entry means the incident was known earlier than that entry says
  // (corpus 38: "After returning to working order" at 16:00, "Notice that the launch rate …" at 19:35).
  if (detection && mit.entry && isTimed(detection) && isTimed(mit.entry)) {
    const d = minutesBetween(mit.entry, detection);
    if (d !== undefined && d > 0)
      found.detect = { entry: detection, early: `detected (${where(detection)}) after it was mitigated (${where(mit.entry)})` };
  }
  const res = pick(list, 'resolve', mit.entry ? list.indexOf(mit.entry) : startIndex, mit.entry);
  found.resolve = {
    ...(res.entry ? { entry: res.entry } : {}),
    ...(res.early && mit.entry ? { early: `resolved (${where(res.entry!)}) before it was mitigated (${where(mit.entry)})` } : {}),
  };

  const metrics: Metric[] = [];
  for (const kind of Object.keys(LABELS) as MetricKind[]) {
    const m: Metric = { kind, label: LABELS[kind] };
    const f = found[kind]!;
    metrics.push(m);
    if (!f.entry) {
      m.missing = NOT_FOUND;
      continue;
    }
    m.entry = f.entry;
    if (f.early) m.missing = `not derivable: ${f.early}`;
    else if (!start.entry) m.missing = `not derivable: no incident start (${start.note})`;
    else if (!isTimed(f.entry))
      m.missing = `not derivable: ${f.entry.dateOnly ? 'the entry gives a date but no time of day' : 'the entry has no readable time'}`;
    else {
      const d = minutesBetween(start.entry, f.entry);
      if (d === undefined)
        m.missing = `not derivable: ${where(f.entry)} and the start (${where(start.entry)}) are in zones that cannot be compared`;
      else if (d < 0)
        m.missing = `not derivable: ${where(f.entry)} is before the incident start (${where(start.entry)}); check the timeline's dates and times`;
      else m.minutes = d;
    }
  }
  const out: IncidentMetrics = { timeline, startNote: start.note, leadUp, metrics };
  if (start.entry) out.start = start.entry;
  if (start.reason) out.startReason = start.reason;
  return out;
}

/** One line per metric: `Time to detect: +12m` or `Time to detect: not found (…)` / `… not derivable: …`. */
export function formatMetric(m: Metric): string {
  if (m.minutes !== undefined) return `${m.label}: ${formatElapsed(m.minutes)}`;
  const why = m.missing ?? NOT_FOUND;
  return why.startsWith('not derivable') ? `${m.label}: ${why}` : `${m.label}: not found (${why})`;
}

/**
 * The metrics of the main timeline (the one holding the most entries), with the section index of its heading: what
 * the editor's CodeLens and hover show and what `postmortem-lint report` tabulates.
 */
export function mainTimelineMetrics(model: PostmortemModel): { metrics: IncidentMetrics; section: number } | undefined {
  const timeline = mainTimeline(model.timeline);
  if (timeline === undefined) return undefined;
  const metrics = computeMetrics(model.timeline, timeline);
  const first = model.timeline.find((e) => e.timeline === timeline)!;
  return { metrics, section: first.section };
}
