/**
 * The review-habit warnings at their thresholds: what a reviewer would flag
 * is flagged, and what is within chance is not (the fixture
 * `diagnostics/review-habits` shows all four in a course).
 */
import { describe, expect, it } from 'vitest';
import type { ChoiceQuestion, Lesson, QuestionBank } from '../src/course/model.js';
import { parseMarkdown } from '../src/course/markdown.js';
import { keyIsLongest, reportBankHabits, unsourcedFigure, untestedLessons } from '../src/course/review-habits.js';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';

const option = (id: string, text: string) => ({ id, text, html: text });
function choice(id: string, texts: string[], correct: string[], type: 'single' | 'multiple' = 'single'): ChoiceQuestion {
  return { id, type, prompt: id, promptText: id, points: 1, feedback: {}, choices: texts.map((t, i) => option('abcdef'[i]!, t)), correct };
}
const bank = (questions: ChoiceQuestion[], lesson?: string): QuestionBank => ({ id: `b-${lesson ?? 'x'}`, title: 'B', questions, ...(lesson ? { lesson } : {}) });
const rulesOf = (b: QuestionBank) => {
  const sink = new DiagnosticSink();
  reportBankHabits(b, 'banks/b.md', sink);
  return sink.items.map((d) => d.rule);
};

describe('review habits', () => {
  it('counts a key as longest only when it is strictly longer than every other option, in characters', () => {
    expect(keyIsLongest(choice('q', ['短', '正确答案', '较短'], ['b']))).toBe(true);
    expect(keyIsLongest(choice('q', ['一二三四', '正确答案', '较短'], ['b']))).toBe(false); // a tie gives nothing away
    expect(keyIsLongest(choice('q', ['a much longer distractor', 'key', 'other'], ['b']))).toBe(false);
  });

  it('flags a bank where the key is the longest option in more than half the items, not at half', () => {
    const longest = (i: number) => choice(`l${i}`, ['x', 'the longest key', 'y'], ['b']);
    const shortest = (i: number) => choice(`s${i}`, ['a long distractor', 'key', 'another long one'], ['b']);
    expect(rulesOf(bank([0, 1, 2, 3].map(longest).concat([0, 1].map(shortest))))).toEqual(['key-longest-option']);
    expect(rulesOf(bank([0, 1, 2].map(longest).concat([0, 1, 2].map(shortest))))).toEqual([]);
    expect(rulesOf(bank([0, 1, 2, 3, 4].map(longest)))).toEqual([]); // five items: too few to call it a habit
  });

  it('flags multiple-response items that mostly share one key count, and accepts varied counts', () => {
    const multi = (i: number, keys: number) => choice(`m${i}`, ['a', 'b', 'c', 'd', 'e', 'f'], ['a', 'b', 'c', 'd', 'e'].slice(0, keys), 'multiple');
    expect(rulesOf(bank([3, 3, 3, 2, 3].map((k, i) => multi(i, k))))).toEqual(['key-count-uniform']);
    expect(rulesOf(bank([2, 3, 4, 3, 5].map((k, i) => multi(i, k))))).toEqual([]);
  });

  it('finds a figure in a lesson that cites nothing, and accepts footnotes or a sources paragraph', () => {
    expect(unsourcedFigure(parseMarkdown('# T\n\nIntro.\n\n试用期工资不得低于约定工资的 80 %。\n'))).toMatchObject({ line: 5, column: 1 });
    expect(unsourcedFigure(parseMarkdown('依据第十五条规定。\n'))).toMatchObject({ line: 1 });
    expect(unsourcedFigure(parseMarkdown('试用期工资不得低于约定工资的 80 %。[^1]\n\n[^1]: 《劳动合同法》第二十条，截至2026年11月。\n'))).toBeNull();
    expect(unsourcedFigure(parseMarkdown('Keep food above 60 ℃.\n\nSources: the food-safety code, as of 2026-11.\n'))).toBeNull();
    expect(unsourcedFigure(parseMarkdown('Step 1, then step 2 of 3.\n'))).toBeNull(); // counting is not a figure
  });

  it('names lessons no drawn bank examines, and says nothing when no bank names a lesson', () => {
    const lessons = ['a', 'b', 'c'].map((id) => ({ id, title: id, html: '', practice: [] }) as Lesson);
    const banks = [bank([], 'a'), bank([], 'b'), bank([], 'c')];
    expect(untestedLessons(lessons, banks, [{ bank: 'b-a', count: 5 }, { bank: 'b-b', count: 0 }]).map((l) => l.id)).toEqual(['b', 'c']);
    expect(untestedLessons(lessons, [bank([])], [{ bank: 'b-x', count: 5 }])).toEqual([]);
  });
});
