import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  findZoneDeclaration,
  formatElapsed,
  parseDate,
  parseDayHeading,
  parseDuration,
  parseLabelledTimestamp,
  parseLeadingTimestamp,
  zoneOffsetMinutes,
} from '../../server/src/engine/text/datetime';

type Expect = {
  raw: string;
  date?: string; // Y-M-D with `?` for a missing year
  time?: string; // HH:MM[:SS] 24h
  end?: string;
  zone?: string;
  alt?: string;
  approximate?: boolean;
  placeholder?: boolean;
  pmOn24h?: boolean;
  range?: boolean;
  confidence?: 'high' | 'medium' | 'low';
};

// Every class of real-postmortems.md §3.2, with the corpus line it comes from where there is one.
const CASES: Array<[string, Expect]> = [
  ['**16:58 UTC** - Writer database', { raw: '16:58 UTC', time: '16:58', zone: 'UTC', confidence: 'high' }], // 07:13
  ['**10:45** - SDK version', { raw: '10:45', time: '10:45' }], // 08:13
  ['[08:47] Prow', { raw: '08:47', time: '08:47' }], // 20:89
  ['[12-05 16:21] Crashloop bug', { raw: '12-05 16:21', date: '?-12-05', time: '16:21' }], // 21:74
  ['2019-11-29 12:00     ', { raw: '2019-11-29 12:00', date: '2019-11-29', time: '12:00' }], // 01:29
  ['2021-12-10   15:40', { raw: '2021-12-10   15:40', date: '2021-12-10', time: '15:40' }], // 05:16
  ['20202-01-16 12:00', { raw: '20202-01-16 12:00', date: '2020-01-16', time: '12:00', confidence: 'low' }], // 02:14 typo
  ['2:54 PM PST: [config', { raw: '2:54 PM PST', time: '14:54', zone: 'PST' }], // 19:110
  ['5:00 PM', { raw: '5:00 PM', time: '17:00' }],
  ['11:39AM', { raw: '11:39AM', time: '11:39' }], // 28:107
  ['08:52 PM', { raw: '08:52 PM', time: '20:52' }], // 27:18
  ['12:05 a.m. restart', { raw: '12:05 a.m.', time: '00:05' }],
  ['12:30 pm lunch', { raw: '12:30 pm', time: '12:30' }],
  ['2021-12-10', { raw: '2021-12-10', date: '2021-12-10', confidence: 'medium' }], // 05:15
  ['Jan 14, 10:18 AM', { raw: 'Jan 14, 10:18 AM', date: '?-01-14', time: '10:18' }], // 11:33
  ['Feb 20 2018 14:17', { raw: 'Feb 20 2018 14:17', date: '2018-02-20', time: '14:17' }], // 38:16
  ['19. April, 11:00', { raw: '19. April, 11:00', date: '?-04-19', time: '11:00' }], // 39:88
  ['2018-08-22, 03:26pm: first noticed', { raw: '2018-08-22, 03:26pm', date: '2018-08-22', time: '15:26' }], // 49:58
  ['2018-01-17 17:14pm', { raw: '2018-01-17 17:14pm', date: '2018-01-17', time: '17:14', pmOn24h: true, confidence: 'low' }], // 37:30
  ['22:30 UTC (Oct 29)', { raw: '22:30 UTC (Oct 29)', date: '?-10-29', time: '22:30', zone: 'UTC' }], // 09:141
  ['2020-10-06 09:00 - 11:00', { raw: '2020-10-06 09:00 - 11:00', date: '2020-10-06', time: '09:00', end: '11:00', range: true }], // 03:17
  ['~13:30-13:45', { raw: '~13:30-13:45', time: '13:30', end: '13:45', range: true, approximate: true }], // 39:18
  ['17:00-18:00', { raw: '17:00-18:00', time: '17:00', end: '18:00', range: true }], // 38:126
  ['2020-11-17 10:45~', { raw: '2020-11-17 10:45~', date: '2020-11-17', time: '10:45', approximate: true }], // 04:21
  ['2018-07-08 ca. 18:30', { raw: '2018-07-08 ca. 18:30', date: '2018-07-08', time: '18:30', approximate: true }], // 40:14
  ['22:52 (maybe earlier?)', { raw: '22:52 (maybe earlier?)', time: '22:52', approximate: true }], // 38:275
  ['2019-12-03 --:--', { raw: '2019-12-03 --:--', date: '2019-12-03', placeholder: true, confidence: 'low' }], // 01:34
  ['[???] IOPS reached', { raw: '???', placeholder: true }], // 22:81
  ['2X:XX (not sure exact time)', { raw: '2X:XX (not sure exact time)', placeholder: true, approximate: true }], // 38:243
  ['09:14 EDT (13:14 UTC): x', { raw: '09:14 EDT (13:14 UTC)', time: '09:14', zone: 'EDT', alt: '13:14 UTC' }],
  ['2024-03-05T09:14:00Z — x', { raw: '2024-03-05T09:14:00Z', date: '2024-03-05', time: '09:14:00', zone: 'UTC' }],
  ['2024-03-05T09:14:00+05:30 x', { raw: '2024-03-05T09:14:00+05:30', date: '2024-03-05', time: '09:14:00', zone: 'UTC+5:30' }],
  ['05-03-2024 09:14 - x', { raw: '05-03-2024 09:14', date: '2024-03-05', time: '09:14' }],
  ['**05-03-2024**', { raw: '05-03-2024', date: '2024-03-05' }],
  ['03/05/2024 - 09:14 CST - x', { raw: '03/05/2024 - 09:14 CST', date: '2024-03-05', time: '09:14', zone: 'CST' }],
  ['Mar 5 0914 UTC: x', { raw: 'Mar 5 0914 UTC', date: '?-03-05', time: '09:14', zone: 'UTC' }],
  ['2230 UTC: x', { raw: '2230 UTC', time: '22:30', zone: 'UTC' }],
  ['15:20 PM PST', { raw: '15:20 PM PST', time: '15:20', zone: 'PST', pmOn24h: true }],
  ['23:10 AM MST', { raw: '23:10 AM MST', time: '23:10', zone: 'MST', pmOn24h: true }],
  ['09:14 AM PST Tuesday Mar 5th: x', { raw: '09:14 AM PST Tuesday Mar 5th', date: '?-03-05', time: '09:14', zone: 'PST' }],
  ['14:02:11 UTC x', { raw: '14:02:11 UTC', time: '14:02:11', zone: 'UTC' }],
  ['09:14 5th Mar 2024 - x', { raw: '09:14 5th Mar 2024', date: '2024-03-05', time: '09:14' }],
  ['5-9th Mar - x', { raw: '5-9th Mar', date: '?-03-05', range: true }],
  ['2024-03-05 9:14 AM Eastern: x', { raw: '2024-03-05 9:14 AM Eastern', date: '2024-03-05', time: '09:14', zone: 'Eastern' }],
  ['Feb 21, 13:00', { raw: 'Feb 21, 13:00', date: '?-02-21', time: '13:00' }], // 38:299
  ['**Mar 4, 2024, 09:15 (UTC):** x', { raw: 'Mar 4, 2024, 09:15 (UTC)', date: '2024-03-04', time: '09:15', zone: 'UTC' }],
  ['Aug 12, 2025 at 4:32PM UTC', { raw: 'Aug 12, 2025 at 4:32PM UTC', date: '2025-08-12', time: '16:32', zone: 'UTC' }], // 30:42
  ['10h14 CET x', { raw: '10h14 CET', time: '10:14', zone: 'CET' }],
  ['2024-Mar-05 x', { raw: '2024-Mar-05', date: '2024-03-05' }],
  ['July 23 4:10 AM', { raw: 'July 23 4:10 AM', date: '?-07-23', time: '04:10' }], // 29
  ['1:03', { raw: '1:03', time: '01:03' }], // 29:23
  ['13:05 UTC+2 deploy', { raw: '13:05 UTC+2', time: '13:05', zone: 'UTC+2' }],
  ['13:05 GMT+1 deploy', { raw: '13:05 GMT+1', time: '13:05', zone: 'GMT+1' }],
  ['09:00 US/Pacific deploy', { raw: '09:00 US/Pacific', time: '09:00', zone: 'US/Pacific' }],
];

