// Workspace linting: every postmortem in the workspace folders, opened or not (LSP `workspace/diagnostic`, or push
// diagnostics for clients that do not pull). Files come from markdownFiles (ignore files respected); each one is
// linted with the settings of its workspace folder and its directory's config file (by the host's FileLint: in a
// worker thread in the server, so the open document's diagnostics never wait for it), and its report is kept by
// modification time and size, so a scan after a change re-lints only what changed. A file open in the editor is left
// to the document pull (its text there is newer than the disk's).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Diagnostic,
  type PreviousResultId,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { markdownFiles } from '../node/markdownFiles';
import { readRegularFile } from '../node/regularFile';
import { decodeTextFile } from '../node/textFile';
import type { LintWorkspaceResult } from '../protocol';
import { followUpsOf, postmortemTitle, type ItemFollowUp } from '../engine/index';
import { digest, type ReportDigest } from '../cli/report/compute';
import { exportFileLabel } from './features/actionItems';
import type { Documents } from './documents';
import { toDiagnostic } from './ranges';

/** One closed file linted: whether it is a postmortem, its diagnostics, a hash of the text read. */
export interface FileLintResult {
  postmortem: boolean;
  diagnostics: Diagnostic[];
  hash: string;
  /** A postmortem's title and action items with their follow-up state (the Follow-ups view). */
  title?: string;
  followUps?: ItemFollowUp[];
  /** What the follow-through report reads of a postmortem (the dashboard). */
  digest?: ReportDigest;
}
/** Lint a file on disk (undefined: unreadable) with the settings of its workspace folder. */
export type FileLint = (uri: string, fsPath: string, folderUri: string) => Promise<FileLintResult | undefined>;

export interface WorkspaceHost {
  lintFile: FileLint;
  /** Bumps when settings or config files change (Documents' generation): cached reports of older ones are stale. */
  generation(): number;
  /** A scan ended: what the lint held for it (memos) can go. */
  scanned?(): void;
  /** Files linted at once (default 1). */
  concurrency?(): number;
  folders(): readonly string[];
  trusted(): boolean;
  /** Whether the editor has the document open (its diagnostics then come from the document pull). */
  isOpen(uri: string): boolean;
  /** An open document's lint (the editor's text): counted in the summary, reported by the document pull. */
  openResult?(uri: string): Promise<{ postmortem: boolean; problems: number } | undefined>;
  /** Files a scan reads at most (default 5,000). */
  maxFiles?: number;
  /** Larger files are not read (default 4 MB; the engine's own size limit applies below it). */
  maxFileBytes?: number;
}

/** Larger workspace files are not read (the default of WorkspaceHost.maxFileBytes). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

interface Entry extends Pick<FileLintResult, 'title' | 'followUps' | 'digest'> {
  mtimeMs: number;
  size: number;
  generation: number;
  resultId: string;
  diagnostics: Diagnostic[];
  postmortem: boolean;
}

/** A full report, or "unchanged since the result id the client holds". */
export type FileReport = WorkspaceDocumentDiagnosticReport;

/** Diagnostics of a closed file carry no text revision: its quick fixes are offered once it is open and re-linted. */
const CLOSED_REVISION = -1;

export class WorkspaceLinter {
  /** Workspace diagnostics are on: the setting, or the "Lint All Postmortems" command since the server started. */
  enabled = false;
  private readonly entries = new Map<string, Entry>();
  /** Result ids reported by the last scan: what a push client holds. */
  private reported = new Map<string, string>();

  /** What the last scan reported, as the previous result ids of a client that does not pull. */
  reportedIds(): PreviousResultId[] {
    return [...this.reported].map(([uri, value]) => ({ uri, value }));
  }
  private waiters: (() => void)[] = [];
  private lastScan = 0;
  private dirty = true;

  constructor(private readonly host: WorkspaceHost) {}

  /** The last scan's closed postmortems with their action items (open documents are the server's to add). */
  closedPostmortems(): { uri: string; title: string; followUps: ItemFollowUp[]; digest?: ReportDigest }[] {
    const out: { uri: string; title: string; followUps: ItemFollowUp[]; digest?: ReportDigest }[] = [];
    for (const uri of this.reported.keys()) {
      const e = this.entries.get(uri);
      if (e?.postmortem && e.followUps && !this.host.isOpen(uri))
        out.push({ uri, title: e.title ?? uri, followUps: e.followUps, ...(e.digest ? { digest: e.digest } : {}) });
    }
    return out;
  }

  /** Whether a scan has finished since workspace linting was turned on. */
  get scannedOnce(): boolean {
    return this.lastScan > 0;
  }

  /** A file changed on disk (undefined: settings or config files, so every file): the next scan sees it. */
  changed(uri?: string): void {
    if (uri) this.entries.delete(uri);
    else this.entries.clear();
    this.dirty = true;
    this.wakeAll();
  }

  /** Turn workspace linting on; a waiting pull resumes. */
  enable(): void {
    this.enabled = true;
    this.dirty = true;
    this.wakeAll();
  }

