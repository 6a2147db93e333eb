// Incremental parsing: after an edit, re-parse only the top-level blocks the edit can affect, reuse the
// other blocks' syntax trees (positions shifted in place), rebuild the model from the spliced tree and lint.
//
// Why the splice is sound (micromark parses blocks line by line, forward, and closed blocks never reopen):
// - Window start: the line start of a top-level node P that follows a blank line and whose first line lies
//   entirely before the edit. Every line up to and including P's first line is unchanged, the blank line has
//   closed everything before P except a list that P's (unchanged) indentation already declined to join, so
//   the nodes before P are final and a parse starting at P's line sees the same state (a leading "\n" keeps
//   `---` from being read as front matter there; P is never an indented code block nor follows one, whose state
//   micromark carries past the blank line).
// - Window end: the whole of the first top-level node B whose lines all lie after the edit. If the window
//   parse starts a top-level node exactly at B's (shifted) start, every block before B was closed by B's
//   first line, so from B on the new document parses exactly as the old one did: those nodes are reused.
//   Otherwise (an unclosed fence or HTML block, a lazy continuation, a list swallowing B) we parse in full.
// - Link and footnote references resolve against definitions anywhere in the document: definitions outside
//   the window are appended to the window as label-only stubs (the reference nodes carry no URL), and any
//   edit whose window holds something that looks like a definition ("]:") falls back to a full parse.
// Pure engine code: no node imports.
import type { Nodes, Root, RootContent } from 'mdast';
import { buildModel } from './model/buildModel';
import { lintDocument, type LintOptions, type LintResult } from './lint';
import { objectMemo } from './memo';
import type { PostmortemModel } from './model/model';
import { closedFrontMatter, parseMarkdown } from './text/parse';
import { computeLineStarts, lineOf } from './text/text';
import type { LintConfig, ResolvedConfig } from './types';

/** One replacement in offsets of the text it applies to. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/** What the last update did (for benchmarks and logs). */
export interface UpdateInfo {
  mode: 'none' | 'incremental' | 'full';
  /** Characters handed to the parser. */
  parsedChars: number;
  /** Why a full parse was needed. */
  reason?: string;
}

type Point = { line: number; column: number; offset?: number };

/** Characters compared at once by native string equality before the character-by-character loop. */
const DIFF_CHUNK = 2048;

/** The single edit turning `a` into `b` (common prefix and suffix removed); undefined when equal. */
export function diffText(a: string, b: string): OffsetEdit | undefined {
  if (a === b) return undefined;
  const max = Math.min(a.length, b.length);
  // whole chunks first (slices share the strings' storage; their comparison is native), then the last chunk
  // character by character: about ten times faster than a character loop over a 20,000-line document
  let p = 0;
  while (p + DIFF_CHUNK <= max && a.slice(p, p + DIFF_CHUNK) === b.slice(p, p + DIFF_CHUNK)) p += DIFF_CHUNK;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  const room = max - p;
  let s = 0;
  while (s + DIFF_CHUNK <= room && a.slice(a.length - s - DIFF_CHUNK, a.length - s) === b.slice(b.length - s - DIFF_CHUNK, b.length - s))
    s += DIFF_CHUNK;
  while (s < room && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, end: a.length - s, text: b.slice(p, b.length - s) };
}

function shiftPoint(p: Point, lines: number, offset: number): void {
  p.line += lines;
  if (p.offset !== undefined) p.offset += offset;
}

/** Shift every position in a subtree in place. */
function shiftTree(node: Nodes, lines: number, offset: number): void {
  if (lines === 0) return shiftOffsets(node, offset);
  if (node.position) {
    shiftPoint(node.position.start, lines, offset);
    shiftPoint(node.position.end, lines, offset);
  }
  if ('children' in node) for (const c of node.children as Nodes[]) shiftTree(c, lines, offset);
}

/** shiftTree for an edit within one line (typing): offsets only, about half the writes over half the tree. */
function shiftOffsets(node: Nodes, offset: number): void {
  const pos = node.position;
  if (pos) {
    if (pos.start.offset !== undefined) pos.start.offset += offset;
    if (pos.end.offset !== undefined) pos.end.offset += offset;
  }
  const children = (node as { children?: Nodes[] }).children;
  if (children) for (let i = 0; i < children.length; i++) shiftOffsets(children[i]!, offset);
}

