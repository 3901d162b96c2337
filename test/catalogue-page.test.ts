// @vitest-environment jsdom
/**
 * The catalogue page's language: the one most of its courses are written in (or the project's
 * `catalogueLanguage`), every interface word from that language's declaration, none left in
 * English on a Chinese page, and none in the page's script, which reads its words from the page.
 * The script at work in Chromium: test/catalogue-page.e2e.test.ts; the setting through
 * `skillpack build`: test/catalogue-entries.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type CatalogueWords, type Language } from '../src/languages/index.js';
import { catalogueHtml, catalogueLanguage } from '../src/package/catalogue-page.js';
import { COURSES, ENGLISH_PHRASES, holds } from './support/catalogue-page.js';
import { REPO } from './support/packages.js';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

/** What a reader meets: the title, each piece of text, and the names given to screen readers; not the script's data. */
function readerText(doc: Document): string {
  const texts: string[] = [doc.title];
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!node.parentElement?.closest('script')) texts.push(node.nodeValue!);
  for (const labelled of doc.querySelectorAll('[aria-label]')) texts.push(labelled.getAttribute('aria-label')!);
  return texts.join('\n');
}

describe('the catalogue page language', () => {
  it('is the language most courses are written in, the first listed on a tie, English when empty, or the configured one', () => {
    expect(catalogueLanguage(COURSES)).toBe('zh-CN');
    expect(catalogueLanguage([COURSES[0]!, COURSES[2]!])).toBe('en');
    expect(catalogueLanguage([])).toBe('en');
    expect(catalogueLanguage(COURSES, 'en')).toBe('en');
    expect(catalogueLanguage([COURSES[2]!], 'zh-CN')).toBe('zh-CN');
  });

  it('is Chinese for Chinese courses, with no English interface word left', () => {
    const doc = parse(catalogueHtml(COURSES, 'zh-CN'));
    expect(doc.documentElement.lang).toBe('zh-CN');
    expect(doc.title).toBe('课程目录');
    expect(doc.querySelector('header p')!.textContent).toMatch(/^共 3 门职业技能课程。请下载/);
    expect(doc.getElementById('result-count')!.textContent).toBe('显示 3 门课程，共 3 门');
    expect(doc.querySelector('li[data-language="en"] .facts')!.textContent).toContain('6 课 · 150 道题');
    expect(doc.querySelector('.older')!.textContent).toBe('生成于 2026-04-01，早于本课程最近一次生成');
    expect(doc.querySelector('.edition-name')!.textContent).toBe('简体中文（原版）');
    const text = readerText(doc);
    expect(ENGLISH_PHRASES.filter((phrase) => holds(text, phrase))).toEqual([]);
    // Course content keeps its own language: the English course and the English edition's title say so.
    expect(doc.querySelector('li[data-language="en"]')!.getAttribute('lang')).toBe('en');
    expect(doc.querySelector('.edition-title')!.getAttribute('lang')).toBe('en');
    expect(new Set([...doc.querySelectorAll('.facts, .edition, .stale')].map((e) => e.getAttribute('lang')))).toEqual(new Set(['zh-CN']));
  });

  it('shows no edition title for a translation whose title was not translated (it is the source\'s, in the source\'s language)', () => {
    const untranslated = COURSES.map((c) => (c.titles ? { ...c, titles: { ...c.titles, en: c.title } } : c));
    const doc = parse(catalogueHtml(untranslated, 'zh-CN'));
    expect(doc.querySelectorAll('.edition-title')).toHaveLength(0);
    expect(parse(catalogueHtml(COURSES, 'zh-CN')).querySelectorAll('.edition-title')).toHaveLength(1);
  });

  it('uses every English word on English pages, so the check above misses none', () => {
    const pages = [COURSES, [COURSES[2]!]].map((courses) => parse(catalogueHtml(courses, 'en')));
    expect(pages[0]!.documentElement.lang).toBe('en');
    const text = pages.map((doc) => `${readerText(doc)}\n${doc.getElementById('catalogue-words')!.textContent}`).join('\n');
    expect(ENGLISH_PHRASES.filter((phrase) => !holds(text, phrase))).toEqual([]);
    expect(text).toContain('1 vocational course.');
    expect(text).toContain('1 lesson · 1 question');
    expect(text).toContain('3 of 3 courses shown');
  });

  it('calls credits 积分 on a Chinese page, as the player does (学分 are academic credits)', () => {
    const doc = parse(catalogueHtml(COURSES, 'zh-CN'));
    expect(doc.querySelector('label:has(#filter-credits)')!.firstChild!.textContent!.trim()).toBe('最低积分');
    expect(doc.querySelector('#filter-credits option[value="4"]')!.textContent).toBe('4 积分及以上');
    expect([...doc.querySelectorAll('.facts dt')].map((dt) => dt.textContent)).toContain('积分');
    expect(readerText(doc)).not.toContain('学分');
  });

  it('names formats as the page\'s language writes them', () => {
    const names = (language: Language) => {
      const doc = parse(catalogueHtml(COURSES, language));
      const guide = [...doc.querySelectorAll('.platforms dt')].map((dt) => dt.textContent!).find((name) => name.startsWith('SCORM 2004'));
      return [guide, doc.querySelector('a[href$="-scorm2004.zip"]')!.textContent];
    };
    expect(names('zh-CN')).toEqual(['SCORM 2004 第 4 版', 'SCORM 2004 第 4 版']);
    expect(names('en')).toEqual(['SCORM 2004 4th Ed.', 'SCORM 2004 4th Ed.']);
  });

  it('does not compile for a language that lacks a word or a target\'s platforms', () => {
    const { showAll: _showAll, ...withoutOne } = LANGUAGES.en.catalogue;
    // @ts-expect-error every word is required
    const words: CatalogueWords = withoutOne;
    const { qti: _qti, ...platforms } = LANGUAGES.en.catalogue.platforms;
    // @ts-expect-error every output is described
    const described: CatalogueWords['platforms'] = platforms;
    expect(Object.keys(words)).not.toContain('showAll');
    expect(Object.keys(described)).not.toContain('qti');
  });
});

