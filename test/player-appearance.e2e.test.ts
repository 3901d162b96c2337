/**
 * What a learner sees, in real Chromium on the web package of the mini course: visible
 * time warnings and a visible "time is up" on the results (time driven by Playwright's
 * clock, not waited for), the page after Exit, a likert scale in order on a phone and on
 * a desktop, and dark mode meeting WCAG 2.1 AA like the light one.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../src/course/model.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { servePackages } from './support/harness.js';
import { answer, heading, questionsOf, startAttempt, submit, viewAllLessons } from './support/learner.js';
import type { RunningServer } from './support/static-server.js';

let course: Course;
let server: RunningServer;
let browser: Browser;
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

beforeAll(async () => {
  ({ course, server } = await servePackages(['web']));
  browser = await sharedBrowser();
});

afterAll(async () => {
  await closeContexts();
  await server?.close();
});

async function open(options: { width?: number; dark?: boolean; clock?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.dark ? 'dark' : 'light', bypassCSP: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  if (options.clock) await page.clock.install();
  await page.goto(`${server.origin}/pkg/web/index.html`);
  return page;
}

async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: Array<{ id: string }> }> } }).axe.run;
    return (await run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations.map((v) => v.id);
  });
}

describe('what the learner sees', () => {
  it('warns visibly at 5 and 1 minutes, and says on the results that time ran out', async () => {
    const page = await open({ clock: true });
    expect(course.exam?.timeLimitMinutes).toBe(30);
    await startAttempt(page, 1);
    const notices = page.locator('.sp-notice');
    await page.clock.fastForward('25:01');
    await expect.poll(() => notices.allInnerTexts()).toContainEqual(expect.stringContaining('Five minutes left'));
    await expect.poll(() => page.locator('.sp-notice', { hasText: 'Five minutes left' }).isVisible()).toBe(true);
    await page.clock.fastForward('04:00');
    await expect.poll(() => notices.allInnerTexts()).toContainEqual(expect.stringContaining('One minute left'));
    await page.clock.fastForward('01:05');
    await expect.poll(() => heading(page).textContent()).toBe('Exam results');
    const timeUp = page.locator('.sp-time-up');
    await expect.poll(() => timeUp.isVisible()).toBe(true);
    expect(await timeUp.innerText()).toContain('Time is up');
  });

  it('keeps the answers of a failed attempt hidden while a retake is left (review: final), and shows them after a pass', async () => {
    const page = await open();
    const questions = questionsOf(course);
    expect(course.exam?.review).toBe('final');
    const first = await startAttempt(page, 1);
    for (const id of first) await answer(page, questions.get(id)!, false);
    await submit(page);
    const review = page.locator('.sp-answers-review');
    await expect.poll(() => review.innerText()).toContain('shown once you pass the exam or have used every attempt');
    expect(await review.locator('section[data-qid]').count()).toBe(0);
    expect(await page.locator('.sp-feedback').count()).toBe(0);
    const second = await startAttempt(page, 2);
    for (const id of second) await answer(page, questions.get(id)!, true);
    await submit(page);
    await expect.poll(() => review.locator('section[data-qid]').count()).toBe(second.length);
  });

  it('after Exit hides the Exit button and gives the closing page the whole width', async () => {
    const page = await open();
    await expect.poll(() => heading(page).textContent()).toBe(course.title);
    await page.getByRole('button', { name: 'Exit' }).click();
    await expect.poll(() => page.locator('.sp-ended').isVisible()).toBe(true);
    expect(await page.locator('.sp-exit').isVisible()).toBe(false);
    expect(await page.locator('.sp-nav').isVisible()).toBe(false);
    const [ended, layout] = await Promise.all([page.locator('.sp-ended').boundingBox(), page.locator('.sp-layout').boundingBox()]);
    // The card is no longer squeezed into the contents column (17rem): it fills the main area.
    expect(ended!.width).toBeGreaterThan(layout!.width * 0.55);
  });

  for (const [device, width] of [['phone', 360], ['desktop', 1280]] as const) {
    it(`shows a likert scale in order on a ${device}`, async () => {
      const page = await open({ width });
      const questions = questionsOf(course);
      let likert: string | undefined;
      for (let attempt = 1; attempt <= 3 && !likert; attempt++) {
        const ids = await startAttempt(page, attempt);
        likert = ids.find((id) => questions.get(id)!.type === 'likert');
        if (!likert) {
          // Not drawn this time (8 of 9 questions are): fail the attempt, so another can be drawn.
          for (const id of ids) await answer(page, questions.get(id)!, false);
          await submit(page);
        }
      }
      expect(likert, 'a likert question was drawn').toBeDefined();
      const boxes = await page.locator(`section[data-qid="${likert}"] .sp-likert .sp-choice`).evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().toJSON() as DOMRect));
      expect(boxes.length).toBeGreaterThan(2);
      for (let i = 1; i < boxes.length; i++) {
        if (width < 640) expect(boxes[i]!.top, `point ${i + 1} below point ${i}`).toBeGreaterThan(boxes[i - 1]!.top);
        else {
          expect(boxes[i]!.top, `point ${i + 1} on the same row`).toBeCloseTo(boxes[0]!.top, 0);
          expect(boxes[i]!.left, `point ${i + 1} right of point ${i}`).toBeGreaterThan(boxes[i - 1]!.left);
        }
      }
    });
  }

  it('wraps an option with a long unbroken text (a URL) on a phone instead of cutting every option off', async () => {
    const page = await open({ width: 360 });
    await startAttempt(page, 1);
    const label = page.locator('.sp-choice label').first();
    await label.evaluate((element) => (element.textContent = `https://example.org/${'a'.repeat(300)}`));
    const rights = await page.locator('.sp-choice').evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().right));
    expect(rights.length).toBeGreaterThan(1);
    for (const right of rights) expect(right).toBeLessThanOrEqual(360);
  });

  for (const width of [1280, 360]) {
    it(`meets WCAG 2.1 AA in dark mode at ${width} px`, async () => {
      const page = await open({ width, dark: true });
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe('rgb(18, 22, 29)');
      expect(await axe(page)).toEqual([]);
      await viewAllLessons(page, course);
      expect(await axe(page)).toEqual([]);
      await startAttempt(page, 1);
      expect(await axe(page)).toEqual([]);
    });
  }
});
