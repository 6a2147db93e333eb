// Reading a file the server or the CLI did not choose itself (a config file found by walking up, a workspace's
// postmortems and CODEOWNERS): a regular file only (a FIFO, a device or a directory is refused without blocking on it),
// never more than a bound (checked before reading, and a file that grows meanwhile is refused too), and, when asked,
// only inside given folders once symbolic links are resolved.
import * as fs from 'node:fs';
import { inside } from './paths';

export interface RegularFileOptions {
  /** A larger file is refused before any byte is read, and no more than this many bytes are ever read. */
  maxBytes: number;
  /** Read the file only when its real path (symbolic links resolved) is inside one of these folders' real paths. */
  within?: readonly string[];
}

export type RegularFileRead = { ok: true; bytes: Buffer; stat: fs.Stats } | { ok: false; reason: string };

// O_NONBLOCK: opening a FIFO does not wait for a writer (it is then refused by its type). Both flags are 0 on Windows.
const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const CHUNK = 64 * 1024;

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function errorText(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
}

function realPath(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}

/** Read a regular file within the bounds given; why not, when it is refused (never throws). */
export function readRegularFile(file: string, options: RegularFileOptions): RegularFileRead {
  let target = file;
  let flags = fs.constants.O_RDONLY | NONBLOCK;
  if (options.within) {
    const real = realPath(file);
    if (real === undefined) return { ok: false, reason: 'it cannot be resolved' };
    const folders = options.within.map(realPath).filter((f): f is string => f !== undefined);
    if (!folders.some((folder) => inside(folder, real) !== undefined)) return { ok: false, reason: 'it is outside the workspace folders' };
    // the resolved path, and no link followed at its end should one be swapped in since
    target = real;
    flags |= NOFOLLOW;
  }
  let fd: number;
  try {
    fd = fs.openSync(target, flags);
  } catch (err) {
    return { ok: false, reason: errorText(err) };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: `it is ${kindOf(stat)}` };
    const tooLarge = { ok: false as const, reason: `it is larger than ${options.maxBytes} bytes` };
    if (stat.size > options.maxBytes) return tooLarge;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // one byte more than the bound at most: a file that grew past it is refused, not read on
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stat.size + 1 - total, CHUNK), options.maxBytes + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > options.maxBytes) return tooLarge;
    }
    return { ok: true, bytes: Buffer.concat(chunks, total), stat };
  } catch (err) {
    return { ok: false, reason: errorText(err) };
  } finally {
    fs.closeSync(fd);
  }
}
