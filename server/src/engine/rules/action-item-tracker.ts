// action-item-tracker: an open action item has no ticket / issue link.
import type { Rule } from '../types';
import { PLACEHOLDER } from '../actionFixes';
import { fieldFix, missingCount, plural, reportMissing } from '../actionRules';

export const rule: Rule = {
  meta: {
    id: 'action-item-tracker',
    description: 'Every open action item links a ticket or issue.',
    category: 'action-items',
    defaultSeverity: 'info',
    rationale: 'Items that live only in the postmortem get forgotten; a ticket puts them in the queue the team already works from (Google SRE).',
  },
  check(ctx) {
    reportMissing(
      ctx,
      (i) => !i.tracker,
      (i) => ({
        message: 'Action item has no ticket or issue link.',
        suggestions: [fieldFix(ctx, [i], 'tracker', i.table ? 'Add a Ticket cell' : 'Add `— ticket: #`', () => PLACEHOLDER.tracker)],
      }),
      (items, total) => ({
        message: `${missingCount(items.length, total, 'open action item', 'a', 'ticket or issue link')}.`,
        suggestions: [fieldFix(ctx, items, 'tracker', `Add a ticket field to ${plural(items.length, 'item')}`, () => PLACEHOLDER.tracker)],
      }),
    );
  },
};
