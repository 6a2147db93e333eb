// snippets/postmortem.code-snippets: valid JSONC, every body expands, tab stops in reading order ($0 last),
// the full templates satisfy `required-sections` for their profile, and the small snippets produce text the
// engine understands (timeline timestamps, suppression comments).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { parseSnippetFile, postmortemTemplates, templateForProfile, TEMPLATE_PREFIX } from '../../client/src/templates';
import { parseLeadingTimestamp } from '../../server/src/engine/text/datetime';
import { findRule, lint, lintDocument } from '../../server/src/engine/index';
import { dateVariables, expandSnippet, SnippetSyntaxError } from './helpers/snippetExpander';

const snippetPath = resolve(__dirname, '../../snippets/postmortem.code-snippets');
const source = readFileSync(snippetPath, 'utf8');
const snippets = parseSnippetFile(source);
// 2024-03-09 07:05:00 at UTC+02:00, fixed so expansions are reproducible.
const vars = dateVariables(new Date(2024, 2, 9, 7, 5, 0), 120);
const expand = (body: string) => expandSnippet(body, vars);
const byPrefix = (prefix: string) => {
  const s = snippets.find((x) => x.prefixes.includes(prefix));
  if (!s) throw new Error(`no snippet with prefix ${prefix}`);
  return s;
};

describe('snippet expander (test helper)', () => {
  it('expands tab stops, nested placeholders, choices, variables and escapes', () => {
    const e = expandSnippet('a ${1:x ${2:y}} $3 ${4|p,q\\,r|} $CURRENT_YEAR ${CURRENT_MONTH} ${NOPE:dflt} \\$1 \\} $ $0', vars);
    expect(e.text).toBe('a x y  p 2024 03 dflt $1 } $ ');
    expect(e.tabStops.map((t) => [t.index, e.text.slice(t.start, t.end)])).toEqual([
      [1, 'x y'],
      [2, 'y'],
      [3, ''],
      [4, 'p'],
      [0, ''],
    ]);
    expect(e.tabStops[3]!.choices).toEqual(['p', 'q,r']);
  });

  it('rejects what VS Code would mis-insert', () => {
    expect(() => expandSnippet('${1:open', vars)).toThrow(SnippetSyntaxError);
    expect(() => expandSnippet('$UNKNOWN_VARIABLE', vars)).toThrow(/unknown variable/);
    expect(() => expandSnippet('${1/(.*)/$1/}', vars)).toThrow(/transforms/);
    expect(() => expandSnippet('${1|a,,b|}', vars)).toThrow(/empty choice/);
  });

  it('formats the date variables like VS Code', () => {
    expect(vars).toMatchObject({
      CURRENT_YEAR: '2024',
      CURRENT_MONTH: '03',
      CURRENT_DATE: '09',
      CURRENT_HOUR: '07',
      CURRENT_MINUTE: '05',
      CURRENT_TIMEZONE_OFFSET: '+02:00',
    });
    expect(dateVariables(new Date(2024, 0, 1), -330).CURRENT_TIMEZONE_OFFSET).toBe('-05:30');
  });
});

describe('snippets/postmortem.code-snippets', () => {
  it('is valid JSON with comments allowed, an object of snippets with prefix, body and description', () => {
    const errors: ParseError[] = [];
    const json = parse(source, errors, { allowTrailingComma: false });
    expect(errors).toEqual([]);
    expect(typeof json).toBe('object');
    expect(snippets.length).toBeGreaterThanOrEqual(12);
    for (const s of snippets) {
      expect(s.prefixes.length, s.name).toBeGreaterThan(0);
      expect(s.body.trim(), s.name).not.toBe('');
      expect(s.description, s.name).not.toBe('');
    }
    const prefixes = snippets.flatMap((s) => s.prefixes);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const p of [
      'postmortem',
      'postmortem-google',
      'postmortem-pagerduty',
      'tl',
      'timeline-entry',
      'action',
      'factor',
      'went-well',
      'went-poorly',
    ]) {
      expect(prefixes).toContain(p);
    }
  });

  describe.each(snippets.map((s) => [s.name, s] as const))('%s', (_name, snippet) => {
    const e = expand(snippet.body);

    it('expands completely', () => {
      expect(e.text).not.toMatch(/\$(?:\{|[A-Za-z_0-9])/);
    });

    it('has tab stops 1, 2, 3 … in reading order, then $0 last', () => {
      const firstSeen: number[] = [];
      for (const t of [...e.tabStops].sort((a, b) => a.start - b.start || a.end - b.end)) {
        if (!firstSeen.includes(t.index)) firstSeen.push(t.index);
      }
      const numbered = firstSeen.filter((n) => n !== 0);
      expect(numbered).toEqual(numbered.map((_, k) => k + 1));
      const finals = e.tabStops.filter((t) => t.index === 0);
      expect(finals).toHaveLength(1);
      expect(finals[0]!.start).toBe(Math.max(...e.tabStops.map((t) => t.end)));
      expect(firstSeen.at(-1)).toBe(0);
    });
  });
});

