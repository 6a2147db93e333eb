#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end tier.
//   1. scripts/install-e2e-tools.sh (idempotent; code-server, Node 24, Chromium, Neovim into .e2e-tools/)
//   2. npm run build (dist/extension.js, dist/server.js)
//   3. esbuild test/e2e/suite/*.ts -> out/e2e/suite/*.js; fresh copy of test/e2e/workspace -> out/e2e/workspace
//   4. mocha suite inside a real VS Code (code-server) via @vscode/test-electron's runTests, with
//      scripts/vscode-driver.mjs as the VS Code executable
//   5. test/e2e/ui-smoke.mjs: Problems panel + screenshot in headless Chromium
// Prints a final line `N passed, N failed` and exits non-zero on any failure or timeout.
// Every child process runs in its own process group under a hard timeout.
// Env: E2E_SKIP_INSTALL=1 skips step 1, E2E_SKIP_BUILD=1 skips step 2, E2E_ONLY=vscode|ui runs one part.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'out/e2e');
const require = createRequire(path.join(ROOT, 'package.json'));
const MIN = 60_000;

// Child mode: run the mocha suite through the test-electron API (a separate process so the parent can
// time it out and kill the whole group: runTests -> vscode-driver -> code-server, Chromium).
if (process.argv[2] === '--run-vscode-tests') {
  const { runTests } = require('@vscode/test-electron');
  try {
    await runTests({
      vscodeExecutablePath: path.join(ROOT, 'scripts/vscode-driver.mjs'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(OUT, 'suite/index.js'),
      launchArgs: [path.join(OUT, 'workspace'), '--disable-extensions'],
      extensionTestsEnv: {
        E2E_RESULTS: path.join(OUT, 'vscode-results.json'),
        E2E_WORKSPACE: path.join(OUT, 'workspace'),
        E2E_GREP: process.env.E2E_GREP ?? '',
      },
    });
    process.exit(0);
  } catch (e) {
    console.error(`runTests: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}

const t0 = Date.now();
const since = (t) => `${((Date.now() - t) / 1000).toFixed(1)}s`;
let passed = 0;
let failed = 0;
const problems = [];

/** Runs a command in its own process group; resolves with the exit code, or 'timeout'. */
function run(label, cmd, args, { timeoutMs, env } = {}) {
  const t = Date.now();
  console.log(`\n[e2e] ${label} ...`);
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', detached: true, env: { ...process.env, ...env } });
    let timedOut = false;
    const kill = (sig) => {
      try {
        process.kill(-p.pid, sig);
      } catch {
        /* gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`[e2e] ${label}: TIMEOUT after ${timeoutMs / 1000}s, killing it`);
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), 10_000).unref();
    }, timeoutMs);
    const onSignal = () => {
      kill('SIGTERM');
      process.exit(130);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    p.on('error', (e) => console.error(`[e2e] ${label}: ${e.message}`));
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      const r = timedOut ? 'timeout' : (code ?? signal);
      console.log(`[e2e] ${label}: ${r === 0 ? 'ok' : `FAILED (${r})`} in ${since(t)}`);
      resolve(r);
    });
  });
}

function finish() {
  for (const p of problems) console.log(`[e2e] problem: ${p}`);
  console.log(`[e2e] wall time ${since(t0)}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && problems.length === 0 ? 0 : 1);
}

/** Reads a results file written by a test runner: { passed, failed, failures: string[] }. */
function collect(label, file, exitCode) {
  let r;
  try {
    r = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    failed += 1;
    problems.push(`${label}: no results (${exitCode === 'timeout' ? 'timed out' : `exit ${exitCode}`}) before reporting`);
    return;
  }
  passed += r.passed;
  failed += r.failed;
  for (const f of r.failures ?? []) problems.push(`${label}: ${f}`);
  if (exitCode !== 0 && r.failed === 0) {
    failed += 1; // the runner said "all passed" but exited non-zero: count that as a failure, never hide it
    problems.push(`${label}: exit ${exitCode} although every test reported passing`);
  }
}

const only = process.env.E2E_ONLY;

if (process.env.E2E_SKIP_INSTALL !== '1') {
  const r = await run('install e2e tools', 'bash', [path.join(ROOT, 'scripts/install-e2e-tools.sh')], { timeoutMs: 25 * MIN });
  if (r !== 0) {
    failed += 1;
    problems.push('tool install failed');
    finish();
  }
}
if (process.env.E2E_SKIP_BUILD !== '1') {
  const r = await run('npm run build', 'npm', ['run', 'build'], { timeoutMs: 5 * MIN });
  if (r !== 0) {
    failed += 1;
    problems.push('build failed');
    finish();
  }
}
if (!fs.existsSync(path.join(ROOT, 'dist/extension.js'))) {
  failed += 1;
  problems.push('dist/extension.js is missing after the build');
  finish();
}

// compile the suite (mocha and vscode stay external: mocha resolves from the repo's node_modules)
{
  const t = Date.now();
  fs.rmSync(OUT, { recursive: true, force: true });
  const suiteDir = path.join(ROOT, 'test/e2e/suite');
  const entries = fs
    .readdirSync(suiteDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(suiteDir, f));
  const esbuild = require('esbuild');
  try {
    await esbuild.build({
      entryPoints: entries,
      outdir: path.join(OUT, 'suite'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      external: ['vscode', 'mocha'],
      logLevel: 'warning',
    });
  } catch (e) {
    failed += 1;
    problems.push(`compiling the e2e suite failed: ${e instanceof Error ? e.message : e}`);
    finish();
  }
  // the tests edit, save and reconfigure files: give them a throw-away copy of the fixture workspace
  fs.cpSync(path.join(ROOT, 'test/e2e/workspace'), path.join(OUT, 'workspace'), { recursive: true });
  console.log(`[e2e] compiled ${entries.length} suite files and copied the workspace in ${since(t)}`);
}

if (!only || only === 'vscode') {
  const code = await run(
    'extension tests in VS Code (code-server)',
    process.execPath,
    [path.join(ROOT, 'scripts/e2e.mjs'), '--run-vscode-tests'],
    { timeoutMs: 10 * MIN, env: { E2E_TIMEOUT_MS: process.env.E2E_TIMEOUT_MS || String(8 * MIN) } },
  );
  collect('vscode suite', path.join(OUT, 'vscode-results.json'), code);
}
if (!only || only === 'ui') {
  fs.cpSync(path.join(ROOT, 'test/e2e/workspace'), path.join(OUT, 'ui-workspace'), { recursive: true });
  const code = await run('UI smoke test (Problems panel, screenshot)', process.execPath, [path.join(ROOT, 'test/e2e/ui-smoke.mjs')], {
    timeoutMs: 5 * MIN,
    env: { E2E_RESULTS: path.join(OUT, 'ui-results.json'), E2E_WORKSPACE: path.join(OUT, 'ui-workspace') },
  });
  collect('ui smoke', path.join(OUT, 'ui-results.json'), code);
}
if (!only || only === 'web') {
  const code = await run(
    'web extension in the browser (web worker server, quick fix)',
    process.execPath,
    [path.join(ROOT, 'test/e2e/web-smoke.mjs')],
    {
      timeoutMs: 5 * MIN,
      env: { E2E_RESULTS: path.join(OUT, 'web-results.json') },
    },
  );
  collect('web smoke', path.join(OUT, 'web-results.json'), code);
}
finish();
