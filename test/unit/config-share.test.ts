// Configuration teams can share: `extends` (a path or a package, read as JSON, never run), `overrides` for some
// files, the cascade of config files up to a `"root": true` one, and where --print-config says each value came from.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { allRules, FILE_KEYS, resolveConfig, validateConfigFile } from '../../server/src/engine/index';
import {
  ConfigFiles,
  configLayers,
  configProblems,
  MAX_EXTENDS_DEPTH,
  parseConfigText,
  ResolvedConfigs,
  type AppliedConfig,
} from '../../server/src/node/configFile';
import { configSchema } from '../../server/src/node/schema';
import { cli, workspace } from './helpers/cli';

const RC = '.postmortemlintrc.json';
const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The resolved configuration for `file` (relative to `dir`) from the config files found from its folder up. */
function resolvedFor(dir: string, file: string, files = new ConfigFiles()) {
  const abs = path.join(dir, file);
  const applied = files.forDirectory(path.dirname(abs));
  return { config: new ResolvedConfigs().for(applied, abs), applied, problems: messages(applied) };
}

const messages = (applied: AppliedConfig | undefined) =>
  configProblems(applied).map(
    ({ loaded, problem }) => `${path.basename(loaded.path)}:${problem.line + 1}:${problem.character + 1}: ${problem.message}`,
  );

describe('merging layers', () => {
  it('rules merge per rule, phrases and allow concatenate without duplicates, lists like sections replace', () => {
    const r = resolveConfig(
      [
        {
          rules: { emotive: 'off', hindsight: 'error' },
          allow: ['blast radius', 'kill'],
          phrases: { judgement: ['cowboy deploy'] },
          sections: ['A', 'B'],
        },
        { rules: { hindsight: 'info' }, allow: ['kill', 'abort'], phrases: { judgement: ['cowboy deploy', 'yolo'] }, sections: ['C'] },
      ],
      allRules,
    );
    expect([r.rules.emotive!.severity, r.rules.hindsight!.severity]).toEqual(['off', 'info']);
    expect(r.allow).toEqual(['blast radius', 'kill', 'abort']);
    expect(r.phrases.judgement).toEqual(['cowboy deploy', 'yolo']);
    expect(r.sections).toEqual(['C']);
  });
});

describe('validation of extends, overrides and root', () => {
  it('accepts them', () => {
    const { problems, content } = validateConfigFile(
      {
        extends: ['./base.json', '@acme/config'],
        root: true,
        overrides: [{ files: ['archive/**'], excludedFiles: '*.draft.md', today: '2020-01-01', rules: { emotive: 'off' } }],
      },
      allRules,
    );
    expect(problems).toEqual([]);
    expect(content.extends.map((e) => [e.spec, e.path])).toEqual([
      ['./base.json', 'extends[0]'],
      ['@acme/config', 'extends[1]'],
    ]);
    expect(content.root).toBe(true);
    expect(content.overrides).toEqual([
      { files: ['archive/**'], excludedFiles: ['*.draft.md'], config: { today: '2020-01-01', rules: { emotive: ['off', {}] } } },
    ]);
  });

  it('the JSON schema accepts them (in an override, any setting but these) and the README documents them', () => {
    const validate = new Ajv({ allErrors: true, strictTuples: false }).compile(configSchema());
    const good = {
      root: true,
      extends: ['./base.json', '@acme/postmortem-lint-config'],
      rules: { emotive: 'off' },
      overrides: [
        { files: ['archive/**'], excludedFiles: ['archive/keep/**'], today: '2020-01-01', rules: { hindsight: 'warn' }, allow: ['x'] },
        { files: '*.draft.md', maxOpenActionItems: 1 },
      ],
    };
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ extends: './base.json' })).toBe(true);
    for (const bad of [
      { root: 'yes' },
      { extends: 3 },
      { overrides: [{ rules: {} }] },
      { overrides: [{ files: ['a'], root: true }] },
      { overrides: [{ files: ['a'], extends: './x.json' }] },
      { overrides: [{ files: ['a'], rules: { emotiv: 'off' } }] },
    ])
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
    const README = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const key of Object.keys(FILE_KEYS)) expect(README, key).toContain(`"${key}":`);
  });

  it('locates each problem in the file', () => {
    const text = json({
      extends: ['./ok.json', 3],
      root: 'yes',
      overrides: [
        { rules: { emotive: 'off' } },
        { files: [], today: 'soon' },
        { files: ['a/**'], extends: './x.json', rules: { emotiv: 'off' }, excludedFile: ['b'] },
        'nope',
      ],
    });
    const at = parseConfigText(text, RC).problems.map((p) => `${p.line + 1}:${p.character + 1} ${p.message}`);
    expect(at).toEqual([
      '4:5 extends[1]: expected a path or package name',
      '6:3 root: expected true or false',
      '8:5 overrides[0]: an override needs "files" (globs relative to the config file\'s folder); ignored',
      '14:7 overrides[1].files: expected a glob or a non-empty array of globs (non-empty strings)',
      '15:7 overrides[1].today: expected an ISO date such as "2026-04-05"',
      '21:7 overrides[2].extends: "extends" is not allowed in an override',
      '23:9 overrides[2].rules.emotiv: unknown rule "emotiv" (did you mean "emotive"?)',
      '25:7 overrides[2].excludedFile: unknown setting "excludedFile" (did you mean "excludedFiles"?)',
      '29:5 overrides[3]: expected an object with "files" and settings',
    ]);
  });
});

