// A pattern syntax for rules written in a config file, compiled to a regular expression that cannot backtrack
// catastrophically: words separated by spaces, where `*` is any one word, `(a|b c)` one of some literal words and a
// trailing `?` makes a word optional. Raw regular expressions are never accepted from a config file.
import { escapeRegExp } from './text';

/** Limits that keep the compiled expression's work per start position bounded by a small constant. */
export const MAX_PATTERN_LENGTH = 200;
export const MAX_PATTERN_ELEMENTS = 12;
export const MAX_OPTIONAL_ELEMENTS = 4;
const MAX_ALTERNATIVES = 50;

/** One word of the pattern: a literal, `*`, or a group of literal alternatives. */
interface Element {
  kind: 'word' | 'any' | 'group';
  optional: boolean;
  regex: string;
}

const SYNTAX = /[*?()|]/;
/** A word as `*` reads it: it starts with a letter or digit; apostrophes and hyphens inside belong to it. */
export const ANY_WORD = "\\w[\\w'-]*(?![\\w'-])";

/** Curly quotes and apostrophes as the straight ones the matcher sees (text is normalised the same way). */
function plain(s: string): string {
  return s
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[–—‐‑]/g, '-');
}

/** A run of literal words, spaces matching any whitespace run; the last word may not run on into another word. */
function literal(words: string): string {
  return `${plain(words).trim().split(/\s+/).map(escapeRegExp).join('\\s+')}(?!\\w)`;
}

/**
 * Parse a pattern: the regular expression source it compiles to (without the word boundary at its start, which the
 * caller adds), or the first problem with its position (0-based).
 */
export function compileSafePattern(pattern: string): { source: string } | { error: string } {
  if (pattern.length > MAX_PATTERN_LENGTH) return { error: `longer than ${MAX_PATTERN_LENGTH} characters` };
  const elements: Element[] = [];
  let i = 0;
  const at = (n: number) => `at character ${n + 1}`;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    let el: Element;
    if (c === '*') {
      el = { kind: 'any', optional: false, regex: ANY_WORD };
      i++;
    } else if (c === '(') {
      const close = pattern.indexOf(')', i);
      if (close < 0) return { error: `"(" ${at(i)} is never closed` };
      const inner = pattern.slice(i + 1, close);
      const bad = /[*?(]/.exec(inner);
      if (bad) return { error: `"${bad[0]}" ${at(i + 1 + bad.index)}: a group holds only literal words separated by "|"` };
      const alternatives = inner.split('|').map((a) => a.trim());
      if (alternatives.some((a) => !a)) return { error: `empty alternative in the group ${at(i)}` };
      if (alternatives.length > MAX_ALTERNATIVES) return { error: `more than ${MAX_ALTERNATIVES} alternatives in the group ${at(i)}` };
      // longest first, so the longer of two alternatives sharing a start is preferred
      const sorted = [...new Set(alternatives.map((a) => plain(a).toLowerCase()))].sort((a, b) => b.length - a.length);
      el = { kind: 'group', optional: false, regex: `(?:${sorted.map(literal).join('|')})` };
      i = close + 1;
    } else if (c === ')' || c === '|' || c === '?') {
      return { error: `unexpected "${c}" ${at(i)}` };
    } else {
      let j = i;
      while (j < pattern.length && !/\s/.test(pattern[j]!) && !SYNTAX.test(pattern[j]!)) j++;
      el = { kind: 'word', optional: false, regex: literal(pattern.slice(i, j)) };
      i = j;
    }
    if (pattern[i] === '?') {
      el.optional = true;
      i++;
    }
    if (i < pattern.length && !/\s/.test(pattern[i]!)) return { error: `expected a space ${at(i)}, found "${pattern[i]}"` };
    elements.push(el);
  }
  if (elements.length === 0) return { error: 'the pattern is empty' };
  if (elements.length > MAX_PATTERN_ELEMENTS) return { error: `more than ${MAX_PATTERN_ELEMENTS} words` };
  if (elements.filter((e) => e.optional).length > MAX_OPTIONAL_ELEMENTS)
    return { error: `more than ${MAX_OPTIONAL_ELEMENTS} optional words` };
  if (!elements.some((e) => !e.optional && e.kind !== 'any'))
    return { error: 'the pattern needs at least one word or group that is not optional and not "*"' };
  let source = '';
  let started = false;
  for (const e of elements) {
    if (!e.optional) {
      source += (started ? '\\s+' : '') + e.regex;
      started = true;
    } else source += started ? `(?:\\s+${e.regex})?` : `(?:${e.regex}\\s+)?`;
  }
  return { source };
}
