// The Markdown files of a workspace folder (node side): what the owner index and workspace linting read. Dependency,
// build and VCS folders are skipped, and so is whatever a `.gitignore` or `.postmortemlintignore` in the folder or
// below it excludes (read with the `ignore` library, which implements git's rules); the CLI's discovery applies the
// same ignore files (ignoredBy).
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob } from 'tinyglobby';
import { readRegularFile } from './regularFile';

const MARKDOWN = ['**/*.md', '**/*.markdown'];
const SKIPPED = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**', '**/.vscode-test/**'];
export const IGNORE_FILES = ['.gitignore', '.postmortemlintignore'];
const MAX_IGNORE_FILE_BYTES = 1_000_000;

export interface MarkdownFilesOptions {
  /** How many folder levels to descend (tinyglobby's `deep`). */
  deep?: number;
}

/** Markdown files below `folder`, as paths relative to it with forward slashes, sorted. */
export async function markdownFiles(folder: string, options: MarkdownFilesOptions = {}): Promise<string[]> {
  const found = await glob(MARKDOWN, {
    cwd: folder,
    ignore: SKIPPED,
    absolute: false,
    dot: false,
    ...(options.deep ? { deep: options.deep } : {}),
  });
  const rules = new IgnoreRules(folder);
  return found.filter((rel) => !rules.ignores(rel)).sort();
}

/**
 * Whether the ignore files of `root` and the folders below it exclude a file (an absolute path); a file outside
 * `root` is never excluded. The CLI filters the files it finds through directories and globs with it.
 */
export function ignoredBy(root: string): (file: string) => boolean {
  const rules = new IgnoreRules(root);
  return (file) => {
    const rel = path.relative(root, file);
    return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel) && rules.ignores(rel.split(path.sep).join('/'));
  };
}

/** The ignore files of a folder tree, each applying to the paths below its own directory. */
class IgnoreRules {
  private readonly byDir = new Map<string, Ignore | null>();

  constructor(private readonly root: string) {}

  /** Whether a path (relative to the root, forward slashes) is excluded by an ignore file above it. */
  ignores(rel: string): boolean {
    const parts = rel.split('/');
    for (let depth = 0; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join('/');
      const rules = this.rulesOf(dir);
      if (rules?.ignores(parts.slice(depth).join('/'))) return true;
    }
    return false;
  }

  private rulesOf(dir: string): Ignore | null {
    let rules = this.byDir.get(dir);
    if (rules !== undefined) return rules;
    rules = null;
    for (const name of IGNORE_FILES) {
      // a regular file of at most 1 MB: a FIFO named .gitignore would block the scan
      const read = readRegularFile(path.join(this.root, dir, name), { maxBytes: MAX_IGNORE_FILE_BYTES });
      if (!read.ok) continue; // no such file (or unreadable, not a file, too large): nothing excluded by it
      rules = (rules ?? ignore()).add(read.bytes.toString('utf8'));
    }
    this.byDir.set(dir, rules);
    return rules;
  }
}
