// Commands both hosts offer (the Node extension and the web extension): reveal a line (the timeline CodeLens), open a
// rule's page (hovers), and fix all in the active editor (the fix-all code action, applied).
import * as vscode from 'vscode';
import { COMMANDS, FIX_ALL_KIND } from '../../server/src/protocol';

const FIX_ALL = vscode.CodeActionKind.Empty.append(FIX_ALL_KIND);

export function registerEditorCommands(): vscode.Disposable[] {
  return [
    // Used by the timeline metrics CodeLens: reveal (and put the cursor on) a line of a document.
    vscode.commands.registerCommand(COMMANDS.revealLine, async (uri: string, line: number) => {
      const target = vscode.Uri.parse(uri);
      const editor =
        vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString()) ??
        (await vscode.window.showTextDocument(target));
      const pos = new vscode.Position(line, 0);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
    vscode.commands.registerCommand(COMMANDS.openDocs, async (url: string) => {
      const uri = vscode.Uri.parse(url);
      if (uri.scheme === 'file') await vscode.commands.executeCommand('markdown.showPreview', uri);
      else await vscode.env.openExternal(uri);
    }),
    vscode.commands.registerCommand('postmortemLint.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const doc = editor.document;
      const range = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        range,
        FIX_ALL.value,
      );
      const fixAll = actions?.find((a) => a.kind && FIX_ALL.contains(a.kind) && a.edit);
      if (fixAll?.edit) await vscode.workspace.applyEdit(fixAll.edit);
      else void vscode.window.showInformationMessage('postmortem-lint: nothing to fix automatically in this file.');
    }),
  ];
}
