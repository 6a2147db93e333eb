// Completion for action items: owners in owner positions (`owner:`, `Owner: @`, a bare `@` in an action-item
// section, the Owner cell of an action table) and dates in due positions (`due:`, the Due cell): today + 7/14/30.
//
// Owners come from other Markdown postmortems in the workspace folders (their action items' person owners) and
// from CODEOWNERS (`CODEOWNERS`, `.github/CODEOWNERS`, `docs/CODEOWNERS`). The disk is read lazily on the first
// owner completion, in the background (completion answers at once from what is known, marked isIncomplete until the
// scan is done, so the editor asks again as the user types), with caps on file count, file size and total bytes, and
// cached (per file by mtime and size; the file list is re-scanned after scanTtlMs, serving the previous result
// meanwhile). Only regular files whose real path is inside a workspace folder are read (node/regularFile.ts: a
// CODEOWNERS or a postmortem linking out of the workspace is not). In an untrusted workspace nothing is read from
// disk: only open documents count.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompletionItemKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import {
  classifyOwner,
  columnRole,
  actionSections,
  splitRow,
  buildModel,
  addDays,
  detectPostmortem,
  type PostmortemModel,
  positionAt,
  TABLE_DELIMITER_ROW,
} from '../../engine/index';
import { markdownFiles } from '../../node/markdownFiles';
import { readRegularFile } from '../../node/regularFile';
import { matchesPostmortemGlobs } from '../../globs';
import { globPath, ProjectRoots } from '../../node/paths';

export const COMPLETION_TRIGGERS = ['@', ':'];

// ---------------------------------------------------------------------------------------------
// Where is the cursor?

export interface CompletionSite {
  kind: 'owner' | 'due';
  /** Offset where the value being typed starts (the replace range is [start, offset)). */
  start: number;
  /** What has been typed so far. */
  typed: string;
  /** The value follows a colon directly (`owner:|`): insert a space before it. */
  needsSpace: boolean;
}

