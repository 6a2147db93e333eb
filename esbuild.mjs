// Bundles the client, the server and the CLI into dist/ (one file each, no runtime node_modules).
import * as esbuild from 'esbuild';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const watch = process.argv.includes('--watch');
const minify = !process.argv.includes('--dev');

const common = {
  bundle: true,
  platform: 'node',
  mainFields: ['module', 'main'],
  target: 'node18',
  format: 'cjs',
  minify,
  sourcemap: minify ? false : 'inline',
  logLevel: 'warning',
  legalComments: 'none',
  // ESM-only dependencies (fdir via tinyglobby) read import.meta.url; give them the CommonJS file's URL.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

// The web extension (vscode.dev, github.dev): the client for the browser extension host and the server for a web
// worker. Built for the browser: an import of a Node built-in fails the build (test/unit/web-bundle.test.ts checks the
// inputs too).
// wink-nlp's English model is most of every bundle (about 3 MB). It ships once, as dist/model.js: a script that both
// hosts load. Node (the server, the CLI) requires it beside the bundle; the web worker gets it as a global, from the
// script the client prepends to the worker's code or, started from a URL, through importScripts (see
// server/src/browser/model.ts). The model's word lists (wn-*-exceptions.js) are small and stay in the bundles.
const MODEL = 'wink-eng-lite-web-model';
const MODEL_GLOBAL = 'postmortemLintWinkModel';
const modelBuild = {
  bundle: true,
  platform: 'neutral',
  mainFields: ['main'],
  target: 'es2022',
  format: 'iife',
  globalName: MODEL_GLOBAL,
  minify,
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
  entryPoints: [MODEL],
  outfile: 'dist/model.js',
  // the same file is a CommonJS module in Node
  footer: { js: `if (typeof module === 'object' && module) module.exports = ${MODEL_GLOBAL};` },
};
/** Resolves the model's package to dist/model.js (Node, external) or to the worker's global (the web server). */
function sharedModel(host) {
  return {
    name: 'shared-model',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${MODEL}$`) }, () =>
        host === 'node'
          ? { path: './model.js', external: true }
          : { path: fileURLToPath(new URL('server/src/browser/model.ts', import.meta.url)) },
      );
    },
  };
}

const web = {
  bundle: true,
  platform: 'browser',
  mainFields: ['browser', 'module', 'main'],
  target: 'es2022',
  minify,
  sourcemap: minify ? false : 'inline',
  logLevel: 'warning',
  legalComments: 'none',
};
export const webBuilds = [
  { ...web, entryPoints: ['client/src/browser.ts'], outfile: 'dist/web/extension.js', format: 'cjs', external: ['vscode'] },
  // a web worker has no DOM: packages' `worker` builds before their `browser` ones (decode-named-character-reference's
  // browser build decodes entities through document.createElement)
  {
    ...web,
    entryPoints: ['server/src/browser/server.ts'],
    outfile: 'dist/web/server.js',
    format: 'iife',
    conditions: ['worker'],
    plugins: [sharedModel('web')],
  },
];

export const builds = [
  modelBuild,
  ...webBuilds,
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js', plugins: [sharedModel('node')] },
  {
    ...common,
    entryPoints: ['server/src/cli/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
    plugins: [sharedModel('node')],
  },
];

// Run as a script (npm run build) it builds; imported, it only gives its options (test/unit/web-bundle.test.ts).
async function build() {
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('esbuild: watching client, server and cli');
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync('dist/cli.js', 0o755);
  // The config schema is derived from the rule registry at build time (contributed via jsonValidation).
  await esbuild.build({
    ...common,
    minify: false,
    sourcemap: false,
    entryPoints: ['server/src/node/schema.ts'],
    outfile: 'out/schema.cjs',
  });
  const { configSchema } = createRequire(import.meta.url)('./out/schema.cjs');
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/postmortemlintrc.schema.json', `${JSON.stringify(configSchema(), null, 2)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await build();
