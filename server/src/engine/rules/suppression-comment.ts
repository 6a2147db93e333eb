// suppression-comment: a `<!-- postmortem-lint … -->` comment that does nothing — in none of the accepted forms
// (`postmortem-lint disable-next-line x` with a space is the usual slip), or naming a rule that does not exist —
// so the finding it was meant to silence still shows and nobody knows why.
import { SUPPRESSION_DIRECTIVES } from '../model/prose';
import { closestMatch } from '../text/text';
import type { Rule, Span } from '../types';

const FORMS =
  '`postmortem-lint-disable-next-line`, `-disable-line`, `-disable`, `-enable`, `-disable-file` (each followed by rule ids, or none for every rule), and `postmortem-lint enable` / `postmortem-lint disable` for the whole file';
/** `postmortem-lint disable-next-line …`, `postmortem-lint: disable …`, `postmortem-lint_disable …`: one character too many. */
const NEAR_MISS = new RegExp(`^(<!--\\s*postmortem-lint)[\\s:_]+((?:${SUPPRESSION_DIRECTIVES.join('|')})\\b)`);
const DIRECTIVES: readonly string[] = SUPPRESSION_DIRECTIVES;

export const rule: Rule = {
  meta: {
    id: 'suppression-comment',
    description: 'A postmortem-lint comment is in an accepted form and names existing rules (otherwise it silences nothing).',
    category: 'structure',
    defaultSeverity: 'info',
    fixable: false,
    rationale:
      'A suppression comment that is silently ignored leaves the finding in place and the writer wondering why; saying so once is cheaper.',
  },
  check(ctx) {
    const known = Object.keys(ctx.config.rules);
    for (const s of ctx.model.suppressions) {
      const comment = ctx.text.slice(s.start, s.end);
      if (s.kind === 'unrecognised') {
        const near = NEAR_MISS.exec(comment);
        const fixed = near ? `${near[1]}-${near[2]}${comment.slice(near[0].length)}` : undefined;
        ctx.report({
          start: s.start,
          end: s.end,
          message: near
            ? `This comment suppresses nothing: write "${fixed}" (a hyphen after postmortem-lint, not a space).`
            : `This postmortem-lint comment is in none of the accepted forms, so it suppresses nothing. Accepted: ${FORMS}.`,
          ...(fixed
            ? {
                suggestions: [
                  {
                    title: `Change to "${fixed.length > 70 ? `${fixed.slice(0, 67)}…` : fixed}"`,
                    edits: [{ start: s.start, end: s.end, text: fixed }],
                  },
                ],
              }
            : {}),
        });
        continue;
      }
      for (const id of s.rules) {
        if (known.includes(id) || DIRECTIVES.includes(id)) continue;
        const at = comment.indexOf(id);
        const span: Span = at >= 0 ? { start: s.start + at, end: s.start + at + id.length } : { start: s.start, end: s.end };
        const guess = closestMatch(id, known);
        ctx.report({
          ...span,
          message: `"${id}" is not a postmortem-lint rule, so this comment does not suppress it${guess ? `: did you mean "${guess}"?` : '.'}`,
          ...(guess ? { suggestions: [{ title: `Change to "${guess}"`, edits: [{ ...span, text: guess }] }] } : {}),
        });
      }
    }
  },
};
