/**
 * The numbers of numeric questions: a tolerance is kept to the decimals its author wrote, so
 * the model, the scoring, the standards' patterns and the QTI and Moodle XML exports agree at
 * the edges (9.8 ± 0.1 takes 9.7, not only 9.700000000000001); and every standard gets plain
 * decimals, never exponent notation.
 */
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../src/course/banks.js';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import type { Course, NumericQuestion } from '../src/course/model.js';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';
import { correctPatterns, formatResponse } from '../src/runtime/lms/interaction-formats.js';
import { parseNumeric } from '../src/runtime/question-types/numeric.js';
import { scoreResponse } from '../src/runtime/scoring.js';
import { assessmentItem } from '../src/targets/qti-items.js';
import { moodleXml } from '../src/targets/moodle-xml.js';
import { REPO } from './support/packages.js';

/** A numeric question compiled from its answer item as an author writes it. */
function compiled(answer: string): NumericQuestion {
  const text = `# Bank\n\n## How much? {#how-much type=numeric}\n\n- ${answer}\n`;
  const file = '/course/banks/bank.md';
  const sink = new DiagnosticSink();
  const { bank } = loadBank(text, { file, display: 'banks/bank.md', source: new VFile({ path: file, value: text }), courseDir: '/course', sink, assets: new Set(), lessonFor: () => undefined, definitions: [], language: 'en' });
  expect(sink.items.filter((d) => d.severity === 'error')).toEqual([]);
  return bank.questions[0] as NumericQuestion;
}

/** Whether the runtime scores what a learner typed as right. */
const right = (question: NumericQuestion, typed: string) => scoreResponse(question, { type: 'numeric', value: parseNumeric(typed)! }).correct;

describe('a tolerance answer', () => {
  it.each([
    ['9.8 ± 0.1', 9.7, 9.9],
    ['11.7 ± 0.2', 11.5, 11.9],
    ['2.2 ± 0.01', 2.19, 2.21],
    ['396000 ± 1', 395999, 396001],
    ['0.3 +- 0.1', 0.2, 0.4],
    ['1.5e-3 ± 1e-4', 0.0014, 0.0016],
  ])('%s is the range %d..%d, its ends as the author wrote them', (answer, min, max) => {
    expect(compiled(answer)).toMatchObject({ min, max });
  });

  it('takes the edges as typed, with trailing zeros or a decimal comma, and nothing beyond them', () => {
    const q = compiled('9.8 ± 0.1');
    for (const typed of ['9.7', '9.70', '9,7', '9.9', '９．９']) expect(right(q, typed), typed).toBe(true);
    for (const typed of ['9.69', '9.91']) expect(right(q, typed), typed).toBe(false);
  });

  it('is written alike in the patterns, QTI and Moodle XML', async () => {
    const q = compiled('9.8 ± 0.1');
    expect(correctPatterns(q, 'scorm2004')).toEqual(['9.7[:]9.9']);
    expect(correctPatterns(q, 'xapi')).toEqual(['9.7[:]9.9']);
    const item = assessmentItem(q, false, 'en');
    expect(item).toContain('<baseValue baseType="float">9.7</baseValue>');
    expect(item).toContain('<baseValue baseType="float">9.9</baseValue>');
    expect(item).toContain('<value>9.8</value>');
    const course = { id: 'numbers', title: 'Numbers', banks: [{ id: 'b', title: 'B', questions: [q] }] } as unknown as Course;
    const { entries } = await moodleXml.build(course, () => null);
    expect(String(entries[0]!.data)).toContain('<text>9.8</text><tolerance>0.1</tolerance>');
  });

  it('in the catalogue: the edge answers of electrician and public-nutritionist are right', () => {
    const project = loadProject(REPO);
    const question = (course: string, id: string) =>
      loadCourse(path.join(REPO, 'courses', course), project).course!.banks.flatMap((b) => b.questions).find((q) => q.id === id) as NumericQuestion;
    const motor = question('electrician', 'motor-current-numeric');
    expect([motor.min, motor.max, right(motor, '11.5'), right(motor, '11.9')]).toEqual([11.5, 11.9, true, true]);
    const personDays = question('public-nutritionist', 'person-day-numeric');
    expect([personDays.min, personDays.max, right(personDays, '2.19'), right(personDays, '2.21')]).toEqual([2.19, 2.21, true, true]);
  });
});

describe('numbers in responses and patterns', () => {
  const exact = (value: number) => ({ id: 'q', prompt: '', promptText: '', points: 1, feedback: {}, type: 'numeric', min: value, max: value }) as NumericQuestion;

  it.each([
    [1e-7, '0.0000001'],
    [1.2345e-7, '0.00000012345'],
    [1e21, '1000000000000000000000'],
    [1e-21, '0.000000000000000000001'],
    [123456.5, '123456.5'],
    [-0.5, '-0.5'],
  ])('%d is written %s in every standard, never in exponent notation', (value, plain) => {
    for (const standard of ['scorm12', 'scorm2004', 'xapi'] as const) {
      expect(formatResponse({ type: 'numeric', value }, standard)).toBe(plain);
      expect(correctPatterns(exact(value), standard)).toEqual([plain]);
    }
  });
});
