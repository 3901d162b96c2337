/**
 * dist/catalog.json (what partner institutions' tools read) and dist/index.html
 * (the catalogue page people use, working offline from the file system).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BuiltPackage } from '../build.js';
import type { Course } from '../course/model.js';
import { TARGETS } from '../targets/index.js';
import { Staging } from './staging.js';
import { render, TEMPLATE_DIR } from './templates.js';

export interface CatalogueEntry {
  id: string;
  title: string;
  language: Course['language'];
  version: string;
  summary: string;
  occupation: string;
  certificate: Course['certificate'];
  credits: number;
  hours: number;
  lessons: number;
  /** Questions in the banks (exam questions), and how many of them are scored. */
  questions: number;
  scoredQuestions: number;
  /** Words of lesson text (each Chinese character counts as one word). */
  words: number;
  /** Where the credits figure comes from, when the course says. */
  creditsSource: string | null;
  /** The national occupational standard and which lessons teach each of its work items. */
  standard: Course['standard'] | null;
  packages: Array<{ target: string; label: string; file: string; bytes: number; sha256: string }>;
  /** The unpacked web build, for previewing in a browser. */
  preview: string | null;
}

export function catalogueEntries(courses: Course[], packages: BuiltPackage[]): CatalogueEntry[] {
  return courses
    .map((course) => {
      const own = packages.filter((p) => p.course === course.id);
      return {
        id: course.id,
        title: course.title,
        language: course.language,
        version: course.version,
        summary: course.summary,
        occupation: course.occupation,
        certificate: course.certificate,
        credits: course.credits,
        hours: course.hours,
        lessons: course.lessons.length,
        questions: course.banks.reduce((n, b) => n + b.questions.length, 0),
        scoredQuestions: course.banks.reduce((n, b) => n + b.questions.filter((q) => q.points > 0).length, 0),
        words: course.lessons.reduce((n, l) => n + wordCount(l.html), 0),
        creditsSource: course.creditsSource ?? null,
        standard: course.standard ?? null,
        packages: own.map((p) => ({ target: p.target, label: TARGETS[p.target].label, file: p.file, bytes: p.bytes, sha256: p.sha256 })),
        preview: own.some((p) => p.target === 'web') ? `${course.id}/web/index.html` : null,
      };
    })
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** Words in lesson HTML: Latin words plus CJK characters (Chinese text has no spaces to count by). */
export function wordCount(html: string): number {
  const text = html.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
  const cjk = text.match(/[\u3400-\u9fff\uf900-\ufaff]/g)?.length ?? 0;
  const latin = text.replace(/[\u3400-\u9fff\uf900-\ufaff]/g, ' ').match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
  return cjk + latin;
}

/** Write catalog.json, index.html and its script and style (each atomically, through `staging`). */
export function writeCatalogue(out: string, courses: Course[], packages: BuiltPackage[], staging = new Staging(out)): void {
  const entries = catalogueEntries(courses, packages);
  const atomic = (name: string, data: string | Buffer) => {
    const temporary = staging.path(name);
    writeFileSync(temporary, data);
    staging.publish(temporary, path.join(out, name));
  };
  atomic('catalog.json', `${JSON.stringify({ generator: 'skillpack', courses: entries }, null, 2)}\n`);
  const occupations = [...new Set(entries.map((e) => e.occupation))].sort();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  atomic('index.html', render('catalogue.html.hbs', {
    // Zips are downloads; the web build (a folder) is the preview link.
    courses: entries.map((e) => ({ ...e, packages: e.packages.filter((p) => p.target !== 'web').map((p) => ({ ...p, size: kb(p.bytes) })), languageName: e.language === 'zh-CN' ? '简体中文' : 'English' })),
    occupations,
    count: entries.length,
  }));
  for (const file of ['catalogue.js', 'catalogue.css']) atomic(file, readFileSync(new URL(file, TEMPLATE_DIR)));
}