/**
 * The line starts of `next`, which is `old` with [start, oldEnd) replaced by `insertedLength` characters, from
 * `old`'s line starts: starts before the edit are kept, the edited stretch (one character either side, for
 * \r\n pairs split or joined by the edit) is scanned again, and the starts after it are shifted.
 */
export function updateLineStarts(
  oldStarts: readonly number[],
  next: string,
  start: number,
  oldEnd: number,
  insertedLength: number,
): number[] {
  const delta = insertedLength - (oldEnd - start);
  const out: number[] = [];
  let i = 0;
  for (; i < oldStarts.length && oldStarts[i]! < start; i++) out.push(oldStarts[i]!);
  if (out.length === 0) out.push(0);
  const last = Math.min(next.length, start + insertedLength + 1);
  for (let j = Math.max(start - 1, 0); j < last; j++) {
    const c = next.charCodeAt(j);
    if ((c === 13 && next.charCodeAt(j + 1) !== 10) || c === 10) {
      if (j + 1 >= start) out.push(j + 1);
    }
  }
  for (; i < oldStarts.length && oldStarts[i]! <= oldEnd + 1; i++);
  for (; i < oldStarts.length; i++) out.push(oldStarts[i]! + delta);
  return out;
}

/** Window ends tried before falling back to a full parse. */
const MAX_ATTEMPTS = 4;

const CONTAINERS = new Set(['list', 'listItem', 'blockquote', 'footnoteDefinition']);

/** Definition stubs ("[label]: #") of one top-level node; memoised per node object (nodes are reused across edits). */
const defsMemo = objectMemo<RootContent, string[] | null>();
function definitionsOf(node: RootContent): string[] | null {
  return defsMemo.getOrCompute(node, () => {
    const out: string[] = [];
    let ok = true;
    const visit = (n: Nodes): void => {
      if (n.type === 'definition' || n.type === 'footnoteDefinition') {
        const label = n.label ?? n.identifier;
        if (/[\]\\\r\n[]/.test(label) || !label.trim()) ok = false;
        out.push(n.type === 'definition' ? `[${label}]: #` : `[^${label}]: x`);
      }
      if (CONTAINERS.has(n.type) || n.type === 'footnoteDefinition') for (const c of (n as { children: Nodes[] }).children) visit(c);
    };
    visit(node);
    return ok ? out : null;
  });
}

/**
 * An indented code block: micromark carries state past the blank line after one (an empty list item, "*" alone
 * on a line, then parses as a paragraph), and how that state is set depends on what came before the code block
 * (an empty list item above it), so a window must neither start right after one nor at one (found by fuzzing).
 */
