// Action items in the editor: the `postmortemLint/actionItems` export request and the
// "Convert action items to a table" refactor. Both read the cached lint result; neither keeps state.
import { CodeActionKind, type CodeAction, type Range, type SnippetTextEdit, type TextEdit } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import * as path from 'node:path';
import {
  buildModel,
  sizeLimitExceeded,
  type LintResult,
  type PostmortemModel,
  convertibleLists,
  convertListToTable,
  escapeRegExp,
  exportActions,
  exportRows,
  offsetAt,
} from '../../engine/index';
import { toRange } from '../ranges';
import { EXPORT_FORMATS, type ActionItemsParams, type ActionItemsResult } from '../../protocol';

export const CONVERT_TO_TABLE_TITLE = 'Convert action items to a table';

export function isActionItemsParams(p: unknown): p is ActionItemsParams {
  const x = p as Partial<ActionItemsParams> | null;
  return !!x && typeof x.uri === 'string' && (EXPORT_FORMATS as readonly unknown[]).includes(x.format);
}

/** The model to export from: linting may have been skipped (turned off for the file), an explicit export still reads it. */
export function exportModel(result: LintResult, text: string): PostmortemModel {
  if (!result.skipped || sizeLimitExceeded(text, result.config)) return result.model;
  return buildModel(text);
}

/** The `file` column: the path relative to the workspace folder holding it, else the file name. */
export function exportFileLabel(uri: string, workspaceFolders: readonly string[]): string {
  let parsed: URI;
  try {
    parsed = URI.parse(uri);
  } catch {
    return uri;
  }
  if (parsed.scheme === 'file') {
    for (const folder of workspaceFolders) {
      const rel = path.relative(folder, parsed.fsPath);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
    }
  }
  return path.posix.basename(parsed.path) || uri;
}

export function actionItemsExport(model: PostmortemModel, params: ActionItemsParams, fileLabel: string): ActionItemsResult {
  const rows = exportRows(model, fileLabel);
  return { content: exportActions(rows, params.format), count: rows.length };
}

/**
 * "Convert action items to a table" when `range` touches an action-item section whose items are laid out as a
 * list (bullets, numbers, task list). A selection across several such sections converts them all; the edit replaces only the lists.
 */
export function convertToTableActions(uri: string, model: PostmortemModel, range: Range): CodeAction[] {
  const from = offsetAt(model.lineStarts, model.text, range.start);
  const to = offsetAt(model.lineStarts, model.text, range.end);
  const sections = [...new Set(model.actionItems.filter((i) => i.layout !== 'table').map((i) => i.section))].sort((a, b) => a - b);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const index of sections) {
    const section = model.sections[index];
    if (!section) continue;
    // The section's own extent, from its heading to its end (a cursor at the very end of the document counts).
    const touches = to >= section.span.start && (from < section.span.end || (from === section.span.end && from === model.text.length));
    if (!touches || !convertibleLists(model, index).length) continue;
    edits.push(...convertListToTable(model.text, model, index));
  }
  if (!edits.length) return [];
  return [
    {
      title: CONVERT_TO_TABLE_TITLE,
      kind: CodeActionKind.RefactorRewrite,
      edit: { changes: { [uri]: edits.map((e) => ({ range: toRange(model.lineStarts, e.start, e.end), newText: e.text })) } },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Snippet edits (LSP 3.18 `workspace.workspaceEdit.snippetEditSupport`): the placeholder a field fix inserts
// (`@` owner, `#` ticket, `…` done criterion) arrives selected, so typing replaces it. Other clients get plain text.

const PLACEHOLDER_OF_RULE: Record<string, string> = {
  'action-item-owner': '@',
  'action-item-tracker': '#',
  'action-item-done-criterion': '…',
};

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/**
 * The same quick fix with its placeholder insertions as SnippetTextEdits (tab stops in document order), in a
 * versioned TextDocumentEdit. Actions without a placeholder (or from other rules) come back unchanged.
 */
export function withSnippetPlaceholders(action: CodeAction, uri: string, version: number): CodeAction {
  const ruleId = (action.diagnostics?.[0]?.data as { ruleId?: string } | undefined)?.ruleId;
  const placeholder = ruleId ? PLACEHOLDER_OF_RULE[ruleId] : undefined;
  const edits = action.edit?.changes?.[uri];
  if (!placeholder || !edits || action.kind !== CodeActionKind.QuickFix) return action;
  // The placeholder is the last thing the edit inserts, before an optional closing pipe: ` @ |`, ` — owner: @`.
  const tail = new RegExp(`(^|[\\s:])(${escapeRegExp(placeholder)})(\\s*\\|?\\s*)$`);
  const sorted = [...edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  let stop = 0;
  const out = sorted.map((e): TextEdit | SnippetTextEdit => {
    const m = tail.exec(e.newText);
    if (!m) return e;
    const before = e.newText.slice(0, m.index + m[1]!.length);
    const value = `${escapeSnippet(before)}\${${++stop}:${escapeSnippet(placeholder)}}${escapeSnippet(m[3]!)}`;
    return { range: e.range, snippet: { kind: 'snippet', value } };
  });
  if (!stop) return action;
  return { ...action, edit: { documentChanges: [{ textDocument: { uri, version }, edits: out }] } };
}
