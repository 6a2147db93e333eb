// Workspace linting off the main thread: the server lints the files of a workspace scan in worker threads (one per
// core beyond the first, at least one, at most two; the same bundle, started with a role in its workerData), so the
// open document's keystroke diagnostics never wait behind a closed file's lint. Each worker keeps its own Documents
// pipeline (config files, project roots, the engine's memos) with the settings the server sends per workspace
// folder; when no worker can start, files are linted in the server's own thread.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { clearContentMemos } from '../engine/index';
import { Documents } from './documents';
import type { Settings } from './settings';
import { lintInThread, type FileLint, type FileLintResult } from './workspace';

const ROLE = 'postmortem-lint/workspace-lint';

interface ThreadData {
  role: typeof ROLE;
  trusted: boolean;
  folders: string[];
  docsBaseUrl: string;
}

type Request =
  | { type: 'lint'; id: number; uri: string; fsPath: string; folderUri: string; settings: Settings }
  | { type: 'invalidate' }
  | { type: 'idle' };
type Reply =
  | { type: 'result'; id: number; result: FileLintResult | null; error?: string }
  | { type: 'log'; message: string }
  | { type: 'configDependencies'; files: string[] };

/** Whether this thread is the workspace-lint worker (the server's entry point runs `runWorkspaceThread` then). */
export function isWorkspaceThread(): boolean {
  return !isMainThread && (workerData as Partial<ThreadData> | undefined)?.role === ROLE;
}

export interface WorkspaceThreadOptions {
  /** The script the worker runs: the server's own bundle. */
  script: string;
  trusted(): boolean;
  folders(): readonly string[];
  docsBaseUrl: string;
  /** The settings of a workspace folder (the server's, sent with each file). */
  settings(folderUri: string): Promise<Settings>;
  /** Lint in this thread when the worker cannot start or fails. */
  fallback: FileLint;
  log(message: string): void;
  /** A worker read these files to resolve config files' `extends` (the server watches them). */
  configDependencies?(files: readonly string[]): void;
}

export class WorkspaceThread {
  /** One slot per worker thread: the worker and the ids of the files it is linting. */
  private slots: { worker: Worker; pending: Set<number> }[] = [];
  private failed = false;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: FileLintResult | undefined) => void; reject: (e: Error) => void }>();

  constructor(private readonly options: WorkspaceThreadOptions) {}

  /** Where files are linted (for the server status). */
  get where(): 'worker' | 'server' | 'idle' {
    return this.slots.length ? 'worker' : this.failed ? 'server' : 'idle';
  }

  /**
   * Worker threads a scan keeps busy: one per core beyond the first, at least one, at most two. On two cores, two
   * workers linted 500 postmortems in 11.6 s but the keystroke round trip rose 12-41% above idle; one worker takes
   * 14-15 s and leaves it unchanged (the bench's workspace rows), which is what an author typing meanwhile needs.
   */
  get size(): number {
    return Math.max(1, Math.min(2, availableParallelism() - 1));
  }

  readonly lint: FileLint = async (uri, fsPath, folderUri) => {
    const settings = await this.options.settings(folderUri);
    const slot = this.slot();
    if (!slot) return this.options.fallback(uri, fsPath, folderUri);
    const id = this.nextId++;
    const reply = new Promise<FileLintResult | undefined>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    slot.pending.add(id);
    slot.worker.postMessage({ type: 'lint', id, uri, fsPath, folderUri, settings } satisfies Request);
    try {
      return await reply;
    } catch {
      return this.options.fallback(uri, fsPath, folderUri); // the worker died: this file in this thread
    } finally {
      slot.pending.delete(id);
    }
  };

  /** Settings or config files changed: the workers' resolved configs and config files are stale. */
  invalidate(): void {
    for (const s of this.slots) s.worker.postMessage({ type: 'invalidate' } satisfies Request);
  }

  /** A scan ended: the workers drop their content memos (nothing they hold belongs to an open document). */
  idle(): void {
    for (const s of this.slots) s.worker.postMessage({ type: 'idle' } satisfies Request);
  }

  dispose(): void {
    for (const s of this.slots) void s.worker.terminate();
    this.slots = [];
  }

  /** The least busy worker, starting one while there are fewer than `size`; undefined when none can run. */
  private slot(): { worker: Worker; pending: Set<number> } | undefined {
    if (this.failed) return undefined;
    const free = this.slots.find((s) => s.pending.size === 0);
    if (free) return free;
    if (this.slots.length < this.size) {
      const started = this.start();
      if (started) return started;
    }
    return this.slots.reduce<{ worker: Worker; pending: Set<number> } | undefined>(
      (best, s) => (!best || s.pending.size < best.pending.size ? s : best),
      undefined,
    );
  }

  private start(): { worker: Worker; pending: Set<number> } | undefined {
    try {
      const data: ThreadData = {
        role: ROLE,
        trusted: this.options.trusted(),
        folders: [...this.options.folders()],
        docsBaseUrl: this.options.docsBaseUrl,
      };
      const worker = new Worker(this.options.script, { workerData: data });
      worker.unref(); // never keeps the server alive on its own
      const slot = { worker, pending: new Set<number>() };
      worker.on('message', (m: Reply) => {
        if (m.type === 'log') return this.options.log(m.message);
        if (m.type === 'configDependencies') return this.options.configDependencies?.(m.files);
        const waiting = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.error) waiting?.reject(new Error(m.error));
        else waiting?.resolve(m.result ?? undefined);
      });
      const fail = (error: unknown) => {
        if (!this.slots.includes(slot)) return;
        this.failed = true;
        for (const s of this.slots) if (s !== slot) void s.worker.terminate();
        this.slots = [];
        this.options.log(
          `postmortem-lint: the workspace-lint thread stopped (${error instanceof Error ? error.message : String(error)}); linting workspace files in the server's thread`,
        );
        for (const w of this.waiting.values()) w.reject(new Error('worker stopped'));
        this.waiting.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
      this.slots.push(slot);
      return slot;
    } catch (error) {
      this.failed = true;
      this.options.log(
        `postmortem-lint: no workspace-lint thread (${error instanceof Error ? error.message : String(error)}); linting workspace files in the server's thread`,
      );
      return undefined;
    }
  }
}

/** The worker's side: lint the files the server sends, with the settings it sends. */
export function runWorkspaceThread(): void {
  const data = workerData as ThreadData;
  const port = parentPort!;
  const settings = new Map<string, Settings>();
  const post = (reply: Reply) => port.postMessage(reply);
  const documents = new Documents({
    settings: (uri) => Promise.resolve(settings.get(uri) ?? null),
    trusted: () => data.trusted,
    workspaceFolders: () => data.folders,
    // an open document reports its config file's problems; the files a config extends are watched by the server
    configLoaded: () => post({ type: 'configDependencies', files: [...documents.configDependencies()] }),
    settingProblem: () => undefined,
    ruleError: (message) => post({ type: 'log', message }),
    status: () => undefined,
    current: () => undefined,
    docsBaseUrl: data.docsBaseUrl,
  });
  const lint = lintInThread(documents, () => data.folders);
  port.on('message', (m: Request) => {
    if (m.type === 'invalidate') {
      settings.clear();
      documents.invalidate({ settings: true, configFiles: true });
      return;
    }
    if (m.type === 'idle') {
      clearContentMemos();
      return;
    }
    settings.set(m.folderUri, m.settings);
    lint(m.uri, m.fsPath, m.folderUri).then(
      (result) => post({ type: 'result', id: m.id, result: result ?? null }),
      (error: unknown) => post({ type: 'result', id: m.id, result: null, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
