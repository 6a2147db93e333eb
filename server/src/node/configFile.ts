// .postmortemlintrc.json discovery and loading (node side, shared by the server and the CLI).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { validateConfig, computeLineStarts, positionAt, allRules, type LintConfig } from '../engine/index';

export const CONFIG_FILE_NAMES = ['.postmortemlintrc.json', '.postmortemlintrc'];
const MAX_CONFIG_BYTES = 1_000_000;

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

/** Find the offset of a JSON path like `rules.foo` in the text, for locating a problem. */
function locate(text: string, jsonPath: string): { offset: number; length: number } {
  const last = jsonPath.split('.').pop()?.replace(/\[\d+\]$/, '') ?? '';
  if (last) {
    const i = text.indexOf(`"${last}"`);
    if (i >= 0) return { offset: i, length: last.length + 2 };
  }
  return { offset: 0, length: 1 };
}

/** Parse and validate config text. Never throws. */
export function parseConfigText(text: string, filePath: string): LoadedConfig {
  if (text.length > MAX_CONFIG_BYTES) {
    return { path: filePath, config: {}, problems: [{ message: `the file is larger than ${MAX_CONFIG_BYTES} bytes; using defaults`, line: 0, character: 0, length: 1 }] };
  }
  const errors: ParseError[] = [];
  const raw = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const e = errors[0]!;
    const pos = lineCol(text, e.offset);
    return {
      path: filePath,
      config: {},
      problems: [{ message: `invalid JSON (${printParseErrorCode(e.error)}); using defaults`, ...pos, length: Math.max(1, e.length) }],
    };
  }
  const { config, problems } = validateConfig(raw, allRules);
  return {
    path: filePath,
    config,
    problems: problems.map((p) => {
      const at = locate(text, p.path);
      return { message: p.path ? `${p.path}: ${p.message}` : p.message, ...lineCol(text, at.offset), length: at.length };
    }),
  };
}

export function loadConfigFile(filePath: string): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (err) {
    return { path: filePath, config: {}, problems: [{ message: `cannot read the file: ${(err as Error).message}`, line: 0, character: 0, length: 1 }] };
  }
  return parseConfigText(text, filePath);
}

export function formatProblem(loaded: LoadedConfig, p: ConfigMessage): string {
  return `${loaded.path}:${p.line + 1}:${p.character + 1}: ${p.message}`;
}
