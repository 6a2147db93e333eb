// Adversarial and bad input for the engine (issue 9): huge documents, one huge line, binary content,
// hostile configuration objects (wrong types, unknown rules, huge arrays, prototype keys, and custom
// phrases that would backtrack catastrophically if they were used as regular expressions).
// No timing is asserted; each test has a generous vitest timeout, which is what a hang would hit (growth with input
// size is asserted in scaling.test.ts).
import { describe, expect, it } from 'vitest';
import { allRules, lint, lintDocument, resolveConfig, validateConfig } from '../../server/src/engine/index';
import { DEFAULT_MAX_DOCUMENT_SIZE } from '../../server/src/engine/config';
import { parseConfigText } from '../../server/src/node/configFile';
import type { Finding, LintConfig } from '../../server/src/engine/types';
import { plainText, type Nodes, type Root } from '../../server/src/engine/text/parse';

const TODAY = '2024-06-01';

function allOn(extra: LintConfig = {}): LintConfig {
  const rules: Record<string, 'warning'> = {};
  for (const r of allRules) rules[r.meta.id] = 'warning';
  return { rules, today: TODAY, ...extra };
}

function assertRanges(text: string, findings: readonly Finding[]): void {
  for (const f of findings) {
    expect(f.start, f.ruleId).toBeGreaterThanOrEqual(0);
    expect(f.end, f.ruleId).toBeGreaterThanOrEqual(f.start);
    expect(f.end, f.ruleId).toBeLessThanOrEqual(text.length);
  }
}

/** The top-level blocks of a lint result's tree. */
const blocks = (result: { model: { tree: unknown } }) => (result.model.tree as Root).children;

const POSTMORTEM_HEAD = '# Postmortem: checkout outage\n\n## Summary\n\nThe checkout API returned errors for 40 minutes.\n\n';

describe('huge documents', () => {
  it('a 10 MB document gets exactly one document-size warning on its first line', () => {
    const line = 'John obviously should have noticed the alert at 14:02 UTC — owner: TBD — due: ASAP.\n';
    const text = POSTMORTEM_HEAD + line.repeat(Math.ceil(10_000_000 / line.length));
    expect(text.length).toBeGreaterThan(10_000_000);
    const result = lintDocument(text, allOn(), { force: true });
    expect(result.skipped).toBe(true);
    expect(result.findings).toHaveLength(1);
    const [f] = result.findings;
    expect(f!.ruleId).toBe('document-size');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toContain(DEFAULT_MAX_DOCUMENT_SIZE.toLocaleString('en-US'));
    expect(text.slice(f!.start, f!.end)).toBe('# Postmortem: checkout outage');
  });

  it('the size limit is configurable (settings/config maxDocumentSize) and bad values fall back to the default', () => {
    const text = `${POSTMORTEM_HEAD}## Timeline\n\n- 14:02 UTC — alert fired\n`;
    expect(lint(text, { maxDocumentSize: 50 }, { force: true }).map((f) => f.ruleId)).toEqual(['document-size']);
    expect(lint(text, {}, { force: true }).map((f) => f.ruleId)).not.toContain('document-size');
    const { config, problems } = validateConfig({ maxDocumentSize: -5 }, allRules);
    expect(problems.map((p) => p.path)).toEqual(['maxDocumentSize']);
    expect(resolveConfig([config], allRules).maxDocumentSize).toBe(DEFAULT_MAX_DOCUMENT_SIZE);
  });

  it('a 100,000-line postmortem: by default one document-size notice without parsing; with the line limit raised, linted in full without throwing', () => {
    const lines = ['# Postmortem: checkout outage', '', '## Timeline', ''];
    for (let i = 0; lines.length < 100_000; i++) {
      const h = String(Math.floor(i / 60) % 24).padStart(2, '0');
      const m = String(i % 60).padStart(2, '0');
      lines.push(i % 7 === 0 ? `- ${h}:${m} — he forgot` : i % 11 === 0 ? '' : `- ${h}:${m} UTC — x`);
    }
    lines.push('## Action Items', '', '- [ ] Add alert — owner: TBD');
    const text = lines.join('\n');
    expect(text.split('\n').length).toBeGreaterThanOrEqual(100_000);
    expect(text.length).toBeLessThan(DEFAULT_MAX_DOCUMENT_SIZE);
    const skipped = lintDocument(text, allOn(), { force: true });
    expect(skipped.skipped).toBe(true);
    expect(skipped.findings.map((f) => [f.ruleId, f.severity, f.start])).toEqual([['document-size', 'warning', 0]]);
    expect(skipped.findings[0]!.message).toMatch(/more than 50,000 lines \(maxDocumentLines\)/);
    const result = lintDocument(text, allOn({ maxDocumentLines: 200_000 }), { force: true });
    expect(result.ruleErrors).toEqual([]);
    expect(result.skipped).toBe(false);
    assertRanges(text, result.findings);
    expect(result.findings.length).toBeGreaterThan(0);
  }, 300_000);

  it('a single 1 MB line (prose, table row, and unbroken token) lints without throwing', () => {
    const bodies = [
      'The engineer obviously failed to notice the alert and should have known better. '.repeat(13_000),
      `| ${'cell | '.repeat(150_000)}`,
      'x'.repeat(1_000_000),
      '😀'.repeat(500_000),
    ];
    for (const body of bodies) {
      const text = `${POSTMORTEM_HEAD}## Contributing Factors\n\n${body}\n`;
      expect(text.length).toBeGreaterThan(1_000_000);
      const result = lintDocument(text, allOn(), { force: true });
      expect(result.ruleErrors).toEqual([]);
      expect(result.skipped).toBe(false);
      assertRanges(text, result.findings);
    }
  }, 120_000);
});

