// action-item-owner: an open action item names no owner.
import { missingFieldRule } from './support/actionRules';

export const rule = missingFieldRule({
  meta: {
    id: 'action-item-owner',
    description: 'Every open action item has an owner.',
    category: 'action-items',
    defaultSeverity: 'warning',
    fixable: false,
    rationale:
      'Items without a clear owner rarely get done: if it is not in the tracker with an owner and a deadline, it will not happen (Google SRE, "Postmortem Culture").',
  },
  key: 'owner',
  missing: (i) => i.owners.length === 0,
  itemMessage: 'Action item has no owner. Name one person (`owner: @handle`).',
  article: 'an',
  field: 'owner',
  sectionEnd: '. Name one person per item.',
  cellTitle: 'Add an Owner cell',
  suffixTitle: 'Add `— owner: @`',
  sectionFieldTitle: 'an owner field',
});
