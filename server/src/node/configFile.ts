// .postmortemlintrc.json discovery and loading (node side, shared by the server and the CLI).
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createScanner,
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type JSONPath,
  type Node,
  type ParseError,
  type SyntaxKind,
} from 'jsonc-parser';
import { validateConfig, computeLineStarts, positionAt, allRules, type LintConfig } from '../engine/index';
import { readRegularFile } from './regularFile';

export const CONFIG_FILE_NAMES = ['.postmortemlintrc.json', '.postmortemlintrc'];
const MAX_CONFIG_BYTES = 1_000_000;
/** Deeper objects and arrays are refused before parsing (jsonc-parser's parser and tree walks recurse per level). */
const MAX_CONFIG_DEPTH = 100;

export interface ConfigMessage {
  message: string;
  line: number; // 0-based
  character: number; // 0-based
  length: number;
}

export interface LoadedConfig {
  path: string;
  config: LintConfig;
  /** Problems found; empty when the file is fine. */
  problems: ConfigMessage[];
}

/** Walk up from `startDir` to the filesystem root (or `stopAt`) and return the first config file found. */
export function findConfigFile(startDir: string, stopAt?: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      try {
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
    if (stopAt && path.resolve(stopAt) === dir) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function lineCol(text: string, offset: number): { line: number; character: number } {
  return positionAt(computeLineStarts(text), offset);
}

/** `rules.foo[1]` → ['rules', 'foo', 1]: a validation problem's path as jsonc-parser's JSONPath. */
function jsonPath(problemPath: string): JSONPath {
  const out: JSONPath = [];
  for (const part of problemPath.split('.').filter(Boolean)) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return out;
    if (m[1]) out.push(m[1]);
    for (const index of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/**
 * Where a problem at `problemPath` is in the syntax tree: a property's key (`"foo"` of `"foo": …`), an array element
 * itself, or the start of the document when the path names nothing (a problem with the whole object).
 */
function locate(tree: Node | undefined, problemPath: string): { offset: number; length: number } {
  const node = tree && findNodeAtLocation(tree, jsonPath(problemPath));
  if (!node || node === tree) return { offset: 0, length: 1 };
  const at = node.parent?.type === 'property' ? node.parent.children![0]! : node;
  return { offset: at.offset, length: Math.max(1, at.length) };
}

// jsonc-parser's SyntaxKind values (an ambient const enum, which isolatedModules cannot read)
const OPEN_BRACE = 1 as SyntaxKind;
const CLOSE_BRACE = 2 as SyntaxKind;
const OPEN_BRACKET = 3 as SyntaxKind;
const CLOSE_BRACKET = 4 as SyntaxKind;
const EOF = 17 as SyntaxKind;

/** The offset of the first `{` or `[` nested deeper than MAX_CONFIG_DEPTH, if any (a scan, no recursion). */
function tooDeep(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      if (++depth > MAX_CONFIG_DEPTH) return scanner.getTokenOffset();
    } else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** Parse and validate config text. Never throws. */
export function parseConfigText(text: string, filePath: string): LoadedConfig {
  const problem = (message: string, offset = 0): LoadedConfig => ({
    path: filePath,
    config: {},
    problems: [{ message, ...lineCol(text, offset), length: 1 }],
  });
  if (text.length > MAX_CONFIG_BYTES) return problem(`the file is larger than ${MAX_CONFIG_BYTES} bytes; using defaults`);
  // a byte-order mark (an editor saved it) is whitespace here: offsets stay those of the text
  if (text.startsWith('\uFEFF')) text = ` ${text.slice(1)}`;
  const deep = tooDeep(text);
  if (deep !== undefined) return problem(`nested more than ${MAX_CONFIG_DEPTH} levels deep; using defaults`, deep);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const e = errors[0]!;
    const pos = lineCol(text, e.offset);
    return {
      path: filePath,
      config: {},
      problems: [{ message: `invalid JSON (${printParseErrorCode(e.error)}); using defaults`, ...pos, length: Math.max(1, e.length) }],
    };
  }
  const { config, problems } = validateConfig(tree ? getNodeValue(tree) : undefined, allRules);
  return {
    path: filePath,
    config,
    problems: problems.map((p) => {
      const at = locate(tree, p.path);
      return { message: p.path ? `${p.path}: ${p.message}` : p.message, ...lineCol(text, at.offset), length: at.length };
    }),
  };
}

/**
 * Read and parse a config file. Never throws, never blocks on a FIFO or a device (refused, as is any file that is not
 * a regular file) and never reads more than MAX_CONFIG_BYTES (a larger file is refused before it is read).
 */
export function loadConfigFile(filePath: string): LoadedConfig {
  const read = readRegularFile(filePath, { maxBytes: MAX_CONFIG_BYTES });
  if (!read.ok) {
    return {
      path: filePath,
      config: {},
      problems: [{ message: `cannot read the file: ${read.reason}; using defaults`, line: 0, character: 0, length: 1 }],
    };
  }
  return parseConfigText(read.bytes.toString('utf8'), filePath);
}

/**
 * The config file that applies to each directory, found and loaded once per directory until `clear()` (a config
 * file changed). The CLI keeps one per run, the server one per session.
 */
export class ConfigFiles {
  private readonly byDir = new Map<string, LoadedConfig | null>();
  /** Called once for each config file loaded (the server reports its problems). */
  constructor(private readonly onLoad?: (loaded: LoadedConfig) => void) {}
  forDirectory(dir: string): LoadedConfig | undefined {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    const found = findConfigFile(dir);
    const loaded = found ? loadConfigFile(found) : undefined;
    this.byDir.set(dir, loaded ?? null);
    if (loaded) this.onLoad?.(loaded);
    return loaded;
  }
  clear(): void {
    this.byDir.clear();
  }
}

export function formatProblem(loaded: LoadedConfig, p: ConfigMessage): string {
  return `${loaded.path}:${p.line + 1}:${p.character + 1}: ${p.message}`;
}
