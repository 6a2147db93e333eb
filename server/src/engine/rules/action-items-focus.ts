// action-items-focus: more open action items than the team can finish (default limit 5).
import type { Rule } from '../types';
import { openItems } from './support/actionRules';

export const rule: Rule = {
  meta: {
    id: 'action-items-focus',
    description: 'The number of open action items stays small enough to finish.',
    category: 'action-items',
    defaultSeverity: 'info',
    rationale:
      'A long list of equal-priority items gives no order; picking the one or two highest-risk items and deferring the rest explicitly keeps the list finishable (Google SRE on prioritised action items).',
  },
  check(ctx) {
    const max = ctx.config.maxOpenActionItems; // the rule option `max` is an alias, folded in by resolveConfig
    const open = openItems(ctx.model);
    if (open.length <= max) return;
    const first = ctx.model.sections[open[0]!.section];
    const at = first ? first.heading : open[0]!.textSpan;
    ctx.report({
      start: at.start,
      end: at.end,
      message: `${open.length} open action items (limit ${max}). Pick the one or two highest-risk items and mark the rest deferred explicitly, so the list stays finishable.`,
      data: { open: open.length, max },
    });
  },
};
