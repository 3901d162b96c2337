/**
 * What a build needs to know about a course besides its packages: its id and language, whether
 * the LMS delivers its exam, and the figures the catalogue shows. The course cache keeps them
 * apart from the model (see cache.ts), so that a build whose packages all come from the package
 * cache never reads a course's model.
 */
import { examInLms } from './delivery.js';
import type { LoadedCourse } from './load.js';
import type { Course } from './model.js';
import { resultOfText } from './text-results.js';

/** One language edition of a course, as the catalogue describes it. */
export interface CourseFacts {
  id: string;
  title: string;
  /** The language this edition is written in. */
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
  /** The LMS delivers the exam (the players carry the lessons only). */
  examInLms: boolean;
}

export function courseFacts(course: Course): CourseFacts {
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
    words: course.lessons.reduce((n, l) => n + lessonWords(l.html), 0),
    creditsSource: course.creditsSource ?? null,
    standard: course.standard ?? null,
    examInLms: examInLms(course),
  };
}

/**
 * The facts of a loaded course and of each of its translations, in that order (none when it has
 * errors): kept with a course from the cache, else read off its model.
 */
export function editionFacts(loaded: LoadedCourse): readonly CourseFacts[] {
  if (loaded.editions) return loaded.editions;
  return loaded.course ? [loaded.course, ...(loaded.translations ?? [])].map(factsOf) : [];
}

/**
 * A loaded course reduced to its facts and diagnostics: no model (`course` is null, which the
 * facts say is not for errors), no file lists. What a build keeps of a course once its packages
 * are written, when it is told to (see build.ts).
 */
export function factsOnly(loaded: LoadedCourse): LoadedCourse {
  return { dir: loaded.dir, course: null, assets: [], sources: [], diagnostics: loaded.diagnostics, editions: editionFacts(loaded) };
}

/** Facts already worked out, by model: a build asks for them to name its packages and again for the catalogue (every lesson's words counted). */
const known = new WeakMap<Course, CourseFacts>();

function factsOf(course: Course): CourseFacts {
  let facts = known.get(course);
  if (!facts) known.set(course, (facts = courseFacts(course)));
  return facts;
}

/** A lesson's words, kept by its HTML (text-results.ts): after an edit, all lessons but one are unchanged. */
const lessonWords = (html: string): number => resultOfText('lesson-words', html, wordCount);

const CJK_RUNS = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const LATIN_WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/**
 * Words in lesson HTML: Latin words plus CJK characters (Chinese text has no spaces to count by).
 * Counted without building arrays of matches: a build counts every lesson it compiles.
 */
export function wordCount(html: string): number {
  const text = html.replace(/<[^>]*>|&[a-z#0-9]+;/gi, ' ');
  let cjk = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff)) cjk++;
  }
  const latinText = cjk ? text.replace(CJK_RUNS, ' ') : text;
  let latin = 0;
  LATIN_WORD.lastIndex = 0;
  while (LATIN_WORD.exec(latinText)) latin++;
  return cjk + latin;
}
