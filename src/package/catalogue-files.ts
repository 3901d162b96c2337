/**
 * dist/catalog.json (what partner institutions' tools read) and dist/index.html
 * (the catalogue page people use, working offline from the file system; catalogue-page.ts). Both
 * describe only what is on disk: they are published last, after the packages, and
 * a course that failed keeps its previous entry, marked stale, rather than vanishing
 * while its old packages stay downloadable.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BuiltPackage } from '../build.js';
import { courseFacts, type CourseFacts } from '../course/facts.js';
import type { Course } from '../course/model.js';
import type { Language } from '../languages/index.js';
import { OUTPUTS } from '../targets/index.js';
import { catalogueHtml, catalogueLanguage } from './catalogue-page.js';
import { OutputTransaction } from './output.js';
import { TEMPLATE_DIR } from './templates.js';

export interface CataloguePackage {
  target: string;
  /** The language of the package's course (catalogues written before translations lack it: the course's language). */
  language?: Course['language'];
  label: string;
  file: string;
  bytes: number;
  sha256: string;
  /** Set on a package from an earlier build than its entry's (a later build made only other targets): when it was built. */
  built?: string;
}

/** A course in the catalogue: its facts (of the edition in its own language), and its packages. */
export interface CatalogueEntry extends Omit<CourseFacts, 'examInLms'> {
  /** Every language it has packages in, its own first. */
  languages?: Array<Course['language']>;
  /** A translated course's title in each of its languages. */
  titles?: Partial<Record<Course['language'], string>>;
  /** A translated course's occupation in each of its languages (catalogues written before them lack it). */
  occupations?: Partial<Record<Course['language'], string>>;
  packages: CataloguePackage[];
  /** The unpacked web build, for previewing in a browser. */
  preview: string | null;
  /** When these packages were built (ISO date and time). */
  built: string;
  /** The course had errors in the latest build: these are the packages of its last good one. */
  stale?: boolean;
}

export interface Catalogue {
  generator: 'skillpack';
  /** When the catalogue was last written. */
  updated: string;
  courses: CatalogueEntry[];
}

/**
 * Entries for freshly built courses.
 * @param courses the courses built, each translation after its source (same id, another language)
 */
export function catalogueEntries(courses: readonly CourseFacts[], packages: BuiltPackage[], built = new Date().toISOString()): CatalogueEntry[] {
  const sources = courses.filter((course, i) => courses.findIndex((c) => c.id === course.id) === i);
  return sources.map((course) => {
    const own = packages.filter((p) => p.course === course.id);
    const translations = courses.filter((c) => c.id === course.id && c !== course);
    const { examInLms: _delivery, ...facts } = course;
    const byLanguage = (key: 'title' | 'occupation') => Object.fromEntries([course, ...translations].map((c) => [c.language, c[key]]));
    return {
      ...facts,
      languages: [course.language, ...new Set(own.map((p) => p.language).filter((l) => l !== course.language))],
      ...(translations.length ? { titles: byLanguage('title'), occupations: byLanguage('occupation') } : {}),
      packages: own.map((p) => ({ target: p.target, language: p.language, label: OUTPUTS[p.target].label, file: p.file, bytes: p.bytes, sha256: p.sha256 })),
      preview: own.some((p) => p.target === 'web' && p.language === course.language) ? `${course.id}/web/index.html` : null,
      built,
    };
  });
}

/** The catalogue already in `out`, or null when there is none (or it cannot be read). */
export function readCatalogue(out: string): Catalogue | null {
  try {
    const data = JSON.parse(readFileSync(path.join(out, 'catalog.json'), 'utf8')) as Catalogue;
    return Array.isArray(data.courses) ? data : null;
  } catch {
    return null;
  }
}

export interface MergeOptions {
  /** Ids (folder names) of courses that were built but had errors: their old entries stay, stale. */
  failed: string[];
  /** For a build of the whole course folder: every course id there (others have been removed). */
  all?: string[];
}

/**
 * The catalogue after a build: fresh entries for what was built, previous entries for
 * courses not rebuilt (stale when they failed), and only packages whose files exist.
 * @param out the output folder
 * @param previous the catalogue before the build
 * @param fresh entries of the courses just built
 */
export function mergeCatalogue(out: string, previous: Catalogue | null, fresh: CatalogueEntry[], options: MergeOptions): CatalogueEntry[] {
  const byId = new Map<string, CatalogueEntry>();
  for (const entry of previous?.courses ?? []) {
    if (options.all && !options.all.includes(entry.id)) continue;
    const packages = entry.packages.filter((p) => onDisk(out, p));
    if (packages.length === 0) continue;
    byId.set(entry.id, { ...entry, packages, ...(options.failed.includes(entry.id) ? { stale: true } : {}) });
  }
  for (const entry of fresh) {
    const before = byId.get(entry.id);
    byId.set(entry.id, before ? withEarlierPackages(entry, before) : entry);
  }
  return [...byId.values()].sort((a, b) => a.title.localeCompare(b.title, 'en'));
}

/**
 * A fresh entry with the packages of an earlier build that it did not replace (a build of some
 * targets only leaves the others on disk, and downloadable), each dated with its own build.
 */
function withEarlierPackages(entry: CatalogueEntry, before: CatalogueEntry): CatalogueEntry {
  const edition = (p: CataloguePackage, e: CatalogueEntry) => `${p.target} ${p.language ?? e.language}`;
  const rebuilt = new Set(entry.packages.map((p) => edition(p, entry)));
  const kept = before.packages.filter((p) => !rebuilt.has(edition(p, before))).map((p) => ({ ...p, language: p.language ?? before.language, built: p.built ?? before.built }));
  if (kept.length === 0) return entry;
  const web = kept.find((p) => p.target === 'web' && p.language === entry.language);
  const languages = [...new Set([...(entry.languages ?? [entry.language]), ...kept.map((p) => p.language)])];
  return { ...entry, languages, packages: [...entry.packages, ...kept], preview: entry.preview ?? (web ? `${web.file}index.html` : null) };
}

/** Does a package recorded in the catalogue still exist as recorded (size checked; zips only)? */
function onDisk(out: string, item: CataloguePackage): boolean {
  const file = path.join(out, item.file);
  if (!existsSync(file)) return false;
  return item.file.endsWith('/') || statSync(file).size === item.bytes;
}

/**
 * Stage catalog.json, index.html and its script and style, to be published last.
 * @param language the project's `catalogueLanguage`, if it sets one
 */
export function stageCatalogue(output: OutputTransaction, entries: CatalogueEntry[], language?: Language): void {
  const stage = (name: string, data: string | Buffer) => {
    const staged = output.path(name);
    writeFileSync(staged, data);
    output.add(staged, path.join(output.out, name));
  };
  const updated = entries.reduce((latest, e) => (e.built > latest ? e.built : latest), '');
  const catalogue: Catalogue = { generator: 'skillpack', updated, courses: entries };
  stage('catalog.json', `${JSON.stringify(catalogue, null, 2)}\n`);
  stage('index.html', catalogueHtml(entries, catalogueLanguage(entries, language)));
  for (const file of ['catalogue.js', 'catalogue.css']) stage(file, readFileSync(new URL(file, TEMPLATE_DIR)));
}

/** Write a catalogue of freshly built courses into `out` at once (tests, tools). */
export function writeCatalogue(out: string, courses: Course[], packages: BuiltPackage[]): void {
  const output = new OutputTransaction(out);
  stageCatalogue(output, mergeCatalogue(output.out, readCatalogue(output.out), catalogueEntries(courses.map(courseFacts), packages), { failed: [] }));
  output.commit();
}
