// The web extension (vscode.dev, github.dev, code-server's browser extension host): the language server runs in a web
// worker (server/src/browser/server.ts) with the same engine and editor features; the commands that need a disk or a
// Node process (workspace linting, the follow-ups view, the dashboard, exports, the per-file toggle) are not offered
// here, and the first activation says so once.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { registerTemplateCommands } from './commands';
import { registerEditorCommands } from './editorCommands';

declare const Worker: new (url: string, options?: { name?: string }) => ConstructorParameters<typeof LanguageClient>[2];

const NOTICE_KEY = 'postmortemLint.webNoticeShown';
const WEB_NOTICE =
  'Postmortem Lint runs in the browser here: diagnostics, quick fixes, hovers, timeline hints and CodeLens work on open ' +
  'documents. Not available in the browser: .postmortemlintrc.json files (use the postmortemLint.* settings), owner ' +
  'suggestions from CODEOWNERS, Lint All Postmortems, the Follow-ups view and the dashboard.';

let client: LanguageClient | undefined;

/**
 * A URL the worker can be started from. An extension served over http(s) (vscode.dev, github.dev) gives its own, and
 * the worker loads the language model from beside itself. One served by a remote extension host (code-server, a
 * development folder) has a vscode-remote URI, which the web extension host refuses to start a worker from: the
 * model and the server are read through the workspace file system and started from a blob URL instead, the model
 * first (it defines the global the server reads; server/src/browser/model.ts).
 */
async function workerUrl(dist: vscode.Uri): Promise<string> {
  const server = vscode.Uri.joinPath(dist, 'web', 'server.js');
  if (/^https?$/.test(server.scheme)) return server.toString(true);
  const [model, code] = await Promise.all([vscode.Uri.joinPath(dist, 'model.js'), server].map((u) => vscode.workspace.fs.readFile(u)));
  return URL.createObjectURL(new Blob([model!, '\n', code!], { type: 'text/javascript' }));
}

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
  // hides the commands and the view this host does not offer (package.json `when` clauses); not `isWeb`, which is
  // also true for the Node extension in a browser workbench backed by a server (code-server, Codespaces)
  void vscode.commands.executeCommand('setContext', 'postmortemLint.web', true);
  const worker = new Worker(await workerUrl(vscode.Uri.joinPath(context.extensionUri, 'dist')), {
    name: 'postmortem-lint server',
  });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'markdown' }],
    synchronize: { configurationSection: 'postmortemLint' },
    initializationOptions: { docsBaseUrl: `${vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString()}/` },
  };
  client = new LanguageClient('postmortemLint', 'Postmortem Lint', worker, clientOptions);
  context.subscriptions.push(
    ...registerTemplateCommands(context),
    ...registerEditorCommands(),
    vscode.commands.registerCommand('postmortemLint.showOutput', () => client?.outputChannel.show(true)),
  );
  await client.start();
  if (!context.globalState.get(NOTICE_KEY)) {
    void context.globalState.update(NOTICE_KEY, true);
    void vscode.window.showInformationMessage(WEB_NOTICE);
  }
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
