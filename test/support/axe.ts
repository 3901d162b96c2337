/** Accessibility checks with axe-core, injected into a page (its CSP bypassed for that alone). */
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The WCAG 2.1 A/AA rules the page at `url` breaks, by axe rule id. */
export async function wcagViolations(browser: Browser, url: string): Promise<string[]> {
  const audit = await browser.newPage({ bypassCSP: true });
  try {
    await audit.goto(url);
    await audit.addScriptTag({ path: AXE });
    return await audit.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: Array<{ id: string }> }> } }).axe;
      return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations.map((v) => v.id);
    });
  } finally {
    await audit.close();
  }
}
