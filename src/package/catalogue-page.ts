/**
 * dist/index.html, the catalogue page: its interface in one language (the project's
 * `catalogueLanguage`, else the language most of its courses are written in), each course's
 * own text marked with the course's language. Its script (templates/catalogue.js) reads its
 * words from a JSON element of the page, since the page's CSP allows no inline script.
 */
import path from 'node:path';
import { LANGUAGE_LIST, LANGUAGES, type Language } from '../languages/index.js';
import { OUTPUTS, TARGETS } from '../targets/index.js';
import { OUTPUT_NAMES } from '../targets/names.js';
import type { CatalogueEntry, CataloguePackage } from './catalogue-files.js';
import { counted, escapeHtml, fill, fillHtml } from './catalogue-text.js';
import { scriptJson } from './script-json.js';
import { render } from './templates.js';

/**
 * The page's language: the one configured, else the one most of the courses are written in
 * (a tie goes to the first in the language list), and English for an empty catalogue. The
 * preview's workspace speaks the same (src/preview/workspace-language.ts).
 */
export function catalogueLanguage(entries: ReadonlyArray<Pick<CatalogueEntry, 'language'>>, configured?: Language): Language {
  if (configured) return configured;
  const counts = LANGUAGE_LIST.map((language) => entries.filter((e) => e.language === language).length);
  const most = Math.max(...counts);
  return most > 0 ? LANGUAGE_LIST[counts.indexOf(most)]! : 'en';
}

const languageName = (tag: string) => (Object.hasOwn(LANGUAGES, tag) ? LANGUAGES[tag as Language].nativeName : tag);
const languagesOf = (e: CatalogueEntry) => e.languages ?? [e.language];
/** `text` as an element marked with the language it is written in (for a `{{{ }}}`). */
const inLanguage = (text: string, tag: string) => `<span lang="${escapeHtml(tag)}">${escapeHtml(text)}</span>`;
/** A language's name, in itself. */
const nameOf = (tag: string) => inLanguage(languageName(tag), tag);

/**
 * One of a course's texts (`titles`, `occupations`) as its edition in `tag` has it, with the
 * language it is written in: the source's text and language where there is no such edition, or
 * it kept the source's text (untranslated).
 */
function editionText(e: CatalogueEntry, tag: string, texts: Partial<Record<string, string>> | undefined, source: string): { text: string; lang: string } {
  const text = languagesOf(e).includes(tag as Language) ? texts?.[tag] : undefined;
  return text !== undefined && text !== source ? { text, lang: tag } : { text: source, lang: e.language };
}

/** The occupation a filter offers for a course: in the page's language where the course has an edition in it. */
const occupationOf = (e: CatalogueEntry, language: Language) => editionText(e, language, e.occupations, e.occupation);

/** A format's name in the page's language (the target's own label, unless the language writes it otherwise). */
export function formatName(target: string, label: string, language: Language): string {
  const names = LANGUAGES[language].catalogue.formatNames;
  return (Object.hasOwn(names, target) ? names[target as keyof typeof names] : undefined) ?? label;
}

/** The catalogue page: filters from the data (no value that can never match), packages with their checksums. */
export function catalogueHtml(entries: CatalogueEntry[], language: Language): string {
  const words = LANGUAGES[language].catalogue;
  const credits = [...new Set(entries.map((e) => e.credits))].sort((a, b) => a - b).filter((c) => c > 0);
  // The guide: every player package but the web build (the preview has its own line), and the exports listed here.
  const guided = OUTPUT_NAMES.filter((name) => name !== 'web' && (name in TARGETS || entries.some((e) => e.packages.some((p) => p.target === name))));
  const total = entries.length;
  return render('catalogue.html.hbs', {
    lang: language,
    words,
    intro: fill(words.intro, { courses: counted(language, words.courseCount, total) }),
    shown: counted(language, words.shown, total, { shown: total, total }),
    // The only words the script writes itself.
    scriptWords: scriptJson({ shown: words.shown, copied: words.checksum.copied, copiedStatus: words.checksum.copiedStatus, copyRefused: words.checksum.copyRefused }),
    guide: guided.map((name) => ({ label: formatName(name, OUTPUTS[name].label, language), platforms: words.platforms[name] })),
    courses: entries.map((e) => courseView(e, language)),
    languages: [...new Set(entries.flatMap(languagesOf))].sort().map((tag) => ({ tag, name: languageName(tag) })),
    occupations: occupationOptions(entries, language),
    credits: credits.map((value) => ({ value, label: fill(words.creditsOrMore, { credits: value }) })),
  });
}

