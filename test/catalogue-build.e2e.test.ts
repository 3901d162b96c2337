/**
 * The whole catalogue: 21 courses in Chinese to their national standards,
 * checks clean with no warnings, builds for every target,
 * every package passes `skillpack validate` (the official schemas and more),
 * builds are byte-for-byte deterministic, identifiers do not depend on the
 * version, every file is listed in the manifest, and catalog.json matches the
 * files on disk.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { checkCourses } from '../src/commands/check.js';
import { loadProject } from '../src/course/config.js';
import type { LoadedCourse } from '../src/course/load.js';
import { courseFolders } from '../src/catalogue.js';
import { LANGUAGES } from '../src/languages/index.js';
import { writeCatalogue, type CatalogueEntry } from '../src/package/catalogue-files.js';
import { folderDigest } from '../src/package/folder.js';
import { validatePackages } from '../src/validate/index.js';
import { pathToFileURL } from 'node:url';
import { wcagViolations } from './support/axe.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { buildInto, readZip, REPO } from './support/packages.js';

let out: string;
let catalogue: { courses: CatalogueEntry[] };
let courses: LoadedCourse[];

beforeAll(async () => {
  const project = loadProject(REPO);
  const folders = courseFolders(project);
  out = mkdtempSync(path.join(tmpdir(), 'skillpack-catalogue-'));
  const result = await build({ project, folders, targets: ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web'], out });
  courses = result.courses;
  writeCatalogue(out, result.courses.flatMap((c) => (c.course ? [c.course] : [])), result.packages);
  catalogue = JSON.parse(readFileSync(path.join(out, 'catalog.json'), 'utf8'));
});

/** Language editions in the catalogue: each course's own language and its translations. */
const editions = () => catalogue.courses.reduce((n, c) => n + (c.languages ?? [c.language]).length, 0);
const zips = () => readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.zip')).map((f) => path.join(out, f));

describe('the course catalogue', () => {
  it('has 21 courses in Chinese, each mapped to its national standard, with at least 150 scored questions and a 50-question exam, and an English translation, and checks clean with no warnings', async () => {
    const { diagnostics, checked } = await checkCourses(REPO);
    expect(diagnostics).toEqual([]);
    expect(checked).toBe(21);
    expect(catalogue.courses).toHaveLength(21);
    // English is kept as a translation of every course, reviewed like the source; every translation is complete and up to date (no warnings above).
    expect(catalogue.courses.filter((c) => c.languages?.includes('en')).map((c) => c.id)).toEqual(catalogue.courses.map((c) => c.id));
    for (const course of catalogue.courses) {
      expect(course.language, course.id).toBe('zh-CN');
      expect(course.lessons, course.id).toBeGreaterThanOrEqual(6);
      expect(course.scoredQuestions, course.id).toBeGreaterThanOrEqual(150);
      expect(course.standard?.mapping.length, course.id).toBeGreaterThan(0);
      expect(course.creditsSource, course.id).toBeTruthy();
      expect(course.credits).toBeGreaterThanOrEqual(0);
      expect(course.credits).toBeLessThanOrEqual(90);
    }
    for (const { course } of courses) {
      const drawn = course!.exam!.draws.reduce((n, d) => n + d.count, 0);
      expect(drawn, course!.id).toBeGreaterThanOrEqual(50);
      // Every lesson examined: each bank names its lesson, and every bank is drawn from.
      expect(new Set(course!.exam!.draws.map((d) => d.bank)), course!.id).toEqual(new Set(course!.banks.map((b) => b.id)));
    }
  });

  it('validates every package against the official schemas', async () => {
    const files = zips();
    expect(files).toHaveLength(editions() * 4);
    const report = await validatePackages(files);
    expect(report.diagnostics).toEqual([]);
    expect(report.packages.map((p) => p.kinds.join()).sort()).toEqual(
      ['SCORM 1.2', 'SCORM 2004 4th Edition', 'cmi5', 'xAPI (tincan.xml)'].flatMap((kind) => Array<string>(editions()).fill(kind)).sort(),
    );
  });

  it('lists every file of a SCORM package in its manifest resource', async () => {
    for (const file of zips().filter((f) => /scorm(12|2004)\.zip$/.test(f))) {
      const entries = await readZip(file);
      const manifest = entries.get('imsmanifest.xml')!.toString('utf8');
      const listed = [...manifest.matchAll(/<file href="([^"]+)"\/>/g)].map((m) => m[1]);
      expect(listed.sort(), path.basename(file)).toEqual([...entries.keys()].filter((n) => n !== 'imsmanifest.xml').sort());
    }
  });

  it('matches catalog.json: sizes and SHA-256 recomputed from the files on disk', () => {
    for (const course of catalogue.courses) {
      const languages = course.languages ?? [course.language];
      expect(course.packages.map((p) => `${p.language}:${p.target}`).sort()).toEqual(languages.flatMap((l) => ['cmi5', 'scorm12', 'scorm2004', 'web', 'xapi'].map((t) => `${l}:${t}`)).sort());
      for (const p of course.packages) {
        const file = path.join(out, p.file);
        if (p.target === 'web') {
          const files = readdirSync(file, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(file, f)).isFile());
          const digest = folderDigest(files.map((f) => ({ path: f.split(path.sep).join('/'), data: readFileSync(path.join(file, f)) })));
          expect(digest).toEqual({ bytes: p.bytes, sha256: p.sha256 });
        } else {
          const data = readFileSync(file);
          expect(data.length).toBe(p.bytes);
          expect(createHash('sha256').update(data).digest('hex')).toBe(p.sha256);
        }
      }
    }
  });
});

