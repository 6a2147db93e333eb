// Pure logic of the template commands: slugs, unique names, clock parts in a zone, timeline entries by layout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clockParts,
  datedFileName,
  detectTimelineLayout,
  formatTimelineEntry,
  isValidZone,
  slugify,
  uniqueFileName,
  withTitle,
  type ClockParts,
} from '../../client/src/commandLogic';
import { templateForProfile } from '../../client/src/templates';
import { parseLeadingTimestamp, zoneOffsetMinutes } from '../../server/src/engine/text/datetime';
import { buildModel } from '../../server/src/engine/index';
import { expandSnippet } from './helpers/snippetExpander';

const expand = (snippet: string) => expandSnippet(snippet, {}).text;

describe('file names', () => {
  it('slugifies titles: case, punctuation, accents, length', () => {
    expect(slugify('Checkout: 502s after deploy!')).toBe('checkout-502s-after-deploy');
    expect(slugify("Zürich DC's power — failover")).toBe('zurich-dcs-power-failover');
    expect(slugify('   ')).toBe('postmortem');
    const long = slugify('a very long incident title that keeps going on and on about the many things that broke');
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('-')).toBe(false);
    expect(datedFileName('2026-01-15', 'DNS outage')).toBe('2026-01-15-dns-outage.md');
  });
  it('never returns a taken name: adds -2, -3 …', async () => {
    const taken = new Set(['2026-01-15-dns.md', '2026-01-15-dns-2.md']);
    expect(await uniqueFileName('2026-01-15-dns.md', (n) => taken.has(n))).toBe('2026-01-15-dns-3.md');
    expect(await uniqueFileName('2026-01-15-new.md', async (n) => taken.has(n))).toBe('2026-01-15-new.md');
    await expect(uniqueFileName('x.md', () => true, 5)).rejects.toThrow(/no free file name/);
  });
});

