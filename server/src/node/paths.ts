// Postmortem path globs (node side): which path a glob sees, and the match.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

export const DEFAULT_GLOBS = [
  '**/postmortems/**',
  '**/post-mortems/**',
  '**/postmortem/**',
  '**/*postmortem*.md',
  '**/*post-mortem*.md',
  '**/incidents/**',
  '**/incident-reports/**',
];

/** A folder holding one of these is a project root: globs see paths relative to it. */
export const ROOT_MARKERS = ['.postmortemlintrc.json', '.postmortemlintrc', '.git', 'package.json'];

const cache = new Map<string, (p: string) => boolean>();

/** Does a file path (forward slashes or native) match one of the globs? Case-insensitive, dotfiles included. */
export function matchesPostmortemGlobs(filePath: string, globs: readonly string[] = DEFAULT_GLOBS): boolean {
  const key = globs.join('\0');
  let matcher = cache.get(key);
  if (!matcher) {
    matcher = picomatch(globs as string[], { dot: true, nocase: true });
    cache.set(key, matcher);
  }
  const normalised = filePath.replace(/\\/g, '/');
  return matcher(normalised);
}

/**
 * The nearest folder at or above a directory that holds a root marker (`.postmortemlintrc.json`, `.git`,
 * `package.json`), looked up once per directory until `clear()`. The CLI keeps one per run, the server one per
 * session (cleared with the config files).
 */
export class ProjectRoots {
  private readonly byDir = new Map<string, string | null>();

  rootOf(dir: string): string | undefined {
    const start = path.resolve(dir);
    const visited: string[] = [];
    let found: string | null = null;
    for (let d = start; ;) {
      const cached = this.byDir.get(d);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(d);
      if (ROOT_MARKERS.some((m) => fs.existsSync(path.join(d, m)))) {
        found = d;
        break;
      }
      const parent = path.dirname(d);
      if (parent === d) break;
      d = parent;
    }
    for (const d of visited) this.byDir.set(d, found);
    return found ?? undefined;
  }

  clear(): void {
    this.byDir.clear();
  }
}

/** `file` relative to `dir` with forward slashes, or undefined when `dir` does not hold it. */
export function inside(dir: string, file: string): string | undefined {
  const rel = path.relative(dir, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : undefined;
}

/**
 * The path postmortem globs are matched against, the same whatever the current directory or the folder opened:
 * relative to the file's project root (the nearest folder with `.postmortemlintrc.json`, `.git` or `package.json`);
 * without one, relative to the first of `fallbacks` (the workspace folders, the CLI's current directory) that holds
 * the file; else the absolute path.
 */
export function globPath(file: string, roots: ProjectRoots, fallbacks: readonly string[] = []): string {
  const abs = path.resolve(file);
  const root = roots.rootOf(path.dirname(abs));
  const rel = root !== undefined ? inside(root, abs) : undefined;
  if (rel) return rel;
  for (const dir of fallbacks) {
    const r = inside(dir, abs);
    if (r) return r;
  }
  return abs.split(path.sep).join('/');
}
