// Rules without code (issue 19): `customRules` in the config, matched by literal phrases or a safe pattern syntax that
// cannot backtrack, reported under their own id, validated with located problems, merged by id across layers, and
// checked by `postmortem-lint test-config`.
import * as path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  allRules,
  applyFixes,
  compileSafePattern,
  lint,
  resolveConfig,
  validateConfig,
  type LintConfig,
} from '../../server/src/engine/index';
import { ConfigFiles, configProblems, parseConfigText } from '../../server/src/node/configFile';
import { configSchema } from '../../server/src/node/schema';
import { cli, workspace } from './helpers/cli';
import { growth, LINEAR } from './helpers/growth';

const HERO = {
  id: 'team/no-hero',
  message: 'Say what the system let people do, not who saved the day.',
  category: 'judgement',
  phrases: ['hero', 'saved the day'],
  rewrite: 'the [role] on call',
  examples: { bad: ['Dana was the hero of the night.'], good: ['Nobody needed to be a hero.'] },
};
const SIMPLY = { id: 'style/no-simply', message: 'Drop "simply".', phrases: ['simply'], examples: { bad: ['We simply restarted it.'] } };
const BLAME = {
  id: 'team/blame-vendor',
  message: 'Describe what the vendor change did to our system.',
  severity: 'error',
  pattern: '(vendor|supplier) * (broke|caused) the? (outage|incident)',
  examples: { bad: ['The vendor release broke the outage page.'], good: ['The vendor release changed a header.'] },
};

function config(raw: LintConfig | Record<string, unknown>) {
  const { config: c, problems } = validateConfig(raw, allRules);
  return { resolved: resolveConfig([c], allRules), problems };
}
const doc = (body: string) => `# Outage\n\n## Summary\n\n${body}\n`;
const findingsOf = (text: string, raw: Record<string, unknown>, id: string) =>
  lint(text, config(raw).resolved, { force: true }).filter((f) => f.ruleId === id);

describe('the safe pattern syntax', () => {
  const matches = (pattern: string, text: string) => {
    const c = compileSafePattern(pattern);
    if ('error' in c) throw new Error(c.error);
    return new RegExp(`(?<![\\w@'-])(?:${c.source})`, 'gi').exec(text)?.[0];
  };
  it('words, `*` for any one word, `(a|b c)` alternatives and `?` optional words', () => {
    expect(matches('the hero', 'Dana was THE  hero.')).toBe('THE  hero');
    expect(matches('blame * team', 'we blame the team')).toBe('blame the team');
    expect(matches('blame * team', 'we blame team')).toBeUndefined();
    expect(matches('(on call|on-call) engineer', 'the on-call engineer')).toBe('on-call engineer');
    expect(matches('(on call|on-call) engineer', 'the on call engineer')).toBe('on call engineer');
    expect(matches('should? have known', 'they have known')).toBe('have known');
    expect(matches('should? have known', 'they should have known')).toBe('should have known');
    expect(matches('clearly? wrong', 'it was clearly wrong')).toBe('clearly wrong');
    // whole words only, and typography normalised
    expect(matches('hero', 'heroes')).toBeUndefined();
    expect(matches('don’t care', "they don't care")).toBe("don't care");
  });

  it('what does not parse says where; a raw regular expression is no pattern', () => {
    expect(compileSafePattern('(a|b')).toEqual({ error: '"(" at character 1 is never closed' });
    expect(compileSafePattern('a ) b')).toEqual({ error: 'unexpected ")" at character 3' });
    expect(compileSafePattern('* ?')).toEqual({ error: 'unexpected "?" at character 3' });
    expect(compileSafePattern('*')).toEqual({ error: 'the pattern needs at least one word or group that is not optional and not "*"' });
    expect(compileSafePattern('(a|*)')).toMatchObject({ error: expect.stringContaining('a group holds only literal words') });
    expect(compileSafePattern('a? b? c? d? e? f')).toEqual({ error: 'more than 4 optional words' });
    // regex metacharacters are literal text
    expect(matches('a.b', 'axb')).toBeUndefined();
    expect(matches('a.b [x]', 'see a.b [x] here')).toBe('a.b [x]');
    expect(compileSafePattern('(a+)+$')).toMatchObject({ error: expect.any(String) });
  });

  it('cannot blow up on adversarial input: work grows linearly (n and 4n)', () => {
    for (const pattern of ['* * * * (x|y)', 'a? * b? * c? hero', '(aa|aaa|aaaa) * z']) {
      for (const make of [(n: number) => 'a '.repeat(n / 2), (n: number) => 'a'.repeat(n), (n: number) => `a${' '.repeat(n)}b`]) {
        const g = growth((n) => {
          const c = compileSafePattern(pattern);
          if ('error' in c) throw new Error(c.error);
          const re = new RegExp(`(?<![\\w@'-])(?:${c.source})`, 'gi');
          const text = make(n);
          return () => {
            re.lastIndex = 0;
            while (re.exec(text));
          };
        }, 4000);
        expect(g, `${pattern} on ${make(8).slice(0, 8)}`).toBeLessThan(LINEAR);
      }
    }
  });

  it('a custom rule in a linted document grows linearly too', () => {
    const raw = { customRules: [{ ...BLAME, category: 'custom' }, HERO] };
    const { resolved } = config(raw);
    // (the rules do run on such a document)
    expect(lint(doc('The vendor update caused the outage.'), resolved, { force: true }).map((f) => f.ruleId)).toContain(
      'team/blame-vendor',
    );
    const g = growth((n) => {
      const text = doc(`The vendor ${'a '.repeat(n / 2)}hero`);
      return () => lint(text, resolved, { force: true });
    }, 4000);
    expect(g).toBeLessThan(LINEAR);
  });
});

