#!/usr/bin/env node
// The web extension in a real browser: code-server runs an extension that has only a `browser` entry (the extension
// folder staged here holds package.json without `main`, dist/web and the language model, dist/model.js) in the
// workbench's web worker extension host, in headless Chromium. The test opens a postmortem, checks the Problems panel
// lists the language server's findings (the server runs in a web worker), applies a quick fix from the lightbulb menu
// and checks the buffer and the Problems panel change. DOM selectors are VS Code internals, as in ui-smoke.mjs.
// Env: E2E_RESULTS (JSON counts for scripts/e2e.mjs), E2E_UI_TIMEOUT_MS (per wait, default 60000).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workbenchUrl } from '../../scripts/vscode-driver.mjs';
import { openWorkbench, quickOpen, ROOT, runInBrowser, WAIT } from './browser-run.mjs';

const FILE = 'web-check.md';
// the postmortem both web tiers lint (test/lsp/web-server.test.ts reads it too)
const POSTMORTEM = fs.readFileSync(path.join(ROOT, 'test/e2e', FILE), 'utf8');

/** A browser-only copy of the extension: what the .vsix ships, with `main` removed so only the web entry can run. */
function stageWebExtension(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  delete manifest.main;
  delete manifest.files;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const p of ['dist/web', 'dist/model.js', 'syntaxes', 'snippets', 'docs/rules']) {
    if (!fs.existsSync(path.join(ROOT, p))) throw new Error(`${p} is missing: run npm run build first`);
    fs.cpSync(path.join(ROOT, p), path.join(dir, p), { recursive: true });
  }
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pml-web-'));
const extension = path.join(scratch, 'extension');
const workspace = path.join(scratch, 'workspace');
stageWebExtension(extension);
fs.mkdirSync(path.join(workspace, 'postmortems'), { recursive: true });
fs.writeFileSync(path.join(workspace, 'postmortems', FILE), POSTMORTEM);
const code = await runInBrowser({
  name: 'web-smoke',
  userSettings: { 'workbench.colorTheme': 'Default Light Modern', 'window.commandCenter': false },
  body: async ({ server, page, check }) => {
    const url = workbenchUrl(server, { folder: workspace, payload: [['extensionDevelopmentPath', server.remote(extension)]] });

    await check('the workbench loads with the browser-only extension in development mode', () => openWorkbench(page, url));

    await check(`${FILE} opens in an editor from Quick Open`, () => quickOpen(page, FILE, 'Postmortem: search index lag'));

    await check('the web extension activated and said once what the browser cannot do (Notifications)', async () => {
      // the notice comes from the `browser` entry's activate(): the web extension, not the Node one, is running; its
      // toast may have hidden already, so read it in the notification centre
      await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-info').first().waitFor({ timeout: WAIT });
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: WAIT });
      await input.fill('>Notifications: Show Notifications');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Notifications' }).first().waitFor({ timeout: WAIT });
      await page.keyboard.press('Enter');
      await page.locator('.notifications-center', { hasText: 'runs in the browser here' }).first().waitFor({ timeout: WAIT });
      await page.keyboard.press('Escape');
      // and the Node-only view is hidden by its context key
      if (await page.locator('.pane-header', { hasText: 'Postmortem Follow-Ups' }).count())
        throw new Error('the Follow-ups view (Node only) is shown in the browser');
    });

    await check('the Problems panel lists findings of the language server in the web worker', async () => {
      await page.keyboard.press('Control+Shift+M');
      const panel = page.locator('.markers-panel');
      await panel.waitFor({ timeout: WAIT });
      for (const [text, code] of [
        ['Personal blame / human error', 'human-error'],
        ['Timeline entry 09:10 UTC is earlier than the entry above it', 'timeline-order'],
      ]) {
        const row = panel.locator('.monaco-list-row', { hasText: text }).first();
        await row.waitFor({ timeout: WAIT });
        const rowText = (await row.innerText()).replace(/\s+/g, ' ');
        if (!new RegExp(`postmortem-lint\\W*${code}\\b`).test(rowText))
          throw new Error(`row "${rowText}" does not name postmortem-lint(${code})`);
        console.log(`       Problems: ${rowText}`);
      }
    });

    await check('a quick fix from the lightbulb menu edits the buffer and its finding goes away', async () => {
      // go to the finding from its Problems row (the cursor lands on it), open the quick fix menu, pick "Disable
      // human-error for this line"
      const panel = page.locator('.markers-panel');
      const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Disable human-error for this line' }).first();
      // (a busy machine can swallow the Ctrl+. while the editor takes focus: the finding is opened and asked again)
      for (let attempt = 1; ; attempt++) {
        await panel.locator('.monaco-list-row', { hasText: 'Personal blame / human error' }).first().click();
        await page.keyboard.press('Enter');
        await page.locator('.monaco-editor.focused').first().waitFor({ timeout: WAIT });
        await page.keyboard.press('Control+.');
        try {
          await item.waitFor({ timeout: attempt < 3 ? WAIT / 4 : WAIT });
          break;
        } catch (err) {
          if (attempt >= 3) throw err;
          await page.keyboard.press('Escape');
        }
      }
      await item.click();
      await page.locator('.monaco-editor .view-lines', { hasText: 'postmortem-lint-disable' }).first().waitFor({ timeout: WAIT });
      await panel
        .locator('.monaco-list-row', { hasText: 'Personal blame / human error' })
        .first()
        .waitFor({ state: 'detached', timeout: WAIT });
      // the other finding is still there: the server re-linted the edited text, it did not clear everything
      await panel.locator('.monaco-list-row', { hasText: 'is earlier than the entry above it' }).first().waitFor({ timeout: WAIT });
    });
  },
});
fs.rmSync(scratch, { recursive: true, force: true });
process.exit(code);
