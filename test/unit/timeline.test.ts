import { describe, expect, it } from 'vitest';
import { buildModel } from '../../server/src/engine/model/buildModel';
import { lint } from '../../server/src/engine/index';
// Snippets here are not full postmortems, so detection is bypassed with `force`.

const lintAll = (text: string) => lint(text, undefined, { force: true });
const ids = (text: string, rule: string): string[] =>
  lintAll(text)
    .filter((f) => f.ruleId === rule)
    .map((f) => text.slice(f.start, f.end));

describe('timeline layouts', () => {
  it.each([
    ['bullets with bold times', '## Timeline (UTC)\n\n- **09:14** - Deploy\n- **09:20** - Alert fires\n', ['09:14', '09:20']],
    ['numbered with dates', '## Timeline\n\n1. **Mar 05 00:10** deploy\n2. **Mar 05 00:20** alert\n', ['Mar 05 00:10', 'Mar 05 00:20']],
    [
      'table',
      '## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n| 2024-03-05 09:14 | Deploy |\n| 2024-03-05 09:20 | Alert |\n',
      ['2024-03-05 09:14', '2024-03-05 09:20'],
    ],
    [
      'split Day | Date | Time table',
      '## Timeline\n\n| Day | Date | Time (UTC) | Event |\n|---|---|---|---|\n| Tue | 2024-03-05 | 09:14 | Deploy |\n',
      ['Tue | 2024-03-05 | 09:14'],
    ],
    ['heading per time', '## Timeline\n\nAll times in UTC.\n\n### 09:14\n\nDeploy\n\n### 09:20\n\nAlert fires.\n', ['09:14', '09:20']],
    [
      'bold-lead paragraphs',
      '## Timeline\n\n**Mar 4, 2024, 09:15 (UTC):** deploy\n\n**Mar 4, 2024, 09:30 (UTC):** alert\n',
      ['Mar 4, 2024, 09:15 (UTC)', 'Mar 4, 2024, 09:30 (UTC)'],
    ],
    ['time line then description', '## Timeline\n\n1:03 AM\nFirst alert fires\n\n5:00 AM\nAcknowledged\n', ['1:03 AM', '5:00 AM']],
    ['bare date lines then bullets', '## Timeline\n\n2019-01-22\n\n- 2:54 PM PST: merged\n', ['2:54 PM PST']],
    ['timestamp-only bullet', '## Timeline\n\n- **09:14 UTC**\n\n  Deploy starts\n', ['09:14 UTC']],
  ])('%s', (_name, text, stamps) => {
    const m = buildModel(text);
    expect(m.timeline.map((e) => text.slice(e.timestamp.start, e.timestamp.end))).toEqual(stamps);
    expect(m.timeline.every((e) => e.text.length > 0)).toBe(true);
  });

  it('skips code blocks, inline code, blockquotes, images and definitions', () => {
    const text =
      '## Timeline (UTC)\n\n- 10:00 deploy\n\n```\n09:00 log line\n```\n\n> 08:00 chat\n\n`07:00` inline\n\n![x](2024-03-05.png)\n\n[1]: https://x/09:00\n\n- 10:05 alert\n';
    expect(buildModel(text).timeline.map((e) => e.raw)).toEqual(['10:00', '10:05']);
  });

  it('keeps day headings at the Timeline level inside the timeline, and rolls the day', () => {
    const text = '## Timeline\n\n_All times in EEST_\n\n## May 12\n\n### 23:00\n\nx\n\n### 00:40\n\ny\n\n## May 13\n\n### 14:30\n\nz\n';
    const t = buildModel(text).timeline;
    expect(t.map((e) => e.time)).toEqual(['23:00', '00:40', '14:30']);
    expect(t.every((e) => e.zone === 'EEST')).toBe(true);
  });

  it('takes the zone from a wrapped sentence, a table header, a heading and the preamble', () => {
    expect(buildModel('## Timeline\n\nAll times below are given in\nUTC.\n\n- 10:00 x\n').timeline[0]!.zone).toBe('UTC');
    expect(buildModel('## Timeline\n\n| Date and Time in CET | Event |\n|---|---|\n| 2019-11-29 12:00 | x |\n').timeline[0]!.zone).toBe(
      'CET',
    );
    expect(buildModel('## Timeline (times in BST)\n\n### 5:00 PM\n\nx\n').timeline[0]!.zone).toBe('BST');
    expect(buildModel('All times in PDT (UTC-7).\n\n## Summary\n\nx\n\n## Timeline\n\n- [10:00] x\n').timeline[0]!.zone).toBe('PDT');
  });
});

