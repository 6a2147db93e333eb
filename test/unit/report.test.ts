// `postmortem-lint report` over test/fixtures-report/figures (six postmortems in different layouts and one Markdown
// file that is not a postmortem), with every figure derived by hand next to its assertion; the git-history case;
// tracker drift against a gh JSON and a Jira CSV snapshot; usage errors.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, workspace } from './helpers/cli';
import { parseCsv, parseTracker, referenceKeys } from '../../server/src/cli/report/tracker';

const FIXTURES = path.join(__dirname, '..', 'fixtures-report');
const NOW = '2026-06-30';

/** A copy of the figures folder outside any git work tree, so no commit date can stand in for a missing one. */
function figures(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-report-')));
  fs.cpSync(path.join(FIXTURES, 'figures'), dir, { recursive: true });
  fs.cpSync(path.join(FIXTURES, 'tracker'), path.join(dir, 'tracker'), { recursive: true });
  return dir;
}

function jsonReport(dir: string, ...extra: string[]) {
  const r = cli(['report', '--format', 'json', '--today', NOW, ...extra, '.'], dir);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('report: the figures folder', () => {
  it('json: action items, incidents, trend, timeliness and recurrence', () => {
    const dir = figures();
    const r = cli(['report', '--format', 'json', '--today', NOW, '.'], dir);
    expect(r.code).toBe(0);
    // notes.md is a Markdown file but not a postmortem
    expect(r.stderr).toBe('postmortem-lint: 1 Markdown file skipped: not a postmortem (use --all to lint it)');
    const j = JSON.parse(r.stdout);
    expect(j.schema).toBe('postmortem-lint/report@1');
    expect(j.now).toBe(NOW);
    // 6 postmortems: cert-expiry, cert-expiry-again, dns, disk-full, connection-pool, double-charge
    expect(j.postmortems).toBe(6);
    const a = j.actions;
    // items per document: 3 (cert: done, open, [-] let go) + 2 (cert again: open, status: done)
    //   + 3 (dns table: Done, Open, Let go) + 3 (disk: three open bullets) + 2 (pool: two [x]) + 2 (double charge: two [ ])
    expect(a.total).toBe(15); // 3 + 2 + 3 + 3 + 2 + 2
    expect(a.open).toBe(8); // 1 + 1 + 1 + 3 + 0 + 2
    expect(a.done).toBe(5); // 1 + 1 + 1 + 0 + 2 + 0
    expect(a.letGo).toBe(2); // the [-] item (won't do) and the dns "Let go" row (deferred)
    expect(a.completionRate).toBe(0.3846); // done / (done + open) = 5 / 13 = 0.38461… → 0.3846 (4 decimals)
    // overdue (open, due before 2026-06-30):
    //   cert OPS-102 due 2026-03-01: 30 (rest of March) + 30 (April) + 31 (May) + 30 (June) = 121
    //   dns OPS-151 due 2026-04-01: 29 (rest of April) + 31 + 30 = 90
    //   disk alert due 2026-05-01: 30 (rest of May) + 30 = 60
    //   (cert-again due 2026-07-15 and double-charge due 2026-08-01 / 08-15 are not due yet)
    expect(a.overdue).toBe(3);
    expect(a.overdueItems.map((i: { daysOverdue: number; file: string }) => [i.daysOverdue, i.file])).toEqual([
      [121, '2026-01-10-cert-expiry.md'],
      [90, '2026-02-03-dns.md'],
      [60, '2026-02-20-disk-full.md'],
    ]);
    expect(a.oldestOverdueDays).toBe(121);
    expect(a.medianOverdueDays).toBe(90); // median of 60, 90, 121
    // open items per owner: @ben cert (overdue), cert-again, disk alert (overdue), double charge #99 → 4 open, 2 overdue;
    // @ana dns canary (overdue), double charge #12 → 2 / 1; the disk compression item has no owner → 1 / 0; @cy rotate → 1 / 0
    expect(a.openByOwner).toEqual([
      { owner: '@ben', open: 4, overdue: 2 },
      { owner: '@ana', open: 2, overdue: 1 },
      { owner: '(no owner)', open: 1, overdue: 0 },
      { owner: '@cy', open: 1, overdue: 0 },
    ]);
    // open items missing a field, all in disk-full: the alert (no ticket), rotate (no due), compression (nothing)
    expect([a.missing.owner, a.missing.due, a.missing.tracker]).toEqual([1, 2, 2]);
    expect(a.missing.items.map((i: { line: number; missing: string[] }) => [i.line, i.missing])).toEqual([
      [23, ['tracker']],
      [24, ['due']],
      [25, ['owner', 'due', 'tracker']],
    ]);
    expect(a.letGoItems.map((i: { status: string; reason: string }) => [i.status, i.reason])).toEqual([
      ['wont-do', 'the vendor contract ends next year'],
      ['deferred', 'the current tooling is adequate once validated'],
    ]);
    // open items by age (days from the incident to 2026-06-30): cert 171, cert-again 156, dns 147, disk 130 ×3 → 91–180
    // (six items); double charge 89 ×2 → 31–90
    expect(a.openByAge.map((b: { count: number }) => b.count)).toEqual([0, 2, 6, 0, 0]);

    // incidents, oldest first; minutes from the incident start, as the CodeLens computes them:
    //   cert: start 09:00 (impact begins); 09:12 alert → 12; 09:20 acknowledges → 20; 09:45 mitigated → 45; 10:30 resolved → 90
    //   cert-again: start 14:00 (outage starts); 14:25 reported → 25; no acknowledge or mitigate; 14:40 resolved → 40
    //   dns: start 11:00 (outage starts); 11:05 alert → 5; 11:30 rolled back → 30; 12:00 fully restored → 60
    //   disk: start 08:00; 08:40 noticed → 40; 09:10 resolved → 70
    //   connection-pool and double-charge have no timeline
    const rows = j.incidents.map((i: Record<string, unknown>) => [i.date, i.severity, i.ttd, i.tta, i.ttm, i.ttr]);
    expect(rows).toEqual([
      ['2026-01-10', 'SEV-2', 12, 20, 45, 90],
      ['2026-01-25', 'SEV-3', 25, null, null, 40],
      ['2026-02-03', 'SEV-1', 5, null, 30, 60],
      ['2026-02-20', 'SEV-3', 40, null, null, 70],
      ['2026-03-15', 'SEV-2', null, null, null, null],
      ['2026-04-02', 'SEV-2', null, null, null, null],
    ]);
    expect(j.incidents[0]).toMatchObject({ duration: '1h30m', actions: { total: 3, open: 1, done: 1, letGo: 1 } });
    // trend: January (cert, cert-again) median TTR (90 + 40) / 2 = 65, items 2 done / 2 open → 0.5;
    // February (dns, disk) (60 + 70) / 2 = 65, 1 done / 4 open → 0.2; March (pool) no TTR, 2 / 0 → 1; April 0 / 2 → 0
    expect(j.trend).toEqual([
      { month: '2026-01', incidents: 2, medianTtr: 65, completionRate: 0.5, done: 2, open: 2 },
      { month: '2026-02', incidents: 2, medianTtr: 65, completionRate: 0.2, done: 1, open: 4 },
      { month: '2026-03', incidents: 1, medianTtr: null, completionRate: 1, done: 2, open: 0 },
      { month: '2026-04', incidents: 1, medianTtr: null, completionRate: 0, done: 0, open: 2 },
    ]);

    // timeliness from the documents' own dates (no git here): cert written 2026-01-11 → 1 day; cert-again published
    // 01-27 → 2; dns review date 02-12 → 9; pool written 03-16 → 1; disk and double-charge state no date
    const t = j.timeliness;
    expect(t.rows.map((x: { days: number; source: string }) => [x.days, x.source])).toEqual([
      [1, 'metadata'],
      [2, 'metadata'],
      [9, 'metadata'],
      [1, 'metadata'],
    ]);
    expect([t.measured, t.withinTwoDays, t.medianDays]).toEqual([4, 3, 1.5]); // 1, 2, 1 ≤ 2 days; median of 1, 1, 2, 9

    // recurrence: the two certificate expiries rhyme (and nothing else); the score is the index's cosine, not by hand
    expect(j.recurrence.incidents.map((p: { earlier: string; later: string }) => [p.earlier, p.later])).toEqual([
      ['2026-01-10-cert-expiry.md', '2026-01-25-cert-expiry-again.md'],
    ]);
    expect(j.recurrence.incidents[0].score).toBeGreaterThanOrEqual(j.recurrence.threshold);
    expect(j.recurrence.incidents[0].sharedTerms).toEqual(expect.arrayContaining(['certificate', 'renewal']));
    // the alert promised in January (still open) is promised again two weeks later
    expect(j.recurrence.promises).toHaveLength(1);
    expect(j.recurrence.promises[0].earlier).toMatchObject({ file: '2026-01-10-cert-expiry.md', line: 34, state: 'open' });
    expect(j.recurrence.promises[0].later).toMatchObject({ file: '2026-01-25-cert-expiry-again.md', line: 28 });
    expect(j.recurrence.promises[0].sharedTerms).toContain('certificate expiry');
  });

  it('markdown: the same figures in tables', () => {
    const r = cli(['report', '--today', NOW, '.'], figures());
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toContain('6 postmortems, as of 2026-06-30.');
    // total 15, open 8, overdue 3, done 5, let go 2, completion 5 / 13 = 38%
    expect(md).toContain('| 15 | 8 | 3 | 5 | 2 | 38% |');
    expect(md).toContain('### Overdue (3; oldest 121 days, median 90)');
    expect(md).toContain('| 121 | 2026-03-01 | @ben | Alert 30 days before any certificate expiry | 2026-01-10-cert-expiry.md:34 |');
    expect(md).toContain('| @ben | 4 | 2 |');
    expect(md).toContain('### Open items without an owner (1), a due date (2) or a ticket (2)');
    expect(md).toContain(
      '| wont-do | Move every certificate to a managed CA | the vendor contract ends next year | 2026-01-10-cert-expiry.md:35 |',
    );
    // cert: 12m / 20m / 45m / 1h30m; items 1 open / 1 done / 1 let go
    expect(md).toContain('| 2026-01-10 | Expired TLS certificate on the public API | SEV-2 | 1h30m | 12m | 20m | 45m | 1h30m | 1/1/1 |');
    // January: median TTR 65 minutes = 1h05m, 2 done / 2 open = 50%
    expect(md).toContain('| 2026-01 | 2 | 1h05m | 2/2 | 50% |');
    expect(md).toContain('3 of 4 postmortems with a known writing date were written within 2 days of the incident (median 1.5 days)');
    expect(md).toMatch(/\| 0\.\d\d \| 2026-01-10-cert-expiry\.md \| 2026-01-25-cert-expiry-again\.md \| certificate/);
  });

  it('--since leaves out earlier incidents', () => {
    const j = jsonReport(figures(), '--since', '2026-03-01');
    expect(j.postmortems).toBe(2); // connection-pool (03-15) and double-charge (04-02)
    expect([j.actions.total, j.actions.done, j.actions.open]).toEqual([4, 2, 2]);
  });

  it('-o writes the report to a file', () => {
    const dir = figures();
    const r = cli(['report', '--today', NOW, '-o', 'out.html', '--format', 'html', '.'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(path.join(dir, 'out.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });
});

describe('report: timeliness from git history', () => {
  const hasGit = (() => {
    try {
      execFileSync('git', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.runIf(hasGit || process.env.CI)('counts days from the incident to the first commit of the file', () => {
    const pm = (date: string, title: string) =>
      `# ${title}\n\n**Date:** ${date}\n**Severity:** SEV-3\n\n## Summary\n\nA queue backed up.\n\n## Timeline\n\n- 10:00 UTC alert fires\n- 10:30 UTC incident resolved\n\n## Action Items\n\n- [x] Add a queue depth alert — owner: @ana — due: 2026-01-01 — ticket: OPS-1\n`;
    const dir = workspace({}, [], 'pm-report-git-');
    const git = (args: string[], date?: string) =>
      execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
        cwd: dir,
        env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
        stdio: 'pipe',
      });
    git(['init', '-q']);
    fs.mkdirSync(path.join(dir, 'postmortems'));
    // incident 2026-02-20, first committed 2026-02-21 → 1 day
    fs.writeFileSync(path.join(dir, 'postmortems', 'a.md'), pm('2026-02-20', 'Queue backlog'));
    git(['add', '.']);
    git(['commit', '-qm', 'a'], '2026-02-21T09:00:00+00:00');
    // incident 2026-03-01, first committed 2026-03-10 → 9 days; edited later (the later commit does not count)
    fs.writeFileSync(path.join(dir, 'postmortems', 'b.md'), pm('2026-03-01', 'Queue backlog again'));
    git(['add', '.']);
    git(['commit', '-qm', 'b'], '2026-03-10T09:00:00+00:00');
    fs.appendFileSync(path.join(dir, 'postmortems', 'b.md'), '\nMore detail.\n');
    git(['commit', '-qam', 'b2'], '2026-04-01T09:00:00+00:00');
    // d.md starts as a copy of a.md (a new postmortem from an old one): its own first commit counts, 2026-03-12 for an
    // incident on 2026-03-11 → 1 day (git log --follow alone would follow the copy back to a.md's commit)
    fs.writeFileSync(path.join(dir, 'postmortems', 'd.md'), pm('2026-03-11', 'Queue backlog'));
    git(['add', '.']);
    git(['commit', '-qm', 'd'], '2026-03-12T09:00:00+00:00');
    // c.md states its own written date (2026-03-22 for an incident on 2026-03-20: 2 days); git is not asked
    fs.writeFileSync(
      path.join(dir, 'postmortems', 'c.md'),
      pm('2026-03-20', 'Queue backlog three').replace('**Severity:**', '**Written:** 2026-03-22\n**Severity:**'),
    );
    git(['add', '.']);
    git(['commit', '-qm', 'c'], '2026-05-05T09:00:00+00:00');
    // e.md has a Written field with no date in it ("TBD"): as good as none, so git is asked (the CLI and the
    // dashboard share the predicate): incident 2026-03-14, first committed 2026-03-16 → 2 days
    fs.writeFileSync(
      path.join(dir, 'postmortems', 'e.md'),
      pm('2026-03-14', 'Queue backlog four').replace('**Severity:**', '**Written:** TBD\n**Severity:**'),
    );
    git(['add', '.']);
    git(['commit', '-qm', 'e'], '2026-03-16T09:00:00+00:00');
    const j = jsonReport(dir);
    expect(j.timeliness.rows.map((x: Record<string, unknown>) => [x.file, x.incident, x.written, x.days, x.source])).toEqual([
      ['postmortems/a.md', '2026-02-20', '2026-02-21', 1, 'git'],
      ['postmortems/b.md', '2026-03-01', '2026-03-10', 9, 'git'],
      ['postmortems/d.md', '2026-03-11', '2026-03-12', 1, 'git'],
      ['postmortems/e.md', '2026-03-14', '2026-03-16', 2, 'git'],
      ['postmortems/c.md', '2026-03-20', '2026-03-22', 2, 'metadata'],
    ]);
    // within 2 days: a (1), d (1), e (2) and c (2); median of 1, 1, 2, 2, 9 = 2
    expect([j.timeliness.measured, j.timeliness.withinTwoDays, j.timeliness.medianDays]).toEqual([5, 4, 2]);
  });
});

describe('report: tracker drift', () => {
  it('Jira CSV: done here but open there, closed there but open here, and keys the export does not know', () => {
    const j = jsonReport(figures(), '--tracker', 'tracker/jira-export.csv');
    expect(j.tracker).toMatchObject({ source: 'jira', issues: 7, file: 'tracker/jira-export.csv' });
    // OPS-101 done in cert-expiry, In Progress in Jira; OPS-102 open there, Done in Jira; OPS-151 (dns) not in the
    // export; OPS-160 (disk) open, Closed in Jira. OPS-140 (open / To Do), 150, 170, 171 (done / Done) agree;
    // the GitHub links of double-charge are not Jira's to judge.
    expect(j.tracker.drift.map((d: { kind: string; issue: string }) => [d.kind, d.issue])).toEqual([
      ['done-in-document-open-in-tracker', 'OPS-101'],
      ['closed-in-tracker-open-in-document', 'OPS-102'],
      ['unknown-to-tracker', 'OPS-151'],
      ['closed-in-tracker-open-in-document', 'OPS-160'],
    ]);
  });

  it('gh issue list JSON: a closed issue still open in the document, and an issue the export does not know', () => {
    const j = jsonReport(figures(), '--tracker', 'tracker/gh-issues.json');
    expect(j.tracker).toMatchObject({ source: 'github', issues: 2 });
    expect(j.tracker.drift.map((d: { kind: string; issue: string }) => [d.kind, d.issue])).toEqual([
      ['closed-in-tracker-open-in-document', 'acme/payments#12'],
      ['unknown-to-tracker', 'acme/payments#99'],
    ]);
    const md = cli(['report', '--today', NOW, '--tracker', 'tracker/gh-issues.json', '.'], figures()).stdout;
    expect(md).toContain(
      '| closed in the tracker, open in the document | acme/payments#12 | Keep the idempotency key stable across retries |',
    );
  });

  it('parses quoted CSV fields and matches references of its own kind only', () => {
    expect(parseCsv('a,"b, ""c""",d\r\n"x\ny",,z\n\n')).toEqual([
      ['a', 'b, "c"', 'd'],
      ['x\ny', '', 'z'],
    ]);
    const jira = parseTracker('Issue key,Status,Status Category\nOPS-1,Won’t Do,Done\nOPS-2,In Review,In Progress\n');
    expect(jira.issues.map((i) => [i.key, i.closed])).toEqual([
      ['OPS-1', true],
      ['OPS-2', false],
    ]);
    expect(referenceKeys('https://acme.atlassian.net/browse/OPS-7', 'jira')).toEqual(['OPS-7']);
    expect(referenceKeys('https://github.com/Acme/Web/pull/5', 'github')).toEqual(['acme/web#5']);
    expect(referenceKeys('#42', 'github')).toEqual(['#42']);
    expect(referenceKeys('OPS-7', 'github')).toEqual([]);
  });
});

describe('report: usage', () => {
  it('--help lists the report command', () => {
    const r = cli(['--help'], os.tmpdir());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('postmortem-lint report [--format markdown|json|html]');
    const sub = cli(['report', '--help'], os.tmpdir());
    expect(sub.stdout).toContain('--tracker <file>');
  });

  it('bad input: a clear message and exit code 2', () => {
    const dir = figures();
    const cases: [string[], RegExp][] = [
      [['report', '--format', 'pdf', '.'], /unknown report format "pdf" \(use markdown, json, html\)/],
      [['report', '--tracker', 'missing.json', '.'], /cannot read the tracker file missing\.json: ENOENT/],
      [['report', '--tracker', 'notes.md', '.'], /tracker file notes\.md: expected a Jira CSV export/],
      [['report', '--since', 'soon', '.'], /--since: expected an ISO date \(YYYY-MM-DD\), got "soon"/],
      [['report', 'tracker'], /no postmortems found in tracker/],
      [['report'], /usage: postmortem-lint report/],
    ];
    for (const [argv, message] of cases) {
      const r = cli(argv, dir);
      expect([r.code, r.stdout], argv.join(' ')).toEqual([2, '']);
      expect(r.stderr, argv.join(' ')).toMatch(message);
    }
  });

  it('escapes document text in html', () => {
    const dir = workspace({
      'postmortems/x.md':
        '# <script>alert(1)</script> outage\n\n**Date:** 2026-01-02\n\n## Summary\n\nx\n\n## Action Items\n\n- [ ] Fix <img src=x onerror=alert(1)> — owner: @a&b\n',
    });
    const r = cli(['report', '--format', 'html', '--today', NOW, '.'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/<script|<img/);
    expect(r.stdout).toContain('Fix &#60;img src=x onerror=alert(1)&#62;');
  });
});