  /**
   * Before a pull rescans: wait while nothing changed since the last scan (the client asks again as soon as it has an
   * answer), until a change, `ms` or cancellation. Also waits while workspace linting is off.
   */
  async settle(ms: number, token: CancellationToken): Promise<void> {
    while (!token.isCancellationRequested && (!this.enabled || (!this.dirty && Date.now() - this.lastScan < ms))) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.enabled ? Math.max(0, ms - (Date.now() - this.lastScan)) : ms);
        const sub = token.onCancellationRequested(done);
        this.waiters.push(done);
        function done(): void {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      });
    }
  }

  private wakeAll(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /**
   * Lint the workspace's postmortems. `previous`: the result ids the client holds (an unchanged file is reported as
   * unchanged); `report` receives the reports in batches as the scan goes (partial results).
   */
  async scan(
    previous: readonly PreviousResultId[],
    token: CancellationToken,
    report: (items: FileReport[]) => void,
  ): Promise<LintWorkspaceResult> {
    const t0 = Date.now();
    this.dirty = false;
    const summary: LintWorkspaceResult = { files: 0, postmortems: 0, problems: 0, skipped: 0, capped: false, ms: 0 };
    const held = new Map(previous.map((p) => [p.uri, p.value]));
    // files this server reported before are cleared when they are gone, whether or not the client lists them
    const before = new Set([...held.keys(), ...this.reported.keys()]);
    const seen = new Map<string, string>();
    let batch: FileReport[] = [];
    let flushed = Date.now();
    const flush = (): void => {
      if (batch.length) report(batch);
      batch = [];
      flushed = Date.now();
    };
    const maxFiles = this.host.maxFiles ?? 5_000;
    const inflight = new Set<Promise<void>>();
    outer: for (const folder of this.host.trusted() ? this.host.folders() : []) {
      const folderUri = URI.file(folder).toString();
      let files: string[];
      try {
        files = await markdownFiles(folder);
      } catch {
        continue; // the folder is gone or unreadable
      }
      for (const rel of files) {
        if (token.isCancellationRequested) break outer;
        if (summary.files >= maxFiles) {
          summary.capped = true;
          break outer;
        }
        summary.files++;
        const fsPath = path.join(folder, rel);
        const uri = URI.file(fsPath).toString();
        if (this.host.isOpen(uri)) {
          const open = await this.host.openResult?.(uri);
          if (open?.postmortem) {
            summary.postmortems++;
            summary.problems += open.problems;
          }
          continue;
        }
        // up to `concurrency` files in flight (one per lint thread)
        const work = this.entry(uri, fsPath, folderUri).then(
          (entry) => {
            if (!entry) {
              summary.skipped++;
              return;
            }
            if (!entry.postmortem && !before.has(uri)) return;
            if (entry.postmortem) {
              summary.postmortems++;
              summary.problems += entry.diagnostics.length;
            }
            seen.set(uri, entry.resultId);
            batch.push(
              held.get(uri) === entry.resultId
                ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId: entry.resultId, version: null }
                : { kind: DocumentDiagnosticReportKind.Full, uri, resultId: entry.resultId, version: null, items: entry.diagnostics },
            );
            if (batch.length >= 50 || Date.now() - flushed > 250) flush();
          },
          () => {
            summary.skipped++; // the lint failed (logged by the thread): the file is left out, the scan goes on
          },
        );
        inflight.add(work);
        void work.finally(() => inflight.delete(work));
        if (inflight.size >= (this.host.concurrency?.() ?? 1)) await Promise.race(inflight);
        // let the messages that arrived meanwhile (a keystroke's document pull) go first
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await Promise.all(inflight);
    if (!token.isCancellationRequested) {
      // files reported before that are gone, no longer postmortems' or now open: clear what the client shows for them
      for (const uri of before)
        if (!seen.has(uri) && !this.host.isOpen(uri))
          batch.push({ kind: DocumentDiagnosticReportKind.Full, uri, resultId: 'gone', version: null, items: [] });
      this.reported = seen;
    }
    flush();
    this.host.scanned?.();
    this.lastScan = Date.now();
    summary.ms = this.lastScan - t0;
    return summary;
  }

  private async entry(uri: string, fsPath: string, folderUri: string): Promise<Entry | undefined> {
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(fsPath);
    } catch {
      return undefined;
    }
    if (!st.isFile() || st.size > (this.host.maxFileBytes ?? MAX_FILE_BYTES)) return undefined;
    const generation = this.host.generation();
    const cached = this.entries.get(uri);
    if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size && cached.generation === generation) return cached;
    const linted = await this.host.lintFile(uri, fsPath, folderUri);
    if (!linted) return undefined;
    const { postmortem, diagnostics, hash, title, followUps, digest } = linted;
    const entry: Entry = {
      mtimeMs: st.mtimeMs,
      size: st.size,
      generation,
      resultId: `${generation}.${hash}`,
      diagnostics,
      postmortem,
      ...(title !== undefined ? { title } : {}),
      ...(followUps ? { followUps } : {}),
      ...(digest ? { digest } : {}),
    };
    this.entries.set(uri, entry);
    return entry;
  }
}

/**
 * Lint files in this thread (the worker's own lint, and the server's when no worker can start). A file is read only
 * when it is a regular file within the size bound whose real path is inside one of the workspace `folders` (a link
 * out of the workspace is not read).
 */
export function lintInThread(documents: Documents, folders: () => readonly string[]): FileLint {
  return async (uri, fsPath, folderUri) => {
    const read = readRegularFile(fsPath, { maxBytes: MAX_FILE_BYTES, within: folders() });
    if (!read.ok) return undefined;
    const text = decodeTextFile(read.bytes).text;
    const result = await documents.lintFile(uri, text, folderUri);
    const postmortem = result.detection.isPostmortem;
    return {
      postmortem,
      diagnostics: result.findings.map((f) => toDiagnostic(f, result.model.lineStarts, uri, CLOSED_REVISION)),
      hash: createHash('sha1').update(text).digest('base64url').slice(0, 16),
      ...(postmortem
        ? {
            title: postmortemTitle(result.model, path.basename(fsPath)),
            followUps: followUpsOf(result.model, result.config.today),
            digest: digest({ file: exportFileLabel(uri, folders()), model: result.model }),
          }
        : {}),
    };
  };
}