describe('nesting past the bounds (issue 20)', () => {
  const cases: [string, string, number][] = [
    ['5,000 nested block quotes', `${POSTMORTEM_HEAD}## Lessons learned\n\n${'> '.repeat(5000)}deep\n`, 9],
    ['10,000 list markers on one line', `${POSTMORTEM_HEAD}## Action items\n\n${'- '.repeat(10_000)}Add an alert\n`, 9],
    ['50,000 ordered-list markers', `${'1. '.repeat(50_000)}deep\n`, 1],
    [
      'lists nested 120 deep, one level a line',
      `${POSTMORTEM_HEAD}## Action items\n\n${[...Array(120).keys()].map((i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n`,
      9,
    ],
  ];
  for (const [name, text, line] of cases) {
    it(`${name}: lint returns, with one info finding where the deeper content is read as text`, () => {
      const result = lintDocument(text, allOn(), { force: true });
      const notes = result.findings.filter((f) => f.ruleId === 'document-size');
      expect(notes.map((f) => [f.severity, text.slice(0, f.start).split('\n').length])).toEqual([['info', line]]);
      expect(notes[0]!.message).toMatch(/nests block quotes, lists or emphasis more than 64 levels on a line or 100 levels in all/);
      assertRanges(text, result.findings);
    });
  }

  it('nesting within the bounds is read as usual, with no finding', () => {
    const text = `${POSTMORTEM_HEAD}## Lessons learned\n\n${'> '.repeat(60)}The on-call ignored the page.\n`;
    const result = lintDocument(text, allOn(), { force: true });
    expect(result.findings.filter((f) => f.ruleId === 'document-size')).toEqual([]);
    expect(result.findings.filter((f) => text.slice(f.start, f.end) === 'ignored').map((f) => f.ruleId)).toEqual(['omission']);
  });

  it('the document-size finding never ends between the halves of a surrogate pair', () => {
    const text = `${'🔥'.repeat(150)}\n`;
    const [f] = lint(text, { maxDocumentSize: 10 });
    expect(f!.end).toBe(200);
    const odd = `a${'🔥'.repeat(150)}\n`;
    const [g] = lint(odd, { maxDocumentSize: 10 });
    expect(g!.end).toBe(199);
  });
});

