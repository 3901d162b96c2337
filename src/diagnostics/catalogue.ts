/**
 * Every problem skillpack can report, in one place: a permanent rule id, its
 * severity, a title, and a hint that says how to fix it. Messages say what
 * happened; the position is shown separately by the reporter.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Rule {
  severity: Severity;
  title: string;
  hint: string;
}

export const RULES = {
  'invalid-utf8': { severity: 'error', title: 'File is not valid UTF-8', hint: 'Save the file as UTF-8 (most editors: "Save with encoding").' },
  'yaml-syntax': { severity: 'error', title: 'Invalid YAML', hint: 'Check indentation and quoting at this place.' },
  'schema-missing-key': { severity: 'error', title: 'Required key missing', hint: 'Add the key; see the course.yml example in the README.' },
  'schema-unknown-key': { severity: 'error', title: 'Unknown key', hint: 'Remove the key or fix its spelling.' },
  'schema-invalid-value': { severity: 'error', title: 'Invalid value', hint: 'See the course.yml reference in the README for allowed values.' },
  'course-not-found': { severity: 'error', title: 'Not a course folder', hint: 'A course folder holds a course.yml file.' },
  'course-id-mismatch': { severity: 'warning', title: 'Course id differs from its folder name', hint: 'Rename the folder or the id so they match; packages are named after the id.' },
  'duplicate-course-id': { severity: 'error', title: 'Duplicate course id', hint: 'Every course needs its own id.' },
  'duplicate-lesson-id': { severity: 'error', title: 'Duplicate lesson id', hint: 'Give one of the lessons another `id` in its frontmatter or rename the file.' },
  'duplicate-question-id': { severity: 'error', title: 'Duplicate question id', hint: 'Question ids must be unique within a course, across banks and lessons.' },
  'no-lessons': { severity: 'error', title: 'Course has no lessons', hint: 'Add Markdown files to the lessons/ folder.' },
  'empty-lesson': { severity: 'error', title: 'Empty lesson', hint: 'Write some content, or delete the file.' },
  'lesson-no-title': { severity: 'error', title: 'Lesson has no title', hint: 'Add `title:` to the frontmatter or start the lesson with a `# Heading`.' },
  'frontmatter-invalid': { severity: 'error', title: 'Invalid frontmatter', hint: 'Frontmatter is YAML between two `---` lines; allowed keys are listed in the README.' },
  'question-attribute': { severity: 'error', title: 'Invalid question attribute', hint: 'Attributes are `{#id type=… points=…}`; see the question reference in the README.' },
  'question-no-answers': { severity: 'error', title: 'Question has no answers', hint: 'Add the answer list under the heading (a task list for choices).' },
  'question-type-mismatch': { severity: 'error', title: 'Answers do not fit the question type', hint: 'Check the answer list format for this type in the README.' },
  'choice-no-correct': { severity: 'error', title: 'No correct answer', hint: 'Mark the correct option(s) with `[x]`.' },
  'choice-all-correct': { severity: 'error', title: 'Every option is correct', hint: 'A multiple-response question needs at least one wrong option.' },
  'single-several-correct': { severity: 'error', title: 'Single choice with several correct answers', hint: 'Keep one `[x]`, or add `type=multiple` to the heading.' },
  'too-few-options': { severity: 'error', title: 'Too few options', hint: 'A choice question needs at least two options.' },
  'too-many-options': { severity: 'error', title: 'Too many options', hint: 'Split the question: SCORM 1.2 reports options as single characters.' },
  'duplicate-option': { severity: 'error', title: 'Duplicate option', hint: 'Each option must read differently.' },
  'numeric-invalid': { severity: 'error', title: 'Invalid numeric answer', hint: 'Write a number (`42`), a range (`40..45`) or a tolerance (`42 ± 0.5`).' },
  'numeric-range-empty': { severity: 'error', title: 'Empty or inverted numeric range', hint: 'The lower bound must not exceed the upper bound.' },
  'matching-incomplete': { severity: 'error', title: 'Incomplete matching question', hint: 'Write each pair as `source -> target`; at least two pairs are needed.' },
  'sequencing-incomplete': { severity: 'error', title: 'Incomplete sequencing question', hint: 'List at least two distinct steps in a numbered list.' },
  'fill-in-empty': { severity: 'error', title: 'Fill-in answer is empty', hint: 'List every accepted answer as a bullet item.' },
  'feedback-missing': { severity: 'warning', title: 'Scored question without feedback', hint: 'Add `> **Correct:** …` and `> **Incorrect:** …` after the answers.' },
  'feedback-label': { severity: 'error', title: 'Unknown feedback label', hint: 'Start each feedback paragraph with **Correct:**, **Incorrect:** or **Explanation:**.' },
  'practice-outside-lesson': { severity: 'warning', title: 'Practice mark in a bank', hint: 'Every question in a bank is an exam question; `.practice` belongs in lessons.' },
  'bank-empty': { severity: 'error', title: 'Question bank has no questions', hint: 'Each `##` heading in a bank starts a question.' },
  'unknown-lesson': { severity: 'error', title: 'Names a lesson that does not exist', hint: 'Use a lesson id: the `id` in the lesson\'s frontmatter, or its file name without the number prefix and `.md`.' },
  'exam-unknown-bank': { severity: 'error', title: 'Exam names an unknown bank', hint: 'Banks are the files in banks/, named without `.md`.' },
  'exam-too-many': { severity: 'error', title: 'Exam draws more questions than the bank holds', hint: 'Lower the count or add questions to the bank.' },
  'exam-no-scored': { severity: 'error', title: 'Exam has no scored questions', hint: 'Draw from banks with scored questions (likert and essay score nothing).' },
  'missing-file': { severity: 'error', title: 'Linked file does not exist', hint: 'Check the path: it is relative to the Markdown file.' },
  'path-escape': { severity: 'error', title: 'Path leaves the course folder', hint: 'Keep every linked file inside the course folder (no `../` past its root, no absolute paths, no symlinks out).' },
  'unsafe-html': { severity: 'warning', title: 'Unsafe HTML removed', hint: 'Scripts, event handlers, frames and `javascript:` URLs are not allowed in course content.' },
  'file-too-large': { severity: 'error', title: 'File too large', hint: 'Split the lesson or bank into several files, or shrink the asset.' },
  'file-unprocessable': { severity: 'error', title: 'File could not be processed', hint: 'Simplify the structure at this place (for example very deep nesting); please report the file if it looks ordinary.' },
  'unsafe-asset': { severity: 'error', title: 'Unsafe linked file', hint: 'Link documents and images only (PDF, images, office files); SVG files must not contain scripts or event handlers.' },
  'config-invalid': { severity: 'error', title: 'Invalid project configuration', hint: 'See the skillpack.config.yml reference in the README.' },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;
