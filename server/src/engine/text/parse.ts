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
import type { Root, Nodes, Parents } from 'mdast';

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

/** Parse Markdown text into an mdast Root. Positions carry `offset` in UTF-16 code units. */
export function parseMarkdown(text: string): Root {
  return (closedFrontMatter(text) ? withFrontMatter : processor).parse(text) as Root;
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
