// Export action items as CSV (RFC 4180), JSON or Markdown, ready to import into an issue tracker. PURE.
import type { ActionItem, PostmortemModel } from '../model/model';
import { lineOf } from '../text/text';

export interface ExportRow {
  file: string;
  line: number;
  section: string;
  group: string;
  action: string;
  owners: string;
  due: string;
  dueDate: string;
  status: string;
  priority: string;
  type: string;
  tracker: string;
  doneWhen: string;
}

const COLUMNS: (keyof ExportRow)[] = [
  'file',
  'line',
  'section',
  'group',
  'action',
  'owners',
  'due',
  'dueDate',
  'status',
  'priority',
  'type',
  'tracker',
  'doneWhen',
];

export function exportRows(model: PostmortemModel, file: string): ExportRow[] {
  return model.actionItems.map((i: ActionItem) => ({
    file,
    line: lineOf(model.lineStarts, i.span.start) + 1,
    section: model.sections[i.section]?.title ?? '',
    group: i.group ?? '',
    action: i.text,
    owners: i.owners.map((o) => o.value).join(', '),
    due: i.due?.value ?? '',
    dueDate: i.due?.date ?? '',
    status: i.status,
    priority: i.priority?.value ?? '',
    type: i.type?.value ?? '',
    tracker: i.tracker?.value ?? '',
    doneWhen: i.doneWhen?.value ?? '',
  }));
}

/**
 * A text cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return) gets a leading `'`, as OWASP advises against CSV injection; numbers stay numbers, and so do cells of
 * handles only ("@ana, @li": no call or operator a spreadsheet could run).
 */
function csvField(v: string | number): string {
  const formula = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) && !/^@[\w.-]+(?:\s*,\s*@[\w.-]+)*$/.test(v);
  const s = formula ? `'${v}` : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180: CRLF line breaks, fields with comma, quote or line break quoted, quotes doubled. */
export function toCsv(rows: ExportRow[]): string {
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvField(r[c])).join(','))].join('\r\n') + '\r\n';
}

export function toJson(rows: ExportRow[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}

export function toMarkdown(rows: ExportRow[]): string {
  const cell = (s: string | number) => String(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const cols: (keyof ExportRow)[] = ['action', 'owners', 'due', 'status', 'tracker', 'doneWhen', 'file', 'line'];
  return (
    [
      `| ${cols.join(' | ')} |`,
      `|${cols.map(() => ' --- |').join('')}`,
      ...rows.map((r) => `| ${cols.map((c) => cell(r[c])).join(' | ')} |`),
    ].join('\n') + '\n'
  );
}

export type ExportFormat = 'csv' | 'json' | 'markdown';

export function exportActions(rows: ExportRow[], format: ExportFormat): string {
  return format === 'csv' ? toCsv(rows) : format === 'json' ? toJson(rows) : toMarkdown(rows);
}
