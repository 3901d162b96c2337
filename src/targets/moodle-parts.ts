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
  /**
   * How Moodle gives part of the points where the player gives all or nothing (every question
   * is all or nothing in the player), in words for the author; absent when it grades as the player.
   */
  partialCredit?: string;
}

/** A share of the points as a learner reads it: 67 %, 33 %. */
export const percent = (share: number) => `${Math.round(share * 100)} %`;

export const text = (value: string) => `<text>${cdata(value)}</text>`;

/**
 * Writes one question's HTML texts with the course files they show, and remembers which texts
 * went in with their files. Each question kind's `moodle` is given one (made by `moodleTexts` for
 * each question), so no state outlives a question or is shared between exports.
 */
export interface MoodleTexts {
  /**
   * An HTML text in an element whose files Moodle imports (question text, feedback, choices,
   * matching stems): each course file it shows becomes `@@PLUGINFILE@@/<path>` and a base64
   * `<file>` beside the text, as Moodle's own export writes them.
   */
  rich(value: string): string;
  /** `<tag format="html">` holding a rich text. */
  html(tag: string, value: string | undefined): string;
  /** An answer's `<feedback>`. */
  feedback(value: string | undefined): string;
  /** The question's correct, partially correct and incorrect feedback. */
  combinedFeedback(q: Question): string;
  /** Whether a text went in with all its files; a text with files written any other way leaves the question out. */
  carried(value: string): boolean;
}

/** The texts writer of one question, reading course files from `files`. */
export function moodleTexts(files: CourseFiles): MoodleTexts {
  const carried = new Set<string>();
  const rich = (value: string): string => {
    const written: string[] = [];
    const { html, kept } = mapCourseFiles(value, (relative) => {
      const data = files(relative);
      if (!data) return null;
      const slash = relative.lastIndexOf('/');
      written.push(`<file name="${escapeXml(relative.slice(slash + 1))}" path="/${escapeXml(relative.slice(0, slash + 1))}" encoding="base64">${data.toString('base64')}</file>`);
      return `@@PLUGINFILE@@/${encodeURI(relative)}`;
    });
    if (kept.length === 0) carried.add(value);
    return `${text(html)}${[...new Set(written)].join('')}`;
  };
  const html = (tag: string, value: string | undefined) => `<${tag} format="html">${rich(value ?? '')}</${tag}>`;
  return {
    rich,
    html,
    feedback: (value) => html('feedback', value),
    combinedFeedback: (q) => `${html('correctfeedback', q.feedback.correct)}${html('partiallycorrectfeedback', q.feedback.incorrect)}${html('incorrectfeedback', q.feedback.incorrect)}`,
    carried: (value) => carried.has(value),
  };
}

/** Moodle prints fractions with up to 7 decimals and matches them against its grade list. */
export const fraction = (percent: number) => String(Math.round(percent * 1e5) / 1e5);

/** Shortanswer answers are patterns: `*` is a wildcard unless escaped. */
export const literal = (answer: string) => answer.replace(/\*/g, '\\*');
