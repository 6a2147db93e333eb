// The configuration: one key table (CONFIG_KEYS) from which validation and the schema derive, rule-option aliases
// folded into their key, and problems located in the file by jsonc-parser's syntax tree.
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules, CONFIG_KEYS, lint, OPTION_ALIASES, resolveConfig, validateConfig, type LintConfig } from '../../server/src/engine/index';
import { parseConfigText } from '../../server/src/node/configFile';
import { configSchema } from '../../server/src/node/schema';

const README = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('config key table', () => {
  it('validation accepts exactly the table keys', () => {
    const sample: Required<LintConfig> = {
      rules: {},
      profile: 'standard',
      sections: ['Summary'],
      today: '2026-01-02',
      maxDocumentSize: 10,
      maxDocumentLines: 10,
      maxOpenActionItems: 3,
      languageFindingsPerParagraph: 0,
      reviewWithinDays: 7,
      phrases: {},
      allow: [],
      customRules: [],
    };
    expect(Object.keys(CONFIG_KEYS).sort()).toEqual(Object.keys(sample).sort());
    expect(validateConfig(sample, allRules).problems).toEqual([]);
    expect(validateConfig({ ...sample, nonsense: 1 }, allRules).problems).toEqual([
      { path: 'nonsense', message: 'unknown setting "nonsense"' },
    ]);
  });

  it('the schema and the README configuration example name every key', () => {
    const schema = configSchema() as { properties: Record<string, { description?: string }> };
    for (const key of Object.keys(CONFIG_KEYS)) {
      expect(schema.properties[key]?.description, key).toBe(CONFIG_KEYS[key as keyof LintConfig].description);
      expect(README, key).toContain(`"${key}":`);
    }
  });
});

describe('rule-option aliases', () => {
  it('fold into their top-level key, and the rule option wins within a layer', () => {
    const resolved = resolveConfig(
      [
        {
          maxOpenActionItems: 3,
          profile: 'standard',
          rules: { 'action-items-focus': ['info', { max: 8 }], 'required-sections': ['info', { profile: 'pagerduty' }] },
        },
      ],
      allRules,
    );
    expect(resolved.maxOpenActionItems).toBe(8);
    expect(resolved.profile).toBe('pagerduty');
    // a later layer's top-level key wins over an earlier layer's alias
    expect(
      resolveConfig([{ rules: { 'action-items-focus': ['info', { max: 8 }] } }, { maxOpenActionItems: 2 }], allRules).maxOpenActionItems,
    ).toBe(2);
  });

  it('are validated like their key, at the option path', () => {
    const { problems, config } = validateConfig(
      { rules: { 'action-items-focus': ['info', { max: 'many' }], 'required-sections': ['info', { profile: 'nope' }] } },
      allRules,
    );
    expect(problems.map((p) => p.path)).toEqual(['rules.action-items-focus[1].max', 'rules.required-sections[1].profile']);
    expect(resolveConfig([config], allRules).maxOpenActionItems).toBe(5);
  });

  it('change what the rule reports', () => {
    const items = Array.from({ length: 4 }, (_, i) => `- [ ] Add alert ${i} (owner: @li, due: 2099-01-01, OPS-${i})`).join('\n');
    const doc = `# Postmortem: x\n\n## Timeline\n\n- 10:00 UTC start\n\n## Action Items\n\n${items}\n`;
    const focus = (config: LintConfig) => lint(doc, config, { force: true }).filter((f) => f.ruleId === 'action-items-focus').length;
    expect(focus({ maxOpenActionItems: 3 })).toBe(1);
    expect(focus({ rules: { 'action-items-focus': ['info', { max: 3 }] } })).toBe(1);
    expect(focus({ rules: { 'action-items-focus': ['info', { max: 4 }] } })).toBe(0);
  });

  it('are each documented on their rule page', () => {
    for (const a of OPTION_ALIASES) {
      const page = fs.readFileSync(new URL(`../../docs/rules/${a.rule}.md`, import.meta.url), 'utf8');
      expect(page, `${a.rule}: ${a.option}`).toMatch(
        new RegExp(`\`${a.option}\`[^\\n]*alias[^\\n]*\`${a.key}\`|\`${a.key}\`[^\\n]*alias[^\\n]*\`${a.option}\``),
      );
    }
  });
});

describe('config problems are located by the syntax tree', () => {
  const at = (text: string) => parseConfigText(text, 'x.json').problems.map((p) => `${p.line}:${p.character}:${p.length} ${p.message}`);

  it('points at the key that is wrong, not at the first text that looks like it', () => {
    const text = '{\n  "phrases": { "emotive": ["x"] },\n  "rules": { "emotive": "loud" }\n}\n';
    expect(at(text)).toEqual([
      `2:13:9 rules.emotive: expected one of "off", "hint", "info", "warning", "error" or [severity, options], got "loud"`,
    ]);
  });

  it('points at an array element, and at a nested rule option', () => {
    expect(at('{ "allow": ["ok", 3] }')).toEqual(['0:18:1 allow[1]: expected a string']);
    expect(at('{ "rules": { "action-items-focus": ["info", { "max": -1 }] } }')[0]).toMatch(
      /^0:46:5 rules\.action-items-focus\[1\]\.max: /,
    );
  });
});

describe('config spellings', () => {
  it('accepts "warn" (and "err", "information") for a severity', () => {
    const { config, problems } = validateConfig({ rules: { emotive: 'warn', judgement: ['err', {}], hindsight: 'information' } }, allRules);
    expect(problems).toEqual([]);
    const resolved = resolveConfig([config], allRules);
    expect([resolved.rules.emotive!.severity, resolved.rules.judgement!.severity, resolved.rules.hindsight!.severity]).toEqual([
      'warning',
      'error',
      'info',
    ]);
    expect(resolveConfig([{ rules: { emotive: 'warn' as never } }], allRules).rules.emotive!.severity).toBe('warning');
  });

  it('suggests the rule id or setting a typo meant', () => {
    const { problems } = validateConfig(
      { rules: { judgment: 'off', 'totally-unknown-thing': 'off' }, phrases: { 'human-eror': ['x'] }, maxOpenActionItem: 3 },
      allRules,
    );
    expect(problems.map((p) => p.message)).toEqual([
      'unknown rule "judgment" (did you mean "judgement"?)',
      'unknown rule "totally-unknown-thing"',
      'unknown rule "human-eror" (did you mean "human-error"?)',
      'unknown setting "maxOpenActionItem" (did you mean "maxOpenActionItems"?)',
    ]);
  });
});
