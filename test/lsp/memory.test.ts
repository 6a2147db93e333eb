// Protocol tier, memory (issue 21): the server's live heap, measured in bytes after a forced collection
// (`node --expose-gc`, the postmortemLint/serverStatus request), while a client types into a 2,000-line
// postmortem: the memos keep what the current text needs, not every version typed (no timing is asserted).
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_STATUS_REQUEST, type ServerStatusResult } from '../../server/src/protocol';
import { generatePostmortem } from '../../scripts/bench-docs.mjs';
import { TestClient } from './helpers/client';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.shutdown();
  client = undefined;
});

const uri = URI.file(path.join(os.tmpdir(), 'pm-lsp', 'memory.md')).toString();
const LETTERS = 'incident review notes ';

describe('memory while typing', () => {
  it('the heap after 500 keystrokes is within 10% of the heap after the first 10; closing the document releases it', async () => {
    client = new TestClient({ nodeArgs: ['--expose-gc'] });
    await client.initialize();
    const status = async () => {
      const s = await client!.request<ServerStatusResult>(SERVER_STATUS_REQUEST, { collect: true });
      expect(s.collected).toBe(true);
      return s;
    };
    // what stays once a document was linted and closed: the language model, compiled patterns, the JIT's code
    const small = URI.file(path.join(os.tmpdir(), 'pm-lsp', 'small.md')).toString();
    client.open(small, generatePostmortem(200, 3));
    expect((await client.pull(small)).length).toBeGreaterThan(0);
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: small } });
    const base = await status();
    expect(base.documents).toBe(0);

    const text = generatePostmortem(2000, 7);
    const lines = text.split('\n');
    // typing in the middle of the document's middle line: three characters in, one out, a pull after each key
    const line = lines.length >> 1;
    let character = lines[line]!.length >> 1;
    client.open(uri, text);
    expect((await client.pull(uri)).length).toBeGreaterThan(0);
    let version = 1;
    const key = async (i: number) => {
      if (i % 4 === 3) {
        client!.edit(uri, ++version, { line, character: character - 1 }, { line, character }, '');
        character--;
      } else {
        client!.edit(uri, ++version, { line, character }, { line, character }, LETTERS[i % LETTERS.length]!);
        character++;
      }
      await client!.pull(uri);
    };
    let i = 0;
    for (; i < 10; i++) await key(i);
    const early = await status();
    expect(early.documents).toBe(1);
    for (; i < 500; i++) await key(i);
    const late = await status();
    expect(late.heapUsed).toBeLessThanOrEqual(early.heapUsed * 1.1);

    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const closed = await status();
    expect(closed.documents).toBe(0);
    // closing releases what the document held: back to within 10% of the heap before it was opened
    expect(closed.heapUsed).toBeLessThanOrEqual(base.heapUsed * 1.1);
  }, 120_000);
});
