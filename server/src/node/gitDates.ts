// When a file was first committed, read from git (node side): the report's timeliness for a postmortem whose
// metadata does not say when it was written, in the CLI (synchronously) and in the language server's dashboard
// (without blocking its thread). Nothing happens without git or outside a work tree.
import { execFile, spawnSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * When `file` was first committed (the `%aI` date-time of the commit that created it), or undefined when git or the
 * history is not there. Renames are followed; copies are not: `git log --follow` also follows a file into the one it
 * was copied from, and a postmortem started from a copy of an older one (or of the template) was created when the
 * copy was committed, not when its source was.
 */
export function firstCommitDate(file: string): string | undefined {
  const r = spawnSync('git', gitLogArgs(file), { cwd: path.dirname(file), encoding: 'utf8', ...GIT_OPTIONS });
  if (r.error || r.status !== 0) return undefined;
  return createdAt(r.stdout);
}

/** firstCommitDate without blocking the thread (the language server's dashboard). */
export function firstCommitDateAsync(file: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', gitLogArgs(file), { cwd: path.dirname(file), encoding: 'utf8', ...GIT_OPTIONS }, (error, stdout) =>
      resolve(error ? undefined : createdAt(stdout)),
    );
  });
}

const GIT_OPTIONS = { timeout: 10_000, windowsHide: true, maxBuffer: 16 * 1024 * 1024 };
const gitLogArgs = (file: string) => ['log', '--follow', '--name-status', '--format=%x00%aI', '--', path.basename(file)];

/** From `git log --follow --name-status --format=%x00%aI` (newest first): the date of the add or copy, else the oldest. */
export function createdAt(log: string): string | undefined {
  let oldest: string | undefined;
  for (const block of log.split('\0').slice(1)) {
    const [date, ...status] = block.split('\n');
    oldest = date!.trim();
    if (status.some((l) => /^[AC]/.test(l))) return oldest;
  }
  return oldest;
}

/** Whether `dir` lies in a git work tree (false when git is not installed). */
export function inGitWorkTree(dir: string): boolean {
  const r = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, encoding: 'utf8', timeout: 10_000, windowsHide: true });
  return !r.error && r.status === 0 && r.stdout.trim() === 'true';
}
