// Template rules: template-placeholder, empty-section, metadata, and the profile/order side of required-sections.
// Per-line expectations live in test/fixtures/template/*.md (run by fixtures.test.ts); this file covers value
// parsing, exact spans (CRLF, emoji), the snippet templates as the rules see them, and the real corpus.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, lint } from '../../server/src/engine/index';
import { readSeverity, readableDate, readableDuration } from '../../server/src/engine/rules/metadata';
import { findPlaceholders } from '../../server/src/engine/analysis/placeholders';
import type { Finding } from '../../server/src/engine/types';
import { postmortemTemplates } from '../../client/src/templates';
import { dateVariables, expandSnippet } from './helpers/snippetExpander';

const MINE = ['template-placeholder', 'empty-section', 'metadata', 'required-sections'];
const run = (text: string, config: Record<string, unknown> = {}, rules = MINE): Finding[] =>
  lint(text, { today: '2026-01-15', ...config }, { force: true }).filter((f) => rules.includes(f.ruleId));
const snippetFile = readFileSync(join(__dirname, '../../snippets/postmortem.code-snippets'), 'utf8');
import { CORPUS_DIR as CORPUS } from './helpers/files';

describe('metadata values a reader can make sense of', () => {
  it('dates: ISO, month names, ranges, DD/MM, YYYY-Mon-D, and honest unknowns', () => {
    for (const v of ['2022-04-20', 'January 14-19, 2026', '05/03/2024', '2024-Mar-05', 'Start: Wednesday, 2018-08-22 End: Thursday, 2018-08-23', 'Sept. 18th, 2017', 'N/A', 'unknown']) {
      expect(readableDate(v), v).toBe(true);
    }
    for (const v of ['last Tuesday', 'soon', 'the day of the launch']) expect(readableDate(v), v).toBe(false);
  });
  it('durations: units, ~, ranges of times, words, unknowns', () => {
    for (const v of ['0h 12m', '~2h', '279 minutes', '1.5 hours', '1:30', '22:30 UTC on October 29 to 05:39 UTC on October 30 (7 hours 9 minutes)', 'about five hours', 'a few minutes', 'N/A', '?', 'ongoing']) {
      expect(readableDuration(v), v).toBe(true);
    }
    for (const v of ['a while', 'long', 'most of the day?!']) expect(readableDuration(v), v).toBe(false);
  });
  it('severities: SEV-0..5, P0..P4, words; out-of-range scale values are unreadable', () => {
    for (const v of ['SEV-1', 'SEV0', 'Sev 2', 'P0', 'P4', 'Critical', 'Major (High Impact, Service Degradation)', 'minor', '3', 'N/A']) {
      expect(readSeverity(v).readable, v).toBe(true);
    }
    expect(readSeverity('SEV-9')).toEqual({ readable: false, outOfRange: 'SEV-9' });
    expect(readSeverity('P7')).toEqual({ readable: false, outOfRange: 'P7' });
    expect(readSeverity('bad').readable).toBe(false);
  });
  it('reports one finding for every missing field, at the header block, and none when the title carries the date', () => {
    const f = run('# Outage\n\n**Status:** Resolved\n\n## Summary\n\nIt broke.\n', {}, ['metadata']);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('info');
    expect(f[0]!.data).toEqual({ missing: ['date', 'duration', 'severity'] });
    expect(f[0]!.start).toBe('# Outage\n\n'.length);
    const titled = run('# 2018-04-18, Culler flood\n\n**Duration:** 30m\n**Severity:** Minor\n\n## Summary\n\nIt broke.\n', {}, ['metadata']);
    expect(titled).toEqual([]);
  });
  it('leaves placeholder values to template-placeholder (one problem, one finding)', () => {
    const f = run('# Outage\n\n**Date:** YYYY-MM-DD\n**Duration:** TBD\n**Severity:** SEV-N\n\n## Summary\n\nIt broke.\n', {}, ['metadata', 'template-placeholder']);
    expect(f.map((x) => x.ruleId)).toEqual(['template-placeholder', 'template-placeholder', 'template-placeholder']);
  });
});

