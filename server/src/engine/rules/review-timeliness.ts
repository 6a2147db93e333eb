// review-timeliness: the postmortem's own dates show it was written (reviewed, published) long after the incident,
// when the technical details have faded. Silent unless both dates are in the document.
import type { Rule } from '../types';
import { daysBetween, isoDate, parseDate } from '../text/datetime';

export const rule: Rule = {
  meta: {
    id: 'review-timeliness',
    description: 'A postmortem should be written within a few days of the incident.',
    category: 'structure',
    defaultSeverity: 'info',
    rationale:
      'Within days the technical details get fuzzy: logs rotate, chat scrolls away and people reconstruct rather than remember. A postmortem written weeks later tells a tidier, less accurate story.',
  },
  check(ctx) {
    const { model, config } = ctx;
    const written = model.metadata.fields['written'];
    const writtenOn = written && fullDate(written.value);
    if (!written || !writtenOn) return;
    // the incident's last known day: its date (the end of a range) or a later dated timeline entry, so follow-up
    // entries written after the incident never make it look late
    const days = [fullDate(model.metadata.fields['date']?.value ?? '', true), ...model.timeline.map((e) => e.date)].filter(
      (d): d is string => !!d && d <= writtenOn,
    );
    if (!days.length) return;
    const incident = days.reduce((a, b) => (a > b ? a : b));
    const late = daysBetween(incident, writtenOn);
    if (late <= config.reviewWithinDays) return;
    ctx.report({
      start: written.start,
      end: written.end,
      message: `Written ${late} days after the incident (${incident} → ${writtenOn}): details fade within days. Aim to write the postmortem within ${config.reviewWithinDays} days.`,
    });
  },
};

/** An ISO date from a field value with a full date (year, month and day); with `last`, the end of a range. */
function fullDate(value: string, last = false): string | undefined {
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