function fmtDate(d: { year?: number; month: number; day: number } | undefined): string | undefined {
  if (!d) return undefined;
  return `${d.year ?? '?'}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
function fmtTime(t: { hour: number; minute: number; second?: number } | undefined): string | undefined {
  if (!t) return undefined;
  const s = `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
  return t.second !== undefined ? `${s}:${String(t.second).padStart(2, '0')}` : s;
}

describe('parseLeadingTimestamp', () => {
  it.each(CASES)('%s', (input, want) => {
    const ts = parseLeadingTimestamp(input);
    expect(ts).not.toBeNull();
    expect(ts!.raw).toBe(want.raw);
    expect(input.slice(ts!.start, ts!.end)).toBe(want.raw);
    expect(fmtDate(ts!.date)).toBe(want.date);
    expect(fmtTime(ts!.time)).toBe(want.time);
    if (want.end) expect(fmtTime(ts!.endTime)).toBe(want.end);
    expect(ts!.zone).toBe(want.zone);
    if (want.alt) expect(`${fmtTime(ts!.alt?.time)} ${ts!.alt?.zone}`).toBe(want.alt);
    expect(!!ts!.approximate).toBe(!!want.approximate);
    expect(!!ts!.placeholder).toBe(!!want.placeholder);
    expect(!!ts!.pmOn24h).toBe(!!want.pmOn24h);
    expect(!!ts!.isRange).toBe(!!want.range);
    if (want.confidence) expect(ts!.confidence).toBe(want.confidence);
  });

  it.each([
    'Total impact duration: 5 hours',
    'Monitoring shows errors',
    'log4j 2.17 published',
    '78% of requests failed',
    '`12:00` in inline code',
    '![shot](2024-03-05.png)',
    'Duration: 21:45 to 23:28 UTC',
    'May be related to the deploy',
    'Sun Microsystems',
  ])('no timestamp at the start of %s', (input) => {
    expect(parseLeadingTimestamp(input)).toBeNull();
  });

  it('does not read an abbreviation-like word as a zone', () => {
    expect(parseLeadingTimestamp('10:45 met with the vendor')!.zone).toBeUndefined();
    expect(parseLeadingTimestamp('10:45 est. impact')!.zone).toBeUndefined();
  });

  it('flags a bare 1-12 hour as possibly 12-hour and a 24-hour value as not', () => {
    expect(parseLeadingTimestamp('5:05 restart')!.bareTwelveHour).toBe(true);
    expect(parseLeadingTimestamp('17:05 restart')!.bareTwelveHour).toBeFalsy();
    expect(parseLeadingTimestamp('5:05 PM restart')!.bareTwelveHour).toBeFalsy();
  });

  it('honours a start offset and UTF-16 offsets after emoji', () => {
    const s = '🔥 | 12:00 | x';
    const ts = parseLeadingTimestamp(s, 2);
    expect(s.slice(ts!.start, ts!.end)).toBe('12:00');
  });
});