describe('extends', () => {
  it('by a relative path: the extending file wins, rules merge per rule, phrases and allow merge, sections replace', () => {
    const dir = workspace({
      'shared/base.json': json({
        rules: { emotive: 'off', hindsight: 'error', 'required-sections': ['warning', { profile: 'custom' }] },
        sections: ['Summary', 'Impact'],
        allow: ['blast radius'],
        phrases: { judgement: ['cowboy deploy'] },
        maxOpenActionItems: 9,
        today: '2020-01-01',
      }),
      'team/.postmortemlintrc.json': json({
        extends: '../shared/base.json',
        rules: { hindsight: 'info' },
        sections: ['Timeline'],
        allow: ['blast radius', 'kill the process'],
        phrases: { judgement: ['yolo'] },
        today: '2026-03-01',
      }),
    });
    const { config, problems } = resolvedFor(dir, 'team/pm.md');
    expect(problems).toEqual([]);
    expect(config.rules.emotive!.severity).toBe('off'); // from the base
    expect(config.rules.hindsight!.severity).toBe('info'); // the extending file wins
    expect(config.rules['required-sections']).toEqual({ severity: 'warning', options: { profile: 'custom' } });
    expect(config.profile).toBe('custom');
    expect(config.sections).toEqual(['Timeline']);
    expect(config.allow).toEqual(['blast radius', 'kill the process']);
    expect(config.phrases.judgement).toEqual(['cowboy deploy', 'yolo']);
    expect([config.maxOpenActionItems, config.today]).toEqual([9, '2026-03-01']);
  });

  it('an array applies in order (later entries win), each after what it extends itself', () => {
    const dir = workspace({
      'a.json': json({ extends: './c.json', maxOpenActionItems: 1, reviewWithinDays: 1 }),
      'b.json': json({ maxOpenActionItems: 2 }),
      'c.json': json({ maxOpenActionItems: 3, reviewWithinDays: 3, languageFindingsPerParagraph: 7 }),
      [RC]: json({ extends: ['./a.json', './b.json'] }),
    });
    const { config, applied } = resolvedFor(dir, 'pm.md');
    expect([config.maxOpenActionItems, config.reviewWithinDays, config.languageFindingsPerParagraph]).toEqual([2, 1, 7]);
    expect(applied!.files[0]!.parts.map((p) => path.basename(p.file))).toEqual(['c.json', 'a.json', 'b.json', RC]);
  });

  it('by package name: the package’s postmortemlint.json, a subpath, or a JSON main, found from the config file’s folder up', () => {
    const dir = workspace({
      'node_modules/@acme/postmortem-lint-config/package.json': json({ name: '@acme/postmortem-lint-config', main: 'index.js' }),
      'node_modules/@acme/postmortem-lint-config/postmortemlint.json': json({ rules: { emotive: 'off' }, allow: ['acme'] }),
      'node_modules/@acme/postmortem-lint-config/strict.json': json({ rules: { hindsight: 'error' } }),
      // code in the package is never run: reading the config must not create this file
      'node_modules/@acme/postmortem-lint-config/index.js': `require('fs').writeFileSync(${JSON.stringify('RAN')}, 'x');`,
      'node_modules/json-main-config/package.json': json({ name: 'json-main-config', main: 'config/main.json' }),
      'node_modules/json-main-config/config/main.json': json({ maxOpenActionItems: 4 }),
      'docs/incidents/.postmortemlintrc.json': json({
        extends: ['@acme/postmortem-lint-config', '@acme/postmortem-lint-config/strict.json', 'json-main-config'],
      }),
    });
    const { config, problems } = resolvedFor(dir, 'docs/incidents/pm.md');
    expect(problems).toEqual([]);
    expect([config.rules.emotive!.severity, config.rules.hindsight!.severity, config.maxOpenActionItems]).toEqual(['off', 'error', 4]);
    expect(config.allow).toEqual(['acme']);
    expect(fs.existsSync(path.join(dir, 'RAN'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'docs', 'incidents', 'RAN'))).toBe(false);
  });

  it('a package that is missing, or has no config file, is one located problem; the rest still applies', () => {
    const dir = workspace({
      'node_modules/code-only/package.json': json({ name: 'code-only', main: 'index.js' }),
      'node_modules/code-only/index.js': 'module.exports = { rules: {} };',
      'base.json': '{}',
      [RC]: `{\n  "extends": ["no-such-package", "code-only", "base.json"],\n  "maxOpenActionItems": 7\n}\n`,
    });
    const { config, problems } = resolvedFor(dir, 'pm.md');
    expect(config.maxOpenActionItems).toBe(7);
    expect(problems).toEqual([
      `${RC}:2:15: extends[0]: "no-such-package": cannot find package "no-such-package" from ${dir}; ignored`,
      `${RC}:2:34: extends[1]: "code-only": package "code-only" has no postmortemlint.json or .postmortemlintrc.json (nor a "main" that is a .json file); ignored`,
      `${RC}:2:47: extends[2]: "base.json": cannot find package "base.json" from ${dir} (for the file beside this one, write "./base.json"); ignored`,
    ]);
  });

  it('a missing file, invalid JSON or an invalid value in an extended file: one problem on the extends value, naming the chain', () => {
    const dir = workspace({
      'team.json': json({ extends: ['./broken.json', './missing.json'], maxOpenActionItems: 4 }),
      'broken.json': '{\n  "rules": {\n    "emotive": "off",,\n  }\n}\n',
      'odd.json': json({ rules: { emotiv: 'off', hindsight: 'error' }, today: 'soon' }),
      [RC]: `{\n  "extends": "./team.json",\n  "overrides": [],\n  "root": true,\n  "$schema": "x"\n}\n`,
      'sub/.postmortemlintrc.json': `{ "extends": ["./../odd.json"] }`,
    });
    const top = resolvedFor(dir, 'pm.md');
    expect(top.problems).toEqual([
      `${RC}:2:14: extends: "./team.json" → "./broken.json": broken.json:3:22: invalid JSON (PropertyNameExpected); that file is ignored (and 1 more)`,
    ]);
    expect(top.config.maxOpenActionItems).toBe(4); // team.json still applies
    const sub = resolvedFor(dir, 'sub/pm.md');
    expect(sub.problems).toEqual([
      `${RC}:2:14: extends: "./team.json" → "./broken.json": broken.json:3:22: invalid JSON (PropertyNameExpected); that file is ignored (and 1 more)`,
      `.postmortemlintrc.json:1:15: extends[0]: "./../odd.json": ../odd.json:3:5: rules.emotiv: unknown rule "emotiv" (did you mean "emotive"?) (and 1 more)`,
    ]);
    expect(sub.config.rules.hindsight!.severity).toBe('error'); // the valid part of odd.json applies
    const missing = parseConfigText(json({ extends: './missing.json' }), path.join(dir, 'other.json'));
    const files = new ConfigFiles();
    fs.writeFileSync(path.join(dir, 'sub2.json'), json({ extends: './missing.json' }));
    expect(messages(files.forConfigFile(path.join(dir, 'sub2.json')))).toEqual([
      'sub2.json:2:14: extends: "./missing.json": cannot read missing.json: no such file; ignored',
    ]);
    expect(missing.problems).toEqual([]); // parsing alone never reads what a file extends
  });

  it('a cycle is one problem naming the chain; each file applies once', () => {
    const dir = workspace({
      'a.json': json({ extends: './b.json', maxOpenActionItems: 1 }),
      'b.json': json({ extends: ['./a.json', './.postmortemlintrc.json'], reviewWithinDays: 2 }),
      [RC]: json({ extends: './a.json', today: '2026-01-01' }),
    });
    const { config, problems, applied } = resolvedFor(dir, 'pm.md');
    expect(problems).toEqual([
      `${RC}:2:14: extends: "./a.json" → "./b.json" → "./a.json": a cycle (a.json extends itself through this chain); not applied again (and 1 more)`,
    ]);
    expect([config.maxOpenActionItems, config.reviewWithinDays, config.today]).toEqual([1, 2, '2026-01-01']);
    expect(applied!.files[0]!.parts.map((p) => path.basename(p.file))).toEqual(['b.json', 'a.json', RC]);
  });

  it(`follows at most ${MAX_EXTENDS_DEPTH} levels`, () => {
    const files: Record<string, string> = { [RC]: json({ extends: './c1.json' }) };
    for (let i = 1; i <= 12; i++) files[`c${i}.json`] = json({ ...(i < 12 ? { extends: `./c${i + 1}.json` } : {}), allow: [`w${i}`] });
    const dir = workspace(files);
    const { config, problems } = resolvedFor(dir, 'pm.md');
    expect(config.allow).toEqual(['w10', 'w9', 'w8', 'w7', 'w6', 'w5', 'w4', 'w3', 'w2', 'w1']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^\.postmortemlintrc\.json:2:14: extends: "\.\/c1\.json" → .* → "\.\/c11\.json": more than 10 levels of extends; c11\.json and what it extends are ignored$/,
    );
  });

  it('records the extended files, so a host can watch them', () => {
    const dir = workspace({ 'base.json': '{}', [RC]: json({ extends: ['./base.json', './gone.json'] }) });
    const files = new ConfigFiles();
    files.forDirectory(dir);
    expect([...files.dependencies].sort()).toEqual([path.join(dir, 'base.json'), path.join(dir, 'gone.json')]);
    files.clear();
    expect(files.dependencies.size).toBe(0);
  });
});

