// empty-section: a section with nothing but its heading, HTML comments (the prompts the insert-section fix
// writes) or template filler. A section whose own text is empty but that holds sub-sections is a container, not
// empty; its sub-sections are checked one by one.
import type { Section } from '../model/model';
import type { Rule, Severity, Span } from '../types';
import { resolveProfile } from '../analysis/profiles';
import { severityRank } from '../config';
import { lineEndFrom, TABLE_DELIMITER_ROW } from '../text/text';
import { findPlaceholders, scanExclusions, type Placeholder } from '../analysis/placeholders';

/** Words a template leaves around its fields that carry no fact (table headers are skipped separately). */
const GLUE = new Set([
  'utc',
  'gmt',
  'open',
  'done',
  'in',
  'progress',
  'draft',
  'review',
  'final',
  'incident',
  'commander',
  'owner',
  'due',
  'ticket',
  'status',
  'todo',
  'tbd',
]);

/** The section's own body: after its heading, up to its first sub-section (`firstChild`, when it has one). */
function ownBody(section: Section, firstChild: Section | undefined): Span {
  return { start: section.body.start, end: firstChild ? firstChild.span.start : section.body.end };
}

/** Spans sorted by start with a running maximum of their ends, to find the ones overlapping a range quickly. */
interface SpanIndex<T extends Span> {
  spans: T[];
  maxEnd: number[];
}

function indexSpans<T extends Span>(spans: readonly T[]): SpanIndex<T> {
  const sorted = [...spans].sort((x, y) => x.start - y.start);
  const maxEnd: number[] = [];
  let m = -Infinity;
  for (const x of sorted) maxEnd.push((m = Math.max(m, x.end)));
  return { spans: sorted, maxEnd };
}

/** The spans that may overlap `body` (every overlapping one, in start order; callers still test overlap). */
function candidates<T extends Span>(index: SpanIndex<T>, body: Span): T[] {
  const { spans, maxEnd } = index;
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (maxEnd[mid]! <= body.start) lo = mid + 1;
    else hi = mid;
  }
  const from = lo;
  hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < body.end) lo = mid + 1;
    else hi = mid;
  }
  return spans.slice(from, lo);
}

type Verdict = 'empty' | 'filler' | 'content';

/** The lines of a text one at a time, as `text.split(/\r\n|\n|\r/)` gives them. */
function lineReader(text: string): { next(): string | undefined; peek(): string | undefined } {
  let from = 0;
  const read = (at: number): [string, number] | undefined => {
    if (at > text.length) return undefined;
    const end = lineEndFrom(text, at);
    return [text.slice(at, end), text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1];
  };
  return {
    next() {
      const line = read(from);
      if (!line) return undefined;
      from = line[1];
      return line[0];
    },
    peek: () => read(from)?.[0],
  };
}

/**
 * Classify a body: every line is blank, a comment, a table header/delimiter, or (after removing placeholders and
 * filler) at most template glue words → 'filler' (or 'empty' when there were no placeholders at all).
 */
