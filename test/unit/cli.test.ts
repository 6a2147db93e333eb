// The CLI: formats, exit codes, --fix, --max-warnings, config handling, inspect, discovery rules.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTextFile, rewriteTextFile } from '../../server/src/node/textFile';
import { CLEAN_POSTMORTEM, cli, workspace } from './helpers/cli';

const PM = CLEAN_POSTMORTEM;
const MISSING = '# Outage\n\n## Timeline\n\n- 10:00 UTC alert fires\n\n## Summary\n\nx\n';

describe('cli', () => {
  it('json format: 1-based lines and columns, severities as words', () => {
    const dir = workspace({ 'pm.md': MISSING });
    const r = cli(['--format', 'json', 'pm.md'], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toHaveLength(1);
    expect(report[0].filePath).toBe('pm.md');
    const m = report[0].messages.filter((x: { ruleId: string }) => x.ruleId === 'required-sections');
    expect(m.map((x: { message: string }) => x.message)).toEqual([
      'Missing section "Contributing Factors" (standard profile).',
      'Missing section "What Went Well" (standard profile).',
      'Missing section "What Went Poorly" (standard profile).',
      'Missing section "Action Items" (standard profile).',
    ]);
    expect(m[0]).toMatchObject({ severity: 'info', line: 1, column: 1, endLine: 1, endColumn: 9 });
    expect(m[0].fix.edits[0].text).toContain('## Contributing Factors');
  });

  it('a postmortem nested 5,000 block quotes deep lints (exit 0, an info note), never a stack trace', () => {
    const dir = workspace({ 'deep.md': `${PM}\n${'> '.repeat(5000)}deep\n` });
    const r = cli(['--format', 'json', 'deep.md'], dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain('nests block quotes, lists or emphasis more than 64 levels');
  });

  it('a file too large to lint is reported with a warning, so padding cannot pass --max-warnings 0 (LF or lone CR lines)', () => {
    const dir = workspace({ 'lf.md': `${PM}${'\n'.repeat(50_001)}`, 'cr.md': `${PM.replace(/\n/g, '\r')}${'\r'.repeat(50_001)}` });
    for (const file of ['lf.md', 'cr.md']) {
      const r = cli(['--format', 'json', '--max-warnings', '0', file], dir);
      expect([file, r.code]).toEqual([file, 1]);
      const [report] = JSON.parse(r.stdout) as { messages: { ruleId: string; severity: string; message: string }[] }[];
      expect(report!.messages.map((m) => [m.ruleId, m.severity])).toEqual([['document-size', 'warning']]);
      expect(report!.messages[0]!.message).toMatch(/more than 50,000 lines/);
    }
  });

  it('an unreadable file is reported on stderr and the others are still linted (exit 2)', () => {
    const dir = workspace({ 'pm.md': MISSING });
    const r = cli(['--format', 'json', '/proc/self/mem', 'pm.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^postmortem-lint: cannot read \S*proc\/self\/mem: EIO$/m);
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((f) => path.basename(f.filePath))).toEqual(['pm.md']);
  });

  it('the bundled binary exits quietly when its reader closes the pipe early (| head)', () => {
    const bin = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`pm-${i}.md`] = MISSING;
    const dir = workspace(files);
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" --format json --all . | head -c 100 > /dev/null`], { cwd: dir });
    expect([r.status, r.stderr.toString()]).toEqual([0, '']);
  });

  it('--fix never rewrites what it cannot write back exactly: Latin-1 and UTF-16 files stay byte for byte', () => {
    const latin1 = Buffer.from(`${MISSING}Caf\xe9 au lait.\n`, 'latin1');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MISSING, 'utf16le')]);
    const dir = workspace({});
    fs.writeFileSync(path.join(dir, 'latin1.md'), latin1);
    fs.writeFileSync(path.join(dir, 'utf16.md'), utf16);
    const r = cli(['--fix', 'latin1.md', 'utf16.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      'postmortem-lint: not fixing latin1.md: it is not valid UTF-8; the file is unchanged',
      'postmortem-lint: not fixing utf16.md: it is UTF-16 (--fix writes UTF-8 only); the file is unchanged',
    ]);
    expect(fs.readFileSync(path.join(dir, 'latin1.md')).equals(latin1)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'utf16.md')).equals(utf16)).toBe(true);
    // the UTF-16 file is still read correctly: the same findings as its UTF-8 twin
    const twin = workspace({ 'utf8.md': MISSING });
    const messages = (d: string, f: string) =>
      (JSON.parse(cli(['--format', 'json', f], d).stdout) as { messages: { ruleId: string; line: number }[] }[])[0]!.messages.map(
        (m) => `${m.line} ${m.ruleId}`,
      );
    expect(messages(dir, 'utf16.md')).toEqual(messages(twin, 'utf8.md'));
  });

  it('--fix keeps a UTF-8 byte-order mark first and replaces the file whole (no temporary file left behind)', () => {
    const dir = workspace({});
    fs.writeFileSync(path.join(dir, 'bom.md'), `\uFEFF${MISSING}`);
    fs.chmodSync(path.join(dir, 'bom.md'), 0o640);
    // read as the same document without the mark (its first heading is a heading)
    const json = (f: string, d: string) => JSON.parse(cli(['--format', 'json', f], d).stdout)[0].messages as unknown[];
    expect(json('bom.md', dir)).toEqual(json('pm.md', workspace({ 'pm.md': MISSING })));
    expect(cli(['--fix', 'bom.md'], dir).stderr).toBe('');
    const bytes = fs.readFileSync(path.join(dir, 'bom.md'));
    expect([...bytes.subarray(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 0x23]); // BOM, then "#"
    expect(bytes.toString('utf8')).toContain('## Contributing Factors');
    expect(fs.statSync(path.join(dir, 'bom.md')).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(['bom.md']);
  });

  it('a rewrite is refused when the file changed since it was read (an editor saved, another run fixed it)', () => {
    const dir = workspace({ 'pm.md': MISSING });
    const file = path.join(dir, 'pm.md');
    const read = readTextFile(file);
    fs.writeFileSync(file, `${MISSING}Saved meanwhile.\n`);
    expect(rewriteTextFile(file, read, 'fixed')).toBe('it changed since it was read');
    expect(fs.readFileSync(file, 'utf8')).toBe(`${MISSING}Saved meanwhile.\n`);
    expect(rewriteTextFile(file, readTextFile(file), 'fixed')).toBeUndefined();
    expect(fs.readFileSync(file, 'utf8')).toBe('fixed');
  });

  it('stylish output shows control characters from a file name as escapes, never raw', () => {
    const name = 'evil\u001b[2J\u0007.md';
    const dir = workspace({ [name]: MISSING });
    const r = cli([name], dir);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(r.stdout).toContain('evil\\u001b[2J\\u0007.md');
  });

  it('exit codes: 1 for errors or too many warnings, 2 for usage and config failures', () => {
    const dir = workspace({ 'pm.md': MISSING, '.postmortemlintrc.json': '{ "rules": { "required-sections": "error" } }' });
    expect(cli(['pm.md'], dir).code).toBe(1);
    const dir2 = workspace({ 'pm.md': MISSING, '.postmortemlintrc.json': '{ "rules": { "required-sections": "warning" } }' });
    expect(cli(['pm.md'], dir2).code).toBe(0);
    expect(cli(['--max-warnings', '3', 'pm.md'], dir2).code).toBe(1);
    expect(cli(['--max-warnings', '10', 'pm.md'], dir2).code).toBe(0);
    expect(cli(['--format', 'xml', 'pm.md'], dir2)).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown format "xml"/) });
    expect(cli(['--bogus'], dir2).code).toBe(2);
    expect(cli([], dir2).code).toBe(2);
    expect(cli(['missing.md'], dir2)).toMatchObject({ code: 2, stderr: expect.stringMatching(/no such file/) });
    const bad = workspace({ 'pm.md': MISSING, '.postmortemlintrc.json': '{\n  "rules": { "nope": "error" }\n}' });
    const r = cli(['pm.md'], bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.postmortemlintrc\.json:2:\d+: rules\.nope: unknown rule "nope"/);
    expect(cli(['--config', 'nowhere.json', 'pm.md'], dir2).code).toBe(2);
  });

  it('directories and globs lint only postmortems; explicit files are always linted', () => {
    const dir = workspace({ 'docs/README.md': '# Lib\n\n## Usage\n\nx\n', 'docs/incident.md': MISSING, 'notes/plain.md': '# Plain\n' });
    const json = (argv: string[]) =>
      (JSON.parse(cli(['--format', 'json', ...argv], dir).stdout) as { filePath: string }[]).map((r) => r.filePath);
    expect(json(['docs'])).toEqual(['docs/incident.md']);
    expect(json(['**/*.md'])).toEqual(['docs/incident.md']);
    expect(json(['notes/plain.md'])).toEqual(['notes/plain.md']);
  });

  it('directories and globs skip what .gitignore and .postmortemlintignore exclude (also from the repository root above); named files are linted', () => {
    const dir = workspace(
      {
        '.gitignore': 'generated/\n',
        'postmortems/.postmortemlintignore': 'drafts/\n',
        'postmortems/2026-01-02-outage.md': MISSING,
        'postmortems/drafts/wip.md': MISSING,
        'postmortems/generated/copy.md': MISSING,
      },
      ['.git'],
    );
    const json = (argv: string[], cwd = dir) =>
      (JSON.parse(cli(['--format', 'json', ...argv], cwd).stdout) as { filePath: string }[]).map((r) => r.filePath);
    expect(json(['postmortems'])).toEqual(['postmortems/2026-01-02-outage.md']);
    expect(json(['postmortems/**/*.md'])).toEqual(['postmortems/2026-01-02-outage.md']);
    // from a subfolder: the repository root's .gitignore still applies
    expect(json(['.'], path.join(dir, 'postmortems'))).toEqual(['2026-01-02-outage.md']);
    expect(json(['postmortems/drafts/wip.md'])).toEqual(['postmortems/drafts/wip.md']);
  });

  it('--print-config: the configuration that applies to a file and where each value comes from', () => {
    const dir = workspace({
      '.postmortemlintrc.json': '{ "rules": { "emotive": "off" }, "maxOpenActionItems": 3 }',
      'postmortems/2026-01-02-outage.md': MISSING,
    });
    const r = cli(['--print-config', 'postmortems/2026-01-02-outage.md', '--today', '2026-01-05'], dir);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as {
      file: string;
      configFile: string | null;
      config: { today: string; maxOpenActionItems: number; rules: Record<string, { severity: string }> };
      sources: Record<string, string>;
    };
    expect(printed).toMatchObject({ file: 'postmortems/2026-01-02-outage.md', configFile: '.postmortemlintrc.json' });
    expect(printed.config).toMatchObject({ today: '2026-01-05', maxOpenActionItems: 3 });
    expect(printed.config.rules.emotive!.severity).toBe('off');
    expect(printed.sources).toMatchObject({
      today: '--today',
      maxOpenActionItems: '.postmortemlintrc.json',
      maxDocumentSize: 'default',
      'rules.emotive': '.postmortemlintrc.json',
      'rules.judgement': 'default',
    });
    expect(cli(['--print-config', 'missing.md'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file') });
  });

  it('every format names a file the same way: relative to the current directory, forward slashes', () => {
    const dir = workspace({ 'incidents/pm.md': MISSING, 'other/x.md': MISSING });
    const sub = path.join(dir, 'other');
    for (const [cwd, arg, name] of [
      [dir, 'incidents', 'incidents/pm.md'],
      [sub, '../incidents/pm.md', '../incidents/pm.md'],
      [sub, 'x.md', 'x.md'],
    ] as const) {
      expect(JSON.parse(cli(['-f', 'json', arg], cwd).stdout)[0].filePath).toBe(name);
      const sarif = JSON.parse(cli(['-f', 'sarif', arg], cwd).stdout);
      expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(name);
      expect(cli(['-f', 'github', arg], cwd).stdout).toContain(`file=${name},`);
      expect(cli([arg], cwd).stdout.split('\n')).toContain(name);
      const actions = JSON.parse(cli(['actions', '-f', 'json', arg], cwd).stdout) as { file: string }[];
      for (const row of actions) expect(row.file).toBe(name);
    }
  });

  it('json: columns and fix/suggestion offsets count UTF-16 code units (documented in the README)', () => {
    const text =
      '# Outage \u{1F680}\n\n## Timeline\n\n- 10:00 UTC alert fires\n\n## Summary\n\n\u{1F680}\u{1F680} The engineer should have tested the change in staging.\n';
    const dir = workspace({ 'pm.md': text });
    const [report] = JSON.parse(cli(['-f', 'json', 'pm.md'], dir).stdout);
    const m = report.messages.find((x: { ruleId: string }) => x.ruleId === 'counterfactual');
    // two astral characters before "The engineer": 4 UTF-16 code units (2 code points, 8 UTF-8 bytes)
    expect([m.line, m.column]).toEqual([9, 19]);
    const lineStart = text.split('\n').slice(0, 8).join('\n').length + 1;
    expect(text.slice(lineStart + m.column - 1)).toMatch(/^should have tested/);
    const rewrite = m.suggestions[0].edits[0];
    expect(text.slice(rewrite.start, rewrite.end)).toBe('\u{1F680}\u{1F680} The engineer should have tested the change in staging.');
    const fix = report.messages.find((x: { ruleId: string }) => x.ruleId === 'required-sections').fix.edits[0];
    // the safe fix inserts its section before "## Summary", after the title's astral character
    expect(text.slice(fix.start, fix.end)).toBe('');
    expect(text.slice(fix.start)).toMatch(/^## Summary/);
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const json = readme.slice(readme.indexOf('`--format json` prints'));
    expect(json).toMatch(/0-based UTF-16 code-unit offsets/);
    expect(json).toMatch(/`filePath` is relative to the current directory/);
  });

  it('--no-cap shows every language finding of a paragraph (3 by default, the rest counted on the last)', () => {
    const para = Array.from({ length: 5 }, (_, i) => `The engineer ${i + 1} was careless.`).join(' ');
    const dir = workspace({ 'pm.md': `# Outage 2026-01-05\n\n## Summary\n\n${para}\n` });
    const judgement = (args: string[]) =>
      JSON.parse(cli(['-f', 'json', ...args, 'pm.md'], dir).stdout)[0].messages.filter((m: { ruleId: string }) => m.ruleId === 'judgement');
    const capped = judgement([]);
    expect(capped).toHaveLength(3);
    expect(capped[2].message).toMatch(/2 more language findings in this paragraph not shown/);
    expect(judgement(['--no-cap'])).toHaveLength(5);
    expect(cli(['--help'], dir).stdout).toMatch(/--no-cap/);
  });

  it('--fix applies safe fixes to the file and reports what is left', () => {
    const dir = workspace({ 'pm.md': MISSING });
    cli(['--fix', 'pm.md'], dir);
    const fixed = fs.readFileSync(path.join(dir, 'pm.md'), 'utf8');
    expect(fixed).toContain('## Contributing Factors');
    const again = JSON.parse(cli(['--format', 'json', 'pm.md'], dir).stdout);
    expect(again[0].messages.filter((m: { ruleId: string }) => m.ruleId === 'required-sections')).toEqual([]);
  });

  it('sarif and github formats', () => {
    const dir = workspace({ 'pm.md': MISSING });
    const sarif = JSON.parse(cli(['--format', 'sarif', 'pm.md'], dir).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('required-sections');
    expect(sarif.runs[0].results[0]).toMatchObject({
      level: 'note',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'pm.md' }, region: { startLine: 1, startColumn: 1 } } }],
    });
    const gh = cli(['--format', 'github', 'pm.md'], dir).stdout.split('\n');
    expect(gh).toContain(
      '::notice file=pm.md,line=1,col=1,endLine=1,endColumn=9,title=required-sections::Missing section "Action Items" (standard profile).',
    );
  });

  it('a clean postmortem passes with exit 0', () => {
    const dir = workspace({ 'pm.md': PM, '.postmortemlintrc.json': '{ "today": "2026-01-05" }' });
    const r = cli(['pm.md'], dir);
    expect(r.stdout).toMatch(/No problems in 1 postmortem/);
    expect(r.code).toBe(0);
  });

  it('inspect prints the model with 1-based lines', () => {
    const dir = workspace({ 'pm.md': PM });
    const r = cli(['inspect', 'pm.md'], dir);
    const model = JSON.parse(r.stdout);
    expect(model.isPostmortem).toBe(true);
    expect(model.sections.map((s: { kind: string; line: number }) => [s.kind, s.line])).toEqual([
      ['timeline', 7],
      ['contributing-factors', 11],
      ['what-went-well', 15],
      ['what-went-poorly', 19],
      ['action-items', 23],
    ]);
    expect(model.metadata.fields).toEqual({ date: '2026-01-02', duration: '1h', severity: 'SEV-3' });
    expect(model.timeline[0]).toMatchObject({ line: 9, time: '10:00', zone: 'UTC' });
    expect(model.actionItems[0]).toMatchObject({
      line: 25,
      text: 'Raise the TTL',
      owner: '@dana',
      due: '2026-01-10',
      tracker: 'OPS-1',
      status: 'done',
    });
  });

  it('the bundled binary runs with a shebang and the same exit codes', () => {
    const bin = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
    expect(execFileSync(bin, ['--version']).toString().trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const dir = workspace({ 'pm.md': MISSING });
    expect(spawnSync(bin, ['--format', 'nope', 'pm.md'], { cwd: dir }).status).toBe(2);
    expect(spawnSync(bin, ['pm.md'], { cwd: dir }).status).toBe(0);
  });
});

