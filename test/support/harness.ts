/**
 * What the browser tests share: a built, unpacked and served fixture course,
 * and fresh pages that fail the test on any uncaught page error.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Course } from '../../src/course/model.js';
import type { TargetName } from '../../src/course/schema.js';
import { buildInto, unzipToTemp } from './packages.js';
import { serve, type Route, type RunningServer } from './static-server.js';

export const MINI_COURSE = 'test/fixtures/courses/mini-course';

/** Build `courseDir` for `targets`, unpack each zip and serve it at `/pkg/<target>/` (plus `routes`). */
export async function servePackages(targets: TargetName[], routes: Route[] = [], courseDir = MINI_COURSE): Promise<{ course: Course; server: RunningServer }> {
  const built = await buildInto([courseDir], targets);
  const course = built.courses[0]!.course!;
  const dirs: Record<string, string> = {};
  // Zips are unpacked as an LMS would; the web build is a folder, served as it is. The course's own
  // language (a translated course also has packages in its other languages).
  for (const p of built.packages.filter((p) => p.language === course.language)) {
    dirs[`/pkg/${p.target}/`] = p.file.endsWith('/') ? path.join(built.out, p.file) : await unzipToTemp(path.join(built.out, p.file));
  }
  return { course, server: await serve(dirs, routes) };
}

/** A page in a fresh browser context (own storage); an uncaught error in it fails the test. */
export async function newTestPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}