describe('inline markup past the bound (issue 20)', () => {
  // micromark matches emphasis and brackets by walking back over the inline content before them: a paragraph dense
  // with them costs the square of their number. Past MAX_MARKERS (128) in one paragraph, heading or table row, that
  // run is read as plain text: the tree's strings keep every character, and one info finding says so.
  const text = (body: string) => `${POSTMORTEM_HEAD}## Lessons learned\n\n${body}\n\nThe on-call ignored the page.\n`;
  const cases: [string, string][] = [
    ['`*_` 5,000 times', '*_'.repeat(5000)],
    ['mixed emphasis over 400 lines', '**a_*b__ x\n'.repeat(400).trimEnd()],
    ['unclosed links 3,000 times', '[a]('.repeat(3000)],
    ['closing brackets 10,000 times', ']'.repeat(10_000)],
    ['4,000 openers closed by one run', `${'*a '.repeat(4000)}b${'*'.repeat(4000)}`],
    ['emphasis nested 4,000 deep around an owner', `Fix it — A${'*'.repeat(8000)}Team${'*'.repeat(8000)}`],
  ];
  for (const [name, body] of cases) {
    it(`${name}: read as text with one info finding on its line, every character kept, the rest linted`, () => {
      const doc = text(body);
      const result = lintDocument(doc, allOn(), { force: true });
      const notes = result.findings.filter((f) => f.ruleId === 'document-size');
      expect(notes.map((f) => [f.severity, doc.slice(0, f.start).split('\n').length])).toEqual([['info', 9]]);
      expect(notes[0]!.message).toMatch(/more than 128 emphasis or link markers/);
      const paragraph = blocks(result).find((c) => c.position!.start.line === 9)!;
      expect(paragraph.type).toBe('paragraph');
      expect(plainText(paragraph)).toBe(body);
      expect(result.findings.filter((f) => doc.slice(f.start, f.end) === 'ignored').map((f) => f.ruleId)).toEqual(['omission']);
      assertRanges(doc, result.findings);
    });
  }

  it('a paragraph with many but fewer markers keeps its emphasis and links, with no finding', () => {
    const fields = Array.from({ length: 16 }, (_, i) => `**Field ${i}:** [value](https://example.com/${i}_a)`).join(' · ');
    const result = lintDocument(text(fields), allOn(), { force: true });
    expect(result.findings.filter((f) => f.ruleId === 'document-size')).toEqual([]);
    const paragraph = blocks(result).find((c) => c.position!.start.line === 9)!;
    expect((paragraph as { children: { type: string }[] }).children.filter((c) => c.type === 'strong')).toHaveLength(16);
  });

  it('a code block of bracketed log lines and a 300-row table with links in every row are read as usual', () => {
    const log = '```\n' + '[2024-01-01 12:00:00] [ERROR] [db] pool_exhausted\n'.repeat(300) + '```';
    const rows = Array.from({ length: 300 }, (_, i) => `| [ ] **Fix ${i}** | [OPS-${i}](https://t.example/OPS-${i}) | @sam_${i} |`).join(
      '\n',
    );
    const doc = text(`${log}\n\n| Action | Ticket | Owner |\n|---|---|---|\n${rows}`);
    const result = lintDocument(doc, allOn(), { force: true });
    expect(result.findings.filter((f) => f.ruleId === 'document-size')).toEqual([]);
    const code = blocks(result).find((c) => c.type === 'code') as { value: string };
    expect(code.value).toBe('[2024-01-01 12:00:00] [ERROR] [db] pool_exhausted\n'.repeat(300).trimEnd());
    const table = blocks(result).find((c) => c.type === 'table') as { children: { children: Nodes[] }[] };
    expect(
      table.children
        .slice(1)
        .every((row) => row.children[1]!.type === 'tableCell' && JSON.stringify(row.children[1]).includes('"type":"link"')),
    ).toBe(true);
  });

  it('a capped paragraph keeps the markers in link targets and inline code', () => {
    const body = `${'*_'.repeat(100)} see https://wiki.example/run_book_[x] and \`a_b[0]\``;
    const result = lintDocument(text(body), allOn(), { force: true });
    expect(result.findings.filter((f) => f.ruleId === 'document-size')).toHaveLength(1);
    const json = JSON.stringify(result.model.tree);
    expect(json).toContain('"url":"https://wiki.example/run_book_');
    expect(json).toContain('"value":"a_b[0]"');
    expect(json).not.toMatch(/[\ue000-\uf8ff]/);
  });
});

