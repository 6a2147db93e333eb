// `postmortem-lint report`: the follow-through figures over a folder of postmortems, computed from their models (and,
// for timeliness, the first commit date the caller read from git). PURE: no file system, no git, no clock; `now` is
// given. The JSON output is this module's `Report`, documented in docs/report.md.
import {
  daysBetween,
  itemProgress,
  postmortemTitle,
  mainTimelineMetrics,
  lastDayBy,
  postmortemDates,
  lineOf,
  type ActionItem,
  type ItemProgress,
  type MetricKind,
  type PostmortemModel,
} from '../../engine/index';
import { SimilarityIndex } from './similarity';
import { findIssue, referenceKeys, type TrackerSnapshot } from './tracker';

export const REPORT_SCHEMA = 'postmortem-lint/report@1';

export interface ReportDocument {
  /** The path as shown in the report (relative to the working directory). */
  file: string;
  model: PostmortemModel;
}

export interface ReportOptions {
  /** Today, ISO YYYY-MM-DD: overdue ages are counted to it. */
  now: string;
  /** Only postmortems of incidents on or after this ISO date (postmortems with no incident date are left out). */
  since?: string;
  tracker?: TrackerSnapshot & { file: string };
  /** Cosine similarity from which two incidents rhyme (default RECURRENCE_THRESHOLD). */
  recurrenceThreshold?: number;
  /** Cosine similarity from which an action item repeats an earlier one (default PROMISE_THRESHOLD). */
  promiseThreshold?: number;
}

/** Tuned on test/fixtures-report/recurrence (see test/unit/report-recurrence.test.ts). */
export const RECURRENCE_THRESHOLD = 0.04;
export const PROMISE_THRESHOLD = 0.35;
/** At most this many earlier incidents listed per incident (the closest ones). */
export const RELATED_PER_INCIDENT = 3;
/** The seeds' "about 48 hours", when the details are sharpest. */
export const TIMELY_DAYS = 2;

export type ItemState = ItemProgress;

export interface ItemRef {
  file: string;
  /** 1-based. */
  line: number;
  text: string;
  owners: string[];
  due?: string;
  tracker?: string;
  state: ItemState;
  /** For let-go items: 'deferred' or 'wont-do'. */
  status: ActionItem['status'];
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  now: string;
  since?: string;
  postmortems: number;
  actions: {
    total: number;
    open: number;
    done: number;
    letGo: number;
    /** Open items past their due date (a subset of `open`). */
    overdue: number;
    /** done / (done + open), to 4 decimals: let-go items are decisions, not unfinished work. Null when there is neither. */
    completionRate: number | null;
    overdueItems: (ItemRef & { daysOverdue: number })[];
    /** Days past due of the most overdue item (0 when none is overdue). */
    oldestOverdueDays: number;
    medianOverdueDays: number | null;
    /** Open items by owner, most loaded first; items with no owner count under "(no owner)". */
    openByOwner: { owner: string; open: number; overdue: number }[];
    /** Open items missing an owner, a due date or a tracker link. */
    missing: { owner: number; due: number; tracker: number; items: (ItemRef & { missing: ('owner' | 'due' | 'tracker')[] })[] };
    letGoItems: (ItemRef & { reason: string | null })[];
    /** Open items by age (days since the incident), for the dashboard. */
    openByAge: { bucket: string; count: number }[];
  };
  incidents: IncidentRow[];
  trend: TrendRow[];
  timeliness: {
    /** Postmortems whose writing date is known (metadata or git) along with the incident date. */
    measured: number;
    withinTwoDays: number;
    medianDays: number | null;
    rows: { file: string; incident: string; written: string; source: 'metadata' | 'git'; days: number }[];
  };
  recurrence: {
    threshold: number;
    incidents: { earlier: string; later: string; score: number; sharedTerms: string[] }[];
    promises: { earlier: ItemRef; later: ItemRef; score: number; sharedTerms: string[] }[];
  };
  tracker?: {
    file: string;
    source: 'github' | 'jira';
    issues: number;
    drift: { kind: DriftKind; item: ItemRef; issue: string; issueState?: 'open' | 'closed' }[];
  };
}

export type DriftKind = 'done-in-document-open-in-tracker' | 'closed-in-tracker-open-in-document' | 'unknown-to-tracker';

