// timeline-timestamp: a timestamp that cannot be read unambiguously; the message gives the reading chosen.
import type { Rule } from '../types';
import type { TimelineEntry } from '../model/model';

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
    // One hint per timeline for a repeated year typo (corpus 02 writes `20202-…` on all five rows): the first row
    // carries it, naming how many more rows repeat it, with each of them in `related`.
    const typoKey = (e: TimelineEntry): string => `${e.timeline}:${/\d{5}(?=\D|$)/.exec(e.raw)?.[0] ?? e.raw}`;
    const typoRows = new Map<string, TimelineEntry[]>();
    for (const e of ctx.model.timeline) {
      if (e.parsed.yearTypo && e.date && !e.pmOn24h && !e.meridiemInferred) {
        const k = typoKey(e);
        typoRows.set(k, [...(typoRows.get(k) ?? []), e]);
      }
    }
    for (const e of ctx.model.timeline) {
      let message: string | undefined;
      let related: { start: number; end: number; message: string }[] = [];
      if (e.pmOn24h) {
        message = `"${e.raw}" mixes a 24-hour time with an AM/PM suffix; read as ${e.time} (24-hour).`;
      } else if (e.meridiemInferred) {
        message = `"${e.raw}" has no AM/PM in a timeline that uses 12-hour times; read as ${e.time} (${e.meridiemInferred.toUpperCase()}) from the neighbouring entries.`;
      } else if (e.parsed.yearTypo && e.date) {
        const rows = typoRows.get(typoKey(e)) ?? [e];
        if (rows[0] !== e) continue; // reported once, on the first row of this timeline with the same typo
        const more = rows.length - 1;
        message = `The year in "${e.raw}" looks mistyped; read as ${e.date}${more ? ` (and ${more} more ${more === 1 ? 'row' : 'rows'} with the same year)` : ''}.`;
        related = rows
          .slice(1)
          .map((r) => ({ start: r.timestamp.start, end: r.timestamp.end, message: `Same mistyped year, read as ${r.date}` }));
      }
      if (message)
        ctx.report({
          start: e.timestamp.start,
          end: e.timestamp.end,
          message,
          ...(related.length ? { related } : {}),
          data: { reading: { date: e.date, time: e.time, zone: e.zone } },
        });
    }
  },
};
