// Engine foundation: suppression comments, edits, detection, config, sections, prose masking, metadata.
import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  applyFixes,
  buildModel,
  lint,
  lintDocument,
  resolveConfig,
  validateConfig,
  allRules,
} from '../../server/src/engine/index';
import { detectPostmortem } from '../../server/src/engine/analysis/detect';
import { classifyHeading, normalizeHeading } from '../../server/src/engine/model/sections';
import type { Rule } from '../../server/src/engine/types';

/** A test rule: reports every occurrence of "BAD", with a fix replacing it by "good". */
const badWord: Rule = {
  meta: { id: 'bad-word', description: 'test', category: 'language', defaultSeverity: 'warning', fixable: true },
  check(ctx) {
    for (const m of ctx.text.matchAll(/BAD/g)) {
      ctx.report({
        start: m.index!,
        end: m.index! + 3,
        message: 'bad',
        fix: { title: 'fix', edits: [{ start: m.index!, end: m.index! + 3, text: 'good' }] },
      });
    }
  },
};
const lines = (text: string, rules: Rule[] = [badWord]) =>
  lint(text, {}, { force: true, rules }).map((f) => text.slice(0, f.start).split(/\r\n|\n|\r/).length);

describe('suppression comments', () => {
  it('disable-line, disable-next-line, disable/enable ranges and disable-file', () => {
    const text = [
      'BAD one', // 1
      'BAD two <!-- postmortem-lint-disable-line bad-word -->', // 2 suppressed
      '<!-- postmortem-lint-disable-next-line bad-word -->', // 3
      'BAD four', // 4 suppressed
      '<!-- postmortem-lint-disable bad-word -->', // 5
      'BAD six', // 6 suppressed
      '<!-- postmortem-lint-enable bad-word -->', // 7
      'BAD eight', // 8
      'BAD nine <!-- postmortem-lint-disable-line other-rule -->', // 9 (another rule: not suppressed)
      'BAD ten <!-- postmortem-lint-disable-line -->', // 10 (no id: every rule)
    ].join('\n');
    expect(lines(text)).toEqual([1, 8, 9]);
  });

  it('disable-file with and without ids; comments inside code are ignored', () => {
    expect(lines('BAD\n\n<!-- postmortem-lint-disable-file bad-word -->\n')).toEqual([]);
    expect(lines('BAD\n\n<!-- postmortem-lint-disable-file -->\n')).toEqual([]);
    expect(lines('BAD\n\n```\n<!-- postmortem-lint-disable-file -->\n```\n')).toEqual([1]);
  });

  it('works with CRLF and lone CR line breaks', () => {
    expect(lines('BAD\r\nBAD <!-- postmortem-lint-disable-line -->\r\nBAD')).toEqual([1, 3]);
    expect(lines('BAD\rBAD <!-- postmortem-lint-disable-line -->\rBAD')).toEqual([1, 3]);
  });
});

describe('edits and fixes', () => {
  it('applies non-overlapping edits, keeps same-point inserts in order, skips overlaps deterministically', () => {
    const r = applyEdits('abcdef', [
      { start: 4, end: 4, text: 'Y' },
      { start: 1, end: 3, text: 'X' },
      { start: 2, end: 5, text: 'Z' }, // overlaps 1-3: skipped
      { start: 4, end: 4, text: 'W' },
    ]);
    expect(r.text).toBe('aXdYWef');
    expect(r.skipped).toEqual([{ start: 2, end: 5, text: 'Z' }]);
  });

  it('applyFixes applies every safe fix and never a suggestion', () => {
    const findings = lint('BAD and BAD', {}, { force: true, rules: [badWord] });
    findings[0]!.suggestions = [{ title: 's', edits: [{ start: 0, end: 11, text: 'gone' }] }];
    expect(applyFixes('BAD and BAD', findings)).toBe('good and good');
  });

  it('a fix overlapping an earlier fix is skipped whole, and no text is lost', () => {
    const text = '0123456789';
    const mk = (edits: { start: number; end: number; text: string }[]) => ({
      ruleId: 'x',
      severity: 'info' as const,
      message: '',
      docsUrl: '',
      start: 0,
      end: 0,
      fix: { title: '', edits },
    });
    const out = applyFixes(text, [
      mk([{ start: 2, end: 4, text: 'A' }]),
      mk([
        { start: 3, end: 6, text: 'B' },
        { start: 8, end: 9, text: 'C' },
      ]),
    ]);
    expect(out).toBe('01A456789');
  });
});

