// Template placeholders: every span of template filler left in a document — `[Title]`, `YYYY-MM-DD`, `HH:MM`, `@name`,
// `Xm`, `SEV-N`, `<add name here>`, `{{ incident name }}`, `OPS-???`, TODO/TBD as a metadata value, and known template
// sentences (data/template-filler.json). Read by the template-placeholder, empty-section and metadata rules:
// findPlaceholders(model) (every placeholder/filler span, sorted) and scanExclusions(model) (code, HTML comments,
// link destinations, link references: never scanned).
//
// Incremental re-lints: the scans run per run of top-level blocks (see blockRuns), memoised per block (a run is nearly
// always one block), so after an edit only the edited blocks are scanned again; the merge applies what depends on the
// whole model (headings, metadata) and gives exactly the whole-text scan's result.
import filler from '../data/template-filler.json';
import type { PostmortemModel } from '../model/model';
import { nodeEnd, nodeStart, walk, type Nodes, type Root } from '../text/parse';
import { nodeMemo, objectMemo } from '../memo';
import { blockRuns, escapeRegExp, firstStartingFrom, isSpaceAt, lineEndFrom, lineStartOf, spanLines } from '../text/text';
import type { Span } from '../types';

export type PlaceholderKind =
  | 'bracket'
  | 'date'
  | 'time'
  | 'handle'
  | 'duration'
  | 'severity'
  | 'angle'
  | 'moustache'
  | 'ticket'
  | 'metadata'
  | 'heading-word'
  | 'filler';

export interface Placeholder extends Span {
  kind: PlaceholderKind;
  raw: string;
}

const BRACKET_WORDS =
  'title|incident title|incident name|date|time|name|your name|full name|owner|owners|author|authors|service|service name|team|team name|description|summary|link|url|duration|severity|impact|ticket|ticket id|component|system|product|customer|todo|tbd|placeholder';
