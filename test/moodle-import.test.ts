/**
 * What Moodle's importer (question/format.php, question/format/xml/format.php) and its question
 * types make of the Moodle XML export, read here as Moodle reads it:
 * - a category path is split on single "/" and "//" is a "/" in a name (split_category_path), so
 *   a title with a "/" keeps it;
 * - `shuffleanswers` follows the exam's `shuffleChoices`, as in the player and QTI;
 * - every grade is one Moodle lists (match_grade_options against fraction_options_full), and a
 *   multiple-response question's correct grades add up to 100 % (the check Moodle makes on save);
 * - Moodle adds up a multiple-response question's options and scores a matching question's items
 *   one by one, where the player gives all or nothing: each such question is reported at its place.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import type { Course, Question, QuestionBank } from '../src/course/model.js';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';
import { moodleQuestions, reportPartialCredit } from '../src/targets/moodle-questions.js';
import { MINI_COURSE } from './support/harness.js';
import { REPO } from './support/packages.js';
import { all, child, parseXml } from './support/question-exports.js';

const BANK = `---
title: 条码/RFID 题库
---

# 条码/RFID 题库

## 下列哪些属于个人防护用品？ {#protective type=multiple points=2.5}

- [x] 安全帽
- [ ] 灭火器
- [x] 防护眼镜
- [ ] 警示牌
- [x] 绝缘手套
- [ ] 配电箱
- [ ] 消防栓

> **正确：** 对。
> **错误：** 错。

## 哪一项是安全帽？ {#one-right type=multiple}

- [x] 安全帽
- [ ] 灭火器

## 配对 {#pairs type=matching}

- 甲 -> 一
- 乙 -> 二
- -> 三

## 七选七中的六 {#six-of-seven type=multiple}

- [x] 1
- [x] 2
- [x] 3
- [x] 4
- [x] 5
- [x] 6
- [ ] 7
`;

/** The mini course under another title and choice shuffling, with the bank above. */
function course(title: string, shuffleChoices: boolean) {
  const root = mkdtempSync(path.join(tmpdir(), 'skillpack-moodle-import-'));
  const dir = path.join(root, 'courses', 'mini-course');
  cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
  const yml = readFileSync(path.join(dir, 'course.yml'), 'utf8').replace(/^title: .*$/m, `title: "${title}"`).replace('shuffleChoices: true', `shuffleChoices: ${shuffleChoices}`);
  writeFileSync(path.join(dir, 'course.yml'), yml);
  writeFileSync(path.join(dir, 'banks', 'tags.md'), BANK);
  const loaded = loadCourse(dir, loadProject(root));
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const result = moodleQuestions(loaded.course!, () => null);
  return { quiz: parseXml(String(result.entries[0]!.data)), diagnostics: result.diagnostics };
}

/** qformat_default::split_category_path: split on a "/" that is not part of "//", then "//" is "/" and names are trimmed. */
const splitCategoryPath = (text: string) => text.split(/(?<!\/)\/(?!\/)/).map((name) => name.replace(/\/\//g, '/').trim());

/** question_bank::fraction_options_full(), as fractions of 1. */
const MOODLE_GRADES = [1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0].flatMap((g) => [g, -g]);
/** match_grade_options in 'error' mode: a grade within 0.00001 of a listed one. */
const moodleAccepts = (percent: number) => MOODLE_GRADES.some((g) => Math.abs(percent / 100 - g) < 0.00001);

const questionById = (quiz: ReturnType<typeof parseXml>, id: string) => all(quiz, 'question').find((q) => child(q, 'idnumber')?.text === id)!;

describe('Moodle XML as Moodle imports it', () => {
  it('keeps a "/" in a course or bank title: Moodle reads "//" as one, and a single "/" as a sub-category', () => {
    const { quiz } = course('电工（四级/中级工）', true);
    const categories = all(quiz, 'question').filter((q) => q.attributes.type === 'category').map((q) => child(child(q, 'category')!, 'text')!.text);
    expect(categories.map(splitCategoryPath)).toContainEqual(['$course$', 'top', '电工（四级/中级工）', '条码/RFID 题库']);
  });

  it('gives each bank a category ID number that fits Moodle\'s 100 characters, and no two banks the same', () => {
    const banks = ['core', `${'x'.repeat(40)}a`, `${'x'.repeat(40)}b`].map((id) => ({ id, title: id, questions: [] }));
    const course = { id: 'c'.repeat(64), title: 'C', banks, exam: null } as unknown as Course;
    const ids = all(parseXml(String(moodleQuestions(course, () => null).entries[0]!.data)), 'idnumber').map((e) => e.text);
    expect(ids[0]).toBe(`${'c'.repeat(64)}-core`);
    expect(ids.slice(1).map((id) => id.length)).toEqual([100, 100]);
    expect(new Set(ids).size).toBe(3);
  });

  it('shuffles the options of choice and matching questions only when the exam shuffles choices', () => {
    for (const shuffle of [true, false]) {
      const { quiz } = course('Mini Course', shuffle);
      // qformat_xml::trans_single: "false", "0" or empty is no, anything else yes.
      const shuffles = (id: string) => !['false', '0', ''].includes(child(questionById(quiz, id), 'shuffleanswers')!.text.trim());
      expect([shuffles('protective'), shuffles('pairs')]).toEqual([shuffle, shuffle]);
    }
  });

  it('writes only grades Moodle lists, the correct ones of a multiple-response question adding up to 100 %', () => {
    const { quiz } = course('Mini Course', true);
    for (const id of ['protective', 'six-of-seven']) {
      const grades = all(questionById(quiz, id), 'answer').map((a) => Number(a.attributes.fraction));
      expect(grades.every(moodleAccepts)).toBe(true);
      // qtype_multichoice::save_question_options rounds the sum of the positive grades to 2 places.
      expect(Math.round(grades.filter((g) => g > 0).reduce((sum, g) => sum + g / 100, 0) * 100) / 100).toBe(1);
    }
  });

  it('reports the questions Moodle gives part of their points for, once per bank, at the first of them', () => {
    const { diagnostics } = course('Mini Course', true);
    const partial = diagnostics.filter((d) => d.rule === 'export-partial-credit' && d.file.endsWith('tags.md')).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);
    expect(partial).toEqual([
      expect.stringMatching(/^courses\/mini-course\/banks\/tags\.md:7:1 3 questions of this bank earn part of their points in mini-course-moodle\.xml, where the player gives all or nothing: "protective", "pairs", "six-of-seven"\. In "protective", for one: .* tick 2 of its 3 correct options and no wrong one get 67 % of its points$/),
    ]);
  });

  it('says what a single such question earns, and how many more a long list holds', () => {
    const sink = new DiagnosticSink();
    const questions = Array.from({ length: 10 }, (_, i) => ({ id: `m${i}`, type: 'matching' }) as unknown as Question);
    const bank = { id: 'b', title: 'B', questions } as unknown as QuestionBank;
    reportPartialCredit(sink, { id: 'c' } as Course, bank, questions.slice(0, 1).map((q) => ({ q, how: 'half' })), 'c-moodle.xml');
    reportPartialCredit(sink, { id: 'c' } as Course, bank, questions.map((q) => ({ q, how: 'half' })), 'c-moodle.xml');
    expect(sink.items.map((d) => d.message)).toEqual([
      'question "m0" earns part of its points in c-moodle.xml, where the player gives all or nothing: half',
      '10 questions of this bank earn part of their points in c-moodle.xml, where the player gives all or nothing: "m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7" and 2 more. In "m0", for one: half',
    ]);
  });
});
