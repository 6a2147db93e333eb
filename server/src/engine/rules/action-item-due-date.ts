// action-item-due-date: an open action item has no due date, or a non-date ("ASAP", "TBD"); weak dates are info.
import type { ActionItem } from '../model';
import type { Fix, Rule, RuleContext } from '../types';
import { addDays } from '../datetime';
import { fieldFix, missingCount, openItems, plural, reportMissing } from '../actionRules';

function dueSuggestions(ctx: RuleContext, items: ActionItem[]): Fix[] {
  return [7, 14, 30].map((d) => {
    const date = addDays(ctx.config.today, d);
    return fieldFix(ctx, items, 'due', `Set due date to ${date} (today + ${d} days)${items.length > 1 ? ` for ${plural(items.length, 'item')}` : ''}`, () => date);
  });
}

function replaceDue(ctx: RuleContext, item: ActionItem): Fix[] {
  const due = item.due!;
  return [7, 14, 30].map((d) => {
    const date = addDays(ctx.config.today, d);
    return { title: `Replace "${due.value}" with ${date} (today + ${d} days)`, edits: [{ start: due.start, end: due.end, text: date }] };
  });
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
    reportMissing(
      ctx,
      (i) => !i.due,
      (i) => ({ message: 'Action item has no due date.', suggestions: dueSuggestions(ctx, [i]) }),
      (items, total) => ({ message: `${missingCount(items.length, total, 'open action item', 'a', 'due date')}.`, suggestions: dueSuggestions(ctx, items) }),
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
        ctx.report({ start: due.start, end: due.end, message: `"${due.value}" is not a due date. Give an absolute date (YYYY-MM-DD).`, suggestions: replaceDue(ctx, item) });
      }
    }
  },
};
