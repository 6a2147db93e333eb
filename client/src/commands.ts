// "Postmortem: New from Template" and "Postmortem: Insert Timeline Entry Now" (VS Code glue; the logic is in
// commandLogic.ts and templates.ts).
import * as vscode from 'vscode';
import {
  clockParts,
  datedFileName,
  detectTimelineLayout,
  formatTimelineEntry,
  isValidZone,
  uniqueFileName,
  withTitle,
} from './commandLogic';
import { TEMPLATE_PREFIX, templateForProfile, type TemplateProfile } from './templates';

const PROFILE_LABELS: Record<TemplateProfile, string> = {
  standard: 'Standard — Timeline, Contributing Factors, What Went Well / Poorly, Action Items',
  'google-sre': 'Google SRE — Summary, Impact, Root Causes, Trigger, Resolution, Detection, Action Items, Lessons Learned, Timeline',
  pagerduty:
    "PagerDuty — Summary, Impact, Responders, Timeline, Contributing Factors, Resolution, What Went Well / Didn't Go So Well, Action Items",
};

/** The configured zone, or UTC with a warning when the setting is not a zone Intl knows. */
function configuredZone(scope: vscode.Uri | undefined): string {
  const zone = vscode.workspace.getConfiguration('postmortemLint', scope).get<string>('timezone', 'UTC').trim() || 'UTC';
  if (isValidZone(zone)) return zone;
  void vscode.window.showWarningMessage(`postmortemLint.timezone "${zone}" is not an IANA time zone name; using UTC.`);
  return 'UTC';
}

async function newPostmortem(context: vscode.ExtensionContext): Promise<void> {
  const title = await vscode.window.showInputBox({
    title: 'New postmortem',
    prompt: 'Title of the incident (used for the file name and the heading)',
    placeHolder: 'Checkout errors after the payment client upgrade',
    validateInput: (v) => (v.trim() ? undefined : 'Enter a short title'),
  });
  if (title === undefined) return;
  const folder = vscode.window.activeTextEditor
    ? (vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri) ?? vscode.workspace.workspaceFolders?.[0])
    : vscode.workspace.workspaceFolders?.[0];
  const config = vscode.workspace.getConfiguration('postmortemLint', folder?.uri);
  const configured = config.get<string>('profile');
  const order = (Object.keys(TEMPLATE_PREFIX) as TemplateProfile[]).sort((a, b) => (a === configured ? -1 : b === configured ? 1 : 0));
  const picked = await vscode.window.showQuickPick(
    order.map((p) => ({ label: p, detail: PROFILE_LABELS[p], profile: p })),
    { title: 'Template profile', placeHolder: 'Which template?' },
  );
  if (!picked) return;

  const snippetText = new TextDecoder().decode(
    await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'snippets', 'postmortem.code-snippets')),
  );
  const template = templateForProfile(snippetText, picked.profile);
  const body = withTitle(template.body, title.trim());

  let document: vscode.TextDocument;
  if (folder) {
    const dir = vscode.Uri.joinPath(
      folder.uri,
      ...(config.get<string>('newPostmortemFolder', 'postmortems') || '.').split(/[\\/]+/).filter(Boolean),
    );
    await vscode.workspace.fs.createDirectory(dir);
    const exists = async (name: string) => {
      try {
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(dir, name));
        return true;
      } catch {
        return false;
      }
    };
    const name = await uniqueFileName(datedFileName(clockParts(new Date(), configuredZone(folder.uri)).date, title), exists);
    const uri = vscode.Uri.joinPath(dir, name);
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    document = await vscode.workspace.openTextDocument(uri);
  } else {
    document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  }
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(body), new vscode.Position(0, 0));
}

async function insertTimelineEntry(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const doc = editor.document;
  const lines: string[] = [];
  for (let i = 0; i < doc.lineCount; i++) lines.push(doc.lineAt(i).text);
  const cursor = editor.selection.active.line;
  const layout = detectTimelineLayout(lines, cursor);
  const clock = clockParts(new Date(), configuredZone(doc.uri));
  const snippet = formatTimelineEntry(layout, clock, layout.model !== undefined ? lines[layout.model] : undefined);
  const current = doc.lineAt(cursor);
  if (current.isEmptyOrWhitespace) {
    await editor.insertSnippet(new vscode.SnippetString(snippet), current.range);
  } else {
    // a new line after the current one (after a heading entry's body, a blank line first)
    const prefix = layout.kind === 'heading' ? '\n\n' : '\n';
    await editor.insertSnippet(
      new vscode.SnippetString(prefix.replace(/\n/g, doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n') + snippet),
      current.range.end,
    );
  }
}

/** Register the template commands; the ids are declared in package.json. */
export function registerTemplateCommands(context: vscode.ExtensionContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('postmortemLint.newPostmortem', () => newPostmortem(context)),
    vscode.commands.registerCommand('postmortemLint.insertTimelineEntry', () => insertTimelineEntry()),
  ];
}
