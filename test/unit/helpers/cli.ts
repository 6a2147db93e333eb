// Helpers for the CLI tests: a temporary folder with files in it, and the CLI run in-process with its output captured.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../server/src/cli/cli';

/** A postmortem every rule passes (all standard sections, an action item with owner, date, ticket and done criterion). */
export const CLEAN_POSTMORTEM = `# Outage

**Date:** 2026-01-02
**Duration:** 1h
**Severity:** SEV-3

## Timeline

- 10:00 UTC alert fires

## Contributing Factors

The cache TTL was zero.

## What Went Well

Paging worked.

## What Went Poorly

Dashboards lagged.

## Action Items

- [x] Raise the TTL — owner: @dana — due: 2026-01-10 — ticket: OPS-1 — done when: the TTL is 60s
`;

/** A new temporary folder (its real path) holding `files` (relative paths → contents) and the empty `dirs`. */
export function workspace(files: Record<string, string>, dirs: string[] = [], prefix = 'pm-cli-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  for (const d of dirs) fs.mkdirSync(path.join(dir, d), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Run the CLI in `cwd`: its exit code and what it printed. */
export function cli(argv: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
