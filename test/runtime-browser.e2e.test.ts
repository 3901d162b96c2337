/**
 * End to end in real Chromium: the web package's player, built with buildRuntime,
 * served over HTTP. Walks through the course, fails the exam once (time runs out)
 * and passes it once, checks resume after reloads, axe-core on every screen and the
 * layout at phone width.
 *
 * Set SP_SCREENSHOTS=/some/dir to also save screenshots of each screen.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course, Question } from '../src/course/model.js';
import { buildRuntime } from '../src/runtime/bundle.js';
import { decodeState } from '../src/runtime/state.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { answer as answerQuestion, clickFarDown } from './support/learner.js';

const fixturePath = new URL('./fixtures/runtime-course.json', import.meta.url);
const course = JSON.parse(readFileSync(fixturePath, 'utf8')) as Course;
const questions = new Map<string, Question>(course.banks.flatMap((b) => b.questions).map((q) => [q.id, q]));
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const themePath = new URL('../templates/theme.css', import.meta.url);
const screenshots = process.env.SP_SCREENSHOTS;
const storageKey = `skillpack:${course.id}@${course.version}`;

let dir: string;
let server: Server;
let url: string;
let browser: Browser;

/** The page a package's index.html would be: theme, player CSS, the course JSON, the player script. */
function indexHtml(data: Course): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${data.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${data.title}</title>
<link rel="stylesheet" href="theme.css">
<link rel="stylesheet" href="player.css">
</head>
<body>
<main id="app"></main>
<script id="course-data" type="application/json">${json}</script>
<script src="strings-${data.language}.js"></script>
<script src="player.js"></script>
</body>
</html>`;
}

beforeAll(async () => {
  const bundle = await buildRuntime('web');
  dir = mkdtempSync(join(tmpdir(), 'skillpack-runtime-'));
  writeFileSync(join(dir, 'index.html'), indexHtml(course));
  writeFileSync(join(dir, 'player.js'), bundle.js);
  for (const [tag, js] of Object.entries(bundle.strings)) writeFileSync(join(dir, `strings-${tag}.js`), js);
  writeFileSync(join(dir, 'player.css'), bundle.css);
  writeFileSync(join(dir, 'theme.css'), readFileSync(themePath));
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = join(dir, path === '/' ? 'index.html' : path.replace(/^\/+/, ''));
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  browser = await sharedBrowser();
  if (screenshots) mkdirSync(screenshots, { recursive: true });
});

afterAll(async () => {
  await closeContexts();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Run axe-core with the WCAG 2.1 A/AA rules; report violations readably. */
async function checkA11y(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[]; failureSummary?: string }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join('; ')}`);
  });
  expect(violations, `axe violations on the ${screen} screen`).toEqual([]);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!screenshots) return;
  const { width } = page.viewportSize() ?? { width: 0 };
  await page.screenshot({ path: join(screenshots, `${name}-${width}.png`), fullPage: true });
}

async function noHorizontalScroll(page: Page, screen: string): Promise<void> {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll, `horizontal scroll on the ${screen} screen`).toBeLessThanOrEqual(width);
}

const heading = (page: Page) => page.locator('main h1').first();