export function classifyBody(text: string, body: Span, excluded: Span[], placeholders: Placeholder[]): Verdict {
  // Blank out comments (but not code: code is content) and placeholder spans.
  const source = text.slice(body.start, body.end);
  const mask = new Uint8Array(source.length);
  let sawPlaceholder = false;
  let blanked = false;
  const blank = (s: Span) => {
    const from = Math.max(s.start, body.start) - body.start;
    const to = Math.min(s.end, body.end) - body.start;
    if (to > from) {
      mask.fill(1, from, to);
      blanked = true;
    }
  };
  for (const x of excluded) {
    if (x.end <= body.start || x.start >= body.end) continue;
    if (/^<!--/.test(text.slice(x.start, x.start + 4))) blank(x);
    else return 'content'; // code, images, link references: somebody wrote something
  }
  for (const p of placeholders) {
    if (p.end <= body.start || p.start >= body.end) continue;
    sawPlaceholder = true;
    blank(p);
  }
  let maskedSource = source;
  if (blanked) {
    maskedSource = '';
    for (let i = 0; i < source.length;) {
      let j = i;
      const m = mask[i];
      while (j < source.length && mask[j] === m) j++;
      maskedSource += m ? ' '.repeat(j - i) : source.slice(i, j);
      i = j;
    }
  }
  // Line by line, up to the first line of content (bodies can be long, and are nearly always content). The i-th
  // line of the masked text is judged with the i-th line of the source (a masked comment may have joined lines).
  const masked = lineReader(maskedSource);
  const original = lineReader(source);
  for (let line = masked.next(); line !== undefined; line = masked.next()) {
    const originalLine = original.next()!;
    if (line.trim() === '') continue;
    if (TABLE_DELIMITER_ROW.test(line)) continue; // table delimiter row
    const next = masked.peek();
    if (next !== undefined && TABLE_DELIMITER_ROW.test(next) && originalLine.includes('|')) continue; // table header row
    const words = line
      .replace(/[*_>#|`~\-—–:.,;!?()[\]]/g, ' ')
      .replace(/^\s*\d+[.)]\s/, ' ')
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean);
    if (words.length === 0) continue;
    if (sawPlaceholder && words.every((w) => GLUE.has(w))) continue;
    return 'content';
  }
  return sawPlaceholder ? 'filler' : 'empty';
}

export const rule: Rule = {
  meta: {
    id: 'empty-section',
    description: 'A section holds nothing but its heading, HTML comments or template filler.',
    category: 'structure',
    defaultSeverity: 'warning',
    fixable: false,
    rationale:
      'An empty heading reads as if the question was asked and answered; either write the section or remove it so reviewers see the gap.',
  },
  check(ctx) {
    const { model, text } = ctx;
    const excluded = indexSpans(scanExclusions(model));
    const placeholders = indexSpans(findPlaceholders(model));
    // what required-sections inserts for a missing section: its heading and `<!-- prompt -->`
    const prompts = new Map(resolveProfile(ctx.config).sections.map((e) => [e.title, `<!-- ${e.prompt} -->`]));
    const own = ctx.config.rules['empty-section']?.severity;
    const required = ctx.config.rules['required-sections']?.severity;
    const skeletonSeverity: Severity | undefined =
      required && required !== 'off' && own && own !== 'off' && severityRank(required) < severityRank(own) ? required : undefined;
    const firstChild = new Map<number, Section>();
    for (const s of model.sections) if (s.parent !== undefined && !firstChild.has(s.parent)) firstChild.set(s.parent, s);
    for (const section of model.sections) {
      // metadata-style headings (`## Owner: @x`, `## Call recording:`) are fields, not sections
      if (section.role === 'metadata') continue;
      if (section.kind === 'other' && !section.role && /:\s*$/.test(text.slice(section.heading.start, section.heading.end))) continue;
      if (firstChild.has(section.index)) {
        // a container: empty only if its own text is filler (its sub-sections are judged on their own)
        continue;
      }
      const body = ownBody(section, firstChild.get(section.index));
      const verdict = classifyBody(text, body, candidates(excluded, body), candidates(placeholders, body));
      if (verdict === 'content') continue;
      if (prompts.get(section.title) === text.slice(body.start, body.end).trim()) {
        // the skeleton required-sections' fix inserted: the same gap it reported, at its severity, so fix-all
        // never turns an info into a warning
        ctx.report({
          start: section.heading.start,
          end: section.heading.end,
          message: `The "${section.title}" section is still the inserted skeleton: answer the question in the comment, or remove the heading if it does not apply.`,
          ...(skeletonSeverity ? { severity: skeletonSeverity } : {}),
          data: { section: section.title, verdict: 'skeleton' },
        });
        continue;
      }
      ctx.report({
        start: section.heading.start,
        end: section.heading.end,
        message:
          verdict === 'empty'
            ? `The "${section.title}" section is empty: write it, or remove the heading if it does not apply.`
            : `The "${section.title}" section holds only template text: replace it with what happened, or remove the heading if it does not apply.`,
        data: { section: section.title, verdict },
      });
    }
  },
};
