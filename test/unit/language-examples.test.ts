// The shipped examples: every blameful sentence of the sloppy checkout postmortem gets a sensible language
// finding (named person "Dave" learned from the timeline), and the good one gets none.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument } from '../../server/src/engine/index';
import { lineOf } from '../../server/src/engine/text/text';
import { LANGUAGE } from './helpers/language';

const dir = path.resolve(__dirname, '..', '..', 'examples');
function language(file: string): string[] {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const r = lintDocument(text, undefined, { force: true });
  expect(r.ruleErrors).toEqual([]);
  return r.findings
    .filter((f) => LANGUAGE.has(f.ruleId))
    .map((f) => `${lineOf(r.model.lineStarts, f.start) + 1} ${f.ruleId} ${f.severity} ${text.slice(f.start, f.end).replace(/\s+/g, ' ')}`);
}

describe('examples', () => {
  it('the sloppy postmortem: one finding per blameful sentence', () => {
    expect(language('2026-03-14-checkout-outage-sloppy.md')).toEqual([
      // "Checkout was down because Dave pushed a bad config. Root cause: human error."
      '9 human-error warning Dave pushed a bad',
      '9 human-error warning human error',
      // "| 14:02 | Dave merges the config change without waiting for review |"
      '15 rule-deviation info without waiting for review',
      // "| 14:20 | Dave finally notices the error graph |"
      '18 hindsight info finally',
      // "The engineer should have tested the change in staging. He failed to check the canary dashboard, …"
      '23 counterfactual warning should have tested',
      '23 omission warning failed to check',
      // "This was a careless mistake."
      '24 judgement warning careless',
      // action items: "Be more careful when pushing config", "Dave to get more training on the deploy process"
      '30 vague-remediation warning Be more careful',
      '31 vague-remediation warning more training',
    ]);
  });

  it('the good postmortem: no language finding', () => {
    expect(language('2026-03-14-checkout-outage-good.md')).toEqual([]);
  });
});
