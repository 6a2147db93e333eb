// Sentence splitting over masked prose text. Offsets are relative to the input string.
import { vocabulary } from './data';
import type { Span } from '../types';

const ABBREV = new Set(vocabulary.abbreviations.map((a) => a.toLowerCase()));
// A match starts only at the beginning of a run of terminators and ends at the run's end (the lookahead keeps the
// quantifiers from giving characters back), so a long run of dots is read once, not once per dot.
const TERMINATOR = /(?<![.!?‽])[.!?‽]+(?![.!?‽])["'”’)\]]*(?=\s|$)/g;

/** Split `text` into sentence spans (trimmed; empty sentences dropped). */
export function splitSentences(text: string): Span[] {
  const cuts: number[] = [];
  TERMINATOR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TERMINATOR.exec(text))) {
    const end = m.index + m[0].length;
    if (m[0][0] === '.' && m[0].length === 1) {
      const before = /(?<![\p{L}.])([\p{L}.]+)$/u.exec(text.slice(Math.max(0, m.index - 12), m.index));
      const word = before ? before[1]!.toLowerCase() : '';
      if (ABBREV.has(word) || ABBREV.has(word.replace(/\.$/, '')) || /^[a-z]\.[a-z]$/i.test(word)) continue;
    }
    const rest = /^\s*(\S)?/.exec(text.slice(end));
    const next = rest?.[1];
    if (next !== undefined && /\p{Ll}/u.test(next)) continue;
    cuts.push(end);
  }
  // Line starts that begin a new entry (a timestamp or a list marker) also end a sentence.
  const lineStart = /\n[ \t]*(?=\d{1,2}:\d{2}\b|[-*+][ \t]|\d+[.)][ \t]|\|)/g;
  while ((m = lineStart.exec(text))) cuts.push(m.index);
  cuts.sort((a, b) => a - b);
  const spans: Span[] = [];
  let start = 0;
  for (const cut of [...cuts, text.length]) {
    if (cut <= start) continue;
    pushTrimmed(text, start, cut, spans);
    start = cut;
  }
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start && /[\p{L}\p{N}]/u.test(text.slice(start, end))) out.push({ start, end });
}

/** Offset at which the sentence's content begins after list markers, checkboxes and "Action:"-style labels. */
export function headOffset(sentence: string): number {
  const m =
    /^(?:\s*(?:[-*+]|\d+[.)])\s+)?(?:\[[ xX]\]\s+)?(?:\*\*)?(?:(?:action(?: item)?|fix|ai|todo|follow-?up|remediation|lesson)\s*:\s*(?:\*\*)?\s*)?/i.exec(
      sentence,
    );
  return m ? m[0].length : 0;
}

/** Mask log lines (timestamp + level token) with spaces, keeping length. */
export function maskLogLines(text: string): string {
  return text.replace(
    /^[ \t]*(?:[-*+][ \t]+)?(?:\[?\d{4}-\d\d-\d\d[T ][\d:.,]+\S*\]?|\[?\d{1,2}:\d\d:\d\d\S*\]?|[EWFI]\d{4}\s)[^\n]*$/gm,
    (line) =>
      /\b(?:ERROR|WARN|WARNING|FATAL|CRITICAL|INFO|DEBUG|TRACE|PANIC|level=\w+)\b|^\s*[EWFI]\d{4}\s/.test(line)
        ? ' '.repeat(line.length)
        : line,
  );
}
