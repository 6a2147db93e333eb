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
 * The text the parser reads: block-quote and list markers past MAX_CONTAINERS on one line become spaces (same length,
 * so every offset holds; the deeper content stays text inside the deepest container), and where that happened. Reads
 * only line prefixes.
 */
function capContainers(text: string): { text: string; capped: number[] } {
  const pieces: string[] = [];
  const capped: number[] = [];
  let copied = 0;
  for (let ls = 0; ls < text.length;) {
    let i = ls;
    let depth = 0;
    for (;;) {
      let pad = 0;
      while (pad < 4 && (text[i] === ' ' || text[i] === '\t')) {
        i++;
        pad++;
      }
      let m = i;
      if (text[i] === '>') m = i + 1;
      else if ((text[i] === '-' || text[i] === '*' || text[i] === '+') && (text[i + 1] === ' ' || text[i + 1] === '\t')) m = i + 1;
      else {
        let d = i;
        while (d < i + 9 && text.charCodeAt(d) >= 48 && text.charCodeAt(d) <= 57) d++;
        if (d > i && (text[d] === '.' || text[d] === ')') && (text[d + 1] === ' ' || text[d + 1] === '\t')) m = d + 1;
      }
      if (m === i) break;
      if (++depth > MAX_CONTAINERS) {
        if (depth === MAX_CONTAINERS + 1) capped.push(i);
        pieces.push(text.slice(copied, i), ' '.repeat(m - i));
        copied = m;
      }
      i = m;
    }
    const lf = text.indexOf('\n', i);
    const cr = text.indexOf('\r', i);
    const nl = cr < 0 ? lf : lf < 0 ? cr : Math.min(lf, cr);
    if (nl < 0) break;
    ls = nl + (text[nl] === '\r' && text[nl + 1] === '\n' ? 2 : 1);
  }
  if (!capped.length) return { text, capped };
  pieces.push(text.slice(copied));
  return { text: pieces.join(''), capped };
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

/** Parse Markdown text into an mdast Root. Positions carry `offset` in UTF-16 code units. */
export function parseMarkdown(text: string): Root {
  const bounded = capContainers(text);
  const root = (closedFrontMatter(text) ? withFrontMatter : processor).parse(bounded.text) as Root;
  flattenDeep(root, text);
  let k = 0;
  for (const at of bounded.capped) {
    while (k < root.children.length && nodeEnd(root.children[k]!) <= at) k++;
    const top = root.children[k];
    if (top && nodeStart(top) <= at) top.data = { ...top.data, tooDeep: true } as RootContent['data'];
  }
  return root;
}

/** Does the tree hold content nested past MAX_CONTAINERS or MAX_DEPTH, read as plain text? (its first such block) */
export function tooDeep(root: Root): RootContent | undefined {
  return root.children.find((c) => (c.data as { tooDeep?: boolean } | undefined)?.tooDeep);
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