export interface IncidentRow {
  file: string;
  title: string;
  /** ISO date of the incident (its first day), when known. */
  date: string | null;
  severity: string | null;
  /** The duration as the document states it. */
  duration: string | null;
  /** Minutes from the incident start, as the editor's CodeLens computes them (null: not found or not derivable). */
  ttd: number | null;
  tta: number | null;
  ttm: number | null;
  ttr: number | null;
  actions: { total: number; open: number; done: number; letGo: number };
}

export interface TrendRow {
  /** YYYY-MM of the incidents. */
  month: string;
  incidents: number;
  /** Median time to resolve of that month's incidents with one (minutes). */
  medianTtr: number | null;
  /** Completion of the action items of that month's postmortems: done / (done + open). */
  completionRate: number | null;
  done: number;
  open: number;
}

const AGE_BUCKETS: [string, number][] = [
  ['≤ 30 days', 30],
  ['31–90 days', 90],
  ['91–180 days', 180],
  ['181–365 days', 365],
  ['> 1 year', Infinity],
];

function itemRef(file: string, model: PostmortemModel, item: ActionItem): ItemRef {
  return {
    file,
    line: lineOf(model.lineStarts, item.span.start) + 1,
    text: item.text,
    owners: item.owners.map((o) => o.value),
    ...(item.due ? { due: item.due.value } : {}),
    ...(item.tracker ? { tracker: item.tracker.value } : {}),
    state: itemProgress(item.status),
    status: item.status,
  };
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const a = [...xs].sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 ? a[m]! : (a[m - 1]! + a[m]!) / 2;
}

function rate(done: number, open: number): number | null {
  return done + open ? Math.round((done / (done + open)) * 10000) / 10000 : null;
}

/** The text the recurrence index reads: the title, summary and contributing factors, and inline code anywhere. */
export function recurrenceText(model: PostmortemModel): string {
  const parts: string[] = [model.title?.value ?? ''];
  for (const s of model.sections) {
    if (s.kinds.includes('summary') || s.kinds.includes('contributing-factors') || s.role === 'trigger') {
      parts.push(s.title, model.text.slice(s.body.start, s.body.end));
    }
  }
  for (const m of model.text.matchAll(/`([^`\n]{2,80})`/g)) parts.push(`\`${m[1]}\``);
  return parts.join('\n');
}

const METRIC_KEYS: Record<MetricKind, 'ttd' | 'tta' | 'ttm' | 'ttr'> = {
  detect: 'ttd',
  acknowledge: 'tta',
  mitigate: 'ttm',
  resolve: 'ttr',
};

/**
 * What the report keeps of one postmortem: a few hundred bytes instead of its model and syntax tree, so a report over
 * thousands of files holds one model at a time (the CLI digests each file as it reads it).
 */
export interface ReportDigest {
  file: string;
  /** The incident's first day. */
  date?: string;
  title: string;
  severity: string | null;
  duration: string | null;
  metrics: Record<'ttd' | 'tta' | 'ttm' | 'ttr', number | null>;
  items: {
    ref: ItemRef;
    dueDate?: string;
    weakDue: boolean;
    hasOwner: boolean;
    hasDue: boolean;
    hasTracker: boolean;
    reason: string | null;
  }[];
  /** The written and incident dates the document states (review-timeliness's reading). */
  stated: { incident?: string; written?: string };
  /** Every dated timeline day, for the git fallback. */
  timelineDays: string[];
  /** The text the recurrence index reads. */
  recurrence: string;
  /**
   * When the file was first committed (ISO date or date-time, from `git log`, if git knows): set by the CLI and the
   * language server's dashboard for a postmortem whose `stated.written` is missing.
   */
  firstCommit?: string;
}

/** Digest one postmortem for the report (pure: reads only the model). */
export function digest(doc: ReportDocument): ReportDigest {
  const { model, file } = doc;
  const dates = postmortemDates(model);
  const metrics = mainTimelineMetrics(model)?.metrics.metrics ?? [];
  const value = (k: MetricKind) => metrics.find((m) => m.kind === k)?.minutes ?? null;
  return {
    file,
    ...(dates.incidentStart ? { date: dates.incidentStart } : {}),
    title: postmortemTitle(model, file),
    severity: model.metadata.fields['severity']?.value ?? null,
    duration: model.metadata.fields['duration']?.value ?? null,
    metrics: Object.fromEntries(Object.entries(METRIC_KEYS).map(([k, key]) => [key, value(k as MetricKind)])) as ReportDigest['metrics'],
    items: model.actionItems.map((item) => ({
      ref: itemRef(file, model, item),
      ...(item.due?.date ? { dueDate: item.due.date } : {}),
      weakDue: !!item.due?.weak,
      hasOwner: item.owners.length > 0,
      hasDue: !!item.due,
      hasTracker: !!item.tracker,
      reason: item.reason?.value ?? null,
    })),
    stated: { ...(dates.incident ? { incident: dates.incident } : {}), ...(dates.written ? { written: dates.written } : {}) },
    timelineDays: [...new Set(model.timeline.map((e) => e.date).filter((d): d is string => !!d))],
    recurrence: recurrenceText(model),
  };
}

