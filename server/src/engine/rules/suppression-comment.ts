// suppression-comment: a `<!-- postmortem-lint … -->` comment that does nothing — in none of the accepted forms
// (`postmortem-lint disable-next-line x` with a space is the usual slip), or naming a rule that does not exist —
// so the finding it was meant to silence still shows and nobody knows why.
import type { Rule, Span } from '../types';

const FORMS =
  '`postmortem-lint-disable-next-line`, `-disable-line`, `-disable`, `-enable`, `-disable-file` (each followed by rule ids, or none for every rule), and `postmortem-lint enable` / `postmortem-lint disable` for the whole file';
const DIRECTIVES = ['disable-next-line', 'disable-line', 'disable-file', 'disable', 'enable'];
/** `postmortem-lint disable-next-line …`, `postmortem-lint: disable …`, `postmortem-lint_disable …`: one character too many. */
const NEAR_MISS = /^(<!--\s*postmortem-lint)[\s:_]+((?:disable-next-line|disable-line|disable-file|disable|enable)\b)/;

/** Levenshtein distance, stopping early above `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

function closest(id: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(id.length / 4)) + 1;
  for (const k of known) {
    const d = distance(id, k, bestDistance);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

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
        const guess = closest(id, known);
        ctx.report({
          ...span,
          message: `"${id}" is not a postmortem-lint rule, so this comment does not suppress it${guess ? `: did you mean "${guess}"?` : '.'}`,
          ...(guess ? { suggestions: [{ title: `Change to "${guess}"`, edits: [{ ...span, text: guess }] }] } : {}),
        });
      }
    }
  },
};
