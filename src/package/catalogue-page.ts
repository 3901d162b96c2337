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
 * (a tie goes to the first in the language list), and English for an empty catalogue.
 */
export function catalogueLanguage(entries: readonly CatalogueEntry[], configured?: Language): Language {
  if (configured) return configured;
  const counts = LANGUAGE_LIST.map((language) => entries.filter((e) => e.language === language).length);
  const most = Math.max(...counts);
  return most > 0 ? LANGUAGE_LIST[counts.indexOf(most)]! : 'en';
}

const languageName = (tag: string) => (Object.hasOwn(LANGUAGES, tag) ? LANGUAGES[tag as Language].nativeName : tag);
const languagesOf = (e: CatalogueEntry) => e.languages ?? [e.language];

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
    guide: guided.map((name) => ({ label: OUTPUTS[name].label, platforms: words.platforms[name] })),
    courses: entries.map((e) => courseView(e, language)),
    languages: [...new Set(entries.flatMap(languagesOf))].sort().map((tag) => ({ tag, name: languageName(tag) })),
    occupations: [...new Set(entries.map((e) => e.occupation))].sort(),
    credits: credits.map((value) => ({ value, label: fill(words.creditsOrMore, { credits: value }) })),
  });
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
    languageNames: languages.map(languageName).join(' · '),
    translated,
    // Each language's packages, the course's own language first.
    editions: languages.map((tag) => {
      const own = e.packages.filter((p) => (p.language ?? e.language) === tag);
      const web = own.find((p) => p.target === 'web');
      const name = `<span lang="${escapeHtml(tag)}">${escapeHtml(languageName(tag))}</span>`;
      // A translated course's editions are told apart by language, for screen readers too.
      const which = translated ? fill(words.inLanguage, { language: languageName(tag) }) : null;
      const downloads = fill(words.downloads, { title: e.title });
      return {
        tag,
        heading: translated ? (tag === e.language ? fillHtml(words.sourceEdition, { language: name }) : name) : null,
        // Not repeated under a language it is not in: an untranslated title is the source's.
        title: translated && tag !== e.language && e.titles?.[tag] !== e.title ? (e.titles?.[tag] ?? null) : null,
        preview: web ? `${web.file}index.html` : null,
        which,
        downloadsLabel: which ? `${downloads} ${which}` : downloads,
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
    label: p.label,
    file: p.file,
    sha256: p.sha256,
    size: `${(p.bytes / 1024).toFixed(0)} KB`,
    builtEarlier: p.built ? fillHtml(builtEarlier, { date: `<time datetime="${escapeHtml(p.built)}">${escapeHtml(p.built.slice(0, 10))}</time>` }) : null,
    copyLabel: fill(checksum.copyLabel, { file: name }),
    unix: fillHtml(checksum.unix, { sha256sum: code(`sha256sum ${name}`), shasum: code(`shasum -a 256 ${name}`) }),
    windows: fillHtml(checksum.windows, { getFileHash: code(`Get-FileHash ${name} -Algorithm SHA256`) }),
  };
}