describe('postmortem detection', () => {
  const detect = (text: string, opts = {}) => detectPostmortem(buildModel(text), opts).isPostmortem;
  it('ordinary READMEs get nothing', () => {
    const readme = '# my-lib\n\n## Installation\n\nnpm i my-lib\n\n## Usage\n\nCall it.\n\n## License\n\nMIT\n';
    expect(detect(readme)).toBe(false);
    expect(lint(readme)).toEqual([]);
  });
  it('content: a Timeline or Action Items section plus another canonical section', () => {
    expect(detect('# x\n\n## Timeline\n\n- 10:00 a\n\n## Root Cause\n\nb\n')).toBe(true);
    expect(detect('# x\n\n## Timeline\n\n- 10:00 a\n')).toBe(false);
    expect(detect('# x\n\n**Action items:**\n\n- a\n\n## Impact\n\nb\n')).toBe(true);
  });
  it('explicit comment, front matter, path globs and forcing', () => {
    expect(detect('<!-- postmortem-lint enable -->\n# Notes\n')).toBe(true);
    expect(detect('---\ntype: postmortem\n---\n# Notes\n')).toBe(true);
    expect(detect('---\ntags: [incident, db]\n---\n# Notes\n')).toBe(true);
    expect(detect('# Notes\n', { pathMatched: true })).toBe(true);
    expect(detect('# Notes\n', { forced: true })).toBe(true);
    expect(detect('<!-- postmortem-lint disable -->\n# x\n\n## Timeline\n\n## Impact\n', { pathMatched: true })).toBe(false);
  });
});

describe('config', () => {
  it('reports wrong types and unknown rules, and keeps the valid part', () => {
    const { config, problems } = validateConfig(
      {
        rules: { 'required-sections': 'warning', 'no-such-rule': 'error', 'bad-sev': 'loud' },
        profile: 'nope',
        today: 'tomorrow',
        extra: 1,
      },
      allRules,
    );
    expect(config.rules).toEqual({ 'required-sections': ['warning', {}] });
    expect(problems.map((p) => p.path).sort()).toEqual(['extra', 'profile', 'rules.bad-sev', 'rules.no-such-rule', 'today']);
  });
  it('validates rule settings: tuples with options, bad options', () => {
    const { config, problems } = validateConfig({ rules: { 'required-sections': ['error', { profile: 'pagerduty' }] } }, allRules);
    expect(problems).toEqual([]);
    expect(config.rules!['required-sections']).toEqual(['error', { profile: 'pagerduty' }]);
    expect(validateConfig({ rules: { 'required-sections': ['error', 3] } }, allRules).problems[0]!.message).toMatch(
      /options must be an object/,
    );
    expect(validateConfig([1, 2], allRules).problems[0]!.message).toMatch(/JSON object/);
  });
  it('later layers win; a bare severity keeps earlier options', () => {
    const r = resolveConfig(
      [{ rules: { 'required-sections': ['warning', { profile: 'google-sre' }] } }, { rules: { 'required-sections': 'error' } }],
      allRules,
    );
    expect(r.rules['required-sections']).toEqual({ severity: 'error', options: { profile: 'google-sre' } });
    expect(resolveConfig([{ rules: { 'required-sections': 'off' } }], allRules).rules['required-sections']!.severity).toBe('off');
  });
  it('turning a rule off removes its findings; severity overrides apply', () => {
    const doc = '# x\n\n## Timeline\n\n- 10:00 a\n\n## Impact\n\nb\n';
    expect(lint(doc, { rules: { 'required-sections': 'off' } }).filter((f) => f.ruleId === 'required-sections')).toEqual([]);
    expect(
      lint(doc, { rules: { 'required-sections': 'error' } })
        .filter((f) => f.ruleId === 'required-sections')
        .every((f) => f.severity === 'error'),
    ).toBe(true);
  });
});

describe('sections', () => {
  it('normalises headings and maps synonyms', () => {
    expect(normalizeHeading('**Timeline (times in BST)**:')).toBe('timeline');
    expect(classifyHeading("What didn't go so well?").kind).toBe('what-went-poorly');
    expect(classifyHeading('How are we preventing it from happening again?').kind).toBe('action-items');
    expect(classifyHeading('Reflections on external collaboration').kind).toBe('lessons-learned');
    expect(classifyHeading('Apendix')).toMatchObject({ kind: 'other', role: 'appendix' });
    expect(classifyHeading('Where we got lucky')).toMatchObject({ kind: 'other', role: 'where-we-got-lucky' });
  });
  it('day and time headings at the timeline level stay inside the timeline', () => {
    const m = buildModel('# T\n\n## Timeline\n\n## May 12\n\n### 08:52 PM\n\nx\n\n## 15 May\n\ny\n\n## Action Items\n\n- z\n');
    expect(m.sections.map((s) => s.kind)).toEqual(['timeline', 'action-items']);
    expect(m.sections[0]!.span.end).toBe(m.sections[1]!.span.start);
    expect(m.title?.value).toBe('T');
  });
  it('bold pseudo-headings and a plain "Action Items" line are sections; bold key/value lines are not', () => {
    const m = buildModel('**Timeline:**\n\n- 10:00 a\n\n**Code review gaps**: none\n\nAction Items\n\n- b\n');
    expect(m.sections.map((s) => [s.kind, s.pseudo])).toEqual([
      ['timeline', true],
      ['action-items', true],
    ]);
  });
});