describe('the catalogue page', () => {
  it('works offline from the file system: filters, links to existing files, and web previews that run', async () => {
    const browser = await sharedBrowser();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(path.join(out, 'index.html')).href);
      const visible = () => page.locator('#courses > .course:not([hidden])').count();
      expect(await visible()).toBe(21);
      await page.selectOption('#filter-language', 'zh-CN');
      expect(await visible()).toBe(catalogue.courses.filter((c) => c.language === 'zh-CN').length);
      expect(await page.locator('#result-count').textContent()).toContain(String(await visible()));
      await page.selectOption('#filter-language', '');
      await page.selectOption('#filter-credits', '60');
      expect(await visible()).toBe(catalogue.courses.filter((c) => c.credits >= 60).length);
      await page.selectOption('#filter-credits', '0');
      const occupation = catalogue.courses[0]!.occupation;
      await page.selectOption('#filter-occupation', occupation);
      expect(await visible()).toBe(catalogue.courses.filter((c) => c.occupation === occupation).length);

      // Filters combine, live in the address (a reload keeps them), and an empty result says so with a reset.
      const modest = catalogue.courses.find((c) => c.credits < 60)!;
      await page.selectOption('#filter-occupation', modest.occupation);
      await page.selectOption('#filter-credits', '60');
      expect(await visible()).toBe(0);
      expect(await page.locator('#empty').isVisible()).toBe(true);
      expect(new URL(page.url()).hash).toContain('credits=60');
      await page.reload();
      expect(await page.locator('#filter-credits').inputValue()).toBe('60');
      expect(await visible()).toBe(0);
      // The catalogue's courses are Chinese, and so is its page.
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await page.getByRole('button', { name: LANGUAGES['zh-CN'].catalogue.showAll }).click();
      expect(await visible()).toBe(21);
      expect(await page.locator('#empty').isVisible()).toBe(false);
      expect(new URL(page.url()).hash).toBe('');
      // No filter value that can never match: every credits option leaves at least one course.
      for (const value of await page.locator('#filter-credits option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))) {
        expect(catalogue.courses.some((c) => c.credits >= Number(value)), `credits ${value}`).toBe(true);
      }
      // Each download shows its SHA-256 (as catalog.json records it), a copy button and the commands to check it.
      const zip = modest.packages.find((p) => p.target === 'scorm12')!;
      const item = page.locator('.packages li', { has: page.locator(`a[href="${zip.file}"]`) });
      expect(await item.locator('code').first().textContent()).toBe(zip.sha256);
      expect(await item.locator('button.copy').count()).toBe(1);
      expect(await item.textContent()).toMatch(/sha256sum[\s\S]*Get-FileHash/);
      expect(await page.locator('.course', { hasText: modest.title }).innerText()).toContain(modest.version);

      const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
      expect(links.length).toBe(editions() * 5); // four zips and the web preview per course and language
      for (const href of links) expect(existsSync(path.join(out, decodeURI(href))), href).toBe(true);

      // A preview link opens the web build straight from disk, and the course runs there.
      const preview = catalogue.courses.find((c) => c.language === 'zh-CN')!;
      await page.goto(pathToFileURL(path.join(out, preview.preview!)).href);
      await expect.poll(() => page.locator('main h1').first().textContent()).toBe(preview.title);
      expect(await page.locator('.sp-status').first().innerText()).toContain('未连接');
      expect(errors).toEqual([]);

      // The catalogue page meets WCAG 2.1 AA as checked by axe-core (CSP bypassed only to inject axe).
      expect(await wcagViolations(browser, pathToFileURL(path.join(out, 'index.html')).href)).toEqual([]);
    } finally {
      await closeContexts();
    }
  });
});

describe('deterministic, version-independent packages', () => {
  it('gives identical bytes for the same sources, and keeps identifiers when the version changes', async () => {
    const course = 'test/fixtures/courses/mini-course';
    const one = await buildInto([course], ['scorm12', 'scorm2004', 'cmi5', 'xapi']);
    const two = await buildInto([course], ['scorm12', 'scorm2004', 'cmi5', 'xapi']);
    for (const p of one.packages) {
      const other = two.packages.find((q) => q.file === p.file)!;
      expect(other.sha256, p.file).toBe(p.sha256);
    }
    // Same course, new version: the manifest identifier and activity ids stay, the version is recorded.
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-version-'));
    cpSync(path.join(REPO, course), path.join(root, 'courses', 'mini-course'), { recursive: true });
    cpSync(path.join(REPO, 'skillpack.config.yml'), path.join(root, 'skillpack.config.yml'));
    const yml = path.join(root, 'courses', 'mini-course', 'course.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace(/^version: .*$/m, 'version: 2.5.0'));
    const bumped = await buildInto(['courses/mini-course'], ['scorm12', 'scorm2004', 'cmi5'], root);
    for (const target of ['scorm12', 'scorm2004']) {
      const before = (await readZip(path.join(one.out, `mini-course/mini-course-${target}.zip`))).get('imsmanifest.xml')!.toString();
      const after = (await readZip(path.join(bumped.out, `mini-course/mini-course-${target}.zip`))).get('imsmanifest.xml')!.toString();
      const identifier = (xml: string) => /<manifest identifier="([^"]+)" version="([^"]+)"/.exec(xml)!.slice(1);
      expect(identifier(after)[0]).toBe(identifier(before)[0]);
      expect(identifier(after)[1]).toBe('2.5.0');
    }
    const cmi5 = async (dir: string) => (await readZip(path.join(dir, 'mini-course/mini-course-cmi5.zip'))).get('cmi5.xml')!.toString().match(/id="[^"]+"/g);
    expect(await cmi5(bumped.out)).toEqual(await cmi5(one.out));
  });
});