describe('template-placeholder spans', () => {
  it('points at the exact text, with CRLF line breaks and emoji before it', () => {
    const text = '# 🔥 [Title]\r\n\r\n**Date:** YYYY-MM-DD\r\n\r\n## Timeline\r\n\r\n- 🚨 HH:MM — alert, owner @name, took Xm, SEV-N, <add name here>, {{ service }}, OPS-???\r\n';
    const raw = run(text, {}, ['template-placeholder']).map((f) => text.slice(f.start, f.end));
    expect(raw).toEqual(['[Title]', 'YYYY-MM-DD', 'HH:MM', '@name', 'Xm', 'SEV-N', '<add name here>', '{{ service }}', 'OPS-???']);
  });
  it('classifies each placeholder', () => {
    const kinds = findPlaceholders(buildModel('# Outage\n\nBy @handle on dd/mm/yyyy at hh:mm for Xh Ym.\n\n**Status:** TODO\n')).map((p) => p.kind);
    expect(kinds).toEqual(['handle', 'date', 'time', 'duration', 'metadata']);
  });
  it('ignores code, comments, link destinations, defined references, <details>/<summary> and real values', () => {
    const text = [
      '# Outage',
      '',
      'See `YYYY-MM-DD` and [the log](https://x.example/HH:MM/YYYY-MM-DD) and [Title].',
      '',
      '<!-- HH:MM UTC — event -->',
      '<details><summary>Log</summary>',
      '',
      '```',
      'SEV-N @name Xm',
      '```',
      '',
      '</details>',
      '',
      'SEV-2 and P1 paged @named-owner about OPS-123 after 10m; TODO: k-dev email.',
      '',
      '[Title]: https://x.example/t',
      '',
    ].join('\n');
    expect(run(text, {}, ['template-placeholder'])).toEqual([]);
  });
  it('flags all-caps template words in a mixed-case heading, not an all-caps heading style', () => {
    expect(run('# Outage on DATE\n\nText.\n', {}, ['template-placeholder']).map((f) => f.data?.placeholder)).toEqual(['DATE']);
    expect(run('# Outage\n\n## DATE\n\n2024-01-01\n', {}, ['template-placeholder'])).toEqual([]);
  });
  it('flags "What happened" only right after a timeline stamp, not as prose', () => {
    expect(run('# X\n\n## Timeline\n\n- 14:02 UTC+02:00 — What happened\n', {}, ['template-placeholder'])).toHaveLength(1);
    expect(run('# X\n\n## Timeline\n\n> lol\n> what happened?\n\nWe asked what happened to the queue.\n', {}, ['template-placeholder'])).toEqual([]);
  });
});

describe('empty-section', () => {
  it('is a warning on the heading; a section with real text, a table or code is not empty', () => {
    const f = run('# X\n\n## Impact\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| 14:00 | Alert |\n\n## Appendix\n\n```\nlog\n```\n', {}, ['empty-section']);
    expect(f.map((x) => [x.severity, x.data?.section])).toEqual([['warning', 'Impact']]);
  });
  it('sees through CRLF and a prompt comment', () => {
    const text = '# X\r\n\r\n## Summary\r\n\r\n<!-- What happened? -->\r\n\r\n## Impact\r\n\r\nUsers saw errors.\r\n';
    const f = run(text, {}, ['empty-section']);
    expect(f.map((x) => text.slice(x.start, x.end))).toEqual(['## Summary']);
  });
});

describe('the snippet templates, as the rules see them', () => {
  const vars = dateVariables(new Date(2026, 0, 15, 9, 30));
  for (const t of postmortemTemplates(snippetFile)) {
    const expansion = expandSnippet(t.body, vars);
    const config = { profile: t.profile };
    it(`${t.profile}: every field left at its default is flagged; nothing else is`, () => {
      const findings = run(expansion.text, config, ['template-placeholder']);
      const covered = (s: { start: number; end: number }) => findings.some((f) => f.start < s.end && s.start < f.end);
      for (const stop of expansion.tabStops) {
        if (stop.kind !== 'placeholder' || stop.end === stop.start) continue;
        const value = expansion.text.slice(stop.start, stop.end);
        expect(covered(stop), `default "${value}" of $${stop.index}`).toBe(true);
      }
      for (const f of findings) expect(expansion.tabStops.some((s) => s.start <= f.start && f.end <= s.end), expansion.text.slice(f.start, f.end)).toBe(true);
    });
    it(`${t.profile}: required-sections and metadata are satisfied; filled in, nothing is flagged`, () => {
      expect(run(expansion.text, config, ['required-sections', 'metadata'])).toEqual([]);
      // Fill every placeholder with a sentence of fact, from the end so offsets stay valid.
      let filled = expansion.text;
      const stops = expansion.tabStops.filter((s) => s.kind === 'placeholder' && s.end > s.start).sort((a, b) => b.start - a.start);
      for (const s of stops) filled = filled.slice(0, s.start) + `Observed fact ${s.index} about the checkout service` + filled.slice(s.end);
      expect(run(filled, config, ['template-placeholder', 'empty-section'])).toEqual([]);
      // Left at the defaults, the sections holding only template text are reported as empty.
      expect(run(expansion.text, config, ['empty-section']).length).toBeGreaterThan(3);
    });
  }
});

