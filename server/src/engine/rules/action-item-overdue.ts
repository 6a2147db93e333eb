// action-item-overdue: an open action item whose due date has passed (today from config, for reproducible CI).
import type { Rule } from '../types';
import { addDays, daysBetween } from '../text/datetime';
import { openItems } from './support/actionRules';

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
    for (const item of openItems(ctx.model)) {
      const due = item.due;
      if (!due?.date || due.weak) continue;
      let late = lateBy.get(due.date);
      if (late === undefined) lateBy.set(due.date, (late = daysBetween(due.date, today)));
      if (late <= 0) continue;
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
