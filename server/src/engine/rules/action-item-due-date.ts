// action-item-due-date: an open action item has no due date, or a non-date ("ASAP", "TBD"); weak dates are info.
import type { ActionItem } from '../model/model';
import type { Fix, Rule, RuleContext } from '../types';
import { addDays } from '../text/datetime';
import { fieldFix, missingCount, openItems, reportMissing } from './support/actionRules';
import { plural } from '../text/text';

/** The due dates the suggestions offer: today + 7, 14 and 30 days (computed once per check). */
type Offered = { days: number; date: string }[];

function offeredDates(ctx: RuleContext): Offered {
  return [7, 14, 30].map((days) => ({ days, date: addDays(ctx.config.today, days) }));
}

function dueSuggestions(ctx: RuleContext, offered: Offered, items: ActionItem[]): Fix[] {
  return offered.map(({ days, date }) =>
    fieldFix(
      ctx,
      items,
      'due',
      `Set due date to ${date} (today + ${days} days)${items.length > 1 ? ` for ${plural(items.length, 'item')}` : ''}`,
      () => date,
    ),
  );
}

function replaceDue(offered: Offered, item: ActionItem): Fix[] {
  const due = item.due!;
  return offered.map(({ days, date }) => ({
    title: `Replace "${due.value}" with ${date} (today + ${days} days)`,
    edits: [{ start: due.start, end: due.end, text: date }],
  }));
}

export const rule: Rule = {
  meta: {
    id: 'action-item-due-date',
    description: 'Every open action item has an absolute due date.',
    category: 'action-items',
    defaultSeverity: 'warning',
    rationale: 'A due date turns an intention into a commitment; PagerDuty targets 15–30 days, Atlassian 4–8 weeks for priority actions.',
  },
  check(ctx) {
    const offered = offeredDates(ctx);
    reportMissing(
      ctx,
      (i) => !i.due,
      (i) => ({ message: 'Action item has no due date.', suggestions: dueSuggestions(ctx, offered, [i]) }),
      (items, total) => ({
        message: `${missingCount(items.length, total, 'open action item', 'a', 'due date')}.`,
        suggestions: dueSuggestions(ctx, offered, items),
      }),
    );
    // Vague and weak dates: one finding per distinct due field (a heading's "(Q4 2025)" covers its whole group).
    const seen = new Set<number>();
    for (const item of openItems(ctx.model)) {
      const due = item.due;
      if (!due || due.date || seen.has(due.start)) continue;
      seen.add(due.start);
      if (due.weak) {
        ctx.report({
          start: due.start,
          end: due.end,
          severity: 'info',
          message: `"${due.value}" is a rough target, not a date. An absolute date makes the item trackable.`,
          data: { weak: true },
        });
      } else {
        ctx.report({
          start: due.start,
          end: due.end,
          message: `"${due.value}" is not a due date. Give an absolute date (YYYY-MM-DD).`,
          suggestions: replaceDue(offered, item),
        });
      }
    }
  },
};
