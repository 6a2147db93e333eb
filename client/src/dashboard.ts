// "Postmortem: Open Follow-ups Dashboard": the follow-through report (`postmortem-lint report --format html`) over the
// workspace's postmortems, as the server builds it from its workspace scan and the open documents, in a webview.
// The report is one self-contained page (inline CSS and SVG, no script); the webview runs no script either, and the
// page's content security policy allows inline styles and data: images only.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REPORT_REQUEST, type ReportParams, type ReportResult } from '../../server/src/protocol';
import { workspaceRequest } from './lintWorkspace';

const TITLE = 'Postmortem Follow-ups Dashboard';

export class Dashboard {
  private panel: vscode.WebviewPanel | undefined;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly ready: Promise<void>,
  ) {}

  /** Build the report and show it (in the open panel, else a new one); resolves with the page, or undefined. */
  async open(): Promise<string | undefined> {
    const result = await workspaceRequest<ReportResult>(
      this.client,
      this.ready,
      REPORT_REQUEST,
      { format: 'html' } satisfies ReportParams,
      'postmortem-lint: building the follow-ups dashboard…',
    );
    if (!result) return undefined;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('postmortemLint.dashboard', TITLE, vscode.ViewColumn.Active, {
        enableScripts: false,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else this.panel.reveal();
    this.panel.webview.html = result.content;
    return result.content;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
