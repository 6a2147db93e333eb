// Protocol tier: timeline editor features through the bundled server over stdio
// (inlay hints with elapsed time, hover on a timestamp and on the Timeline heading, metrics CodeLens),
// and the same metrics in the bundled CLI's `inspect` output.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeLens, Hover, InlayHint, MarkupContent } from 'vscode-languageserver-protocol';
import { TestClient } from './helpers/client';

// Crosses midnight without a date: 00:02 is the next day, not 23h58 earlier.
const DOC = `# Checkout outage

## Summary

Checkout failed overnight.

## Timeline

All times in UTC.

- 23:50 Deploy of build 4411 starts
- 23:57 First alert fires for checkout errors
- 00:02 On-call acknowledges the page
- 01:05 Rollback completed, errors subsided
- 02:10 Service fully restored

## Action Items

- Add a canary stage (owner: @dana, due: 2026-04-01, OPS-12, done when canary blocks bad configs)
`;
const line = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

let client: TestClient;
beforeEach(async () => {
  client = new TestClient();
  await client.initialize();
});
afterEach(async () => {
  await client.shutdown();
});

const uri = (name: string) => URI.file(path.join(os.tmpdir(), 'pm-lsp-timeline', name)).toString();
const wholeDoc = (text: string) => ({ start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } });
const hints = (u: string, text: string) =>
  client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: u }, range: wholeDoc(text) });
const hover = (u: string, l: number, character: number) =>
  client.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: { line: l, character } });
const value = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? '';

describe('capabilities', () => {
  it('declares inlay hints and CodeLens', () => {
    expect(client.initializeResult!.capabilities.inlayHintProvider).toBe(true);
    expect(client.initializeResult!.capabilities.codeLensProvider).toBeTruthy();
  });
});

describe('inlay hints', () => {
  it.each([
    ['LF', DOC],
    ['CRLF', DOC.replace(/\n/g, '\r\n')],
  ])('elapsed since the first entry, at the end of each timestamp, across midnight (%s)', async (eol, text) => {
    const u = uri(`overnight-${eol}.md`);
    client.open(u, text);
    const got = await hints(u, DOC);
    expect(got.map((h) => [h.position.line, h.position.character, h.label])).toEqual([
      [line(DOC, '23:57'), 7, '+7m'],
      [line(DOC, '00:02'), 7, '+12m'],
      [line(DOC, '01:05'), 7, '+1h15m'],
      [line(DOC, '02:10'), 7, '+2h20m'],
    ]);
    for (const h of got) {
      expect(h.paddingLeft).toBe(true);
      expect(h.kind === undefined || h.kind === 2).toBe(true); // none or Parameter
    }
  });

  it('days across dates, only within the requested range, per timeline', async () => {
    const text = `# DB outage\n\n## Summary\n\nx\n\n## Timeline (UTC)\n\n| Time | Event |\n|---|---|\n| 2024-03-05 23:50 | Deploy |\n| 2024-03-07 02:00 | Service fully restored |\n\n## Follow-up timeline (UTC)\n\n- 2024-03-09 10:00 Review\n- 2024-03-09 10:30 Fix merged\n\n## Action Items\n\n- x (owner: @a)\n`;
    const u = uri('days.md');
    client.open(u, text);
    const all = await hints(u, text);
    expect(all.map((h) => [h.position.line, h.position.character, h.label])).toEqual([
      [line(text, '2024-03-07 02:00'), 18, '+1d 02:10'],
      [line(text, '10:30'), 18, '+30m'], // the restarted timeline counts from its own first entry
    ]);
    const first = await client.request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: u },
      range: { start: { line: 0, character: 0 }, end: { line: line(text, '2024-03-07'), character: 0 } },
    });
    expect(first.map((h) => h.label)).toEqual(['+1d 02:10']);
  });

  it('nothing for a document that is not a postmortem', async () => {
    const text = '# Release notes\n\n- 10:00 build\n- 10:30 publish\n';
    const u = uri('NOTES.md');
    client.open(u, text);
    expect(await hints(u, text)).toEqual([]);
    expect(await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: u } })).toEqual([]);
  });
});

