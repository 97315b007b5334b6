/**
 * The README's picture of the HTML report: the first screen of the sample audit's HTML report, taken in headless
 * Chromium (playwright-core, a dev dependency) by `npm run samples`, so it shows the report the tool writes today.
 * Where playwright-core or Chromium is missing the picture is left as it is, and the run says so.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Where Debian's chromium package puts the browser (the browser tests use the same one). */
const CHROMIUM = '/usr/bin/chromium';
/** A laptop's first screen: what a reader sees on opening the report. */
const VIEWPORT = { width: 1280, height: 800 };

/** Writes `pngPath` from `htmlPath`; returns why not when it cannot (null when written). */
export async function screenshotReport(htmlPath: string, pngPath: string): Promise<string | null> {
  const playwright = await import('playwright-core').catch(() => null);
  if (playwright === null) return 'playwright-core is not installed';
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing`;
  const browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(htmlPath).href);
    await page.screenshot({ path: pngPath });
    return null;
  } finally {
    await browser.close();
  }
}
