/**
 * A translated edition shows the source's words where its translation lacks them (an
 * untranslated lesson, a question not translated or not usable). Those parts are marked with
 * the source's `lang` in their HTML (WCAG 3.1.2, Language of Parts), so that a screen reader
 * reads them in the source language's voice. The player inserts the model's HTML as it is, so
 * the marks reach the page with no code of its own.
 *
 * Plain texts cannot carry a mark and stay unmarked: course.yml's texts, a lesson's title in the
 * lesson list, a bank's title, a question's plain prompt (its group's hidden legend) and option
 * texts (a matching question's drop-down, a sequencing step's button names).
 */
import { escapeHtml } from './render-html.js';
import type { Language, Lesson, Question } from './model.js';
import { mapQuestionHtml } from './question-html.js';
import { questionOrigin } from './question-origin.js';

/** A question in the source's words, each of its HTML texts marked with the source's language. */
export function questionInSource(question: Question, source: Language): Question {
  const marked = mapQuestionHtml(question, (html, inline) => (html ? `<${inline ? 'span' : 'div'} lang="${source}">${html}</${inline ? 'span' : 'div'}>` : html));
  // Still reported where the source has it (an export that leaves it out says where).
  const origin = questionOrigin.get(question);
  if (origin) questionOrigin.set(marked, origin);
  return marked;
}

/**
 * A lesson in the source's words in the `edition` language's package: its title and text marked
 * with the source's language, and its practice questions too.
 */
export function lessonInSource(lesson: Lesson, source: Language, edition: Language): Lesson {
  // The player writes the lesson's title as the view's heading, unmarked, unless the lesson's HTML
  // starts with an <h1>, which it takes as the heading instead.
  const heading = `<h1 lang="${source}">${escapeHtml(lesson.title)}</h1>`;
  // The player fills a practice question's placeholder with its own words (in the edition's
  // language) around the question, whose texts carry their own marks.
  const body = lesson.html.replaceAll('<div data-practice="', `<div lang="${edition}" data-practice="`);
  return { ...lesson, html: `${heading}<div lang="${source}">${body}</div>`, practice: lesson.practice.map((question) => questionInSource(question, source)) };
}
