import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Course } from '../src/course/model.js';
import { bankQuestions, drawAttempt, optionOrder, seededRandom, shuffle } from '../src/runtime/draw.js';

const course = JSON.parse(readFileSync(new URL('./fixtures/runtime-course.json', import.meta.url), 'utf8')) as Course;
const all = bankQuestions(course);

describe('drawAttempt', () => {
  it('draws the configured count from each bank, without repeats', () => {
    for (let seed = 0; seed < 50; seed++) {
      const { questions, orders } = drawAttempt(course, seededRandom(seed));
      expect(questions).toHaveLength(9);
      expect(new Set(questions).size).toBe(9);
      expect(orders).toHaveLength(9);
      const banks = questions.map((i) => (course.banks[0]!.questions.includes(all[i]!) ? 'core' : 'survey'));
      expect(banks.filter((b) => b === 'survey')).toHaveLength(2);
    }
  });

  it('draws a subset when the bank is larger than the count, and all of it when smaller', () => {
    const small = { ...course, exam: { ...course.exam!, draws: [{ bank: 'core', count: 3 }, { bank: 'survey', count: 10, surveys: true }, { bank: 'missing', count: 2 }] } };
    const { questions } = drawAttempt(small, seededRandom(1));
    expect(questions).toHaveLength(5);
  });

  it('keeps the authored order without question shuffling', () => {
    const ordered = { ...course, exam: { ...course.exam!, shuffleQuestions: false, shuffleChoices: false } };
    const { questions, orders } = drawAttempt(ordered, seededRandom(3));
    expect(questions).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // Only sequencing is shuffled regardless: its authored order is the answer.
    expect(orders.map((o, i) => (o ? all[questions[i]!]!.type : ''))).toEqual(['', '', '', '', '', '', 'sequencing', '', '']);
  });

  it('never draws survey questions (likert, essay) into the scored exam unless the draw asks', () => {
    const scoredOnly = { ...course, exam: { ...course.exam!, draws: course.exam!.draws.map((d) => ({ bank: d.bank, count: 50 })) } };
    for (let seed = 0; seed < 20; seed++) {
      const types = drawAttempt(scoredOnly, seededRandom(seed)).questions.map((i) => all[i]!.type);
      expect(types.length).toBeGreaterThan(0);
      expect(types.filter((t) => t === 'likert' || t === 'essay')).toEqual([]);
    }
    expect(all.some((q) => q.type === 'likert') && all.some((q) => q.type === 'essay')).toBe(true);
  });

  it('varies between attempts', () => {
    const draws = new Set(Array.from({ length: 20 }, (_, seed) => drawAttempt(course, seededRandom(seed)).questions.join(',')));
    expect(draws.size).toBeGreaterThan(10);
  });

  it('returns nothing for a course without exam', () => {
    expect(drawAttempt({ ...course, exam: null })).toEqual({ questions: [], orders: [] });
  });
});

describe('optionOrder', () => {
  const sequencing = all.find((q) => q.type === 'sequencing')!;
  const likert = all.find((q) => q.type === 'likert')!;
  const single = all.find((q) => q.type === 'single')!;

  it('never starts a sequencing question in the correct order', () => {
    for (let seed = 0; seed < 200; seed++) expect(optionOrder(sequencing, false, seededRandom(seed))).not.toBe('abcd');
    // Even with a random source that always returns 0.
    expect(optionOrder(sequencing, false, () => 0.999999)).not.toBe('abcd');
  });

  it('shuffles choices only when asked, and never a likert scale', () => {
    expect(optionOrder(single, false)).toBe('');
    expect([...optionOrder(single, true, seededRandom(2))].sort().join('')).toBe('abcd');
    expect(optionOrder(likert, true)).toBe('');
  });

  it('shuffle keeps every element', () => {
    expect(shuffle([1, 2, 3, 4, 5], seededRandom(9)).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
