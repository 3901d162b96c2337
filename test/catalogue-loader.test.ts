/**
 * Loading a catalogue: courses not in the cache are parsed on worker threads, and still come
 * back in folder order, each exactly as loading it here gives, with a course whose id an
 * earlier folder already uses refused; the threads keep what they parsed in the cache.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/catalogue.js';
import { lookupCourse } from '../src/course/cache.js';
import { CachedCourse } from '../src/course/cache-entry.js';
import { loadProject } from '../src/course/config.js';
import { editionFacts } from '../src/course/facts.js';
import { loadCourse } from '../src/course/load.js';
import { MINI_COURSE } from './support/harness.js';
import { REPO } from './support/packages.js';

afterEach(() => {
  delete process.env.SKILLPACK_NO_CACHE;
});

describe('catalogue loader', () => {
  it('parses uncached courses on threads, in folder order, as one thread would, and refuses a repeated course id', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-catalogue-'));
    // Two folders named alike (the id must match the folder name) and a third course.
    const first = path.join(root, 'courses', 'mini-course');
    const twin = path.join(root, 'elsewhere', 'mini-course');
    const other = path.join(root, 'courses', 'bilingual-course');
    cpSync(path.join(REPO, MINI_COURSE), first, { recursive: true });
    cpSync(path.join(REPO, MINI_COURSE), twin, { recursive: true });
    cpSync(path.join(REPO, 'test', 'fixtures', 'courses', 'bilingual-course'), other, { recursive: true });
    const project = loadProject(root);
    process.env.SKILLPACK_NO_CACHE = '1';

    // The first folder is also named twice: each time a course of its own.
    const { courses, diagnostics } = await loadCatalogue(project, [other, first, twin, first]);
    expect(courses.map((c) => c.dir)).toEqual([other, first, twin, first]);
    // Parsed elsewhere and sent back: the same as a load on this thread (with no cache key: the cache is off).
    expect(courses[0]).toEqual({ ...loadCourse(other, project), cacheKey: null });
    expect(courses[1]).toEqual({ ...loadCourse(first, project), cacheKey: null });
    expect(courses[2]!.course).toBeNull();
    expect(courses[3]!.course).toBeNull();
    expect(diagnostics.filter((d) => d.rule === 'duplicate-course-id')).toEqual([
      expect.objectContaining({ file: 'elsewhere/mini-course/course.yml', message: 'course id "mini-course" is also used by courses/mini-course/course.yml' }),
      expect.objectContaining({ file: 'courses/mini-course/course.yml', message: 'course id "mini-course" is also used by courses/mini-course/course.yml' }),
    ]);

    // The same from the cache, where a course's model is read only when asked for.
    delete process.env.SKILLPACK_NO_CACHE;
    await loadCatalogue(project, [other, first, twin]);
    await new Promise((resolve) => setImmediate(resolve)); // the entries are written just after
    const cached = await loadCatalogue(project, [other, first, twin, first]);
    expect(cached.courses.every((c) => c instanceof CachedCourse)).toBe(true);
    expect(cached.courses.map((c) => editionFacts(c).map((e) => `${e.id} ${e.language}`))).toEqual([['bilingual-course zh-CN', 'bilingual-course en'], ['mini-course en'], [], []]);
    expect(cached.courses.map((c) => c.course?.id ?? null)).toEqual(['bilingual-course', 'mini-course', null, null]);
    expect(cached.courses[2]!.translations).toBeUndefined();
    expect(cached.diagnostics).toEqual(diagnostics);
  });

  it('keeps a refused course in the cache as it is: the next command refuses it again, or takes it when its id is free', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-catalogue-'));
    const first = path.join(root, 'courses', 'mini-course');
    const twin = path.join(root, 'elsewhere', 'mini-course');
    cpSync(path.join(REPO, MINI_COURSE), first, { recursive: true });
    // Content of its own: no other test's entry answers for it.
    appendFileSync(path.join(first, 'lessons', '01-welcome.md'), `\n\nEdition ${randomUUID()}.\n`);
    cpSync(first, twin, { recursive: true });
    const project = loadProject(root);
    await loadCatalogue(project, [first]);
    await new Promise((resolve) => setImmediate(resolve));

    // The first from the cache, the twin alone to parse: on this thread, refused before its entry is written.
    const once = await loadCatalogue(project, [first, twin]);
    expect(once.courses[0]).toBeInstanceOf(CachedCourse);
    expect(once.courses[1]).not.toBeInstanceOf(CachedCourse);
    expect(once.courses.map((c) => c.course?.id ?? null)).toEqual(['mini-course', null]);
    await new Promise((resolve) => setImmediate(resolve));

    const again = await loadCatalogue(project, [first, twin]);
    expect(again.courses.every((c) => c instanceof CachedCourse)).toBe(true);
    expect(again.courses.map((c) => c.course?.id ?? null)).toEqual(['mini-course', null]);
    expect(again.diagnostics).toEqual(once.diagnostics);
    expect(again.diagnostics.map((d) => d.rule)).toContain('duplicate-course-id');
    const alone = await loadCatalogue(project, [twin]);
    expect(alone.courses.map((c) => c.course?.id ?? null)).toEqual(['mini-course']);
    expect(editionFacts(alone.courses[0]!).map((e) => e.id)).toEqual(['mini-course']);
  });

  it('keeps every course it parsed on threads in the cache, the last one included, once it returns', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-catalogue-'));
    const folders = ['mini-course', 'bilingual-course'].map((id) => {
      const dir = path.join(root, 'courses', id);
      cpSync(path.join(REPO, 'test', 'fixtures', 'courses', id), dir, { recursive: true });
      // Content no earlier run has seen, so that both miss the cache and are parsed on a thread.
      const lessons = path.join(dir, 'lessons');
      appendFileSync(path.join(lessons, readdirSync(lessons).sort()[0]!), `\n\nEdition ${randomUUID()}.\n`);
      return dir;
    });
    const project = loadProject(root);
    expect(folders.map((dir) => lookupCourse(dir, project).hit)).toEqual([null, null]);

    const { courses } = await loadCatalogue(project, folders);
    expect(courses.map((c) => c.course?.id)).toEqual(['mini-course', 'bilingual-course']);
    // The threads are gone by now: what they kept must be there.
    expect(folders.map((dir) => lookupCourse(dir, project).hit?.course?.id ?? null)).toEqual(['mini-course', 'bilingual-course']);
  });
});
