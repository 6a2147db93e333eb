// action-item-let-go-reason: an action item let go (deferred, won't do, dropped, struck through) says no reason why.
import type { Rule } from '../types';
import { isLetGo } from '../model/model';
import { PLACEHOLDER } from '../analysis/actionEdits';
import { fieldFix, reportMissing } from './support/actionRules';
import { plural } from '../text/text';

export const rule: Rule = {
  meta: {
    id: 'action-item-let-go-reason',
    description: 'An action item that is let go (deferred, won’t do, dropped) says why.',
    category: 'action-items',
    defaultSeverity: 'info',
    rationale:
      'Letting items go explicitly keeps the list finishable; the reason is what lets the next review (or the next incident) decide whether the call still holds.',
  },
  check(ctx) {
    const letGo = ctx.model.actionItems.filter((i) => isLetGo(i.status));
    if (!letGo.length) return;
    const value = () => PLACEHOLDER.reason;
    reportMissing(
      ctx,
      (i) => !i.reason,
      (i) => ({
        message: `Action item is let go (${i.status === 'deferred' ? 'deferred' : 'won’t do'}) without a reason. Say why it can wait, so the next review can tell whether that still holds.`,
        suggestions: [fieldFix(ctx, [i], 'reason', i.table ? 'Add a Reason cell' : 'Add `— reason: [why this can wait]`', value)],
      }),
      (items, total) => ({
        message: `${
          items.length === total
            ? `None of the ${plural(total, 'let-go action item')} gives a reason`
            : `${items.length} of the ${plural(total, 'let-go action item')} give no reason`
        }. Say why each can wait, so the next review can tell whether that still holds.`,
        suggestions: [fieldFix(ctx, items, 'reason', `Add a reason placeholder to ${plural(items.length, 'item')}`, value)],
      }),
      letGo,
    );
  },
};
