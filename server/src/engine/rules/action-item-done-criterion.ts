// action-item-done-criterion: nothing in an open action item says what "done" looks like.
import type { Rule } from '../types';
import { PLACEHOLDER } from '../actionFixes';
import { fieldFix, missingCount, plural, reportMissing } from '../actionRules';

export const rule: Rule = {
  meta: {
    id: 'action-item-done-criterion',
    description: 'Open action items state a verifiable end state (done when …).',
    category: 'action-items',
    defaultSeverity: 'info',
    rationale: 'A verifiable end state (a threshold, an alert condition, a CI check that blocks) lets someone else confirm the item is finished (Google SRE; ;login: "actionable, specific, bounded").',
  },
  check(ctx) {
    reportMissing(
      ctx,
      (i) => !i.doneWhen,
      (i) => ({
        message: 'Action item does not say what done looks like (a threshold, an alert that fires, a check that blocks).',
        suggestions: [fieldFix(ctx, [i], 'done', i.table ? 'Add a Done when cell' : 'Add `— done when: …`', () => PLACEHOLDER.done)],
      }),
      (items, total) => ({
        message: `${missingCount(items.length, total, 'open action item', 'a', 'done criterion')} (a threshold, an alert that fires, a check that blocks).`,
        suggestions: [fieldFix(ctx, items, 'done', `Add a done-when field to ${plural(items.length, 'item')}`, () => PLACEHOLDER.done)],
      }),
    );
  },
};
