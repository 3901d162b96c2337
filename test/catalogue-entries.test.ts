/**
 * What `skillpack build` writes into the catalogue as courses change between builds: entries are
 * by course id (which need not be the folder's name), the last course removed empties the
 * catalogue, and a build of some targets keeps the other targets' packages listed while they stay
 * on disk, dated with their own build. The catalogue page is in the language of most of its courses,
 * or the one skillpack.config.yml sets (checked there like every setting), and shows a translated
 * course's occupation and edition titles in that language's edition's words.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCommand } from '../src/commands/build.js';
import { loadProject } from '../src/course/config.js';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';
import { formatReport } from '../src/diagnostics/reporter.js';
import type { Catalogue } from '../src/package/catalogue-files.js';
import { MINI_COURSE } from './support/harness.js';
import { REPO } from './support/packages.js';

let write: ReturnType<typeof vi.spyOn>;
beforeAll(() => {
  write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterAll(() => write.mockRestore());

/** A project with the mini course (or `course`) in the folder `folder`; no caches, so every build reads the course. */
function project(folder = 'mini-course', course = MINI_COURSE): string {
  const root = mkdtempSync(path.join(tmpdir(), 'skillpack-catalogue-'));
  cpSync(path.join(REPO, course), path.join(root, 'courses', folder), { recursive: true });
  writeFileSync(path.join(root, 'skillpack.config.yml'), 'targets: [scorm12, web]\n');
  return root;
}
const build = (root: string, courses: string[] = [], targets?: Array<'scorm12' | 'web'>) =>
  buildCommand({ root, courses: courses.map((c) => path.join(root, c)), color: false, interactive: false, ...(targets ? { targets } : {}) });
const catalogue = (root: string) => JSON.parse(readFileSync(path.join(root, 'dist', 'catalog.json'), 'utf8')) as Catalogue;

describe('the catalogue across builds', () => {
  it('marks a failed course stale under its id when its folder has another name, in a whole build and a build of that course', async () => {
    const root = project('renamed-folder');
    expect(await build(root)).toBe(0);
    expect(catalogue(root).courses.map((c) => [c.id, c.stale])).toEqual([['mini-course', undefined]]);
    const yml = path.join(root, 'courses', 'renamed-folder', 'course.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace(/^credits: .*$/m, 'credits: lots'));
    expect(await build(root, ['courses/renamed-folder'])).toBe(1);
    expect(catalogue(root).courses.map((c) => [c.id, c.stale])).toEqual([['mini-course', true]]);
    expect(await build(root)).toBe(1);
    expect(catalogue(root).courses.map((c) => [c.id, c.stale])).toEqual([['mini-course', true]]);
  });

  it('lists no course once the last one is removed', async () => {
    const root = project();
    expect(await build(root)).toBe(0);
    rmSync(path.join(root, 'courses', 'mini-course'), { recursive: true });
    await build(root);
    expect(catalogue(root).courses).toEqual([]);
    expect(readFileSync(path.join(root, 'dist', 'index.html'), 'utf8')).not.toContain('Mini Course</h2>');
  });

  it('keeps listing the targets a later build did not make, dated with their own build', async () => {
    const root = project();
    expect(await build(root)).toBe(0);
    const first = catalogue(root).courses[0]!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await build(root, ['courses/mini-course'], ['scorm12'])).toBe(0);
    const entry = catalogue(root).courses[0]!;
    expect(entry.packages.map((p) => [p.target, p.built ?? null])).toEqual([['scorm12', null], ['web', first.built]]);
    expect(entry.built > first.built).toBe(true);
    expect(entry.preview).toBe('mini-course/web/index.html');
  });
});

describe('the catalogue page language', () => {
  it('is Chinese for a catalogue of Chinese courses, and English when skillpack.config.yml says `catalogueLanguage: en`', async () => {
    const root = project('bilingual-course', 'test/fixtures/courses/bilingual-course');
    const page = () => readFileSync(path.join(root, 'dist', 'index.html'), 'utf8');
    expect(await build(root)).toBe(0);
    expect(page()).toContain('<html lang="zh-CN">');
    expect(page()).toContain('<title>课程目录</title>');
    expect(page()).toContain('<option value="电工">电工</option>');
    expect(catalogue(root).courses[0]!.occupations).toEqual({ 'zh-CN': '电工', en: 'Electrician' });
    writeFileSync(path.join(root, 'skillpack.config.yml'), 'targets: [scorm12, web]\ncatalogueLanguage: en\n');
    expect(await build(root)).toBe(0);
    expect(page()).toContain('<html lang="en">');
    expect(page()).toContain('<title>Course catalogue</title>');
    // The course's own text stays marked with its language.
    expect(page()).toMatch(/<li class="course" data-language="zh-CN"[^>]* lang="zh-CN">\s*<h2>安全用电基础<\/h2>/);
    // The English edition's words, where the page shows one of the course's texts in its own words.
    expect(page()).toContain('<option value="Electrician">Electrician</option>');
    expect(page()).toContain('Downloads for <span lang="en">Electrical Safety Basics</span> (<span lang="en">English</span>)');
    expect(page()).not.toContain('Downloads for 安全用电基础 (English)');
  });

  it('reports a `catalogueLanguage` skillpack does not speak at its place, like any setting', () => {
    const root = project();
    writeFileSync(path.join(root, 'skillpack.config.yml'), 'targets: [scorm12, web]\ncatalogueLanguage: fr\n');
    const sink = new DiagnosticSink();
    loadProject(root, sink);
    expect(sink.items.map((d) => [d.rule, d.line, d.column])).toEqual([['schema-invalid-value', 2, 20]]);
    expect(formatReport(sink.items, { color: false, root })).toContain('skillpack.config.yml:2:20  error  `catalogueLanguage`: "fr" is not allowed: use one of "en", "zh-CN"');
    writeFileSync(path.join(root, 'skillpack.config.yml'), 'catalogueLanguage: zh-CN\n');
    const accepted = new DiagnosticSink();
    expect(loadProject(root, accepted).config.catalogueLanguage).toBe('zh-CN');
    expect(accepted.items).toEqual([]);
  });
});
