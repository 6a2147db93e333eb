// Every language data file's examples run here: each `bad` example flags its rule (as the sentence's
// diagnostic or as a category named in it), and each `good` example stays free of language findings.
import { describe, expect, it } from 'vitest';
import { CATEGORIES, exampleCase, LANGUAGE_RULE_IDS } from '../../server/src/engine/language/index';
import { expandMacros } from '../../server/src/engine/language/data';
import { allRules } from '../../server/src/engine/rules/index';
import { lintExample, ruleIdsOf } from './helpers/language';

describe('language data', () => {
  it('has one data file and one registered rule per category', () => {
    expect(LANGUAGE_RULE_IDS).toEqual([
      'human-error',
      'counterfactual',
      'omission',
      'hindsight',
      'judgement',
      'emotive',
      'root-cause',
      'passive-blame',
      'rule-deviation',
      'vague-remediation',
    ]);
    const registered = allRules.map((r) => r.meta.id);
    for (const id of LANGUAGE_RULE_IDS) expect(registered).toContain(id);
  });

  it('refuses a verb list it cannot expand instead of reading it as alternatives (every pattern loaded, so none has one)', () => {
    expect(expandMacros('\\b{~skip|ignore}\\b')).toMatch(/skipped/);
    expect(() => expandMacros('\\b{~punish|penali[sz]e}\\b')).toThrow(/Malformed macro \{~punish\|penali/);
    expect(() => expandMacros('{~forget')).toThrow(/Malformed macro/);
  });

  for (const cat of CATEGORIES) {
    describe(cat.ruleId, () => {
      it('has examples, a hover of two sentences, a source and an inquiry prompt', () => {
        expect(cat.examples.bad.length).toBeGreaterThanOrEqual(3);
        expect(cat.examples.good.length).toBeGreaterThanOrEqual(3);
        expect(cat.hover.split(/(?<=[.!?])\s+(?=[A-Z"“])/).length).toBe(2);
        expect(cat.source.url).toMatch(/^https:\/\//);
        expect(cat.prompt).toMatch(/\?$/);
        const ids = cat.patterns.map((p) => p.id);
        expect(new Set(ids).size).toBe(ids.length);
      });

      it('its rewrite templates are not flagged themselves (a suggestion never trades one finding for another)', () => {
        const texts = [cat.template, ...cat.patterns.flatMap((p) => [p.template, p.vp, p.replacement].filter((t): t is string => !!t))];
        const flagged = texts.flatMap((t) =>
          ['Summary', 'Action items', 'Timeline'].flatMap((section) =>
            lintExample({ text: t, section }).map((f) => `${section}: ${t} => ${f.ruleId}`),
          ),
        );
        expect(flagged).toEqual([]);
      });

      for (const raw of cat.examples.bad) {
        const ex = exampleCase(raw);
        it(`flags: ${ex.text}`, () => {
          const findings = lintExample(ex);
          expect(findings.flatMap(ruleIdsOf)).toContain(cat.ruleId);
          // one diagnostic per sentence: every example here is one sentence (or one timeline row)
          const sentences = ex.text.split(/(?<=[.!?])\s+(?=[A-Z0-9])/).length;
          expect(findings.length).toBeLessThanOrEqual(sentences);
        });
      }
      for (const raw of cat.examples.good) {
        const ex = exampleCase(raw);
        it(`stays quiet: ${ex.text}`, () => {
          expect(lintExample(ex).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
        });
      }
    });
  }
});