describe('lead-up', () => {
  // The first two rows are history, each more than a day before the next: elapsed times count from the first entry
  // of the incident day (not `+110d …` on every row), the hover says so, and the metrics skip them too.
  const LEAD = `# Boskos outage\n\n## Summary\n\nx\n\n## Timeline\n\nAll times in PDT.\n\n- [2018-12-05 16:21] Crashloop bug is introduced\n- [2019-03-20 16:46] StatefulSet spec is updated\n- [2019-03-26 17:40] Node upgrade is initiated\n- [2019-03-26 23:04] Pod stuck in a crash loop (**outage starts**)\n- [2019-03-27 02:50] The outage is reported on GitHub\n- [2019-03-27 08:10] Fixed Boskos deployed (**outage ends**)\n\n## Action Items\n\n- x (owner: @a)\n`;

  it('counts from the first entry of the incident day and says so', async () => {
    const u = uri('lead-up.md');
    client.open(u, LEAD);
    const got = await hints(u, LEAD);
    expect(got.map((h) => [h.position.line, h.label])).toEqual([
      [line(LEAD, '23:04'), '+5h24m'],
      [line(LEAD, '02:50'), '+9h10m'],
      [line(LEAD, '08:10'), '+14h30m'],
    ]);
    expect(String(got[0]!.tooltip)).toContain('first entry of the incident day (2019-03-26 17:40');
    expect(value(await hover(u, line(LEAD, '12-05 16:21'), 5))).toContain('Lead-up: more than a day before the next entry');
    expect(value(await hover(u, line(LEAD, '17:40'), 5))).toContain('the first entry of the incident day; the 2 lead-up entries above it');
    expect(value(await hover(u, line(LEAD, '02:50'), 5))).toContain(
      `**Since the first entry of the incident day:** +9h10m (2019-03-26 17:40, line ${line(LEAD, '17:40') + 1})`,
    );
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: u } });
    expect(lenses.map((c) => c.command!.title)).toEqual(['TTD 3h46m', 'TTA not found', 'TTM not found', 'TTR 9h06m']);
    const heading = value(await hover(u, line(LEAD, '## Timeline'), 4));
    expect(heading).toContain(`Measured from the incident start, line ${line(LEAD, '23:04') + 1}: the entry that says the incident began`);
    expect(heading).toContain('Lead-up not counted: 2018-12-05 16:21');
  });
});

describe('hover', () => {
  it('on a timestamp: parsed time and zone, elapsed since start and since the previous entry', async () => {
    const u = uri('overnight.md');
    client.open(u, DOC);
    const l = line(DOC, '00:02');
    const h = await hover(u, l, 4);
    expect(h!.range).toEqual({ start: { line: l, character: 2 }, end: { line: l, character: 7 } });
    const v = value(h);
    expect(v).toContain('00:02 (no date given)');
    expect(v).toContain('UTC (declared in a sentence above the entries)');
    expect(v).toContain('next day (crossed midnight)');
    expect(v).toContain(`**Since first entry:** +12m (23:50, line ${line(DOC, '23:50') + 1})`);
    expect(v).toContain(`**Since previous entry:** +5m (23:57, line ${line(DOC, '23:57') + 1})`);
    // the description text is not a timestamp ("page": "acknowledges" has a decision-context hint of its own)
    expect(await hover(u, l, 34)).toBeNull();
  });

  it('on the Timeline heading: the metrics, joined with a finding hover on the same place', async () => {
    const text = DOC.replace('All times in UTC.\n\n', '');
    const u = uri('nozone.md');
    client.open(u, text);
    const v = value(await hover(u, line(text, '## Timeline'), 4));
    expect(v).toContain('**timeline-timezone**');
    expect(v).toContain('**Incident metrics**');
    expect(v).toContain(`**Time to acknowledge:** 12m — 00:02 (line ${line(text, '00:02') + 1})`);
    expect(v.indexOf('timeline-timezone')).toBeLessThan(v.indexOf('Incident metrics'));
  });
});

describe('CodeLens', () => {
  it('one lens per metric on the Timeline heading, each revealing its entry', async () => {
    const u = uri('overnight.md');
    client.open(u, DOC);
    const lenses = (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: u } })).filter(
      (c) => !c.command?.title.startsWith('Decisions'), // the decision-points lens: test/lsp/decisions.test.ts
    );
    const heading = line(DOC, '## Timeline');
    expect(lenses.every((c) => c.range.start.line === heading)).toBe(true);
    expect(lenses.map((c) => [c.command?.title, c.command?.command, c.command?.arguments])).toEqual([
      ['TTD 7m', 'postmortemLint.revealLine', [u, line(DOC, '23:57')]],
      ['TTA 12m', 'postmortemLint.revealLine', [u, line(DOC, '00:02')]],
      ['TTM 1h15m', 'postmortemLint.revealLine', [u, line(DOC, '01:05')]],
      ['TTR 2h20m', 'postmortemLint.revealLine', [u, line(DOC, '02:10')]],
    ]);
  });

  it('says "not found" (with no command) rather than guess', async () => {
    const text = DOC.replace('- 02:10 Service fully restored\n', '- 02:10 Monitoring continues\n');
    const u = uri('unresolved.md');
    client.open(u, text);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: u } });
    const ttr = lenses.find((c) => c.command!.title.startsWith('TTR'))!;
    expect(ttr.command).toEqual({ title: 'TTR not found', command: '' });
  });

  it('follows edits', async () => {
    const u = uri('edited.md');
    client.open(u, DOC, 1);
    client.change(u, 2, DOC.replace('- 23:57 First alert fires', '- 23:59 First alert fires'));
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: u } });
    expect(lenses[0]!.command!.title).toBe('TTD 9m');
  });
});

