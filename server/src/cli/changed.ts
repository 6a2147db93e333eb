// `--changed-since REF` and `--diff FILE`: report only the findings on lines a change touched, as alex's `--diff`
// does, so a pull request that edits an old postmortem is not blocked by its history. A touched line is an added or
// modified line of the new file (a deletion touches none); a new file counts entirely. A document-level finding
// (a missing section or header field, anchored on the title line) is kept only when the file is new.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePatch } from 'diff';
import { findRule, positionAt, type Finding, type LintResult, type PostmortemModel, type Span } from '../engine/index';

/** What a change did to one file: new as a whole, or the 1-based lines of the new file it added or modified. */
export interface ChangedFile {
  added: boolean;
  lines: Set<number>;
}

/** A usage problem of --changed-since / --diff (not a git work tree, an unknown ref, an unreadable diff). */
export class ChangeScopeError extends Error {}

/**
 * The files of a unified diff (as `git diff` or `diff -u` writes it), by their new name: git's `b/` prefix dropped
 * when the old name has `a/` (or is /dev/null), deleted files left out.
 */
export function parseUnifiedDiff(text: string): Map<string, ChangedFile> {
  const files = new Map<string, ChangedFile>();
  let patches: ReturnType<typeof parsePatch>;
  try {
    patches = parsePatch(text.replace(/\r\n/g, '\n'));
  } catch (err) {
    throw new ChangeScopeError(`cannot read the diff: ${(err as Error).message}`);
  }
  for (const patch of patches) {
    const oldName = patch.oldFileName ?? '';
    let newName = patch.newFileName ?? '';
    if (!newName || newName === '/dev/null') continue;
    if (newName.startsWith('b/') && (oldName.startsWith('a/') || oldName === '/dev/null')) newName = newName.slice(2);
    const entry = files.get(newName) ?? { added: false, lines: new Set<number>() };
    if (oldName === '/dev/null') entry.added = true;
    for (const hunk of patch.hunks) {
      let line = hunk.newStart;
      for (const l of hunk.lines) {
        if (l.startsWith('+')) entry.lines.add(line++);
        else if (l.startsWith(' ')) line++;
        // '-' (removed) and '\' (no newline at end of file) take no line of the new file
      }
    }
    files.set(newName, entry);
  }
  return files;
}

/** The findings of one file that fall within a change: what `--changed-since` / `--diff` report. */
export class ChangeScope {
  /** `files` by absolute real path. */
  constructor(private readonly files: Map<string, ChangedFile>) {}

  /** What the change did to `file`, or undefined when it did not touch it. */
  changeOf(file: string): ChangedFile | undefined {
    return this.files.get(realPath(file));
  }

  /** `result` with only the findings the change is answerable for (every finding of a new file). */
  filter(file: string, result: LintResult): LintResult {
    const change = this.changeOf(file);
    if (!change) return { ...result, findings: [] };
    // a new file, or one too large to lint (its one size notice): everything in it is the change's
    if (change.added || result.skipped) return result;
    const anchors = documentAnchors(result.model);
    const findings = result.findings.filter((f) => !isDocumentLevel(f, anchors) && touches(f, result.model, change.lines));
    return { ...result, findings };
  }
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Where the template rules put a finding about the whole document: the title, else the first heading, else line 1. */
function documentAnchors(model: PostmortemModel): Span[] {
  const firstLineEnd = model.lineStarts.length > 1 ? model.lineStarts[1]! - 1 : model.text.length;
  const anchors: Span[] = [{ start: 0, end: firstLineEnd }];
  if (model.title) anchors.push(model.title);
  if (model.sections[0]) anchors.push(model.sections[0].heading);
  return anchors;
}

/** A finding about something the document lacks (not about its wording), anchored on the title or first line. */
function isDocumentLevel(f: Finding, anchors: Span[]): boolean {
  if (findRule(f.ruleId)?.meta.category === 'language') return false;
  return anchors.some((a) => a.start === f.start && a.end === f.end);
}

/** The finding covers at least one touched line (an end at the very start of a line does not cover that line). */
function touches(f: Finding, model: PostmortemModel, lines: Set<number>): boolean {
  const first = positionAt(model.lineStarts, f.start).line + 1;
  const endPos = positionAt(model.lineStarts, f.end);
  const last = Math.max(first, endPos.line + 1 - (endPos.character === 0 && f.end > f.start ? 1 : 0));
  for (let line = first; line <= last; line++) if (lines.has(line)) return true;
  return false;
}

/** `--diff FILE`: the change a unified diff describes, its paths taken relative to `cwd` ("-" reads stdin). */
export function scopeFromDiffFile(diffFile: string, cwd: string): ChangeScope {
  let text: string;
  try {
    text = fs.readFileSync(diffFile === '-' ? 0 : path.resolve(cwd, diffFile), 'utf8');
  } catch (err) {
    throw new ChangeScopeError(`cannot read the diff ${diffFile}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return new ChangeScope(byRealPath(parseUnifiedDiff(text), cwd));
}

function byRealPath(files: Map<string, ChangedFile>, base: string): Map<string, ChangedFile> {
  return new Map([...files].map(([name, change]) => [realPath(path.resolve(base, name)), change]));
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** git's own message of a failed run (its stderr), or what kept it from running. */
function gitError(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { stderr?: string };
  if (e.code === 'ENOENT') return 'git is not installed (or not on PATH)';
  return (e.stderr ?? '').trim() || e.message;
}

/** At most this many paths per `git diff` call, so that a folder of thousands of postmortems stays under ARG_MAX. */
const PATHS_PER_CALL = 200;

/**
 * `--changed-since REF`: `git diff --unified=0 REF -- <files>` (the work tree against REF: committed, staged and
 * unstaged changes alike); files git does not track yet count as new.
 */
export function scopeFromGit(ref: string, files: string[], cwd: string): ChangeScope {
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd).trim();
  } catch (err) {
    throw new ChangeScopeError(`--changed-since needs a git work tree: ${gitError(err)}`);
  }
  try {
    git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd);
  } catch {
    throw new ChangeScopeError(`--changed-since: unknown git ref "${ref}" (in a shallow clone, fetch it first)`);
  }
  const realTop = realPath(top);
  const inside = files.map(realPath).filter((f) => !path.relative(realTop, f).startsWith('..'));
  const changed = new Map<string, ChangedFile>();
  for (let i = 0; i < inside.length; i += PATHS_PER_CALL) {
    const paths = inside.slice(i, i + PATHS_PER_CALL).map((f) => `:(literal)${path.relative(realTop, f).split(path.sep).join('/')}`);
    let diff: string;
    let untracked: string;
    try {
      diff = git(
        [
          '-c',
          'core.quotePath=false',
          'diff',
          '--unified=0',
          '--no-color',
          '--no-ext-diff',
          '--no-textconv',
          '--src-prefix=a/',
          '--dst-prefix=b/',
          ref,
          '--',
          ...paths,
        ],
        realTop,
      );
      untracked = git(['ls-files', '--others', '--exclude-standard', '-z', '--', ...paths], realTop);
    } catch (err) {
      throw new ChangeScopeError(`git diff ${ref} failed: ${gitError(err)}`);
    }
    for (const [file, change] of byRealPath(parseUnifiedDiff(diff), realTop)) changed.set(file, change);
    for (const name of untracked.split('\0').filter(Boolean))
      changed.set(realPath(path.join(realTop, name)), { added: true, lines: new Set() });
  }
  return new ChangeScope(changed);
}
