/**
 * Course files (images, linked documents: `content/…` in the model's HTML) in the question
 * exports. The exports carry the files a question shows, each in its format's way (QTI: beside
 * the items, listed in the manifest; Moodle XML: inside the text, base64); a question whose file
 * they cannot carry is left out of them, with a warning, rather than reaching the LMS broken.
 */
import type { Element, Root } from 'hast';
import { raw } from 'hast-util-raw';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import type { Course, Question, QuestionBank } from '../course/model.js';
import { CONTENT_PREFIX } from '../course/model.js';
import { questionOrigin } from '../course/question-origin.js';
import type { RuleId } from '../diagnostics/catalogue.js';
import type { DiagnosticSink } from '../diagnostics/diagnostic.js';

/** A course file's bytes by its course-relative path; null when the course has no such file. */
export type CourseFiles = (relative: string) => Buffer | null;

/** The attributes the compiler points at course files (render-html.ts: media `src`, link `href`). */
const FILE_ATTRIBUTES = ['src', 'href'] as const;

/**
 * Each reference to a course file in a fragment of the model's HTML (parsed, never matched as
 * text), rewritten to what `to` returns for its course-relative path, or kept when it returns null.
 * @returns the HTML (re-serialised only when something was rewritten), the paths rewritten, and those kept
 */
export function mapCourseFiles(html: string, to: (relative: string) => string | null): { html: string; mapped: string[]; kept: string[] } {
  // No reference can exist without the prefix, which the compiler writes as it is (encodeURI leaves it alone).
  if (!html.includes(CONTENT_PREFIX)) return { html, mapped: [], kept: [] };
  const tree = raw({ type: 'root', children: [{ type: 'raw', value: html }] } as Root) as Root;
  const mapped: string[] = [];
  const kept: string[] = [];
  visit(tree, 'element', (node: Element) => {
    for (const attribute of FILE_ATTRIBUTES) {
      const value = node.properties[attribute];
      if (typeof value !== 'string' || !value.startsWith(CONTENT_PREFIX)) continue;
      const [target, fragment] = value.slice(CONTENT_PREFIX.length).split(/(?=#)/) as [string, string?];
      let relative: string;
      try {
        relative = decodeURI(target);
      } catch {
        kept.push(target);
        continue;
      }
      const url = to(relative);
      if (url === null) kept.push(relative);
      else {
        node.properties[attribute] = url + (fragment ?? '');
        mapped.push(relative);
      }
    }
  });
  return { html: mapped.length ? toHtml(tree) : html, mapped, kept };
}

/** Every text of a question (prompt, options, feedback, …), whatever its type. */
function texts(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) texts(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) texts(item, out);
  return out;
}

/** The course files an HTML text shows or links. */
export const courseFilesIn = (html: string): string[] => mapCourseFiles(html, () => null).kept;

/** The HTML texts of a question that show or link a course file. */
export const textsWithCourseFiles = (question: Question): string[] => texts(question).filter((t) => courseFilesIn(t).length > 0);

/** The course files a question shows or links, each once. */
export const questionCourseFiles = (question: Question): string[] => [...new Set(texts(question).flatMap(courseFilesIn))];

/**
 * Report a question an export leaves out, at the place it was written.
 * @param why what keeps it out ("is a likert question, which … has no type for")
 * @param file the export's file name
 */
export function reportLeftOut(sink: DiagnosticSink, course: Course, bank: QuestionBank, question: Question, why: string, file: string): void {
  reportQuestion(sink, course, bank, question, 'export-unmappable', `question "${question.id}" ${why}: it is not in ${file}`);
}

/** Report what an export does to a question, at the place it was written. */
export function reportQuestion(sink: DiagnosticSink, course: Course, bank: QuestionBank, question: Question, rule: RuleId, message: string): void {
  const origin = questionOrigin.get(question);
  sink.report(origin?.file ?? `courses/${course.id}/banks/${bank.id}.md`, origin?.place, rule, message);
}

/** Why a question is left out when one of its files cannot be carried. */
export const missingFileReason = (file: string) => `shows the course file "${file}", which the export could not read`;
