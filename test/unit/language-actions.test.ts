// Code actions of language findings: a systemic rewrite (suggestion, never a fix) that keeps the
// sentence's facts and casing, an inquiry prompt as an HTML comment, hover data, one finding per sentence.
import { describe, expect, it } from 'vitest';
import { applyEdits, lintDocument } from '../../server/src/engine/index';
import { splitSentences } from '../../server/src/engine/language/index';
import { documentFor, languageFindings } from './helpers/language';

function only(text: string) {
  const doc = documentFor({ text });
  const f = languageFindings(doc.text);
  expect(f).toHaveLength(1);
  return { doc, f: f[0]! };
}

describe('language findings: actions', () => {
  it('offers a template rewrite that keeps times and ids, with placeholders, and never a fix', () => {
    const { doc, f } = only('The on-call should have rolled back deploy PLAT-482 at 14:05.');
    expect(f.ruleId).toBe('counterfactual');
    expect(f.fix).toBeUndefined();
    expect(f.suggestions).toHaveLength(2);
    const rewritten = applyEdits(doc.text, f.suggestions![0]!.edits).text;
    expect(rewritten).toContain('14:05');
    expect(rewritten).toContain('PLAT-482');
    expect(rewritten).toContain('on-call');
    expect(rewritten).toMatch(/\[[a-z][^\]]*\]/i);
    expect(rewritten).not.toContain('should have');
    expect(rewritten.slice(doc.offset)).toMatch(/^\[?[A-Z]/);
  });

  it('deletes an intensifier and re-capitalises the sentence', () => {
    const { doc, f } = only('Obviously, the canary covered 1% of traffic.');
    expect(f.ruleId).toBe('hindsight');
    expect(applyEdits(doc.text, f.suggestions![0]!.edits).text.slice(doc.offset)).toBe('The canary covered 1% of traffic.\n');
  });

  it('replaces with the case of the original', () => {
    const { doc, f } = only('Human error caused the outage.');
    expect(applyEdits(doc.text, f.suggestions![0]!.edits).text.slice(doc.offset)).toBe(
      '[Condition that made the action possible] caused the outage.\n',
    );
  });

  it('inserts the inquiry prompt as an HTML comment after the sentence', () => {
    const { doc, f } = only('The engineer forgot to re-enable the cron job. It ran again at 02:00.');
    const out = applyEdits(doc.text, f.suggestions![1]!.edits).text;
    expect(out).toContain('cron job. <!-- Rather than what wasn');
    expect(out).toMatch(/--> It ran again/);
  });

  it('carries hover data: category, two-sentence explanation and source', () => {
    const { f } = only('The engineer forgot to re-enable the cron job.');
    expect(f.data).toMatchObject({ category: 'OM', pattern: 'OM-08' });
    expect(String(f.data!.hover)).toMatch(/\.\s.+\.$/);
    expect((f.data!.source as { url: string }).url).toMatch(/^https:/);
  });

  it('reports one diagnostic per sentence and names the other categories', () => {
    const { f } = only('The engineer carelessly ignored the obvious alert.');
    expect(f.severity).toBe('warning');
    expect(f.data!.others).toEqual(expect.arrayContaining(['hindsight']));
    expect(f.message).toMatch(/Also in this sentence: .*hindsight/);
  });

  it('"we" is one level softer than a person subject', () => {
    expect(only('The engineer failed to verify the flag.').f.severity).toBe('warning');
    expect(only('We failed to verify the flag.').f.severity).toBe('info');
  });

  it('caps findings per paragraph and says how many were rolled up', () => {
    const para = Array.from({ length: 6 }, (_, i) => `The engineer ${i} was careless.`).join(' ');
    const text = documentFor({ text: para }).text;
    const f = languageFindings(text);
    expect(f).toHaveLength(3);
    expect(f[2]!.message).toMatch(/3 more language findings in this paragraph not shown here \(listed as related information/);
    // the hidden ones are listed at their places, each with its category and trigger (issue 16)
    expect(f.slice(0, 2).map((x) => x.related)).toEqual([undefined, undefined]);
    const hidden = f[2]!.related!;
    expect(hidden.map((r) => text.slice(r.start, r.end))).toEqual(['careless', 'careless', 'careless']);
    expect(hidden.map((r) => text.slice(text.lastIndexOf('The engineer', r.start), r.start).trim())).toEqual([
      'The engineer 3 was',
      'The engineer 4 was',
      'The engineer 5 was',
    ]);
    expect(hidden[0]!.message).toBe('Not shown: Normative judgement: “careless” (judgement)');
    // the cap is a setting: 0 shows every finding, a number sets the cap (issue 16)
    const all = lintDocument(documentFor({ text: para }).text, { languageFindingsPerParagraph: 0 }, { force: true }).findings;
    expect(all.filter((x) => x.ruleId === 'judgement')).toHaveLength(6);
    const two = lintDocument(documentFor({ text: para }).text, { languageFindingsPerParagraph: 2 }, { force: true }).findings;
    expect(two.filter((x) => x.ruleId === 'judgement').map((x) => x.message.includes('4 more'))).toEqual([false, true]);
  });

  it('honours config: severity override, off, allow list and custom phrases (literal, not regex)', () => {
    const text = documentFor({ text: 'The operator was careless. The deploy went YOLO.* mode. Simple.' }).text;
    const base = lintDocument(text, undefined, { force: true }).findings.filter((x) => x.ruleId === 'judgement');
    expect(base.map((x) => x.severity)).toEqual(['warning', 'info']);
    const demoted = lintDocument(text, { rules: { judgement: 'info' } }, { force: true }).findings.filter((x) => x.ruleId === 'judgement');
    expect(demoted.map((x) => x.severity)).toEqual(['info', 'hint']);
    expect(lintDocument(text, { rules: { judgement: 'off' } }, { force: true }).findings.filter((x) => x.ruleId === 'judgement')).toEqual(
      [],
    );
    expect(lintDocument(text, { allow: ['careless', 'yolo'] }, { force: true }).findings.filter((x) => x.ruleId === 'judgement')).toEqual(
      [],
    );
    const custom = lintDocument(text, { phrases: { emotive: ['YOLO.*'] } }, { force: true }).findings.filter((x) => x.ruleId === 'emotive');
    expect(custom.map((x) => text.slice(x.start, x.end))).toEqual(['YOLO.*']);
  });

  it('splits sentences without breaking abbreviations or versions', () => {
    const s = 'We rolled back v2.3 at 14:05, e.g. via the CLI. Then it recovered! Done';
    expect(splitSentences(s).map((x) => s.slice(x.start, x.end))).toEqual([
      'We rolled back v2.3 at 14:05, e.g. via the CLI.',
      'Then it recovered!',
      'Done',
    ]);
  });
});
