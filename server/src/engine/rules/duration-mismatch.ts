// duration-mismatch: the duration stated in the metadata disagrees with the timeline's start → resolution span.
import type { Rule } from '../types';
import { parseDuration, formatElapsed } from '../text/datetime';
import { computeMetrics } from '../analysis/metrics';

/** Allowed difference: the larger of 15 minutes and 20% of the stated duration. */
export function durationTolerance(stated: number): number {
  return Math.max(15, stated * 0.2);
}

export const rule: Rule = {
  meta: {
    id: 'duration-mismatch',
    description: 'The stated incident duration should match the timeline.',
    category: 'timeline',
    defaultSeverity: 'info',
    rationale: 'A duration that disagrees with the timeline makes readers doubt both; one of them has a typo or measures something else.',
  },
  check(ctx) {
    const { model, text } = ctx;
    const field = model.metadata.fields['duration'];
    if (!field || /\?|n\/a|unknown|tbd/i.test(field.value)) return;
    // Only a field labelled as a duration: "Time to recovery" / "Time to resolve" measure from detection, not start.
    const lineStart = text.lastIndexOf('\n', field.start - 1) + 1;
    const label = text.slice(lineStart, field.start);
    if (!/duration|length/i.test(label) && model.metadata.source !== 'front-matter') return;
    // `22:30 UTC on October 29 to 05:39 UTC on October 30 (7 hours 9 minutes)`: prefer the parenthetical.
    const paren = /\(([^()]*)\)/.exec(field.value);
    const stated = parseDuration(paren ? paren[1]! : field.value) ?? parseDuration(field.value);
    if (stated === null || stated <= 0) return;
    const timelines = new Set(model.timeline.map((e) => e.timeline));
    if (timelines.size !== 1) return; // several incidents: which one the duration belongs to is unclear
    const metrics = computeMetrics(model.timeline);
    const resolve = metrics.metrics.find((m) => m.kind === 'resolve');
    const start = metrics.start;
    if (!start || !resolve || resolve.minutes === undefined || !resolve.entry) return;
    if (start.approximate || start.dateOnly || resolve.entry.dateOnly) return;
    const span = resolve.minutes;
    if (Math.abs(span - stated) <= durationTolerance(stated)) return;
    ctx.report({
      start: field.start,
      end: field.end,
      message: `The stated duration (${formatElapsed(stated).slice(1)}) differs from the timeline: ${start.raw} → ${resolve.entry.raw} is ${formatElapsed(span).slice(1)}.`,
      related: [
        { start: start.timestamp.start, end: start.timestamp.end, message: 'Timeline start' },
        { start: resolve.entry.timestamp.start, end: resolve.entry.timestamp.end, message: 'Resolution' },
      ],
    });
  },
};