describe('required-sections fix', () => {
  it('leaves a blank line after a last line ending in \\r\\n, so an open HTML block cannot swallow the heading (found by fuzzing)', () => {
    const text = '---\ntitle: Outage\npostmortem: true\n---\n| Action | Owner |\n| --- | --- |\n| x | @ana |\n\n<details><summary>x\r\n';
    const fix = lint(text, { rules: { 'required-sections': 'warning' } }, { force: true }).find((f) => f.message.startsWith('Missing section "Timeline"'))!.fix!;
    const edit = fix.edits[0]!;
    const fixed = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    expect(fixed).toContain('<summary>x\r\n\n## Timeline');
    expect(lint(fixed, { rules: { 'required-sections': 'warning' } }, { force: true }).some((f) => f.message.startsWith('Missing section "Timeline"'))).toBe(false);
  });
});

describe('required-sections order', () => {
  it('reports only the sections outside the longest in-order run, naming where they belong', () => {
    const text = '# X\n\n## Action Items\n\n- a\n\n## Timeline\n\n- 14:00 UTC — a\n\n## Contributing Factors\n\n- c\n\n## What Went Well\n\n- w\n\n## What Went Poorly\n\n- p\n';
    expect(run(text, {}, ['required-sections'])).toEqual([]);
    const f = run(text, { rules: { 'required-sections': ['info', { ordered: true }] } }, ['required-sections']);
    expect(f.map((x) => x.message)).toEqual(['Section "Action Items" is out of order: the standard profile puts it after "What Went Poorly".']);
  });
});

describe('required-sections fix safety', () => {
  it('offers no insert fix when the document ends inside an unclosed fence or comment', () => {
    for (const text of ['# X\n\n```js\nthe', '# X\n\n~~~~\nx\n~~~', '# X\n\n<!-- open']) {
      const f = run(text, {}, ['required-sections']);
      expect(f.length, text).toBe(5);
      expect(f.filter((x) => x.fix), text).toEqual([]);
    }
    expect(run('# X\n\n```js\nthe\n```', {}, ['required-sections']).filter((x) => x.fix)).toHaveLength(5);
  });
});

describe('corpus: the template rules stay quiet unless a reviewer would agree', () => {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.md') && f !== 'README.md');
  const all = files.map((f) => {
    const text = readFileSync(join(CORPUS, f), 'utf8');
    const findings = run(text, {}, ['template-placeholder', 'empty-section', 'metadata']);
    return { f, text, findings };
  });
  it('flags exactly the leftover template text and the one empty heading', () => {
    const warnings = all.flatMap(({ f, text, findings }) =>
      findings.filter((x) => x.ruleId !== 'metadata').map((x) => `${f.slice(0, 2)}:${text.slice(0, x.start).split('\n').length} ${x.ruleId} ${text.slice(x.start, x.end)}`),
    );
    expect(warnings).toEqual([
      '40:72 template-placeholder List of things that went well. For example,',
      '40:88 template-placeholder These are only sample subheadings.',
      '49:71 empty-section ## Supporting information',
    ]);
  });
  it('metadata is info only, at most one "missing" finding per document, and reads every value the corpus has', () => {
    for (const { f, findings } of all) {
      const meta = findings.filter((x) => x.ruleId === 'metadata');
      expect(meta.every((x) => x.severity === 'info'), f).toBe(true);
      expect(meta.filter((x) => x.data?.missing).length, f).toBeLessThanOrEqual(1);
      expect(meta.filter((x) => !x.data?.missing), f).toEqual([]); // no "cannot be read" on real values
    }
    // dates come from fields, headings-as-keys, tables and titles: only documents with none of those lack one
    const noDate = all.filter(({ findings }) => findings.some((x) => (x.data?.missing as string[] | undefined)?.includes('date'))).map(({ f }) => f.slice(0, 2));
    expect(noDate).toEqual(['01', '02', '03', '04', '05', '06', '48', '60']);
  });
});