describe('custom rule findings', () => {
  it('a category rule: its own id, message, severity, the category sentence handling and a rewrite suggestion', () => {
    const raw = { customRules: [HERO] };
    const text = doc('Dana was the hero of the night. Nobody was a hero. The cache did not save the day.\n\n`hero` in code');
    const found = findingsOf(text, raw, 'team/no-hero');
    // negated ("Nobody was a hero") and code are not flagged
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['hero']);
    expect(found[0]).toMatchObject({ severity: 'warning', message: HERO.message, docsUrl: expect.stringMatching(/\/custom-rules\.md$/) });
    expect(found[0]!.fix).toBeUndefined();
    expect(found[0]!.suggestions).toEqual([
      { title: 'Rewrite as “the [role] on call”', edits: [{ start: found[0]!.start, end: found[0]!.end, text: 'the [role] on call' }] },
    ]);
    expect(found[0]!.data?.hover).toContain('Flagged:\n- “Dana was the hero of the night.”');
    // a suggestion, never a safe fix: fix-all leaves the text alone
    expect(applyFixes(text, found)).toBe(text);
  });

  it('one finding per sentence: the custom rule wins and names the built-in one', () => {
    const raw = { customRules: [{ ...HERO, phrases: ['careless'] }] };
    const text = doc('The engineer was careless with the deploy.');
    const all = lint(text, config(raw).resolved, { force: true }).filter((f) => f.data?.sentence);
    expect(all.map((f) => f.ruleId)).toEqual(['team/no-hero']);
    expect(all[0]!.message).toContain('Also in this sentence');
  });

  it('a plain rule matches over prose, not in headings, code or comments; a pattern rule; severities; docs URL', () => {
    const raw = { customRules: [SIMPLY, { ...BLAME, docs: 'https://wiki.example/blame' }] };
    const text = doc(
      'We simply restarted it.\n\n## Simply put\n\n```\nsimply\n```\n\n<!-- simply -->\n\nThe vendor update caused the outage.',
    );
    expect(findingsOf(text, raw, 'style/no-simply').map((f) => [text.slice(f.start, f.end), f.severity])).toEqual([['simply', 'warning']]);
    const blame = findingsOf(text, raw, 'team/blame-vendor');
    expect(blame.map((f) => [text.slice(f.start, f.end), f.severity, f.docsUrl])).toEqual([
      ['vendor update caused the outage', 'error', 'https://wiki.example/blame'],
    ]);
  });

  it('`rules` turns a custom rule off or changes its severity, in any layer; suppression comments name it', () => {
    const text = doc('We simply restarted it.');
    expect(findingsOf(text, { customRules: [SIMPLY], rules: { 'style/no-simply': 'off' } }, 'style/no-simply')).toEqual([]);
    expect(findingsOf(text, { customRules: [SIMPLY], rules: { 'style/no-simply': 'error' } }, 'style/no-simply')[0]?.severity).toBe(
      'error',
    );
    // the setting in an earlier layer than the definition still applies
    const layered = resolveConfig(
      [{ rules: { 'style/no-simply': 'hint' } }, { customRules: validateConfig({ customRules: [SIMPLY] }, allRules).config.customRules! }],
      allRules,
    );
    expect(lint(text, layered, { force: true }).find((f) => f.ruleId === 'style/no-simply')?.severity).toBe('hint');
    const suppressed = doc('We simply restarted it. <!-- postmortem-lint-disable-line style/no-simply -->');
    const all = lint(suppressed, config({ customRules: [SIMPLY] }).resolved, { force: true });
    expect(all.filter((f) => f.ruleId === 'style/no-simply' || f.ruleId === 'suppression-comment')).toEqual([]);
  });
});

