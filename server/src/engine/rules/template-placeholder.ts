// template-placeholder: template filler left in the document — `[Title]`, `YYYY-MM-DD`, `HH:MM`, `@name`, `Xm`,
// `SEV-N`, `<add name here>`, `{{ incident name }}`, `OPS-???`, TODO/TBD as a metadata value, and known template
// sentences (data/template-filler.json). Each finding points at the exact text.
//
// Exported for empty-section: findPlaceholders(model) (every placeholder/filler span, sorted) and
// scanExclusions(model) (code, HTML comments, link destinations, link references: never scanned).
import filler from '../data/template-filler.json';
import type { PostmortemModel } from '../model';
import { nodeEnd, nodeStart, walk, type Nodes, type Root } from '../parse';
import type { Rule, Span } from '../types';

export type PlaceholderKind = 'bracket' | 'date' | 'time' | 'handle' | 'duration' | 'severity' | 'angle' | 'moustache' | 'ticket' | 'metadata' | 'heading-word' | 'filler';

export interface Placeholder extends Span {
  kind: PlaceholderKind;
  raw: string;
}

const BRACKET_WORDS =
  'title|incident title|incident name|date|time|name|your name|full name|owner|owners|author|authors|service|service name|team|team name|description|summary|link|url|duration|severity|impact|ticket|ticket id|component|system|product|customer|todo|tbd|placeholder';
