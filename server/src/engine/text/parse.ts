// Markdown → mdast with UTF-16 offsets (unified + remark-parse + the GFM extensions + remark-frontmatter).
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Extension } from 'micromark-util-types';
import type { Root, RootContent, Nodes, Parents } from 'mdast';

/**
 * GFM as remark-gfm wires it (tables, task lists, footnotes, strikethrough, literal autolinks), with two
 * differences that cost a linter nothing and save about a quarter of the parse:
 * - literal autolinks start only at `http(s)://` and `www.`; remark-gfm also tries a bare e-mail address at
 *   every letter and digit of the text (prose masks bare e-mail addresses itself: see prose.ts);
 * - no post-parse find-and-replace over every text node (it only adds position-less link nodes for what the
 *   tokenizer already declined).
 */
function gfmAutolinkUrls(): Extension {
  const text = gfmAutolinkLiteral().text as Record<number, unknown>;
  const url = (code: number) => (text[code] as unknown[]).filter((c) => (c as { name?: string }).name !== 'emailAutolink');
  // H h: protocol (http, https); W w: www.
  return { text: Object.fromEntries([72, 104, 87, 119].map((code) => [code, url(code)])) } as Extension;
}

function remarkGfmForLint(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: Extension[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmAutolinkUrls(), gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  const autolink = { ...gfmAutolinkLiteralFromMarkdown(), transforms: [] };
  (data.fromMarkdownExtensions ??= []).push([
    autolink,
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  ]);
}

const processor = unified().use(remarkParse).use(remarkGfmForLint);
const withFrontMatter = unified().use(remarkParse).use(remarkGfmForLint).use(remarkFrontmatter, ['yaml', 'toml']);

const FRONT_MATTER_OPEN = /^\uFEFF?(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)/;
const FRONT_MATTER_CLOSE = { '---': /(?:^|\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|$)/, '+++': /(?:^|\r\n|\r|\n)\+\+\+[ \t]*(?:\r\n|\r|\n|$)/ };

/**
 * Does the text open with front matter that is closed (the rule micromark-extension-frontmatter applies: `---` or
 * `+++` on the first line, the same fence on a later line, each followed only by spaces or tabs)? Front matter
 * is only parsed then: an unclosed one is tried line by line to the end of the document as a construct that
 * containers cannot enter, and when it finally fails the lists and block quotes of every line are already lost
 * (the whole document parses as paragraphs while the author is typing the front matter).
 */
export function closedFrontMatter(text: string): boolean {
  const open = FRONT_MATTER_OPEN.exec(text);
  return !!open && FRONT_MATTER_CLOSE[open[1] as '---' | '+++'].test(text.slice(open[0].length));
}

/** Containers (block quotes, list items) one line may open; the parser's work grows with their square. */
export const MAX_CONTAINERS = 64;
/** Nesting depth of the tree our walkers recurse through; deeper content is read as plain text. */
export const MAX_DEPTH = 100;

/**
 * The container marker (block quote `>`, list item `-` `*` `+` `1.` `1)`) after at most four spaces or tabs from `i`:
 * where it starts and ends, or undefined when the line goes on with something else.
 */
function containerMarker(text: string, i: number): { at: number; end: number; list: boolean } | undefined {
  let pad = 0;
  while (pad < 4 && (text[i] === ' ' || text[i] === '\t')) {
    i++;
    pad++;
  }
  if (text[i] === '>') return { at: i, end: i + 1, list: false };
  const blank = (c: string | undefined) => c === ' ' || c === '\t';
  if ((text[i] === '-' || text[i] === '*' || text[i] === '+') && blank(text[i + 1])) return { at: i, end: i + 1, list: true };
  let d = i;
  while (d < i + 9 && text.charCodeAt(d) >= 48 && text.charCodeAt(d) <= 57) d++;
  if (d > i && (text[d] === '.' || text[d] === ')') && blank(text[d + 1])) return { at: i, end: d + 1, list: true };
  return undefined;
}

/**
 * Calls `each(start, end)` for every line, `end` being the offset of its line break (`\n`, `\r` or `\r\n`) or
 * text.length. Each search for a line break starts where the last one ended, so the walk is linear in the text.
 */
function eachLine(text: string, each: (start: number, end: number) => void): void {
  let lf = -1;
  let cr = -1;
  for (let ls = 0; ls < text.length;) {
    if (lf < ls) lf = text.indexOf('\n', ls) >>> 0; // not found: 2^32 - 1, past any text
    if (cr < ls) cr = text.indexOf('\r', ls) >>> 0;
    const nl = Math.min(lf, cr, text.length);
    each(ls, nl);
    ls = nl + (text[nl] === '\r' && text[nl + 1] === '\n' ? 2 : 1);
  }
}

/**
 * The text the parser reads: block-quote and list markers past MAX_CONTAINERS on one line become spaces (same length,
 * so every offset holds; the deeper content stays text inside the deepest container), and where that happened. Reads
 * only line prefixes.
 */
function capContainers(text: string): { text: string; capped: number[] } {
  const pieces: string[] = [];
  const capped: number[] = [];
  let copied = 0;
  eachLine(text, (ls) => {
    let depth = 0;
    for (let m = containerMarker(text, ls); m; m = containerMarker(text, m.end)) {
      if (++depth > MAX_CONTAINERS) {
        if (depth === MAX_CONTAINERS + 1) capped.push(m.at);
        pieces.push(text.slice(copied, m.at), ' '.repeat(m.end - m.at));
        copied = m.end;
      }
    }
  });
  if (!capped.length) return { text, capped };
  pieces.push(text.slice(copied));
  return { text: pieces.join(''), capped };
}

/**
 * Emphasis and bracket markers (`*`, `_`, `[`, `]`) one run of inline content (a paragraph, a heading, a table row)
 * may hold before the parser reads it as plain text. micromark matches these markers by walking back over everything
 * before them in the same inline content, so its work grows with the square of their number there (a paragraph of
 * 16,000 `*_` takes 8 s; `]` alone is quadratic through the footnote extension); with the cap no run costs more than
 * a few milliseconds and the parse stays linear in the document. Real postmortems stay far below it: in the 47 of
 * the test corpus the busiest run holds 68 (a code block of log lines, which the parser does not read inline) and
 * the busiest paragraph 22.
 */
export const MAX_MARKERS = 128;

const isMarker = (code: number) => code === 42 || code === 95 || code === 91 || code === 93; // * _ [ ]
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/** Cells of the table row [start, end) (which starts with no blank), split at unescaped pipes; 0 without a pipe. */
function cellCount(text: string, start: number, end: number): number {
  let pipes = 0;
  let last = -1;
  for (let i = start; i < end; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '|') {
      pipes++;
      last = i;
    }
  }
  if (!pipes) return 0;
  let trail = end;
  while (isBlank(text[trail - 1])) trail--;
  const leading = text[start] === '|';
  const trailing = last === trail - 1 && !(leading && pipes === 1);
  return pipes + 1 - (leading ? 1 : 0) - (trailing ? 1 : 0);
}

