/**
 * Headless Chromium for the browser tests, driven by playwright-core (which never
 * downloads a browser). The browser is found, in order, at CHROMIUM_PATH, Chromium's
 * headless shell (Debian's `chromium-headless-shell`: the same engine without the
 * desktop browser around it, which Playwright itself runs headless tests in; it costs
 * about a quarter less CPU per page), Debian's or Ubuntu's chromium, Google Chrome, or
 * Playwright's own cache; the flags keep it quiet on a closed network and let it run
 * as root. Pages ask for reduced motion: the player then skips its transitions, which
 * record nothing and only make the browser draw more frames.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--force-prefers-reduced-motion',
];

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Chromium builds Playwright may have downloaded on this machine (newest first). */
function playwrightCache(): string[] {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH ?? path.join(homedir(), process.platform === 'darwin' ? 'Library/Caches/ms-playwright' : '.cache/ms-playwright');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => /^chromium(_headless_shell)?-\d+$/.test(name))
    .sort((a, b) => Number(b.split('-')[1]) - Number(a.split('-')[1]) || (a.includes('headless') ? -1 : 1))
    .flatMap((name) =>
      ['chrome-linux/headless_shell', 'chrome-headless-shell-linux64/chrome-headless-shell', 'chrome-linux/chrome', 'chrome-linux64/chrome', 'chrome-mac/Chromium.app/Contents/MacOS/Chromium'].map((exe) => path.join(root, name, exe)),
    );
}

/** The browser the tests will use, or null when none is installed. */
export function findChromium(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  return [...SYSTEM_BROWSERS, ...playwrightCache()].find((file) => existsSync(file)) ?? null;
}

export const CHROMIUM = findChromium();

/** Launch Chromium; fails with one clear message when no browser is installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM) {
    const where = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist` : 'no Chromium or Chrome was found';
    throw new Error(`The browser tests need Chromium: ${where}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium-headless-shell) or set CHROMIUM_PATH to a Chromium or Chrome executable.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

let shared: Promise<Browser> | undefined;

/**
 * This worker's browser. The test files a worker runs one after another share it (a launch
 * costs about 1.7 s of CPU, as much as a short journey); each file ends with `closeContexts()`,
 * so nothing it opened keeps running into the next. A browser that crashed is replaced.
 */
export async function sharedBrowser(): Promise<Browser> {
  const current = await shared?.catch(() => undefined);
  if (current?.isConnected()) return current;
  shared = launchBrowser();
  return shared;
}

/** Close every page and context of the shared browser: the end of a file that used it. */
export async function closeContexts(): Promise<void> {
  const browser = await shared?.catch(() => undefined);
  await Promise.all(browser?.contexts().map((context) => context.close()) ?? []);
}
