/**
 * The content-hash cache of course models: an unchanged course comes from the
 * cache (same model, no parsing), and any change to a lesson, bank, asset or
 * course.yml is seen at once.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneEntries } from '../src/cache-files.js';
import { CACHE_DIR } from '../src/course/cache.js';
import { loadCourseCached } from '../src/course/cached-load.js';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import { MINI_COURSE } from './support/harness.js';
import { REPO } from './support/packages.js';

describe('course cache', () => {
  it('answers unchanged courses from the cache and notices every change', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-cache-'));
    const dir = path.join(root, 'courses', 'mini-course');
    cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
    const project = loadProject(root);

    const first = loadCourseCached(dir, project);
    expect(first).toEqual(JSON.parse(JSON.stringify(loadCourse(dir, project))));
    await new Promise((resolve) => setImmediate(resolve)); // the entry is written just after
    expect(loadCourseCached(dir, project)).toEqual(first);
    // Prove the answer comes from the cache: mark the stored entry, and the mark comes back.
    const entry = readdirSync(CACHE_DIR).map((f) => path.join(CACHE_DIR, f)).find((f) => readFileSync(f, 'utf8').includes(dir))!;
    const stored = JSON.parse(readFileSync(entry, 'utf8'));
    stored.loaded.course.title = 'From the cache';
    writeFileSync(entry, JSON.stringify(stored));
    expect(loadCourseCached(dir, project).course!.title).toBe('From the cache');

    const lesson = path.join(dir, 'lessons', '01-welcome.md');
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('# Welcome', '# Welcome\n\nA new sentence.'));
    expect(loadCourseCached(dir, project).course!.lessons[0]!.html).toContain('A new sentence.');

    rmSync(path.join(dir, 'assets', 'diagram.svg'));
    expect(loadCourseCached(dir, project).diagnostics.map((d) => d.rule)).toContain('missing-file');

    const yml = path.join(dir, 'course.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace(/^title: .*$/m, 'title: Renamed'));
    expect(loadCourseCached(dir, project).diagnostics.length).toBeGreaterThan(0); // still the missing image
    cpSync(path.join(REPO, MINI_COURSE, 'assets'), path.join(dir, 'assets'), { recursive: true });
    expect(loadCourseCached(dir, project).course!.title).toBe('Renamed');
  });

  it('keeps only the most recently used entries, so moved and temporary folders do not pile up', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skillpack-cache-prune-'));
    const names = ['a', 'b', 'c', 'd', 'e'].map((n) => `${n}.json`);
    // a used longest ago, e most recently.
    names.forEach((name, i) => {
      writeFileSync(path.join(dir, name), '{}');
      utimesSync(path.join(dir, name), 1_000_000 + i, 1_000_000 + i);
    });
    writeFileSync(path.join(dir, 'x.json.123.tmp'), '');
    pruneEntries(dir, 3);
    expect(readdirSync(dir).sort()).toEqual(['c.json', 'd.json', 'e.json', 'x.json.123.tmp']);
    pruneEntries(dir, 3);
    expect(readdirSync(dir)).toHaveLength(4);
  });
});
