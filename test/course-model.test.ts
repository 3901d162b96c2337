/**
 * The Course model produced from source files, compared whole against a
 * fixture (test/fixtures/model/<case>/expected.json beside its sources): one
 * question of every type, practice questions, lessons, exam settings. A
 * missing expectation is written on first run; UPDATE_FIXTURES=1 rewrites it.
 * Also: derived question ids depend only on the question's own text.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import type { Question } from '../src/course/model.js';
import { REPO } from './support/packages.js';

const CASE = path.join(REPO, 'test/fixtures/model/all-types');

describe('course model', () => {
  it('matches the expected model for every question type', () => {
    const loaded = loadCourse(CASE, loadProject(CASE));
    expect(loaded.diagnostics).toEqual([]);
    const expectedFile = path.join(CASE, 'expected.json');
    const actual = `${JSON.stringify(loaded.course, null, 2)}\n`;
    if (!existsSync(expectedFile) || process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, actual);
    expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
  });

  it('gives each type the answers an author wrote', () => {
    const course = loadCourse(CASE, loadProject(CASE)).course!;
    const q = new Map(course.banks[0]!.questions.map((x) => [x.id, x] as [string, Question]));
    expect(q.get('tf')).toMatchObject({ type: 'true-false', answer: true, points: 1 });
    expect(q.get('single')).toMatchObject({ type: 'single', correct: ['b'], points: 2, feedback: { explanation: 'Because.' } });
    expect(q.get('multiple')).toMatchObject({ type: 'multiple', correct: ['a', 'b'] });
    expect(q.get('fill')).toMatchObject({ type: 'fill-in', answers: ['Labour Contract Law', 'Labor Contract Law'], caseSensitive: true, exactWhitespace: false });
    expect(q.get('range')).toMatchObject({ type: 'numeric', min: 40, max: 45 });
    expect(q.get('tolerance')).toMatchObject({ type: 'numeric', min: 41.5, max: 42.5 });
    expect(q.get('match')).toMatchObject({ type: 'matching', pairs: [['1', 'a'], ['2', 'b']], feedback: { correct: '<span lang="zh-CN">对</span>', incorrect: '<span lang="zh-CN">错</span>' } }); // Chinese labels read in an English course; their Chinese text marked
    expect((q.get('match') as Extract<Question, { type: 'matching' }>).targets.map((t) => t.text)).toEqual(['Fruit', 'Vegetable', 'Mineral']);
    expect((q.get('order') as Extract<Question, { type: 'sequencing' }>).items.map((i) => i.text)).toEqual(['First', 'Second', 'Third']);
    expect(q.get('sure')).toMatchObject({ type: 'likert', points: 0 });
    expect(q.get('essay')).toMatchObject({ type: 'essay', maxLength: 500, points: 0 });
    expect(course.lessons[0]!.practice.map((p) => p.id)).toEqual(['practice-check']);
    expect(course.lessons[0]!.html).toContain('<div data-practice="practice-check"></div>');
    expect(course.exam).toEqual({ draws: [{ bank: 'core', count: 11, surveys: true }], review: 'final', passingScore: 50, attempts: 0, shuffleQuestions: false, shuffleChoices: false, timeLimitMinutes: 15 });
  });

  it('derives an id from the question text alone, so editing another question never changes it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skillpack-ids-'));
    cpSync(CASE, dir, { recursive: true });
    const idOf = () => loadCourse(dir, loadProject(dir)).course!.banks[0]!.questions.at(-1)!.id;
    const before = idOf();
    expect(before).toMatch(/^q-[0-9a-f]{10}$/);
    const bank = path.join(dir, 'banks/core.md');
    writeFileSync(bank, readFileSync(bank, 'utf8').replace('## The sky is blue.', '## The sky is usually blue.').replace('- Very', '- Very sure'));
    expect(idOf()).toBe(before);
    writeFileSync(bank, readFileSync(bank, 'utf8').replace('## A question without an id', '## A question without an id, reworded'));
    expect(idOf()).not.toBe(before);
  });
});
