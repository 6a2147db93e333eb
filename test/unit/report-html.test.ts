// The html report in headless Chromium (the Debian package, through playwright-core, as the e2e UI smoke test
// drives it): it renders with no console error and no network request, and holds the three charts as inline SVG.
// A screenshot goes to .e2e-artifacts/report-dashboard.png; with UPDATE_DOCS_IMAGES=1 also to
// docs/images/report-dashboard.png (the README's picture). Skipped without Chromium, except in CI where it fails.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli';

const ROOT = path.join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium && !process.env.CI) console.warn(`report-html: skipped, no Chromium at ${CHROMIUM} (set CHROMIUM)`);

describe('html report in headless Chromium', () => {
  it.runIf(hasChromium || process.env.CI)('renders with no console error, no request, and the three charts', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-report-html-')));
    fs.cpSync(path.join(ROOT, 'test', 'fixtures-report', 'figures'), dir, { recursive: true });
    const tracker = path.join(ROOT, 'test', 'fixtures-report', 'tracker', 'jira-export.csv');
    const r = cli(['report', '--format', 'html', '--today', '2026-06-30', '--tracker', tracker, '-o', 'report.html', '.'], dir);
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(dir, 'report.html');

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (req) => {
        if (req.url() !== pathToFileURL(file).href) requests.push(req.url());
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const charts = [];
      for (const id of ['chart-open-by-age', 'chart-completion', 'chart-ttr']) {
        const svg = page.locator(`svg#${id}`);
        charts.push({ id, svg: (await svg.count()) === 1, marks: await svg.locator('rect, circle').count() });
      }
      expect(charts).toEqual([
        { id: 'chart-open-by-age', svg: true, marks: 5 }, // five age buckets
        { id: 'chart-completion', svg: true, marks: 4 }, // four months, January to April 2026
        { id: 'chart-ttr', svg: true, marks: 4 }, // four incidents with a time to resolve
      ]);
      expect(await page.locator('table').count()).toBeGreaterThan(8);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      const shots = [path.join(ROOT, '.e2e-artifacts', 'report-dashboard.png')];
      if (process.env.UPDATE_DOCS_IMAGES === '1') shots.push(path.join(ROOT, 'docs', 'images', 'report-dashboard.png'));
      for (const shot of shots) {
        try {
          fs.mkdirSync(path.dirname(shot), { recursive: true });
          await page.screenshot({ path: shot });
        } catch (err) {
          console.warn(`report-html: screenshot not saved to ${shot}: ${(err as Error).message}`);
        }
      }
    } finally {
      await browser.close();
    }
  });
});