describe('parseDayHeading', () => {
  it.each([
    ['May 12', '?-05-12', undefined],
    ['15 May', '?-05-15', undefined],
    ['2018-01-15', '2018-01-15', undefined],
    ['July 22', '?-07-22', undefined],
    ['Tuesday, March 5th 2024', '2024-03-05', undefined],
    ['May 12 (times in EEST)', '?-05-12', 'EEST'],
    ['**2019-01-22**', '2019-01-22', undefined],
  ])('%s', (input, date, zone) => {
    const d = parseDayHeading(input);
    expect(fmtDate(d?.date)).toBe(date);
    expect(d?.zone).toBe(zone);
  });
  it.each(['Feb 21, 13:00', 'October 21, 2025 - Redis Overload', 'Timeline', '08:52 PM'])('not a bare day: %s', (input) => {
    expect(parseDayHeading(input)).toBeNull();
  });
});

describe('parseDate', () => {
  it.each([
    ['2022-04-20', '2022-04-20', false],
    ['Last Modified: 2019-01-23', '2019-01-23', false],
    ['**Date:** January 14-19, 2026', '2026-01-14', false],
    ['due 03/05/2024', '2024-03-05', false],
    ['by 5 March 2024', '2024-03-05', false],
    ['Start: Wednesday, 2018-08-22', '2018-08-22', false],
    ['(Target: Q4 2025 - Q1 2026)', '2025-12-31', true],
    ['in March 2026', '2026-03-31', true],
  ])('%s', (input, iso, weak) => {
    const d = parseDate(input);
    expect(fmtDate(d ?? undefined)).toBe(iso);
    expect(!!d?.weak).toBe(weak);
  });
  it('returns null without a date', () => {
    expect(parseDate('in the coming weeks')).toBeNull();
    expect(parseDate('version 1.270.0')).toBeNull();
  });
});

