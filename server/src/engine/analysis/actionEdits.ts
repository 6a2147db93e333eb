// Edits for action items: insert a missing field in the item's own format (table cell / new column, or a
// `— owner: @` list suffix), and convert a bullet list of items to a table. PURE; exact offsets (CRLF, `\|`, emoji).
import type { Root, List } from 'mdast';
import type { ActionItem, PostmortemModel } from '../model/model';
import type { TextEdit } from '../types';
import { lineSpans } from '../model/actionItems';
import { detectEol, joinLines, splitRow } from '../text/text';
import { nodeEnd, nodeStart } from '../text/parse';
import { generationMemo } from '../memo';
import { columnRole, findInlineFields, type ColumnRole } from '../model/actionFields';

export type FieldKey = 'owner' | 'due' | 'tracker' | 'done' | 'status' | 'reason';

const COLUMN_NAME: Record<FieldKey, string> = {
  owner: 'Owner',
  due: 'Due',
  tracker: 'Ticket',
  done: 'Done when',
  status: 'Status',
  reason: 'Reason',
};
const ROLE: Record<FieldKey, ColumnRole> = {
  owner: 'owner',
  due: 'due',
  tracker: 'tracker',
  done: 'done',
  status: 'status',
  reason: 'reason',
};
const INLINE_KEY: Record<FieldKey, string> = {
  owner: 'owner',
  due: 'due',
  tracker: 'ticket',
  done: 'done when',
  status: 'status',
  reason: 'reason',
};

/**
 * Placeholder values a fix inserts (the owner and ticket stay for the author to complete; a reason is a bracketed
 * prompt, never an invented one).
 */
export const PLACEHOLDER: Record<FieldKey, string> = {
  owner: '@',
  due: 'YYYY-MM-DD',
  tracker: '#',
  done: '…',
  status: 'let go',
  reason: '[why this can wait]',
};

/** Escape unescaped pipes for a table cell. */
export function escapeCell(s: string): string {
  if (!s.includes('|')) return s;
  return s.replace(/(^|[^\\])\|/g, '$1\\|').replace(/(^|[^\\])\|/g, '$1\\|');
}

/**
 * Edits that give each item `value` for `key`, in the items' own format. Table items sharing a table are edited
 * together (one new column when the table lacks it). Returns edits sorted by offset, non-overlapping.
 */
export function insertFieldEdits(text: string, items: ActionItem[], key: FieldKey, value: (item: ActionItem) => string): TextEdit[] {
  const edits: TextEdit[] = [];
  const byTable = new Map<number, ActionItem[]>();
  for (const item of items) {
    if (item.table) {
      const list = byTable.get(item.table.table.start) ?? [];
      list.push(item);
      byTable.set(item.table.table.start, list);
    } else {
      const at = item.fieldsAt ?? item.textSpan.end;
      edits.push({ start: at, end: at, text: ` — ${INLINE_KEY[key]}: ${value(item)}` });
    }
  }
  for (const tableItems of byTable.values()) edits.push(...tableEdits(text, tableItems, key, value));
  edits.sort((a, b) => a.start - b.start);
  return edits;
}

/** What the fixes need of a table's lines, offsets relative to the table start. */
interface TableLayout {
  /** Role of each header column. */
  roles: (ColumnRole | undefined)[];
  /** Per line (header, delimiter row, body rows): its start, its end without trailing blanks, and its cell count. */
  lines: { start: number; end: number; endsWithPipe: boolean; cells: number }[];
}

/**
 * Layouts of recently fixed tables by table source text. A fix adding a column touches every line of the table,
 * and the rules build their fixes on every lint: an unchanged table (even moved) is not split into cells again.
 * Generations of eight tables (a document has a few action-item tables at most): the last lint's survive.
 */
const layouts = generationMemo<string, TableLayout>(8);

function tableLayout(text: string, span: { start: number; end: number }): TableLayout {
  return layouts.getOrCompute(text.slice(span.start, span.end), (source) => {
    const lines = lineSpans(source, 0, source.length);
    const head = splitRow(source, lines[0]!.start, lines[0]!.end);
    return {
      roles: head.content.map((c) => columnRole(source.slice(c.start, c.end))),
      lines: lines.map((line) => {
        const end = trimmedEnd(source, line);
        return { start: line.start, end, endsWithPipe: source[end - 1] === '|', cells: splitRow(source, line.start, line.end).raw.length };
      }),
    };
  });
}