const BRACKET = new RegExp(`\\[(?:${BRACKET_WORDS}|(?:insert|add|enter|describe|your|fill in)\\s[^\\]\\n]{1,60})\\](?![(\\[:])`, 'gi');
const DATE =
  /(?<![\w-])(?:YYYY[-/.]MM[-/.]DD|yyyy[-/.]mm[-/.]dd|DD[-/.]MM[-/.]YYYY|dd[-/.]mm[-/.]yyyy|MM[-/.]DD[-/.]YYYY|mm[-/.]dd[-/.]yyyy|YYYY-MM|MMM DD, YYYY)(?![\w-])/g;
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
  const body = escapeRegExp(text.trim()).replace(/['’]/g, "['’]").replace(/\s+/g, '\\s+');
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

/**
 * A template sentence split after word k (its words are w[0..n-1]: k from 1 to n-1) matches across a gap when the
 * text before the gap ends with w[k-1] (the whole last word, or its end if k = 1: the match may start inside a
 * word) and the text after it starts with w[k] (the whole first word, or its start if k = n-1). Words compared
 * lower-case with ’ as '.
 */
interface Split {
  tail: string;
  head: string;
  tailIsFirst: boolean;
  headIsLast: boolean;
}

function fold(s: string): string {
  const lower = s.toLowerCase();
  return lower.includes('’') ? lower.replace(/’/g, "'") : lower;
}

const SPLITS: Split[] = [];
for (const p of FILLER) {
  const words = fold(p.text.trim()).split(/\s+/);
  for (let k = 1; k < words.length; k++)
    SPLITS.push({ tail: words[k - 1]!, head: words[k]!, tailIsFirst: k === 1, headIsLast: k === words.length - 1 });
}

/** Text before a match on its line is only markup (bullet, quote, heading-less emphasis, table pipe) or ends with a separator. */
function leftBounded(text: string, start: number, phrase: FillerPhrase): boolean {
  const before = text.slice(lineStartOf(text, start), start);
  if (phrase.afterSeparator)
    return /(?:\d|[Hh]{2}:[Mm]{2})\S{0,40}\s*(?:[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?\s*[*_]*\s*(?:\||[—–]|-|:)\s*[*_]*$/.test(before);
  if (/^[\s>]*(?:#{1,6}\s+)?(?:(?:[-*+]|\d{1,3}[.)])\s+)?(?:\[[ xX]?\]\s*)?[*_]*$/.test(before)) return true;
  return /(?:\||[—–]|\s-|:)\s*[*_]*$/.test(before);
}

/** Text after a match on its line is only closing markup / punctuation, a cell end or a separator. */
function rightBounded(text: string, end: number, phrase: FillerPhrase): boolean {
  if (phrase.prefix || /[.,;:]$/.test(phrase.text)) return true;
  const after = text.slice(end, lineEndFrom(text, end));
  return /^[*_]*(?:[.,;:!?][*_]*)?\s*(?:$|\||[—–]|\s-\s|<!--)/.test(after);
}

/** Memo per model: template-placeholder and empty-section both ask (callers must not modify the array). */
const exclusionsMemo = objectMemo<PostmortemModel, Span[]>();

/** Spans never scanned: code, HTML comments, link destinations and defined link references; sorted by start. */
export function scanExclusions(model: PostmortemModel): Span[] {
  return exclusionsMemo.getOrCompute(model, () => {
    // each block's spans lie inside it and are sorted, so the blocks' lists in order are the whole sorted list
    const out: Span[] = [];
    for (const { span, scan } of blockScans(model))
      for (const x of scan.excluded) out.push({ start: x.start + span.start, end: x.end + span.start });
    return out;
  });
}

/** What findPlaceholders needs of one top-level block: offsets relative to the block start, or its lines' start. */
interface BlockScan {
  /** The block's exclusions (see scanExclusions), sorted by start. */
  excluded: Span[];
  /** A pattern match may run on from the block's end over a following line feed (see crossings). */
  openEnd: boolean;
  /** `Xh` / `X` ends the block: a duration placeholder may go on after a single line feed. */
  durationEnd: boolean;
  /** `here>` starts the block: an angle-bracket field may have begun before the line feed. */
  hereStart: boolean;
  /** The template sentences (their indices in SPLITS) whose first part may end the block / whose rest may start it. */
  tailSplits: number[];
  headSplits: number[];
  /** scanRun of the block's lines, when the block is a run of its own (filled in when first needed). */
  alone?: Candidate[];
}

/** A top-level block with its span, whole lines (spanLines) and scan. */
interface Block {
  span: Span;
  lines: Span;
  scan: BlockScan;
}

/** Memo per block, checked against the text of its lines (incremental parsing reuses unchanged blocks). */
const blockMemo = nodeMemo<Nodes, BlockScan>();
const blocksMemo = objectMemo<PostmortemModel, Block[]>();

/** The model's top-level blocks, in order. */
function blockScans(model: PostmortemModel): Block[] {
  return blocksMemo.getOrCompute(model, () => {
    const { text } = model;
    return ((model.tree as Root).children as Nodes[]).map((node) => {
      const span = { start: nodeStart(node), end: nodeEnd(node) };
      const lines = spanLines(text, span);
      return { span, lines, scan: blockMemo.getOrCompute(node, text.slice(lines.start, lines.end), () => scanBlock(node, text, span)) };
    });
  });
}

function scanBlock(node: Nodes, text: string, span: Span): BlockScan {
  const source = text.slice(span.start, span.end);
  const trimmed = source.trimEnd();
  return {
    excluded: blockExclusions(node).map((x) => ({ start: x.start - span.start, end: x.end - span.start })),
    openEnd: /\[(?:insert|add|enter|describe|your|fill in)$/i.test(source.slice(-9)) || trimmed.endsWith('{{'),
    durationEnd: /Xh?$/.test(source.slice(-2)),
    hereStart: /^here>/i.test(source),
    tailSplits: splitsAt(lastRun(trimmed), 'tail'),
    headSplits: splitsAt(firstRun(source.trimStart()), 'head'),
  };
}

/** One block's exclusions in document offsets, sorted by start. */
function blockExclusions(root: Nodes): Span[] {
  const out: Span[] = [];
  walk(root, (node: Nodes) => {
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
          for (const m of node.value.matchAll(/<!--[\s\S]*?(?:-->|$)/g))
            out.push({ start: nodeStart(node) + m.index!, end: nodeStart(node) + m.index! + m[0].length });
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

/**
 * Where a match can cross the gap between two blocks (whitespace with a line feed, see blockRuns): only through
 * a pattern part that takes a line feed. Those are `\s` after `[insert` (BRACKET), `\s` before `here>` (ANGLE),
 * `\s*` after `{{` (MOUSTACHE), `\s?` in `Xh Ym` / `X min` (DURATION, a gap of one line feed) and the `\s+`
 * between a template sentence's words; the other patterns take no line break (`[^\]\n]` and the like take a
 * `\r`, but a gap with a `\n` cannot be crossed with them alone).
 */
function crossings(before: Block, after: Block, text: string): boolean {
  const a = before.scan;
  const b = after.scan;
  const lineFeedOnly = after.span.start === before.span.end + 1 && text[before.span.end] === '\n';
  if (a.openEnd || b.hereStart || (a.durationEnd && lineFeedOnly)) return true;
  return a.tailSplits.some((i) => b.headSplits.includes(i));
}

/** The first / last whitespace-free run of a (trimmed) text (a run is short: it is a word). */
function firstRun(s: string): string {
  let i = 0;
  while (i < s.length && !isSpaceAt(s, i)) i++;
  return s.slice(0, i);
}

function lastRun(s: string): string {
  let i = s.length;
  while (i > 0 && !isSpaceAt(s, i - 1)) i--;
  return s.slice(i);
}

/** The splits (indices in SPLITS) a block's last (`tail`) or first (`head`) word may be part of. */
function splitsAt(run: string, side: 'tail' | 'head'): number[] {
  const out: number[] = [];
  if (!run) return out;
  const w = fold(run);
  for (let i = 0; i < SPLITS.length; i++) {
    const x = SPLITS[i]!;
    if (side === 'tail' ? w === x.tail || (x.tailIsFirst && w.endsWith(x.tail)) : w === x.head || (x.headIsLast && w.startsWith(x.head)))
      out.push(i);
  }
  return out;
}

function wholeHeading(text: string, headings: Span[], start: number, end: number): boolean {
  const h = headings.find((x) => x.start <= start && end <= x.end);
  if (!h) return false;
  return /^[#\s*_]*$/.test(text.slice(h.start, start)) && /^[\s*_.:#]*$/.test(text.slice(end, h.end));
}

/** Does `s` overlap one of `spans` (sorted by start; those from index `from` on)? */
function overlapsAny(spans: Span[], s: Span, from = 0): boolean {
  for (let i = from; i < spans.length; i++) {
    const x = spans[i]!;
    if (x.start >= s.end) break;
    if (s.start < x.end && x.start < s.end) return true;
  }
  return false;
}

/** A match of a template sentence or a token pattern in a run's text (offsets relative to the run start). */
interface Candidate {
  kind: PlaceholderKind;
  start: number;
  end: number;
}

/**
 * Template sentences and token placeholders in one run of blocks (`text` is the run's text, whole lines), in the
 * order they are taken: sentences longest first, then the patterns, each in text order. Sentences are checked
 * for their line boundaries here, for headings when merged (that depends on the model).
 */
function scanRun(text: string): Candidate[] {
  const out: Candidate[] = [];
  // (exec on the shared global patterns: no match is empty, and a run is short, so matchAll's copies would cost more)
  // 1. Known template sentences (longest first), at a line / cell / separator boundary.
  const lower = text.toLowerCase();
  for (const phrase of FILLER) {
    if (!lower.includes(phrase.probe)) continue;
    phrase.re.lastIndex = 0;
    for (let m = phrase.re.exec(text); m; m = phrase.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (leftBounded(text, start, phrase) && rightBounded(text, end, phrase)) out.push({ kind: 'filler', start, end });
    }
  }
  // 2. Token placeholders.
  for (const [kind, re] of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) out.push({ kind, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const cache = objectMemo<PostmortemModel, Placeholder[]>();

/** Every placeholder and filler span in the document, sorted by offset, non-overlapping. */
export function findPlaceholders(model: PostmortemModel): Placeholder[] {
  const hit = cache.get(model);
  if (hit) return hit;
  const { text } = model;
  const excluded = scanExclusions(model);
  const found: Placeholder[] = [];
  /** Take a span unless it is empty, excluded (`excluded` from index `from` on) or overlaps one of `taken`. */
  const add = (kind: PlaceholderKind, start: number, end: number, from: number, taken: Span[]) => {
    const span = { start, end };
    if (end <= start || overlapsAny(excluded, span, from) || taken.some((t) => t.start < end && start < t.end)) return;
    taken.push(span);
    found.push({ kind, start, end, raw: text.slice(start, end) });
  };
  const headingSpans = model.sections.map((s) => s.heading);
  if (model.title) headingSpans.push({ start: model.title.start, end: model.title.end });
  const inHeading = (s: Span) => headingSpans.some((h) => h.start <= s.start && s.end <= h.end);

  // 1 and 2, run by run: no match, exclusion or heading crosses from one run into another, so a span is only
  // taken or refused because of spans in its own run
  const blocks = blockScans(model);
  const runs = blockRuns(
    text,
    blocks.map((b) => b.span),
    (i) => crossings(blocks[i]!, blocks[i + 1]!, text),
  );
  for (const run of runs) {
    const block = blocks[run.first];
    const alone = block && run.last === run.first + 1 && run.start === block.lines.start && run.end === block.lines.end;
    const candidates = alone ? (block.scan.alone ??= scanRun(text.slice(run.start, run.end))) : scanRun(text.slice(run.start, run.end));
    if (candidates.length === 0) continue;
    const lo = firstStartingFrom(excluded, run.start);
    const taken: Span[] = [];
    for (const c of candidates) {
      const start = run.start + c.start;
      const end = run.start + c.end;
      // a template sentence in a heading only as the whole heading text (`# Postmortem: short description of the incident`)
      if (c.kind === 'filler' && inHeading({ start, end }) && !wholeHeading(text, headingSpans, start, end)) continue;
      add(c.kind, start, end, lo, taken);
    }
  }
  const taken: Span[] = [...found];
  // 3. All-caps template words left in headings (`# TITLE`, `## DATE`).
  for (const h of headingSpans) {
    const slice = text.slice(h.start, h.end);
    // an all-caps heading (`## DATE` as a key in a shouting document) is a style, not a placeholder;
    // a caps word inside a mixed-case heading, or a title that is only `TITLE`, is
    const words = slice.replace(/^[#\s]+|[#\s]+$/g, '');
    if (!/[a-z]/.test(words) && !(model.title && h.start === model.title.start && /^TITLE$/.test(words))) continue;
    HEADING_WORD.lastIndex = 0;
    for (const m of slice.matchAll(HEADING_WORD)) add('heading-word', h.start + m.index!, h.start + m.index! + m[0].length, 0, taken);
  }
  // 4. TODO / TBD as a metadata value.
  for (const field of Object.values(model.metadata.fields)) {
    const v = field.value.trim();
    const m = UNFILLED_VALUE.exec(v);
    if (m && field.end > field.start) {
      const token = m[0];
      const at = text.indexOf(token, field.start);
      const start = at >= field.start && at < field.end ? at : field.start;
      add('metadata', start, Math.min(field.end, start + token.length), 0, taken);
    }
  }
  found.sort((a, b) => a.start - b.start);
  cache.set(model, found);
  return found;
}