describe('prose', () => {
  it('masks inline code, link URLs, HTML and emphasis markers while keeping offsets', () => {
    const text = 'The `engineer forgot` step, see [the docs](https://x.example/forgot) and <b>**bold**</b>.';
    const m = buildModel(text);
    const block = m.prose[0]!;
    expect(block.text.length).toBe(block.end - block.start);
    expect(block.text).not.toMatch(/forgot/);
    expect(block.text).toContain('the docs');
    expect(block.text).toContain('bold');
    expect(block.text).not.toMatch(/[*`<]/);
    expect(text.slice(block.start + block.text.indexOf('the docs'), block.start + block.text.indexOf('the docs') + 8)).toBe('the docs');
  });
  it('code blocks, front matter and HTML blocks are excluded; blockquotes are marked', () => {
    const m = buildModel('---\ntitle: x\n---\n\n```\nhuman error\n```\n\n<div>human error</div>\n\n> we blamed Bob\n');
    expect(m.prose.map((p) => p.context)).toEqual(['blockquote']);
    expect(m.excluded.length).toBe(3);
  });
});

describe('metadata', () => {
  it('reads **Key:** lines with exact value ranges', () => {
    const text = '# Outage\n\n**Date:** 2026-01-14  \n**Severity:** SEV-2\n**Duration:** 2h 10m\n\n## Summary\n\nx\n';
    const m = buildModel(text);
    expect(Object.fromEntries(Object.entries(m.metadata.fields).map(([k, v]) => [k, text.slice(v.start, v.end)]))).toEqual({
      date: '2026-01-14',
      severity: 'SEV-2',
      duration: '2h 10m',
    });
  });
  it('reads YAML and TOML front matter; a broken front matter is reported, not thrown', () => {
    expect(buildModel('---\ntitle: Outage\ndate: 2026-01-14\n---\n').metadata.fields.date?.value).toBe('2026-01-14');
    expect(buildModel('+++\ntitle = "Outage"\n+++\n').metadata.fields.title?.value).toBe('Outage');
    expect(buildModel('---\ntitle: [unclosed\n---\n').frontMatter?.error).toBeTruthy();
  });
});

describe('size guard', () => {
  it('a document above maxDocumentSize gets one warning and no parse', () => {
    const text = `# big\n${'x'.repeat(5000)}`;
    const r = lintDocument(text, { maxDocumentSize: 1000 }, { force: true });
    expect(r.skipped).toBe(true);
    expect(r.findings.map((f) => [f.ruleId, f.severity, f.start])).toEqual([['document-size', 'warning', 0]]);
  });
});

describe('lint accepts a LintConfig or a ResolvedConfig', () => {
  it('a LintConfig that happens to carry the resolved fields is still resolved, not taken as resolved', () => {
    const doc = '# x\n\n## Timeline\n\n- 10:00 a\n\n## Impact\n\nb\n';
    const like = { rules: { 'required-sections': 'error' as const }, maxDocumentSize: 1_000_000, maxDocumentLines: 1000, allow: [] };
    const findings = lint(doc, like).filter((f) => f.ruleId === 'required-sections');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
    const resolved = resolveConfig([{ rules: { 'required-sections': 'hint' } }], allRules);
    expect(
      lint(doc, resolved)
        .filter((f) => f.ruleId === 'required-sections')
        .every((f) => f.severity === 'hint'),
    ).toBe(true);
  });
});

describe('an inserted section stays a section', () => {
  it('after an HTML block ending in a lone "\\r" in a "\\n" document (found by the fuzz test)', () => {
    const doc = '# Postmortem: x\n\n## Summary\n\nText.\n\n<div>the</div>\r';
    const fixed = applyFixes(doc, lint(doc, {}, { force: true }));
    expect(fixed).not.toBe(doc);
    const titles = buildModel(fixed).sections.map((s) => s.title);
    expect(titles).toEqual(expect.arrayContaining(['Timeline', 'Action Items']));
  });
});
