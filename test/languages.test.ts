/**
 * The language table: every language is complete (strings, scaffold, tags), tags a
 * learner or an LMS gives find their language, and no author keyword means two things.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { keywordsOfAll, LANGUAGE_LIST, LANGUAGE_TAGS, LANGUAGES, languageOfTag, type Language } from '../src/languages/index.js';
import { packagePath } from '../src/paths.js';
import { en as englishStrings } from '../src/runtime/strings/en.js';
import { courseSchema } from '../src/course/schema.js';

describe('the language table', () => {
  it.each(LANGUAGE_LIST)('%s: strings for every key, a scaffold in its language, a well-formed xAPI tag', (tag) => {
    const language = LANGUAGES[tag];
    expect(Object.keys(language.strings).sort()).toEqual(Object.keys(englishStrings).sort());
    expect(Object.values(language.strings).every((text) => text.trim() !== '')).toBe(true);
    const scaffold = packagePath('templates', 'new-course', tag, 'course.yml');
    expect(existsSync(scaffold)).toBe(true);
    expect((parseYaml(readFileSync(scaffold, 'utf8')) as { language: string }).language).toBe(tag);
    expect(LANGUAGE_TAGS[tag].xapi).toMatch(/^[a-z]{2,3}(-[A-Z][A-Za-z]{1,3})?$/);
    expect(language.newCourseTitle('fire-safety')).not.toBe('');
    expect(language.trueFalse[0]).not.toBe(language.trueFalse[1]);
  });

  /** Every word of a table by its path (a counted message's forms as `key.one`, `key.other`). */
  const leaves = (value: unknown, key: string): Array<[string, string]> =>
    typeof value === 'string' ? [[key, value]] : Object.entries(value as Record<string, unknown>).flatMap(([name, inner]) => leaves(inner, `${key}.${name}`));
  /** The counted messages of a table (the objects with an `other` form) by path. */
  const countedOf = (value: unknown, key: string): Array<[string, object]> => {
    if (typeof value !== 'object' || value === null) return [];
    const inner = Object.entries(value).flatMap(([name, v]) => countedOf(v, `${key}.${name}`));
    return 'other' in value ? [[key, value], ...inner] : inner;
  };

  it.each(LANGUAGE_LIST.flatMap((tag) => [[tag, 'catalogue'], [tag, 'preview']] as const))('%s: %s words, every counted one in each plural form the language has', (tag, table) => {
    const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
    for (const [key, text] of leaves(LANGUAGES[tag][table], table)) expect(text.trim(), key).not.toBe('');
    for (const [key, forms] of countedOf(LANGUAGES[tag][table], table)) expect(Object.keys(forms).sort(), key).toEqual([...categories].sort());
  });

  it.each(LANGUAGE_LIST)('%s: preview words with the placeholders of the English ones, no more, no fewer', (tag) => {
    // A word whose `{name}` is missing or misspelt would show the value nowhere, or the braces.
    const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();
    // Plural forms differ by language: a counted message is compared as one (all its forms' placeholders).
    const byMessage = (tag: Language) => {
      const words = new Map<string, string[]>();
      for (const [key, text] of leaves(LANGUAGES[tag].preview, 'preview')) {
        const message = key.replace(/\.(zero|one|two|few|many|other)$/, '');
        words.set(message, [...new Set([...(words.get(message) ?? []), ...placeholders(text)])].sort());
      }
      return Object.fromEntries(words);
    };
    expect(byMessage(tag)).toEqual(byMessage('en'));
  });

  it('is what course.yml accepts as a language', () => {
    const accepted = LANGUAGE_LIST.filter((tag) => courseSchema.shape.language.safeParse(tag).success);
    expect(accepted).toEqual(LANGUAGE_LIST);
    expect(courseSchema.shape.language.safeParse('fr').success).toBe(false);
  });

  it('finds the language of a tag as learners and LMSs write it', () => {
    expect(languageOfTag('zh-CN')).toBe('zh-CN');
    expect(languageOfTag(' zh-Hans-CN')).toBe('zh-CN');
    expect(languageOfTag('EN-gb')).toBe('en');
    expect(languageOfTag('en-US')).toBe('en');
    expect(languageOfTag('fr-FR')).toBeUndefined();
    expect(languageOfTag('')).toBeUndefined();
  });

  it('gives no author keyword two meanings across languages', () => {
    const meanings = (maps: Array<Readonly<Record<string, string>>>) => {
      const seen = new Map<string, Set<string>>();
      for (const map of maps) for (const [word, meaning] of Object.entries(map)) seen.set(word, (seen.get(word) ?? new Set()).add(meaning));
      return [...seen].filter(([, set]) => set.size > 1).map(([word]) => word);
    };
    expect(meanings(keywordsOfAll('feedback'))).toEqual([]);
    expect(meanings(keywordsOfAll('questionTypes'))).toEqual([]);
    const columns = keywordsOfAll('columns').map((c) => Object.fromEntries(Object.entries(c).flatMap(([field, names]) => names.map((n) => [n, field]))));
    expect(meanings(columns)).toEqual([]);
    const truths = [...keywordsOfAll('true'), ...keywordsOfAll('looseTrue'), ...keywordsOfAll('answerTrue')].flat();
    const falsehoods = [...keywordsOfAll('false'), ...keywordsOfAll('looseFalse'), ...keywordsOfAll('answerFalse')].flat();
    expect(truths.filter((word) => falsehoods.includes(word))).toEqual([]);
  });
});
