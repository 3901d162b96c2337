/**
 * The catalogue page's words (dist/index.html and its script), one set in each language's
 * declaration. `{name}` marks a value filled in when the page is written (or, for the
 * script's words, in the browser).
 */
import type { OutputName } from '../targets/names.js';

/**
 * A message that depends on a number: one form per plural category of the language, as
 * `Intl.PluralRules` names them (English: `one`, `other`; Chinese: `other` only). `other` is
 * always there; test/languages.test.ts checks that every category a language has is written.
 */
export type Counted = Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>;

export interface CatalogueWords {
  /** The page's `<title>` and heading. */
  title: string;
  /** `{count}`: how many courses the catalogue holds, for the introduction. */
  courseCount: Counted;
  /** `{courses}`: the page's introduction, with the course count. */
  intro: string;
  /** The heading of "which file for which LMS". */
  guide: string;
  /**
   * Which platforms take each output, for the guide (every output: a new target that lacks
   * its description in a language does not compile). The web build's describes the preview.
   */
  platforms: Readonly<Record<OutputName, string>>;
  /** A format's name where the language writes it otherwise than the target's label (which is English, e.g. "SCORM 2004 4th Ed."). */
  formatNames: Readonly<Partial<Record<OutputName, string>>>;
  /** The link to a course's web build, and the guide's name for it. */
  preview: string;
  /** The filter form's accessible name, and each filter's label and "no filter" option. */
  filters: string;
  language: string;
  allLanguages: string;
  occupation: string;
  allOccupations: string;
  minimumCredits: string;
  anyCredits: string;
  /** `{credits}`: an option of the minimum credits filter. */
  creditsOrMore: string;
  resetFilters: string;
  /** `{shown}` of `{total}` courses shown (the form chosen by `{total}`); the script writes it too. */
  shown: Counted;
  /** When no course matches the filters, and the button that clears them. */
  noMatch: string;
  showAll: string;
  /** `{date}`: a course whose latest build failed keeps the packages of its last good build, of that date. */
  stale: string;
  /** Labels of a course's facts. */
  facts: {
    occupation: string;
    certificate: string;
    credits: string;
    hours: string;
    content: string;
    /** Chosen by how many languages the course has. */
    languages: Counted;
    version: string;
    built: string;
  };
  /** `{count}` lessons and questions, in a course's content. */
  lessons: Counted;
  questions: Counted;
  /** `{language}`: the heading of a translated course's source edition. */
  sourceEdition: string;
  /** `{language}`: after a preview link that is one edition's, for screen readers. */
  inLanguage: string;
  /** `{title}`: the accessible name of a course's list of downloads. */
  downloads: string;
  /** `{title}`, `{language}`: the same for one edition of a translated course (its title, its language). */
  editionDownloads: string;
  /** `{date}`: a package left from an earlier build than its course's latest one. */
  builtEarlier: string;
  /** A package's SHA-256: how to check it, and the copy button (the script's words among them). */
  checksum: {
    summary: string;
    copy: string;
    /** `{file}`: the copy button's accessible name. */
    copyLabel: string;
    copied: string;
    /** Announced to screen readers once the SHA-256 is on the clipboard. */
    copiedStatus: string;
    /** The browser refused to copy. */
    copyRefused: string;
    /** `{sha256sum}`, `{shasum}`, `{getFileHash}`: the commands, shown as code. */
    unix: string;
    windows: string;
  };
}
