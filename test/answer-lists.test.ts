/**
 * Answer lists as authors write them: statements to combine, written as a list of their own
 * right above the options, are part of the question (in banks and in lessons); numbered steps
 * warn only when their numbers say another order than the written one; a comma in a numeric
 * answer separates thousands only before groups of three digits.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../src/course/banks.js';
import { renderContextOf } from '../src/course/course-files.js';
import { parseLesson, renderLesson } from '../src/course/lessons.js';
import type { ChoiceQuestion, NumericQuestion } from '../src/course/model.js';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';

/** A bank of one question, compiled, with what was reported. */
function bank(question: string) {
  const text = `# Bank\n\n${question}\n\n> **Correct:** Yes.\n> **Incorrect:** No.\n`;
  const file = '/course/banks/bank.md';
  const sink = new DiagnosticSink();
  const { bank } = loadBank(text, { file, display: 'banks/bank.md', source: new VFile({ path: file, value: text }), courseDir: '/course', sink, assets: new Set(), lessonFor: () => undefined, definitions: [], language: 'en' });
  return { questions: bank.questions, reported: sink.items.map((d) => `${d.line}:${d.column} ${d.rule}`) };
}

const STATEMENTS = {
  numbered: '1. Contracts are written\n2. Probation may exceed six months',
  starred: '* Contracts are written\n* Probation may exceed six months',
};

describe('statements written as a list right above the options', () => {
  it.each(Object.entries(STATEMENTS))('%s: are shown in the question, and the options are the answers', (_kind, statements) => {
    const { questions, reported } = bank(`## Which is right? {#combine}\n\n${statements}\n\n- [x] Only the first\n- [ ] Both`);
    expect(reported).toEqual([]);
    const question = questions[0] as ChoiceQuestion;
    expect(question).toMatchObject({ type: 'single', correct: ['a'] });
    expect(question.choices.map((c) => c.text)).toEqual(['Only the first', 'Both']);
    expect(question.prompt).toContain('<li>Probation may exceed six months</li>');
    expect(question.promptText).toContain('Contracts are written');
  });

  it('in a lesson: belong to the practice question, and the lesson goes on after its feedback', () => {
    const text = `---\ntitle: A lesson\n---\n\nBefore.\n\n### Which is right? {.practice #combine}\n\n${STATEMENTS.numbered}\n\n- [x] Only the first\n- [ ] Both\n\n> **Correct:** Yes.\n> **Incorrect:** No.\n\nAfter.\n`;
    const sink = new DiagnosticSink();
    const file = '/course/lessons/01-a.md';
    const course = { courseDir: '/course', display: () => 'lessons/01-a.md', sink, assets: new Set<string>(), lessonByPath: new Map<string, string>(), language: 'en' as const };
    const lesson = renderLesson(parseLesson(text, file, 'lessons/01-a.md', { sink }), renderContextOf(file, text, course));
    expect(sink.items).toEqual([]);
    const question = lesson?.practice[0] as ChoiceQuestion;
    expect(question.choices.map((c) => c.text)).toEqual(['Only the first', 'Both']);
    expect(question.prompt).toContain('<li>Contracts are written</li>');
    expect(lesson?.html).not.toContain('Contracts are written');
    expect(lesson?.html).toMatch(/<div data-practice="combine"><\/div>\s*<p>After.<\/p>/);
  });
});

describe('the numbers of sequencing steps', () => {
  it.each(['1. A\n2. B\n3. C', '1. A\n1. B\n1. C', '4. A\n5. B\n6. C'])('say nothing against the written order: %j', (steps) => {
    expect(bank(`## Order them. {#order}\n\n${steps}`).reported).toEqual([]);
  });

  it.each(['1. A\n3. C\n2. B', '1. A\n2. B\n1. C'])('warn when they say another order, at the list: %j', (steps) => {
    expect(bank(`## Order them. {#order}\n\n${steps}`).reported).toEqual(['5:1 sequencing-numbers']);
  });
});

describe('a comma in a numeric answer', () => {
  it.each([['60,000', 60000], ['1,234.5', 1234.5], ['1,000..2,500', 1000, 2500], ['1,000,000 ± 5', 999995, 1000005]])('separates thousands before groups of three digits: %s', (answer, min, max = min) => {
    const { questions, reported } = bank(`## How much? {#how-much type=numeric}\n\n- ${answer}`);
    expect(reported).toEqual([]);
    expect(questions[0] as NumericQuestion).toMatchObject({ min, max });
  });

  it.each(['12,5', '1,5..2,5', '42 ± 0,5', '1,0000', ',5', '1,000,5'])('is refused anywhere else: %s', (answer) => {
    const { questions, reported } = bank(`## How much? {#how-much type=numeric}\n\n- ${answer}`);
    expect(reported).toEqual(['5:1 numeric-invalid']);
    expect(questions).toEqual([]);
  });
});

describe('a question heading closed with #s before its attribute block', () => {
  it('loses the closing #s, as a heading without a block does', () => {
    const { questions, reported } = bank('## Is this closed? ## {#closed}\n\n- [x] Yes\n- [ ] No');
    expect(reported).toEqual([]);
    expect(questions[0]).toMatchObject({ id: 'closed', prompt: '<p>Is this closed?</p>', promptText: 'Is this closed?' });
    expect(bank('## Is C# a language? {#csharp}\n\n- [x] Yes\n- [ ] No').questions[0]!.promptText).toBe('Is C# a language?');
  });
});

describe('lines that run into an answer', () => {
  it('are each reported, in time linear in the answer: an answer of 30,000 such lines is read once', () => {
    // Without it each line's message quoted the answer read again: minutes here (the test then fails on its timeout).
    const { reported } = bank(`## Pick one {#q}\n\n- [x] Yes${'\n  2、No'.repeat(30_000)}\n- [ ] Maybe`);
    expect(reported).toHaveLength(30_000);
    expect(reported[0]).toBe('6:3 answer-list-marker');
  });
});

describe('brackets that look like a checkbox', () => {
  it('open an option with up to three characters between them, but a line under an answer with one that marks an answer only', () => {
    const option = bank('## Which? {#brackets-option}\n\n- [x] A\n- [ok] B\n- [ ] C');
    expect(option.reported).toEqual(['6:1 option-no-checkbox']);
    // `【x】` under an answer is an option run into it; `[ok]` is text of the answer.
    expect(bank('## Which? {#brackets-run-in}\n\n- [x] A\n  【x】 B\n- [ ] C').reported).toEqual(['6:3 answer-list-marker']);
    expect(bank('## Which? {#brackets-text}\n\n- [x] A\n  [ok] B\n- [ ] C').reported).toEqual([]);
  });
});
