// timeline-timestamp: a timestamp that cannot be read unambiguously; the message gives the reading chosen.
import type { Rule } from '../types';
import { asParsed } from '../timeline';

export const rule: Rule = {
  meta: {
    id: 'timeline-timestamp',
    description: 'Timeline timestamps should be unambiguous.',
    category: 'timeline',
    defaultSeverity: 'hint',
    rationale:
      'A 24-hour time with AM/PM, a 12-hour time without AM/PM in a 12-hour timeline, or a misspelt year has to be guessed; the guess is shown so the author can confirm or correct it.',
  },
  check(ctx) {
    for (const e of ctx.model.timeline) {
      const p = asParsed(e);
      let message: string | undefined;
      if (p.pmOn24h) {
        message = `"${e.raw}" mixes a 24-hour time with an AM/PM suffix; read as ${e.time} (24-hour).`;
      } else if (p.meridiemInferred) {
        const half = (e.notes ?? []).find((n) => n.startsWith('meridiem-inferred:'))?.split(':')[1]?.toUpperCase() ?? '';
        message = `"${e.raw}" has no AM/PM in a timeline that uses 12-hour times; read as ${e.time} (${half}) from the neighbouring entries.`;
      } else if (p.parsed.yearTypo && e.date) {
        message = `The year in "${e.raw}" looks mistyped; read as ${e.date}.`;
      }
      if (message) ctx.report({ start: e.timestamp.start, end: e.timestamp.end, message, data: { reading: { date: e.date, time: e.time, zone: e.zone } } });
    }
  },
};
