/**
 * Hostile input: script injection through Markdown, raw HTML, attributes,
 * links, SVG, frontmatter and question text gives sanitised output and a
 * warning; path escapes (../, absolute, URL-encoded, symlinks, schemes) and
 * unsafe linked files give errors. Packages hold only files from inside the
 * course folder, carry a strict Content-Security-Policy, and run in Chromium
 * without executing anything the author slipped in.
 */
import { cpSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCourses } from '../src/commands/check.js';
import type { Course } from '../src/course/model.js';
import { validatePackages } from '../src/validate/index.js';
import { closeContexts, sharedBrowser } from './support/browser.js';
import { MINI_COURSE } from './support/harness.js';
import { takeAttempt, viewAllLessons } from './support/learner.js';
import { buildInto, readZip, REPO } from './support/packages.js';
import { serve } from './support/static-server.js';

const ROOT = path.join(REPO, 'test/fixtures/hostile');
const CONTENT = path.join(ROOT, 'courses/hostile-content');
const PATHS = path.join(ROOT, 'courses/hostile-paths');
const DANGEROUS_TAG = /^<(script|iframe|style|form|meta|base|object|embed|svg|math|link)\b/i;
const DANGEROUS_ATTRIBUTE = /\son[a-z]+\s*=|(href|src|action|xlink:href)\s*=\s*["']?\s*(javascript|vbscript|data):/i;

/** The real tags of an HTML string (escaped text such as &#x3C;img is not a tag) that could run script. */
const dangerousTags = (html: string) => (html.match(/<[a-zA-Z][^>]*>/g) ?? []).filter((tag) => DANGEROUS_TAG.test(tag) || DANGEROUS_ATTRIBUTE.test(tag));

/** Every HTML string of the model (lesson bodies, prompts, options, feedback). */
function htmlStrings(course: Course): string[] {
  const out: string[] = [];
  const walk = (value: unknown, key = ''): void => {
    if (typeof value === 'string') {
      if (['html', 'prompt', 'correct', 'incorrect', 'explanation'].includes(key)) out.push(value);
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(course);
  return out;
}

describe('hostile content', () => {
  it('reports every path escape and unsafe file as an error, and builds nothing from them', async () => {
    const { diagnostics } = await checkCourses(ROOT, [PATHS]);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const lines = new Set(errors.filter((d) => d.file.endsWith('01-paths.md')).map((d) => d.line));
    // One error for each hostile link or image in the lesson (lines 3, 5, ... 31): path escapes,
    // HTML and XML pages, SVGs with script (also under another namespace prefix), handlers or a DTD.
    // Then file names an LMS could not unpack safely: backslashes, a Windows device name, a
    // right-to-left override (line 37 links two names that differ only in case: reported below).
    expect([...lines].sort((a, b) => a - b)).toEqual([3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 39]);
    expect(errors.filter((d) => d.rule === 'unsafe-file-name' && /differ only in case/.test(d.message))).toHaveLength(1);
    // A lesson that is a symbolic link to a file outside the course is not read at all.
    expect(errors.filter((d) => d.file.endsWith('02-secret.md')).map((d) => d.rule)).toEqual(['path-escape']);
    expect(new Set(errors.map((d) => d.rule))).toEqual(new Set(['path-escape', 'unsafe-asset', 'unsafe-file-name']));
  });

  it('refuses huge files with a clear diagnostic, without parsing them', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-huge-'));
    const dir = path.join(root, 'courses', 'mini-course');
    cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
    writeFileSync(path.join(dir, 'lessons', '03-huge.md'), `# Huge\n\n${'All work and no play. '.repeat(150_000)}\n`);
    writeFileSync(path.join(dir, 'assets', 'video.mp4'), Buffer.alloc(26 * 1024 * 1024));
    const lesson = path.join(dir, 'lessons', '01-welcome.md');
    writeFileSync(lesson, `${readFileSync(lesson, 'utf8')}\n[Video](../assets/video.mp4)\n`);
    const { diagnostics } = await checkCourses(root, [dir]);
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`).sort()).toEqual([
      'courses/mini-course/lessons/01-welcome.md:' + (readFileSync(lesson, 'utf8').split('\n').length - 1) + ' file-too-large',
      'courses/mini-course/lessons/03-huge.md:1 file-too-large',
    ]);
  });

  it('sanitises scripts, handlers and script URLs, and says so', async () => {
    const { diagnostics } = await checkCourses(ROOT, [CONTENT]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diagnostics.filter((d) => d.rule === 'unsafe-html').length).toBeGreaterThanOrEqual(20);

    const built = await buildInto([CONTENT], ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web'], ROOT);
    const course = built.courses[0]!.course!;
    for (const html of htmlStrings(course)) expect(dangerousTags(html)).toEqual([]);
    expect(htmlStrings(course).join('')).toContain('https://example.org/'); // safe content survives

    const realCourse = realpathSync(CONTENT);
    for (const p of built.packages.filter((x) => x.target !== 'web')) {
      const entries = await readZip(path.join(built.out, p.file));
      const page = entries.get('index.html')!.toString();
      // Titles are escaped in the page and in every descriptor.
      expect(page).toContain('<title>Hostile &lt;script&gt;');
      for (const name of ['imsmanifest.xml', 'cmi5.xml', 'tincan.xml']) {
        const xml = entries.get(name)?.toString();
        if (xml) expect(xml).not.toMatch(/<script|<img/);
      }
      // A CSP that forbids inline script, and remote connections for SCORM.
      const csp = /Content-Security-Policy" content="([^"]+)"/.exec(page)![1]!.replace(/&#x27;/g, "'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      if (p.target.startsWith('scorm')) expect(csp).toContain("connect-src 'none'");
      // Only the player's own scripts, and only files from inside the course folder.
      expect([...page.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/type="application\/json"/.test(tag))).toEqual(['<script defer src="runtime/strings-en.js">', '<script defer src="runtime/player.js">']);
      for (const name of entries.keys()) {
        if (!name.startsWith('content/')) {
          expect(['index.html', 'theme.css', 'runtime/player.js', 'runtime/player.css', 'runtime/strings-en.js', 'runtime/strings-zh-CN.js', 'imsmanifest.xml', 'cmi5.xml', 'tincan.xml']).toContain(name);
          continue;
        }
        const source = realpathSync(path.join(CONTENT, name.slice('content/'.length)));
        expect(source.startsWith(realCourse + path.sep), name).toBe(true);
      }
    }
    const zips = built.packages.filter((x) => x.target !== 'web').map((x) => path.join(built.out, x.file));
    expect(zips).toHaveLength(4);
    expect((await validatePackages(zips)).diagnostics).toEqual([]);

    // In Chromium: walk the course and the exam; nothing the author wrote may run.
    const server = await serve({ '/': path.join(built.out, 'hostile-content', 'web') });
    const browser = await sharedBrowser();
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      const violations: string[] = [];
      page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
      page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
      page.on('pageerror', (e) => violations.push(e.message));
      await page.goto(`${server.origin}/index.html`);
      await viewAllLessons(page, course);
      await page.locator('[data-practice] input[value="a"]').check();
      await page.getByRole('button', { name: 'Check my answer' }).click();
      await takeAttempt(page, course, 1, true);
      await page.waitForTimeout(200);
      expect(dialogs).toEqual([]);
      expect(violations).toEqual([]);
      expect(await page.title()).toContain("<script>alert('title')</script>"); // shown as text, not run
    } finally {
      await closeContexts();
      await server.close();
    }
  });
});
