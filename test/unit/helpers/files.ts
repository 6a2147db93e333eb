// Where the tests find their documents: the real corpus beside the repository (../shared/corpus, as CI lays it
// out) and the fixtures in test/fixtures.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CORPUS_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus');
export const FIXTURES_DIR = path.resolve(__dirname, '..', '..', 'fixtures');

/** Every .md file below `dir`, sorted (empty when the folder is missing). */
export function listMarkdown(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listMarkdown(p));
    else if (entry.name.endsWith('.md')) out.push(p);
  }
  return out.sort();
}
