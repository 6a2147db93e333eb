// "Postmortem: Lint All Postmortems": ask the server to lint every postmortem in the workspace folders (workspace
// diagnostics, kept current as files change), with progress; the Problems panel then lists them.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LINT_WORKSPACE_REQUEST, type LintWorkspaceResult } from '../../server/src/protocol';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The summary line shown when the scan is done. */
export function lintWorkspaceMessage(r: LintWorkspaceResult): string {
  const parts = [
    `postmortem-lint: ${plural(r.postmortems, 'postmortem')} linted in ${plural(r.files, 'Markdown file')}, ${plural(r.problems, 'problem')}.`,
  ];
  if (r.skipped) parts.push(`${plural(r.skipped, 'file')} skipped (too large or unreadable).`);
  if (r.capped) parts.push('The scan stopped at its file cap.');
  return parts.join(' ');
}

/**
 * A request about the workspace's files, with a cancellable progress notification: only in a trusted workspace (the
 * server reads no file otherwise), once the client is ready; a failure is shown as a warning. Undefined when it could
 * not run.
 */
export async function workspaceRequest<R>(
  client: () => LanguageClient | undefined,
  ready: Promise<void>,
  method: string,
  params: unknown,
  title: string,
): Promise<R | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('postmortem-lint reads workspace files only in a trusted workspace.');
    return undefined;
  }
  await ready;
  const c = client();
  if (!c) return undefined;
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (_progress, token) => c.sendRequest<R>(method, params, token),
    );
  } catch (error) {
    void vscode.window.showWarningMessage(`postmortem-lint: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Run the scan; resolves with its summary (undefined when it could not run), for tests and keybindings. */
export async function lintWorkspace(
  client: () => LanguageClient | undefined,
  ready: Promise<void>,
): Promise<LintWorkspaceResult | undefined> {
  const result = await workspaceRequest<LintWorkspaceResult>(
    client,
    ready,
    LINT_WORKSPACE_REQUEST,
    undefined,
    'postmortem-lint: linting the postmortems in the workspace…',
  );
  if (!result) return undefined;
  const show = 'Show Problems';
  void vscode.window.showInformationMessage(lintWorkspaceMessage(result), show).then((choice) => {
    if (choice === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return result;
}
