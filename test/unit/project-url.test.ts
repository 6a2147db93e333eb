// One project URL in one place: package.json's `homepage`. Its `repository` and `bugs`, the engine's docs links and
// SARIF's `informationUri` and `helpUri`s all derive from it, and the rule pages they link exist.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/cli';
import { DOCS_BASE_URL, PROJECT_URL, lintDocument } from '../../server/src/engine/index';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  homepage: string;
  repository: { type: string; url: string };
  bugs: { url: string };
};

describe('project URL', () => {
  it('package.json: homepage, repository and bugs name the same project', () => {
    expect(pkg.homepage).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${pkg.homepage}.git` });
    expect(pkg.bugs).toEqual({ url: `${pkg.homepage}/issues` });
  });

  it("the engine's docs links derive from it", () => {
    expect(PROJECT_URL).toBe(pkg.homepage);
    expect(DOCS_BASE_URL).toBe(`${pkg.homepage}/blob/main/docs/rules/`);
    const { findings } = lintDocument(
      '# Outage\n\n## Timeline\n\n- 10:00 UTC alert\n\n## Summary\n\nThe engineer should have tested it.\n',
      {},
      { force: true },
    );
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.docsUrl).toBe(`${pkg.homepage}/blob/main/docs/rules/${f.ruleId}.md`);
  });

  it("SARIF's informationUri and helpUris point to the same project, at rule pages that exist", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-url-'));
    fs.writeFileSync(
      path.join(dir, 'pm.md'),
      '# Outage\n\n## Timeline\n\n- 10:00 UTC alert\n\n## Summary\n\nThe engineer should have tested it.\n',
    );
    const out: string[] = [];
    expect(runCli(['--format', 'sarif', 'pm.md'], { stdout: (s) => out.push(s), stderr: () => {}, cwd: dir })).toBe(0);
    const driver = JSON.parse(out.join('\n')).runs[0].tool.driver as { informationUri: string; rules: { id: string; helpUri: string }[] };
    expect(driver.informationUri).toBe(pkg.homepage);
    expect(driver.rules.length).toBeGreaterThan(1);
    for (const rule of driver.rules) {
      expect(rule.helpUri).toBe(`${pkg.homepage}/blob/main/docs/rules/${rule.id}.md`);
      expect(fs.existsSync(path.join(root, 'docs', 'rules', `${rule.id}.md`))).toBe(true);
    }
  });
});
