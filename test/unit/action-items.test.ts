import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, buildModel, applyEdits } from '../../server/src/engine/index';
import type { Finding } from '../../server/src/engine/types';
import {
  classifyOwner,
  findInlineFields,
  findTrackers,
  parseDue,
  parseStatus,
  splitOwners,
  findLeadStatus,
} from '../../server/src/engine/model/actionFields';
import { convertListToTable } from '../../server/src/engine/analysis/actionEdits';

const TODAY = '2026-01-15';
const FIX = join(__dirname, '../fixtures/action-items');
const run = (text: string, extra: Record<string, unknown> = {}) =>
  lint(text, { today: TODAY, ...extra }, { force: true }).filter((f) => f.ruleId.startsWith('action'));

describe('field parsing', () => {
  it('classifies owners', () => {
    expect(classifyOwner('@sam')).toBe('person');
    expect(classifyOwner('maria')).toBe('person');
    for (const t of ['Storage team', '@acme/sre', 'SRE', 'Platform']) expect(classifyOwner(t)).toBe('team');
    for (const t of ['TBD', '?', 'n/a']) expect(classifyOwner(t)).toBe('unknown');
    expect(classifyOwner('we')).toBe('we');
    expect(classifyOwner('everyone')).toBe('everyone');
  });
  it('splits owner lists but not team handles', () => {
    expect(splitOwners('maria,li', 10).map((f) => [f.value, f.start])).toEqual([
      ['maria', 10],
      ['li', 16],
    ]);
    expect(splitOwners('Ana and Raj', 0).map((f) => f.value)).toEqual(['Ana', 'Raj']);
    expect(splitOwners('@acme/sre', 0).map((f) => f.value)).toEqual(['@acme/sre']);
  });
  it('parses due dates: absolute, weak, vague', () => {
    expect(parseDue('2026-04-05')).toEqual({ date: '2026-04-05' });
    expect(parseDue('April 5, 2026')).toEqual({ date: '2026-04-05' });
    expect(parseDue('Wednesday Mar 13', TODAY, 2024)).toEqual({ date: '2024-03-13' });
    for (const w of ['Q4 2025', 'next sprint', 'sprint 42', 'next 2 weeks', 'EOM']) expect(parseDue(w).weak).toBe(true);
    for (const v of ['ASAP', 'soon', 'TBD', 'later', 'when possible']) expect(parseDue(v).vague).toBe(true);
  });
  it('parses status words', () => {
    expect(parseStatus('DONE')).toBe('done');
    expect(parseStatus('✅')).toBe('done');
    expect(parseStatus("won't do")).toBe('wont-do');
    expect(parseStatus('Deferred')).toBe('deferred');
    expect(parseStatus('In progress')).toBe('open');
    // let go: deferred when it may come back, won't-do when decided against (model.ts, ActionStatus)
    for (const v of ['let go', 'Let go for now', 'let go: needs budget', 'parked']) expect(parseStatus(v), v).toBe('deferred');
    for (const v of ['dropped', 'not doing', "won't do — superseded", 'Dropped (too costly)']) expect(parseStatus(v), v).toBe('wont-do');
    expect(parseStatus('')).toBeUndefined();
    expect(findLeadStatus('We enabled branch protection', 0)?.status).toBe('done');
    expect(findLeadStatus('We should enable branch protection', 0)).toBeUndefined();
    expect(findLeadStatus('Reverted the change', 0)?.status).toBe('done');
    expect(findLeadStatus('Automated tests for the culler', 0)).toBeUndefined();
  });
  it('finds trackers and ignores look-alikes', () => {
    const vals = (t: string, defs?: Map<string, string>) => findTrackers(t, 0, defs ? { definitions: defs } : {}).map((f) => f.value);
    expect(vals('see OPS-12 and #4512')).toEqual(['OPS-12', '#4512']);
    expect(vals('CVE-2021-44228 CWE-79 SEV-2 PR-42 P0 #testing-ops UTF-8')).toEqual([]);
    expect(vals('[#support](https://x.slack.com/archives/C1)')).toEqual([]);
    expect(vals('([Issue](https://github.com/a/b/issues/198))')).toEqual(['https://github.com/a/b/issues/198']);
    expect(vals('<https://github.com/2i2c-org/infrastructure/issues/89>')).toEqual([
      'https://github.com/2i2c-org/infrastructure/issues/89',
    ]);
    expect(vals('See https://github.com/uswitch/kiam/blob/master/docs/METRICS.md')).toEqual([]);
    expect(vals('not reverted: [#11134]', new Map([['#11134', 'https://github.com/k/t/pull/11134']]))).toEqual([
      'https://github.com/k/t/pull/11134',
    ]);
    expect(vals('[jira](https://example.atlassian.net/browse/ABC-123)')).toEqual(['https://example.atlassian.net/browse/ABC-123']);
  });
  it('finds inline fields with exact spans', () => {
    const t = 'Add alert — owner: @ana — due: 2026-04-05 — ticket: OPS-12';
    const f = findInlineFields(t, 100);
    expect(f.map((x) => [x.key, x.value])).toEqual([
      ['owner', '@ana'],
      ['due', '2026-04-05'],
      ['tracker', 'OPS-12'],
    ]);
    expect(t.slice(f[1]!.start - 100, f[1]!.end - 100)).toBe('2026-04-05');
  });
});

