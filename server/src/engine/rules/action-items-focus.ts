// action-items-focus: more open action items than the team can finish (default limit 5).
import type { Rule } from '../types';
import { openItems } from './support/actionRules';
import { letGoEdits } from '../analysis/letGoEdits';
import { plural } from '../text/text';

export const rule: Rule = {
  meta: {
    id: 'action-items-focus',
    description: 'The number of open action items stays small enough to finish.',
    category: 'action-items',
    defaultSeverity: 'info',
    rationale:
      'A long list of equal-priority items gives no order; picking the one or two highest-risk items and letting the rest go explicitly keeps the list finishable (Google SRE on prioritised action items).',
  },
  check(ctx) {
    const max = ctx.config.maxOpenActionItems; // the rule option `max` is an alias, folded in by resolveConfig
    const open = openItems(ctx.model);
    if (open.length <= max) return;
    const first = ctx.model.sections[open[0]!.section];
    const at = first ? first.heading : open[0]!.textSpan;
    // the suggestion: let go of the items beyond the limit (the last ones in document order), each with a reason to fill
    const beyond = open.slice(max);
    const edits = letGoEdits(ctx.model, beyond);
    ctx.report({
      start: at.start,
      end: at.end,
      message: `${open.length} open action items (limit ${max}). Pick the one or two highest-risk items and let the rest go explicitly (with a reason), so the list stays finishable.`,
      ...(edits ? { suggestions: [{ title: `Let go of the ${plural(beyond.length, 'item')} beyond the limit`, edits }] } : {}),
      data: { open: open.length, max },
    });
  },
};
