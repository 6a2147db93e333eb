// Which paths are postmortems: the default globs and the match. Pure (no Node built-ins): the Node server, the CLI and
// the browser server share it; which path a glob sees (relative to a project root) is the host's business.
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