describe('validation', () => {
  it('a bad custom rule is a located problem and left out; the rest of the config applies', () => {
    const text = `{
  "today": "2026-01-02",
  "customRules": [
    { "id": "no-hero", "message": "m", "phrases": ["hero"], "examples": { "bad": ["a hero"] } },
    { "id": "judgement", "message": "m", "phrases": ["x"], "examples": { "bad": ["x"] } },
    { "message": "m", "phrases": ["x"], "examples": { "bad": ["x"] } },
    { "id": "team/a", "message": "m", "pattern": "(a|b", "examples": { "bad": ["a"] } },
    { "id": "team/b", "message": "m", "examples": { "bad": ["b"] } },
    { "id": "team/c", "message": "m", "phrases": ["c"] },
    { "id": "team/ok", "message": "m", "phrases": ["ok"], "examples": { "bad": ["ok"] } },
    { "id": "team/ok", "message": "again", "phrases": ["ok"], "examples": { "bad": ["ok"] } }
  ],
  "overrides": [{ "files": ["*.md"], "customRules": [] }]
}`;
    const loaded = parseConfigText(text, '/x/.postmortemlintrc.json');
    expect(loaded.problems.map((p) => `${p.line + 1}:${p.character + 1} ${p.message}`)).toEqual([
      '4:7 customRules[0].id: "no-hero": a custom rule\'s id is lower-case words and "-" with at least one "/" ("team/no-hero"), so it never collides with a built-in rule',
      '5:7 customRules[1].id: "judgement" is a built-in rule; a custom rule\'s id needs a "/" ("team/judgement")',
      '6:5 customRules[2]: a custom rule needs an "id" such as "team/no-hero"',
      '7:39 customRules[3].pattern: the pattern does not parse: "(" at character 1 is never closed',
      '8:5 customRules[4]: a custom rule needs "phrases" (a non-empty list) or a "pattern"',
      '9:5 customRules[5]: a custom rule needs "examples": { "bad": [...], "good": [...] }',
      '11:7 customRules[7].id: duplicate custom rule id "team/ok" (defined earlier in this list); ignored',
      '13:38 overrides[0].customRules: define custom rules at the top of a config file; an override can turn one off or change its severity in "rules"',
    ]);
    expect(loaded.config.today).toBe('2026-01-02');
    expect(loaded.config.customRules!.map((r) => r.id)).toEqual(['team/ok']);
  });

  it('layers merge custom rules by id, the later definition winning', () => {
    const read = (raw: unknown) => validateConfig(raw, allRules).config;
    const base = read({ customRules: [SIMPLY, HERO] });
    const team = read({ customRules: [{ ...SIMPLY, message: 'No "simply", please.' }] });
    const r = resolveConfig([base, team], allRules);
    expect(r.customRules.map((c) => [c.id, c.message])).toEqual([
      ['style/no-simply', 'No "simply", please.'],
      ['team/no-hero', HERO.message],
    ]);
  });

  it('the JSON schema covers customRules and custom ids in rules', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(configSchema());
    expect(validate({ customRules: [HERO, SIMPLY, BLAME], rules: { 'team/no-hero': 'off' } }), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ customRules: [{ id: 'nohero', message: 'm', phrases: ['x'], examples: { bad: ['x'] } }] })).toBe(false);
    expect(validate({ customRules: [{ id: 'team/x', message: 'm', examples: { bad: ['x'] } }] })).toBe(false);
    expect(validate({ customRules: [{ id: 'team/x', message: 'm', phrases: ['x'] }] })).toBe(false);
  });
});

