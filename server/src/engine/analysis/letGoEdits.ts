// The edits that let go of open action items (the action-items-focus quick fix): list items move into a
// "Let go for now" list at the end of their action section, each with a reason placeholder; table rows get the
// status "let go" and a Reason placeholder in place. PURE; exact offsets (CRLF, tabs, emoji copied as they are).
import type { ListItem, Nodes } from 'mdast';
import { isLetGo, type ActionItem, type PostmortemModel } from '../model/model';
import type { TextEdit } from '../types';
import { columnRole } from '../model/actionFields';
import { detectEol, lineEndFrom } from '../text/text';
import { nodeEnd, nodeStart } from '../text/parse';
import { insertFieldEdits, PLACEHOLDER } from './actionEdits';

/** The label of the list the fix writes (statusFromGroup reads it as deferred). */
export const LET_GO_LABEL = 'Let go for now';

/** A list item's marker at the start of its line: indentation, bullet or number, and the spaces after it. */
const MARKER = /^( *)([-*+]|\d{1,9}[.)])( {1,4})(?=\S)/;

interface Move {
  item: ActionItem;
  /** What is deleted: the item's lines, through the line break after its last line. */
  remove: { start: number; end: number };
  /** The item as it is written in the new list (marker, content, reason placeholder, line break). */
  written: string;
}

/**
 * Edits that let go of `items`, or undefined when one of them cannot be moved safely (a paragraph item, an item in
 * a block quote or indented with tabs, an item nested deeper than one level of a short marker).
 */
export function letGoEdits(model: PostmortemModel, items: ActionItem[]): TextEdit[] | undefined {
  const text = model.text;
  const eol = detectEol(text);
  const edits: TextEdit[] = [];
  const rows = items.filter((i) => i.table);
  if (rows.length) {
    edits.push(...insertFieldEdits(text, rows, 'status', () => PLACEHOLDER.status));
    // a row's Reason cell that already says something keeps it
    const bare = rows.filter((i) => {
      const col = i.table!.columns.findIndex((c) => columnRole(c) === 'reason');
      const cell = col >= 0 ? i.table!.cells[col] : undefined;
      return !cell || text.slice(cell.start, cell.end).trim() === '';
    });
    edits.push(...insertFieldEdits(text, bare, 'reason', () => PLACEHOLDER.reason));
  }
  const listed = items.filter((i) => !i.table);
  if (listed.length) {
    const lis = listItemsByStart(model);
    const moving = new Set(listed.map((i) => i.span.start));
    const moves: Move[] = [];
    for (const item of listed) {
      // a sub-item of an item that moves goes with it
      if (moves.some((m) => m.item.span.start <= item.span.start && item.span.end <= m.item.span.end)) continue;
      const at = lis.get(item.span.start);
      // the sub-items of a label ("- Storage:") move only while one stays: an empty label would read as an item
      const siblings = at?.parent?.children.flatMap((c) => (c.type === 'list' ? c.children : [])) ?? [];
      if (at?.parent && siblings.every((c) => moving.has(nodeStart(c)))) return undefined;
      const move = at && item.layout !== 'paragraph' ? moveOf(text, eol, item, at.li) : undefined;
      if (!move) return undefined;
      moves.push(move);
    }
    const bySection = new Map<number, Move[]>();
    for (const m of moves) bySection.set(m.item.section, [...(bySection.get(m.item.section) ?? []), m]);
    for (const [section, list] of bySection) {
      const inserted = insertion(model, eol, section, list);
      if (!inserted) return undefined;
      edits.push(...list.map((m) => ({ ...m.remove, text: '' })), inserted);
    }
  }
  // sorted by offset, inserts at one offset in the order they were made (a new Status column before a Reason column)
  return edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i)
    .map((x) => x.e);
}

/** Every list item by its start, with the list item it is nested in (if any). */
function listItemsByStart(model: PostmortemModel): Map<number, { li: ListItem; parent?: ListItem }> {
  const out = new Map<number, { li: ListItem; parent?: ListItem }>();
  const visit = (n: Nodes, parent: ListItem | undefined) => {
    if (n.type === 'listItem') out.set(nodeStart(n), parent ? { li: n, parent } : { li: n });
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c, n.type === 'listItem' ? n : parent);
  };
  visit(model.tree as Nodes, undefined);
  return out;
}

function moveOf(text: string, eol: string, item: ActionItem, li: ListItem): Move | undefined {
  const liStart = nodeStart(li);
  const from = lineStartAt(text, liStart);
  const marker = MARKER.exec(text.slice(from, lineEndFrom(text, from)));
  const para = li.children[0];
  if (!marker || from + marker[1]!.length !== liStart || para?.type !== 'paragraph') return undefined;
  const width = marker[0].length;
  // the content keeps its column, so its continuation lines and nested details stay where they belong: a top-level
  // item keeps its marker; a nested one becomes "-" padded to its content column (at most four spaces after it)
  const indent = marker[1]!.length;
  if (indent > 0 && width > 5) return undefined;
  const newMarker = indent === 0 ? marker[2]! + marker[3]! : `-${' '.repeat(width - 1)}`;
  const contentStart = from + width;
  const liEnd = nodeEnd(li);
  const paraEnd = nodeEnd(para);
  let end = lineEndFrom(text, liEnd);
  if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
  else if (end < text.length) end += 1;
  const written =
    newMarker + text.slice(contentStart, paraEnd) + ` — reason: ${PLACEHOLDER.reason}` + text.slice(paraEnd, liEnd).trimEnd() + eol;
  return { item, remove: { start: from, end }, written };
}

/**
 * The insert that writes the moved items: after the last item of a let-go list the section already has, or as a new
 * "**Let go for now:**" list after the section's last line (where the last moved item was, when it was last).
 */
function insertion(model: PostmortemModel, eol: string, section: number, moves: Move[]): TextEdit | undefined {
  const text = model.text;
  const sec = model.sections[section];
  if (!sec) return undefined;
  const body = moves.map((m) => m.written).join('');
  const existing = model.actionItems
    .filter((i) => i.section === section && !i.table && isLetGo(i.status) && /\blet(?:ting)? go\b/i.test(i.group ?? ''))
    .at(-1);
  // (a list at the section's top level: after a nested let-go list, a new item would land outside its label)
  if (existing && lineStartAt(text, existing.span.start) === existing.span.start) {
    const at = afterLine(text, existing.span.end);
    return { start: at, end: at, text: (at === text.length && !/[\r\n]$/.test(text) ? eol : '') + body };
  }
  let last = sec.body.end;
  while (last > sec.body.start && /\s/.test(text[last - 1]!)) last--;
  let at = afterLine(text, last);
  // the section ends with a moved item: the list goes where it was
  const removed = moves.find((m) => m.remove.start < at && at <= m.remove.end);
  if (removed) at = removed.remove.start;
  const lead = at === text.length && at > 0 && !/[\r\n]$/.test(text) ? eol : '';
  const next = removed ? removed.remove.end : at;
  const tail = /^[^\r\n]/.test(text.slice(next, next + 1)) ? eol : '';
  return { start: at, end: at, text: `${lead}${eol}**${LET_GO_LABEL}:**${eol}${eol}${body}${tail}` };
}

/** The start of the line holding `offset`. */
function lineStartAt(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
}

/** The offset after the line break that ends the line holding `offset` (the text's end when it has none). */
function afterLine(text: string, offset: number): number {
  let end = lineEndFrom(text, offset);
  if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
  else if (end < text.length) end += 1;
  return end;
}
