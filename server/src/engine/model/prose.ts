// Prose blocks for language rules, excluded spans, and suppression comments.
import type { Nodes, Parents, Root } from 'mdast';
import { PROSE_ORIGIN, type ProseBlock, type ProseContext, type Section, type Suppression, type SuppressionKind } from './model';
import { nodeEnd, nodeStart, walk } from '../text/parse';
import { sectionLocator } from './sections';
import { lineOf } from '../text/text';
import { nodeMemo } from '../memo';
import type { Span } from '../types';

/** Inline nodes whose whole span is hidden from language rules. */
const MASK_WHOLE = new Set(['inlineCode', 'html', 'image', 'imageReference', 'footnoteReference', 'inlineMath']);
/** Inline containers whose delimiters (and, for links, the URL) are hidden while their children stay. */
const MASK_DELIMITERS = new Set(['strong', 'emphasis', 'delete', 'link', 'linkReference']);

/** Mark `[start, end)` (document offsets) in `mask` (offsets relative to `base`). */
function maskInto(mask: Uint8Array, base: number, start: number, end: number): void {
  const from = Math.max(start, base) - base;
  const to = Math.min(end - base, mask.length);
  if (to > from) mask.fill(1, from, to);
}

const ESCAPED_PUNCTUATION = /\\(?=[!-/:-@[-`{-~])/g;
/** A bare e-mail address (GFM's literal e-mail autolink; the parser leaves these as text: see parse.ts). */
const BARE_EMAIL = /(?<![\w+\-.@])[\w+\-.]+@[\w-]+(?:\.[\w-]+)+/g;

/**
 * Mask the inline markup of `node` (a paragraph, heading or table cell) in a copy of its source text: masked
 * characters become spaces, line breaks stay. Linear in the node's length (one byte mask, text copied in runs).
 */
function maskedText(node: Parents, text: string): string {
  const base = nodeStart(node as Nodes);
  const source = text.slice(base, nodeEnd(node as Nodes));
  const mask = new Uint8Array(source.length);
  let masked = false;
  walk(node as Nodes, (n) => {
    if (n === (node as Nodes)) return;
    if (n.type === 'text' && n.value.includes('@')) {
      const start = nodeStart(n);
      for (const m of text.slice(start, nodeEnd(n)).matchAll(BARE_EMAIL)) {
        maskInto(mask, base, start + m.index, start + m.index + m[0].length);
        masked = true;
      }
      return;
    }
    if (MASK_WHOLE.has(n.type)) {
      maskInto(mask, base, nodeStart(n), nodeEnd(n));
      masked = true;
      return false;
    }
    if (MASK_DELIMITERS.has(n.type) && 'children' in n) {
      masked = true;
      const kids = n.children as Nodes[];
      if (
        n.type === 'link' &&
        kids.length === 1 &&
        kids[0]!.type === 'text' &&
        (n as { url: string }).url.replace(/^mailto:/, '') === (kids[0] as { value: string }).value
      ) {
        maskInto(mask, base, nodeStart(n), nodeEnd(n)); // an autolink is all URL
        return false;
      }
      if (kids.length === 0) {
        maskInto(mask, base, nodeStart(n), nodeEnd(n));
        return false;
      }
      maskInto(mask, base, nodeStart(n), nodeStart(kids[0]!));
      maskInto(mask, base, nodeEnd(kids[kids.length - 1]!), nodeEnd(n));
    }
    return undefined;
  });
  let out = source;
  if (masked) {
    out = '';
    let i = 0;
    const n = source.length;
    while (i < n) {
      let j = i;
      const m = mask[i];
      while (j < n && mask[j] === m) j++;
      out += m ? source.slice(i, j).replace(/[^\r\n]/g, ' ') : source.slice(i, j);
      i = j;
    }
  }
  // Backslash escapes ("\*") are markup, not words (judged on the masked text, the last character never).
  return out.includes('\\') ? out.replace(ESCAPED_PUNCTUATION, ' ') : out;
}

export interface ProseResult {
  prose: ProseBlock[];
  excluded: Span[];
}

/**
 * Per top-level node memo: incremental parsing keeps unchanged nodes (shifted), so a node's own results, kept
 * with offsets relative to the node start, are reused while the node object and its source text are the same.
 */
const nodeProseMemo = nodeMemo<Nodes, ProseResult>();

export function extractProse(tree: Root, text: string, sections: Section[]): ProseResult {
  const prose: ProseBlock[] = [];
  const excluded: Span[] = [];
  const sectionAt = sectionLocator(sections);
  for (const child of tree.children as Nodes[]) {
    const start = nodeStart(child);
    const own = nodeProseMemo.getOrCompute(child, text.slice(start, nodeEnd(child)), () => {
      const abs = extractNodeProse(child, text);
      return {
        prose: abs.prose.map((b) => ({ ...b, start: b.start - start, end: b.end - start })),
        excluded: abs.excluded.map((x) => ({ start: x.start - start, end: x.end - start })),
      };
    });
    for (const b of own.prose) {
      // built whole, in one of two shapes (a property added later turns thousands of blocks into slow objects)
      const at = b.start + start;
      const section = sectionAt(at);
      const block: ProseBlock = section
        ? { start: at, end: b.end + start, text: b.text, context: b.context, section: section.index, [PROSE_ORIGIN]: b }
        : { start: at, end: b.end + start, text: b.text, context: b.context, [PROSE_ORIGIN]: b };
      prose.push(block);
    }
    for (const x of own.excluded) excluded.push({ start: x.start + start, end: x.end + start });
  }
  return { prose, excluded };
}

/** Prose blocks (without sections) and excluded spans of one top-level node, in document offsets. */
function extractNodeProse(root: Nodes, text: string): ProseResult {
  const prose: ProseBlock[] = [];
  const excluded: Span[] = [];
  const visit = (node: Nodes, context: ProseContext | undefined): void => {
    switch (node.type) {
      case 'code':
      case 'html':
      case 'yaml':
      case 'toml' as Nodes['type']:
      case 'definition':
      case 'footnoteDefinition':
      case 'math' as Nodes['type']:
      case 'thematicBreak':
        excluded.push({ start: nodeStart(node), end: nodeEnd(node) });
        return;
      case 'paragraph':
      case 'heading':
      case 'tableCell': {
        const start = nodeStart(node);
        const end = nodeEnd(node);
        if (end <= start) return;
        const ctx: ProseContext = node.type === 'heading' ? 'heading' : node.type === 'tableCell' ? 'table-cell' : (context ?? 'paragraph');
        prose.push({ start, end, text: maskedText(node, text), context: ctx });
        // inline html and code inside the block are excluded too
        walk(node, (n) => {
          if (n !== node && (n.type === 'html' || n.type === 'inlineCode')) excluded.push({ start: nodeStart(n), end: nodeEnd(n) });
        });
        return;
      }
      case 'blockquote':
        for (const c of node.children) visit(c as Nodes, 'blockquote');
        return;
      case 'listItem':
        for (const c of node.children) visit(c as Nodes, context === 'blockquote' ? 'blockquote' : 'list-item');
        return;
      default:
        if ('children' in node) for (const c of node.children as Nodes[]) visit(c, context);
    }
  };
  visit(root, undefined);
  return { prose, excluded };
}

/** The directives a suppression comment may name after `postmortem-lint-` (longest first, for the alternation). */
export const SUPPRESSION_DIRECTIVES = ['disable-next-line', 'disable-line', 'disable-file', 'disable', 'enable'] as const;
const SUPPRESSION = new RegExp(`<!--\\s*postmortem-lint-(${SUPPRESSION_DIRECTIVES.join('|')})\\b([^>]*?)-->`, 'g');
const SWITCH = /<!--\s*postmortem-lint\s+(enable|disable)\s*-->/;
/** A whole comment in one of the two forms above. */
const SUPPRESSION_AT_START = new RegExp(`^${SUPPRESSION.source}$`);
const SWITCH_WHOLE = new RegExp(`^${SWITCH.source}$`);
/** Any comment that addresses postmortem-lint; what neither form above reads is reported as unrecognised. */
const DIRECTIVE = /<!--\s*postmortem-lint\b[\s\S]*?-->/g;

interface NodeSuppressions {
  /** Offsets relative to the node start; lines are looked up per document. */
  found: Omit<Suppression, 'line'>[];
  enabled: boolean;
  disabled: boolean;
}
const nodeSuppressionsMemo = nodeMemo<Nodes, NodeSuppressions>();

/** Suppression comments and the document-level on/off switches, from HTML nodes only (never from code). */
export function extractSuppressions(
  tree: Root,
  text: string,
  lineStarts: number[],
): { suppressions: Suppression[]; enabled: boolean; disabled: boolean } {
  const suppressions: Suppression[] = [];
  let enabled = false;
  let disabled = false;
  for (const child of tree.children as Nodes[]) {
    const start = nodeStart(child);
    const own = nodeSuppressionsMemo.getOrCompute(child, text.slice(start, nodeEnd(child)), () => scanSuppressions(child, start));
    if (own.enabled) enabled = true;
    if (own.disabled) disabled = true;
    for (const x of own.found) {
      const at = x.start + start;
      suppressions.push({ kind: x.kind, rules: [...x.rules], start: at, end: x.end + start, line: lineOf(lineStarts, at) });
    }
  }
  return { suppressions, enabled, disabled };
}

/** One node's suppression comments, offsets relative to `base`. */
function scanSuppressions(node: Nodes, base: number): NodeSuppressions {
  const found: NodeSuppressions['found'] = [];
  let enabled = false;
  let disabled = false;
  walk(node, (n) => {
    if (n.type !== 'html') return;
    const value = n.value;
    const sw = SWITCH.exec(value);
    if (sw) {
      if (sw[1] === 'enable') enabled = true;
      else disabled = true;
    }
    for (const m of value.matchAll(SUPPRESSION)) {
      const start = nodeStart(n) + m.index! - base;
      // rule ids, then optionally ` -- why` (ESLint's convention): the reason is free text, not rule ids
      const rules = m[2]!
        .split(/(?:^|\s)--(?:\s|$)/)[0]!
        .split(/[\s,]+/)
        .map((r) => r.trim())
        .filter(Boolean);
      found.push({ kind: m[1] as SuppressionKind, rules, start, end: start + m[0].length });
    }
    for (const m of value.matchAll(DIRECTIVE)) {
      if (SUPPRESSION_AT_START.test(m[0]) || SWITCH_WHOLE.test(m[0])) continue;
      const start = nodeStart(n) + m.index! - base;
      found.push({ kind: 'unrecognised', rules: [], start, end: start + m[0].length });
    }
  });
  return { found, enabled, disabled };
}

/** Is a finding of `ruleId` starting on `line` suppressed by the comments? */
export function isSuppressed(suppressions: Suppression[], ruleId: string, line: number): boolean {
  const matches = (s: Suppression) => s.rules.length === 0 || s.rules.includes(ruleId);
  let disabled = false;
  for (const s of suppressions) {
    if (!matches(s)) continue;
    switch (s.kind) {
      case 'disable-file':
        return true;
      case 'disable-line':
        if (s.line === line) return true;
        break;
      case 'disable-next-line':
        if (s.line + 1 === line) return true;
        break;
      case 'disable':
        if (s.line <= line) disabled = true;
        break;
      case 'enable':
        if (s.line <= line) disabled = false;
        break;
    }
  }
  return disabled;
}
