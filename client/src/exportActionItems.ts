// "Postmortem: Export Action Items": ask for a format and a location, get the export from the server
// (`postmortemLint/actionItems`) and write it with workspace.fs. The document is never modified.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ACTION_ITEMS_REQUEST, type ActionItemsParams, type ActionItemsResult, type ExportFormat } from '../../server/src/protocol';

interface FormatChoice extends vscode.QuickPickItem {
  format: ExportFormat;
  extension: string;
}

const CHOICES: FormatChoice[] = [
  { label: 'CSV', description: 'RFC 4180, ready to import into an issue tracker', format: 'csv', extension: 'csv' },
  { label: 'JSON', description: 'one object per action item', format: 'json', extension: 'json' },
  { label: 'Markdown', description: 'a table', format: 'markdown', extension: 'md' },
];

/** Optional arguments, so the command can run without prompts (tests, keybindings, other extensions). */
export interface ExportOptions {
  format?: ExportFormat;
  /** Where to write (a Uri or a URI string); skips the save dialog. */
  target?: vscode.Uri | string;
}

/** `<dir>/<name>.action-items.<ext>` next to the document; for an untitled document, in the first workspace folder. */
export function defaultExportUri(doc: vscode.Uri, extension: string): vscode.Uri | undefined {
  const base =
    doc.path
      .split('/')
      .pop()
      ?.replace(/\.(md|markdown)$/i, '') || 'postmortem';
  const file = `${base}.action-items.${extension}`;
  if (doc.scheme === 'untitled') {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder ? vscode.Uri.joinPath(folder, file) : undefined;
  }
  return vscode.Uri.joinPath(doc, '..', file);
}

export async function exportActionItems(
  client: LanguageClient,
  ready: Promise<void>,
  uri?: vscode.Uri,
  options: ExportOptions = {},
): Promise<vscode.Uri | undefined> {
  const doc = uri
    ? (vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri)))
    : vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('postmortem-lint: open a Markdown postmortem to export its action items.');
    return undefined;
  }
  const choice = options.format
    ? CHOICES.find((c) => c.format === options.format)
    : await vscode.window.showQuickPick(CHOICES, { title: 'Export action items', placeHolder: 'Format' });
  if (!choice) return undefined;

  await ready;
  const result = await client.sendRequest<ActionItemsResult>(ACTION_ITEMS_REQUEST, {
    uri: doc.uri.toString(),
    format: choice.format,
  } satisfies ActionItemsParams);
  if (result.count === 0) {
    void vscode.window.showInformationMessage('postmortem-lint: no action items found in this document.');
    return undefined;
  }

  let target: vscode.Uri | undefined;
  if (options.target) target = typeof options.target === 'string' ? vscode.Uri.parse(options.target) : options.target;
  else {
    const defaultUri = defaultExportUri(doc.uri, choice.extension);
    target = await vscode.window.showSaveDialog({
      title: `Export ${result.count} action item${result.count === 1 ? '' : 's'}`,
      ...(defaultUri ? { defaultUri } : {}),
      filters: { [choice.label]: [choice.extension] },
    });
  }
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.content));
  if (!options.target) {
    void vscode.window
      .showInformationMessage(
        `Exported ${result.count} action item${result.count === 1 ? '' : 's'} to ${vscode.workspace.asRelativePath(target)}.`,
        'Open',
      )
      .then(async (open) => {
        if (open) await vscode.window.showTextDocument(target);
      });
  }
  return target;
}
