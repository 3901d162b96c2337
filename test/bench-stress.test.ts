/**
 * The benchmark's course generator (bench/stress-course.ts) at a small scale:
 * every question type appears and `skillpack check` finds nothing to report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STRESS_QUESTION_TYPES, writeEmptyCourse, writeExamCourse, writeStressCourse } from '../bench/stress-course.js';
import { checkCourses } from '../src/commands/check.js';

const root = mkdtempSync(path.join(tmpdir(), 'skillpack-stress-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('bench stress-course generator', () => {
  it('writes courses that pass skillpack check with no diagnostics', async () => {
    const stress = writeStressCourse(root, { id: 'stress-small', lessons: 12, bankQuestions: 45, images: 6, bankSize: 20, examQuestions: 10 });
    writeEmptyCourse(root, 'empty');
    writeExamCourse(root, 'exam-small', 18);
    expect(stress).toMatchObject({ lessons: 12, bankQuestions: 45, practiceQuestions: 12, images: 6, examQuestions: 10 });
    for (const type of STRESS_QUESTION_TYPES) expect(stress.types[type], type).toBeGreaterThan(0);

    const { diagnostics, checked } = await checkCourses(root);
    expect(checked).toBe(3);
    expect(diagnostics).toEqual([]);
  });
});
