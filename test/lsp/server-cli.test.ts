// The server binary's own command line: without a transport it prints a one-line usage (not a stack trace and the
// minified bundle), `--help` and `--version` answer and exit; with `--stdio` it serves (the other protocol tests).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../server/src/protocol';

const SERVER = path.resolve(__dirname, '..', '..', 'dist', 'server.js');
const run = (...args: string[]) => spawnSync(process.execPath, [SERVER, ...args], { encoding: 'utf8', timeout: 20_000 });

describe('dist/server.js command line', () => {
  it('without a transport: exit 2 with the usage on stderr, no stack trace', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^postmortem-lint-server: no transport given\.\nUsage: postmortem-lint-server --stdio \| --node-ipc/);
    expect(r.stderr.length).toBeLessThan(500);
    expect(r.stdout).toBe('');
  });

  it('--help and --version answer on stdout and exit 0', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--stdio');
    const version = run('--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(VERSION);
  });
});