describe('inspect (bundled CLI)', () => {
  const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
  const inspect = (text: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-inspect-'));
    try {
      fs.writeFileSync(path.join(dir, 'pm.md'), text);
      return JSON.parse(execFileSync(process.execPath, [CLI, 'inspect', 'pm.md'], { cwd: dir, encoding: 'utf8' })) as {
        metrics: unknown[];
        timeline: unknown[];
        incidentStart: unknown;
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('lists the metrics with the line of the entry each came from, or null and why', () => {
    const model = inspect(DOC.replace('- 02:10 Service fully restored\n', '- 02:10 Monitoring continues\n'));
    expect(model.metrics).toEqual([
      { name: 'Time to detect', minutes: 7, fromLine: line(DOC, '23:57') + 1, note: 'from 23:57: First alert fires for checkout errors' },
      { name: 'Time to acknowledge', minutes: 12, fromLine: line(DOC, '00:02') + 1, note: 'from 00:02: On-call acknowledges the page' },
      { name: 'Time to mitigate', minutes: 75, fromLine: line(DOC, '01:05') + 1, note: 'from 01:05: Rollback completed, errors subsided' },
      { name: 'Time to resolve', minutes: null, fromLine: null, note: 'not found: no entry describes this moment' },
    ]);
    expect(model.timeline[2]).toMatchObject({ line: line(DOC, '00:02') + 1, raw: '00:02', time: '00:02', zone: 'UTC' });
    // "Deploy of build 4411 starts" is the triggering change 7 minutes before the first alert
    expect(model.incidentStart).toMatchObject({ line: line(DOC, '23:50') + 1, raw: '23:50', reason: 'trigger', leadUpLines: [] });
  });

  it('says "not derivable" (with the entry line) when a moment comes before the start', () => {
    const text = DOC.replace('- 23:50 Deploy of build 4411 starts', '- 23:50 Checkout errors begin (**outage starts**)').replace(
      '- 23:57 First alert',
      '- 23:40 First alert',
    );
    const model = inspect(text);
    expect(model.metrics[0]).toEqual({
      name: 'Time to detect',
      minutes: null,
      fromLine: line(text, '23:40') + 1,
      note: "not derivable: 23:40 is before the incident start (23:50); check the timeline's dates and times",
    });
  });
});

describe('refresh after settings, config and per-file changes', () => {
  // A client that advertises workspace.inlayHint/codeLens.refreshSupport is asked to re-request both whenever the
  // server re-lints for a reason the client cannot see (settings, a config file, the per-file toggle).
  async function start(refresh: boolean): Promise<{ c: TestClient; got: string[] }> {
    const c = new TestClient();
    const got: string[] = [];
    for (const method of ['workspace/inlayHint/refresh', 'workspace/codeLens/refresh', 'workspace/diagnostic/refresh']) {
      c.connection.onRequest(method, () => {
        got.push(method);
        return null;
      });
    }
    await c.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: {
          configuration: true,
          diagnostics: { refreshSupport: true },
          ...(refresh ? { inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } } : {}),
        },
        textDocument: { diagnostic: { dynamicRegistration: false }, inlayHint: {}, codeLens: {} },
      },
    });
    await c.connection.sendNotification('initialized', {});
    return { c, got };
  }
  // Any request the server sent before answering this one has reached the client by the time the answer does.
  const roundTrip = (c: TestClient) => c.request('textDocument/inlayHint', { textDocument: { uri: uri('none.md') }, range: wholeDoc('') });

  it('asks for inlay hints and code lenses again when the client supports it', async () => {
    const { c, got } = await start(true);
    try {
      const u = uri('refresh.md');
      c.open(u, DOC);
      await c.request('textDocument/codeLens', { textDocument: { uri: u } });
      const triggers: [string, () => Promise<void>][] = [
        ['settings', () => c.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} })],
        [
          'config file',
          () =>
            c.connection.sendNotification('workspace/didChangeWatchedFiles', {
              changes: [{ uri: URI.file(path.join(os.tmpdir(), '.postmortemlintrc.json')).toString(), type: 2 }],
            }),
        ],
        ['per-file toggle', () => c.connection.sendNotification('postmortemLint/setOverride', { uri: u, mode: 'off' })],
      ];
      for (const [what, send] of triggers) {
        got.length = 0;
        await send();
        await roundTrip(c);
        expect([what, got.filter((m) => m !== 'workspace/diagnostic/refresh').sort()]).toEqual([
          what,
          ['workspace/codeLens/refresh', 'workspace/inlayHint/refresh'],
        ]);
      }
      // the toggle took effect: no hints for a file turned off
      await c.connection.sendNotification('postmortemLint/setOverride', { uri: u, mode: 'auto' });
      expect((await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: u }, range: wholeDoc(DOC) })).length).toBe(4);
    } finally {
      await c.shutdown();
    }
  });

  it('sends no refresh requests the client did not advertise', async () => {
    const { c, got } = await start(false);
    try {
      c.open(uri('norefresh.md'), DOC);
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await c.connection.sendNotification('postmortemLint/setOverride', { uri: uri('norefresh.md'), mode: 'off' });
      await roundTrip(c);
      expect(got).toEqual(['workspace/diagnostic/refresh', 'workspace/diagnostic/refresh']);
    } finally {
      await c.shutdown();
    }
  });
});
