// action-item-tracker: an open action item has no ticket / issue link.
import { missingFieldRule } from './support/actionRules';

export const rule = missingFieldRule({
  meta: {
    id: 'action-item-tracker',
    description: 'Every open action item links a ticket or issue.',
    category: 'action-items',
    defaultSeverity: 'info',
    rationale:
      'Items that live only in the postmortem get forgotten; a ticket puts them in the queue the team already works from (Google SRE).',
  },
  key: 'tracker',
  missing: (i) => !i.tracker,
  itemMessage: 'Action item has no ticket or issue link.',
  article: 'a',
  field: 'ticket or issue link',
  cellTitle: 'Add a Ticket cell',
  suffixTitle: 'Add `— ticket: #`',
  sectionFieldTitle: 'a ticket field',
});
