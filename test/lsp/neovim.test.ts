// Protocol tier, second real client: Neovim's built-in LSP client (no VS Code, no client middleware)
// drives dist/server.js over stdio. Proves the server pushes diagnostics to a client that cannot pull
// them and answers textDocument/codeAction for a diagnostic it published.
// Needs `nvim` (Debian's neovim, installed by .ci/run and scripts/install-e2e-tools.sh): without it the
// suite fails when $CI is set and is skipped, with a message, otherwise.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SERVER = path.join(ROOT, 'dist/server.js');
const SCRIPT = path.join(__dirname, 'neovim-check.lua');

function findNvim(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

const nvimVersion = findNvim();
const skip = !nvimVersion && !process.env.CI;
if (skip) console.warn('[neovim.test] SKIPPED: `nvim` is not installed (apt-get install neovim); in CI this fails.');

// A postmortem that misses required template sections, so it has findings whatever rule families exist.
const POSTMORTEM = `# Postmortem: checkout API outage

## Summary

On 2024-03-12 the checkout API returned errors for 40 minutes after a configuration push.
`;

interface Emitted {
  kind: string;
  value: unknown;
}
interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  source?: string;
  code?: string | number;
  codeDescription?: { href: string };
}
interface ActionSummary {
  title: string;
  kind: string | null;
  hasEdit: boolean;
  hasCommand: boolean;
}

describe.skipIf(skip)('Neovim built-in LSP client', () => {
  let dir: string;
  let out: Emitted[] = [];
  let stderr = '';
  let status: number | null = null;
  const get = <T>(kind: string): T | undefined => out.find((e) => e.kind === kind)?.value as T | undefined;

  beforeAll(() => {
    if (!nvimVersion) throw new Error('nvim is required when CI is set (Debian package neovim); it was not found on PATH');
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pml-nvim-'));
    const file = path.join(dir, 'checkout-postmortem.md');
    fs.writeFileSync(file, POSTMORTEM);
    const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${SCRIPT}`], {
      encoding: 'utf8',
      timeout: 60_000,
      cwd: dir,
      env: { ...process.env, PML_SERVER: SERVER, PML_FILE: file, PML_NODE: process.execPath, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir },
    });
    status = r.status;
    stderr = `${r.stderr ?? ''}${r.error ? String(r.error) : ''}`;
    out = (r.stdout ?? '')
      .split('\n')
      .filter((l) => l.startsWith('PML '))
      .map((l) => JSON.parse(l.slice(4)) as Emitted);
  }, 90_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the session to the end without errors', () => {
    expect(
      out.filter((e) => e.kind === 'error').map((e) => e.value),
      stderr,
    ).toEqual([]);
    expect(get('done'), `nvim exit ${status}; stderr: ${stderr}`).toBe(true);
    expect(status).toBe(0);
  });

  it('receives diagnostics by push (publishDiagnostics), with rule codes and doc links', () => {
    expect(get<number>('pushes')).toBeGreaterThan(0);
    // a client without pull support must get push only: the server must not advertise pull to it
    expect(get<{ diagnosticProvider: boolean; codeActionProvider: boolean }>('server')).toEqual({
      diagnosticProvider: false,
      codeActionProvider: true,
    });
    const diags = get<LspDiagnostic[]>('diagnostics') ?? [];
    expect(diags.length).toBeGreaterThan(0);
    for (const d of diags) {
      expect(d.source).toBe('postmortem-lint');
      expect(typeof d.code).toBe('string');
      expect(d.codeDescription?.href).toContain(String(d.code));
    }
    expect(diags.map((d) => d.code)).toContain('required-sections');
    // Neovim stored them for the buffer, i.e. the push went through its normal diagnostic pipeline
    expect(get<number>('buffer-diagnostics')).toBe(diags.length);
  });

  it('answers a codeAction request for a pushed diagnostic', () => {
    const actions = get<ActionSummary[]>('code-actions') ?? [];
    expect(actions.length, 'code actions for the first diagnostic').toBeGreaterThan(0);
    for (const a of actions) expect(a.title.length).toBeGreaterThan(0);
    expect(actions.some((a) => a.hasEdit || a.hasCommand)).toBe(true);
    expect(actions.map((a) => a.title).join('\n')).toMatch(/disable/i);
  });
});
