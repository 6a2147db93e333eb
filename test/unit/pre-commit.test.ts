// The pre-commit hook (.pre-commit-hooks.yaml), run the way pre-commit runs it: the staged files that pass the hook's
// `files` pattern and `types: [markdown]`, appended to its entry and args, with the package's bin on PATH (where
// pre-commit's global install of the npm-packed repository puts it). Needs dist/cli.js (the global setup builds it).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CLEAN_POSTMORTEM, workspace } from './helpers/cli';
import { git, repo } from './helpers/git';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  scripts: Record<string, string>;
};
interface Hook {
  id: string;
  entry: string;
  language: string;
  types?: string[];
  files?: string;
  args?: string[];
}
const hooks = parseYaml(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((h) => h.id === 'postmortem-lint')!;

const CLEAN = CLEAN_POSTMORTEM;
const SLOPPY = CLEAN.replace(
  'The cache TTL was zero.',
  'The cache TTL was zero. The engineer should have tested the change in staging.',
).replace(/\n$/, '\n- [ ] Be more careful\n');

/** pre-commit's file selection: staged (added, copied, modified, renamed) files matching `files` and `types`. */
function stagedFilesFor(dir: string, h: Hook): string[] {
  const staged = git(dir, 'diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z').split('\0').filter(Boolean);
  const files = h.files ? new RegExp(h.files) : /.*/;
  // identify's `markdown` tag: the .md, .markdown, .mdown and .mkdn extensions
  const markdown = /\.(md|markdown|mdown|mkdn)$/;
  return staged.filter((f) => files.test(f) && (!h.types?.includes('markdown') || markdown.test(f)));
}

/** The hook as pre-commit runs it: `entry` (split like a shell would: no quotes here) + args + file names. */
function runHook(dir: string, files: string[]) {
  const bin = workspace({}, [], 'pm-hook-bin-');
  // pre-commit's `npm install -g <packed repo>` puts the package's bin on PATH
  for (const [name, target] of Object.entries(pkg.bin)) fs.symlinkSync(path.join(root, target), path.join(bin, name));
  const [command, ...entryArgs] = hook.entry.split(/\s+/);
  return spawnSync(command!, [...entryArgs, ...(hook.args ?? []), ...files], {
    cwd: dir,
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
    encoding: 'utf8',
  });
}

describe('pre-commit hook', () => {
  it('is a node hook whose entry is the package bin, for Markdown files, and the packed package builds the bin', () => {
    expect(hook).toMatchObject({ entry: 'postmortem-lint', language: 'node', types: ['markdown'] });
    expect(Object.keys(pkg.bin)).toContain(hook.entry);
    // pre-commit installs from `npm pack` of a clone, which has no dist/: packing builds it
    expect(pkg.scripts.prepack).toBe('node esbuild.mjs');
  });

  it('passes on a clean staged postmortem, fails (exit 1) on a sloppy one, and ignores other Markdown', () => {
    const dir = repo({ 'README.md': '# Project\n' });
    fs.mkdirSync(path.join(dir, 'postmortems'));
    fs.writeFileSync(path.join(dir, 'postmortems/2026-01-02-clean.md'), CLEAN);
    fs.writeFileSync(path.join(dir, 'README.md'), '# Project\n\nThe engineer should have tested it.\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not markdown\n');
    git(dir, 'add', '-A');
    const clean = stagedFilesFor(dir, hook);
    expect(clean).toEqual(['postmortems/2026-01-02-clean.md']);
    const ok = runHook(dir, clean);
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    expect(ok.stdout).toContain('No problems in 1 postmortem.');
    git(dir, 'commit', '-q', '-m', 'clean');

    fs.writeFileSync(path.join(dir, 'postmortems/2026-01-02-clean.md'), SLOPPY);
    fs.writeFileSync(path.join(dir, 'incident-2026-02-01-postmortem.md'), SLOPPY);
    git(dir, 'add', '-A');
    const sloppy = stagedFilesFor(dir, hook);
    expect(sloppy.sort()).toEqual(['incident-2026-02-01-postmortem.md', 'postmortems/2026-01-02-clean.md']);
    const bad = runHook(dir, sloppy);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/counterfactual/);
    expect(bad.stdout).toMatch(/vague-remediation/);
  });
});
