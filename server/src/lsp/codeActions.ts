// Code actions, rebuilt statelessly from diagnostic.data (the server keeps no edit cache), which is checked first:
// a fix of another text of the document (another revision), or data that is not ours, is never applied.
import { CodeAction, CodeActionKind, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange, type DataFix, type DiagnosticData } from './ranges';
import { COMMANDS, FIX_ALL_KIND, SOURCE } from '../protocol';
import { collectFixEdits, CUSTOM_RULE_ID, detectEol, findRule, type LintResult } from '../engine/index';

function edit(uri: string, edits: TextEdit[]): WorkspaceEdit {
  return { changes: { [uri]: edits } };
}

/** A fix's offset edits as LSP edits in `doc`. */
function textEdits(doc: TextDocument, fix: DataFix): TextEdit[] {
  return fix.edits.map(([start, end, newText]) => ({ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, newText }));
}

/**
 * A diagnostic of ours whose data names a rule that exists. `diagnostic.data` comes back from the client, which
 * may hold stale or edited data: nothing in it is inserted into the document or opened unless it checks out.
 */
function isOurs(d: Diagnostic): d is Diagnostic & { data: DiagnosticData } {
  return (
    d.source === SOURCE && !!d.data && typeof (d.data as DiagnosticData).ruleId === 'string' && isRuleId((d.data as DiagnosticData).ruleId)
  );
}

/**
 * A registered rule, the size notice (a finding of the engine's own, not of a rule), or a custom rule's id (from the
 * config; its syntax keeps it a plain word list in the disable comments the actions write).
 */
function isRuleId(id: string): boolean {
  return id === 'document-size' || findRule(id) !== undefined || (id.length <= 200 && CUSTOM_RULE_ID.test(id));
}

/** Limits on a fix read back from a diagnostic (far above what any rule writes). */
const MAX_EDITS = 10_000;
const MAX_EDIT_TEXT = 1_000_000;

/**
 * The fix, when it was computed for this text of the document (`revision`) and its edits are in range, in order and
 * do not overlap; else undefined (offsets of another text would corrupt it).
 */
function usableFix(fix: unknown, dataRevision: unknown, revision: number, doc: TextDocument): DataFix | undefined {
  if (dataRevision !== revision || typeof fix !== 'object' || fix === null) return undefined;
  const { title, edits } = fix as Partial<DataFix>;
  if (typeof title !== 'string' || title.length > 200 || !Array.isArray(edits) || edits.length > MAX_EDITS) return undefined;
  const length = doc.getText().length;
  let last = 0;
  for (const e of edits) {
    if (!Array.isArray(e) || e.length !== 3) return undefined;
    const [start, end, text] = e as unknown[];
    if (!Number.isInteger(start) || !Number.isInteger(end) || typeof text !== 'string' || text.length > MAX_EDIT_TEXT) return undefined;
    if ((start as number) < last || (end as number) < (start as number) || (end as number) > length) return undefined;
    last = end as number;
  }
  return fix as DataFix;
}

/** The documentation link: the diagnostic's own, when it is the page of its rule (http(s) or a local file). */
function docsLink(d: Diagnostic, data: DiagnosticData): string | undefined {
  const href = d.codeDescription?.href ?? data.docsUrl;
  if (typeof href !== 'string' || !/^(?:https?|file):/i.test(href)) return undefined;
  // a custom rule's page is the config's `docs` URL, or the page on custom rules
  return href.endsWith(`/${data.ruleId}.md`) || CUSTOM_RULE_ID.test(data.ruleId) ? href : undefined;
}

// (the rule list's trailing spaces are trimmed in code: `\s*-->` after a lazy group rescans a run of spaces that no
// `-->` closes from each of its starts)
const DISABLE_LINE = /<!--\s*postmortem-lint-disable-line\b([^>]*?)-->/;
const DISABLE_FILE = /<!--\s*postmortem-lint-disable-file\b([^>]*?)-->/;

/** Where a new rule id goes in a matched disable comment: after its last rule id (or its keyword), before `-->`. */
function ruleListEnd(comment: RegExpExecArray): number {
  const list = comment[1]!;
  return comment.index + comment[0].length - '-->'.length - list.length + list.trimEnd().length;
}

function lineText(doc: TextDocument, line: number): string {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return text.replace(/\r?\n$|\r$/, '');
}