describe('findZoneDeclaration', () => {
  it.each([
    ['All times in CET.', 'CET'], // 02:10
    ['_All times in EEST_', 'EEST'], // 28:16
    ['All times in PST, on February 5th 2019', 'PST'], // 20:87
    ['All times in PDT (UTC-7).', 'PDT'], // 21:3
    ['All times PDT.', 'PDT'], // 22:5
    ['Date and Time in CET', 'CET'], // 01:27
    ['Timeline (times in BST)', 'BST'], // 30:23
    ['Time (UTC)', 'UTC'], // 11:31
    ['All times below are given in\nUTC.', 'UTC'],
    ['All times are in\n  US/Pacific', 'US/Pacific'],
  ])('%s', (input, zone) => {
    expect(findZoneDeclaration(input)?.zone).toBe(zone);
  });
  it('ignores prose without a declaration', () => {
    expect(findZoneDeclaration('Several times the est. count was wrong')).toBeNull();
    expect(findZoneDeclaration('It took time to recover')).toBeNull();
  });
});

describe('zones and calendar helpers', () => {
  it('knows the zones seen in real documents', () => {
    expect(zoneOffsetMinutes('UTC')).toBe(0);
    expect(zoneOffsetMinutes('CEST')).toBe(120);
    expect(zoneOffsetMinutes('PDT')).toBe(-420);
    expect(zoneOffsetMinutes('UTC-7')).toBe(-420);
    expect(zoneOffsetMinutes('GMT+1')).toBe(60);
    expect(zoneOffsetMinutes('UTC+5:30')).toBe(330);
    expect(zoneOffsetMinutes('IST')).toBe(330); // ambiguous: India chosen
    expect(zoneOffsetMinutes('Eastern')).toBe(-300);
    expect(zoneOffsetMinutes('Mars')).toBeUndefined();
  });
  it('adds days across month, year and leap boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2021-12-01', '2022-01-28')).toBe(58);
    expect(daysBetween('2022-01-28', '2021-12-01')).toBe(-58);
  });
  it('parses durations', () => {
    expect(parseDuration('7 hours 9 minutes')).toBe(429);
    expect(parseDuration('0h 12m')).toBe(12);
    expect(parseDuration('~2h')).toBe(120);
    expect(parseDuration('279 minutes')).toBe(279);
    expect(parseDuration('N/A')).toBeNull();
  });
  it('formats elapsed time', () => {
    expect(formatElapsed(12)).toBe('+12m');
    expect(formatElapsed(65)).toBe('+1h05m');
    expect(formatElapsed(1440 + 130)).toBe('+1d 02:10');
    expect(formatElapsed(0)).toBe('+0m');
  });
});

