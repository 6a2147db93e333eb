// Markdown → mdast with UTF-16 offsets (unified + remark-parse + remark-gfm + remark-frontmatter).
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, Nodes, Parents } from 'mdast';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

/** Parse Markdown text into an mdast Root. Positions carry `offset` in UTF-16 code units. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}

export type { Root, Nodes, Parents };

/** Start/end offsets of a node (0 when the node has no position, which remark never produces for parsed nodes). */
export function nodeStart(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

export function nodeEnd(node: Nodes): number {
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
