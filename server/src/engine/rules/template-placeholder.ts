// template-placeholder: template filler left in the document (the spans come from analysis/placeholders.ts); each
// finding points at the exact text.
import { findPlaceholders, type PlaceholderKind } from '../analysis/placeholders';
import type { Rule } from '../types';

const DESCRIBE: Record<PlaceholderKind, string> = {
  bracket: 'a bracketed template field',
  date: 'a date placeholder',
  time: 'a time placeholder',
  handle: 'a placeholder handle',
  duration: 'a duration placeholder',
  severity: 'a severity placeholder',
  angle: 'an angle-bracket template field',
  moustache: 'a template variable',
  ticket: 'a placeholder ticket key',
  metadata: 'an unfilled metadata value',
  'heading-word': 'a template word in a heading',
  filler: 'template text',
};

export const rule: Rule = {
  meta: {
    id: 'template-placeholder',
    description:
      'Template filler left in the document ([Title], YYYY-MM-DD, HH:MM, @name, Xm, SEV-N, <add name here>, TODO/TBD in metadata, template sentences).',
    category: 'structure',
    defaultSeverity: 'warning',
    fixable: false,
    rationale:
      'A postmortem read later is only as good as its facts; a left-over placeholder looks like a value and hides that the fact was never recorded.',
  },
  check(ctx) {
    for (const p of findPlaceholders(ctx.model)) {
      const shown = p.raw.length > 60 ? `${p.raw.slice(0, 57)}…` : p.raw;
      const what = DESCRIBE[p.kind];
      const message =
        p.kind === 'filler'
          ? `Template text left in: "${shown}". Replace it with what happened in this incident, or delete it.`
          : p.kind === 'metadata'
            ? `"${shown}" is ${what}: fill it in or write why it is unknown.`
            : `"${shown}" is ${what}: fill in the real value.`;
      ctx.report({ start: p.start, end: p.end, message, data: { placeholder: p.raw, kind: p.kind } });
    }
  },
};