describe('postmortem-lint test-config', () => {
  const rc = (rules: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ ...extra, customRules: rules });

  it('exit 0 when every example behaves, with a line per rule', () => {
    const dir = workspace({ '.postmortemlintrc.json': rc([HERO, SIMPLY, BLAME], { rules: { 'style/no-simply': 'off' } }) });
    const r = cli(['test-config'], dir);
    expect(r.stdout.split('\n')).toEqual([
      'ok   team/no-hero (1 bad, 1 good)',
      'ok   style/no-simply (1 bad, 0 good)',
      'ok   team/blame-vendor (1 bad, 1 good)',
      '3 custom rules: 3 behave',
    ]);
    expect(r.code).toBe(0);
  });

  it('exit 1 when an example does not behave, saying which', () => {
    const dir = workspace({
      'base.json': rc([{ ...SIMPLY, examples: { bad: ['We restarted it.'], good: ['Simply put, it broke.'] } }]),
      'pm/.postmortemlintrc.json': JSON.stringify({ root: true, extends: '../base.json', customRules: [HERO] }),
    });
    const r = cli(['test-config', 'pm'], dir);
    expect(r.stdout.split('\n')).toEqual([
      'FAIL style/no-simply (1 bad, 1 good)',
      '       bad example not flagged: "We restarted it."',
      '       good example flagged: "Simply put, it broke." (at "Simply")',
      'ok   team/no-hero (1 bad, 1 good)',
      '2 custom rules: 1 behave, 1 does not',
    ]);
    expect(r.code).toBe(1);
    expect(cli(['test-config', '--config', path.join('pm', '.postmortemlintrc.json')], dir).code).toBe(1);
  });

  it('exit 2 on a config problem (reported with its place), the valid rules still tested', () => {
    const dir = workspace({ 'c.json': rc([HERO, { id: 'team/x', message: 'm', pattern: 'a )', examples: { bad: ['a'] } }]) });
    const r = cli(['test-config', '--config', 'c.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('c.json:1:');
    expect(r.stderr).toContain('customRules[1].pattern: the pattern does not parse: unexpected ")" at character 3');
    expect(r.stdout).toContain('ok   team/no-hero (1 bad, 1 good)');
    expect(cli(['test-config', '--config', 'missing.json'], dir).code).toBe(2);
  });

  it('the CLI lints with custom rules', () => {
    const dir = workspace({ '.postmortemlintrc.json': rc([SIMPLY]), 'pm.md': doc('We simply restarted it.') });
    const r = cli(['--format', 'json', 'pm.md'], dir);
    expect(JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toContain('style/no-simply');
    expect(configProblems(new ConfigFiles().forDirectory(dir))).toEqual([]);
  });
});