export function buildReport(documents: (ReportDocument | ReportDigest)[], options: ReportOptions): Report {
  const { now } = options;
  let docs: ReportDigest[] = documents.map((d) => ('model' in d ? digest(d) : d));
  if (options.since) docs = docs.filter((d) => d.date !== undefined && d.date >= options.since!);
  // oldest incident first (undated ones last), then by path: "earlier" in recurrence means this order
  docs.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.file.localeCompare(b.file));

  // ---- action items
  const refs = docs.flatMap((d) => d.items.map((i) => ({ ...i, doc: d })));
  const open = refs.filter((r) => r.ref.state === 'open');
  const done = refs.filter((r) => r.ref.state === 'done').length;
  /** Days past a firm due date (0 or less: not overdue). */
  const daysLate = (r: (typeof open)[number]) => (r.dueDate && !r.weakDue ? daysBetween(r.dueDate, now) : 0);
  const overdueItems = open
    .filter((r) => daysLate(r) > 0)
    .map((r) => ({ ...r.ref, daysOverdue: daysLate(r) }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.file.localeCompare(b.file) || a.line - b.line);
  const owners = new Map<string, { open: number; overdue: number }>();
  for (const r of open) {
    const late = daysLate(r) > 0;
    for (const owner of r.ref.owners.length ? r.ref.owners : ['(no owner)']) {
      const o = owners.get(owner) ?? { open: 0, overdue: 0 };
      o.open++;
      if (late) o.overdue++;
      owners.set(owner, o);
    }
  }
  const missingItems = open
    .map((r) => {
      const missing: ('owner' | 'due' | 'tracker')[] = [];
      if (!r.hasOwner) missing.push('owner');
      if (!r.hasDue) missing.push('due');
      if (!r.hasTracker) missing.push('tracker');
      return { ...r.ref, missing };
    })
    .filter((r) => r.missing.length);
  const openByAge = AGE_BUCKETS.map(([bucket]) => ({ bucket, count: 0 }));
  for (const r of open) {
    if (!r.doc.date) continue;
    const age = daysBetween(r.doc.date, now);
    openByAge[AGE_BUCKETS.findIndex(([, max]) => age <= max)]!.count++;
  }
  const overdueDays = overdueItems.map((o) => o.daysOverdue);

  // ---- incidents and trend
  const incidents: IncidentRow[] = docs.map((d) => {
    const count = (s: ItemState) => d.items.filter((i) => i.ref.state === s).length;
    return {
      file: d.file,
      title: d.title,
      date: d.date ?? null,
      severity: d.severity,
      duration: d.duration,
      ...d.metrics,
      actions: { total: d.items.length, open: count('open'), done: count('done'), letGo: count('let-go') },
    };
  });
  const months = new Map<string, IncidentRow[]>();
  for (const row of incidents) {
    if (!row.date) continue;
    const m = row.date.slice(0, 7);
    months.set(m, [...(months.get(m) ?? []), row]);
  }
  const trend: TrendRow[] = [...months]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([month, rows]) => {
      const d = rows.reduce((n, r) => n + r.actions.done, 0);
      const o = rows.reduce((n, r) => n + r.actions.open, 0);
      return {
        month,
        incidents: rows.length,
        medianTtr: median(rows.map((r) => r.ttr).filter((x): x is number => x !== null)),
        completionRate: rate(d, o),
        done: d,
        open: o,
      };
    });

  // ---- timeliness: the document's own dates first, else the file's first commit
  const timeRows: Report['timeliness']['rows'] = [];
  for (const d of docs) {
    const stated = d.stated;
    if (stated.written && stated.incident) {
      timeRows.push({
        file: d.file,
        incident: stated.incident,
        written: stated.written,
        source: 'metadata',
        days: daysBetween(stated.incident, stated.written),
      });
      continue;
    }
    const committed = d.firstCommit?.slice(0, 10);
    if (!committed || !/^\d{4}-\d{2}-\d{2}$/.test(committed) || !d.date) continue;
    const incident = lastDayBy([d.date, ...d.timelineDays], committed);
    if (!incident) continue;
    timeRows.push({ file: d.file, incident, written: committed, source: 'git', days: daysBetween(incident, committed) });
  }

  // ---- recurrence
  const threshold = options.recurrenceThreshold ?? RECURRENCE_THRESHOLD;
  const index = new SimilarityIndex(docs.map((d) => d.recurrence));
  const round = (x: number) => Math.round(x * 1000) / 1000;
  // each incident's best RELATED_PER_INCIDENT matches among the earlier ones (docs are in date order)
  const recurring = index
    .topMatches(threshold, RELATED_PER_INCIDENT, (a, b) => a < b)
    .map((p) => ({
      earlier: docs[p.a]!.file,
      later: docs[p.b]!.file,
      score: round(p.score),
      sharedTerms: p.shared,
    }));
  // promises: an item of a later postmortem like an earlier postmortem's item that is still open or was let go
  // (only items not done can be matched, and only those of earlier postmortems are visited: refs are in document
  // order, so an item's candidates are the ids below its postmortem's first item)
  const promiseIndex = new SimilarityIndex(
    refs.map((r) => r.ref.text),
    undefined,
    (id) => refs[id]!.ref.state !== 'done',
  );
  const firstItem = new Map<(typeof refs)[number]['doc'], number>();
  refs.forEach((r, i) => {
    if (!firstItem.has(r.doc)) firstItem.set(r.doc, i);
  });
  // each item's closest earlier promise (from an earlier postmortem, not done)
  const promises = promiseIndex
    .topMatches(
      options.promiseThreshold ?? PROMISE_THRESHOLD,
      1,
      () => true, // the index and `below` leave only earlier postmortems' items not done
      undefined,
      (b) => firstItem.get(refs[b]!.doc)!,
    )
    .map((p) => ({ earlier: refs[p.a]!.ref, later: refs[p.b]!.ref, score: round(p.score), sharedTerms: p.shared }));

  const report: Report = {
    schema: REPORT_SCHEMA,
    now,
    ...(options.since ? { since: options.since } : {}),
    postmortems: docs.length,
    actions: {
      total: refs.length,
      open: open.length,
      done,
      letGo: refs.filter((r) => r.ref.state === 'let-go').length,
      overdue: overdueItems.length,
      completionRate: rate(done, open.length),
      overdueItems,
      oldestOverdueDays: overdueDays.length ? Math.max(...overdueDays) : 0,
      medianOverdueDays: median(overdueDays),
      openByOwner: [...owners]
        .map(([owner, o]) => ({ owner, ...o }))
        .sort((a, b) => b.open - a.open || b.overdue - a.overdue || (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0)),
      missing: {
        owner: missingItems.filter((i) => i.missing.includes('owner')).length,
        due: missingItems.filter((i) => i.missing.includes('due')).length,
        tracker: missingItems.filter((i) => i.missing.includes('tracker')).length,
        items: missingItems,
      },
      letGoItems: refs.filter((r) => r.ref.state === 'let-go').map((r) => ({ ...r.ref, reason: r.reason })),
      openByAge,
    },
    incidents,
    trend,
    timeliness: {
      measured: timeRows.length,
      withinTwoDays: timeRows.filter((r) => r.days <= TIMELY_DAYS).length,
      medianDays: median(timeRows.map((r) => r.days)),
      rows: timeRows,
    },
    recurrence: { threshold, incidents: recurring, promises },
  };
  if (options.tracker)
    report.tracker = trackerDrift(
      options.tracker,
      refs.map((r) => r.ref),
    );
  return report;
}

/** Drift between the documents' action items and a tracker snapshot. */
export function trackerDrift(snapshot: TrackerSnapshot & { file: string }, items: ItemRef[]): NonNullable<Report['tracker']> {
  const drift: NonNullable<Report['tracker']>['drift'] = [];
  for (const item of items) {
    if (!item.tracker) continue;
    for (const key of referenceKeys(item.tracker, snapshot.source)) {
      const issue = findIssue(snapshot, key);
      if (!issue) drift.push({ kind: 'unknown-to-tracker', item, issue: key });
      else if (item.state === 'done' && !issue.closed)
        drift.push({ kind: 'done-in-document-open-in-tracker', item, issue: issue.key, issueState: 'open' });
      else if (item.state === 'open' && issue.closed)
        drift.push({ kind: 'closed-in-tracker-open-in-document', item, issue: issue.key, issueState: 'closed' });
    }
  }
  return { file: snapshot.file, source: snapshot.source, issues: snapshot.issues.length, drift };
}
