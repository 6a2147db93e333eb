// The CI report formats, each validated against its published format: SARIF 2.1.0 (with fixes[]), reviewdog rdjson
// (with suggestions), GitLab code quality (JSON schemas in test/schemas/, validated with ajv), and JUnit XML (read by
// a strict XML reader and checked against the structure of the common JUnit XSD: no XML parser is a dependency).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../server/src/engine/index';
import { CLEAN_POSTMORTEM, cli, workspace } from './helpers/cli';
import { parseXml, type XmlElement } from './helpers/xml';

const SCHEMAS = path.join(__dirname, '..', 'schemas');

function validator(file: string) {
  // strict (unknown keywords and formats are errors), but `required` may name properties declared beside an anyOf
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s) && URL.canParse(s, 'file:///'));
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8')) as object);
}

function expectValid(file: string, data: unknown): void {
  const validate = validator(file);
  const ok = validate(data);
  expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
}

// Sloppy on purpose: missing sections (a safe fix each), a counterfactual and a person-targeted action item
// (rewrites), a non-ASCII word before a finding (rdjson columns count UTF-8 bytes), quotes and '<' '&' for XML.
const SLOPPY = `# Café outage <prod> & "friends"

**Date:** 2026-01-02

## Timeline

- 10:00 UTC alert fires

## Contributing Factors

Déjà vu: the engineer should have tested the change in staging.

## Action Items

- [ ] Be more careful
`;
const CLEAN = CLEAN_POSTMORTEM;

function run(format: string) {
  const dir = workspace({ 'pm/sloppy.md': SLOPPY, 'pm/clean.md': CLEAN });
  const r = cli(['--format', format, 'pm/sloppy.md', 'pm/clean.md'], dir);
  const json = cli(['--format', 'json', 'pm/sloppy.md'], dir);
  const findings = (
    JSON.parse(json.stdout) as { messages: { ruleId: string; line: number; fix?: unknown; suggestions?: unknown[] }[] }[]
  )[0]!.messages;
  return { ...r, dir, findings };
}

describe('sarif', () => {
  it('validates against the SARIF 2.1.0 schema; safe fixes travel as fixes[] whose replacements fix the file', () => {
    const { stdout, findings } = run('sarif');
    const log = JSON.parse(stdout);
    expectValid('sarif-2.1.0.schema.json', log);
    const results = log.runs[0].results as { ruleId: string; fixes?: { artifactChanges: { replacements: unknown[] }[] }[] }[];
    expect(results).toHaveLength(findings.length);
    const withFix = results.filter((r) => r.fixes);
    expect(withFix.length).toBe(findings.filter((f) => f.fix).length);
    expect(withFix.length).toBeGreaterThan(0);
    expect(withFix.map((r) => r.ruleId)).toContain('required-sections');
    // a replacement's region (1-based, UTF-16 columns, end-exclusive) and content reproduce the engine's edit
    const lines = SLOPPY.split('\n');
    const offset = (line: number, col: number) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + col - 1;
    type Rep = {
      deletedRegion: { startLine: number; startColumn: number; endLine: number; endColumn: number };
      insertedContent?: { text: string };
    };
    const first = withFix.find((r) => r.ruleId === 'required-sections')!.fixes![0]!.artifactChanges[0]!.replacements as Rep[];
    const { text: fixed } = applyEdits(
      SLOPPY,
      first.map((rep) => ({
        start: offset(rep.deletedRegion.startLine, rep.deletedRegion.startColumn),
        end: offset(rep.deletedRegion.endLine, rep.deletedRegion.endColumn),
        text: rep.insertedContent?.text ?? '',
      })),
    );
    expect(fixed).not.toBe(SLOPPY);
    expect(fixed).toMatch(/\n## [A-Z][\w ]+\n/);
    // the schema is not a rubber stamp
    expect(
      validator('sarif-2.1.0.schema.json')({
        ...log,
        runs: [{ ...log.runs[0], results: [{ ...results[0], fixes: [{ artifactChanges: [] }] }] }],
      }),
    ).toBe(false);
  });
});

describe('rdjson', () => {
  it("validates against reviewdog's rdjson schema; fixes and rewrites are suggestions; columns count UTF-8 bytes", () => {
    const { stdout, findings } = run('rdjson');
    const result = JSON.parse(stdout);
    expectValid('rdjson.schema.json', result);
    type Pos = { line: number; column: number };
    type Diag = {
      message: string;
      location: { path: string; range: { start: Pos; end: Pos } };
      severity: string;
      code: { value: string };
      suggestions?: { range: { start: Pos; end: Pos }; text: string }[];
    };
    const diags = result.diagnostics as Diag[];
    expect(diags).toHaveLength(findings.length);
    expect(new Set(diags.map((d) => d.location.path))).toEqual(new Set(['pm/sloppy.md']));
    const withEdits = findings.filter((f) => f.fix || f.suggestions?.length).length;
    expect(diags.filter((d) => d.suggestions?.length)).toHaveLength(withEdits);
    // the counterfactual on "Déjà vu: the engineer should…": its column counts é and à as two bytes each
    const cf = diags.find((d) => d.code.value === 'counterfactual')!;
    expect(cf.severity).toBe('WARNING');
    const line = SLOPPY.split('\n')[cf.location.range.start.line - 1]!;
    const start = Buffer.from(line, 'utf8')
      .subarray(cf.location.range.start.column - 1)
      .toString('utf8');
    expect(line.startsWith('Déjà vu')).toBe(true);
    expect(start.length).toBeLessThan(line.length);
    expect(line.endsWith(start)).toBe(true);
    expect(cf.suggestions?.length).toBeGreaterThan(0);
    expect(validator('rdjson.schema.json')({ diagnostics: [{ message: 'x' }] })).toBe(false);
  });
});

describe('codequality', () => {
  it("validates against GitLab's documented format; fingerprints are unique and survive lines moving", () => {
    const { stdout, dir, findings } = run('codequality');
    const issues = JSON.parse(stdout) as {
      fingerprint: string;
      check_name: string;
      severity: string;
      location: { path: string; lines: { begin: number } };
    }[];
    expectValid('gitlab-codequality.schema.json', issues);
    expect(issues).toHaveLength(findings.length);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues.find((i) => i.check_name === 'counterfactual')!.severity).toBe('minor');
    // the same postmortem with a line added at the top: the same fingerprints, later lines
    fs.writeFileSync(path.join(dir, 'pm/sloppy.md'), `<!-- moved -->\n${SLOPPY}`);
    const again = JSON.parse(cli(['--format', 'codequality', 'pm/sloppy.md'], dir).stdout) as typeof issues;
    const cfBefore = issues.find((i) => i.check_name === 'counterfactual')!;
    const cfAfter = again.find((i) => i.check_name === 'counterfactual')!;
    expect(cfAfter.fingerprint).toBe(cfBefore.fingerprint);
    expect(cfAfter.location.lines.begin).toBe(cfBefore.location.lines.begin + 1);
    expect(validator('gitlab-codequality.schema.json')([{ ...issues[0], severity: 'warning' }])).toBe(false);
  });
});