describe('binary content opened as Markdown', () => {
  it('PNG/ELF/gzip-like bytes, NULs and invalid UTF-8 lint without throwing, with and without force', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    const blobs: Uint8Array[] = [
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 50_000 }, rand)]),
      Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...Array.from({ length: 50_000 }, rand)]),
      Uint8Array.from([0x1f, 0x8b, 8, 0, ...Array.from({ length: 50_000 }, rand)]),
      new Uint8Array(100_000), // all NUL
      Uint8Array.from(Array.from({ length: 50_000 }, (_, i) => (i % 3 === 0 ? 0xc3 : i % 3 === 1 ? 0x28 : 0xff))),
    ];
    for (const bytes of blobs) {
      for (const enc of ['utf-8', 'latin1', 'utf-16le']) {
        const text = new TextDecoder(enc).decode(bytes);
        const plain = lintDocument(text, allOn(), {});
        expect(plain.ruleErrors).toEqual([]);
        const forced = lintDocument(text, allOn(), { force: true });
        expect(forced.ruleErrors).toEqual([]);
        assertRanges(text, forced.findings);
      }
    }
  }, 120_000);
});

describe('hostile configuration', () => {
  it('wrong types and unknown rules become located problems, never exceptions; valid parts still apply', () => {
    const raw = {
      rules: { 'no-such-rule': 'error', hindsight: 'loud', 'human-error': ['warning', 'not-an-object'], 'required-sections': 'off' },
      profile: 42,
      sections: 'Summary',
      today: '2024-99-99',
      maxDocumentSize: 'big',
      maxOpenActionItems: 2.5,
      phrases: { hindsight: 'not a list', 'no-such-rule': ['x'] },
      allow: [1, null, {}, 'ok'],
      extra: { nested: { deeper: [] } },
    };
    const { config, problems } = validateConfig(raw, allRules);
    const paths = problems.map((p) => p.path).sort();
    for (const p of [
      'rules.no-such-rule',
      'rules.hindsight',
      'rules.human-error[1]',
      'profile',
      'sections',
      'today',
      'maxDocumentSize',
      'maxOpenActionItems',
      'phrases.hindsight',
      'phrases.no-such-rule',
      'allow[0]',
      'allow[1]',
      'allow[2]',
      'extra',
    ]) {
      expect(paths, p).toContain(p);
    }
    expect(config.rules?.['required-sections']).toEqual(['off', {}]);
    expect(config.allow).toEqual(['ok']);
    const text = `${POSTMORTEM_HEAD}He obviously forgot.\n`;
    expect(() => lint(text, config, { force: true })).not.toThrow();
    expect(lint(text, config, { force: true }).map((f) => f.ruleId)).not.toContain('required-sections');
  });

  it('non-object configurations are rejected whole', () => {
    for (const raw of [5, 'rules', [1, 2, 3], true]) {
      const { config, problems } = validateConfig(raw, allRules);
      expect(config).toEqual({});
      expect(problems).toHaveLength(1);
    }
  });

  it('huge arrays are capped and over-long phrases ignored', () => {
    const huge = Array.from({ length: 200_000 }, (_, i) => `phrase ${i}`);
    const long = 'x'.repeat(10_000);
    const { config, problems } = validateConfig({ allow: huge, sections: huge, phrases: { hindsight: [long, ...huge] } }, allRules);
    expect(config.allow!.length).toBeLessThanOrEqual(1000);
    expect(config.sections!.length).toBeLessThanOrEqual(1000);
    expect(config.phrases!.hindsight!.length).toBeLessThanOrEqual(1000);
    expect(config.phrases!.hindsight).not.toContain(long);
    expect(problems.some((p) => p.path === 'phrases.hindsight[0]')).toBe(true);
    expect(problems.length).toBeLessThan(10); // one "more than N" problem per list, not one per entry
    expect(() => lint(`${POSTMORTEM_HEAD}phrase 3 obviously.\n`, { ...config, today: TODAY }, { force: true })).not.toThrow();
  });

  it('__proto__ / constructor keys from JSON do not pollute prototypes', () => {
    const loaded = parseConfigText(
      '{"__proto__": {"polluted": 1}, "rules": {"__proto__": "error", "constructor": "off"}, "phrases": {"__proto__": ["x"]}}',
      '/tmp/.postmortemlintrc.json',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(loaded.problems.map((p) => p.message)).toContain('rules.constructor: unknown rule "constructor"');
    const resolved = resolveConfig([loaded.config], allRules);
    expect(Object.getPrototypeOf(resolved.rules)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => lint(`${POSTMORTEM_HEAD}He obviously forgot.\n`, loaded.config, { force: true })).not.toThrow();
  });

  it('malformed JSON text gives one located problem and the defaults', () => {
    const loaded = parseConfigText('{\n  "rules": {\n    "hindsight": "warning",,\n  }\n', '/w/.postmortemlintrc.json');
    expect(loaded.config).toEqual({});
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]!.line).toBe(2);
  });
});

