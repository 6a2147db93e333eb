// Protocol tier for custom rules (`customRules` in .postmortemlintrc.json): the finding carries the custom id, its
// hover shows the message and the examples, and its code actions offer the rewrite and the disable comments.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { TestClient } from './helpers/client';

let ws: string;
let client: TestClient | undefined;

beforeAll(() => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-custom-'));
  fs.writeFileSync(
    path.join(ws, '.postmortemlintrc.json'),
    JSON.stringify({
      customRules: [
        {
          id: 'team/no-hero',
          message: 'Say what the system let people do, not who saved the day.',
          category: 'judgement',
          phrases: ['hero'],
          rewrite: 'the [role] on call',
          examples: { bad: ['Dana was the hero of the night.'], good: ['Nobody needed to be a hero.'] },
        },
      ],
    }),
  );
});
afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));
afterEach(async () => {
  await client?.shutdown();
  client = undefined;
});

describe('custom rules over the protocol', () => {
  it('a custom rule finding, its hover with the message and examples, its rewrite and disable actions', async () => {
    client = new TestClient({ rootUri: URI.file(ws).toString(), initializationOptions: { trusted: true } });
    await client.initialize();
    const u = URI.file(path.join(ws, 'postmortem.md')).toString();
    client.open(u, '# Outage postmortem\n\n## Summary\n\nDana was the hero of the night.\n');
    const diagnostics = await client.pull(u);
    const d = diagnostics.find((x) => x.code === 'team/no-hero');
    expect(d, JSON.stringify(diagnostics)).toBeTruthy();
    expect(d!.message).toBe('Say what the system let people do, not who saved the day.');
    expect(d!.range).toEqual({ start: { line: 4, character: 13 }, end: { line: 4, character: 17 } });
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: u },
      position: { line: 4, character: 14 },
    });
    const value = (hover!.contents as { value: string }).value;
    expect(value).toContain('**team/no-hero** (warning): Say what the system let people do');
    expect(value).toContain('Flagged:\n- “Dana was the hero of the night.”');
    expect(value).toContain('Not flagged:\n- “Nobody needed to be a hero.”');
    expect(value).toMatch(/\[Rule documentation\]\([^)]*custom-rules\.md\)/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: d!.range,
      context: { diagnostics: [d] },
    });
    expect(actions.map((a) => a.title)).toEqual([
      'Rewrite as “the [role] on call”',
      'Disable team/no-hero for this line',
      'Disable team/no-hero for this file',
      'Show documentation for team/no-hero',
    ]);
  });
});