describe('clock in the configured zone', () => {
  const instant = new Date(Date.UTC(2026, 6, 1, 23, 5, 9)); // 2026-07-01 23:05:09 UTC
  it('formats UTC and IANA zones, crossing the date line, with a label the engine reads', () => {
    expect(clockParts(instant, 'UTC')).toEqual({ date: '2026-07-01', hour: '23', minute: '05', second: '09', zoneLabel: 'UTC' });
    const berlin = clockParts(instant, 'Europe/Berlin');
    expect([berlin.date, berlin.hour, berlin.minute]).toEqual(['2026-07-02', '01', '05']);
    expect(zoneOffsetMinutes(berlin.zoneLabel)).toBe(120);
    const la = clockParts(instant, 'America/Los_Angeles');
    expect([la.date, la.hour]).toEqual(['2026-07-01', '16']);
    expect(zoneOffsetMinutes(la.zoneLabel)).toBe(-420);
    const kolkata = clockParts(instant, 'Asia/Kolkata');
    expect([kolkata.date, kolkata.hour, kolkata.minute]).toEqual(['2026-07-02', '04', '35']);
    expect(zoneOffsetMinutes(kolkata.zoneLabel)).toBe(330);
  });
  it('rejects unknown zones', () => {
    expect(isValidZone('Europe/Berlin')).toBe(true);
    expect(isValidZone('UTC')).toBe(true);
    expect(isValidZone('Mars/Olympus')).toBe(false);
    expect(() => clockParts(instant, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('timeline entry matching the surrounding layout', () => {
  const clock: ClockParts = { date: '2026-07-01', hour: '09', minute: '07', second: '30', zoneLabel: 'UTC' };
  const entryFor = (doc: string, line: number, c = clock) => {
    const lines = doc.split('\n');
    const layout = detectTimelineLayout(lines, line);
    return { layout, text: expand(formatTimelineEntry(layout, c, layout.model !== undefined ? lines[layout.model] : undefined)) };
  };

  it('a table timeline gets a row with the same columns and time format', () => {
    const doc = ['## Timeline', '', '| Time | Event | Notes |', '| --- | --- | --- |', '| 2022-01-25 10:21 | Alerts fired | |', ''].join(
      '\n',
    );
    const { layout, text } = entryFor(doc, 5);
    expect(layout.kind).toBe('table');
    expect(text).toBe('| 2026-07-01 09:07 | What happened | |');
  });
  it('a bold bullet timeline with a zone keeps the bold, the zone and the separator', () => {
    const doc = ['## Timeline', '', '- **16:58 UTC** - Writer database saturated', ''].join('\n');
    expect(entryFor(doc, 3).text).toBe('- **09:07 UTC** - What happened');
  });
  it('a bullet timeline whose zone is declared once writes no zone; seconds are kept', () => {
    const doc = ['## Timeline', '', 'All times in CET.', '', '* 10:45:12: deployed', ''].join('\n');
    expect(entryFor(doc, 5).text).toBe('* 09:07:30: What happened');
  });
  it('a numbered timeline continues the numbering', () => {
    const doc = ['## Timeline', '', '1. 10:00 UTC — paged', '2. 10:05 UTC — acknowledged', ''].join('\n');
    expect(entryFor(doc, 4).text).toBe('3. 09:07 UTC — What happened');
  });
  it('heading entries get a heading and a body line', () => {
    const doc = ['## Timeline', '', '### 2018-07-08 ca. 18:30', '', 'Launch success drops to zero.', ''].join('\n');
    expect(entryFor(doc, 5).text).toBe('### 2026-07-01 09:07\n\nWhat happened');
  });
  it('with no entry nearby: a bullet with the zone label, stopping at other sections', () => {
    const doc = ['## Impact', '', '- 10:00 UTC — errors began', '', '## Timeline', '', ''].join('\n');
    const { layout, text } = entryFor(doc, 6, { ...clock, zoneLabel: 'UTC+02:00' });
    expect(layout.kind).toBe('none');
    expect(text).toBe('- 09:07 UTC+02:00 — What happened');
  });
  it('every layout produces an entry the engine parses with the right time and zone', () => {
    const c = { ...clock, zoneLabel: 'PDT' };
    for (const doc of [
      ['## Timeline', '', '| Time | Event |', '| --- | --- |', '| 10:21 PDT | a |', ''],
      ['## Timeline', '', '- **16:58 PDT** - a', ''],
      ['## Timeline', '', ''],
    ]) {
      const { text } = entryFor(doc.join('\n'), doc.length - 1, c);
      const ts = parseLeadingTimestamp(text.replace(/^[-*+]\s+|^\|\s*/, ''));
      expect(ts?.time, text).toEqual({ hour: 9, minute: 7 });
      expect(ts?.zone, text).toBe('PDT');
    }
  });
  it('the inserted entry is a timeline entry of the model', () => {
    const doc = ['# Outage', '', '## Timeline', '', '- 08:00 UTC — paged', ''];
    const { text } = entryFor(doc.join('\n'), 5);
    const model = buildModel([...doc.slice(0, 5), text, ''].join('\n'));
    expect(model.timeline.map((e) => e.time)).toEqual(['08:00', '09:07']);
  });
});

describe('new from template', () => {
  it('puts the title into the first field of each profile template', () => {
    const file = readFileSync(join(__dirname, '../../snippets/postmortem.code-snippets'), 'utf8');
    for (const profile of ['standard', 'google-sre', 'pagerduty', 'custom']) {
      const body = withTitle(templateForProfile(file, profile).body, 'Costs $5 {a}');
      const out = expandSnippet(body, { CURRENT_YEAR: '2026', CURRENT_MONTH: '01', CURRENT_DATE: '15' });
      expect(out.text.split('\n')[0]).toBe('# Costs $5 {a}');
      const first = out.tabStops.find((t) => t.index === 1)!;
      expect(out.text.slice(first.start, first.end)).toBe('Costs $5 {a}');
    }
  });
});