function tableEdits(text: string, items: ActionItem[], key: FieldKey, value: (item: ActionItem) => string): TextEdit[] {
  const info = items[0]!.table!;
  const base = info.table.start;
  const layout = tableLayout(text, info.table);
  const col = layout.roles.indexOf(ROLE[key]);
  const edits: TextEdit[] = [];
  const targetRows = new Map(items.map((i) => [i.table!.row.start, i]));
  if (col >= 0) {
    for (const item of items) {
      const row = splitRow(text, item.table!.row.start, item.table!.row.end);
      const raw = row.raw[col];
      if (raw) {
        edits.push({ start: raw.start, end: raw.end, text: ` ${escapeCell(value(item))} ` });
      } else {
        // Row has fewer cells than the header: append the missing cells.
        const missing = col - row.raw.length;
        const end = trimmedEnd(text, item.table!.row);
        const endsWithPipe = text[end - 1] === '|';
        const pad = '  |'.repeat(Math.max(0, missing));
        edits.push({ start: end, end, text: `${endsWithPipe ? '' : ' |'}${pad} ${escapeCell(value(item))} |` });
      }
    }
    return edits;
  }
  // Add a column at the end of every row; a row with fewer cells than the header (unbalanced pipes) gets empty
  // cells first, so the new cell lands in the new column and not in the first missing one.
  const width = layout.lines[0]!.cells;
  layout.lines.forEach((line, idx) => {
    const end = base + line.end;
    let cell: string;
    if (idx === 0) cell = COLUMN_NAME[key];
    else if (idx === 1) cell = '---';
    else {
      const item = targetRows.get(base + line.start);
      cell = item ? escapeCell(value(item)) : '';
    }
    const missing = idx === 0 ? 0 : Math.max(0, width - line.cells);
    const pad = (idx === 1 ? ' --- |' : '  |').repeat(missing);
    edits.push({ start: end, end, text: line.endsWithPipe ? `${pad} ${cell} |` : ` |${pad} ${cell}` });
  });
  return edits;
}

function trimmedEnd(text: string, span: { start: number; end: number }): number {
  let e = span.end;
  while (e > span.start && /[ \t]/.test(text[e - 1]!)) e--;
  return e;
}

// ---------------------------------------------------------------------------------------------
// Convert a list of action items to a table

/** Lists in a section whose every item is an extracted action item (no label items with nested groups). */
export function convertibleLists(model: PostmortemModel, sectionIndex: number): List[] {
  const sec = model.sections[sectionIndex];
  if (!sec) return [];
  const root = model.tree as Root;
  const out: List[] = [];
  for (const n of root.children) {
    if (n.type !== 'list') continue;
    const s = nodeStart(n);
    if (s < sec.body.start || s >= sec.body.end) continue;
    const ok = n.children.every((li) =>
      model.actionItems.some((it) => it.layout !== 'table' && it.span.start === nodeStart(li) && it.span.end === nodeEnd(li)),
    );
    if (ok && n.children.length > 0) out.push(n);
  }
  return out;
}

/**
 * Edits that replace each convertible bullet/numbered/task list of action items in the section with a table
 * `| Action | Owner | Due | Status | Ticket |`. Inline fields move to their columns; all other text and links stay
 * in the Action cell (line breaks become spaces, pipes are escaped).
 */
export function convertListToTable(text: string, model: PostmortemModel, sectionIndex: number): TextEdit[] {
  const eol = detectEol(text);
  const edits: TextEdit[] = [];
  for (const list of convertibleLists(model, sectionIndex)) {
    const rows: string[] = ['| Action | Owner | Due | Status | Ticket |', '| --- | --- | --- | --- | --- |'];
    for (const li of list.children) {
      const item = model.actionItems.find((it) => it.span.start === nodeStart(li))!;
      const content = item.content ?? item.textSpan;
      let body = text.slice(content.start, content.end);
      // Pull inline fields out of the text into columns.
      const fields = findInlineFields(body, 0).filter((f) => ['owner', 'due', 'tracker', 'status'].includes(f.key));
      const col: Record<string, string> = {};
      for (const f of [...fields].sort((a, b) => b.whole.start - a.whole.start)) {
        const k = f.key === 'tracker' ? 'ticket' : f.key;
        // Only fields the extractor accepted for this item are moved; others stay as text.
        const accepted =
          (k === 'owner' && item.owners.some((o) => o.start >= content.start + f.start && o.end <= content.start + f.end)) ||
          (k === 'due' && item.due && item.due.start === content.start + f.start) ||
          (k === 'ticket' && item.tracker && item.tracker.start >= content.start + f.start && item.tracker.end <= content.start + f.end) ||
          (k === 'status' && item.statusField && item.statusField.start === content.start + f.start);
        if (!accepted) continue;
        col[k] = f.value.trim();
        body = body.slice(0, f.whole.start) + body.slice(f.whole.end);
      }
      const action = escapeCell(joinLines(body.replace(/\r?\n[ \t]*(?:[-*+]|\d+[.)])[ \t]+/g, ' ')).trim());
      const status = item.layout === 'task' || item.statusField || item.status !== 'open' ? statusWord(item) : '';
      rows.push(
        `| ${action} | ${escapeCell(col.owner ?? '')} | ${escapeCell(col.due ?? '')} | ${escapeCell(col.status ?? status)} | ${escapeCell(col.ticket ?? '')} |`.replace(
          / {2}\|/g,
          ' |',
        ),
      );
    }
    edits.push({ start: nodeStart(list), end: nodeEnd(list), text: rows.join(eol) });
  }
  return edits;
}

function statusWord(item: ActionItem): string {
  switch (item.status) {
    case 'done':
      return 'Done';
    case 'deferred':
      return 'Deferred';
    case 'wont-do':
      return "Won't do";
    default:
      return 'Open';
  }
}