describe('overrides', () => {
  const dir = workspace({
    [RC]: json({
      rules: { emotive: 'warning' },
      maxOpenActionItems: 5,
      overrides: [
        { files: ['archive/**'], excludedFiles: ['archive/keep/**'], today: '2020-06-01', rules: { emotive: 'off' } },
        { files: '*.draft.md', maxOpenActionItems: 1 },
        { files: ['archive/2019/**'], today: '2019-12-31' },
      ],
    }),
    'archive/keep/x.md': '',
    'node_modules/x': '',
  });
  const at = (file: string) => resolvedFor(dir, file).config;

  it('apply in order to the files their globs match, relative to the config file’s folder', () => {
    expect([at('pm.md').today, at('pm.md').rules.emotive!.severity, at('pm.md').maxOpenActionItems]).not.toContain('2020-06-01');
    expect(at('pm.md').rules.emotive!.severity).toBe('warning');
    expect([at('archive/old.md').today, at('archive/old.md').rules.emotive!.severity]).toEqual(['2020-06-01', 'off']);
    expect(at('archive/2019/old.md').today).toBe('2019-12-31'); // a later override wins
    expect(at('archive/keep/x.md').today).not.toBe('2020-06-01'); // excludedFiles
    expect(at('archive/keep/x.md').rules.emotive!.severity).toBe('warning');
    // a glob without a slash matches the file name in any folder
    expect([at('a.draft.md').maxOpenActionItems, at('archive/b.draft.md').maxOpenActionItems, at('pm.md').maxOpenActionItems]).toEqual([
      1, 1, 5,
    ]);
  });

  it('files that match the same blocks share one resolved configuration', () => {
    const files = new ConfigFiles();
    const resolved = new ResolvedConfigs();
    const of = (f: string) => resolved.for(files.forDirectory(path.dirname(path.join(dir, f))), path.join(dir, f));
    expect(of('archive/a.md')).toBe(of('archive/b.md'));
    expect(of('archive/a.md')).not.toBe(of('a.md'));
  });

  it('a file outside the config file’s folder (a --config elsewhere) matches none', () => {
    const applied = new ConfigFiles().forConfigFile(path.join(dir, RC));
    const outside = path.join(path.dirname(dir), 'archive', 'x.md');
    expect(configLayers(applied, outside).key).toBe('');
    expect(configLayers(applied, path.join(dir, 'archive', 'x.md')).key).toBe('0.0.0');
  });

  it('in an extended file, match paths relative to the config file that extends it', () => {
    const d = workspace({
      'shared/base.json': json({ overrides: [{ files: ['legacy/**'], rules: { hindsight: 'off' } }] }),
      'docs/.postmortemlintrc.json': json({ extends: '../shared/base.json', rules: { hindsight: 'error' } }),
    });
    // the extending file's own settings come after the extended file and its overrides
    expect(resolvedFor(d, 'docs/legacy/pm.md').config.rules.hindsight!.severity).toBe('error');
    const d2 = workspace({
      'shared/base.json': json({ overrides: [{ files: ['legacy/**'], rules: { hindsight: 'off' } }] }),
      'docs/.postmortemlintrc.json': json({ extends: '../shared/base.json' }),
    });
    expect(resolvedFor(d2, 'docs/legacy/pm.md').config.rules.hindsight!.severity).toBe('off');
    expect(resolvedFor(d2, 'docs/pm.md').config.rules.hindsight!.severity).not.toBe('off');
  });
});

