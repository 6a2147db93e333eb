// `postmortem-lint inspect <file>`: the model the rules read (sections, timeline, metrics, action items) as JSON.
import { computeMetrics, decisionPoints, positionAt, type LintResult, type PostmortemModel } from '../engine/index';

/** Incident metrics of the main timeline for `inspect`: minutes from the incident start, or null with the reason. */
function inspectMetrics(m: PostmortemModel, line: (offset: number) => number) {
  if (!m.timeline.length) return [];
  return computeMetrics(m.timeline).metrics.map((x) => ({
    name: x.label,
    minutes: x.minutes ?? null,
    fromLine: x.entry ? line(x.entry.span.start) : null,
    note:
      x.minutes !== undefined
        ? `from ${x.entry!.raw}: ${x.entry!.text.slice(0, 120)}`
        : x.missing?.startsWith('not derivable')
          ? x.missing
          : `not found: ${x.missing}`,
  }));
}

/** The incident start the metrics measure from (null when the timeline has none, e.g. dates only). */
function inspectStart(m: PostmortemModel, line: (offset: number) => number) {
  if (!m.timeline.length) return null;
  const x = computeMetrics(m.timeline);
  return {
    line: x.start ? line(x.start.span.start) : null,
    raw: x.start?.raw ?? null,
    reason: x.startReason ?? null,
    note: x.startNote,
    leadUpLines: x.leadUp.map((e) => line(e.span.start)),
  };
}

/** The model as JSON for `inspect` (1-based lines). */
export function inspectModel(result: LintResult): Record<string, unknown> {
  const m = result.model;
  const line = (offset: number) => positionAt(m.lineStarts, offset).line + 1;
  const fields = Object.fromEntries(Object.entries(m.metadata.fields).map(([k, v]) => [k, v.value]));
  return {
    isPostmortem: result.detection.isPostmortem,
    reason: result.detection.reason,
    metadata: { source: m.metadata.source, ...(m.title ? { title: m.title.value } : {}), fields },
    sections: m.sections.map((s) => ({
      kind: s.kind,
      ...(s.kinds.length > 1 ? { kinds: s.kinds } : {}),
      ...(s.role ? { role: s.role } : {}),
      title: s.title,
      line: line(s.heading.start),
      depth: s.depth,
    })),
    timeline: m.timeline.map((e) => ({
      line: line(e.span.start),
      raw: e.raw,
      ...(e.date ? { date: e.date } : {}),
      ...(e.time ? { time: e.time } : {}),
      ...(e.zone ? { zone: e.zone } : {}),
      confidence: e.confidence,
    })),
    decisionPoints: decisionPoints(m).map((d) => ({
      line: line(d.verb.start),
      time: d.entry.raw.trim(),
      verb: m.text.slice(d.verb.start, d.verb.end),
      explained: d.explained,
      ...(d.context ? { context: m.text.slice(d.context.start, d.context.end) } : {}),
      ...(d.coveredBySection ? { coveredBySection: true } : {}),
    })),
    incidentStart: inspectStart(m, line),
    metrics: inspectMetrics(m, line),
    actionItems: m.actionItems.map((a) => ({
      line: line(a.span.start),
      text: a.text,
      owner: a.owners.map((o) => o.value).join(', ') || null,
      due: a.due?.value ?? null,
      tracker: a.tracker?.value ?? null,
      status: a.status,
    })),
  };
}
