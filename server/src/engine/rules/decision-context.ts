// decision-context: a decision point in the timeline (a person or role decided or acted) that does not say what
// the responder had or believed then. A writing aid against hindsight bias, not a defect: hint by default.
import type { Fix, Rule } from '../types';
import { detectEol, lineEndFrom } from '../text/text';
import type { PostmortemModel } from '../model/model';
import { DECISION_TEMPLATE, decisionPoints, type DecisionPoint } from '../language/decisions';

export const rule: Rule = {
  meta: {
    id: 'decision-context',
    description: 'Each decision point in the timeline should say what the responder knew then.',
    category: 'timeline',
    defaultSeverity: 'hint',
    rationale:
      'Hindsight makes any decision look obviously wrong. Writing down what the responder had at that moment (metrics, alerts, logs, runbook) and what they concluded shows why the decision made sense then, which is where the fix is.',
  },
  check(ctx) {
    for (const d of decisionPoints(ctx.model)) {
      if (d.explained) continue;
      ctx.report({
        start: d.verb.start,
        end: d.verb.end,
        message: `Decision point without context: "${ctx.text.slice(d.verb.start, d.verb.end)}". Say what the responder had then (metrics, alerts, logs, runbook) and what they believed.`,
        suggestions: [contextFix(ctx.model, d)],
      });
    }
  },
};

/** Insert the context template where the timeline's layout puts a note on an entry. */
export function contextFix(model: PostmortemModel, d: DecisionPoint): Fix {
  const { text } = model;
  const { entry } = d;
  const title = 'Add what the responder knew then';
  const eol = detectEol(text);
  switch (entry.layout) {
    case 'list': {
      // a sub-bullet at the item's content column, after whatever the item already holds
      const lineStart = text.lastIndexOf('\n', entry.span.start - 1) + 1;
      const head = /^([ \t]*(?:>[ \t]?)*)([-*+]|\d{1,9}[.)])([ \t]+)/.exec(text.slice(lineStart, entry.span.end));
      const indent = head ? head[1]!.replace(/>[ \t]?/g, '') + ' '.repeat(head[2]!.length + head[3]!.length) : '  ';
      const quote = head ? (head[1]!.match(/>[ \t]?/g) ?? []).join('') : '';
      const at = contentEnd(text, entry.span.end);
      return { title, edits: [{ start: at, end: at, text: `${eol}${quote}${indent}- ${DECISION_TEMPLATE}` }] };
    }
    case 'table': {
      // a note at the end of the cell that holds the decision
      const lineEnd = lineEndFrom(text, d.verb.end);
      let pipe = d.verb.end;
      while (pipe < lineEnd && !(text[pipe] === '|' && text[pipe - 1] !== '\\')) pipe++;
      let at = pipe;
      while (at > d.verb.end && /[ \t]/.test(text[at - 1]!)) at--;
      return { title, edits: [{ start: at, end: at, text: ` ${DECISION_TEMPLATE}` }] };
    }
    case 'heading': {
      const at = contentEnd(text, entry.span.end);
      return { title, edits: [{ start: at, end: at, text: `${eol}${eol}${DECISION_TEMPLATE}` }] };
    }
    default: {
      // a paragraph line: the note goes at the end of the entry's line (the next line may be the next entry)
      const at = contentEnd(text, lineEndFrom(text, d.verb.end));
      return { title, edits: [{ start: at, end: at, text: ` ${DECISION_TEMPLATE}` }] };
    }
  }
}

/** Back over trailing whitespace and line breaks from `end`. */
function contentEnd(text: string, end: number): number {
  let at = end;
  while (at > 0 && /\s/.test(text[at - 1]!)) at--;
  return at;
}