/** "Disable <rule> for this line": merge with an existing comment on the line, or append one. */
export function disableLineEdit(doc: TextDocument, line: number, ruleId: string): TextEdit {
  const text = lineText(doc, line);
  const existing = DISABLE_LINE.exec(text);
  if (existing) {
    const at = ruleListEnd(existing);
    return { range: { start: { line, character: at }, end: { line, character: at } }, newText: ` ${ruleId}` };
  }
  const comment = `<!-- postmortem-lint-disable-line ${ruleId} -->`;
  // In a table row, put the comment inside the last cell (before its spaces) so the row keeps its column count.
  const trimmed = text.trimEnd();
  if (/^\s*\|/.test(text) && trimmed.endsWith('|') && trimmed.indexOf('|') < trimmed.length - 1) {
    let at = trimmed.length - 1;
    while (at > 0 && /\s/.test(text[at - 1]!)) at--;
    return { range: { start: { line, character: at }, end: { line, character: at } }, newText: ` ${comment}` };
  }
  // Insert after the last visible character; trailing spaces (a Markdown hard break) stay after the comment.
  const at = trimmed.length;
  return { range: { start: { line, character: at }, end: { line, character: at } }, newText: `${at ? ' ' : ''}${comment}` };
}

/** "Disable <rule> for this file": merge with an existing file comment, or insert one after front matter. */
export function disableFileEdit(doc: TextDocument, ruleId: string): TextEdit {
  const text = doc.getText();
  const existing = DISABLE_FILE.exec(text);
  if (existing) {
    const at = ruleListEnd(existing);
    const pos = doc.positionAt(at);
    return { range: { start: pos, end: pos }, newText: ` ${ruleId}` };
  }
  const eol = detectEol(text);
  let line = 0;
  const fm = /^(---|\+\+\+)\r?\n[\s\S]*?\r?\n\1[ \t]*(\r?\n|$)/.exec(text);
  if (fm) line = doc.positionAt(fm[0].length).line + (fm[2] ? 0 : 1);
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `<!-- postmortem-lint-disable-file ${ruleId} -->${eol}${eol}`,
  };
}

/** The actions for `diagnostics` in `doc`, whose current text has `revision` (Documents.revision). */
export function codeActionsFor(doc: TextDocument, revision: number, diagnostics: Diagnostic[], only: string[] | undefined): CodeAction[] {
  const actions: CodeAction[] = [];
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  for (const d of diagnostics) {
    if (!isOurs(d)) continue;
    const data = d.data;
    if (wants(CodeActionKind.QuickFix)) {
      const fix = usableFix(data.fix, data.revision, revision, doc);
      if (fix) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: true,
          edit: edit(doc.uri, textEdits(doc, fix)),
        });
      }
      for (const s of Array.isArray(data.suggestions) ? data.suggestions : []) {
        const suggestion = usableFix(s, data.revision, revision, doc);
        if (suggestion)
          actions.push({
            title: suggestion.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            edit: edit(doc.uri, textEdits(doc, suggestion)),
          });
      }
      actions.push({
        title: `Disable ${data.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: edit(doc.uri, [disableLineEdit(doc, d.range.start.line, data.ruleId)]),
      });
      actions.push({
        title: `Disable ${data.ruleId} for this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: edit(doc.uri, [disableFileEdit(doc, data.ruleId)]),
      });
      const docs = docsLink(d, data);
      if (docs)
        actions.push({
          title: `Show documentation for ${data.ruleId}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          command: { title: `Show documentation for ${data.ruleId}`, command: COMMANDS.openDocs, arguments: [docs] },
        });
    }
  }
  return actions;
}

/** Whether a code action request asks for the fix-all action (by its own kind, source.fixAll, or all sources). */
export function wantsFixAll(only: string[] | undefined): boolean {
  return !!only?.some((k) => k === CodeActionKind.SourceFixAll || k === FIX_ALL_KIND || k === CodeActionKind.Source);
}

/** Every safe fix of the result as one action, or undefined when there is none. */
export function fixAllAction(uri: string, result: LintResult): CodeAction | undefined {
  const edits = collectFixEdits(result.findings);
  if (!edits.length) return undefined;
  const changes = edits.map((e) => ({ range: toRange(result.model.lineStarts, e.start, e.end), newText: e.text }));
  return { title: 'Fix all postmortem-lint problems', kind: FIX_ALL_KIND, edit: edit(uri, changes) };
}
