/**
 * What an item-bank reviewer looks for before a bank certifies anyone, as
 * warnings any author gets from `check`: answer keys a test-wise learner can
 * guess without knowing the subject, figures stated without a source, and an
 * exam draw that never tests a lesson.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { placeOf, startOf, type DiagnosticSink, type Place } from '../diagnostics/diagnostic.js';
import { keywordsOfAll } from '../languages/index.js';
import type { ChoiceQuestion, ExamDraw, Lesson, QuestionBank } from './model.js';

/** Fewer items than this and a pattern is chance, not habit. */
export const MIN_SINGLE_FOR_LONGEST = 6;
export const MIN_MULTIPLE_FOR_KEY_COUNT = 5;
/** Share of single-choice items whose key is the longest option above which learners can guess (chance is about 1 in 4). */
export const LONGEST_KEY_SHARE = 0.5;
/** Share of multiple-response items with the same number of keys above which learners can guess the count. */
export const SAME_KEY_COUNT_SHARE = 0.75;

/** Is the correct option strictly longer than every other option? */
export function keyIsLongest(question: ChoiceQuestion): boolean {
  const key = question.choices.find((c) => c.id === question.correct[0]);
  if (!key) return false;
  return question.choices.every((c) => c === key || [...c.text].length < [...key.text].length);
}

const sample = (questions: ChoiceQuestion[]) =>
  questions
    .slice(0, 3)
    .map((q) => `"${startOf(q.promptText.trim(), 31)}"`)
    .join(', ');

/** Warnings about one bank's answer keys. */
export function reportBankHabits(bank: QuestionBank, file: string, sink: DiagnosticSink): void {
  const single = bank.questions.filter((q): q is ChoiceQuestion => q.type === 'single' && q.choices.length >= 3);
  const longest = single.filter(keyIsLongest);
  if (single.length >= MIN_SINGLE_FOR_LONGEST && longest.length / single.length > LONGEST_KEY_SHARE) {
    sink.report(
      file,
      { line: 1, column: 1 },
      'key-longest-option',
      `in ${longest.length} of ${single.length} single-choice questions the correct option is the longest (for example ${sample(longest)}), so a learner can guess it without knowing the answer`,
    );
  }
  const multiple = bank.questions.filter((q): q is ChoiceQuestion => q.type === 'multiple');
  if (multiple.length >= MIN_MULTIPLE_FOR_KEY_COUNT) {
    const byCount = new Map<number, number>();
    for (const q of multiple) byCount.set(q.correct.length, (byCount.get(q.correct.length) ?? 0) + 1);
    const [count, items] = [...byCount].sort((a, b) => b[1] - a[1])[0]!;
    if (items / multiple.length >= SAME_KEY_COUNT_SHARE) {
      sink.report(file, { line: 1, column: 1 }, 'key-count-uniform', `${items} of ${multiple.length} multiple-response questions have exactly ${count} correct answers, so a learner can guess how many to tick`);
    }
  }
}

/**
 * A number with a unit, a percentage, a money amount, a time limit or an article
 * of a law: what changes with the edition of a standard or a law, and needs a source.
 */
const UNITS = ['%', '％', '‰', '℃', '°C', 'mmHg', 'mmol/L', 'μmol/L', 'mg', 'μg', 'kcal', 'kJ', 'kg', 'mL', 'ml', 'kV', 'mA', 'kW', 'Hz', 'dB', 'Ω', ...keywordsOfAll('figureUnits').flat()];
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const FIGURE = new RegExp(
  [`(?:\\d+(?:[.,]\\d+)?\\s*(?:${UNITS.map(escapeRegExp).join('|')})(?![A-Za-z]))`, ...keywordsOfAll('lawArticle').map((article) => `(?:${article})`)].join('|'),
  'u',
);
const SOURCES_PARAGRAPH = new RegExp(`^\\s*(?:${keywordsOfAll('sourceLabels').flat().map(escapeRegExp).join('|')})\\s*[:：]`, 'u');

/** The first figure of a lesson when the lesson cites no source at all (no footnote, no "Sources" paragraph). */
export function unsourcedFigure(tree: Root): Place | null {
  let sourced = false;
  let first: Place | null = null;
  visit(tree, (node) => {
    if (node.type === 'footnoteDefinition' || node.type === 'footnoteReference') sourced = true;
    if (node.type === 'paragraph' && SOURCES_PARAGRAPH.test(plainStart(node))) sourced = true;
    if (!first && node.type === 'text' && FIGURE.test(node.value)) {
      const place = placeOf(node);
      if (place) first = place;
    }
  });
  return sourced ? null : first;
}

function plainStart(node: { children?: unknown[] }): string {
  const head = node.children?.[0] as { type?: string; value?: string; children?: Array<{ value?: string }> } | undefined;
  return head?.value ?? head?.children?.[0]?.value ?? '';
}

/**
 * Lessons the exam never tests: banks say which lesson they examine, and no bank of
 * the lesson is drawn. Silent when no bank names a lesson (nothing to go by).
 */
export function untestedLessons(lessons: readonly Lesson[], banks: readonly QuestionBank[], draws: readonly ExamDraw[]): Lesson[] {
  if (!banks.some((b) => b.lesson)) return [];
  const drawn = new Set(draws.filter((d) => d.count > 0).map((d) => banks.find((b) => b.id === d.bank)?.lesson));
  return lessons.filter((l) => !drawn.has(l.id));
}
