// The .vsix: `npm run package` succeeds (README links included) and ships only what the extension needs.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');

describe('package', () => {
  it('vsce packages the extension with the bundled files, docs, snippets and grammar only', () => {
    const listing = execFileSync('npx', ['--no-install', 'vsce', 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
    expect(listing).toContain('dist/extension.js');
    expect(listing).toContain('dist/server.js');
    expect(listing).toContain('dist/postmortemlintrc.schema.json');
    expect(listing).toContain('snippets/postmortem.code-snippets');
    expect(listing).toContain('syntaxes/postmortem.injection.tmLanguage.json');
    expect(listing).toContain('docs/rules/required-sections.md');
    // nothing from the sources, tests, tools or node_modules
    expect(listing.filter((f) => /^(node_modules|client|server|test|scripts|out|\.e2e-tools|examples)\//.test(f))).toEqual([]);
  });

  it('npm run package writes a .vsix', () => {
    const out = path.join(root, 'dist', 'postmortem-lint.vsix');
    fs.rmSync(out, { force: true });
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'pipe' });
    expect(fs.statSync(out).size).toBeGreaterThan(10_000);
  }, 120_000);
});