describe('config files in parent folders, and root', () => {
  const files = {
    [RC]: json({
      rules: { emotive: 'off', hindsight: 'error' },
      maxOpenActionItems: 9,
      overrides: [{ files: ['**/old/**'], today: '2020-01-01' }],
    }),
    'team/.postmortemlintrc.json': json({ rules: { hindsight: 'info' } }),
    'other/.postmortemlintrc.json': json({ root: true, rules: { hindsight: 'info' } }),
  };

  it('the nearest config file wins; parent folders’ config files apply beneath it', () => {
    const dir = workspace(files);
    const { config, applied } = resolvedFor(dir, 'team/old/pm.md');
    expect(applied!.files.map((f) => path.relative(dir, f.path))).toEqual([RC, path.join('team', RC)]);
    expect([config.rules.emotive!.severity, config.rules.hindsight!.severity, config.maxOpenActionItems, config.today]).toEqual([
      'off',
      'info',
      9,
      '2020-01-01',
    ]);
  });

  it('"root": true stops the lookup: files above it do not apply', () => {
    const dir = workspace(files);
    const { config, applied } = resolvedFor(dir, 'other/old/pm.md');
    expect(applied!.files.map((f) => path.relative(dir, f.path))).toEqual([path.join('other', RC)]);
    expect([config.rules.emotive!.severity, config.rules.hindsight!.severity, config.maxOpenActionItems]).toEqual(['warning', 'info', 5]);
    expect(config.today).not.toBe('2020-01-01');
  });
});