describe('cli usability', () => {
  const OVERDUE = PM.replace('- [x] Raise the TTL', '- [ ] Raise the TTL');

  it('an unknown option gets a "did you mean", and -f is --format', () => {
    const dir = workspace({ 'pm.md': PM });
    const typo = cli(['--formt', 'json', 'pm.md'], dir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Unknown option '--formt'.*\(did you mean --format\?\)/);
    const short = cli(['-f', 'json', 'pm.md'], dir);
    expect(short.code).toBe(0);
    expect(JSON.parse(short.stdout)).toHaveLength(1);
  });

  it('a config with problems is reported, the files are linted with its valid part, and the run exits 2', () => {
    const dir = workspace({
      'pm.md': MISSING,
      '.postmortemlintrc.json': '{\n  "rules": { "judgment": "warn", "required-sections": "error" }\n}',
    });
    const r = cli(['-f', 'json', 'pm.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid config \(linting with its valid settings\)/);
    expect(r.stderr).toMatch(/rules\.judgment: unknown rule "judgment" \(did you mean "judgement"\?\)/);
    // the valid part applies: required-sections is an error, as configured
    const messages = JSON.parse(r.stdout)[0].messages as { ruleId: string; severity: string }[];
    expect(messages.filter((m) => m.ruleId === 'required-sections').every((m) => m.severity === 'error')).toBe(true);
    expect(messages.some((m) => m.ruleId === 'required-sections')).toBe(true);
  });

  it('inspect --help prints the usage', () => {
    const r = cli(['inspect', '--help'], os.tmpdir());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('postmortem-lint inspect <file>');
  });

  it('--today pins the date the overdue check uses, and is validated', () => {
    const dir = workspace({ 'pm.md': OVERDUE });
    const overdue = (argv: string[]) =>
      JSON.parse(cli(['-f', 'json', ...argv, 'pm.md'], dir).stdout)[0].messages.filter(
        (m: { ruleId: string }) => m.ruleId === 'action-item-overdue',
      );
    expect(overdue(['--today', '2026-01-05'])).toHaveLength(0);
    expect(overdue(['--today', '2026-02-01'])).toHaveLength(1);
    const bad = cli(['--today', 'yesterday', 'pm.md'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--today: expected an ISO date');
  });
});

/** The bundled CLI in a child process: a hang is a timeout, and (Linux) at most ~1.2 GB of address space. */
function bundled(argv: string[], cwd: string): { code: number | null; stdout: string; stderr: string; error?: Error } {
  const bin = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
  const r = spawnSync('sh', ['-c', 'ulimit -v 1200000 2>/dev/null; exec "$0" "$@"', process.execPath, bin, ...argv], {
    cwd,
    timeout: 20_000,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ...(r.error ? { error: r.error } : {}) };
}

// Config input limits (issue 20): whatever --config names or the lookup finds, the run ends with a located message
// and exit code 2, never a stack trace, a hang or a read of more than the 1 MB bound.
describe('config input limits', () => {
  const STACK = /^\s+at /m;

  it.skipIf(process.platform === 'win32')('--config on a FIFO is refused without waiting for a writer', () => {
    const dir = workspace({ 'pm.md': PM });
    execFileSync('mkfifo', [path.join(dir, 'fifo.json')]);
    const r = bundled(['--config', 'fifo.json', 'pm.md'], dir);
    expect(r.error).toBeUndefined(); // no timeout
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fifo\.json:1:1: cannot read the file: it is a FIFO/);
  });

  it.skipIf(!fs.existsSync('/dev/zero'))('--config /dev/zero is refused before reading', () => {
    const r = bundled(['--config', '/dev/zero', 'pm.md'], workspace({ 'pm.md': PM }));
    expect(r.error).toBeUndefined();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/dev\/zero:1:1: cannot read the file: it is a device/);
  });

  it.skipIf(process.platform === 'win32')('a 1.5 GB (sparse) config is refused by its size, not read', () => {
    const dir = workspace({ 'pm.md': MISSING, 'big.json': '' });
    fs.truncateSync(path.join(dir, 'big.json'), 1.5 * 1024 ** 3);
    const explicit = bundled(['--config', 'big.json', 'pm.md'], dir);
    expect(explicit.error).toBeUndefined();
    expect([explicit.code, explicit.stderr]).toEqual([
      2,
      expect.stringMatching(/big\.json:1:1: cannot read the file: it is larger than 1000000 bytes/),
    ]);
    // found by the lookup: reported, and the files are linted with the defaults
    fs.renameSync(path.join(dir, 'big.json'), path.join(dir, '.postmortemlintrc.json'));
    const found = bundled(['pm.md'], dir);
    expect(found.code).toBe(2);
    expect(found.stderr).toMatch(
      /invalid config \(linting with its valid settings\):\n.*\.postmortemlintrc\.json:1:1: cannot read the file: it is larger/,
    );
    expect(found.stderr).not.toMatch(STACK);
  });

  it('a config saved with a UTF-8 byte-order mark is read', () => {
    const dir = workspace({ 'pm.md': MISSING });
    fs.writeFileSync(path.join(dir, '.postmortemlintrc.json'), '\uFEFF{ "rules": { "required-sections": "error" } }');
    fs.writeFileSync(path.join(dir, 'explicit.json'), '\uFEFF{\n  "rules": { "required-sections": "off" }\n}\n');
    const found = cli(['-f', 'json', 'pm.md'], dir);
    expect([found.code, found.stderr]).toEqual([1, '']); // required-sections is an error, as configured
    expect(cli(['--config', 'explicit.json', 'pm.md'], dir)).toMatchObject({ code: 0, stderr: '' });
  });

  it('deep nesting is a located problem, never a stack overflow', () => {
    const dir = workspace({
      'pm.md': MISSING,
      'objects.json': '{"a":'.repeat(5000),
      'arrays.json': `{"sections": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
    });
    const objects = cli(['--config', 'objects.json', 'pm.md'], dir);
    expect(objects.code).toBe(2);
    expect(objects.stderr).toMatch(/objects\.json:1:501: nested more than 100 levels deep; using defaults/);
    expect(objects.stderr).not.toMatch(STACK);
    const arrays = cli(['--config', 'arrays.json', 'pm.md'], dir);
    expect(arrays.code).toBe(2);
    expect(arrays.stderr).toMatch(/arrays\.json:1:113: nested more than 100 levels deep; using defaults/);
    expect(arrays.stderr).not.toMatch(STACK);
  });
});

describe('ignore files', () => {
  it.skipIf(process.platform === 'win32')('a FIFO named .postmortemlintignore is skipped, not waited on (issue 20)', () => {
    const dir = workspace({ 'postmortems/a.md': MISSING }, ['.git']);
    execFileSync('mkfifo', [path.join(dir, 'postmortems', '.postmortemlintignore')]);
    const r = bundled(['-f', 'json', 'postmortems'], dir);
    expect(r.error).toBeUndefined(); // no timeout
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((f) => f.filePath)).toEqual(['postmortems/a.md']);
  });
});