describe('the catalogue page\'s text in another language than the page\'s', () => {
  /** Where each language's name is written, and the language it is marked with. */
  const languageNames = (doc: Document) => {
    const names = Object.entries(LANGUAGES).map(([tag, language]) => [tag, language.nativeName] as const);
    const found: string[] = [];
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const [tag, name] of names) {
        if (node.nodeValue!.includes(name)) found.push(`${node.nodeValue!.trim()} ${node.parentElement!.closest('[lang]')!.getAttribute('lang')} (${tag})`);
      }
    }
    return found;
  };

  it('marks every language name with its own language, on either page', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const found = languageNames(parse(catalogueHtml(COURSES, language)));
      expect(found.length).toBeGreaterThan(6);
      expect(found.filter((name) => !/^(\S+) (\S+) \(\2\)$/.test(name))).toEqual([]);
    }
  });

  it('names each edition\'s downloads with its own title and language, each marked with its language', () => {
    const label = (doc: Document, course: string, tag: string) => {
      const card = [...doc.querySelectorAll('#courses > .course')].find((li) => li.querySelector('h2')!.textContent === `${course} title`)!;
      const list = card.querySelector(`.edition[data-language="${tag}"] ul.packages`)!;
      // An attribute's text cannot say which language each part of it is in.
      expect(list.getAttribute('aria-label')).toBeNull();
      const name = doc.getElementById(list.getAttribute('aria-labelledby')!)!;
      return [name.textContent, [...name.querySelectorAll('[lang]')].map((e) => `${e.textContent} ${e.getAttribute('lang')}`)];
    };
    const english = parse(catalogueHtml(COURSES, 'en'));
    expect(label(english, 'electrician', 'en')).toEqual(['Downloads for electrician english title (English)', ['electrician english title en', 'English en']]);
    expect(label(english, 'electrician', 'zh-CN')).toEqual(['Downloads for electrician title (简体中文)', ['electrician title zh-CN', '简体中文 zh-CN']]);
    expect(label(english, 'cook', 'zh-CN')).toEqual(['Downloads for cook title', ['cook title zh-CN']]);
    const chinese = parse(catalogueHtml(COURSES, 'zh-CN'));
    expect(label(chinese, 'electrician', 'en')).toEqual(['electrician english title：课程包下载（English）', ['electrician english title en', 'English en']]);
    // An untranslated title is the source's, in the source's language.
    const untranslated = parse(catalogueHtml(COURSES.map((c) => (c.titles ? { ...c, titles: { ...c.titles, en: c.title } } : c)), 'zh-CN'));
    expect(label(untranslated, 'electrician', 'en')).toEqual(['electrician title：课程包下载（English）', ['electrician title zh-CN', 'English en']]);
  });

  it('offers occupations in the page\'s language where a course has an edition in it, and filters on what it shows', () => {
    const options = (doc: Document) => [...doc.querySelectorAll<HTMLOptionElement>('#filter-occupation option')].slice(1).map((o) => [o.value, o.textContent, o.getAttribute('lang')]);
    const occupations = (doc: Document) => [...doc.querySelectorAll<HTMLElement>('#courses > .course')].map((c) => c.dataset.occupation);
    const english = parse(catalogueHtml(COURSES, 'en'));
    expect(options(english)).toEqual([
      ['cook occupation', 'cook occupation', 'zh-CN'],
      ['electrician english occupation', 'electrician english occupation', null],
      ['mini occupation', 'mini occupation', null],
    ]);
    expect(occupations(english)).toEqual(['electrician english occupation', 'cook occupation', 'mini occupation']);
    // Each card says the occupation the filter offers for it, marked with its language.
    const cardOccupations = (doc: Document) => [...doc.querySelectorAll('#courses > .course')].map((c) => { const dd = [...c.querySelectorAll('dt')].find((dt) => dt.textContent === LANGUAGES[doc.documentElement.lang as Language].catalogue.facts.occupation)?.nextElementSibling; return [dd?.textContent, dd?.getAttribute('lang')]; });
    expect(cardOccupations(english)).toEqual([['electrician english occupation', 'en'], ['cook occupation', 'zh-CN'], ['mini occupation', 'en']]);
    const chinese = parse(catalogueHtml(COURSES, 'zh-CN'));
    expect(options(chinese)).toEqual([
      ['cook occupation', 'cook occupation', null],
      ['electrician occupation', 'electrician occupation', null],
      ['mini occupation', 'mini occupation', 'en'],
    ]);
    expect(occupations(chinese)).toEqual(['electrician occupation', 'cook occupation', 'mini occupation']);
    // An occupation left untranslated, or a catalogue written before occupations were recorded: the source's.
    for (const occupations of [{ en: 'electrician occupation' }, undefined]) {
      const doc = parse(catalogueHtml([{ ...COURSES[0]!, occupations }], 'en'));
      expect(options(doc)).toEqual([['electrician occupation', 'electrician occupation', 'zh-CN']]);
    }
  });
});

