/**
 * A catalogue made up for the catalogue page's tests (test/catalogue-page*.test.ts), with every
 * feature the page shows, and the English interface phrases to look for in a page or its script.
 */
import { LANGUAGES, type Language } from '../../src/languages/index.js';
import type { CatalogueEntry, CataloguePackage } from '../../src/package/catalogue-files.js';

const BUILT = '2026-05-01T10:00:00.000Z';

const download = (course: string, target: string, language: Language, more: Partial<CataloguePackage> = {}): CataloguePackage => ({
  target, language, label: target.toUpperCase(), file: `${course}/${course}-${language}-${target}.zip`, bytes: 4096, sha256: 'a'.repeat(64), ...more,
});
const webBuild = (course: string, language: Language): CataloguePackage => ({ ...download(course, 'web', language), file: `${course}/web-${language}/` });

function entry(id: string, language: Language, more: Partial<CatalogueEntry> = {}): CatalogueEntry {
  return {
    id, title: `${id} title`, language, version: '1.0.0', summary: `${id} summary`, occupation: `${id} occupation`,
    certificate: { name: `${id} certificate`, level: '4', issuer: 'issuer' },
    credits: 4, hours: 60, lessons: 6, questions: 150, scoredQuestions: 150, words: 1000, creditsSource: null, standard: null,
    packages: [download(id, 'scorm12', language), webBuild(id, language)], preview: `${id}/web-${language}/index.html`, built: BUILT, ...more,
  };
}

/**
 * Two Chinese courses and an English one: a translated course (title and occupation translated)
 * that failed its latest build, with an export left from an earlier build; a course of one lesson
 * and one question; an English course with the other export.
 */
export const COURSES: CatalogueEntry[] = [
  entry('electrician', 'zh-CN', {
    languages: ['zh-CN', 'en'], titles: { 'zh-CN': 'electrician title', en: 'electrician english title' },
    occupations: { 'zh-CN': 'electrician occupation', en: 'electrician english occupation' }, stale: true,
    packages: [
      download('electrician', 'scorm12', 'zh-CN'), download('electrician', 'scorm2004', 'zh-CN', { label: 'SCORM 2004 4th Ed.' }), webBuild('electrician', 'zh-CN'),
      download('electrician', 'scorm12', 'en'), download('electrician', 'qti', 'en', { built: '2026-04-01T10:00:00.000Z' }), webBuild('electrician', 'en'),
    ],
  }),
  entry('cook', 'zh-CN', { lessons: 1, questions: 1, credits: 0 }),
  entry('mini', 'en', { credits: 8, packages: [download('mini', 'scorm12', 'en'), download('mini', 'moodle-xml', 'en')], preview: null }),
];

/** Every run of words (three letters or more) between placeholders in a set of catalogue words. */
function phrases(words: unknown): string[] {
  if (typeof words === 'string') return words.split(/\{\w+\}/).map((part) => part.trim()).filter((part) => /[A-Za-z]{3}/.test(part));
  return Object.values(words as object).flatMap(phrases);
}

/** The English catalogue page's phrases. */
export const ENGLISH_PHRASES = [...new Set(phrases(LANGUAGES.en.catalogue))];

/** Whether `text` holds `phrase` as a whole (`Content` is not in `textContent`). */
export function holds(text: string, phrase: string): boolean {
  return new RegExp(`(?<![A-Za-z])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`).test(text);
}
