// Types of esbuild.mjs for the TypeScript tests that build its bundles in memory.
import type { BuildOptions } from 'esbuild';
/** Every bundle `npm run build` writes (the model, the web client and worker, the Node client, server and CLI). */
export const builds: BuildOptions[];
/** The web extension's bundles: the client for the browser extension host, the server for a web worker. */
export const webBuilds: BuildOptions[];
