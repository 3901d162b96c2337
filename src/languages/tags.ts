/**
 * The languages skillpack speaks, as the browser runtime needs them: kept apart from
 * the full table (index.ts) so that the player carries these few bytes and nothing else.
 * Adding a language starts here; the compiler then asks for the rest (index.ts).
 */
export const LANGUAGE_TAGS = {
  /** `xapi`: the tag of xAPI language maps and `context.language`; `primary`: the subtag a learner's preference matches. */
  en: { xapi: 'en-US', primary: 'en' },
  'zh-CN': { xapi: 'zh-CN', primary: 'zh' },
} as const;

export type Language = keyof typeof LANGUAGE_TAGS;

/** Every language, in the order lists show them. */
export const LANGUAGE_LIST = Object.keys(LANGUAGE_TAGS) as Language[];

/** The language of a tag a learner or an LMS gives ("zh-Hans-CN", "en-US"), or undefined. */
export function languageOfTag(tag: string): Language | undefined {
  const lower = tag.trim().toLowerCase();
  return LANGUAGE_LIST.find((language) => language.toLowerCase() === lower) ?? LANGUAGE_LIST.find((language) => lower.split('-')[0] === LANGUAGE_TAGS[language].primary);
}
