// action-item-overdue: an open action item whose due date has passed (today from config, for reproducible CI).
// In a postmortem whose status says it is closed, final or archived, the overdue items are reported once, as info,
// on the status: an archive of old postmortems would otherwise be a wall of warnings about history.
import type { Rule, Severity } from '../types';
import type { ActionItem, DueField } from '../model/model';
import { severityRank } from '../config';
import { addDays, daysBetween } from '../text/datetime';
import { openItems } from './support/actionRules';

/** A metadata status naming a finished document (`Closed`, `Final`, `Archived`, `final (reviewed)`). */
const ARCHIVED_STATUS = /^[\s*_`"'([]*(?:closed|final|finali[sz]ed|archived)\b/i;

export const rule: Rule = {
  meta: {
    id: 'action-item-overdue',
    description: 'Open action items are not past their due date.',
    category: 'action-items',
    defaultSeverity: 'warning',
    rationale: 'An overdue open item is either done (mark it) or slipping (re-plan it, or record a decision to defer it).',
  },
  check(ctx) {
    const today = ctx.config.today;
    const lateBy = new Map<string, number>(); // days late per due date (items share a few dates)
    const overdue: { item: ActionItem; due: DueField & { date: string }; late: number }[] = [];
    for (const item of openItems(ctx.model)) {
      const due = item.due;
      if (!due?.date || due.weak) continue;
      let late = lateBy.get(due.date);
      if (late === undefined) lateBy.set(due.date, (late = daysBetween(due.date, today)));
      if (late <= 0) continue;
      overdue.push({ item, due: due as DueField & { date: string }, late });
    }
    if (!overdue.length) return;

    const status = ctx.model.metadata.fields.status;
    if (status && ARCHIVED_STATUS.test(status.value)) {
      const oldest = overdue.reduce((a, b) => (b.late > a.late ? b : a));
      const n = overdue.length;
      const own = ctx.config.rules['action-item-overdue']?.severity;
      // info, or the configured severity when that is lower still
      const severity: Severity = own && own !== 'off' && severityRank(own) < severityRank('info') ? own : 'info';
      ctx.report({
        start: status.start,
        end: status.end,
        severity,
        message:
          `This postmortem's status is "${status.value}", and ${n === 1 ? '1 open action item is' : `${n} open action items are`} past due ` +
          `(the oldest was due ${oldest.due.date}, ${oldest.late} day${oldest.late === 1 ? '' : 's'} ago). ` +
          'If the work still matters, track it where open work lives; otherwise mark the items done or dropped.',
        related: overdue.map((o) => ({
          start: o.due.start,
          end: o.due.end,
          message: `due ${o.due.date} (${o.late} day${o.late === 1 ? '' : 's'} ago), still open`,
        })),
        data: { archived: true, overdue: n, daysLate: oldest.late },
      });
      return;
    }

    for (const { due, late } of overdue) {
      ctx.report({
        start: due.start,
        end: due.end,
        message: `Action item was due ${due.date} (${late} day${late === 1 ? '' : 's'} ago) and is still open. Mark it done, re-plan it, or defer it explicitly.`,
        suggestions: [14, 30].map((d) => {
          const date = addDays(today, d);
          return { title: `Move the due date to ${date} (today + ${d} days)`, edits: [{ start: due.start, end: due.end, text: date }] };
        }),
        data: { daysLate: late },
      });
    }
  },
};