/**
 * The occupation filter's options, each once: its value is also the `data-occupation` of the courses
 * it matches; marked with its language where that is not the page's.
 */
function occupationOptions(entries: readonly CatalogueEntry[], language: Language) {
  const langs = new Map(entries.map((e) => occupationOf(e, language)).map(({ text, lang }) => [text, lang]));
  return [...langs].sort(([a], [b]) => (a < b ? -1 : 1)).map(([text, lang]) => ({ text, lang: lang === language ? null : lang }));
}

/** What the page shows of one course, in the page's language. */
function courseView(e: CatalogueEntry, language: Language) {
  const words = LANGUAGES[language].catalogue;
  const languages = languagesOf(e);
  const translated = languages.length > 1;
  const builtDate = e.built.slice(0, 10);
  return {
    ...e,
    builtDate,
    staleNote: e.stale ? fill(words.stale, { date: builtDate }) : null,
    content: `${counted(language, words.lessons, e.lessons)} · ${counted(language, words.questions, e.questions)}`,
    languagesLabel: counted(language, words.facts.languages, languages.length),
    languageList: languages.join(' '),
    // The occupation the filter offers for the course, so that the card says what was picked.
    shownOccupation: occupationOf(e, language),
    languageNames: languages.map(nameOf).join(' · '),
    translated,
    // Each language's packages, the course's own language first.
    editions: languages.map((tag) => {
      const own = e.packages.filter((p) => (p.language ?? e.language) === tag);
      const web = own.find((p) => p.target === 'web');
      const title = editionText(e, tag, e.titles, e.title);
      // A translated course's editions are told apart by language, for screen readers too; each
      // part of the name is marked with the language it is written in.
      const downloads = { title: inLanguage(title.text, title.lang), language: nameOf(tag) };
      return {
        tag,
        heading: translated ? (tag === e.language ? fillHtml(words.sourceEdition, { language: nameOf(tag) }) : nameOf(tag)) : null,
        // Not repeated under a language it is not in: an untranslated title is the source's.
        title: translated && tag !== e.language && title.lang === tag ? title.text : null,
        preview: web ? `${web.file}index.html` : null,
        which: translated ? fillHtml(words.inLanguage, { language: nameOf(tag) }) : null,
        // The list is named by an element (an attribute's text cannot say which language each part is in).
        downloadsId: `downloads-${e.id}-${tag}`,
        downloadsLabel: fillHtml(translated ? words.editionDownloads : words.downloads, downloads),
        downloads: own.filter((p) => !p.file.endsWith('/')).map((p) => downloadView(p, language)),
      };
    }),
  };
}

/** One download: its size, when it is older than its course's build, and how to check its SHA-256. */
function downloadView(p: CataloguePackage, language: Language) {
  const { checksum, builtEarlier } = LANGUAGES[language].catalogue;
  const name = path.posix.basename(p.file);
  const code = (command: string) => `<code>${escapeHtml(command)}</code>`;
  return {
    label: formatName(p.target, p.label, language),
    file: p.file,
    sha256: p.sha256,
    size: `${(p.bytes / 1024).toFixed(0)} KB`,
    builtEarlier: p.built ? fillHtml(builtEarlier, { date: `<time datetime="${escapeHtml(p.built)}">${escapeHtml(p.built.slice(0, 10))}</time>` }) : null,
    copyLabel: fill(checksum.copyLabel, { file: name }),
    unix: fillHtml(checksum.unix, { sha256sum: code(`sha256sum ${name}`), shasum: code(`shasum -a 256 ${name}`) }),
    windows: fillHtml(checksum.windows, { getFileHash: code(`Get-FileHash ${name} -Algorithm SHA256`) }),
  };
}
