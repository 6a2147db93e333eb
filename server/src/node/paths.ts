// Postmortem path globs (node side): which path a glob sees (project roots, workspace folders). The globs and the
// match itself are host-neutral (../globs.ts, shared with the browser server).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A folder holding one of these is a project root: globs see paths relative to it. */
export const ROOT_MARKERS = ['.postmortemlintrc.json', '.postmortemlintrc', '.git', 'package.json'];

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
