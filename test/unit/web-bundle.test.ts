// The web extension's bundles (issue 19): the client for the browser extension host and the language server for a
// web worker are built for the browser, so no Node built-in and none of the Node hosts' modules (config files on disk,
// workspace scans, git, worker threads) may reach them. This bundles both entries the way esbuild.mjs does and reads
// what went in; the browser test (test/e2e/web-smoke.mjs) runs them.
import path from 'node:path';
import { builtinModules } from 'node:module';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { builds, webBuilds } from '../../esbuild.mjs';

const ROOT = path.resolve(__dirname, '../..');
const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** The inputs of one of esbuild.mjs's bundles, built in memory with its own options. */
async function inputsOf(outfile: string): Promise<string[]> {
  const options = builds.find((b) => b.outfile === outfile)!;
  const result = await esbuild.build({ ...options, absWorkingDir: ROOT, write: false, metafile: true, logLevel: 'silent' });
  return Object.keys(result.metafile.inputs);
}

describe('the web bundles', () => {
  for (const { outfile } of webBuilds) {
    it(`${outfile} builds for the browser with no Node built-in and no Node-host module`, async () => {
      const inputs = await inputsOf(outfile!);
      expect(inputs.length).toBeGreaterThan(10);
      expect(inputs.filter((i) => NODE_BUILTINS.has(i.replace(/^\(disabled\):/, '')))).toEqual([]);
      // the Node hosts' own modules: config files, paths on disk, workspace scans, the CLI, the Node server's wiring
      const nodeHost =
        /^(?:server\/src\/(?:node|cli)\/|server\/src\/lsp\/(?:server|documents|workspace|workspaceThread)\.ts$|server\/src\/lsp\/features\/actionCompletion\.ts$|client\/src\/extension\.ts$)/;
      expect(inputs.filter((i) => nodeHost.test(i))).toEqual([]);
      // the engine is in the server bundle: the same rules as the Node server
      if (outfile === 'dist/web/server.js') expect(inputs).toContain('server/src/engine/lint.ts');
      // the language model ships once, as dist/model.js (the worker's global, server/src/browser/model.ts)
      expect(inputs.filter((i) => i.includes('eng-core-web-model'))).toEqual([]);
    });
  }

  it('the Node server and CLI require the language model from dist/model.js rather than carrying a copy', async () => {
    for (const outfile of ['dist/server.js', 'dist/cli.js']) {
      const inputs = await inputsOf(outfile);
      expect(inputs, outfile).toContain('server/src/engine/lint.ts');
      expect(
        inputs.filter((i) => i.includes('eng-core-web-model')),
        outfile,
      ).toEqual([]);
    }
    expect(await inputsOf('dist/model.js')).toEqual(expect.arrayContaining([expect.stringMatching(/eng-core-web-model\.json$/)]));
  });

  it('a Node built-in imported into the browser server would fail the build (the check above can fail)', async () => {
    await expect(
      esbuild.build({
        stdin: { contents: "import * as fs from 'node:fs'; console.log(fs);", resolveDir: ROOT },
        bundle: true,
        platform: 'browser',
        write: false,
        logLevel: 'silent',
      }),
    ).rejects.toThrow();
  });
});