describe('custom phrases are literal text, never regular expressions', () => {
  // Classic catastrophic-backtracking patterns. As regexes, `(a+)+$` against "aaaa…!" takes exponential time.
  const EVIL = ['(a+)+$', '(x+x+)+y', '^(([a-z])+.)+[A-Z]([a-z])+$', '(.*a){25}', '([a-zA-Z]+)*', '(a|aa)+', '\\', '[', '(?<=x', '*'];
  const ATTACK = `${'a'.repeat(5_000)}!`;

  it('evil patterns against attack strings return (the test timeout is the hang detector) and do not match as regexes', () => {
    const config = allOn({ phrases: Object.fromEntries(['hindsight', 'judgement', 'human-error'].map((id) => [id, EVIL])) });
    const validated = validateConfig({ phrases: config.phrases }, allRules);
    expect(validated.problems).toEqual([]);
    const text = `${POSTMORTEM_HEAD}## Contributing Factors\n\n${ATTACK} ${'x'.repeat(3000)}y ${'ab'.repeat(3000)}\n`;
    const result = lintDocument(text, config, { force: true });
    expect(result.ruleErrors).toEqual([]);
    // nothing in the attack text is the literal phrase, so no custom finding lands inside it
    const start = text.indexOf(ATTACK);
    const custom = result.findings.filter((f) => f.start >= start && ['hindsight', 'judgement', 'human-error'].includes(f.ruleId));
    expect(custom).toEqual([]);
  }, 60_000);

  it('the literal text of a pattern is what gets flagged', () => {
    const config = allOn({ phrases: { judgement: ['(a+)+$', 'rookie move'] } });
    const text = `${POSTMORTEM_HEAD}## Contributing Factors\n\nThe deploy was a rookie move. The script printed (a+)+$ and aaaa.\n`;
    const hits = lint(text, config, { force: true })
      .filter((f) => f.ruleId === 'judgement')
      .map((f) => text.slice(f.start, f.end).toLowerCase());
    expect(hits.some((h) => h.includes('rookie move'))).toBe(true);
    expect(hits.some((h) => h.includes('(a+)+$'))).toBe(true);
    expect(hits.some((h) => /^a+$/.test(h))).toBe(false);
  });

  it('the maximum phrase list (1000 near-identical 200-character phrases) against a long matching run still returns', () => {
    const phrases = Array.from({ length: 1000 }, (_, i) => `${'a '.repeat(95)}${String(i).padStart(4, '0')}`);
    const { config: valid, problems } = validateConfig({ phrases: { hindsight: phrases }, allow: phrases }, allRules);
    expect(problems).toEqual([]);
    const text = `${POSTMORTEM_HEAD}## Contributing Factors\n\n${'a '.repeat(20_000)}.\n`;
    const result = lintDocument(text, { ...allOn(), ...valid, rules: allOn().rules }, { force: true });
    expect(result.ruleErrors).toEqual([]);
  }, 120_000);
});
