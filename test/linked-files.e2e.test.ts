/**
 * A lesson's link to a course file, followed in Chromium in a cmi5 package against the strict
 * LRS: the file opens in a new tab and the course stays where it was, its session alive. Shown
 * in the course's own window (or its LMS frame) instead, the file would unload the player, which
 * ends the session (terminated); back in the course, the learner would be told the visit is over.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../src/course/model.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { MINI_COURSE, newTestPage, servePackages } from './support/harness.js';
import { heading, say, takeAttempt, viewAllLessons } from './support/learner.js';
import { createTestLrs, launchCmi5, type TestLrs } from './support/lrs.js';
import { REPO } from './support/packages.js';
import type { RunningServer } from './support/static-server.js';
import { byLearner, expectCmi5Rules, expectValid, verbOf } from './support/statements.js';

const LINK = 'the diagram on its own';

let course: Course;
let lrs: TestLrs;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'skillpack-linked-')), 'courses', 'mini-course');
  cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
  const lesson = path.join(dir, 'lessons', '01-welcome.md');
  writeFileSync(lesson, `${readFileSync(lesson, 'utf8')}\nOpen [${LINK}](../assets/diagram.svg) for a closer look.\n`);
  lrs = createTestLrs({ strict: true });
  ({ course, server } = await servePackages(['cmi5'], [lrs.route], dir));
  browser = await sharedBrowser();
});

afterAll(async () => {
  await closeContexts();
  await server?.close();
});

describe('a link to a course file in a cmi5 package', () => {
  it('opens the file in a new tab; the course stays on its lesson and finishes in the same session', async () => {
    const page = await newTestPage(browser);
    const { au, launch } = await launchCmi5(page, lrs, server.origin, course);
    await viewAllLessons(page, course, 'mouse');
    const welcome = course.lessons[0]!;
    await page.evaluate((id) => (location.hash = `#/lesson/${id}`), welcome.id);
    await expect.poll(() => heading(page).textContent()).toBe(welcome.title);
    const lessonUrl = page.url();

    // Whichever happens first: a new tab opens, or the file replaces the course in its window.
    const opened = page.context().waitForEvent('page').catch(() => null);
    const replaced = page.waitForURL(/diagram\.svg/).then(() => true, () => false);
    await page.getByRole('link', { name: LINK }).click();
    const first = await Promise.race([opened.then((tab) => tab && 'a new tab'), replaced.then((gone) => gone && "the course's window")]);
    expect(first).toBe('a new tab');
    const tab = (await opened)!;
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`${server.origin}/pkg/cmi5/content/assets/diagram.svg`);
    await tab.close();
    expect(page.url()).toBe(lessonUrl);
    expect(await heading(page).textContent()).toBe(welcome.title);

    // The session goes on: a passed exam, Exit; it ends once, at the end, with nothing refused.
    await takeAttempt(page, course, 1, true, 'mouse');
    await page.getByRole('button', { name: say(course.language, 'header.exit') }).click();
    const stored = () => byLearner(lrs.store.queryStatements({ registration: launch.registration, ascending: true, limit: 1000 }).statements.map((s) => s.statement));
    await expect.poll(() => stored().map(verbOf).includes('terminated')).toBe(true);
    const statements = stored();
    expectValid(statements);
    expect(lrs.store.cmi5.rejections(launch.registration)).toEqual([]);
    expectCmi5Rules(statements, { auId: au.auId, activityId: launch.activityId });
    const verbs = statements.map(verbOf);
    expect(verbs.filter((v) => v === 'terminated')).toHaveLength(1);
    expect(verbs.at(-1)).toBe('terminated');
    expect(verbs).toContain('passed');
    await page.context().close();
  });
});
