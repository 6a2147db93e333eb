// --changed-since REF and --diff FILE: only findings on lines a change added or modified are reported (a new file
// counts whole; a document-level finding such as a missing section only in a new file), in a temporary git repository.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../server/src/cli/changed';
import { cli, workspace } from './helpers/cli';
import { git, repo } from './helpers/git';

// An old postmortem with a blameful line in its history and no "What Went Well" / "What Went Poorly" sections.
const OLD = `# Outage

**Date:** 2026-01-02
**Duration:** 1h
**Severity:** SEV-3

## Timeline

- 10:00 UTC alert fires

## Contributing Factors

The cache TTL was zero. The engineer should have tested the change in staging.

## Action Items

- [x] Raise the TTL — owner: @dana — due: 2026-01-10 — ticket: OPS-1 — done when: the TTL is 60s
`;

type Message = { ruleId: string; line: number };
function messages(stdout: string): Record<string, Message[]> {
  const report = JSON.parse(stdout) as { filePath: string; messages: Message[] }[];
  return Object.fromEntries(report.map((r) => [r.filePath, r.messages.map((m) => ({ ruleId: m.ruleId, line: m.line }))]));
}

describe('parseUnifiedDiff', () => {
  it('reads added and modified lines of the new file, new files, git prefixes and plain names', () => {
    const diff = [
      'diff --git a/pm/old.md b/pm/old.md',
      'index 1111111..2222222 100644',
      '--- a/pm/old.md',
      '+++ b/pm/old.md',
      '@@ -3 +3 @@',
      '-was',
      '+now',
      '@@ -10,0 +11,2 @@',
      '+added one',
      '+added two',
      '@@ -20,2 +21,0 @@',
      '-gone',
      '-gone too',
      'diff --git a/pm/new.md b/pm/new.md',
      'new file mode 100644',
      'index 0000000..3333333',
      '--- /dev/null',
      '+++ b/pm/new.md',
      '@@ -0,0 +1,2 @@',
      '+# New',
      '+text',
      '\\ No newline at end of file',
      'diff --git a/pm/deleted.md b/pm/deleted.md',
      'deleted file mode 100644',
      '--- a/pm/deleted.md',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      '',
    ].join('\n');
    const files = parseUnifiedDiff(diff);
    expect([...files.keys()]).toEqual(['pm/old.md', 'pm/new.md']);
    expect(files.get('pm/old.md')).toEqual({ added: false, lines: new Set([3, 11, 12]) });
    expect(files.get('pm/new.md')).toEqual({ added: true, lines: new Set([1, 2]) });
    // `diff -u old new` writes names without git's a/ b/ prefixes, and context lines
    const plain = parseUnifiedDiff('--- x.md\t2026-01-01\n+++ x.md\t2026-01-02\n@@ -1,3 +1,3 @@\n keep\n-old\n+new\n keep\n');
    expect(plain.get('x.md')).toEqual({ added: false, lines: new Set([2]) });
  });

  it('a diff it cannot read is a clear error', () => {
    expect(() => parseUnifiedDiff('--- a/x.md\n+++ b/x.md\n@@ -1 +1 @@\n-a\n+b\nnot a diff line\n')).toThrow(/cannot read the diff/);
  });
});

