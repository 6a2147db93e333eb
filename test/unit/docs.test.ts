// Docs and manifest stay in step with the rule registry (nothing here is hand-maintained twice).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../server/src/engine/index';
import { runCli } from '../../server/src/cli/cli';
import { configSchema } from '../../server/src/node/schema';
import { CATEGORIES } from '../../server/src/engine/language/data';

const root = path.resolve(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

describe('docs', () => {
  it('README starts with the two set-up commands', () => {
    const firstBlock = readme.slice(readme.indexOf('```'), readme.indexOf('```', readme.indexOf('```') + 3));
    expect(firstBlock).toContain('npm ci && npm start');
    expect(firstBlock).toContain('npm test');
  });

  for (const rule of allRules) {
    it(`${rule.meta.id}: has a docs page and a README row with its default severity`, () => {
      const page = path.join(root, 'docs', 'rules', `${rule.meta.id}.md`);
      expect(fs.existsSync(page)).toBe(true);
      expect(fs.readFileSync(page, 'utf8')).toMatch(new RegExp(`^# ${rule.meta.id}`, 'm'));
      const row = readme.split('\n').find((l) => l.startsWith(`| [\`${rule.meta.id}\`]`));
      expect(row, `README rules table row for ${rule.meta.id}`).toBeTruthy();
      expect(row!.split('|').map((c) => c.trim())[3]).toBe(rule.meta.defaultSeverity);
    });
  }

  it("README's sample output is what `npm start` prints (the same arguments, the same file count)", () => {
    const start = fs.readFileSync(path.join(root, 'scripts', 'start.mjs'), 'utf8');
    const args = /\['dist\/cli\.js', ([^\]]*)\]/
      .exec(start)![1]!
      .split(',')
      .map((a) => a.trim().replace(/^'|'$/g, ''));
    expect(args).toEqual(['examples/']);
    const at = readme.indexOf('`npm start` lints `examples/`');
    expect(at).toBeGreaterThan(0);
    const block = readme.slice(readme.indexOf('```text', at) + 7, readme.indexOf('```', readme.indexOf('```text', at) + 7)).trim();
    const out: string[] = [];
    runCli(args, { stdout: (x) => out.push(x), stderr: () => undefined, cwd: root });
    const nonBlank = (t: string) => t.split('\n').filter((l) => l.trim());
    expect(nonBlank(out.join('\n'))).toEqual(nonBlank(block));
    expect(block).toMatch(/ in 2 files$/);
  });

  it('README says what `npm test` needs: the apt packages the e2e install script asks for, and what the e2e tier loads', () => {
    const section = readme.slice(readme.indexOf('### What `npm test` needs'), readme.indexOf('### Performance'));
    expect(section).toMatch(/Debian or Ubuntu, as root or with sudo/);
    expect(section).toMatch(/About 800 MB of disk/);
    expect(section).toMatch(/About 10 minutes/);
    const install = fs.readFileSync(path.join(root, 'scripts', 'install-e2e-tools.sh'), 'utf8');
    const packages = [...install.matchAll(/need\+=\(([\w-]+)\)/g)].map((m) => m[1]!);
    expect(packages.length).toBeGreaterThan(3);
    for (const p of packages) expect(section, `apt package ${p}`).toContain(`\`${p}\``);
    // the e2e tier loads the development folder; if it ever installs the .vsix instead, the README must say so
    const e2e = fs.readFileSync(path.join(root, 'scripts', 'e2e.mjs'), 'utf8');
    const loadsDevelopmentFolder = /extensionDevelopmentPath: ROOT\b/.test(e2e) && !/--install-extension/.test(e2e);
    expect(loadsDevelopmentFolder).toBe(true);
    expect(section).toMatch(/the extension loaded from this development folder/);
    expect(section).toMatch(/not an installed \.vsix/);
  });

  // the language rules' pages list their data's pattern ids and examples (the examples themselves run in language-data.test.ts)
  for (const cat of CATEGORIES) {
    it(`${cat.ruleId}: its page lists every pattern id and every example of its data`, () => {
      const page = fs.readFileSync(path.join(root, 'docs', 'rules', `${cat.ruleId}.md`), 'utf8');
      for (const p of cat.patterns) expect(page, p.id).toContain(`\`${p.id}\` (${p.severity})`);
      const listed = (heading: string) => {
        const from = page.indexOf(`\n${heading}:\n`);
        const block = page.slice(from, page.indexOf('\n\n', page.indexOf('\n- ', from)));
        return block
          .split('\n')
          .filter((l) => l.startsWith('- '))
          .map((l) => l.slice(2));
      };
      const text = (e: string | { text: string }) => (typeof e === 'string' ? e : e.text).replace(/^- /, '');
      expect(listed('Flagged')).toEqual(cat.examples.bad.map(text));
      expect(listed('Not flagged')).toEqual(cat.examples.good.map(text));
    });
  }

  it('the document-size notice has a page too', () => {
    expect(fs.existsSync(path.join(root, 'docs', 'rules', 'document-size.md'))).toBe(true);
  });

  it('the config schema lists every rule', () => {
    const schema = configSchema() as { properties: { rules: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual(allRules.map((r) => r.meta.id).sort());
  });

  it('files contributed in package.json exist', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    for (const g of pkg.contributes.grammars) expect(fs.existsSync(path.join(root, g.path))).toBe(true);
    for (const s of pkg.contributes.snippets) expect(fs.existsSync(path.join(root, s.path))).toBe(true);
    expect(pkg.contributes.jsonValidation[0].url).toBe('./dist/postmortemlintrc.schema.json');
    expect(pkg.engines.vscode).toBe('^1.91.0');
    expect(pkg.devDependencies['@types/vscode']).toBe('1.91.0');
  });
});