describe('full templates', () => {
  const templates = postmortemTemplates(source);

  it('exports one template per built-in profile, read from the snippet file', () => {
    expect(templates.map((t) => t.profile)).toEqual(['standard', 'google-sre', 'pagerduty']);
    for (const t of templates) {
      expect(t.body).toBe(byPrefix(TEMPLATE_PREFIX[t.profile]).body);
      expect(t.isFileTemplate).toBe(true);
    }
    expect(templateForProfile(source, 'custom').profile).toBe('standard');
    expect(templateForProfile(source, 'pagerduty').profile).toBe('pagerduty');
  });

  it.each(templates.map((t) => [t.profile, t] as const))('%s: the first tab stop is the title', (_p, t) => {
    const e = expand(t.body);
    const first = e.tabStops.find((s) => s.index === 1)!;
    const lineStart = e.text.lastIndexOf('\n', first.start) + 1;
    expect(lineStart).toBe(0);
    expect(e.text.slice(0, first.start)).toBe('# ');
    expect(e.text.slice(first.start, first.end)).not.toBe('');
  });

  it.each(templates.map((t) => [t.profile, t] as const))(
    '%s: metadata, timeline entry and action-item row are in the agreed shapes',
    (_p, t) => {
      const text = expand(t.body).text;
      expect(text).toContain('**Date:** 2024-03-09\n');
      expect(text).toMatch(/^\*\*Severity:\*\* SEV-1$/m);
      for (const field of ['Duration', 'Status', 'Authors']) expect(text).toMatch(new RegExp(`^\\*\\*${field}:\\*\\* \\S`, 'm'));
      expect(text).toMatch(/^- HH:MM UTC — \S/m);
      expect(text).toContain('| Action | Owner | Due | Ticket | Status |\n| --- | --- | --- | --- | --- |\n| ');
      expect(text).toMatch(/^\| [^|]+ \| @handle \| YYYY-MM-DD \| OPS-\?\?\? \| Open \|$/m);
    },
  );

  it.each(templates.map((t) => [t.profile, t] as const))('%s: lints with no required-sections finding for its profile', (profile, t) => {
    const text = expand(t.body).text;
    const result = lintDocument(text, { profile });
    expect(result.detection.isPostmortem).toBe(true);
    expect(result.ruleErrors).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'required-sections').map((f) => f.message)).toEqual([]);
  });

  it.each(templates.map((t) => [t.profile, t] as const))('%s: the prompts themselves raise no blameless-language finding', (profile, t) => {
    const text = expand(t.body).text;
    const languageOf = (doc: string) =>
      lint(doc, { profile }, { force: true }).filter((f) => findRule(f.ruleId)?.meta.category === 'language');
    expect(languageOf(text).map((f) => `${f.ruleId}: ${text.slice(f.start, f.end)}`)).toEqual([]);
    // Control: the same document with one blameful, hindsight-laden sentence is flagged.
    const blamed = text.replace('## Impact', 'Bob should have noticed the alert, but he carelessly ignored it.\n\n## Impact');
    expect(languageOf(blamed).length).toBeGreaterThan(0);
  });

  it('the required-sections check can fail: another profile, or a deleted section, is reported', () => {
    const standard = expand(templates[0]!.body).text;
    const asGoogle = lint(standard, { profile: 'google-sre' }, { force: true }).filter((f) => f.ruleId === 'required-sections');
    expect(asGoogle.map((f) => f.data?.section)).toEqual(expect.arrayContaining(['Trigger', 'Detection']));
    const withoutTimeline = standard.replace(/## Timeline\n\n- HH:MM UTC — [^\n]*\n\n/, '');
    expect(withoutTimeline).not.toBe(standard);
    const missing = lint(withoutTimeline, { profile: 'standard' }, { force: true }).filter((f) => f.ruleId === 'required-sections');
    expect(missing.map((f) => f.data?.section)).toEqual(['Timeline']);
  });
});

describe('small snippets', () => {
  it('tl / timeline-entry stamps the current local time with its UTC offset, parsed by the engine', () => {
    const text = expand(byPrefix('tl').body).text;
    expect(text).toBe('- 07:05 UTC+02:00 — What happened');
    const ts = parseLeadingTimestamp(text.slice(2));
    expect(ts?.time).toMatchObject({ hour: 7, minute: 5 });
    expect(ts?.zone?.replace(/\s/g, '')).toMatch(/^UTC\+2(?::00)?$/);
  });

  it('action is a table row with an owner and a due date', () => {
    const text = expand(byPrefix('action').body).text;
    expect(text.split('|').map((c) => c.trim())).toEqual([
      '',
      'What changes in the system, and what done looks like',
      '@handle',
      'YYYY-MM-DD',
      'OPS-???',
      'Open',
      '',
    ]);
  });

  it('factor, went-well and went-poorly are list items', () => {
    for (const p of ['factor', 'went-well', 'went-poorly']) expect(expand(byPrefix(p).body).text).toMatch(/^- \S/);
  });

  it('the suppression comments are the ones the engine honours', () => {
    const base = '# Postmortem: cache outage\n\n## Summary\n\nThe cache went down.\n';
    const before = lint(base, { profile: 'standard' }, { force: true }).filter((f) => f.ruleId === 'required-sections');
    expect(before.length).toBeGreaterThan(0);
    const disableFile = expand(byPrefix('postmortem-lint-disable-file').body).text.replace('rule-id', 'required-sections');
    expect(disableFile).toBe('<!-- postmortem-lint-disable-file required-sections -->');
    const after = lint(`${disableFile}\n${base}`, { profile: 'standard' }, { force: true }).filter((f) => f.ruleId === 'required-sections');
    expect(after).toEqual([]);

    for (const [prefix, directive] of [
      ['postmortem-lint-disable', 'disable'],
      ['postmortem-lint-enable', 'enable'],
      ['postmortem-lint-disable-next-line', 'disable-next-line'],
    ] as const) {
      expect(expand(byPrefix(prefix).body).text).toBe(`<!-- postmortem-lint-${directive} rule-id -->`);
    }
    const mark = expand(byPrefix('postmortem-lint-mark').body).text;
    expect(mark).toBe('<!-- postmortem-lint enable -->');
    const plain = 'Notes from the planning meeting.\n\nWe agreed on the roadmap.\n';
    expect(lintDocument(plain).detection.isPostmortem).toBe(false);
    expect(lintDocument(`${mark}\n${plain}`).detection.isPostmortem).toBe(true);
  });
});
