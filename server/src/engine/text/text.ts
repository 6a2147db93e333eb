// Offset/line helpers over UTF-16 text. Lines are split at \r\n, \n and lone \r, as LSP does.
import type { Span } from '../types';

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 0-based line of an offset. */
export function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface Position {
  line: number;
  character: number;
}

export function positionAt(lineStarts: number[], offset: number): Position {
  const line = lineOf(lineStarts, offset);
  return { line, character: offset - lineStarts[line]! };
}

export function offsetAt(lineStarts: number[], text: string, position: Position): number {
  if (position.line >= lineStarts.length) return text.length;
  if (position.line < 0) return 0;
  const start = lineStarts[position.line]!;
  const end = lineEndOffset(lineStarts, text, position.line);
  return Math.min(Math.max(start + position.character, start), end);
}

/** Offset of the end of a line's content (before its line break). */
export function lineEndOffset(lineStarts: number[], text: string, line: number): number {
  let end = line + 1 < lineStarts.length ? lineStarts[line + 1]! : text.length;
  if (end > lineStarts[line]! && text.charCodeAt(end - 1) === 10) end--;
  if (end > lineStarts[line]! && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** The document's dominant line break ("\r\n" when any CRLF appears before the first bare LF). */
export function detectEol(text: string): string {
  const lf = text.indexOf('\n');
  if (lf > 0 && text.charCodeAt(lf - 1) === 13) return '\r\n';
  if (lf < 0 && text.includes('\r')) return '\r';
  return '\n';
}

export interface RowCells {
  raw: Span[];
  content: Span[];
}

/** Split a table row line into cells at unescaped pipes (GFM: `\|` is a literal pipe, even in code). */
export function splitRow(text: string, rowStart: number, rowEnd: number): RowCells {
  const pipes: number[] = [];
  for (let i = rowStart; i < rowEnd; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '|') pipes.push(i);
  }
  const lineTrimStart = rowStart + (text.slice(rowStart, rowEnd).length - text.slice(rowStart, rowEnd).trimStart().length);
  let lineTrimEnd = rowEnd;
  while (lineTrimEnd > rowStart && /\s/.test(text[lineTrimEnd - 1]!)) lineTrimEnd--;
  const bounds: number[] = [];
  const leading = pipes[0] === lineTrimStart;
  const trailing = pipes.length > 0 && pipes[pipes.length - 1] === lineTrimEnd - 1 && (pipes.length > 1 || !leading);
  if (!leading) bounds.push(lineTrimStart - 1);
  bounds.push(...pipes);
  if (!trailing) bounds.push(lineTrimEnd);
  const raw: Span[] = [];
  const content: Span[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const a = bounds[i]! + 1;
    const z = bounds[i + 1]!;
    raw.push({ start: a, end: z });
    let cs = a;
    let ce = z;
    while (cs < ce && /[ \t]/.test(text[cs]!)) cs++;
    while (ce > cs && /[ \t]/.test(text[ce - 1]!)) ce--;
    content.push({ start: cs, end: ce });
  }
  return { raw, content };
}

/** Index of the first span (of spans sorted by start) that starts at or after `offset` (spans.length if none). */
export function firstStartingFrom(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The end of the line holding `from` (the offset of its \n or \r, or `limit`), looking no further than `limit`. */
export function lineEndFrom(text: string, from: number, limit = text.length): number {
  let end = from;
  while (end < limit && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/** The start of the line holding `at` (just after the line break before it, or 0). */
export function lineStartOf(text: string, at: number): number {
  let start = at;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

/** The whole lines a span lies on: from the start of its first line to the end of its last (line breaks excluded). */
export function spanLines(text: string, span: Span): Span {
  return { start: lineStartOf(text, span.start), end: lineEndFrom(text, span.end) };
}

/** A run of consecutive top-level blocks, blocks `first` to `last - 1`, covering the text from `start` to `end`. */
export interface BlockRun {
  first: number;
  last: number;
  start: number;
  end: number;
}

/**
 * Group a document's top-level blocks (their spans, in order) into runs that a text scan may take one at a time
 * instead of the whole text, with the same matches, so each run's results can be memoised.
 *
 * Two neighbours fall into different runs only when both hold text and the gap between them is whitespace with a
 * line feed: then a lookbehind or lookahead at a run's edge sees whitespace, as at a string's edge, and a match
 * crosses the gap only where its pattern takes a line feed; `joined(i)` says whether some pattern can do so
 * between blocks i and i + 1 (and keeps them together if so).
 * A run covers the whole lines of its blocks (spanLines), and the text before the first block or after the last
 * when that is not whitespace only; the text left between runs is whitespace only.
 */
export function blockRuns(text: string, blocks: readonly Span[], joined: (i: number) => boolean): BlockRun[] {
  if (blocks.length === 0) return [{ first: 0, last: 0, start: 0, end: text.length }];
  const runs: BlockRun[] = [];
  let first = 0;
  let start = onlySpace(text, 0, blocks[0]!.start) ? spanLines(text, blocks[0]!).start : 0;
  for (let i = 0; i + 1 < blocks.length; i++) {
    const a = blocks[i]!;
    const b = blocks[i + 1]!;
    if (!onlySpace(text, a.end, b.start, true) || !hasText(text, a) || !hasText(text, b) || joined(i)) continue;
    runs.push({ first, last: i + 1, start, end: spanLines(text, a).end });
    first = i + 1;
    start = spanLines(text, b).start;
  }
  const last = blocks[blocks.length - 1]!;
  runs.push({ first, last: blocks.length, start, end: onlySpace(text, last.end, text.length) ? spanLines(text, last).end : text.length });
  return runs;
}

/** Is the text from `from` to `to` whitespace only (and, with `lineFeed`, does it hold a line feed)? */
function onlySpace(text: string, from: number, to: number, lineFeed = false): boolean {
  let lf = false;
  for (let i = from; i < to; i++) {
    if (!isSpaceAt(text, i)) return false;
    if (text.charCodeAt(i) === 10) lf = true;
  }
  return lf || !lineFeed;
}

/** Is text[i] whitespace (`\s`)? (ASCII without a regex) */
export function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c > 32 && c < 127) return false;
  return c === 32 || (c >= 9 && c <= 13) || /\s/.test(text[i]!);
}

const NON_SPACE = /\S/g;

/** Does the span hold anything but whitespace? */
function hasText(text: string, span: Span): boolean {
  if (span.end <= span.start) return false;
  NON_SPACE.lastIndex = span.start;
  const m = NON_SPACE.exec(text);
  return m !== null && m.index < span.end;
}

/** A count and its noun: "1 hint", "2 hints", "0 errors". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A literal string as a regular expression source. */
/** Lines joined into one: each line break, with the whitespace around it, becomes one space (each run read once). */
export function joinLines(s: string): string {
  return s.replace(/(?<!\s)\s*\n\s*/g, ' ');
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A GFM table's delimiter row (`| --- | :-: |`): at least one dash per cell, optional colons. */
export const TABLE_DELIMITER_ROW = /^\s*(?:\|\s*)?:?-+:?\s*(?:\|\s*:?-+:?\s*)*(?:\|\s*)?$/;

/** Levenshtein distance between two strings, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The candidate a typo most likely meant ("did you mean …?"): within a quarter of its length (at least 2 edits). */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}