describe('issue 14 timestamp forms', () => {
  const read = (s: string, o?: Parameters<typeof parseLeadingTimestamp>[2]) => {
    const ts = parseLeadingTimestamp(s, 0, o);
    return ts ? { raw: ts.raw, date: fmtDate(ts.date), time: fmtTime(ts.time), zone: ts.zone } : null;
  };

  it.each([
    ['Apr 2 0815 UTC - paging starts', { raw: 'Apr 2 0815 UTC', date: '?-04-02', time: '08:15', zone: 'UTC' }],
    ['Oct 30 2205 GMT: failover', { raw: 'Oct 30 2205 GMT', date: '?-10-30', time: '22:05', zone: 'GMT' }],
    ['12 Jun 1930 UTC rollback', { raw: '12 Jun 1930 UTC', date: '?-06-12', time: '19:30', zone: 'UTC' }],
    ['Oct 30, 2021 UTC', { raw: 'Oct 30, 2021 UTC', date: '2021-10-30', time: undefined, zone: 'UTC' }],
    ['Oct 30 2021 0915 UTC', { raw: 'Oct 30 2021 0915 UTC', date: '2021-10-30', time: '09:15', zone: 'UTC' }],
    ['0745Z cache node drops out', { raw: '0745Z', date: undefined, time: '07:45', zone: 'UTC' }],
  ])('a four-digit time before a zone: %s', (input, want) => {
    expect(read(input)).toEqual(want);
  });

  it.each([
    ['2230: writes resume', '22:30', undefined],
    ['0405 - page acknowledged', '04:05', undefined],
    ['2021-07-21 1315: rollback', '13:15', '2021-07-21'],
    ['Jul 21 2010: rollback', '20:10', '?-07-21'],
  ])('in a timeline written with HHMM times: %s', (input, time, date) => {
    const ts = read(input, { hhmm: true });
    expect(ts?.time).toBe(time);
    expect(ts?.date).toBe(date);
  });

  it.each(['1924 was the year it was built', '2000 requests failed', '0800%', '2021.3 release'])(
    'no HHMM reading, even in an HHMM timeline: %s',
    (input) => {
      expect(parseLeadingTimestamp(input, 0, { hhmm: true })?.time).toBeUndefined();
    },
  );

  it('reads a year after a month and day without the HHMM style', () => {
    expect(read('Jul 21 2010: rollback')).toEqual({ raw: 'Jul 21 2010', date: '2010-07-21', time: undefined, zone: undefined });
  });

  it.each([
    ['11/02 16:40 db failover', '?-11-02', '16:40'],
    ['7/9: config pushed', '?-07-09', undefined],
    ['7/9 - config pushed', '?-07-09', undefined],
    ['07/09', '?-07-09', undefined],
    ['9/30, 8:15 AM banner shown', '?-09-30', '08:15'],
  ])('month/day without a year: %s', (input, date, time) => {
    expect(read(input)?.date).toBe(date);
    expect(read(input)?.time).toBe(time);
  });

  it.each(['2/3 of the fleet rebooted', '24/7 coverage', '1/2.5 ratio', '5/10/15 minute windows', 'v1.19.24 shipped', ':8080 was closed'])(
    'not a month/day: %s',
    (input) => {
      expect(parseLeadingTimestamp(input)).toBeNull();
    },
  );

  it('never reads a month/day inside running text as a date (parseDate)', () => {
    expect(parseDate('two out of 3/4 nodes')).toBeNull();
    expect(parseDate('about 7/9')).toBeNull();
  });

  it.each([
    ['2021-11-08: failover drill', '2021-11-08'],
    ['**2021-11-08:**', '2021-11-08'],
  ])('an ISO date followed by a colon: %s', (input, date) => {
    expect(read(input)?.date).toBe(date);
  });

  it('an ISO date followed by a colon and digits is not a date', () => {
    expect(parseLeadingTimestamp('2021-11-08:13 x')).toBeNull();
  });

  it.each([
    ['2021-MM-DD 16:05 token revoked', '16:05', false],
    ['2021-04-XX 09:00 key rotated', '09:00', false],
    ['2021-??-?? 07:30 audit', '07:30', false],
    ['2021-MM-DD: key rotated', undefined, true],
  ])('a partly redacted date: %s', (input, time, placeholder) => {
    const ts = parseLeadingTimestamp(input)!;
    expect(ts.dateRedacted).toBe(true);
    expect(ts.date).toBeUndefined();
    expect(fmtTime(ts.time)).toBe(time);
    expect(!!ts.placeholder).toBe(placeholder);
  });

  it('inline-code times: any in a block that marks an entry, with a separator in running text', () => {
    expect(read('`09:12` alarm raised', { code: 'any' })).toEqual({ raw: '09:12', date: undefined, time: '09:12', zone: undefined });
    expect(read('`09:12 UTC`: alarm raised')?.zone).toBe('UTC');
    expect(read('`09:12` - alarm raised')?.time).toBe('09:12');
    expect(parseLeadingTimestamp('`09:12` is when the cron runs')).toBeNull();
    expect(parseLeadingTimestamp('`09:12 and more` text', 0, { code: 'any' })).toBeNull();
    expect(parseLeadingTimestamp('`make deploy` ran', 0, { code: 'any' })).toBeNull();
  });
});

describe('parseLabelledTimestamp', () => {
  it.each([
    ['Detected: 2023-01-04 14:02 UTC', 'Detected', '14:02', 'UTC'],
    ['First alert — 14:02', 'First alert', '14:02', undefined],
    ['**Mitigated:** 15:40, traffic drained', 'Mitigated', '15:40', undefined],
    ['__Rollback__: 4:10 PM PDT', 'Rollback', '16:10', 'PDT'],
    ['Customer impact ends at 16:05', 'Customer impact ends', '16:05', undefined],
    ['Root cause identified - 15:10', 'Root cause identified', '15:10', undefined],
  ])('%s', (input, label, time, zone) => {
    const l = parseLabelledTimestamp(input)!;
    expect(l.label).toBe(label);
    expect(fmtTime(l.ts.time)).toBe(time);
    expect(l.ts.zone).toBe(zone);
  });

  it.each([
    'Date: 2023-01-04',
    'Date: 2023-01-04 14:02',
    'Last updated: 2023-01-05 10:00',
    'Duration: 1h 20m',
    'Version: v1.19.24',
    'Port: 8080',
    'Price: $19.24',
    'The deploy at 14:02 broke logins, and we reverted',
    'Impact: 3/4 of requests failed',
    'Since 2019 the job has run nightly',
    'Owner: @dana',
  ])('no milestone label: %s', (input) => {
    expect(parseLabelledTimestamp(input)).toBeNull();
  });
});
