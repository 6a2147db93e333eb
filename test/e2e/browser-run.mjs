// What the browser-driven e2e scripts (ui-smoke.mjs, web-smoke.mjs) share: code-server and headless Chromium started
// and stopped, named checks counted and printed, a failure screenshot and the kept code-server log, the results file
// for scripts/e2e.mjs (E2E_RESULTS) and the exit code; loading the workbench and opening a file from Quick Open.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startCodeServer } from '../../scripts/vscode-driver.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = path.join(ROOT, '.e2e-artifacts');
export const WAIT = Number(process.env.E2E_UI_TIMEOUT_MS || 60000);

/**
 * Run `body` with a code-server and a Chromium page, then exit with the checks' outcome.
 * @param {{ name: string, userSettings?: object, body: (env: { server: any, page: any, check: (name: string, fn: () => Promise<void>) => Promise<void> }) => Promise<void> }} opts
 */
export async function runInBrowser({ name, userSettings, body }) {
  const results = { passed: 0, failed: 0, failures: /** @type {string[]} */ ([]) };
  async function check(title, fn) {
    const t = Date.now();
    try {
      await fn();
      results.passed += 1;
      console.log(`  ok   ${title} (${Date.now() - t} ms)`);
    } catch (e) {
      results.failed += 1;
      const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
      results.failures.push(`${title}: ${msg}`);
      console.log(`  FAIL ${title}: ${msg}`);
      throw e;
    }
  }
  let server;
  let context;
  let page;
  let keepLogs = false;
  try {
    server = await startCodeServer({ userSettings });
    context = await launchBrowser(server);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => server.log.write(`[browser ${m.type()}] ${m.text()}\n`));
    await body({ server, page, check });
  } catch (e) {
    keepLogs = true;
    if (results.failed === 0) {
      results.failed += 1;
      results.failures.push(`setup: ${e instanceof Error ? e.message : e}`);
    }
    if (page) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}-failure.png`) }).catch(() => {});
      console.log(`       failure screenshot: .e2e-artifacts/${name}-failure.png`);
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
  return results.failed === 0 ? 0 : 1;
}

/** Load the workbench at `url` and wait until the Explorer shows the workspace's postmortems folder. */
export async function openWorkbench(page, url) {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: WAIT });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'postmortems' }).first().waitFor({ timeout: WAIT });
}

/** Open `file` from Quick Open and wait until the editor shows `shows` (a line of its text). */
export async function quickOpen(page, file, shows) {
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: WAIT });
  await input.fill(file);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().waitFor({ timeout: WAIT });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: file }).waitFor({ timeout: WAIT });
  await page.locator('.monaco-editor .view-lines', { hasText: shows }).first().waitFor({ timeout: WAIT });
}
