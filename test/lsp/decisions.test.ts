// Protocol tier, decision points (issue 18): the decision-context hint, its "Add what the responder knew then"
// code action, and the "Decisions explained" CodeLens on the Timeline heading, through the bundled server over
// stdio; and the decision points in the bundled CLI's `inspect` output.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, CodeLens, Diagnostic } from 'vscode-languageserver-protocol';
import { applyLspEdits, TestClient } from './helpers/client';

const DOC = `# Orders database slowdown

## Summary

Order writes slowed down for 20 minutes.

## Timeline

All times UTC.

- 14:08 The latency alert for the orders database fires
- 14:12 The on-call acknowledges the page
- 14:15 The on-call suspects the index build
- 14:23 The on-call kills the migration query, believing it holds the lock
- 14:25 Queries resume

## Action Items

- Add a lock-wait alert (owner: @dana, due: 2027-04-01, OPS-12, done when it pages on 30 s of lock waits)
`;
const line = (needle: string, text = DOC) => text.split('\n').findIndex((l) => l.includes(needle));

let client: TestClient | undefined;
afterEach(async () => {
  await client?.shutdown();
  client = undefined;
});
const uri = (name: string) => URI.file(path.join(os.tmpdir(), 'pm-lsp-decisions', name)).toString();
const decisionHints = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'decision-context');
const lensesOf = async (u: string) =>
  (await client!.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: u } })).filter((c) =>
    c.command?.title.startsWith('Decisions'),
  );

describe('decision points over LSP', () => {
  it('hints each unexplained decision; the code action inserts the context template and the hint goes', async () => {
    client = new TestClient();
    await client.initialize();
    const u = uri('orders.md');
    client.open(u, DOC);
    const hints = decisionHints(await client.pull(u));
    expect(hints.map((d) => [d.range.start.line, d.severity])).toEqual([
      [line('14:12'), 4],
      [line('14:15'), 4],
    ]);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: hints[1]!.range,
      context: { diagnostics: [hints[1]] },
    });
    const add = actions.find((a) => a.title === 'Add what the responder knew then')!;
    expect(add).toBeDefined();
    const fixed = applyLspEdits(DOC, add.edit!.changes![u]!);
    expect(fixed.split('\n')[line('14:15') + 1]).toBe(
      '  - Available then: [metrics / alerts / logs / runbook]. Believed: [what they concluded].',
    );
    client.change(u, 2, fixed);
    expect(decisionHints(await client.pull(u)).map((d) => d.range.start.line)).toEqual([line('14:12', fixed)]);
  });

  it('a CodeLens on the Timeline heading counts explained decisions and moves to the first unexplained one', async () => {
    client = new TestClient();
    await client.initialize();
    const u = uri('lens.md');
    client.open(u, DOC);
    const [lens, ...rest] = await lensesOf(u);
    expect(rest).toEqual([]);
    expect(lens!.range.start.line).toBe(line('## Timeline'));
    expect(lens!.command).toEqual({
      title: 'Decisions explained: 1 of 3',
      command: 'postmortemLint.revealLine',
      arguments: [u, line('14:12')],
    });
  });

  it('no hint and no lens when the rule is off', async () => {
    client = new TestClient({ settings: { rules: { 'decision-context': 'off' } } });
    await client.initialize();
    const u = uri('off.md');
    client.open(u, DOC);
    expect(decisionHints(await client.pull(u))).toEqual([]);
    expect(await lensesOf(u)).toEqual([]);
  });
});

describe('inspect (bundled CLI)', () => {
  it('lists the decision points with their explained flag', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-inspect-decisions-'));
    try {
      fs.writeFileSync(path.join(dir, 'pm.md'), DOC);
      const out = JSON.parse(
        execFileSync(process.execPath, [path.resolve(__dirname, '../../dist/cli.js'), 'inspect', path.join(dir, 'pm.md')], {
          encoding: 'utf8',
        }),
      );
      expect(out.decisionPoints).toEqual([
        { line: line('14:12') + 1, time: '14:12', verb: 'acknowledges', explained: false },
        { line: line('14:15') + 1, time: '14:15', verb: 'suspects', explained: false },
        { line: line('14:23') + 1, time: '14:23', verb: 'kills', explained: true, context: 'believing' },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
