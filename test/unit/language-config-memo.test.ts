// The language pass compiles each configuration object once (the hosts keep one resolved configuration per config
// file and settings) and keys its per-block memo by the configuration's content: configurations that differ in
// allow-list, phrases or severity must never share a compiled form or a memoised block, however they alternate.
import { describe, expect, it } from 'vitest';
import { allRules, lint, resolveConfig } from '../../server/src/engine/index';

const TEXT = `# Postmortem: checkout outage

## Summary

The outage was caused by human error during the deploy. The gizmo flux was wrong.

## Timeline

- 10:00 UTC deploy started

## Action Items

- [ ] Add a canary stage (owner: @li, due: 2099-01-01, JIRA-12)
`;

const ids = (config: Parameters<typeof resolveConfig>[0][number]) =>
  lint(TEXT, resolveConfig([config], allRules), { force: true })
    .filter((f) => f.ruleId === 'human-error' || f.ruleId === 'judgement')
    .map((f) => `${f.ruleId}:${f.severity}:${TEXT.slice(f.start, f.end)}`);

describe('language configuration memo', () => {
  it('keeps configurations that differ only in allow, phrases or severity apart, in any order', () => {
    const base = ids({});
    const allowed = ids({ allow: ['human error'] });
    const phrased = ids({ phrases: { judgement: ['gizmo flux'] } });
    const off = ids({ rules: { 'human-error': 'off' } });
    const error = ids({ rules: { 'human-error': 'error' } });
    expect(base.some((f) => f.startsWith('human-error:warning:'))).toBe(true);
    expect(allowed.some((f) => f.startsWith('human-error'))).toBe(false);
    expect(phrased.some((f) => f.startsWith('judgement') && f.endsWith('gizmo flux'))).toBe(true);
    expect(base.some((f) => f.endsWith('gizmo flux'))).toBe(false);
    expect(off.some((f) => f.startsWith('human-error'))).toBe(false);
    expect(error.some((f) => f.startsWith('human-error:error:'))).toBe(true);
    // again, interleaved, each with a freshly resolved config object
    for (let round = 0; round < 2; round++) {
      expect(ids({ rules: { 'human-error': 'error' } })).toEqual(error);
      expect(ids({})).toEqual(base);
      expect(ids({ phrases: { judgement: ['gizmo flux'] } })).toEqual(phrased);
      expect(ids({ allow: ['human error'] })).toEqual(allowed);
      expect(ids({ rules: { 'human-error': 'off' } })).toEqual(off);
    }
  });
});

describe('custom phrases', () => {
  it('report under the rule they were configured for, even where a built-in pattern of another rule matches', () => {
    const doc = '# Postmortem: x\n\n## Summary\n\nThe cowboy deploy broke checkout.\n\n## Timeline\n\n- 10:00 UTC start\n';
    const language = (config: Parameters<typeof resolveConfig>[0][number]) =>
      lint(doc, resolveConfig([config], allRules), { force: true })
        .filter((f) => f.ruleId !== 'required-sections' && f.ruleId !== 'metadata')
        .map((f) => `${f.ruleId}:${doc.slice(f.start, f.end)}`);
    expect(language({})).toEqual(['human-error:cowboy']);
    expect(language({ phrases: { judgement: ['cowboy deploy'] } })).toEqual(['judgement:cowboy deploy']);
  });
});
