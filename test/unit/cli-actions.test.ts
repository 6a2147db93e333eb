// `postmortem-lint actions <files…> --format csv|json|markdown`, run in-process with a capturing io.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/cli';

let dir: string;
const PM =
  '# Checkout outage\n\n## Summary\n\nCheckout failed.\n\n## Action Items\n\n- [ ] Add a "5xx, p99" alert — owner: @ana — due: 2099-04-05 — ticket: OPS-12\n- Add a | pipe check\n';
const PM_CRLF =
  '# Outage\r\n\r\n## Action Items\r\n\r\n| Action | Owner | Due |\r\n|---|---|---|\r\n| Cap `a\\|b` 🚀 | @li | 2099-01-02 |\r\n';
const NOTES = '# Meeting notes\n\n- Buy snacks\n';

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { stdout: (s) => out.push(`${s}\n`), stderr: (s) => err.push(s), cwd: dir });
  return { code, stdout: out.join(''), stderr: err.join('\n') };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pml-actions-'));
  fs.mkdirSync(path.join(dir, 'postmortems'));
  fs.writeFileSync(path.join(dir, 'postmortems', 'a.md'), PM);
  fs.writeFileSync(path.join(dir, 'postmortems', 'b.md'), PM_CRLF);
  fs.writeFileSync(path.join(dir, 'notes.md'), NOTES);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('postmortem-lint actions', () => {
  it('defaults to CSV (RFC 4180: CRLF records, quoted fields with commas/quotes), one row per item', () => {
    const r = run(['actions', 'postmortems/a.md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'file,line,section,group,action,owners,due,dueDate,status,priority,type,tracker,doneWhen\r\n' +
        'postmortems/a.md,9,Action Items,,"Add a ""5xx, p99"" alert",@ana,2099-04-05,2099-04-05,open,,,OPS-12,\r\n' +
        'postmortems/a.md,10,Action Items,,Add a | pipe check,,,,open,,,,\r\n',
    );
  });

  it('CSV cells a spreadsheet would run as formulas start with a quote (OWASP CSV injection); handles stay as written', () => {
    const sub = fs.mkdtempSync(path.join(os.tmpdir(), 'pml-formula-'));
    fs.writeFileSync(
      path.join(sub, 'formula.md'),
      '# Outage\n\n## Action Items\n\n| Action | Owner | Due |\n|---|---|---|\n| =HYPERLINK("http://x.example") | @li | 2099-01-02 |\n| -1+2 check | @ops | 2099-01-03 |\n| Review @SUM(1) | @sre | 2099-01-04 |\n',
    );
    const r = run(['actions', path.join(sub, 'formula.md')]);
    fs.rmSync(sub, { recursive: true, force: true });
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split('\r\n').slice(1);
    expect(rows).toEqual([
      `${path.relative(dir, path.join(sub, 'formula.md'))},7,Action Items,,"'=HYPERLINK(""http://x.example"")",@li,2099-01-02,2099-01-02,open,,,,`,
      `${path.relative(dir, path.join(sub, 'formula.md'))},8,Action Items,,'-1+2 check,@ops,2099-01-03,2099-01-03,open,,,,`,
      `${path.relative(dir, path.join(sub, 'formula.md'))},9,Action Items,,Review @SUM(1),@sre,2099-01-04,2099-01-04,open,,,,`,
    ]);
  });

  it('JSON keeps every field; a CRLF table with an escaped pipe and emoji is read exactly', () => {
    const r = run(['actions', '--format', 'json', 'postmortems/b.md', 'postmortems/a.md']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { file: string; action: string; owners: string; dueDate: string; line: number }[];
    expect(rows.map((x) => [x.file, x.line, x.owners, x.dueDate])).toEqual([
      ['postmortems/a.md', 9, '@ana', '2099-04-05'],
      ['postmortems/a.md', 10, '', ''],
      ['postmortems/b.md', 7, '@li', '2099-01-02'],
    ]);
    expect(rows[2]!.action).toBe('Cap `a\\|b` 🚀');
  });

  it('Markdown is a table with escaped pipes', () => {
    const r = run(['actions', '--format=markdown', 'postmortems/a.md']);
    expect(r.stdout.split('\n')[0]).toBe('| action | owners | due | status | tracker | doneWhen | file | line |');
    expect(r.stdout).toContain('| Add a \\| pipe check |  |  | open |  |  | postmortems/a.md | 10 |');
  });

  it('directories export only documents that look like postmortems; files are never modified', () => {
    const before = fs.readFileSync(path.join(dir, 'postmortems', 'b.md'), 'utf8');
    const r = run(['actions', '--format', 'json', '.']);
    expect(r.code).toBe(0);
    const files = new Set((JSON.parse(r.stdout) as { file: string }[]).map((x) => x.file));
    expect([...files].sort()).toEqual(['postmortems/a.md', 'postmortems/b.md']);
    expect(fs.readFileSync(path.join(dir, 'postmortems', 'b.md'), 'utf8')).toBe(before);
  });

  it('a document without action items gives just the header', () => {
    expect(run(['actions', 'notes.md']).stdout).toBe(
      'file,line,section,group,action,owners,due,dueDate,status,priority,type,tracker,doneWhen\r\n',
    );
  });

  it('usage errors exit 2', () => {
    expect(run(['actions']).code).toBe(2);
    const bad = run(['actions', '--format', 'sarif', 'postmortems/a.md']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown actions format "sarif"');
    expect(run(['actions', 'missing.md']).code).toBe(2);
  });
});