const MARK = String.raw`(?:\*\*|__|\*|_)?`;
/** After the colon: spaces, then optionally closing markup and more spaces (never two space runs side by side). */
const AFTER_COLON = String.raw`:[ \t]*(?:(?:\*\*|__|\*|_)[ \t]*)?`;
const OWNER_KEY = new RegExp(String.raw`(?:^|[^\w@])(?:owners?|assignees?|assigned to|dri)${MARK}[ \t]*${AFTER_COLON}(@?[\w.\-]*)$`, 'i');
const DUE_KEY = new RegExp(
  String.raw`(?:^|[^\w@])(?:due(?: date| by)?|deadline|target(?: date)?|eta)${MARK}[ \t]*${AFTER_COLON}([\d-]*)$`,
  'i',
);
const MENTION = /(?:^|[\s(,;])(@[\w.\-]*)$/;

function inActionSection(model: PostmortemModel, offset: number): boolean {
  return actionSections(model.sections).some((s) => offset > s.heading.end && offset <= s.span.end);
}

function lineBounds(text: string, lineStarts: number[], line: number): { start: number; end: number } {
  const start = lineStarts[line]!;
  let end = line + 1 < lineStarts.length ? lineStarts[line + 1]! : text.length;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return { start, end };
}

/** The role of the table column the cursor is in, when the line is a body row of a table. */
function tableColumnRole(model: PostmortemModel, offset: number): { role: ReturnType<typeof columnRole>; cellStart: number } | undefined {
  const { text, lineStarts } = model;
  const line = positionAt(lineStarts, offset).line;
  const cur = lineBounds(text, lineStarts, line);
  if (!text.slice(cur.start, cur.end).includes('|') || TABLE_DELIMITER_ROW.test(text.slice(cur.start, cur.end))) return undefined;
  // Walk up to the delimiter row; the header is the line above it.
  let l = line - 1;
  while (l >= 1) {
    const b = lineBounds(text, lineStarts, l);
    const s = text.slice(b.start, b.end);
    if (!s.includes('|')) return undefined;
    if (TABLE_DELIMITER_ROW.test(s)) break;
    l--;
  }
  if (l < 1) return undefined;
  const header = lineBounds(text, lineStarts, l - 1);
  const head = splitRow(text, header.start, header.end);
  // Which cell is the cursor in? Count unescaped pipes before it.
  const row = splitRow(text, cur.start, cur.end);
  let index = row.raw.findIndex((c) => offset >= c.start && offset <= c.end);
  if (index < 0) {
    // Past the last pipe on a row being typed: the next cell.
    const last = row.raw[row.raw.length - 1];
    if (!last || offset <= last.end) return undefined;
    index = row.raw.length;
  }
  const headCell = head.content[index];
  if (!headCell) return undefined;
  const cellStart = index < row.raw.length ? row.raw[index]!.start : offset;
  return { role: columnRole(text.slice(headCell.start, headCell.end)), cellStart };
}

export function completionSite(model: PostmortemModel, offset: number): CompletionSite | undefined {
  const { text, lineStarts } = model;
  const line = positionAt(lineStarts, offset).line;
  const prefix = text.slice(lineStarts[line]!, offset);
  const make = (kind: CompletionSite['kind'], typed: string): CompletionSite => {
    const start = offset - typed.length;
    return { kind, start, typed, needsSpace: text[start - 1] === ':' };
  };
  const owner = OWNER_KEY.exec(prefix);
  if (owner) return make('owner', owner[1]!);
  const due = DUE_KEY.exec(prefix);
  if (due) return make('due', due[1]!);
  if (!inActionSection(model, offset)) return undefined;
  const cell = tableColumnRole(model, offset);
  if (cell) {
    if (cell.role !== 'owner' && cell.role !== 'due') return undefined;
    const typed = text.slice(cell.cellStart, offset).replace(/^[ \t]+/, '');
    if (typed.includes('|')) return undefined;
    return { kind: cell.role, start: offset - typed.length, typed, needsSpace: text[offset - typed.length - 1] === '|' };
  }
  const mention = MENTION.exec(prefix);
  if (mention) return make('owner', mention[1]!);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Owners seen in the workspace

export interface OwnerSource {
  value: string;
  /** Postmortems (file labels) whose action items name this owner. */
  postmortems: Set<string>;
  codeowners: boolean;
}

/** Person owners of a model's action items (teams, "we", "TBD" are never offered: the rules flag them). */
export function ownersOfModel(model: PostmortemModel, cursor?: number): string[] {
  const out: string[] = [];
  for (const item of model.actionItems) {
    for (const o of item.owners) {
      // The owner being typed at the cursor is not a suggestion for itself.
      if (cursor !== undefined && cursor >= o.start && cursor <= o.end) continue;
      const v = o.value.replace(/^[*_`]+|[*_`]+$/g, '').trim();
      if (v && v.length <= 60 && !/\s{2,}|[|<>[\]()]/.test(v) && classifyOwner(v) === 'person') out.push(v);
    }
  }
  return out;
}

/** Individual owners (`@user`, emails) in a CODEOWNERS file; `@org/team` handles are teams and left out. */
export function ownersOfCodeowners(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    for (const token of line.split(/\s+/).slice(1)) {
      if (/^@[\w.-]+$/.test(token) || /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/.test(token)) out.push(token);
    }
  }
  return out;
}

export interface OwnerIndexOptions {
  folders: () => readonly string[];
  trusted: () => boolean;
  /** Path globs of postmortems (settings.files); matching files are read first. */
  globs?: () => readonly string[];
  maxFiles?: number;
  maxFileBytes?: number;
  maxTotalBytes?: number;
  scanTtlMs?: number;
  /** Called after each disk scan (the server logs it). */
  onScanned?: (stats: ScanStats, owners: number, ms: number) => void;
}

export interface ScanStats {
  /** Markdown files found. */
  candidates: number;
  /** Files read (or reused from the cache), within the caps. */
  read: number;
  /** Files parsed (new or changed, and naming an owner somewhere). */
  parsed: number;
  bytes: number;
  /** A cap stopped the scan. */
  capped: boolean;
}

const CODEOWNERS_PATHS = ['CODEOWNERS', path.join('.github', 'CODEOWNERS'), path.join('docs', 'CODEOWNERS')];
/** Cheap pre-check before parsing a file: it must name an owner somewhere. */
const MAY_HAVE_OWNERS = /owner|assignee|\bdri\b|@[A-Za-z]|\|\s*who\s*\|/i;

export interface OpenDocument {
  /** Same labels as disk files: the path relative to its workspace folder, with forward slashes. */
  label: string;
  model: PostmortemModel;
  /** For the document being edited: the cursor offset (the owner being typed there is skipped). */
  cursor?: number;
}

interface FileEntry {
  mtimeMs: number;
  size: number;
  owners: string[];
}

export class OwnerIndex {
  private readonly files = new Map<string, FileEntry>();
  private running?: Promise<void>;
  private result?: Map<string, string[]>;
  private scannedAt = 0;
  /** Figures from the last scan, for logs and tests. */
  lastScan: ScanStats = { candidates: 0, read: 0, parsed: 0, bytes: 0, capped: false };

  constructor(private readonly options: OwnerIndexOptions) {}

  /** Forget the file list (the per-file cache stays: unchanged files are not parsed again). */
  invalidate(): void {
    this.scannedAt = 0;
  }

  /** Start a scan unless one is running or the last one is fresh; resolves when the running scan is done. */
  refresh(): Promise<void> {
    if (!this.options.trusted()) return Promise.resolve();
    const ttl = this.options.scanTtlMs ?? 60_000;
    if (!this.running && (!this.result || this.scannedAt === 0 || Date.now() - this.scannedAt > ttl)) {
      const t0 = Date.now();
      this.running = this.readDisk()
        .catch(() => new Map<string, string[]>())
        .then((map) => {
          this.result = map;
          this.scannedAt = Date.now();
          this.running = undefined;
          const owners = new Set([...map.values()].flat().map((o) => o.toLowerCase())).size;
          this.options.onScanned?.(this.lastScan, owners, Date.now() - t0);
        });
    }
    return this.running ?? Promise.resolve();
  }

  /** Owners by source file label from the last finished disk scan; `pending` while the first one runs. */
  private diskOwners(): { map: Map<string, string[]>; pending: boolean } {
    if (!this.options.trusted()) return { map: new Map(), pending: false };
    void this.refresh();
    return { map: this.result ?? new Map(), pending: !this.result };
  }

  private async readDisk(): Promise<Map<string, string[]>> {
    const maxFiles = this.options.maxFiles ?? 200;
    const maxFileBytes = this.options.maxFileBytes ?? 256 * 1024;
    const maxTotal = this.options.maxTotalBytes ?? 8 * 1024 * 1024;
    const globs = this.options.globs?.();
    const out = new Map<string, string[]>();
    const stats: ScanStats = { candidates: 0, read: 0, parsed: 0, bytes: 0, capped: false };
    const roots = new ProjectRoots();
    for (const folder of this.options.folders()) {
      for (const rel of CODEOWNERS_PATHS) {
        const owners = await this.readCached(path.join(folder, rel), maxFileBytes, (text) => ownersOfCodeowners(text));
        if (owners?.length) out.set(`codeowners:${path.join(folder, rel)}`, owners);
      }
      const found = await markdownFiles(folder, { deep: 8 });
      stats.candidates += found.length;
      // Files under postmortem paths first; then the rest, in a stable order.
      const ranked = found
        .map((rel) => ({ rel, pm: matchesPostmortemGlobs(globPath(path.join(folder, rel), roots, [folder]), globs ?? undefined) }))
        .sort((a, b) => Number(b.pm) - Number(a.pm) || a.rel.localeCompare(b.rel));
      for (const { rel, pm } of ranked) {
        if (stats.read >= maxFiles || stats.bytes >= maxTotal) {
          stats.capped = true;
          break;
        }
        const abs = path.join(folder, rel);
        const owners = await this.readCached(abs, maxFileBytes, (text) => {
          stats.bytes += text.length;
          if (!MAY_HAVE_OWNERS.test(text)) return [];
          stats.parsed++;
          const model = buildModel(text);
          if (!model.actionItems.length || !detectPostmortem(model, { pathMatched: pm }).isPostmortem) return [];
          return ownersOfModel(model);
        });
        if (owners !== undefined) stats.read++;
        if (owners?.length) out.set(rel.split(path.sep).join('/'), owners);
      }
    }
    this.lastScan = stats;
    return out;
  }

  /** Read and analyse a file unless its mtime and size are unchanged; undefined when missing, too large or outside. */
  private async readCached(file: string, maxBytes: number, analyse: (text: string) => string[]): Promise<string[] | undefined> {
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(file);
    } catch {
      return undefined;
    }
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const cached = this.files.get(file);
    if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.owners;
    // a regular file whose real path is inside a workspace folder: a link out of the workspace is not read
    const read = readRegularFile(file, { maxBytes, within: this.options.folders() });
    if (!read.ok) return undefined;
    const owners = analyse(read.bytes.toString('utf8'));
    this.files.set(file, { mtimeMs: st.mtimeMs, size: st.size, owners });
    return owners;
  }

  /** Every known owner: disk (when trusted) plus the open documents given (their current text wins). */
  owners(open: Iterable<OpenDocument>): { owners: OwnerSource[]; complete: boolean } {
    const byValue = new Map<string, OwnerSource>();
    const add = (value: string, label: string) => {
      const key = value.toLowerCase();
      let src = byValue.get(key);
      if (!src) byValue.set(key, (src = { value, postmortems: new Set(), codeowners: false }));
      if (label.startsWith('codeowners:')) src.codeowners = true;
      else src.postmortems.add(label);
    };
    const openLabels = new Set<string>();
    const openOwners: [string, string[]][] = [];
    for (const doc of open) {
      openLabels.add(doc.label);
      openOwners.push([doc.label, ownersOfModel(doc.model, doc.cursor)]);
    }
    const disk = this.diskOwners();
    for (const [label, owners] of disk.map) {
      if (openLabels.has(label)) continue;
      for (const o of owners) add(o, label);
    }
    for (const [label, owners] of openOwners) for (const o of owners) add(o, label);
    return { owners: [...byValue.values()], complete: !disk.pending };
  }
}

