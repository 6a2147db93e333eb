// The VS Code extension: starts the language server, shows a status bar item, registers commands.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerTemplateCommands } from './commands';
import { registerEditorCommands } from './editorCommands';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { exportActionItems, type ExportOptions } from './exportActionItems';
import { lintWorkspace } from './lintWorkspace';
import { FollowUpsProvider, registerFollowUps } from './followUps';
import { Dashboard } from './dashboard';
import {
  OVERRIDE_NOTIFICATION,
  STATUS_NOTIFICATION,
  type Override,
  type OverrideParams,
  type StatusParams,
} from '../../server/src/protocol';

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

export interface PostmortemLintApi {
  client: LanguageClient;
  /** Resolves when the language client is running. */
  ready: Promise<void>;
  /** Is the document linted as a postmortem (as last reported by the server)? */
  isLinted(uri: vscode.Uri): boolean | undefined;
  /** Fires when the server reports a document's status. */
  onDidChangeStatus: vscode.Event<vscode.Uri>;
  /** The "Postmortem Follow-ups" view's data (for tests and other extensions). */
  followUps: FollowUpsProvider;
}

interface Status {
  linted: boolean;
  reason: string;
  version: number;
}

/** Restart the server when it dies, at most MAX_RESTARTS times in RESTART_WINDOW_MS; tell the user once. */
class RestartingErrorHandler implements ErrorHandler {
  private restarts: number[] = [];
  private told = false;
  /** A restart the user asked for starts a fresh window: the next crash is restarted again. */
  reset(): void {
    this.restarts = [];
  }
  constructor(private readonly output: () => vscode.LogOutputChannel | undefined) {}
  error() {
    return { action: ErrorAction.Continue };
  }
  closed() {
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS) {
      void vscode.window.showErrorMessage(
        `The postmortem-lint server stopped ${MAX_RESTARTS + 1} times in three minutes and will not be restarted. See the output for details; use "Postmortem: Restart Language Server" to try again.`,
      );
      return { action: CloseAction.DoNotRestart };
    }
    this.restarts.push(now);
    if (!this.told) {
      this.told = true;
      void vscode.window
        .showWarningMessage('The postmortem-lint server stopped unexpectedly and was restarted.', 'Show Output')
        .then((choice) => {
          if (choice) this.output()?.show(true);
        });
    }
    return { action: CloseAction.Restart };
  }
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<PostmortemLintApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const output = vscode.window.createOutputChannel('Postmortem Lint', { log: true });
  const errorHandler = new RestartingErrorHandler(() => output);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'markdown', scheme: 'file' },
      { language: 'markdown', scheme: 'untitled' },
      { language: 'markdown', scheme: 'vscode-vfs' },
    ],
    // configurationSection: without it the client never sends workspace/didChangeConfiguration, so a
    // settings change would not re-lint open documents (found by the e2e suite)
    synchronize: {
      configurationSection: 'postmortemLint',
      // config files, and the Markdown files and ignore files workspace linting reads
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.postmortemlintrc{,.json}'),
        vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}'),
        vscode.workspace.createFileSystemWatcher('**/.{gitignore,postmortemlintignore}'),
      ],
    },
    // a function, so the restart after onDidGrantWorkspaceTrust sends trusted: true (an object is read once at activation)
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler,
    diagnosticPullOptions: { onChange: true, onSave: true, onTabs: false },
  };
  client = new LanguageClient('postmortemLint', 'Postmortem Lint', serverOptions, clientOptions);

  const statuses = new Map<string, Status>();
  const statusEmitter = new vscode.EventEmitter<vscode.Uri>();
  const overrides = new Map<string, Override>(context.workspaceState.get<[string, Override][]>('postmortemLint.overrides', []));

  const statusBar = vscode.window.createStatusBarItem('postmortemLint.status', vscode.StatusBarAlignment.Right, 100);
  statusBar.name = 'Postmortem Lint';
  statusBar.command = 'postmortemLint.toggleFile';
  const updateStatusBar = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      statusBar.hide();
      return;
    }
    const status = statuses.get(editor.document.uri.toString());
    if (!status) {
      statusBar.text = '$(sync~spin) Postmortem';
      statusBar.tooltip = 'postmortem-lint is checking this file';
    } else if (status.linted) {
      statusBar.text = '$(checklist) Postmortem';
      statusBar.tooltip = `Linted as a postmortem (${status.reason}). Click to stop linting this file.`;
    } else {
      statusBar.text = '$(circle-slash) Postmortem';
      statusBar.tooltip = `Not linted as a postmortem (${status.reason}). Click to lint this file as a postmortem.`;
    }
    statusBar.show();
  };

  const sendOverrides = () => {
    for (const [uri, mode] of overrides) void client!.sendNotification(OVERRIDE_NOTIFICATION, { uri, mode } satisfies OverrideParams);
  };

  // A restarted server (after a crash, or the restart command) starts with no per-file toggles: send them again.
  context.subscriptions.push(
    client.onDidChangeState((e) => {
      if (e.newState === State.Running && e.oldState !== State.Running) sendOverrides();
    }),
  );

  const ready = client.start().then(() => {
    client!.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
      statuses.set(p.uri, { linted: p.linted, reason: p.reason, version: p.version });
      statusEmitter.fire(vscode.Uri.parse(p.uri));
      updateStatusBar();
    });
    sendOverrides();
  });
  const followUps = registerFollowUps(() => client, ready);
  const dashboard = new Dashboard(() => client, ready);

  context.subscriptions.push(
    ...registerTemplateCommands(context),
    ...followUps.disposables,
    output,
    statusBar,
    statusEmitter,
    vscode.window.onDidChangeActiveTextEditor(updateStatusBar),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('postmortemLint.restartServer', async () => {
      errorHandler.reset();
      await client?.restart();
      sendOverrides();
    }),
    vscode.commands.registerCommand('postmortemLint.showOutput', () => output.show(true)),
    ...registerEditorCommands(),
    vscode.commands.registerCommand('postmortemLint.toggleFile', async (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (!target) return;
      const key = target.toString();
      const linted = statuses.get(key)?.linted ?? false;
      const mode: Override = linted ? 'off' : 'on';
      overrides.set(key, mode);
      await context.workspaceState.update('postmortemLint.overrides', [...overrides]);
      statuses.delete(key);
      updateStatusBar();
      await ready;
      await client!.sendNotification(OVERRIDE_NOTIFICATION, { uri: key, mode } satisfies OverrideParams);
    }),
    vscode.commands.registerCommand('postmortemLint.exportActionItems', (uri?: vscode.Uri, options?: ExportOptions) =>
      exportActionItems(client!, ready, uri, options),
    ),
    vscode.commands.registerCommand('postmortemLint.lintWorkspace', () => lintWorkspace(() => client, ready)),
    vscode.commands.registerCommand('postmortemLint.openDashboard', () => dashboard.open()),
    dashboard,
  );
  updateStatusBar();

  return {
    client,
    ready,
    followUps: followUps.provider,
    isLinted: (uri) => statuses.get(uri.toString())?.linted,
    onDidChangeStatus: statusEmitter.event,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
