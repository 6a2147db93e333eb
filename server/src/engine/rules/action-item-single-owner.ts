// action-item-single-owner: the owner is a team, "we", a placeholder, "everyone", or several people.
import type { Rule } from '../types';
import { classifyOwner } from '../model/actionFields';
import { openItems } from './support/actionRules';

export const rule: Rule = {
  meta: {
    id: 'action-item-single-owner',
    description: 'An action item has exactly one named owner (collaborators listed separately).',
    category: 'action-items',
    defaultSeverity: 'warning',
    rationale:
      'Shared ownership is no ownership: one owner with collaborators is what makes an item close (Google SRE; PagerDuty postmortem guide).',
  },
  check(ctx) {
    for (const item of openItems(ctx.model)) {
      if (!item.owners.length) continue;
      const first = item.owners[0]!;
      const last = item.owners[item.owners.length - 1]!;
      if (item.owners.length > 1) {
        ctx.report({
          start: first.start,
          end: last.end,
          message: `Action item has ${item.owners.length} owners (${item.owners.map((o) => o.value).join(', ')}). Pick one owner and list the others as collaborators.`,
          suggestions: item.owners.map((o) => ({
            title: `Make ${o.value} the owner`,
            edits: [{ start: first.start, end: last.end, text: o.value }],
          })),
          data: { owners: item.owners.map((o) => o.value) },
        });
        continue;
      }
      const kind = classifyOwner(first.value);
      const why =
        kind === 'team'
          ? `"${first.value}" is a team`
          : kind === 'we'
            ? `"${first.value}" is not a person`
            : kind === 'everyone'
              ? `"${first.value}" is everyone, so no one`
              : kind === 'unknown'
                ? `"${first.value}" is a placeholder`
                : undefined;
      if (!why) continue;
      ctx.report({
        start: first.start,
        end: first.end,
        message: `Action item owner ${why}. Name one person (the team can be collaborators).`,
        data: { kind },
      });
    }
  },
};
