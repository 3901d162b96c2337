/**
 * A translated course builds one set of packages per language: the source's under
 * today's names, the translation's with its language in the name. The English
 * package carries English texts, the same course, activity and question ids and the
 * same keys; catalog.json and the catalogue page list both languages.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCatalogue, type Catalogue } from '../src/package/catalogue-files.js';
import type { Course, Question } from '../src/course/model.js';
import { buildInto, readZip } from './support/packages.js';

const FIXTURE = 'test/fixtures/courses/bilingual-course';
let built: Awaited<ReturnType<typeof buildInto>>;

beforeAll(async () => {
  built = await buildInto([FIXTURE], ['scorm12', 'cmi5', 'web']);
  writeCatalogue(built.out, built.courses.flatMap((c) => (c.course ? [c.course, ...(c.translations ?? [])] : [])), built.packages);
});

/** The course data a package's page carries. */
const courseData = (html: string): Course => JSON.parse(/<script id="course-data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!);
const pageOf = async (zip: string) => (await readZip(path.join(built.out, zip))).get('index.html')!.toString('utf8');
const keys = (course: Course) =>
  course.banks.flatMap((b) => b.questions).map((q: Question) => ({ id: q.id, type: q.type, points: q.points, ...('correct' in q ? { correct: q.correct } : {}), ...('min' in q ? { min: q.min, max: q.max } : {}), ...('items' in q ? { items: q.items.map((i) => i.id) } : {}), ...('answer' in q ? { answer: q.answer } : {}) }));

describe('building a translated course', () => {
  it('writes a package per language and target', () => {
    expect(built.diagnostics).toEqual([]);
    expect(built.packages.map((p) => [p.file, p.language])).toEqual([
      ['bilingual-course/bilingual-course-cmi5.zip', 'zh-CN'],
      ['bilingual-course/bilingual-course-en-cmi5.zip', 'en'],
      ['bilingual-course/bilingual-course-en-scorm12.zip', 'en'],
      ['bilingual-course/bilingual-course-scorm12.zip', 'zh-CN'],
      ['bilingual-course/web-en/', 'en'],
      ['bilingual-course/web/', 'zh-CN'],
    ]);
    expect(existsSync(path.join(built.out, 'bilingual-course', 'web-en', 'index.html'))).toBe(true);
  });

  it('gives the English package English texts with the source ids and keys', async () => {
    const chinese = courseData(await pageOf('bilingual-course/bilingual-course-scorm12.zip'));
    const englishPage = await pageOf('bilingual-course/bilingual-course-en-scorm12.zip');
    const english = courseData(englishPage);
    expect(chinese).toMatchObject({ language: 'zh-CN', title: '安全用电基础' });
    expect(english).toMatchObject({ id: chinese.id, activityId: chinese.activityId, language: 'en', title: 'Electrical Safety Basics' });
    expect(english.lessons.map((l) => l.id)).toEqual(chinese.lessons.map((l) => l.id));
    expect(english.lessons.map((l) => l.title)).toEqual(['Electrical basics', 'First aid for electric shock']);
    expect(keys(english)).toEqual(keys(chinese));
    expect(english.banks[0]!.questions[0]!.promptText).toBe('Switch off the power before a repair.');
    // The page is in the package's language and loads that language's player strings.
    expect(englishPage).toContain('<html lang="en">');
    expect(englishPage).toContain('runtime/strings-en.js');
    const manifest = (await readZip(path.join(built.out, 'bilingual-course/bilingual-course-en-scorm12.zip'))).get('imsmanifest.xml')!.toString('utf8');
    expect(manifest).toContain('Electrical Safety Basics');
    const chineseManifest = (await readZip(path.join(built.out, 'bilingual-course/bilingual-course-scorm12.zip'))).get('imsmanifest.xml')!.toString('utf8');
    expect(/identifier="([^"]+)"/.exec(manifest)![1]).toBe(/identifier="([^"]+)"/.exec(chineseManifest)![1]);
  });

  it('lists both languages in catalog.json and on the catalogue page', () => {
    const catalogue = JSON.parse(readFileSync(path.join(built.out, 'catalog.json'), 'utf8')) as Catalogue;
    const [entry] = catalogue.courses;
    expect(entry).toMatchObject({ id: 'bilingual-course', title: '安全用电基础', language: 'zh-CN', languages: ['zh-CN', 'en'], preview: 'bilingual-course/web/index.html' });
    expect(entry!.titles).toEqual({ 'zh-CN': '安全用电基础', en: 'Electrical Safety Basics' });
    expect(entry!.packages.filter((p) => p.language === 'en').map((p) => p.target).sort()).toEqual(['cmi5', 'scorm12', 'web']);
    expect(entry!.packages.filter((p) => p.language === 'zh-CN').map((p) => p.target).sort()).toEqual(['cmi5', 'scorm12', 'web']);
    const page = readFileSync(path.join(built.out, 'index.html'), 'utf8');
    expect(page).toContain('data-languages="zh-CN en"');
    // Language names in their own language; the interface in the page's (the course's, Chinese).
    expect(page).toContain('<option value="en" lang="en">English</option>');
    expect(page).toContain('<option value="zh-CN" lang="zh-CN">简体中文</option>');
    expect(page).toContain('<div class="edition" data-language="en" lang="zh-CN">');
    expect(page).toContain('href="bilingual-course/web-en/index.html"');
    expect(page).toContain('href="bilingual-course/bilingual-course-en-scorm12.zip"');
    expect(page).toContain('<p class="edition-title" lang="en">Electrical Safety Basics</p>');
  });

});
