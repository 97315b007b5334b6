/**
 * The HTML report in a real browser (headless Chromium via playwright-core): it renders, the map is there, the
 * table filters and sorts, nothing is blocked by its own CSP, nothing logs an error, and no request other than
 * the file itself is made. Skipped with a message when playwright-core or /usr/bin/chromium is missing.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERERS } from '../../src/report/registry.js';
import { reportFixture } from '../fixtures/report-fixture.js';
import { baselineReportFixture } from '../fixtures/report-fixture-baseline.js';

const CHROMIUM = '/usr/bin/chromium';
/** The lead looks at this one; tests otherwise write only to their temp dir. */
const KEEP_SCREENSHOT = '/tmp/outflow-report.png';

type Playwright = typeof import('playwright-core');
const playwright: Playwright | null = await import('playwright-core').catch(() => null);
const missing =
  playwright === null ? 'playwright-core is not installed' : !existsSync(CHROMIUM) ? `${CHROMIUM} is missing` : '';
if (missing !== '') console.warn(`html-browser tests skipped: ${missing}`);

describe.skipIf(missing !== '')('HTML report in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outflow-html-'));
  const file = join(dir, 'report.html');
  const url = pathToFileURL(file).href;
  const baselineFile = join(dir, 'report-baseline.html');
  const baselineUrl = pathToFileURL(baselineFile).href;
  type Browser = Awaited<ReturnType<Playwright['chromium']['launch']>>;
  let browser: Browser | undefined;

  beforeAll(async () => {
    writeFileSync(file, RENDERERS.html.render(reportFixture(), { color: false, columns: 120 }));
    writeFileSync(baselineFile, RENDERERS.html.render(baselineReportFixture(), { color: false, columns: 120 }));
    browser = await playwright?.chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
  });
  /** A page that records console errors/warnings, page errors and every request it makes. */
  async function openWatched() {
    if (browser === undefined) throw new Error('browser did not start');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    return { page, errors, requests };
  }

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders, filters, sorts and prints without errors, CSP violations or requests', async () => {
    const { page, errors, requests } = await openWatched();
    // Init scripts are injected by the browser itself, outside the page's CSP.
    // (as a string: the tests compile without the DOM lib)
    await page.addInitScript({
      content:
        "window.cspViolations = []; document.addEventListener('securitypolicyviolation', function (e) { window.cspViolations.push(e.violatedDirective); });",
    });
    await page.goto(url, { waitUntil: 'load' });

    expect(await page.textContent('#verdict')).toContain('e-mail address sent in clear text');
    expect(await page.locator('.map svg').count()).toBe(1);
    expect(await page.locator('.map svg circle').count()).toBeGreaterThan(0);
    const rows = page.locator('#destinations tbody tr');
    expect(await rows.count()).toBe(7);
    const visible = page.locator('#destinations tbody tr:not([hidden])');

    await page.fill('#filter', 'microsoft');
    expect(await visible.count()).toBe(2);
    expect(await page.textContent('#row-count')).toBe('2 of 7 destinations');
    await page.fill('#filter', '');
    await page.selectOption('#risk-filter', 'high');
    expect(await visible.count()).toBe(1);
    await page.selectOption('#risk-filter', '');
    expect(await visible.count()).toBe(7);

    await page.click('button.sort[data-key="flows"]');
    expect(await rows.first().locator('td.name .host').textContent()).toBe('192.168.10.1');
    await page.click('button.sort[data-key="name"]');
    expect(await rows.first().locator('td.name .host').textContent()).toBe('192.168.10.1');
    await page.click('button.sort[data-key="name"]');
    expect(await rows.first().locator('td.name .host').textContent()).toBe('telemetry.pdfsuite-update.com');
    expect(await page.getAttribute('th[data-key="name"]', 'aria-sort')).toBe('descending');

    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    copyFileSync(shot, KEEP_SCREENSHOT);

    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#filter')).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const violations = await page.evaluate('window.cspViolations');
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });
  it('with --baseline: badges, the since-baseline filter with the others, the gone list, no CSP violation', async () => {
    const { page, errors, requests } = await openWatched();
    await page.addInitScript({
      content:
        "window.cspViolations = []; document.addEventListener('securitypolicyviolation', function (e) { window.cspViolations.push(e.violatedDirective); });",
    });
    await page.goto(baselineUrl, { waitUntil: 'load' });

    expect(await page.locator('#destinations .mark.new').count()).toBe(2);
    const visible = page.locator('#destinations tbody tr:not([hidden])');
    await page.selectOption('#baseline-filter', 'new');
    expect(await visible.count()).toBe(2);
    expect(await page.textContent('#row-count')).toBe('2 of 7 destinations');
    expect(await visible.locator('td.name .host').allTextContents()).toEqual([
      'nexus.officeapps.live.com',
      'cdnjs.cloudflare.com',
    ]);
    await page.selectOption('#risk-filter', 'low');
    expect(await visible.count()).toBe(1);
    await page.selectOption('#risk-filter', '');
    await page.selectOption('#baseline-filter', 'seen');
    expect(await visible.count()).toBe(5);
    await page.fill('#filter', 'microsoft');
    expect(await visible.count()).toBe(1);
    await page.click('button.sort[data-key="flows"]');
    expect(await visible.count()).toBe(1);
    await page.fill('#filter', '');
    await page.selectOption('#baseline-filter', '');
    expect(await visible.count()).toBe(7);

    expect(await page.locator('#since-baseline table tbody tr').count()).toBe(2);
    expect(await page.isVisible('#since-baseline')).toBe(true);
    // The badge's own style applied (allowed by the CSP hash): white text on the badge colour.
    const color = await page.evaluate("getComputedStyle(document.querySelector('#destinations .mark.new')).color");
    expect(color).toBe('rgb(255, 255, 255)');

    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#baseline-filter')).toBe(false);
    expect(await page.isVisible('#since-baseline')).toBe(true);

    const violations = await page.evaluate('window.cspViolations');
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([baselineUrl]);
    await page.close();
  });
});