describe('extraction', () => {
  it('reads every list layout, groups and inline fields', () => {
    const text = readFileSync(join(FIX, 'layouts.md'), 'utf8');
    const items = buildModel(text).actionItems;
    expect(items.map((i) => i.layout)).toEqual(['task', 'task', 'task', 'numbered', 'numbered', 'paragraph', 'bullet']);
    expect(items.map((i) => i.status)).toEqual(['open', 'done', 'open', 'open', 'open', 'open', 'wont-do']);
    const [a, , c, d, e, f] = items;
    expect(a!.text).toBe('Add a disk alert at 90% on `db-*`');
    expect(a!.owners.map((o) => o.value)).toEqual(['@ana']);
    expect(a!.due?.date).toBe('2099-04-05');
    expect(a!.tracker?.value).toBe('OPS-12');
    expect(a!.group).toBe('Short-term');
    expect(c!.doneWhen?.value).toBe('review notes are merged');
    expect(d!.owners.map((o) => o.value)).toEqual(['@sam']);
    expect(d!.due?.date).toBe('2099-06-01');
    expect(d!.tracker?.value).toBe('https://github.com/acme/infra/pull/42');
    expect(d!.group).toBe('Short-term / Long-term (Q3 2099)');
    expect(e!.owners.map((o) => o.value)).toEqual(['Platform']);
    expect(f!.owners.map((o) => o.value)).toEqual(['@raj']);
    expect(f!.tracker?.value).toBe('#4512');
  });
  it('skips look-alikes: type/priority definitions, link definitions, owner checklists', () => {
    const text = readFileSync(join(FIX, 'look-alikes.md'), 'utf8');
    const items = buildModel(text).actionItems;
    expect(items).toHaveLength(1);
    expect(items[0]!.layout).toBe('table');
    expect(items[0]!.status).toBe('done');
    expect(items[0]!.priority?.value).toBe('P0');
    expect(items[0]!.tracker?.value).toBe('https://github.com/acme-store/kvstore/issues/2291');
    expect(run(text)).toEqual([]);
  });
  it('splits CRLF table rows at unescaped pipes only', () => {
    const text = readFileSync(join(FIX, 'table-crlf.md'), 'utf8');
    const items = buildModel(text).actionItems;
    expect(items).toHaveLength(2);
    expect(items[0]!.text).toBe('Reject empty machine lists in `Release\\|Machines` 🚀');
    expect(items[0]!.due?.date).toBe('2099-07-09');
    expect(items[0]!.tracker?.value).toBe('INF-1204');
  });
});

// Per-line rule expectations for test/fixtures/action-items/*.md are checked by the shared harness
// (test/unit/fixtures.test.ts); this file covers parsing, extraction, fixes, configuration and export.

function applySuggestion(text: string, f: Finding, index = 0): string {
  const s = f.suggestions?.[index] ?? f.fix;
  expect(s, `${f.ruleId} has a fix`).toBeTruthy();
  return applyEdits(text, s!.edits).text;
}

