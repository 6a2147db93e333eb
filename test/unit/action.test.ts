// The GitHub Action's entry script (scripts/action.mjs, run by action.yml): run locally as the runner would, with a
// simulated pull_request event payload, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT files, in a temporary git repository.
// Needs dist/cli.js (the global setup builds it). action.yml itself is checked for the inputs the script reads.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CLEAN_POSTMORTEM, workspace } from './helpers/cli';
import { git, repo } from './helpers/git';

const root = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(root, 'scripts', 'action.mjs');

const OLD = CLEAN_POSTMORTEM.replace(
  'The cache TTL was zero.',
  'The cache TTL was zero. The engineer should have tested the change in staging.',
);

/** A repository whose main has an old postmortem; branch topic edits it (a blameful line, an item without owner or date). */
function pullRequest(): { dir: string; base: string } {
  const dir = repo({ 'postmortems/2026-01-02-outage.md': OLD, 'README.md': '# Project\n' });
  const base = git(dir, 'rev-parse', 'HEAD').trim();
  git(dir, 'checkout', '-q', '-b', 'topic');
  const edited = OLD.replace('Dashboards lagged.', 'Dashboards lagged. Someone should have noticed the alert sooner.').replace(
    /\n$/,
    '\n- [ ] Add a dashboard for cache hit rate\n',
  );
  fs.writeFileSync(path.join(dir, 'postmortems/2026-01-02-outage.md'), edited);
  git(dir, 'commit', '-q', '-am', 'edit the postmortem');
  return { dir, base };
}

function runAction(dir: string, event: { name: string; payload: unknown }, inputs: Record<string, string> = {}) {
  const runner = workspace({ 'event.json': JSON.stringify(event.payload), 'summary.md': '', 'output.txt': '' }, [], 'pm-runner-');
  // the runner's environment only: nothing of an outer CI run leaks in
  const env: Record<string, string> = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(GITHUB_|INPUT_|RUNNER_)/.test(k)),
  ) as Record<string, string>;
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: path.join(runner, 'event.json'),
    GITHUB_STEP_SUMMARY: path.join(runner, 'summary.md'),
    GITHUB_OUTPUT: path.join(runner, 'output.txt'),
    GITHUB_WORKSPACE: dir,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/-/g, '_').toUpperCase()}`, v])),
  });
  const r = spawnSync(process.execPath, [SCRIPT], { cwd: dir, env, encoding: 'utf8' });
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    summary: fs.readFileSync(path.join(runner, 'summary.md'), 'utf8'),
    outputs: Object.fromEntries(
      fs
        .readFileSync(path.join(runner, 'output.txt'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('=') as [string, string]),
    ),
  };
}

const prEvent = (base: string) => ({
  name: 'pull_request',
  payload: { action: 'synchronize', number: 7, pull_request: { number: 7, base: { sha: base, ref: 'main' }, head: { ref: 'topic' } } },
});

describe('GitHub Action entry (scripts/action.mjs)', () => {
  it('in a pull request: annotations and a summary for the changed lines only, failing by max-warnings', () => {
    const { dir, base } = pullRequest();
    const r = runAction(dir, prEvent(base), { 'max-warnings': '0' });
    expect(r.code, r.stderr).toBe(1);
    // annotations: the `github` format, only on the lines the pull request touched (19 and 27), not the old line 13
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations.length).toBeGreaterThan(0);
    for (const a of annotations) expect(a).toMatch(/^::(warning|error|notice) file=postmortems\/2026-01-02-outage\.md,line=(21|26),/);
    expect(annotations.some((a) => a.includes('title=hindsight'))).toBe(true);
    // the job summary
    expect(r.summary).toMatch(/^## Postmortem lint\n/);
    expect(r.summary).toContain(`only lines changed since \`${base.slice(0, 12)}\``);
    expect(r.summary).toContain('Warnings allowed: 0.');
    expect(r.summary).toContain('### By rule');
    expect(r.summary).toMatch(/\| `hindsight` \| 0 \| 1 \| 0 \| 0 \| 1 \|/);
    expect(r.summary).toContain('### Worst findings');
    expect(r.summary).toMatch(/\| warning \| postmortems\/2026-01-02-outage\.md:21 \| `hindsight` \|/);
    expect(r.summary).toContain('### Action items without an owner or a due date');
    expect(r.summary).toMatch(/- postmortems\/2026-01-02-outage\.md:26 — .*\(`action-item-owner`\)/);
    expect(r.summary).toMatch(/- postmortems\/2026-01-02-outage\.md:26 — .*\(`action-item-due-date`\)/);
    expect(r.summary).not.toMatch(/:13\b/);
    expect(Number(r.outputs.warnings)).toBeGreaterThan(0);
    expect(Number(r.outputs.problems)).toBe(annotations.length);

    // within the allowed warnings: the step passes with the same report
    const lenient = runAction(dir, prEvent(base), { 'max-warnings': '100' });
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lenient.summary).toContain('### By rule');
  });

  it('a pull request that leaves the postmortems alone passes, even with max-warnings 0', () => {
    const dir = repo({ 'postmortems/2026-01-02-outage.md': OLD, 'README.md': '# Project\n' });
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    git(dir, 'checkout', '-q', '-b', 'topic');
    fs.writeFileSync(path.join(dir, 'README.md'), '# Project\n\nMore.\n');
    git(dir, 'commit', '-q', '-am', 'docs');
    const r = runAction(dir, prEvent(base), { 'max-warnings': '0' });
    expect([r.code, r.stdout.trim()]).toEqual([0, '']);
    expect(r.summary).toContain('No problems in 1 postmortem (only lines changed since');
  });

  it('outside a pull request (a push), or with changed-lines-only false: every finding of the given files', () => {
    const { dir, base } = pullRequest();
    const push = runAction(dir, { name: 'push', payload: { ref: 'refs/heads/topic' } }, { files: 'postmortems' });
    expect(push.code, push.stdout + push.stderr).toBe(0);
    expect(push.stdout).toMatch(/line=13,/);
    expect(push.summary).not.toContain('only lines changed');
    const whole = runAction(dir, prEvent(base), { 'changed-lines-only': 'false' });
    expect(whole.stdout).toMatch(/line=13,/);
    const bad = runAction(dir, prEvent(base), { 'max-warnings': 'many' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('::error title=postmortem-lint::max-warnings must be a whole number');
  });

  it('action.yml runs the script with the inputs it reads', () => {
    const action = parseYaml(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
      runs: { using: string; steps: { run?: string; env?: Record<string, string> }[] };
    };
    expect(action.runs.using).toBe('composite');
    const step = action.runs.steps.find((s) => s.run?.includes('scripts/action.mjs'))!;
    const script = fs.readFileSync(SCRIPT, 'utf8');
    for (const name of Object.keys(action.inputs)) {
      expect(step.env?.[`INPUT_${name.replace(/-/g, '_').toUpperCase()}`]).toBe(`\${{ inputs.${name} }}`);
      expect(script).toContain(`input('${name}')`);
    }
  });
});