/** Answer question `id` on the exam page, right or wrong: with the mouse, but sequencing from the keyboard, to test it. */
async function answer(page: Page, id: string, correct: boolean): Promise<void> {
  const q = questions.get(id);
  if (!q) throw new Error(`unknown question ${id}`);
  if (q.type !== 'sequencing') return answerQuestion(page, q, correct, 'mouse');
  const card = page.locator(`section[data-qid="${id}"]`);
  const target = q.items.map((i) => i.id);
  if (!correct) target.reverse();
  // Focus an item's "Move up" and press Enter; focus must follow the item.
  const focusedItem = () => page.evaluate(() => (document.activeElement?.closest('li') as HTMLElement | null)?.dataset.id);
  let moved = false;
  for (let i = 0; i < target.length; i++) {
    const order = await card.locator('li[data-id]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id));
    const from = order.indexOf(target[i]);
    if (from === i) continue;
    await card.locator(`li[data-id="${target[i]}"] [data-move="up"]`).focus();
    for (let k = from; k > i; k--) await page.keyboard.press('Enter');
    expect(await focusedItem()).toBe(target[i]);
    moved = true;
  }
  if (!moved) {
    // Shuffled into the wanted order already (1 draw in 23: never the right order, sometimes the reverse): a learner still has to touch the list to answer it.
    await card.locator(`li[data-id="${target[0]}"] [data-move="down"]`).focus();
    await page.keyboard.press('Enter');
    expect(await focusedItem()).toBe(target[0]);
    await card.locator(`li[data-id="${target[0]}"] [data-move="up"]`).focus();
    await page.keyboard.press('Enter');
    expect(await focusedItem()).toBe(target[0]);
  }
}

const drawnIds = (page: Page) => page.locator('section[data-qid]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.qid!));

describe('the web player in Chromium', () => {
  it('walks through lessons, fails then passes the exam, resumes, and passes axe', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.clock.install();
    await page.goto(url);

    // Welcome
    await expect.poll(() => heading(page).textContent()).toBe(course.title);
    const welcome = await page.locator('main').innerText();
    for (const text of [course.occupation, course.certificate.name, course.certificate.level, '20 points', '6 hours']) expect(welcome).toContain(text);
    expect(welcome).toContain('Not connected to a learning platform: progress is kept in this browser.');
    await checkA11y(page, 'welcome');
    await shot(page, 'welcome');

    // Lessons
    await page.getByRole('link', { name: 'Start the course' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Spotting hazards');
    await expect.poll(() => page.locator('.sp-progress-text').textContent()).toBe('1 of 3 lessons viewed');
    const practice = page.locator('[data-practice="hazard-check"]');
    await practice.getByLabel('Walk around it and carry on').check();
    await practice.getByRole('button', { name: 'Check my answer' }).click();
    await expect.poll(() => practice.locator('.sp-verdict').textContent()).toContain('Not quite');
    await practice.getByLabel('Mark or clean the area, then report it').check();
    await practice.getByRole('button', { name: 'Check my answer' }).click();
    await expect.poll(() => practice.locator('.sp-verdict').textContent()).toContain('Correct');
    await checkA11y(page, 'lesson');
    await shot(page, 'lesson');

    await page.getByRole('link', { name: /Next/ }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Lifting safely');
    await page.getByRole('link', { name: /Next/ }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Fire safety');
    await expect.poll(() => page.locator('.sp-progress-text').textContent()).toBe('3 of 3 lessons viewed');
    expect(await page.locator('.sp-nav .sp-done').count()).toBe(3);
    await page.getByRole('link', { name: /Go to the exam/ }).click();

    // Attempt 1: two wrong answers, submit is cancelled, then the time runs out.
    await page.getByRole('button', { name: 'Start attempt 1' }).click();
    await expect.poll(() => drawnIds(page)).toHaveLength(9);
    const first = await drawnIds(page);
    await answer(page, first[0]!, false);
    await answer(page, first[1]!, false);
    await expect.poll(() => page.locator('.sp-answered').textContent()).toBe('2 of 9 answered');
    expect(await page.locator('[role="timer"]').textContent()).toMatch(/^(10:00|09:5\d)$/);
    await checkA11y(page, 'exam');
    await shot(page, 'exam');
    await clickFarDown(page.getByRole('button', { name: 'Submit my answers' }));
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('7 of 9 questions are unanswered or incomplete');
    await dialog.getByRole('button', { name: 'Keep answering' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await page.clock.fastForward('10:01');
    await expect.poll(() => heading(page).textContent()).toBe('Exam results');
    expect(await page.locator('.sp-score').innerText()).toMatch(/0%[\s\S]*Not passed[\s\S]*0 of 8 points · Pass mark: 70%/);
    await checkA11y(page, 'results (failed)');

    // Attempt 2: some answers, reload, the answers are still there, finish and pass.
    await page.getByRole('button', { name: 'Try again (attempt 2)' }).click();
    await expect.poll(() => drawnIds(page)).toHaveLength(9);
    const second = await drawnIds(page);
    for (const id of second.slice(0, 5)) await answer(page, id, true);
    await page.reload();
    await expect.poll(() => page.locator('.sp-answered').textContent()).toBe('5 of 9 answered');
    expect(await drawnIds(page)).toEqual(second);
    for (const id of second.slice(5)) await answer(page, id, true);
    await expect.poll(() => page.locator('.sp-answered').textContent()).toBe('9 of 9 answered');
    await clickFarDown(page.getByRole('button', { name: 'Submit my answers' }));
    await expect.poll(() => heading(page).textContent()).toBe('Exam results');
    const results = await page.locator('main').innerText();
    expect(results).toMatch(/100%[\s\S]*Passed[\s\S]*8 of 8 points · Pass mark: 70%/);
    for (const text of [course.certificate.name, course.certificate.level, course.certificate.issuer, '20 points']) expect(results).toContain(text);
    await expect.poll(() => page.locator('.sp-feedback.sp-good').count()).toBe(7);
    await checkA11y(page, 'results');
    await shot(page, 'results');

    // Resume after a reload: the results, the progress and the closed exam. No platform recorded
    // the pass (only this browser holds it, where it can be edited), so it is no longer shown as one.
    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe('Exam results');
    await expect.poll(() => page.locator('.sp-badge').first().textContent()).toBe('Not confirmed');
    expect(await page.locator('main').innerText()).toContain('No learning platform has confirmed this result');
    expect(await page.locator('.sp-certificate').count()).toBe(0);
    await expect.poll(() => page.locator('.sp-progress-text').textContent()).toBe('3 of 3 lessons viewed');
    await page.getByRole('link', { name: /Final exam/ }).click();
    await expect.poll(() => page.locator('.sp-exam-intro .sp-badge').textContent()).toBe('Not confirmed');
    expect(await page.getByRole('button', { name: /Start attempt/ }).count()).toBe(0);
    await shot(page, 'exam-passed');
    expect(await page.locator('.sp-history li').allTextContents()).toEqual(['Attempt 1: 0%, Not passed', 'Attempt 2: 100%, Not confirmed']);
    const saved = await page.evaluate((key) => localStorage.getItem(key), storageKey);
    const state = decodeState(course, saved ?? '');
    expect(state).toMatchObject({ completed: true, passed: true, attemptsUsed: 2, viewed: [true, true, true] });

    // Phone width: no horizontal scrolling on any screen.
    await page.setViewportSize({ width: 360, height: 640 });
    for (const [hash, screen] of [['#/', 'welcome'], ['#/lesson/hazards', 'lesson'], ['#/exam', 'exam'], ['#/results', 'results']] as const) {
      await page.evaluate((h) => (location.hash = h), hash);
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      await noHorizontalScroll(page, screen);
      await checkA11y(page, `${screen} at phone width`);
      await shot(page, screen);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('at phone width the running exam fits, and corrupt saved state starts cleanly with a notice', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${url}#/exam`);
    await page.getByRole('button', { name: 'Start attempt 1' }).click();
    await expect.poll(() => drawnIds(page)).toHaveLength(9);
    await noHorizontalScroll(page, 'running exam');
    await checkA11y(page, 'exam at phone width');
    await shot(page, 'exam');

    // Closing saves; then damage the saved state from a page without the player, and reopen.
    await page.close();
    const next = await context.newPage();
    next.on('pageerror', (error) => errors.push(error.message));
    await next.goto(`${url}theme.css`);
    expect(await next.evaluate((key) => localStorage.getItem(key), storageKey)).toMatch(/^2~/);
    await next.evaluate((key) => localStorage.setItem(key, '1~abc~{"f":"truncat'), storageKey);
    await next.goto(url);
    await expect.poll(() => next.locator('.sp-notice').textContent()).toContain('Your saved progress could not be read');
    await expect.poll(() => heading(next).textContent()).toBe(course.title);
    await expect.poll(() => next.locator('.sp-progress-text').textContent()).toBe('0 of 3 lessons viewed');
    await checkA11y(next, 'welcome with a notice');
    await shot(next, 'welcome-notice');
    expect(errors).toEqual([]);
    await context.close();
  });
});