describe('junit', () => {
  it('is well-formed XML shaped as the JUnit XSD: a testsuite per file, a failing testcase per finding', () => {
    const { stdout, findings } = run('junit');
    expect(stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const root = parseXml(stdout);
    const only = (el: XmlElement, allowed: string[]) => expect(Object.keys(el.attributes).filter((a) => !allowed.includes(a))).toEqual([]);
    expect(root.name).toBe('testsuites');
    only(root, ['name', 'tests', 'failures', 'errors', 'time', 'disabled']);
    expect(root.children.map((c) => c.name)).toEqual(['testsuite', 'testsuite']);
    const [clean, sloppy] = root.children as [XmlElement, XmlElement];
    for (const suite of [sloppy, clean]) {
      only(suite, ['name', 'tests', 'failures', 'errors', 'skipped', 'time', 'timestamp', 'hostname', 'id', 'package', 'disabled']);
      expect(Number(suite.attributes.tests)).toBe(suite.children.length);
      expect(Number(suite.attributes.failures)).toBe(suite.children.filter((t) => t.children.some((c) => c.name === 'failure')).length);
      for (const tc of suite.children) {
        expect(tc.name).toBe('testcase');
        expect(typeof tc.attributes.name).toBe('string');
        expect(typeof tc.attributes.classname).toBe('string');
        only(tc, ['name', 'classname', 'time', 'assertions', 'status']);
        for (const f of tc.children) {
          expect(f.name).toBe('failure');
          only(f, ['message', 'type']);
          expect(f.attributes.message).toBeTruthy();
        }
      }
    }
    expect(sloppy.attributes.name).toBe('pm/sloppy.md');
    expect(Number(sloppy.attributes.failures)).toBe(findings.length);
    expect([clean.attributes.name, clean.attributes.tests, clean.attributes.failures]).toEqual(['pm/clean.md', '1', '0']);
    expect(Number(root.attributes.tests)).toBe(findings.length + 1);
    // messages survive escaping: quotes, '<', '&'
    const messages = sloppy.children.map((t) => t.children[0]!.attributes.message);
    expect(messages).toContain('Missing section "What Went Well" (standard profile).');
  });

  it('the XML reader rejects what is not well-formed', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a x="1 & 2"/>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
  });
});
