#!/usr/bin/env node
// UI smoke test "as a person sees it": code-server with the extension (development mode) in headless
// Chromium; open a postmortem, open the Problems panel, check it lists the expected findings, and save a
// screenshot (.e2e-artifacts/postmortem-problems.png, also used for the README).
// DOM selectors are VS Code internals: this is a smoke test; the behaviour is tested through the API in suite/.
// Env: E2E_WORKSPACE (a throw-away copy of test/e2e/workspace; default: the fixture folder itself, read only),
//      E2E_RESULTS (JSON counts for scripts/e2e.mjs), E2E_UI_TIMEOUT_MS (per wait, default 60000).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startCodeServer, workbenchUrl } from '../../scripts/vscode-driver.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKSPACE = path.resolve(process.env.E2E_WORKSPACE || path.join(ROOT, 'test/e2e/workspace'));
const ARTIFACTS = path.join(ROOT, '.e2e-artifacts');
const SCREENSHOT = path.join(ARTIFACTS, 'postmortem-problems.png');
const FILE = '2024-03-12-checkout-outage.md';
const WAIT = Number(process.env.E2E_UI_TIMEOUT_MS || 60000);
// What the Problems panel must list for FILE (message text and the "source(code)" label).
const EXPECTED = [
  { text: 'Missing section "What Went Well"', code: 'required-sections' },
  { text: 'Missing section "What Went Poorly"', code: 'required-sections' },
  { text: 'Timeline entry 14:12 is earlier than the entry above it (14:30)', code: 'timeline-order' },
  { text: 'Personal blame / human error', code: 'human-error' },
  { text: '"<add the revenue impact here>" is an angle-bracket template field', code: 'template-placeholder' },
  { text: 'Action item has no owner', code: 'action-item-owner' },
];

const results = { passed: 0, failed: 0, failures: /** @type {string[]} */ ([]) };
async function check(name, fn) {
  const t = Date.now();
  try {
    await fn();
    results.passed += 1;
    console.log(`  ok   ${name} (${Date.now() - t} ms)`);
  } catch (e) {
    results.failed += 1;
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    results.failures.push(`${name}: ${msg}`);
    console.log(`  FAIL ${name}: ${msg}`);
    throw e;
  }
}

let server;
let context;
let page;
let keepLogs = false;
try {
  server = await startCodeServer({
    userSettings: {
      'workbench.colorTheme': 'Default Light Modern',
      'window.commandCenter': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden', // the empty chat pane would take a third of the screenshot
    },
  });
  context = await launchBrowser(server);
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => server.log.write(`[browser ${m.type()}] ${m.text()}\n`));
  const url = workbenchUrl(server, { folder: WORKSPACE, payload: [['extensionDevelopmentPath', server.remote(ROOT)]] });

  await check('the workbench loads with the extension in development mode', async () => {
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: WAIT });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'postmortems' }).first().waitFor({ timeout: WAIT });
  });

  await check(`${FILE} opens in an editor from Quick Open`, async () => {
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: WAIT });
    await input.fill(FILE);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first().waitFor({ timeout: WAIT });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: FILE }).waitFor({ timeout: WAIT });
    await page.locator('.monaco-editor .view-lines', { hasText: 'Postmortem: checkout API outage' }).first().waitFor({ timeout: WAIT });
  });

  await check('the Problems panel lists the expected postmortem-lint findings', async () => {
    await page.keyboard.press('Control+Shift+M'); // View: Problems
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ timeout: WAIT });
    for (const e of EXPECTED) {
      const row = panel.locator('.monaco-list-row', { hasText: e.text }).first();
      await row.waitFor({ timeout: WAIT });
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      // source and code, rendered "postmortem-lint(code)" (innerText may drop the parentheses)
      if (!new RegExp(`postmortem-lint\\W*${e.code}\\b`).test(text))
        throw new Error(`row "${text}" does not name postmortem-lint(${e.code})`);
      console.log(`       Problems: ${text}`);
    }
    // the extension's status bar item (the per-file toggle) is shown for the postmortem
    await page.locator('.statusbar-item', { hasText: 'Postmortem' }).first().waitFor({ timeout: WAIT });
    // the squiggle / marker is drawn in the editor too
    await page
      .locator('.monaco-editor .squiggly-info, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-error')
      .first()
      .waitFor({ timeout: WAIT });
  });

  await check('a screenshot of the postmortem with its Problems panel is saved', async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    const head = fs.readFileSync(SCREENSHOT).subarray(0, 8);
    if (!head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
    console.log(`       screenshot: ${path.relative(ROOT, SCREENSHOT)} (${fs.statSync(SCREENSHOT).size} bytes)`);
  });
} catch (e) {
  keepLogs = true;
  if (results.failed === 0) {
    results.failed += 1;
    results.failures.push(`setup: ${e instanceof Error ? e.message : e}`);
  }
  if (page) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'ui-smoke-failure.png') }).catch(() => {});
    console.log(`       failure screenshot: .e2e-artifacts/ui-smoke-failure.png`);
  }
} finally {
  await context?.close().catch(() => {});
  await server?.stop();
}
if (server) {
  if (keepLogs) console.log(`       code-server log kept: ${server.logFile}`);
  else fs.rmSync(server.data, { recursive: true, force: true });
}
console.log(`${results.passed} passed, ${results.failed} failed`);
if (process.env.E2E_RESULTS) fs.writeFileSync(process.env.E2E_RESULTS, JSON.stringify(results, null, 1));
process.exit(results.failed === 0 ? 0 : 1);