const BRACKET = new RegExp(
  `\\[(?:${BRACKET_WORDS}|(?:insert|add|enter|describe|your|fill in)\\s[^\\]\\n]{1,60})\\](?![(\\[:])`,
  'gi',
);
const DATE = /(?<![\w-])(?:YYYY[-/.]MM[-/.]DD|yyyy[-/.]mm[-/.]dd|DD[-/.]MM[-/.]YYYY|dd[-/.]mm[-/.]yyyy|MM[-/.]DD[-/.]YYYY|mm[-/.]dd[-/.]yyyy|YYYY-MM|MMM DD, YYYY)(?![\w-])/g;
const TIME = /(?<![\w:])(?:HH|hh):(?:MM|mm)(?::(?:SS|ss))?(?![\w:])/g;
const HANDLE = /(?<![\w@./-])@(?:name|handle|username|owner|someone|person|assignee|github-handle|your-handle)(?![\w/-])/g;
const DURATION = /(?<![\w])(?:Xh\s?Ym|Xh\s?XXm|X{1,2}\s?(?:m|min|mins|minutes|h|hr|hrs|hours|d|days|s|sec|seconds))(?![\w])/g;
const SEVERITY = /(?<![\w-])SEV[- ]?(?:N|X|\?+|#)(?![\w])/gi;
const ANGLE = new RegExp(
  '<(?:(?:add|insert|enter|your|fill in|describe|put|name of|link to)\\b[^<>\\n]{0,60}|[^<>\\n]{1,40}\\shere|(?:name|date|title|owner|link|url|description|service|team|ticket|duration|severity|impact|author)|(?:incident|service|team) name)>',
  'gi',
);
const MOUSTACHE = /\{\{\s*[A-Za-z][^{}\n]{0,80}\}\}/g;
const TICKET = /(?<![\w-])[A-Z][A-Z0-9]{1,9}-(?:\?{2,}|X{2,}|x{3,}|N{3,})(?![\w?])/g;
const HEADING_WORD = /(?<![\w-])(?:TITLE|DATE|INCIDENT NAME|SERVICE NAME)(?![\w-])/g;
const UNFILLED_VALUE = /^(?:TODO|TBD|TBA|TBC|XXX+|FIXME)(?![\w])/i;

const PATTERNS: [PlaceholderKind, RegExp][] = [
  ['moustache', MOUSTACHE],
  ['bracket', BRACKET],
  ['angle', ANGLE],
  ['date', DATE],
  ['time', TIME],
  ['handle', HANDLE],
  ['duration', DURATION],
  ['severity', SEVERITY],
  ['ticket', TICKET],
];

interface FillerPhrase {
  text: string;
  prefix: boolean;
  /** Only right after a timeline separator (`— `, ` - `, `: `, a table pipe). */
  afterSeparator: boolean;
  re: RegExp;
  /** The phrase's longest word, lower-case: a cheap pre-check before the case-insensitive regex. */
  probe: string;
}

function phraseRegex(text: string): RegExp {
  const body = text
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/['’]/g, "['’]")
    .replace(/\s+/g, '\\s+');
  return new RegExp(body, 'gi');
}

const FILLER: FillerPhrase[] = [
  ...filler.snippets.map((text) => ({ text, prefix: false, afterSeparator: false })),
  ...filler.afterSeparator.map((text) => ({ text, prefix: false, afterSeparator: true })),
  ...filler.templates.map((t) => ({ text: t.text, prefix: (t as { prefix?: boolean }).prefix === true, afterSeparator: false })),
]
  .sort((a, b) => b.text.length - a.text.length)
  .map((p) => ({
    ...p,
    re: phraseRegex(p.text),
    probe: p.text
      .toLowerCase()
      .split(/[^a-z]+/)
      .reduce((a, b) => (b.length > a.length ? b : a), ''),
  }));

/** Text before a match on its line is only markup (bullet, quote, heading-less emphasis, table pipe) or ends with a separator. */
function leftBounded(text: string, start: number, phrase: FillerPhrase): boolean {
  let ls = start;
  while (ls > 0 && text[ls - 1] !== '\n' && text[ls - 1] !== '\r') ls--;
  const before = text.slice(ls, start);
  if (phrase.afterSeparator) return /(?:\d|[Hh]{2}:[Mm]{2})\S*\s*(?:[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?\s*[*_]*\s*(?:\||[—–]|-|:)\s*[*_]*$/.test(before);
  if (/^[\s>]*(?:#{1,6}\s+)?(?:(?:[-*+]|\d{1,3}[.)])\s+)?(?:\[[ xX]?\]\s*)?[*_]*$/.test(before)) return true;
  return /(?:\||[—–]|\s-|:)\s*[*_]*$/.test(before);
}

/** Text after a match on its line is only closing markup / punctuation, a cell end or a separator. */
function rightBounded(text: string, end: number, phrase: FillerPhrase): boolean {
  if (phrase.prefix || /[.,;:]$/.test(phrase.text)) return true;
  let le = end;
  while (le < text.length && text[le] !== '\n' && text[le] !== '\r') le++;
  const after = text.slice(end, le);
  return /^[*_]*[.,;:!?]?[*_]*\s*(?:$|\||[—–]|\s-\s|<!--)/.test(after);
}

/** Spans never scanned: code, HTML comments, link destinations and defined link references. */
/** Memo per model: template-placeholder and empty-section both ask (callers must not modify the array). */
const exclusionsMemo = new WeakMap<PostmortemModel, Span[]>();

export function scanExclusions(model: PostmortemModel): Span[] {
  let memo = exclusionsMemo.get(model);
  if (!memo) exclusionsMemo.set(model, (memo = scanExclusionsUncached(model)));
  return memo;
}

function scanExclusionsUncached(model: PostmortemModel): Span[] {
  const out: Span[] = [];
  walk(model.tree as Root, (node: Nodes) => {
    switch (node.type) {
      case 'code':
      case 'inlineCode':
      case 'definition':
      case 'linkReference':
      case 'imageReference':
      case 'image':
        out.push({ start: nodeStart(node), end: nodeEnd(node) });
        return false;
      case 'html':
        if (/^\s*<!--/.test(node.value)) out.push({ start: nodeStart(node), end: nodeEnd(node) });
        else {
          // inline/block HTML may still hold comments: exclude each comment only
          for (const m of node.value.matchAll(/<!--[\s\S]*?(?:-->|$)/g)) out.push({ start: nodeStart(node) + m.index!, end: nodeStart(node) + m.index! + m[0].length });
        }
        return false;
      case 'link': {
        const last = node.children[node.children.length - 1];
        const from = last ? nodeEnd(last) : nodeStart(node);
        if (nodeEnd(node) > from) out.push({ start: from, end: nodeEnd(node) });
        return true;
      }
      default:
        return true;
    }
  });
  return out.sort((a, b) => a.start - b.start);
}

function wholeHeading(text: string, headings: Span[], start: number, end: number): boolean {
  const h = headings.find((x) => x.start <= start && end <= x.end);
  if (!h) return false;
  return /^[#\s*_]*$/.test(text.slice(h.start, start)) && /^[\s*_.:#]*$/.test(text.slice(end, h.end));
}

function overlapsAny(spans: Span[], s: Span): boolean {
  for (const x of spans) {
    if (x.start >= s.end) break;
    if (s.start < x.end && x.start < s.end) return true;
  }
  return false;
}

const cache = new WeakMap<PostmortemModel, Placeholder[]>();

/** Every placeholder and filler span in the document, sorted by offset, non-overlapping. */
export function findPlaceholders(model: PostmortemModel): Placeholder[] {
  const hit = cache.get(model);
  if (hit) return hit;
  const { text } = model;
  const excluded = scanExclusions(model);
  const found: Placeholder[] = [];
  const taken: Span[] = [];
  const add = (kind: PlaceholderKind, start: number, end: number) => {
    const span = { start, end };
    if (end <= start || overlapsAny(excluded, span) || taken.some((t) => t.start < end && start < t.end)) return;
    taken.push(span);
    found.push({ kind, start, end, raw: text.slice(start, end) });
  };
  const headingSpans = model.sections.map((s) => s.heading);
  if (model.title) headingSpans.push({ start: model.title.start, end: model.title.end });
  const inHeading = (s: Span) => headingSpans.some((h) => h.start <= s.start && s.end <= h.end);

  // 1. Known template sentences (longest first), at a line / cell / separator boundary, never in headings.
  const lower = text.toLowerCase();
  for (const phrase of FILLER) {
    if (!lower.includes(phrase.probe)) continue;
    phrase.re.lastIndex = 0;
    for (const m of text.matchAll(phrase.re)) {
      const start = m.index!;
      const end = start + m[0].length;
      // in a heading only as the whole heading text (`# Postmortem: short description of the incident`)
      if (inHeading({ start, end }) && !wholeHeading(text, headingSpans, start, end)) continue;
      if (!leftBounded(text, start, phrase) || !rightBounded(text, end, phrase)) continue;
      add('filler', start, end);
    }
  }
  // 2. Token placeholders.
  for (const [kind, re] of PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) add(kind, m.index!, m.index! + m[0].length);
  }
  // 3. All-caps template words left in headings (`# TITLE`, `## DATE`).
  for (const h of headingSpans) {
    const slice = text.slice(h.start, h.end);
    // an all-caps heading (`## DATE` as a key in a shouting document) is a style, not a placeholder;
    // a caps word inside a mixed-case heading, or a title that is only `TITLE`, is
    const words = slice.replace(/^[#\s]+|[#\s]+$/g, '');
    if (!/[a-z]/.test(words) && !(model.title && h.start === model.title.start && /^TITLE$/.test(words))) continue;
    HEADING_WORD.lastIndex = 0;
    for (const m of slice.matchAll(HEADING_WORD)) add('heading-word', h.start + m.index!, h.start + m.index! + m[0].length);
  }
  // 4. TODO / TBD as a metadata value.
  for (const field of Object.values(model.metadata.fields)) {
    const v = field.value.trim();
    const m = UNFILLED_VALUE.exec(v);
    if (m && field.end > field.start) {
      const token = m[0];
      const at = text.indexOf(token, field.start);
      const start = at >= field.start && at < field.end ? at : field.start;
      add('metadata', start, Math.min(field.end, start + token.length));
    }
  }
  found.sort((a, b) => a.start - b.start);
  cache.set(model, found);
  return found;
}

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
    description: 'Template filler left in the document ([Title], YYYY-MM-DD, HH:MM, @name, Xm, SEV-N, <add name here>, TODO/TBD in metadata, template sentences).',
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