describe('--print-config', () => {
  it('names the extended file, the parent folder’s config file and overrides[i] as sources', () => {
    const dir = workspace({
      [RC]: json({ root: true, reviewWithinDays: 9, allow: ['a'] }),
      'shared/base.json': json({ rules: { emotive: 'off', hindsight: 'error' }, maxOpenActionItems: 2, allow: ['b'] }),
      'postmortems/.postmortemlintrc.json': json({
        extends: '../shared/base.json',
        rules: { hindsight: 'info' },
        overrides: [
          { files: ['drafts/**'], rules: { emotive: 'warning' } },
          { files: ['2026/**'], today: '2026-02-01', allow: ['a'] },
        ],
      }),
      'postmortems/2026/outage.md': '# x\n',
    });
    const r = cli(['--print-config', 'postmortems/2026/outage.md', '--no-cap'], dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const printed = JSON.parse(r.stdout) as {
      configFile: string;
      configFiles: string[];
      config: { today: string };
      sources: Record<string, string>;
    };
    expect(printed.configFile).toBe('postmortems/.postmortemlintrc.json');
    expect(printed.configFiles).toEqual([RC, 'shared/base.json', 'postmortems/.postmortemlintrc.json']);
    expect(printed.config.today).toBe('2026-02-01');
    expect(printed.sources).toMatchObject({
      reviewWithinDays: RC,
      maxOpenActionItems: 'shared/base.json',
      'rules.emotive': 'shared/base.json',
      'rules.hindsight': 'postmortems/.postmortemlintrc.json',
      today: 'postmortems/.postmortemlintrc.json overrides[1]',
      allow: `${RC} + shared/base.json + postmortems/.postmortemlintrc.json overrides[1]`,
      languageFindingsPerParagraph: '--no-cap',
      maxDocumentSize: 'default',
    });
  });
});

describe('the CLI, end to end', () => {
  const MISSING = '# Outage\n\n## Timeline\n\n- 10:00 UTC alert fires\n\n## Summary\n\nThe deploy was rushed.\n';
  const files = {
    'node_modules/@acme/postmortem-lint-config/package.json': json({ name: '@acme/postmortem-lint-config', main: 'index.js' }),
    'node_modules/@acme/postmortem-lint-config/postmortemlint.json': json({
      rules: { 'required-sections': 'error' },
      overrides: [{ files: ['**/archive/**'], rules: { 'required-sections': 'off' } }],
    }),
    'node_modules/@acme/postmortem-lint-config/index.js': 'throw new Error("never run");',
    [RC]: json({
      root: true,
      extends: '@acme/postmortem-lint-config',
      overrides: [{ files: ['postmortems/drafts/**'], excludedFiles: ['final-*.md'], rules: { 'required-sections': 'warning' } }],
    }),
    'postmortems/2026-01-02-outage.md': MISSING,
    'postmortems/archive/2019-outage.md': MISSING,
    'postmortems/drafts/wip.md': MISSING,
    'postmortems/drafts/final-x.md': MISSING,
  };
  const severities = (stdout: string) =>
    Object.fromEntries(
      (JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; severity: string }[] }[]).map((r) => [
        r.filePath,
        [...new Set(r.messages.filter((m) => m.ruleId === 'required-sections').map((m) => m.severity))],
      ]),
    );

  it('lints each file with the shared package config and the override blocks that match it', () => {
    const dir = workspace(files);
    const r = cli(['--format', 'json', '--all', 'postmortems'], dir);
    expect([r.code, r.stderr]).toEqual([1, '']); // errors from the shared config
    expect(severities(r.stdout)).toEqual({
      'postmortems/2026-01-02-outage.md': ['error'],
      'postmortems/archive/2019-outage.md': [],
      'postmortems/drafts/final-x.md': ['error'],
      'postmortems/drafts/wip.md': ['warning'],
    });
  });

  it('the bundled binary reads a package config the same way', () => {
    const dir = workspace(files);
    const bin = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
    const r = spawnSync(bin, ['--format', 'json', 'postmortems/drafts/wip.md', 'postmortems/2026-01-02-outage.md'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect([r.status, r.stderr]).toEqual([1, '']);
    expect(severities(r.stdout)).toEqual({ 'postmortems/2026-01-02-outage.md': ['error'], 'postmortems/drafts/wip.md': ['warning'] });
  });

  it('a broken extends is reported once, located on the extends value, and the rest still applies (exit 2)', () => {
    const dir = workspace({ ...files, [RC]: `{\n  "extends": ["@acme/postmortem-lint-config", "./gone.json"]\n}\n` });
    const r = cli(['--format', 'json', 'postmortems/2026-01-02-outage.md', 'postmortems/drafts/wip.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'postmortem-lint: invalid config (linting with its valid settings):\n' +
        `  ${path.join(dir, RC)}:2:47: extends[1]: "./gone.json": cannot read gone.json: no such file; ignored`,
    );
    expect(severities(r.stdout)['postmortems/2026-01-02-outage.md']).toEqual(['error']);
  });
});