/** Is [start, end) a table delimiter row (`| --- | :-: |`), and with how many cells? 0 when it is not one. */
function delimiterCells(text: string, start: number, end: number): number {
  let i = start;
  let cells = 0;
  let pipes = 0;
  while (isBlank(text[i])) i++;
  if (text[i] === '|') {
    i++;
    pipes++;
  }
  for (;;) {
    while (isBlank(text[i])) i++;
    if (i >= end) break;
    if (text[i] === ':') i++;
    let dashes = 0;
    while (text[i] === '-') {
      i++;
      dashes++;
    }
    if (!dashes) return 0;
    if (text[i] === ':') i++;
    while (isBlank(text[i])) i++;
    cells++;
    if (i >= end) break;
    if (text[i] !== '|') return 0;
    i++;
    pipes++;
  }
  return cells && (pipes || cells > 1) ? cells : 0;
}

/** A thematic break (`***`, `- - -`, `___`) from `i` to the line's end. */
function thematicBreak(text: string, i: number, end: number): boolean {
  const mark = text[i];
  if (mark !== '*' && mark !== '-' && mark !== '_') return false;
  let n = 0;
  for (; i < end; i++) {
    if (text[i] === mark) n++;
    else if (!isBlank(text[i])) return false;
  }
  return n >= 3;
}

