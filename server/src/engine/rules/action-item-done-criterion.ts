// action-item-done-criterion: nothing in an open action item says what "done" looks like.
import { missingFieldRule } from './support/actionRules';

export const rule = missingFieldRule({
  meta: {
    id: 'action-item-done-criterion',
    description: 'Open action items state a verifiable end state (done when …).',
    category: 'action-items',
    defaultSeverity: 'info',
    rationale:
      'A verifiable end state (a threshold, an alert condition, a CI check that blocks) lets someone else confirm the item is finished (Google SRE; ;login: "actionable, specific, bounded").',
  },
  key: 'done',
  missing: (i) => !i.doneWhen,
  itemMessage: 'Action item does not say what done looks like (a threshold, an alert that fires, a check that blocks).',
  article: 'a',
  field: 'done criterion',
  sectionEnd: ' (a threshold, an alert that fires, a check that blocks).',
  cellTitle: 'Add a Done when cell',
  suffixTitle: 'Add `— done when: …`',
  sectionFieldTitle: 'a done-when field',
});
