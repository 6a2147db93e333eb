// followUpsOf (issue 17 §2): each action item gets exactly one follow-up state, the first that holds, on a given
// day: overdue (due before today), due within 14 days (today through today + 14), open without a date, open without
// an owner, scheduled, done, let go. The boundaries are the days either side of today and of today + 14.
import { describe, expect, it } from 'vitest';
import { buildModel, followUpsOf } from '../../server/src/engine/index';

const TODAY = '2026-03-10';

function states(items: string[]): [string, string][] {
  const text = `# Incident 2026-03-01: cache outage\n\n## Action items\n\n${items.map((i) => `- ${i}`).join('\n')}\n`;
  return followUpsOf(buildModel(text), TODAY).map((f) => [f.text.split(' ')[0]!, f.state]);
}

describe('follow-up states', () => {
  it('due dates around today and today + 14 days', () => {
    expect(
      states([
        '[ ] Yesterday item (owner: @a, due: 2026-03-09)',
        '[ ] Today item (owner: @a, due: 2026-03-10)',
        '[ ] Fortnight item (owner: @a, due: 2026-03-24)',
        '[ ] Later item (owner: @a, due: 2026-03-25)',
      ]),
    ).toEqual([
      ['Yesterday', 'overdue'],
      ['Today', 'due-soon'],
      ['Fortnight', 'due-soon'],
      ['Later', 'scheduled'],
    ]);
  });

  it('one state per item, the first that holds: overdue before a missing owner, a date before an owner', () => {
    expect(
      states([
        '[ ] Unowned overdue item (due: 2026-01-01)',
        '[ ] Unowned undated item',
        '[ ] Unowned later item (due: 2026-06-01)',
        '[x] Finished item (due: 2026-01-01)',
        '[-] Dropped item (reason: superseded)',
      ]),
    ).toEqual([
      ['Unowned', 'overdue'],
      ['Unowned', 'no-date'],
      ['Unowned', 'no-owner'],
      ['Finished', 'done'],
      ['Dropped', 'let-go'],
    ]);
  });
});
