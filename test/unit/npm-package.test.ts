// The npm package: `npm pack` holds only what runs (the bundled CLI and server, the schema, the docs), and the
// tarball installs into an empty folder with no network (the bundles need no runtime dependencies), where
// `postmortem-lint` runs from any directory. Needs dist/ (the global setup builds it; `npm test` builds first).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown> & {
  version: string;
  bin: Record<string, string>;
  engines: Record<string, string>;
  files: string[];
};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// npm_config_* variables of an outer `npm test` (prefix, cache, global…) must not steer the inner npm.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

const POSTMORTEM = `# Checkout outage

**Date:** 2026-01-02
**Duration:** 1h
**Severity:** SEV-2

## Timeline

- 10:00 UTC alert fires
- 10:20 UTC cache TTL raised

## Contributing Factors

The cache TTL was zero. The engineer should have tested the change in staging.

## Action Items

- [ ] Be more careful
`;

let tmp: string;
let tarball: string;
let packed: string[];

beforeAll(() => {
  for (const f of ['dist/cli.js', 'dist/model.js', 'dist/server.js', 'dist/postmortemlintrc.schema.json']) {
    if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} is missing: run \`npm run build\` first (npm test does)`);
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-npm-'));
  // --ignore-scripts: `prepare` (patch-package) is for this repository's own install, not for packing
  const out = execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], { cwd: root, env, encoding: 'utf8' });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(tmp, info!.filename);
  packed = info!.files.map((f) => f.path).sort();
}, 120_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm package', () => {
  it('is publishable: not private, a bin, engines, no runtime dependencies', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.bin).toEqual({ 'postmortem-lint': 'dist/cli.js' });
    expect(pkg.engines.node).toMatch(/^>=\d+/);
    // everything is bundled into dist/: an install must not fetch anything
    expect(pkg.dependencies ?? {}).toEqual({});
    // no install-time script runs in a user's install (patch-package is this repository's `prepare`)
    const scripts = pkg.scripts as Record<string, string>;
    expect(Object.keys(scripts).filter((s) => /^(pre|post)?install$/.test(s))).toEqual([]);
  });

  it('the tarball holds only what runs: the bundled CLI and server, the schema, README, LICENSE, CHANGELOG, rule docs, the report schema', () => {
    const rules = fs
      .readdirSync(path.join(root, 'docs', 'rules'))
      .map((f) => `docs/rules/${f}`)
      .sort();
    expect(packed).toEqual(
      [
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'dist/cli.js',
        'dist/model.js', // the language model, once for the CLI and the server
        'dist/postmortemlintrc.schema.json',
        'dist/server.js',
        'docs/report.md', // \`postmortem-lint report --help\` points at it
        ...rules,
        'package.json',
      ].sort(),
    );
  });

  it('installs offline into an empty folder, and the bin runs from any directory', () => {
    const project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    const install = spawnSync(npm, ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, env, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    const bin = path.join(project, 'node_modules', '.bin', process.platform === 'win32' ? 'postmortem-lint.cmd' : 'postmortem-lint');
    expect(fs.existsSync(bin)).toBe(true);
    // only the package itself was installed
    expect(fs.readdirSync(path.join(project, 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual(['postmortem-lint']);

    const elsewhere = path.join(tmp, 'elsewhere', 'postmortems');
    fs.mkdirSync(elsewhere, { recursive: true });
    fs.writeFileSync(path.join(elsewhere, '2026-01-02-checkout.md'), POSTMORTEM);

    const version = spawnSync(bin, ['--version'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);

    const lint = spawnSync(bin, ['--format', 'json', '.'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect(lint.status, lint.stderr).toBe(0);
    const report = JSON.parse(lint.stdout) as { messages: { ruleId: string }[] }[];
    expect(report).toHaveLength(1);
    const rules = report[0]!.messages.map((m) => m.ruleId);
    expect(rules).toContain('counterfactual');
    expect(rules).toContain('vague-remediation');

    const stylish = spawnSync(bin, ['2026-01-02-checkout.md'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect(stylish.stdout).toMatch(/counterfactual/);
    expect(stylish.stdout).toMatch(/ in 1 file$/m);
  }, 120_000);
});
