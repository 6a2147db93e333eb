// The follow-ups dashboard's content from the real server (issue 17 §3): `postmortemLint/report` over a workspace
// folder is the CLI's `report` over the same folder, figure for figure; an open document counts with its editor text;
// the HTML page is self-contained with its content security policy; an untrusted workspace reads nothing from disk.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { TestClient } from './helpers/client';
import { cli } from '../unit/helpers/cli';
import { REPORT_REQUEST, type ReportParams, type ReportResult } from '../../server/src/protocol';

const NOW = '2026-06-30';
let client: TestClient | undefined;
afterEach(async () => {
  await client?.shutdown();
  client = undefined;
});

/** A copy of the report's figures folder (six postmortems and a note), outside any git work tree. */
function figures(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-dashboard-')));
  fs.cpSync(path.join(__dirname, '..', 'fixtures-report', 'figures'), dir, { recursive: true });
  return dir;
}

async function report(dir: string, params: ReportParams, trusted = true): Promise<ReportResult> {
  client ??= new TestClient({ rootUri: URI.file(dir).toString(), initializationOptions: { trusted } });
  if (!client.initializeResult) await client.initialize();
  return client.request<ReportResult>(REPORT_REQUEST, params);
}

describe('postmortemLint/report', () => {
  it('is the CLI report of the same folder, figure for figure', async () => {
    const dir = figures();
    const cliJson = JSON.parse(cli(['report', '--format', 'json', '--today', NOW, '.'], dir).stdout);
    const r = await report(dir, { format: 'json', today: NOW });
    expect(r.postmortems).toBe(6);
    expect(JSON.parse(r.content)).toEqual(cliJson);
    expect(cliJson.actions.done).toBe(5); // the figures test derives every number of this report by hand
  });

  it('counts an open document with its editor text', async () => {
    const dir = figures();
    const file = path.join(dir, '2026-04-02-double-charge.md');
    const text = fs.readFileSync(file, 'utf8').replace('- [ ] Reconcile charges nightly', '- [x] Reconcile charges nightly');
    client = new TestClient({ rootUri: URI.file(dir).toString() });
    await client.initialize();
    client.open(URI.file(file).toString(), text);
    const r = JSON.parse((await report(dir, { format: 'json', today: NOW })).content);
    // the disk has 5 done and 8 open; the editor's text marks one more item done
    expect([r.actions.done, r.actions.open]).toEqual([6, 7]);
  });

  it('reads the disk afresh when asked again: a postmortem written since is in the next report', async () => {
    const dir = figures();
    expect((await report(dir, { format: 'json', today: NOW })).postmortems).toBe(6);
    fs.copyFileSync(path.join(dir, '2026-02-20-disk-full.md'), path.join(dir, '2026-05-01-disk-full-again.md'));
    expect((await report(dir, { format: 'json', today: NOW })).postmortems).toBe(7);
  });

  it('html: one self-contained page with a content security policy and its charts', async () => {
    const r = await report(figures(), { format: 'html', today: NOW });
    expect(r.format).toBe('html');
    expect(r.content).toMatch(/^<!doctype html>/);
    expect(r.content).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(r.content.match(/<svg/g)?.length).toBeGreaterThanOrEqual(3);
    // nothing is loaded: no script, no stylesheet or image from elsewhere
    expect(r.content).not.toMatch(/<script|<link|@import|src="https?:/i);
  });

  it('an untrusted workspace reads no file from disk: with nothing open there is no report', async () => {
    await expect(report(figures(), { format: 'json', today: NOW }, false)).rejects.toThrow(/no postmortems in the workspace/);
  });
});
