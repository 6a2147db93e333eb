// Helpers for tests that need a git repository: git run with a fixed identity, and a repository with a first commit.
import { execFileSync } from 'node:child_process';
import { workspace } from './cli';

/** Run git in `dir` (a fixed author, no signing) and return its stdout. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
}

/** A new temporary git repository (branch main) with `files` committed as its first commit; returns the folder. */
export function repo(files: Record<string, string>): string {
  const dir = workspace(files, [], 'pm-git-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  return dir;
}