/**
 * The runs of inline content the parser reads, as [start, end, markers]: lines joined until a blank line, a list item,
 * a heading, a thematic break or a table; each table row (and heading) a run of its own. Where unsure it joins lines,
 * so a run the parser reads is never split here and never holds more markers than counted (a fuzz test holds this).
 */
export function inlineRuns(text: string): [number, number, number][] {
  const runs: [number, number, number][] = [];
  let run: [number, number, number] | undefined;
  let runInContainer = false; // a line of the open run had a container: a block quote, list item or footnote
  let runItem = Infinity; // the content column of the list item whose paragraph the open run may be
  let runQuotes = 0; // the block-quote depth of the open run's last line
  let table = -1; // the block-quote depth of the table whose rows follow, or -1
  let delimiter = -1; // the line start of a delimiter row to skip
  const lines: [number, number][] = [];
  eachLine(text, (start, end) => lines.push([start, end]));
  const close = () => {
    if (run) runs.push(run);
    run = undefined;
    runInContainer = false;
    runItem = Infinity;
  };
  /** The column `to` is at on the line starting at `start` (tabs to the next multiple of four). */
  const column = (start: number, to: number) => {
    let col = 0;
    for (let i = start; i < to; i++) col = text[i] === '\t' ? (col + 4) & ~3 : col + 1;
    return col;
  };
  // a line's containers: block quotes and list items. A list marker indented four columns or more opens an item only
  // in the content of the open run's list item (a nested list); elsewhere it is paragraph text or code
  const prefix = (start: number, end: number, itemContent: number) => {
    let i = start;
    let quotes = 0;
    let list = false;
    let item = -1;
    for (let m = containerMarker(text, i); m; m = containerMarker(text, m.end)) {
      if (m.list) {
        const x = column(start, m.at);
        const nested = i === start ? x < 4 || (quotes === runQuotes && itemContent <= x && x < itemContent + 4) : x - column(start, i) < 4;
        if (!nested) break;
      }
      if (!m.list) quotes++;
      else {
        // a list item can interrupt a paragraph only when it holds something and, numbered, starts at 1 (CommonMark);
        // after one that cannot, the rest of the line may be its text
        const marker = text.slice(m.at, m.end);
        const interrupts = marker.length === 1 || marker === '1.' || marker === '1)';
        if (item < 0) item = m.at;
        if (!interrupts && !list) break;
        list = true;
      }
      i = m.end;
    }
    let c = i;
    while (isBlank(text[c])) c++;
    // an empty list item may be paragraph text: read from its marker, as a line of the run
    if (c >= end && item >= 0) return { c: item, quotes, list: false, item: -1, itemAt: item, indent: 0, contained: true };
    const contained = quotes > 0 || item >= 0 || c > start || text.startsWith('[^', c);
    return {
      c,
      quotes,
      list,
      item: item >= 0 ? column(start, c) : -1,
      itemAt: item,
      indent: column(start, c) - column(start, i),
      contained,
    };
  };
  const count = (from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to; i++) if (isMarker(text.charCodeAt(i))) n++;
    return n;
  };
  for (let k = 0; k < lines.length; k++) {
    const [start, end] = lines[k]!;
    if (start === delimiter) continue;
    const line = prefix(start, end, runItem);
    const { quotes, list, item, itemAt, indent, contained } = line;
    let c = line.c;
    if (c >= end) {
      close();
      table = -1;
      continue;
    }
    const join = (content = item) => {
      if (run) {
        run[1] = end;
        run[2] += count(c, end);
        // a lazy line (left of the item's content) may have closed the item: nothing nests in it any more
        runItem = content >= 0 ? content : quotes === runQuotes && column(start, c) >= runItem ? runItem : Infinity;
      } else {
        run = [c, end, count(c, end)];
        runItem = content >= 0 ? content : Infinity;
      }
      runInContainer ||= contained;
      runQuotes = quotes;
    };
    const own = () => {
      close();
      runs.push([c, end, count(c, end)]);
    };
    if (table >= 0 && itemAt < 0 && indent < 4 && quotes === table && !'#`~<>'.includes(text[c]!) && !thematicBreak(text, c, end)) {
      own(); // a table row
      continue;
    }
    table = -1;
    if (list) close();
    else if (item >= 0) {
      // a list item that cannot interrupt a paragraph ("2. …"): its marker may be paragraph text
      c = itemAt;
      join(-1);
      continue;
    }
    if (indent < 4 && thematicBreak(text, c, end)) {
      close();
      continue;
    }
    let heading = 0;
    while (text[c + heading] === '#') heading++;
    if (indent < 4 && heading >= 1 && heading <= 6 && (c + heading >= end || isBlank(text[c + heading]))) {
      own();
      continue;
    }
    // a table starts here when the next line is its delimiter row, and this line is no lazy line of a paragraph in a
    // container (which a table cannot interrupt): no run is open, or the open one is a top-level paragraph
    const next = lines[k + 1];
    const below = next && prefix(next[0], next[1], Infinity);
    const mayStart = !list && (!run || (!runInContainer && !contained));
    const header =
      mayStart && indent < 4 && below && below.itemAt < 0 && below.quotes === quotes && below.indent === indent
        ? cellCount(text, c, end)
        : 0;
    if (header && delimiterCells(text, below!.c, next![1]) === header) {
      own();
      table = quotes;
      delimiter = next![0];
      continue;
    }
    join();
  }
  close();
  return runs;
}