describe('timeline-order', () => {
  it('flags a genuinely out-of-order entry and points at the conflicting one', () => {
    const text = '## Timeline (UTC)\n\n- 14:49 a\n- 14:43 b\n- 14:55 c\n';
    const f = lintAll(text).filter((x) => x.ruleId === 'timeline-order');
    expect(f.map((x) => text.slice(x.start, x.end))).toEqual(['14:43']);
    expect(text.slice(f[0]!.related![0]!.start, f[0]!.related![0]!.end)).toBe('14:49');
    expect(f[0]!.fix).toBeUndefined();
    const s = f[0]!.suggestions![0]!;
    let out = text;
    for (const e of [...s.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    expect(out).toBe('## Timeline (UTC)\n\n- 14:43 b\n- 14:49 a\n- 14:55 c\n');
  });

  it('a weekday without a date moves the day forward; a weekday that steps back is out of order', () => {
    const order = (text: string) =>
      lintAll(text)
        .filter((x) => x.ruleId === 'timeline-order')
        .map((x) => text.slice(x.start, x.end));
    expect(order('## Timeline (UTC)\n\n- Friday 22:10 a\n- Saturday 01:30 b\n- Monday 9am c\n- Monday 3 pm d\n')).toEqual([]);
    expect(order('## Timeline (UTC)\n\n- Wednesday 09:00 a\n- Tuesday 10:00 b\n- Wednesday 11:00 c\n')).toEqual(['Tuesday 10:00']);
  });

  it('a zone declared in italics, in words ("_Times are in Pacific time._"), applies to the entries', () => {
    const model = buildModel('## Timeline\n\n_Times are in Pacific time._\n\n- 09:14 a\n');
    expect(model.timeline.map((e) => e.zone)).toEqual(['Pacific']);
  });

  it('entries in different zones: the message shows both times converted to UTC', () => {
    const message = (text: string) =>
      lintAll(text)
        .filter((x) => x.ruleId === 'timeline-order')
        .map((x) => x.message);
    expect(message('## Timeline (2024-03-12)\n\n- 16:40 CET a\n- 15:32 UTC b\n')).toEqual([
      'Timeline entry 15:32 UTC is earlier than the entry above it (16:40 CET = 15:40 UTC). If it was added later or has a typo, move or correct it.',
    ]);
    expect(message('## Timeline (2024-03-12)\n\n- 14:30 CET a\n- 09:05 EDT b\n')).toEqual([
      'Timeline entry 09:05 EDT = 13:05 UTC is earlier than the entry above it (14:30 CET = 13:30 UTC). If it was added later or has a typo, move or correct it.',
    ]);
    // a zone declared by the heading is named; UTC dates appear when the two fall on different UTC days
    expect(message('## Timeline (all times PDT)\n\n- 2024-03-13 00:10 UTC a\n- 2024-03-12 16:05 b\n')).toEqual([
      'Timeline entry 2024-03-12 16:05 PDT = 2024-03-12 23:05 UTC is earlier than the entry above it (2024-03-13 00:10 UTC). If it was added later or has a typo, move or correct it.',
    ]);
    // one zone: the times as written
    expect(message('## Timeline (UTC)\n\n- 14:49 a\n- 14:43 b\n')).toEqual([
      'Timeline entry 14:43 is earlier than the entry above it (14:49). If it was added later or has a typo, move or correct it.',
    ]);
  });

  it.each([
    ['(a) midnight roll-over', '## Timeline\n\n- [23:55] a\n- [07:00] b\n'],
    ['(b) date only when it changes', '## Timeline\n\n- **22:30 UTC (Oct 29)** a\n- **00:03 UTC (Oct 30)** b\n- **05:39 UTC** c\n'],
    ['(d) lead-up history', '# Outage 2019-03-26\n\n## Timeline\n\n- [12-05 16:21] a\n- [03-20 16:46] b\n- [03-26 17:40] c\n'],
    ['(e) restarted timeline', '## Timeline (UTC)\n\n### 5:00 PM\n\na\n\n## Follow-up timeline (UTC)\n\n### 4:00 PM\n\nb\n'],
    ['(f) zone switch', '## Timeline\n\n- 16:29 CET a\n- 15:32 UTC log b\n'],
    ['(g) equal times', '## Timeline\n\n- 14:33 a\n- 14:33 b\n'],
    ['(g) approximations and placeholders', '## Timeline\n\n- 14:33 a\n- ~14:00 b\n- [???] c\n- 14:40 d\n'],
    ['(g) ranges', '## Timeline\n\n- 22:40-01:15 a\n- 22:45 b\n'],
  ])('quiet on %s', (_name, text) => {
    expect(ids(text, 'timeline-order')).toEqual([]);
    expect(buildModel(text).timeline.length).toBeGreaterThan(1);
  });
});

describe('timeline-timezone, timeline-timestamp, duration-mismatch', () => {
  it('reports a timeline without any zone, and not one with a zone', () => {
    expect(ids('## Timeline\n\n- 10:00 a\n- 10:05 b\n', 'timeline-timezone')).toEqual(['## Timeline']);
    expect(ids('## Timeline (UTC)\n\n- 10:00 a\n', 'timeline-timezone')).toEqual([]);
    expect(ids('## Timeline\n\n- 10:00 UTC a\n', 'timeline-timezone')).toEqual([]);
  });
  it('reports unlabelled times among mixed zones', () => {
    expect(ids('## Timeline\n\n- 10:00 UTC a\n- 11:00 CET b\n- 12:00 c\n', 'timeline-timezone')).toEqual(['12:00']);
  });
  it('gives the chosen reading of ambiguous timestamps', () => {
    const text = '## Timeline (UTC)\n\n- 13:55 PM a\n';
    const f = lintAll(text).filter((x) => x.ruleId === 'timeline-timestamp');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('13:55');
    expect(ids('## Timeline (UTC)\n\n- 10:00 AM a\n- 11:30 b\n', 'timeline-timestamp')).toEqual(['11:30']);
  });
  it('flags a stated duration that disagrees with the timeline', () => {
    const bad = '**Duration:** 3 hours\n\n## Timeline (UTC)\n\n- 10:00 Alert fires\n- 10:45 Service fully restored\n';
    expect(ids(bad, 'duration-mismatch')).toEqual(['3 hours']);
    const good = '**Duration:** 45 minutes\n\n## Timeline (UTC)\n\n- 10:00 Alert fires\n- 10:45 Service fully restored\n';
    expect(ids(good, 'duration-mismatch')).toEqual([]);
  });
});

describe('timeline-timestamp: a repeated year typo', () => {
  it('is reported once per timeline, naming the other rows', () => {
    const text =
      '## Timeline (CET)\n\n- 20202-01-16 12:00 a\n- 20202-01-17 12:00 b\n- 20202-01-20 12:00 c\n\n## Follow-up timeline (CET)\n\n- 20202-02-03 09:00 d\n';
    const found = lintAll(text).filter((f) => f.ruleId === 'timeline-timestamp');
    expect(found.map((f) => [text.slice(f.start, f.end), f.message])).toEqual([
      ['20202-01-16 12:00', 'The year in "20202-01-16 12:00" looks mistyped; read as 2020-01-16 (and 2 more rows with the same year).'],
      ['20202-02-03 09:00', 'The year in "20202-02-03 09:00" looks mistyped; read as 2020-02-03.'],
    ]);
    expect(found[0]!.related!.map((r) => text.slice(r.start, r.end))).toEqual(['20202-01-17 12:00', '20202-01-20 12:00']);
  });
});
