// action-item-owner: an open action item names no owner.
import type { Rule } from '../types';
import { fieldFix, missingCount, plural, reportMissing } from '../actionRules';
import { PLACEHOLDER } from '../actionFixes';

export const rule: Rule = {
  meta: {
    id: 'action-item-owner',
    description: 'Every open action item has an owner.',
    category: 'action-items',
    defaultSeverity: 'warning',
    fixable: false,
    rationale: 'Items without a clear owner rarely get done: if it is not in the tracker with an owner and a deadline, it will not happen (Google SRE, "Postmortem Culture").',
  },
  check(ctx) {
    reportMissing(
      ctx,
      (i) => i.owners.length === 0,
      (i) => ({
        message: 'Action item has no owner. Name one person (`owner: @handle`).',
        suggestions: [fieldFix(ctx, [i], 'owner', i.table ? 'Add an Owner cell' : 'Add `— owner: @`', () => PLACEHOLDER.owner)],
      }),
      (items, total) => ({
        message: `${missingCount(items.length, total, 'open action item', 'an', 'owner')}. Name one person per item.`,
        suggestions: [fieldFix(ctx, items, 'owner', `Add an owner field to ${plural(items.length, 'item')}`, () => PLACEHOLDER.owner)],
      }),
    );
  },
};
