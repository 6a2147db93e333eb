// The same file gets the same result: postmortem path globs see the path relative to the project root (the nearest
// folder with .postmortemlintrc.json, .git or package.json), whatever the CLI's current directory or the folder the
// editor opened; the CLI says how many Markdown files it skipped, and --all lints them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, workspace as makeWorkspace } from './helpers/cli';
import { Documents, type DocumentHost } from '../../server/src/lsp/documents';
import { globPath, ProjectRoots } from '../../server/src/node/paths';

// Plain notes: linted only because of where they are (incidents/), never because of what they say.
const NOTES = '# Notes\n\nThe cache TTL was zero. The engineer should have tested the change in staging.\n';
const PLAIN = '# Plain\n\nNothing to see.\n';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function workspace(files: Record<string, string>, dirs: string[] = []): string {
  const dir = makeWorkspace(files, dirs, 'pm-globs-');
  made.push(dir);
  return dir;
}

const linted = (r: { stdout: string }) => (JSON.parse(r.stdout) as { filePath: string }[]).map((f) => f.filePath);

describe('globPath', () => {
  it('is relative to the nearest folder with .postmortemlintrc.json, .git or package.json', () => {
    for (const marker of ['.postmortemlintrc.json', 'package.json']) {
      const dir = workspace({ [marker]: '{}', 'incidents/2026/db.md': NOTES });
      expect(globPath(path.join(dir, 'incidents/2026/db.md'), new ProjectRoots(), [path.join(dir, 'incidents')])).toBe(
        'incidents/2026/db.md',
      );
    }
    const git = workspace({ 'incidents/db.md': NOTES }, ['.git']);
    expect(globPath(path.join(git, 'incidents/db.md'), new ProjectRoots())).toBe('incidents/db.md');
    // the nearest root wins (a package inside a repository)
    const mono = workspace({ 'packages/a/package.json': '{}', 'packages/a/incidents/db.md': NOTES }, ['.git']);
    expect(globPath(path.join(mono, 'packages/a/incidents/db.md'), new ProjectRoots())).toBe('incidents/db.md');
  });

  it('without a root: relative to the first fallback folder holding the file, else absolute', () => {
    const dir = workspace({ 'incidents/db.md': NOTES });
    const roots = new ProjectRoots();
    if (roots.rootOf(dir) !== undefined) return; // the temporary folder sits inside a project: nothing to check here
    expect(globPath(path.join(dir, 'incidents/db.md'), roots, [path.join(dir, 'x'), dir])).toBe('incidents/db.md');
    expect(globPath(path.join(dir, 'incidents/db.md'), roots, [])).toBe(path.join(dir, 'incidents/db.md').split(path.sep).join('/'));
  });
});

describe('cli: the current directory does not change which files are postmortems', () => {
  it('`postmortem-lint incidents/` from the root and `postmortem-lint .` inside incidents/ lint the same file', () => {
    const dir = workspace({ 'incidents/db.md': NOTES, 'notes/plain.md': PLAIN }, ['.git']);
    const fromRoot = cli(['-f', 'json', 'incidents/'], dir);
    expect(linted(fromRoot)).toEqual(['incidents/db.md']);
    const inside = cli(['-f', 'json', '.'], path.join(dir, 'incidents'));
    expect(linted(inside)).toEqual(['db.md']);
    expect(JSON.parse(inside.stdout)[0].messages).toEqual(JSON.parse(fromRoot.stdout)[0].messages);
    // and the same from a sibling folder
    expect(linted(cli(['-f', 'json', '../incidents'], path.join(dir, 'notes')))).toEqual(['../incidents/db.md']);
    // actions read the same files
    expect(cli(['actions', '.'], path.join(dir, 'incidents')).stderr).toBe('');
  });

  it('says how many Markdown files it skipped, and --all lints them', () => {
    const dir = workspace(
      {
        'incidents/db.md': NOTES,
        'notes/a.md': PLAIN,
        'notes/b.md': PLAIN,
        'notes/c.markdown': PLAIN,
        'notes/off.md': '<!-- postmortem-lint disable -->\n# Outage\n\n## Timeline\n\n- 10:00 UTC alert\n\n## Root cause\n\nx\n',
      },
      ['.git'],
    );
    const r = cli(['.'], dir);
    expect(r.code).toBe(0);
    // the file turned off by its comment is not counted: --all would not lint it either
    expect(r.stderr).toBe('postmortem-lint: 3 Markdown files skipped: not postmortems (use --all to lint them)');
    expect(r.stdout).toMatch(/ in 1 file$/);
    // machine-readable formats keep the note off stdout
    const json = cli(['-f', 'json', '.'], dir);
    expect(linted(json)).toEqual(['incidents/db.md']);
    expect(json.stderr).toContain('3 Markdown files skipped');

    const all = cli(['-f', 'json', '--all', '.'], dir);
    expect(linted(all)).toEqual(['incidents/db.md', 'notes/a.md', 'notes/b.md', 'notes/c.markdown']);
    expect(all.stderr).toBe('');

    expect(cli(['notes/a.md', 'incidents'], dir).stderr).toBe(''); // a file named explicitly is never skipped
    expect(cli(['notes/*.md', 'incidents'], dir).stderr).toBe(
      'postmortem-lint: 2 Markdown files skipped: not postmortems (use --all to lint them)',
    );
    expect(cli(['notes/a.md', 'notes/b.md', 'notes'], dir).stderr).toBe(
      'postmortem-lint: 1 Markdown file skipped: not a postmortem (use --all to lint it)',
    );
    expect(cli(['actions', 'notes'], dir).stderr).toBe(
      'postmortem-lint: 3 Markdown files skipped: not postmortems (use --all to lint them)',
    );
    expect(cli(['actions', '--all', 'notes'], dir).stderr).toBe('');
    expect(cli(['--help'], dir).stdout).toContain('--all');
  });
});

describe('server: the folder opened does not change which files are postmortems', () => {
  function host(folders: string[], current: Map<string, TextDocument>): DocumentHost {
    return {
      settings: () => Promise.resolve({}),
      trusted: () => true,
      workspaceFolders: () => folders,
      configLoaded: () => undefined,
      settingProblem: () => undefined,
      ruleError: () => undefined,
      status: () => undefined,
      current: (uri) => current.get(uri),
      docsBaseUrl: 'docs/',
    };
  }

  it('a file in incidents/ is a postmortem whether the repository or incidents/ is the workspace folder', async () => {
    const dir = workspace({ 'incidents/db.md': NOTES }, ['.git']);
    const file = path.join(dir, 'incidents', 'db.md');
    const doc = TextDocument.create(URI.file(file).toString(), 'markdown', 1, NOTES);
    const open = new Map([[doc.uri, doc]]);
    for (const folder of [dir, path.join(dir, 'incidents')]) {
      const result = await new Documents(host([folder], open)).lint(doc);
      expect(result.detection, `workspace folder ${folder}`).toMatchObject({
        isPostmortem: true,
        reason: 'path matches a postmortem glob',
      });
      expect(result.findings.map((f) => f.ruleId)).toContain('required-sections');
    }
    // the CLI agrees
    expect(linted(cli(['-f', 'json', '.'], path.join(dir, 'incidents')))).toEqual(['db.md']);
  });
});
