// Reading and rewriting a document on disk without losing a byte: the encoding a file was read in is the one it is
// written back in, a byte-order mark stays first, and a rewrite never truncates the file in place.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface TextFile {
  /** The document's text, without its byte-order mark (editors strip it too, so offsets agree with theirs). */
  text: string;
  /** The file began with a UTF-8 byte-order mark. */
  bom: boolean;
  /** Why the file cannot be rewritten without loss, if it cannot (then it is linted, never fixed). */
  notWritable?: string;
  /** What was read, to notice a change before writing. */
  bytes: Buffer;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Read a document: UTF-8 (with or without a BOM); UTF-16 with a BOM is decoded; anything else is read lossily. */
export function readTextFile(file: string): TextFile {
  return decodeTextFile(fs.readFileSync(file));
}

/** A document's bytes as text, as readTextFile reads them. */
export function decodeTextFile(bytes: Buffer): TextFile {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    const text = new TextDecoder(utf16).decode(bytes.subarray(2));
    return { text, bom: false, notWritable: 'it is UTF-16 (--fix writes UTF-8 only)', bytes };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: UTF8.decode(body), bom, bytes };
  } catch {
    return { text: new TextDecoder('utf-8').decode(body), bom, notWritable: 'it is not valid UTF-8', bytes };
  }
}

/**
 * Replace the file's contents with `text` (its BOM kept first): written to a temporary file beside it and renamed over
 * it, so a reader never sees a half-written file; refused when the file changed since it was read (an editor saved,
 * another run fixed it). Returns why it was not written, or undefined.
 */
export function rewriteTextFile(file: string, read: TextFile, text: string): string | undefined {
  if (read.notWritable) return read.notWritable;
  let current: Buffer;
  try {
    current = fs.readFileSync(file);
  } catch (err) {
    return `it cannot be read again (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
  }
  if (!current.equals(read.bytes)) return 'it changed since it was read';
  const real = fs.realpathSync(file);
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.${Date.now()}.tmp`);
  const mode = fs.statSync(real).mode;
  try {
    fs.writeFileSync(tmp, (read.bom ? '\uFEFF' : '') + text, { mode });
    fs.renameSync(tmp, real);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    return `it could not be written (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
  }
  return undefined;
}