const PHRASING = new Set([
  'text',
  'emphasis',
  'strong',
  'delete',
  'link',
  'linkReference',
  'image',
  'imageReference',
  'inlineCode',
  'break',
  'footnoteReference',
]);

/**
 * Nodes deeper than MAX_DEPTH become plain text (a text node in running text, a paragraph among blocks) holding their
 * source; the top-level block holding one is marked `data.tooDeep`. Iterative, so any depth is safe here.
 */
function flattenDeep(root: Root, text: string): void {
  const stack: { node: Parents; depth: number; top: RootContent | undefined }[] = [{ node: root, depth: 0, top: undefined }];
  while (stack.length) {
    const { node, depth, top } = stack.pop()!;
    const kids = node.children as Nodes[];
    for (let k = 0; k < kids.length; k++) {
      const child = kids[k]!;
      const own = top ?? (child as RootContent);
      if (!('children' in child)) continue;
      if (depth + 1 < MAX_DEPTH) {
        stack.push({ node: child as Parents, depth: depth + 1, top: own });
        continue;
      }
      const value = text.slice(nodeStart(child), nodeEnd(child));
      const leaf = { type: 'text', value, position: child.position } as Nodes;
      kids[k] = (PHRASING.has(child.type) ? leaf : { type: 'paragraph', children: [leaf], position: child.position }) as Nodes;
      own.data = { ...own.data, tooDeep: true } as RootContent['data'];
    }
  }
}

/**
 * The text the parser reads with the markers of every inline run past MAX_MARKERS replaced, one for one, by
 * private-use characters the document does not hold (so the parser reads the run as plain text and every offset
 * holds), the replacements (to put the markers back into the tree's strings) and the replaced positions.
 */
