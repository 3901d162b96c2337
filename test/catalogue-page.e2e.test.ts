/**
 * The catalogue page's script in Chromium, from the file system under the page's CSP: what it
 * writes (the count, the empty state, the copy messages) is in the page's language, with
 * English plural forms, and taken from the page (no inline script runs, none is refused); the
 * occupation filter and the names of the download lists in the page's language.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { Language } from '../src/languages/index.js';
import type { CatalogueEntry } from '../src/package/catalogue-files.js';
import { catalogueHtml } from '../src/package/catalogue-page.js';
import { wcagViolations } from './support/axe.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { COURSES } from './support/catalogue-page.js';
import { REPO } from './support/packages.js';

afterAll(async () => {
  await closeContexts();
});

/** The address of the page of `courses` in `language`, written with its script and style. */
function write(courses: CatalogueEntry[], language: Language): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'skillpack-catalogue-page-'));
  writeFileSync(path.join(dir, 'index.html'), catalogueHtml(courses, language));
  for (const file of ['catalogue.js', 'catalogue.css']) copyFileSync(path.join(REPO, 'templates', file), path.join(dir, file));
  return pathToFileURL(path.join(dir, 'index.html')).href;
}

/** The page of `courses` in `language`, open in Chromium; `problems` collects script errors and console errors (a CSP refusal among them). */
async function open(courses: CatalogueEntry[], language: Language): Promise<{ page: Page; problems: string[] }> {
  const url = write(courses, language);
  const context = await (await sharedBrowser()).newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
  await page.goto(url);
  return { page, problems };
}

const count = (page: Page) => page.locator('#result-count').textContent();

describe('the catalogue page script', () => {
  it('writes Chinese on a Chinese page', async () => {
    const { page, problems } = await open(COURSES, 'zh-CN');
    await page.selectOption('#filter-occupation', 'mini occupation');
    expect(await count(page)).toBe('显示 1 门课程，共 3 门');
    await page.selectOption('#filter-credits', '8');
    await page.selectOption('#filter-occupation', 'cook occupation');
    expect(await count(page)).toBe('显示 0 门课程，共 3 门');
    await page.getByRole('button', { name: '显示全部课程' }).click();
    expect(await count(page)).toBe('显示 3 门课程，共 3 门');

    // Copied, or refused by a browser that keeps the clipboard from a file: either way in Chinese.
    await page.locator('.packages details').first().locator('summary').click();
    const button = page.getByRole('button', { name: '复制 electrician-zh-CN-scorm12.zip 的 SHA-256 校验值' });
    await button.click();
    await expect.poll(() => page.locator('#copied').textContent()).not.toBe('');
    const said = await page.locator('#copied').textContent();
    expect(['SHA-256 校验值已复制', '此页面不允许复制，请选中校验值后手动复制。']).toContain(said);
    if (said === 'SHA-256 校验值已复制') expect(await button.textContent()).toBe('已复制');
    expect(problems).toEqual([]);
  });

  it('writes English with its plural forms on an English page', async () => {
    const { page, problems } = await open(COURSES, 'en');
    await page.selectOption('#filter-occupation', 'mini occupation');
    expect(await count(page)).toBe('1 of 3 courses shown');
    const single = await open([COURSES[2]!], 'en');
    await single.page.selectOption('#filter-credits', '8');
    expect(await count(single.page)).toBe('1 of 1 course shown');
    expect([...problems, ...single.problems]).toEqual([]);
  });

  it('filters by the occupation it shows in the page\'s language, and names each edition\'s downloads by its own title', async () => {
    const { page, problems } = await open(COURSES, 'en');
    // The name comes from a hidden element that marks each part's language.
    const lists = (p: Page, name: string) => p.getByRole('list', { name, exact: true }).count();
    expect(await lists(page, 'Downloads for electrician english title (English)')).toBe(1);
    expect(await lists(page, 'Downloads for electrician title (简体中文)')).toBe(1);
    const chinese = await open(COURSES, 'zh-CN');
    expect(await lists(chinese.page, 'electrician english title：课程包下载（English）')).toBe(1);

    await page.selectOption('#filter-occupation', 'electrician english occupation');
    expect(await count(page)).toBe('1 of 3 courses shown');
    await page.selectOption('#filter-language', 'zh-CN');
    await page.selectOption('#filter-occupation', 'cook occupation');
    expect(await count(page)).toBe('1 of 3 courses shown');
    expect(new URL(page.url()).hash).toBe('#language=zh-CN&occupation=cook+occupation');
    expect([...problems, ...chinese.problems]).toEqual([]);
  });

  it('meets WCAG 2.1 AA as checked by axe-core, in either language', async () => {
    const browser = await sharedBrowser();
    for (const language of ['en', 'zh-CN'] as const) expect(await wcagViolations(browser, write(COURSES, language))).toEqual([]);
  });
});
