// wink-nlp's English model in the web worker. The model ships once in the extension, as dist/model.js, a script that
// defines it as a global (esbuild.mjs): the client prepends it to the worker's code when it starts the worker from a
// blob; a worker started from its own URL (dist/web/server.js on vscode.dev) loads it from beside itself. esbuild
// resolves the engine's `require('wink-eng-lite-web-model')` to this module in the web bundle only; the Node bundles
// require dist/model.js, and the tests the package itself.
declare const importScripts: (...urls: string[]) => void;
declare const location: { href: string };

const GLOBAL = 'postmortemLintWinkModel';
const scope = globalThis as Record<string, unknown>;
if (scope[GLOBAL] === undefined) importScripts(new URL('../model.js', location.href).href);
if (scope[GLOBAL] === undefined) throw new Error(`postmortem-lint: the language model (dist/model.js) did not load`);
module.exports = scope[GLOBAL];
