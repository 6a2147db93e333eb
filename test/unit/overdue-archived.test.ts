// action-item-overdue on a finished postmortem (status closed, final or archived): one info finding per document,
// on the status, with each overdue item as related information, instead of a warning per item.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument, type LintConfig } from '../../server/src/engine/index';

const fixture = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'action-items', 'archived.md'), 'utf8');
const overdue = (text: string, config: LintConfig = {}) =>
  lintDocument(text, { today: '2026-01-15', ...config }, { force: true }).findings.filter((f) => f.ruleId === 'action-item-overdue');

describe('action-item-overdue on an archived postmortem', () => {
  it('reports once per document, as info, on the status, listing the overdue items', () => {
    const [f, ...rest] = overdue(fixture);
    expect(rest).toEqual([]);
    expect(f!.severity).toBe('info');
    expect(fixture.slice(f!.start, f!.end)).toBe('Closed');
    expect(f!.message).toBe(
      'This postmortem\'s status is "Closed", and 3 open action items are past due (the oldest was due 2021-03-20, 1762 days ago). ' +
        'If the work still matters, track it where open work lives; otherwise mark the items done or dropped.',
    );
    expect(f!.related!.map((r) => fixture.slice(r.start, r.end))).toEqual(['2021-03-20', '2021-04-01', '2021-05-15']);
  });

  it('accepts final and archived (any case, front matter too), not an incident status such as resolved', () => {
    for (const status of ['Final', 'final (reviewed)', 'ARCHIVED', '**Closed**']) {
      expect(overdue(fixture.replace('**Status:** Closed', `**Status:** ${status}`)).map((f) => f.severity)).toEqual(['info']);
    }
    for (const status of ['Resolved', 'Draft', 'In review', 'Not final']) {
      expect(overdue(fixture.replace('**Status:** Closed', `**Status:** ${status}`)).map((f) => f.severity)).toEqual([
        'warning',
        'warning',
        'warning',
      ]);
    }
    expect(overdue(fixture.replace('**Status:** Closed\n', '')).length).toBe(3);
  });

  it('never raises the configured severity: hint stays hint, error becomes info, off stays off', () => {
    const sev = (s: 'hint' | 'error' | 'off') => overdue(fixture, { rules: { 'action-item-overdue': s } }).map((f) => f.severity);
    expect(sev('hint')).toEqual(['hint']);
    expect(sev('error')).toEqual(['info']);
    expect(sev('off')).toEqual([]);
  });

  it('says nothing when no open item is past due', () => {
    expect(overdue(fixture, { today: '2021-03-10' })).toEqual([]);
  });
});