// ---------------------------------------------------------------------------------------------
// Items

function editRange(model: PostmortemModel, start: number, end: number) {
  return { start: positionAt(model.lineStarts, start), end: positionAt(model.lineStarts, end) };
}

export function dueItems(model: PostmortemModel, site: CompletionSite, offset: number, today: string): CompletionItem[] {
  return [7, 14, 30].map((days, i) => {
    const date = addDays(today, days);
    return {
      label: date,
      kind: CompletionItemKind.Value,
      detail: `today + ${days} days`,
      sortText: `0${i}`,
      filterText: date,
      preselect: i === 0,
      textEdit: { range: editRange(model, site.start, offset), newText: `${site.needsSpace ? ' ' : ''}${date}` },
    };
  });
}

export function ownerItems(model: PostmortemModel, site: CompletionSite, offset: number, owners: OwnerSource[]): CompletionItem[] {
  const ranked = [...owners].sort(
    (a, b) => b.postmortems.size - a.postmortems.size || Number(b.codeowners) - Number(a.codeowners) || a.value.localeCompare(b.value),
  );
  return ranked.map((o, i) => {
    const where = [
      o.postmortems.size ? `owner in ${o.postmortems.size} postmortem${o.postmortems.size === 1 ? '' : 's'}` : '',
      o.codeowners ? 'CODEOWNERS' : '',
    ]
      .filter(Boolean)
      .join(', ');
    const files = [...o.postmortems].slice(0, 5);
    return {
      label: o.value,
      kind: CompletionItemKind.Reference,
      detail: where,
      ...(files.length ? { documentation: `Seen in: ${files.join(', ')}${o.postmortems.size > files.length ? ', …' : ''}` } : {}),
      sortText: String(i).padStart(4, '0'),
      // Typing "@ma" must still match an owner written without "@" (a name such as "maria").
      filterText: site.typed.startsWith('@') && !o.value.startsWith('@') ? `@${o.value}` : o.value,
      textEdit: { range: editRange(model, site.start, offset), newText: `${site.needsSpace ? ' ' : ''}${o.value}` },
    };
  });
}

export function provideActionCompletion(
  model: PostmortemModel,
  offset: number,
  today: string,
  index: OwnerIndex,
  open: () => Iterable<OpenDocument>,
): CompletionList | null {
  const site = completionSite(model, offset);
  if (!site) return null;
  if (site.kind === 'due') return { isIncomplete: false, items: dueItems(model, site, offset, today) };
  const { owners, complete } = index.owners(open());
  return { isIncomplete: !complete, items: ownerItems(model, site, offset, owners) };
}