describe('--changed-since', () => {
  it('an edit to an old postmortem reports only the findings on the lines it touched', () => {
    const dir = repo({ 'postmortems/old.md': OLD });
    const edited = OLD.replace('## Action Items', 'Someone should have noticed the alert sooner.\n\n## Action Items');
    fs.writeFileSync(path.join(dir, 'postmortems/old.md'), edited);
    const all = cli(['--format', 'json', 'postmortems/old.md'], dir);
    const everything = messages(all.stdout)['postmortems/old.md']!;
    // the whole file has the old counterfactual (line 13) and missing sections (line 1) too
    expect(everything.some((m) => m.ruleId === 'counterfactual' && m.line === 13)).toBe(true);
    expect(everything.some((m) => m.ruleId === 'required-sections' && m.line === 1)).toBe(true);

    const r = cli(['--format', 'json', '--changed-since', 'HEAD', 'postmortems/old.md'], dir);
    expect(r.stderr).toBe('');
    const changed = messages(r.stdout)['postmortems/old.md']!;
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((m) => m.line === 15)).toBe(true);

    // committed on a branch: the same against the base commit
    git(dir, 'checkout', '-q', '-b', 'topic');
    git(dir, 'commit', '-q', '-am', 'edit');
    const base = git(dir, 'rev-parse', 'main').trim();
    const onBranch = cli(['--format', 'json', '--changed-since', base, 'postmortems'], dir);
    expect(messages(onBranch.stdout)['postmortems/old.md']).toEqual(changed);
  });

  it('an unchanged postmortem reports nothing and passes; a new one (committed or untracked) is reported whole', () => {
    const dir = repo({ 'postmortems/old.md': OLD });
    git(dir, 'checkout', '-q', '-b', 'topic');
    fs.writeFileSync(path.join(dir, 'postmortems/new.md'), OLD);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'new');
    fs.writeFileSync(path.join(dir, 'postmortems/untracked.md'), OLD);
    const whole = messages(cli(['--format', 'json', 'postmortems/old.md'], dir).stdout)['postmortems/old.md'];
    const r = cli(['--format', 'json', '--changed-since', 'main', 'postmortems'], dir);
    const found = messages(r.stdout);
    expect(found['postmortems/old.md']).toEqual([]);
    expect(found['postmortems/new.md']).toEqual(whole);
    expect(found['postmortems/untracked.md']).toEqual(whole);
    // the old file alone: nothing to report, exit 0 even with --max-warnings 0
    const old = cli(['--changed-since', 'main', '--max-warnings', '0', 'postmortems/old.md'], dir);
    expect(old.code).toBe(0);
    const fresh = cli(['--changed-since', 'main', '--max-warnings', '0', 'postmortems/new.md'], dir);
    expect(fresh.code).toBe(1);
  });

  it('a missing section is not blamed on an edit to the title line of an old postmortem', () => {
    const dir = repo({ 'postmortems/old.md': OLD });
    fs.writeFileSync(path.join(dir, 'postmortems/old.md'), OLD.replace('# Outage', '# Checkout outage'));
    const r = cli(['--format', 'json', '--changed-since', 'HEAD', 'postmortems/old.md'], dir);
    expect(messages(r.stdout)['postmortems/old.md']).toEqual([]);
  });

  it('--fix with --changed-since fixes only what the change touched', () => {
    const dir = repo({ 'postmortems/old.md': OLD });
    const r = cli(['--fix', '--changed-since', 'HEAD', 'postmortems/old.md'], dir);
    expect(r.code).toBe(0);
    // the missing sections of the old file are not inserted
    expect(fs.readFileSync(path.join(dir, 'postmortems/old.md'), 'utf8')).toBe(OLD);
  });

  it('outside a git work tree, or with an unknown ref: a clear usage error (exit 2)', () => {
    const plain = workspace({ 'pm.md': OLD }, [], 'pm-nogit-');
    const r = cli(['--changed-since', 'main', 'pm.md'], plain);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^postmortem-lint: --changed-since needs a git work tree: /);
    const dir = repo({ 'pm.md': OLD });
    const bad = cli(['--changed-since', 'no-such-ref', 'pm.md'], dir);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'postmortem-lint: --changed-since: unknown git ref "no-such-ref" (in a shallow clone, fetch it first)',
    ]);
    expect(cli(['--changed-since', 'HEAD', '--diff', 'x.diff', 'pm.md'], dir).stderr).toMatch(/not both/);
  });
});

describe('--diff', () => {
  it('reports the findings on the lines a unified diff adds, paths relative to the current directory', () => {
    const dir = repo({ 'postmortems/old.md': OLD });
    fs.writeFileSync(
      path.join(dir, 'postmortems/old.md'),
      OLD.replace('## Action Items', 'Someone should have noticed the alert sooner.\n\n## Action Items'),
    );
    fs.writeFileSync(path.join(dir, 'change.diff'), git(dir, 'diff'));
    const viaDiff = cli(['--format', 'json', '--diff', 'change.diff', 'postmortems/old.md'], dir);
    const viaGit = cli(['--format', 'json', '--changed-since', 'HEAD', 'postmortems/old.md'], dir);
    expect(viaDiff.stderr).toBe('');
    expect(messages(viaDiff.stdout)).toEqual(messages(viaGit.stdout));
    expect(messages(viaDiff.stdout)['postmortems/old.md']!.length).toBeGreaterThan(0);
    const missing = cli(['--diff', 'nope.diff', 'postmortems/old.md'], dir);
    expect([missing.code, missing.stderr]).toEqual([2, 'postmortem-lint: cannot read the diff nope.diff: ENOENT']);
  });
});
