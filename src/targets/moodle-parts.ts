/**
 * The type-specific part of a Moodle XML question (Moodle Docs, "Moodle XML format"),
 * which each question type writes (`src/course/question-types/`), and the pieces they share.
 */
import type { Question } from '../course/model.js';
import { mapCourseFiles, type CourseFiles } from './course-files.js';
import { cdata, escapeXml } from './xml.js';

/** Moodle's type for a question, and the elements that follow its common ones. */
export interface MoodleBody {
  type: string;
  xml: string;
}

export const text = (value: string) => `<text>${cdata(value)}</text>`;

/** The course files of the question being written, and the texts whose files went in with them. */
export interface FileCarrier {
  read: CourseFiles;
  /** Texts written with their files (rich texts); a text with files written any other way leaves the question out. */
  carried: Set<string>;
}
let carrier: FileCarrier | null = null;

/** Write with course files carried in rich texts (the texts' kinds call the helpers below, not given the files). */
export function carryingFiles<T>(files: FileCarrier, write: () => T): T {
  carrier = files;
  try {
    return write();
  } finally {
    carrier = null;
  }
}

/**
 * An HTML text in an element whose files Moodle imports (question text, feedback, choices,
 * matching stems): each course file it shows becomes `@@PLUGINFILE@@/<path>` and a base64
 * `<file>` beside the text, as Moodle's own export writes them.
 */
export function richText(value: string): string {
  const current = carrier;
  if (!current) return text(value);
  const files: string[] = [];
  const { html, kept } = mapCourseFiles(value, (relative) => {
    const data = current.read(relative);
    if (!data) return null;
    const slash = relative.lastIndexOf('/');
    files.push(`<file name="${escapeXml(relative.slice(slash + 1))}" path="/${escapeXml(relative.slice(0, slash + 1))}" encoding="base64">${data.toString('base64')}</file>`);
    return `@@PLUGINFILE@@/${encodeURI(relative)}`;
  });
  if (kept.length === 0) current.carried.add(value);
  return `${text(html)}${[...new Set(files)].join('')}`;
}

export const html = (tag: string, value: string | undefined) => `<${tag} format="html">${richText(value ?? '')}</${tag}>`;
export const feedbackOf = (value: string | undefined) => html('feedback', value);

/** Moodle prints fractions with up to 7 decimals and matches them against its grade list. */
export const fraction = (percent: number) => String(Math.round(percent * 1e5) / 1e5);

/** A number without binary noise (0.30000000000000004 → 0.3). */
export const tidy = (n: number) => String(Number(n.toPrecision(12)));

/** Shortanswer answers are patterns: `*` is a wildcard unless escaped. */
export const literal = (answer: string) => answer.replace(/\*/g, '\\*');

export function combinedFeedback(q: Question): string {
  return `${html('correctfeedback', q.feedback.correct)}${html('partiallycorrectfeedback', q.feedback.incorrect)}${html('incorrectfeedback', q.feedback.incorrect)}`;
}
