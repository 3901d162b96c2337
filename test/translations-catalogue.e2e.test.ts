/**
 * The catalogue page of a translated course, in Chromium from the file system: it
 * names the course's languages, and the language filter shows that language's
 * packages and preview only (kept in the address), with no accessibility violation.
 * A translated package marks what it shows in the source's words with the source's language.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { writeCatalogue } from '../src/package/catalogue-files.js';
import { wcagViolations } from './support/axe.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { buildInto } from './support/packages.js';

let out: string;
/** Packages of a course whose English translation lacks a lesson. */
let partial: string;
let browser: Browser;

beforeAll(async () => {
  const built = await buildInto(['test/fixtures/courses/bilingual-course', 'test/fixtures/courses/mini-course'], ['scorm12', 'web']);
  writeCatalogue(built.out, built.courses.flatMap((c) => (c.course ? [c.course, ...(c.translations ?? [])] : [])), built.packages);
  out = built.out;
  partial = (await buildInto(['test/fixtures/diagnostics/translation-missing'], ['web'])).out;
  browser = await sharedBrowser();
});

afterAll(async () => {
  await closeContexts();
});

describe('the catalogue page of a translated course', () => {
  it('lets the admin pick a language and shows its packages only', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(path.join(out, 'index.html')).href);
    const bilingual = page.locator('.course', { hasText: '安全用电基础' });
    const shown = () => bilingual.locator('.edition:visible a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const visibleCourses = () => page.locator('#courses > .course:not([hidden])').count();
    expect(await bilingual.locator('.facts').innerText()).toContain('简体中文 · English');
    expect(await shown()).toEqual([
      'bilingual-course/web/index.html', 'bilingual-course/bilingual-course-scorm12.zip',
      'bilingual-course/web-en/index.html', 'bilingual-course/bilingual-course-en-scorm12.zip',
    ]);
    expect(await visibleCourses()).toBe(2);

    await page.selectOption('#filter-language', 'en');
    expect(await visibleCourses()).toBe(2); // the English mini course, and the translated one
    expect(await shown()).toEqual(['bilingual-course/web-en/index.html', 'bilingual-course/bilingual-course-en-scorm12.zip']);
    expect(await bilingual.locator('.edition-title:visible').innerText()).toBe('Electrical Safety Basics');
    expect(new URL(page.url()).hash).toBe('#language=en');
    await page.reload();
    expect(await shown()).toEqual(['bilingual-course/web-en/index.html', 'bilingual-course/bilingual-course-en-scorm12.zip']);

    await page.selectOption('#filter-language', 'zh-CN');
    expect(await visibleCourses()).toBe(1);
    expect(await shown()).toEqual(['bilingual-course/web/index.html', 'bilingual-course/bilingual-course-scorm12.zip']);

    // The English preview opens the English course.
    await page.goto(pathToFileURL(path.join(out, 'bilingual-course', 'web-en', 'index.html')).href);
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe('Electrical Safety Basics');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('marks an untranslated lesson of a translated package with the source language', async () => {
    const page = await browser.newPage();
    const lesson = (id: string) => `${pathToFileURL(path.join(partial, 'translation-missing', 'web-en', 'index.html')).href}#/lesson/${id}`;
    const languageOf = (locator: Locator) => locator.evaluate((el) => (el.closest('[lang]') as HTMLElement).lang);
    const heading = page.locator('main h1');
    await page.goto(lesson('first-aid'));
    await expect.poll(() => heading.textContent()).toBe('触电急救');
    expect([await languageOf(heading), await languageOf(page.locator('main p', { hasText: '发现有人触电' }))]).toEqual(['zh-CN', 'zh-CN']);
    await page.goto(lesson('basics'));
    await expect.poll(() => heading.textContent()).toBe('Electrical basics');
    expect([await languageOf(heading), await languageOf(page.locator('main p', { hasText: 'Current flowing' }))]).toEqual(['en', 'en']);
    await page.close();
  });

  it('meets WCAG 2.1 AA as checked by axe-core', async () => {
    expect(await wcagViolations(browser, pathToFileURL(path.join(out, 'index.html')).href)).toEqual([]);
  });
});
