// Workspace diagnostics against the real server (issue 17 §1): "Lint All Postmortems" lints every postmortem in the
// workspace folder, opened or not, answering workspace/diagnostic with result ids (an unchanged file is reported as
// unchanged), skipping ignored, dependency and oversized files, leaving open documents to the document pull, and
// re-linting a file that changes on disk. Clients that do not pull get the same findings pushed.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from './helpers/client';
import { FOLLOW_UPS_REQUEST, LINT_WORKSPACE_REQUEST, type FollowUp, type LintWorkspaceResult } from '../../server/src/protocol';

const SLOPPY = `# Incident 2026-03-02: queue backlog

## Summary

The on-call forgot to check the consumer lag.

## Timeline

- 14:02 UTC Alert fires for the queue backlog.
- 14:20 UTC Consumers restarted.

## Action items

- [ ] Be more careful with consumer deploys.
`;
const CLEAN_README = '# Tooling\n\nHow to run the scripts in this folder.\n';

interface Report {
  kind: 'full' | 'unchanged';
  uri: string;
  resultId?: string;
  items?: Diagnostic[];
}

let dir: string;
let client: TestClient | undefined;

function write(rel: string, text: string): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return URI.file(file).toString();
}

function workspace(): { files: Record<string, string>; uri: (rel: string) => string } {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pml-ws-'));
  const files = {
    a: write('postmortems/2026-03-02-queue.md', SLOPPY),
    b: write('postmortems/2026-04-11-dns.md', SLOPPY.replace('queue backlog', 'DNS resolution').replace('forgot to check', 'ignored')),
    elsewhere: write('docs/incident-2026-05-01.md', SLOPPY.replace('queue backlog', 'login errors')), // detected by content
    readme: write('README.md', CLEAN_README),
    dependency: write('node_modules/pkg/postmortems/x.md', SLOPPY),
    gitignored: write('build-output/postmortems/copy.md', SLOPPY),
    ignoredByOwnFile: write('postmortems/drafts/draft.md', SLOPPY),
    huge: write('postmortems/huge.md', SLOPPY + '\n' + 'x'.repeat(5 * 1024 * 1024)),
  };
  write('.gitignore', 'build-output/\n');
  write('postmortems/.postmortemlintignore', 'drafts/\n');
  return { files, uri: (rel) => URI.file(path.join(dir, rel)).toString() };
}

async function start(options: { pull?: boolean } = {}): Promise<TestClient> {
  client = new TestClient({ rootUri: URI.file(dir).toString(), ...options });
  await client.initialize();
  return client;
}

async function workspacePull(c: TestClient, previous: { uri: string; value: string }[] = []): Promise<Report[]> {
  const result = await c.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: previous });
  return result.items;
}

