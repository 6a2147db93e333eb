// timeline-timezone: the timeline gives no zone anywhere, or mixes zones without saying which applies.
import type { Rule } from '../types';
import { groupByTimeline } from '../model/timeline';

export const rule: Rule = {
  meta: {
    id: 'timeline-timezone',
    description: 'A timeline should say which time zone its times are in.',
    category: 'timeline',
    defaultSeverity: 'info',
    rationale:
      'Responders and readers are often in different zones; a timeline without a zone (or with unlabelled times next to times in other zones) cannot be lined up with logs and alerts.',
  },
  check(ctx) {
    const { model } = ctx;
    for (const list of groupByTimeline(model.timeline)) {
      const timed = list.filter((e) => e.time !== undefined || e.placeholder);
      if (timed.length === 0) continue; // date-only timelines need no zone
      const section = model.sections[list[0]!.section];
      const anchor = section ? section.heading : list[0]!.timestamp;
      const declared = list.some((e) => e.zoneSource !== undefined);
      const explicit = new Set(timed.map((e) => e.zoneExplicit).filter((z): z is string => !!z));
      const unlabelled = timed.filter((e) => e.zone === undefined);
      if (!declared && explicit.size === 0) {
        ctx.report({
          start: anchor.start,
          end: anchor.end,
          message: 'The timeline does not say which time zone its times are in. Add one, e.g. "All times in UTC." or "## Timeline (UTC)".',
        });
        continue;
      }
      if (!declared && explicit.size > 1 && unlabelled.length > 0) {
        const first = unlabelled[0]!;
        ctx.report({
          start: first.timestamp.start,
          end: first.timestamp.end,
          message: `The timeline mixes time zones (${[...explicit].join(', ')}) and this entry gives none; say which zone it is in.`,
        });
      }
    }
  },
};
