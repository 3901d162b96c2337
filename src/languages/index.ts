/**
 * The language table: one declaration per language (`./<tag>.ts`), from which the
 * course schema, the model's `Language`, the CLI's choices, the player's language
 * scripts, xAPI language maps, the catalogue, the preview and the `new` scaffolds all derive.
 *
 * Adding a language: its tag in tags.ts, its declaration here, its player strings
 * (`src/runtime/strings/<tag>.ts`, typed so that a missing key does not compile)
 * and its scaffold (`templates/new-course/<tag>/`, checked by the tests).
 */
import type { LanguageDefinition } from './definition.js';
import { en } from './en.js';
import type { Language } from './tags.js';
import { zhCN } from './zh-CN.js';

export { LANGUAGE_LIST, LANGUAGE_TAGS, languageOfTag, type Language } from './tags.js';
export type { ColumnField, FeedbackKey, LanguageDefinition } from './definition.js';
export type { CatalogueWords, Counted } from './catalogue-words.js';
export type { PreviewWords } from './preview-words.js';

export const LANGUAGES = { en, 'zh-CN': zhCN } satisfies { [L in Language]: LanguageDefinition };

/** Every language's value of one keyword list, together (authors may mix languages). */
export function keywordsOfAll<K extends keyof LanguageDefinition['keywords']>(key: K): Array<LanguageDefinition['keywords'][K]> {
  return Object.values(LANGUAGES).map((language) => language.keywords[key]);
}