afterEach(async () => {
  await client?.shutdown();
  client = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('workspace diagnostics (issue 17 §1)', () => {
  it('the server announces workspace diagnostics', async () => {
    workspace();
    const c = await start();
    expect(c.initializeResult?.capabilities.diagnosticProvider).toMatchObject({ workspaceDiagnostics: true });
  });

  it('"Lint All Postmortems" reports every postmortem on disk, without ignored, dependency or oversized files', async () => {
    const { files } = workspace();
    const c = await start();
    // the client's workspace pull is held until workspace linting is turned on
    const pulled = workspacePull(c);
    const summary = await c.request<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, null);
    const items = await pulled;
    const byUri = new Map(items.map((r) => [r.uri, r]));
    expect([...byUri.keys()].sort()).toEqual([files.a, files.b, files.elsewhere].sort());
    for (const r of items) {
      expect(r.kind).toBe('full');
      const rules = new Set(r.items!.map((d) => d.code));
      expect(rules.has('omission')).toBe(true); // "forgot to check" / "ignored"
      expect(rules.has('vague-remediation')).toBe(true); // "Be more careful"
    }
    // README (not a postmortem), node_modules, .gitignore'd and .postmortemlintignore'd files: never read; the huge
    // file: skipped before it is read
    expect(summary).toMatchObject({ files: 5, postmortems: 3, skipped: 1, capped: false });
    // linted in the worker thread, so the open document's diagnostics never wait behind the scan
    expect(await c.request('postmortemLint/serverStatus', {})).toMatchObject({ workspaceLint: 'worker' });
    expect(summary.problems).toBe(items.reduce((n, r) => n + r.items!.length, 0));
  });

  it('an unchanged file is reported as unchanged; a file changed on disk is linted again', async () => {
    const { files } = workspace();
    const c = await start();
    const first = workspacePull(c);
    await c.request<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, null);
    const items = await first;
    const previous = items.map((r) => ({ uri: r.uri, value: r.resultId! }));
    // nothing changed: the next pull is held; a change on disk (and its watched-file event) releases it
    fs.writeFileSync(
      URI.parse(files.b).fsPath,
      SLOPPY.replace('Be more careful with consumer deploys.', 'Alert on consumer lag above 10k (owner: @ana, due: 2026-06-01).'),
    );
    const second = workspacePull(c, previous);
    void c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: files.b, type: 2 }] });
    const again = new Map((await second).map((r) => [r.uri, r]));
    expect(again.get(files.a)?.kind).toBe('unchanged');
    expect(again.get(files.elsewhere)?.kind).toBe('unchanged');
    const b = again.get(files.b)!;
    expect(b.kind).toBe('full');
    expect(b.items!.some((d) => d.code === 'vague-remediation')).toBe(false);
  });

  it('an open document is left to the document pull; a deleted file is cleared', async () => {
    const { files } = workspace();
    const c = await start();
    c.open(files.a, SLOPPY);
    const first = workspacePull(c);
    await c.request<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, null);
    const items = await first;
    expect(items.map((r) => r.uri)).not.toContain(files.a);
    fs.rmSync(URI.parse(files.b).fsPath);
    const second = workspacePull(
      c,
      items.map((r) => ({ uri: r.uri, value: r.resultId! })),
    );
    void c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: files.b, type: 3 }] });
    const gone = (await second).find((r) => r.uri === files.b);
    expect(gone).toMatchObject({ kind: 'full', items: [] });
  });

  it('a client that does not pull gets the workspace findings pushed', async () => {
    const { files } = workspace();
    const c = await start({ pull: false });
    const summary = await c.request<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, null);
    expect(summary.postmortems).toBe(3);
    for (const uri of [files.a, files.b, files.elsewhere]) expect((await c.pushed(uri)).length).toBeGreaterThan(0);
    expect(c.published.has(files.readme)).toBe(false);
  });

  it('follow-ups: every action item of the workspace with one state each, open documents as the editor has them', async () => {
    workspace();
    // a fixed "today" (2026-03-10): due 2026-03-01 is overdue, 2026-03-20 due within 14 days, 2026-06-01 scheduled
    write('.postmortemlintrc.json', '{ "today": "2026-03-10" }');
    const followed = write(
      'postmortems/2026-02-20-billing.md',
      `# Incident 2026-02-20: billing export stalled

## Summary

The nightly billing export stalled for six hours.

## Action items

- [ ] Alert on export lag above 30 minutes (owner: @ana, due: 2026-03-01)
- [ ] Add a retry budget to the exporter (owner: @li, due: 2026-03-20)
- [ ] Document the manual re-run (owner: @ana)
- [ ] Move the export to the batch cluster (due: 2026-06-01)
- [ ] Load-test the exporter at twice the volume (owner: @li, due: 2026-06-01)
- [x] Re-run the stalled export (owner: @ana, due: 2026-02-21)
- [-] Rewrite the exporter in Go (reason: the retry budget covers the failure)
`,
    );
    const c = await start();
    const open = URI.file(path.join(dir, 'postmortems/2026-04-11-dns.md')).toString();
    c.open(open, SLOPPY.replace('Be more careful with consumer deploys.', 'Cache DNS answers for 60 s (owner: @kim, due: 2026-03-12).'));
    const items = await c.request<FollowUp[]>(FOLLOW_UPS_REQUEST, null);
    // (zero-based lines: the first item is on line 8)
    const item = (start: string) => items.find((i) => i.text.startsWith(start));
    expect(items.filter((i) => i.uri === followed).map((i) => [i.text.split(' ').slice(0, 2).join(' '), i.state, i.line])).toEqual([
      ['Alert on', 'overdue', 8],
      ['Add a', 'due-soon', 9],
      ['Document the', 'no-date', 10],
      ['Move the', 'no-owner', 11],
      ['Load-test the', 'scheduled', 12],
      ['Re-run the', 'done', 13],
      ['Rewrite the', 'let-go', 14],
    ]);
    expect(item('Alert on export lag above 30 minutes')).toMatchObject({
      postmortem: 'Incident 2026-02-20: billing export stalled',
      owners: ['@ana'],
      due: '2026-03-01',
      dueDate: '2026-03-01',
    });
    // the open document's item comes from the editor's text, not the disk's
    expect(item('Cache DNS answers for 60 s')).toMatchObject({ uri: open, state: 'due-soon', owners: ['@kim'] });
    expect(items.some((i) => i.uri === open && i.text.startsWith('Be more careful'))).toBe(false);
  });

  // issue 20: a postmortem that links out of the workspace folder (a file or a folder) is not read; a link inside is
  it.skipIf(process.platform === 'win32')('symbolic links out of the workspace folder are not read; links inside are', async () => {
    const { files, uri } = workspace();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'pml-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.md'), SLOPPY.replace('queue backlog', 'secret outage'));
      fs.mkdirSync(path.join(outside, 'more'));
      fs.writeFileSync(path.join(outside, 'more', 'other.md'), SLOPPY);
      fs.symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'postmortems', 'linked.md'));
      fs.symlinkSync(path.join(outside, 'more'), path.join(dir, 'postmortems', 'linked-folder'));
      fs.symlinkSync('../docs/incident-2026-05-01.md', path.join(dir, 'postmortems', 'alias.md'));
      const c = await start();
      const pulled = workspacePull(c);
      const summary = await c.request<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, null);
      expect((await pulled).map((r) => r.uri).sort()).toEqual([files.a, files.b, files.elsewhere, uri('postmortems/alias.md')].sort());
      // the two links out are found and skipped unread, like the huge file
      expect(summary).toMatchObject({ files: 8, postmortems: 4, skipped: 3 });
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform === 'win32')('a FIFO named like an ignore file is skipped, not waited on (issue 20)', async () => {
    const { files } = workspace();
    fs.rmSync(path.join(dir, 'postmortems', '.postmortemlintignore'));
    execFileSync('mkfifo', [path.join(dir, 'postmortems', '.postmortemlintignore')]);
    const c = await start();
    const pulled = workspacePull(c);
    const summary = await c.request<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST, null);
    // the FIFO excludes nothing: the draft its regular namesake excluded is linted too
    expect((await pulled).map((r) => r.uri).sort()).toEqual([files.a, files.b, files.elsewhere, files.ignoredByOwnFile].sort());
    expect(summary).toMatchObject({ postmortems: 4 });
  });

  it('an untrusted workspace is not read', async () => {
    workspace();
    client = new TestClient({ rootUri: URI.file(dir).toString(), initializationOptions: { trusted: false } });
    await client.initialize();
    await expect(client.request(LINT_WORKSPACE_REQUEST, null)).rejects.toThrow(/untrusted/);
  });
});