function isIndentedCode(node: RootContent, text: string): boolean {
  return node.type === 'code' && !/^ {0,3}(?:`{3}|~{3})/.test(text.slice(startOf(node), startOf(node) + 6));
}

/**
 * Does the window's parse of B (the first reused node) read it as before: the same types and extents all the way
 * down (relative to B's start)? micromark carries some state past a blank line (after an indented code block an
 * empty list item parses as a paragraph), so a node starting at B's place is not enough (found by fuzzing).
 */
function sameShape(parsed: Nodes, old: Nodes, ps = startOf(parsed), os = startOf(old)): boolean {
  if (parsed.type !== old.type || startOf(parsed) - ps !== startOf(old) - os || endOf(parsed) - ps !== endOf(old) - os) return false;
  const pk = (parsed as { children?: Nodes[] }).children ?? [];
  const ok = (old as { children?: Nodes[] }).children ?? [];
  if (pk.length !== ok.length) return false;
  for (let i = 0; i < pk.length; i++) if (!sameShape(pk[i]!, ok[i]!, ps, os)) return false;
  return true;
}

/** Is the line before the one starting at `lineStart` blank (spaces and tabs only)? */
function blankLineBefore(text: string, lineStarts: readonly number[], lineStart: number): boolean {
  const line = lineOf(lineStarts as number[], lineStart);
  if (line === 0) return false;
  return /^[ \t]*(?:\r\n|\n|\r)$/.test(text.slice(lineStarts[line - 1]!, lineStart));
}

const startOf = (c: Nodes): number => c.position!.start.offset!;
const endOf = (c: Nodes): number => c.position!.end.offset!;

function isBlankGap(s: string): boolean {
  // whitespace only, with at least one blank line (two line breaks)
  if (/[^ \t\r\n]/.test(s)) return false;
  return (s.match(/\r\n|\r|\n/g)?.length ?? 0) >= 2;
}

export class IncrementalDocument {
  text: string;
  tree: Root;
  lineStarts: number[];
  last: UpdateInfo = { mode: 'full', parsedChars: 0 };
  private cachedModel: PostmortemModel | undefined;

  constructor(text: string) {
    this.text = text;
    this.tree = parseMarkdown(text);
    this.lineStarts = computeLineStarts(text);
    this.last = { mode: 'full', parsedChars: text.length };
  }

  /** The model for the current text (built once per version from the maintained tree). */
  get model(): PostmortemModel {
    return (this.cachedModel ??= buildModel(this.text, this.tree, this.lineStarts));
  }

  /** Lint the current text with the maintained model. */
  lint(config?: LintConfig | ResolvedConfig, options: LintOptions = {}): LintResult {
    return lintDocument(this.text, config, { ...options, model: this.model });
  }

  /** Bring the document to `text` (any number of changes: the difference is found by prefix/suffix comparison). */
  update(text: string): UpdateInfo {
    const edit = diffText(this.text, text);
    if (!edit) {
      this.last = { mode: 'none', parsedChars: 0 };
      return this.last;
    }
    return this.applyEdit(edit, text);
  }

  /**
   * Apply one edit given in offsets of the current text. The previous tree and model are invalidated (nodes are
   * reused in place). `result` is the edited text when the caller has it (no second copy of a large document).
   */
  applyEdit(edit: OffsetEdit, result?: string): UpdateInfo {
    const old = this.text;
    const start = Math.max(0, Math.min(edit.start, old.length));
    const end = Math.max(start, Math.min(edit.end, old.length));
    const next = result ?? old.slice(0, start) + edit.text + old.slice(end);
    const newLineStarts = updateLineStarts(this.lineStarts, next, start, end, edit.text.length);
    let info: UpdateInfo;
    let tree: Root | undefined;
    try {
      const spliced = this.splice(old, next, start, end, edit.text.length - (end - start), newLineStarts);
      if (typeof spliced === 'string') info = { mode: 'full', parsedChars: next.length, reason: spliced };
      else {
        tree = spliced.tree;
        info = { mode: 'incremental', parsedChars: spliced.parsedChars };
      }
    } catch (error) {
      info = { mode: 'full', parsedChars: next.length, reason: `splice failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    this.tree = tree ?? parseMarkdown(next);
    this.text = next;
    this.lineStarts = newLineStarts;
    this.cachedModel = undefined;
    this.last = info;
    return info;
  }

  /** The spliced tree, or the reason a full parse is needed. */
  private splice(
    old: string,
    next: string,
    s: number,
    e: number,
    delta: number,
    newLineStarts: number[],
  ): { tree: Root; parsedChars: number } | string {
    const children = this.tree.children;
    const n = children.length;
    if (n === 0) return 'empty tree';
    const oldStarts = this.lineStarts;
    const lineStartOld = (offset: number) => oldStarts[lineOf(oldStarts, offset)]!;

    // first child not entirely before the edit
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (endOf(children[mid]!) < s) lo = mid + 1;
      else hi = mid;
    }
    const touched = lo;

    // window start: a node after a blank line whose first line ends before the edit
    let first = 0;
    let ws = 0;
    for (let i = Math.min(touched, n - 1), tries = 0; i > 0 && tries < 16; i--, tries++) {
      const c = children[i]!;
      const line = lineOf(oldStarts, startOf(c));
      const nextLine = line + 1 < oldStarts.length ? oldStarts[line + 1]! : Infinity;
      if (nextLine > s) continue;
      const ls = oldStarts[line]!;
      if (/[^ \t]/.test(old.slice(ls, startOf(c)))) continue;
      if (!isBlankGap(old.slice(endOf(children[i - 1]!), ls))) continue;
      if (isIndentedCode(children[i - 1]!, old) || isIndentedCode(c, old)) continue;
      first = i;
      ws = ls;
      break;
    }

    // front matter is decided by looking ahead to its closing fence, however far: never splice there, nor where
    // an edit further down opens or closes the front matter started on the first line
    if (ws === 0 && (/^(?:---|\+\+\+)/.test(next) || /^(?:---|\+\+\+)/.test(old))) return 'front matter at the window start';
    if (closedFrontMatter(next) !== closedFrontMatter(old)) return 'the edit opens or closes the front matter';

    // window end: the first node whose lines all lie after the edit; when the window parse does not start a
    // node there (the edit merged blocks, say), widen the window to the next candidate a few times
    // (B's line must start exactly `delta` later in the new text, so columns after the window are unchanged)
    const candidates: number[] = [];
    for (let j = Math.max(touched, first + 1); j < n && candidates.length < MAX_ATTEMPTS; j++) {
      const c = children[j]!;
      const ls = lineStartOld(startOf(c));
      if (startOf(c) < e || ls < e) continue;
      if (newLineStarts[lineOf(newLineStarts, startOf(c) + delta)] !== ls + delta) continue;
      // after a blank line in both texts: a block whose first line interrupts a paragraph parses differently
      // inside ("* 2) " holds an ordered list only after a blank line), so it must not do so in either
      if (!blankLineBefore(old, oldStarts, ls) || !blankLineBefore(next, newLineStarts, ls + delta)) continue;
      candidates.push(j);
    }
    if (candidates.length < MAX_ATTEMPTS) candidates.push(n); // last resort: the window runs to the end
    const prefix = ws > 0 ? '\n' : '';
    let parsedChars = 0;
    let last = n;
    let fresh: RootContent[] | undefined;
    let failure = 'no window';
    for (const candidate of candidates) {
      last = candidate;
      const b = last < n ? children[last]! : undefined;
      const oldWindowEnd = b ? endOf(b) : old.length;
      const windowText = next.slice(ws, oldWindowEnd + delta);
      if (old.slice(ws, oldWindowEnd).includes(']:') || windowText.includes(']:')) return 'definition in the edited blocks';

      // definitions outside the window, so references inside it resolve as in a full parse
      const stubs: string[] = [];
      for (let i = 0; i < n; i++) {
        if (i === first) i = last; // skip the window
        if (i >= n) break;
        const d = definitionsOf(children[i]!);
        if (d === null) return 'unusual definition label';
        if (d.length) stubs.push(...d);
      }
      const input = prefix + windowText + (stubs.length ? `\n\n${stubs.join('\n')}\n` : '');
      parsedChars += input.length;
      const parsed = parseMarkdown(input);

      const limit = prefix.length + windowText.length;
      const bStartParsed = b ? startOf(b) + delta - ws + prefix.length : -1;
      const nodes: RootContent[] = [];
      let anchored = !b;
      let overrun = false;
      for (const c of parsed.children) {
        const cs = startOf(c);
        if (b && cs >= bStartParsed) {
          if (cs === bStartParsed && sameShape(c, b)) anchored = true;
          break;
        }
        if (!b && cs >= limit) break; // stubs
        if (endOf(c) > limit) {
          overrun = true;
          break;
        }
        nodes.push(c);
      }
      if (overrun) return 'a block runs past the window';
      if (anchored) {
        fresh = nodes;
        break;
      }
      failure = 'the edit changes where the next blocks start';
    }
    if (!fresh) return failure;
    const b = last < n ? children[last]! : undefined;

    // shift the fresh nodes into document coordinates, and the reused nodes after the window by the edit
    const wsLine = lineOf(newLineStarts, ws); // 0-based
    const freshLines = ws > 0 ? wsLine - 1 : 0;
    const freshOffset = ws - prefix.length;
    for (const c of fresh) shiftTree(c, freshLines, freshOffset);
    if (b) {
      const lineDelta = lineOf(newLineStarts, startOf(b) + delta) - lineOf(oldStarts, startOf(b));
      if (lineDelta !== 0 || delta !== 0) for (let i = last; i < n; i++) shiftTree(children[i]!, lineDelta, delta);
    }
    const spliced: RootContent[] = [...children.slice(0, first), ...fresh, ...children.slice(last)];
    const lastLine = newLineStarts.length - 1;
    const root: Root = {
      type: 'root',
      children: spliced,
      position: {
        start: { line: 1, column: 1, offset: 0 },
        end: { line: lastLine + 1, column: next.length - newLineStarts[lastLine]! + 1, offset: next.length },
      },
    };
    return { tree: root, parsedChars };
  }
}