describe('fixes', () => {
  it('adds an Owner column to a CRLF table with escaped pipes, and the finding goes away', () => {
    const text = readFileSync(join(FIX, 'table-crlf.md'), 'utf8');
    const owner = run(text).find((f) => f.ruleId === 'action-item-owner')!;
    const fixed = applySuggestion(text, owner);
    const table = fixed.slice(fixed.indexOf('| Action |'), fixed.indexOf('\r\n\r\n<!-- fixture') + 2);
    expect(fixed.slice(0, fixed.indexOf('| Action |'))).toBe(text.slice(0, text.indexOf('| Action |')));
    expect(table).toBe(
      '| Action | Due | Ticket | Owner |\r\n|---|---|---| --- |\r\n| Reject empty machine lists in `Release\\|Machines` 🚀 | 2099-07-09 | INF-1204 | @ |\r\n| Add a regression test that fails on empty lists | 2099-07-09 | INF-1205 | @ |\r\n',
    );
    const after = run(fixed).map((f) => f.ruleId);
    expect(after).not.toContain('action-item-owner');
    expect(buildModel(fixed).actionItems[0]!.text).toBe('Reject empty machine lists in `Release\\|Machines` 🚀');
  });
  it('fills an existing empty table cell', () => {
    const text =
      '## Action Items\n\n| Action | Owner | Due |\n|---|---|---|\n| Add alert above 2% | @a | 2099-01-01 |\n| Add alert above 3% |  | 2099-01-01 |\n';
    const f = run(text, { rules: { 'action-item-tracker': 'off' } }).find((x) => x.ruleId === 'action-item-owner')!;
    const fixed = applySuggestion(text, f);
    expect(fixed).toContain('| Add alert above 3% | @ | 2099-01-01 |');
    expect(run(fixed).map((x) => x.ruleId)).not.toContain('action-item-owner');
  });
  it('appends list-item fields and offers today + 7/14/30 days', () => {
    const text =
      '## Action Items\n\n- Add alert above 2% — ticket: OPS-1\n- Add alert above 3% — owner: @b — due: 2099-01-01 — ticket: OPS-2\n';
    const fs = run(text);
    const owner = fs.find((x) => x.ruleId === 'action-item-owner')!;
    const due = fs.find((x) => x.ruleId === 'action-item-due-date')!;
    expect(due.suggestions!.map((s) => s.title)).toEqual([
      'Set due date to 2026-01-22 (today + 7 days)',
      'Set due date to 2026-01-29 (today + 14 days)',
      'Set due date to 2026-02-14 (today + 30 days)',
    ]);
    const t1 = applySuggestion(text, owner);
    expect(t1).toContain('- Add alert above 2% — owner: @ — ticket: OPS-1\n');
    expect(run(t1).map((x) => x.ruleId)).not.toContain('action-item-owner');
    const t2 = applySuggestion(text, due, 1);
    expect(t2).toContain('- Add alert above 2% — due: 2026-01-29 — ticket: OPS-1\n');
    expect(run(t2).map((x) => x.ruleId)).not.toContain('action-item-due-date');
  });
  it('replaces a vague due date and moves an overdue one', () => {
    const text = readFileSync(join(FIX, 'rules.md'), 'utf8');
    for (const id of ['action-item-overdue']) {
      const f = run(text).find((x) => x.ruleId === id)!;
      expect(run(applySuggestion(text, f)).map((x) => x.ruleId)).not.toContain(id);
    }
    const vague = run(text).find((x) => x.ruleId === 'action-item-due-date' && x.message.includes('ASAP'))!;
    const fixed = applySuggestion(text, vague);
    expect(run(fixed).filter((x) => x.ruleId === 'action-item-due-date')).toHaveLength(1); // the item with no due at all
  });
  it('picks one owner among several', () => {
    const text = readFileSync(join(FIX, 'rules.md'), 'utf8');
    const f = run(text).find((x) => x.ruleId === 'action-item-single-owner' && x.message.includes('2 owners'))!;
    expect(f.suggestions!.map((s) => s.title)).toEqual(['Make maria the owner', 'Make li the owner']);
    const fixed = applySuggestion(text, f);
    expect(fixed).toContain('owner: maria — due');
    expect(run(fixed).filter((x) => x.ruleId === 'action-item-single-owner')).toHaveLength(1); // TBD remains
  });
  it('converts a bullet list to a table, preserving text and links, moving inline fields', () => {
    const text =
      '## Action Items\r\n\r\n- [ ] Fix the culler | quickly ([PR](https://github.com/a/b/pull/1))\r\n  second line 🚀\r\n- Add alert — owner: @ana — due: 2099-01-01 — ticket: OPS-7\r\n';
    const model = buildModel(text);
    const edits = convertListToTable(text, model, model.actionItems[0]!.section);
    const out = applyEdits(text, edits).text;
    expect(out).toBe(
      '## Action Items\r\n\r\n| Action | Owner | Due | Status | Ticket |\r\n| --- | --- | --- | --- | --- |\r\n| Fix the culler \\| quickly ([PR](https://github.com/a/b/pull/1)) second line 🚀 | | | Open | |\r\n| Add alert | @ana | 2099-01-01 | | OPS-7 |\r\n',
    );
    const items = buildModel(out).actionItems;
    expect(items.map((i) => [i.layout, i.owners.map((o) => o.value), i.due?.date, i.tracker?.value])).toEqual([
      ['table', [], undefined, 'https://github.com/a/b/pull/1'],
      ['table', ['@ana'], '2099-01-01', 'OPS-7'],
    ]);
  });
});