function capMarkers(text: string): { text: string; swaps: Map<string, string>; at: number[] } | undefined {
  const over = inlineRuns(text).filter((r) => r[2] > MAX_MARKERS);
  if (!over.length) return undefined;
  const swaps = new Map<string, string>();
  const by = new Map<string, string>();
  for (let code = 0xe000; by.size < 4; code++) {
    const c = String.fromCharCode(code);
    if (text.includes(c)) continue;
    const marker = '*_[]'[by.size]!;
    by.set(marker, c);
    swaps.set(c, marker);
  }
  const pieces: string[] = [];
  const at: number[] = [];
  let copied = 0;
  for (const [start, end] of over) {
    for (let i = start; i < end; i++) {
      if (!isMarker(text.charCodeAt(i))) continue;
      pieces.push(text.slice(copied, i), by.get(text[i]!)!);
      copied = i + 1;
      at.push(i);
    }
  }
  pieces.push(text.slice(copied));
  return { text: pieces.join(''), swaps, at };
}

/**
 * Put the markers capMarkers replaced back into every string of the tree, and mark the top-level block of each text
 * node that held one `data.tooMarked` (code and HTML hold them as written: no finding there).
 */
function restoreMarkers(root: Root, capped: { swaps: Map<string, string>; at: number[] }): void {
  const swapped = new RegExp(`[${[...capped.swaps.keys()].join('')}]`, 'g');
  const firstAtOrAfter = (offset: number) => {
    let lo = 0;
    let hi = capped.at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (capped.at[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return capped.at[lo];
  };
  for (const top of root.children) {
    const stack: Nodes[] = [top];
    while (stack.length) {
      const node = stack.pop()!;
      const record = node as unknown as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const value = record[key];
        if (typeof value === 'string' && key !== 'type') record[key] = value.replace(swapped, (c) => capped.swaps.get(c)!);
      }
      if (node.type === 'text') {
        const next = firstAtOrAfter(nodeStart(node));
        if (next !== undefined && next < nodeEnd(node)) top.data = { ...top.data, tooMarked: true } as RootContent['data'];
      }
      if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
    }
  }
}

/** Parse Markdown text into an mdast Root. Positions carry `offset` in UTF-16 code units. */
export function parseMarkdown(text: string): Root {
  const bounded = capContainers(text);
  const marked = capMarkers(bounded.text);
  const root = (closedFrontMatter(text) ? withFrontMatter : processor).parse(marked?.text ?? bounded.text) as Root;
  flattenDeep(root, text);
  if (marked) restoreMarkers(root, marked);
  let k = 0;
  for (const at of bounded.capped) {
    while (k < root.children.length && nodeEnd(root.children[k]!) <= at) k++;
    const top = root.children[k];
    if (top && nodeStart(top) <= at) top.data = { ...top.data, tooDeep: true } as RootContent['data'];
  }
  return root;
}

/** The first block the parse read (in part) as plain text: nested too deep (`depth`) or holding too many markers. */
export function readAsText(root: Root): { node: RootContent; why: 'depth' | 'markers' } | undefined {
  for (const node of root.children) {
    const data = node.data as { tooDeep?: boolean; tooMarked?: boolean } | undefined;
    if (data?.tooDeep) return { node, why: 'depth' };
    if (data?.tooMarked) return { node, why: 'markers' };
  }
  return undefined;
}

export type { Root, Nodes, Parents };

/** Start/end offsets of a node (0 when the node has no position, which remark never produces for parsed nodes). */
export function nodeStart(node: { position?: { start: { offset?: number } } }): number {
  return node.position?.start.offset ?? 0;
}

export function nodeEnd(node: { position?: { end: { offset?: number } } }): number {
  return node.position?.end.offset ?? 0;
}

/** Depth-first walk; return false from `visit` to skip a node's children. */
export function walk(node: Nodes, visit: (node: Nodes, parent: Parents | undefined) => boolean | void, parent?: Parents): void {
  if (visit(node, parent) === false) return;
  if ('children' in node) {
    for (const child of node.children as Nodes[]) walk(child, visit, node as Parents);
  }
}

/** Plain text of a node (inline code and text values concatenated), markup stripped. */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') {
    return node.type === 'html' ? '' : node.value;
  }
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}
