// Shared helpers for the end-to-end suite (bundled into each *.test.js by scripts/e2e.mjs).
// Every wait is on an event (diagnostics changed, document changed, configuration changed) with a
// timeout, never a fixed sleep; a timeout message says what was last seen.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'postmortem-lint.postmortem-lint';
export const SOURCE = 'postmortem-lint';
export const WAIT_MS = 20_000;

/** What client/src/extension.ts returns from activate() (the part the tests use). */
export interface PostmortemLintApi {
  ready: Promise<void>;
  /** The vscode-languageclient LanguageClient (only what the tests use). */
  client: { isRunning(): boolean };
  /** As last reported by the server; undefined before its first report for the document. */
  isLinted(uri: vscode.Uri): boolean | undefined;
  onDidChangeStatus: vscode.Event<vscode.Uri>;
  /** The Follow-ups view's provider (its shape is the test's to state). */
  followUps: unknown;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace folder is open');
  return folder.uri.fsPath;
}

export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), rel));
}

export function extension(): vscode.Extension<PostmortemLintApi> {
  const ext = vscode.extensions.getExtension<PostmortemLintApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed in the extension host`);
  return ext;
}

/** The extension's API once its language client is ready (activating it if needed). */
export async function api(): Promise<PostmortemLintApi> {
  const ext = extension();
  const exports = ext.isActive ? ext.exports : await ext.activate();
  assert.ok(exports && typeof exports.isLinted === 'function', 'activate() returns the API');
  await withTimeout(exports.ready, WAIT_MS, 'language client ready');
  return exports;
}

export function withTimeout<T>(p: Thenable<T>, ms: number, what: string, detail?: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}${detail ? `; ${detail()}` : ''}`)), ms);
    Promise.resolve(p).then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function ruleId(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function describe(diags: readonly vscode.Diagnostic[]): string {
  if (diags.length === 0) return 'no postmortem-lint diagnostics';
  return diags.map((d) => `${ruleId(d)}@${d.range.start.line + 1}:${d.range.start.character + 1} "${d.message}"`).join(' | ');
}

/**
 * Resolves with our diagnostics for `uri` once `predicate` holds, checking now and on every
 * onDidChangeDiagnostics event for that uri.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diags: vscode.Diagnostic[]) => boolean,
  what: string,
  ms = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  let sub: vscode.Disposable | undefined;
  const p = new Promise<vscode.Diagnostic[]>((resolve) => {
    const check = () => {
      const d = ours(uri);
      if (predicate(d)) {
        sub?.dispose();
        resolve(d);
        return true;
      }
      return false;
    };
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
  return withTimeout(p, ms, `${what} in ${path.basename(uri.fsPath)}`, () => describe(ours(uri))).finally(() => sub?.dispose());
}

/** Waits until the diagnostics for `uri` include one for each rule id in `ids`. */
export function waitForRules(uri: vscode.Uri, ids: string[], ms = WAIT_MS): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (d) => ids.every((id) => d.some((x) => ruleId(x) === id)), `diagnostics ${ids.join(', ')}`, ms);
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** 0-based line index of the first line containing `needle` (fails the test if absent). */
export function lineOf(doc: vscode.TextDocument, needle: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  assert.fail(`fixture ${path.basename(doc.uri.fsPath)} has a line containing ${JSON.stringify(needle)}`);
}

/** Resolves once a text change to `doc` makes `predicate` true (checks immediately too). */
export function waitForText(doc: vscode.TextDocument, predicate: (text: string) => boolean, what: string, ms = WAIT_MS): Promise<void> {
  let sub: vscode.Disposable | undefined;
  const p = new Promise<void>((resolve) => {
    const check = () => {
      if (predicate(doc.getText())) {
        sub?.dispose();
        resolve();
      }
    };
    sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc) check();
    });
    check();
  });
  return withTimeout(p, ms, what).finally(() => sub?.dispose());
}

/** Closes every editor and reverts unsaved changes so each test starts from the files on disk. */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && !d.isUntitled)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
  );
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

/** Applies a code action the way the editor does: its edit, then its command. */
export async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `edit of "${action.title}" applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Resolves once the server has reported `isLinted(uri) === linted` (checks now and on every status event). */
export function waitForLinted(a: PostmortemLintApi, uri: vscode.Uri, linted: boolean, ms = WAIT_MS): Promise<void> {
  let sub: vscode.Disposable | undefined;
  const p = new Promise<void>((resolve) => {
    const check = () => {
      if (a.isLinted(uri) === linted) {
        sub?.dispose();
        resolve();
      }
    };
    sub = a.onDidChangeStatus((u) => {
      if (u.toString() === uri.toString()) check();
    });
    check();
  });
  return withTimeout(p, ms, `isLinted(${path.basename(uri.fsPath)}) === ${linted}`, () => `it is ${a.isLinted(uri)}`).finally(() =>
    sub?.dispose(),
  );
}

type Win = Record<string, unknown>;

/** Replaces vscode.window[name] until the returned function is called (fails the test if it cannot). */
export function stubWindow(name: string, fn: (...args: never[]) => unknown): () => void {
  const win = vscode.window as unknown as Win;
  const original = win[name];
  win[name] = fn;
  assert.equal(win[name], fn, `vscode.window.${name} can be replaced in the extension host`);
  return () => {
    win[name] = original;
  };
}

/** PIDs of this window's language server processes (children of the extension host running dist/server.js). */
export function serverPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8'); // empty for a zombie
      if (cmd.includes(`dist${path.sep}server.js`)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** The one language server process of this window. */
export function serverPid(): number {
  const pids = serverPids();
  assert.equal(
    pids.length,
    1,
    `one language server process under the extension host (pid ${process.pid}); found ${pids.join(', ') || 'none'}`,
  );
  return pids[0]!;
}

/** The server process started after `old` (the old one may still be on its way out). */
export function newServerPid(old: number): number {
  const fresh = serverPids().filter((p) => p !== old);
  assert.equal(fresh.length, 1, `one new language server process (old: ${old}); found ${fresh.join(', ') || 'none'}`);
  return fresh[0]!;
}

/**
 * Runs `trigger`, then resolves once the diagnostics for `uri` were seen without `id` and afterwards with it
 * again (the server went away and a new one reported the finding).
 */
export async function clearedThenBack(uri: vscode.Uri, id: string, trigger: () => Thenable<unknown>): Promise<void> {
  let cleared = false;
  let sub: vscode.Disposable | undefined;
  const back = new Promise<void>((resolve) => {
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const has = ours(uri).some((d) => ruleId(d) === id);
      if (!has) cleared = true;
      else if (cleared) resolve();
    });
  });
  try {
    await trigger();
    await withTimeout(
      back,
      WAIT_MS,
      `${id} in ${path.basename(uri.fsPath)} to be cleared and then reported again`,
      () => `cleared seen: ${cleared}`,
    );
  } finally {
    sub?.dispose();
  }
}
