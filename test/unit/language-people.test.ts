// Named people without "@" (real-postmortems.md §5.4): a capitalised word is a person subject only when the
// document names it as a person (metadata, action-item owners, @handles, Name <email>, timeline subjects twice).
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../server/src/engine/model/buildModel';
import { learnPeople, maskPeople } from '../../server/src/engine/language/people';
import { languageFindings } from './helpers/language';

const people = (text: string) => learnPeople(buildModel(text));

describe('learnPeople', () => {
  it('learns metadata authors and commanders, handles, Name <email> and action-item owners', () => {
    const text = [
      '# Outage',
      '',
      '**Authors:** Priya Raman, @tomas',
      '**Incident commander:** Grace Okafor <grace.okafor@example.com>',
      '',
      '## Summary',
      '',
      'Escalated to Wen Li <wen@example.com> at 14:00.',
      '',
      '## Action items',
      '',
      '- [ ] Add a range check, owner: Mei, due: 2025-05-01, OPS-12',
      '',
    ].join('\n');
    expect(people(text)).toEqual(['Grace', 'Li', 'Mei', 'Okafor', 'Priya', 'Raman', 'Tomas', 'Wen']);
  });

  it('learns a timeline subject of a human verb only when it acts in two entries', () => {
    const text = (second: string) =>
      ['# Outage', '', '## Timeline', '', '- 14:02 Dave merges the change', `- 14:20 ${second}`, '- 14:30 Config reverted', ''].join('\n');
    expect(people(text('Dave finally notices the error graph'))).toEqual(['Dave']);
    expect(people(text('Error graph spikes'))).toEqual([]);
  });

  it('never learns product names, team names or words the document also uses in lower case', () => {
    const text = [
      '# Outage',
      '',
      '**Authors:** Platform team, Will Chen',
      '',
      '## Timeline',
      '',
      '- 14:02 Prometheus notices the spike',
      '- 14:03 Prometheus notices it again',
      '- 14:04 Cake merges the change',
      '- 14:05 Cake acknowledges the webhook',
      '- 14:06 Teams notices nothing',
      '- 14:07 Teams acknowledges',
      '',
      'The job will retry.',
      '',
    ].join('\n');
    expect(people(text)).toEqual(['Chen']);
  });

  it('masks capitalised names only, keeping every offset', () => {
    const s = 'Dave pushed; dave@ and @Dave and Daves and Dave-bot stay. Dave.';
    const out = maskPeople(s, ['Dave']);
    expect(out).toHaveLength(s.length);
    expect(out).toBe('@xxx pushed; dave@ and @Dave and Daves and Dave-bot stay. @xxx.');
  });
});

describe('named people as subjects', () => {
  const doc = (meta: string, sentence: string) => `# Outage\n\n${meta}\n\n## Summary\n\n${sentence}\n`;
  it('a learned name is a person subject, and so is a name the document uses only in the blameful sentence', () => {
    expect(
      languageFindings(doc('**Authors:** Dave Smith', 'Dave failed to check the canary dashboard.')).map((f) => [f.ruleId, f.severity]),
    ).toEqual([['omission', 'warning']]);
    // issue 15: a proper noun that is the subject of a human action is a person unless the document uses it as a word
    for (const s of [
      'Dave failed to check the canary dashboard.',
      'Yesterday Oluwaseun ignored the page.',
      'Then Brannagh forgets the dashboard.',
    ])
      expect(languageFindings(doc('**Authors:** Ann Lee', s)).map((f) => f.ruleId)).toEqual(['omission']);
  });

  it('a capitalised word the document also writes in lower case, or a product name, is not a person', () => {
    expect(languageFindings(doc('**Authors:** Ann Lee', 'Mark failed to load; the mark was never written.'))).toEqual([]);
    expect(languageFindings(doc('**Authors:** Ann Lee', 'Later, Sentry ignored the rate-limit header.'))).toEqual([]);
    expect(languageFindings(doc('**Authors:** Ann Lee', 'Deployments were missed during the freeze window.'))).toEqual([]);
  });
});
