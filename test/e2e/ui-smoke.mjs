#!/usr/bin/env node
// UI smoke test "as a person sees it": code-server with the extension (development mode) in headless
// Chromium; open a postmortem, open the Problems panel, check it lists the expected findings, and save a
// screenshot (.e2e-artifacts/postmortem-problems.png, also used for the README).
// DOM selectors are VS Code internals: this is a smoke test; the behaviour is tested through the API in suite/.
// Env: E2E_WORKSPACE (a throw-away copy of test/e2e/workspace; default: the fixture folder itself, read only),
//      E2E_RESULTS (JSON counts for scripts/e2e.mjs), E2E_UI_TIMEOUT_MS (per wait, default 60000).
import fs from 'node:fs';
import path from 'node:path';
import { workbenchUrl } from '../../scripts/vscode-driver.mjs';
import { ARTIFACTS, openWorkbench, quickOpen, ROOT, runInBrowser, WAIT } from './browser-run.mjs';

const WORKSPACE = path.resolve(process.env.E2E_WORKSPACE || path.join(ROOT, 'test/e2e/workspace'));
const SCREENSHOT = path.join(ARTIFACTS, 'postmortem-problems.png');
const FILE = '2024-03-12-checkout-outage.md';
// What the Problems panel must list for FILE (message text and the "source(code)" label).
const EXPECTED = [
  { text: 'Missing section "What Went Well"', code: 'required-sections' },
  { text: 'Missing section "What Went Poorly"', code: 'required-sections' },
  { text: 'Timeline entry 14:12 is earlier than the entry above it (14:30)', code: 'timeline-order' },
  { text: 'Personal blame / human error', code: 'human-error' },
  { text: '"<add the revenue impact here>" is an angle-bracket template field', code: 'template-placeholder' },
  { text: 'Action item has no owner', code: 'action-item-owner' },
];

const code = await runInBrowser({
  name: 'ui-smoke',
  userSettings: {
    'workbench.colorTheme': 'Default Light Modern',
    'window.commandCenter': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden', // the empty chat pane would take a third of the screenshot
  },
  body: async ({ server, page, check }) => {
    const url = workbenchUrl(server, { folder: WORKSPACE, payload: [['extensionDevelopmentPath', server.remote(ROOT)]] });

    await check('the workbench loads with the extension in development mode', () => openWorkbench(page, url));

    await check(`${FILE} opens in an editor from Quick Open`, () => quickOpen(page, FILE, 'Postmortem: checkout API outage'));

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
  },
});
process.exit(code);