describe('configuration', () => {
  it('focus limit is configurable', () => {
    const text = readFileSync(join(FIX, 'focus.md'), 'utf8');
    expect(run(text, { maxOpenActionItems: 10 }).map((f) => f.ruleId)).not.toContain('action-items-focus');
    expect(run(text, { rules: { 'action-items-focus': ['info', { max: 2 }] } }).map((f) => f.ruleId)).toContain('action-items-focus');
  });
  it('today comes from config (overdue is reproducible)', () => {
    const text = '## Action Items\n\n- Add alert above 2% — owner: @a — due: 2026-02-01 — ticket: OPS-1\n';
    expect(run(text).map((f) => f.ruleId)).not.toContain('action-item-overdue');
    expect(lint(text, { today: '2026-03-01' }, { force: true }).map((f) => f.ruleId)).toContain('action-item-overdue');
  });
  it('documents without an action-item section produce nothing', () => {
    expect(run('# Incident\n\n## Summary\n\n- Add an alert\n- Fix the bug\n')).toEqual([]);
  });
});

describe('export', async () => {
  const { exportRows, toCsv, toJson, toMarkdown } = await import('../../server/src/engine/analysis/exportActions');
  const text = '## Action Items\n\n- Fix "quoted", comma — owner: @a — due: 2099-01-01 — ticket: OPS-1\n- Add a | pipe\n';
  it('CSV quotes per RFC 4180; JSON and Markdown keep every item; the document is untouched', () => {
    const model = buildModel(text);
    const rows = exportRows(model, 'pm.md');
    const csv = toCsv(rows);
    expect(csv.split('\r\n')[1]).toBe('pm.md,3,Action Items,,"Fix ""quoted"", comma",@a,2099-01-01,2099-01-01,open,,,OPS-1,');
    expect(JSON.parse(toJson(rows))).toHaveLength(2);
    expect(toMarkdown(rows)).toContain('| Add a \\| pipe |');
    expect(toMarkdown(rows).split('\n')[0]).toBe('| action | owners | due | status | tracker | doneWhen | file | line |');
    expect(model.text).toBe(text);
  });
});

describe('section-level findings', () => {
  it('list the first 20 items as related information and say how many more there are', () => {
    const items = Array.from(
      { length: 30 },
      (_, i) => `- Add alert ${i} above 5% errors for 5 min — due: 2026-03-01 — ticket: OPS-${i + 1}`,
    );
    const text = `# Outage\n\n## Timeline\n\n- 10:00 start\n\n## Action Items\n\n${items.join('\n')}\n`;
    const owner = run(text).find((f) => f.ruleId === 'action-item-owner')!;
    expect(owner.message).toMatch(/^None of the 30 open action items/);
    expect(owner.related).toHaveLength(20);
    expect(owner.related![0]!.message).toBe('Add alert 0 above 5% errors for 5 min');
    expect(owner.related![19]!.message).toMatch(/^Add alert 19 .*\(and 10 more items\)$/);
    const few = run(text.replace(/^- Add alert (?:[2-9]|\d\d) .*\n/gm, '')).find((f) => f.ruleId === 'action-item-owner')!;
    expect(few.related!.map((r) => r.message.includes('more item'))).toEqual([false, false]);
  });
});

describe('a note is never a field value (found by the fuzz test)', () => {
  it('an HTML comment after an empty inline field, or alone in a table cell, is not a due date', () => {
    const inline = buildModel('# P\n\n## Action Items\n\n- [ ] Add a canary — owner: @ana — due: <!-- What pressures shaped this? -->\n');
    expect(inline.actionItems[0]!.due?.value ?? '').toBe('');
    const table = buildModel(
      '# P\n\n## Action Items\n\n| Action | Owner | Due |\n| --- | --- | --- |\n| Add a canary | @ana | <!-- a note --> |\n',
    );
    expect(table.actionItems[0]!.due).toBeUndefined();
    expect(table.actionItems[0]!.owners.map((o) => o.value)).toEqual(['@ana']);
  });
});