describe('the catalogue page script', () => {
  it('holds no interface word of its own: it reads them from the page', () => {
    const script = readFileSync(join(REPO, 'templates', 'catalogue.js'), 'utf8');
    const code = script.replace(/^\s*\/\/.*$/gm, ''); // its comments are not shown to anyone
    expect(ENGLISH_PHRASES.filter((phrase) => holds(code, phrase))).toEqual([]);
    expect(code).toContain("JSON.parse(document.getElementById('catalogue-words').textContent)");
    // The words are data, not script, in every language: the page's CSP allows no inline script.
    for (const language of ['en', 'zh-CN'] as const) {
      const doc = parse(catalogueHtml(COURSES, language));
      const inline = [...doc.querySelectorAll('script:not([src])')];
      expect(inline.map((s) => [s.id, s.getAttribute('type')])).toEqual([['catalogue-words', 'application/json']]);
      expect(JSON.parse(inline[0]!.textContent!)).toEqual({
        shown: LANGUAGES[language].catalogue.shown,
        copied: LANGUAGES[language].catalogue.checksum.copied,
        copiedStatus: LANGUAGES[language].catalogue.checksum.copiedStatus,
        copyRefused: LANGUAGES[language].catalogue.checksum.copyRefused,
      });
    }
  });
});
