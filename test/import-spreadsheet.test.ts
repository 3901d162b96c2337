/**
 * `skillpack import`: spreadsheet banks (a Chinese-column workbook, an English CSV)
 * become bank files that the compiler reads as the same questions; broken rows are
 * reported at their cell, and then nothing is written.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCourses } from '../src/commands/check.js';
import { loadProject, type Project } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import type { Question } from '../src/course/model.js';
import { importBank } from '../src/import/index.js';
import { REPO } from './support/packages.js';
import { writeXlsx } from './support/xlsx-writer.js';

let root: string;
let project: Project;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'skillpack-import-'));
  for (const id of ['hr-manager', 'psychological-counsellor']) cpSync(path.join(REPO, 'courses', id), path.join(root, 'courses', id), { recursive: true });
  cpSync(path.join(REPO, 'test/fixtures/import'), path.join(root, 'fixtures/import'), { recursive: true });
  project = loadProject(root);
});

const bankQuestions = (course: string, bank: string): Question[] => {
  const loaded = loadCourse(path.join(root, 'courses', course), project);
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return loaded.course!.banks.find((b) => b.id === bank)!.questions;
};

describe('a workbook with Chinese column names', () => {
  it('becomes a bank in the course\'s syntax, every key as written, ids from 编号', async () => {
    const file = path.join(root, '心理题库.xlsx');
    writeFileSync(file, writeXlsx({
      单选与多选: [
        ['编号', '题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '分值'],
        [1, '单选题', 'SCL-90 采用几级评分？', '三级', '四级', '五级', '七级', 'C', 'SCL-90 采用 1～5 的五级评分。', 2],
        [2, '多选', '下列属于自评量表的是', 'SDS', 'SAS', 'MMPI 的临床访谈', 'SCL-90', 'A、B、D', '', ''],
      ],
      判断与填空: [
        ['编号', '题型', '题干', '答案', '解析'],
        ['tf-confidential', '判断题', '保密原则没有任何例外。', '×', '涉及自伤、伤人时须突破保密。'],
        ['tf-empathy', '判断', '共情是咨询关系的基础之一。', '√', ''],
        [5, '填空题', '心理咨询师职业标准中"求助者"的英文常译为什么？', 'client|Client', ''],
      ],
    }));
    const result = await importBank({ project, file, course: 'psychological-counsellor', bank: 'imported-zh' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.written).toBe(path.join(root, 'courses/psychological-counsellor/banks/imported-zh.md'));
    const text = readFileSync(result.written!, 'utf8');
    expect(text).toContain('## SCL-90 采用几级评分？ {#imported-zh-1 type=single points=2}');
    expect(text).toContain('- [x] 正确'); // true/false in the course's language
    expect(text).toContain('> **解析：** SCL-90 采用 1～5 的五级评分。');

    const questions = bankQuestions('psychological-counsellor', 'imported-zh');
    expect(questions.map((q) => [q.id, q.type, q.points])).toEqual([
      ['imported-zh-1', 'single', 2],
      ['imported-zh-2', 'multiple', 1],
      ['tf-confidential', 'true-false', 1],
      ['tf-empathy', 'true-false', 1],
      ['imported-zh-5', 'fill-in', 1],
    ]);
    const [single, multiple, confidential, empathy, fill] = questions as [Question, Question, Question, Question, Question];
    expect(single.type === 'single' && single.choices.filter((c) => single.correct.includes(c.id)).map((c) => c.text)).toEqual(['五级']);
    expect(multiple.type === 'multiple' && multiple.choices.filter((c) => multiple.correct.includes(c.id)).map((c) => c.text)).toEqual(['SDS', 'SAS', 'SCL-90']);
    expect(confidential.type === 'true-false' && confidential.answer).toBe(false);
    expect(empathy.type === 'true-false' && empathy.answer).toBe(true);
    expect(fill.type === 'fill-in' && fill.answers).toEqual(['client', 'Client']);
    const check = await checkCourses(root, ['courses/psychological-counsellor']);
    expect(check.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('gives the same file and ids when imported again (stable ids, also without 编号)', async () => {
    const file = path.join(root, 'again.xlsx');
    writeFileSync(file, writeXlsx({ Sheet1: [['题型', '题干', '选项A', '选项B', '答案'], ['单选', '哪一项正确？', '甲', '乙', 'B']] }));
    const first = await importBank({ project, file, course: 'psychological-counsellor', bank: 'again' });
    const second = await importBank({ project, file, course: 'psychological-counsellor', bank: 'again', force: true });
    expect(second.text).toBe(first.text);
    expect(first.text).toMatch(/\{#q-[0-9a-f]{10} type=single\}/);
  });
});

describe('an English CSV', () => {
  it('imports every type it can hold, keys intact', async () => {
    const result = await importBank({ project, file: path.join(root, 'fixtures/import/english.csv'), course: 'hr-manager', bank: 'imported-en' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const byId = new Map(bankQuestions('hr-manager', 'imported-en').map((q) => [q.id, q]));
    expect([...byId.keys()]).toEqual(['probation-max', 'social-insurance', 'written-contract', 'contract-law', 'annual-leave', 'recruitment-steps', 'overtime-essay']);
    const q = (id: string) => byId.get(id)!;
    const chosen = (x: Question) => (x.type === 'single' || x.type === 'multiple' ? x.choices.filter((c) => x.correct.includes(c.id)).map((c) => c.text) : null);
    expect(chosen(q('probation-max'))).toEqual(['Six months']);
    expect(q('probation-max').points).toBe(2);
    expect(chosen(q('social-insurance'))).toEqual(['Pension insurance', 'Medical insurance', 'Unemployment insurance']);
    expect(q('written-contract')).toMatchObject({ type: 'true-false', answer: true });
    expect(q('contract-law')).toMatchObject({ type: 'fill-in', answers: ['Labour Contract Law', 'Labor Contract Law'] });
    expect(q('annual-leave')).toMatchObject({ type: 'numeric', min: 10, max: 10 });
    const order = q('recruitment-steps');
    expect(order.type === 'sequencing' && order.items.map((i) => i.text)).toEqual(['Job analysis', 'Advertising', 'Interviews', 'Offer']);
    expect(q('overtime-essay').type).toBe('essay');
  });
});

describe('broken rows', () => {
  it('are each reported at their cell, and nothing is written', async () => {
    const result = await importBank({ project, file: path.join(root, 'fixtures/import/broken.csv'), course: 'hr-manager', bank: 'broken' });
    const lines = result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.rule}  ${d.message}`);
    expect(lines.join('\n')).toBe(readFileSync(path.join(REPO, 'test/fixtures/import/broken.expected.txt'), 'utf8').trim());
    expect(result.written).toBeNull();
    expect(existsSync(path.join(root, 'courses/hr-manager/banks/broken.md'))).toBe(false);
  });

  it('in one sheet of a workbook keep every other sheet from being written too, and name the sheet', async () => {
    const file = path.join(root, 'two-sheets.xlsx');
    writeFileSync(file, writeXlsx({
      Good: [['type', 'stem', 'A', 'B', 'answer'], ['single', 'Fine?', 'Yes', 'No', 'A']],
      Bad: [['type', 'stem', 'A', 'B', 'answer'], ['single', 'Fine?', 'Yes', 'No', 'A'], ['multiple', 'All?', 'Yes', 'No', 'AB']],
    }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'two-sheets' });
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      'two-sheets.xlsx[Bad]:2:2 import-id',
      'two-sheets.xlsx[Bad]:3:5 import-answer',
    ]);
    expect(result.diagnostics[0]!.message).toMatch(/^question id "q-[0-9a-f]{10}" is already used by row 2 of Good$/);
    expect(existsSync(path.join(root, 'courses/hr-manager/banks/two-sheets.md'))).toBe(false);
  });

  it('says how to fix 序号 that start again on each sheet of a workbook', async () => {
    const file = path.join(root, 'per-type-sheets.xlsx');
    writeFileSync(file, writeXlsx({
      单选题: [['序号', '题型', '题干', '选项A', '选项B', '答案'], ['1', '单选题', '劳动合同应当采用哪种形式？', '书面', '口头', 'A']],
      判断题: [['序号', '题型', '题干', '答案'], ['1', '判断题', '试用期包含在劳动合同期限内。', '对']],
    }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'per-type' });
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual(['per-type-sheets.xlsx[判断题]:2:1 import-id']);
    expect(result.diagnostics[0]!.message).toBe('question id "per-type-1" is already used by row 2 of 单选题: the numbers start again on this sheet; number the questions on across the sheets, or delete the column and each question\'s id comes from its stem');
  });

  it('refuses to replace an existing bank without --force', async () => {
    const file = path.join(root, 'courses/hr-manager/banks/existing.md');
    writeFileSync(file, '# Existing bank\n\n## Is this kept? {#kept}\n\n- [x] True\n- [ ] False\n');
    const result = await importBank({ project, file: path.join(root, 'fixtures/import/english.csv'), course: 'hr-manager', bank: 'existing' });
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['import-bank-exists']);
    expect(readFileSync(file, 'utf8')).toContain('{#kept}');
  });

  it('refuses to replace a numbered bank of the same id without --force, and replaces that file with it', async () => {
    const numbered = path.join(root, 'courses/hr-manager/banks/01-basics-and-ethics.md');
    const before = readFileSync(numbered, 'utf8');
    const file = path.join(root, 'one.csv');
    writeFileSync(file, 'id,type,stem,A,B,answer\nreplaced-1,single,Replaced?,Yes,No,A\n');
    const refused = await importBank({ project, file, course: 'hr-manager', bank: 'basics-and-ethics' });
    expect(refused.diagnostics.map((d) => `${d.file} ${d.rule}`)).toEqual(['courses/hr-manager/banks/01-basics-and-ethics.md import-bank-exists']);
    expect(existsSync(path.join(root, 'courses/hr-manager/banks/basics-and-ethics.md'))).toBe(false);
    try {
      const forced = await importBank({ project, file, course: 'hr-manager', bank: 'basics-and-ethics', force: true, dryRun: true });
      expect(forced.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    } finally {
      writeFileSync(numbered, before);
    }
  });
});

describe('what a spreadsheet cell cannot carry into a bank', () => {
  it('an option or answer over several lines (each line would be another option or step) is reported at its cell', async () => {
    const file = path.join(root, 'lines.csv');
    writeFileSync(file, 'type,stem,A,B,C,answer\nsingle,Which?,"foo\n- bar",baz,qux,B\nsequencing,Order?,"step one\n2. step two",B,C,ABC\n');
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'lines', dryRun: true });
    // At the lines where the rows start: the first row's quoted cell takes two lines.
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual(['2:3 import-options', '4:3 import-options']);
    expect(result.diagnostics.map((d) => d.message.slice(0, 8))).toEqual(['cell C2:', 'cell C3:']);
  });

  it('keeps &, numbers to 15 digits and times of day as written', async () => {
    const file = path.join(root, 'values.xlsx');
    writeFileSync(file, writeXlsx({ S: [['type', 'stem', 'answer'], ['fill-in', 'AT&T or &lt;b&gt;?', 9787111234567]] }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'values', dryRun: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.text).toContain('- 9787111234567');
    const { cellText } = await import('../src/import/read.js');
    expect(cellText(new Date('1899-12-30T09:00:00Z'))).toBe('09:00');
    expect(cellText(new Date('2026-03-01T00:00:00Z'))).toBe('2026-03-01');
    expect(cellText(new Date('2026-03-01T14:30:00Z'))).toBe('2026-03-01 14:30');
    // The stem reads back as written: & is not a character reference.
    writeFileSync(path.join(root, 'courses/hr-manager/banks/values.md'), result.text!);
    try {
      expect(bankQuestions('hr-manager', 'values')[0]!.promptText).toBe('AT&T or &lt;b&gt;?');
    } finally {
      rmSync(path.join(root, 'courses/hr-manager/banks/values.md'));
    }
  });

  it('a merged cell counts for every row it spans (its points, its type), as the sheet shows it', async () => {
    const file = path.join(root, 'merged.xlsx');
    writeFileSync(file, writeXlsx({
      判断题: [
        ['题型', '题干', '答案', '分值'],
        ['判断题', '劳动合同应当采用书面形式。', '√', 2],
        [null, '试用期包含在劳动合同期限内。', '√', null],
        [null, '用人单位可以扣押劳动者的居民身份证。', '×', null],
        ['判断题', '劳动合同期限三个月以上不满一年的，试用期不得超过一个月。', '√', 1],
        ['简答题', '简述劳动合同的必备条款。', '劳动合同期限、工作内容和工作地点、劳动报酬等。', null],
        [null, '简述经济补偿的计算方法。', '按劳动者在本单位工作的年限计算。', null],
      ],
    }, { 判断题: ['A2:A4', 'D2:D4', 'A6:A7'] }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'merged', dryRun: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const headings = result.text!.split('\n').filter((l) => l.startsWith('## '));
    expect(headings.map((h) => /points=(\d+)/.exec(h)?.[1] ?? '1')).toEqual(['2', '2', '2', '1', '1', '1']);
    expect(headings.slice(4).map((h) => /type=(\w+)/.exec(h)?.[1])).toEqual(['essay', 'essay']);
  });

  it('merged ranges spread only over the cells the sheet has, and a workbook of endless overlapping ranges is refused', async () => {
    const { mergedRange, spreadMerged } = await import('../src/import/merged-cells.js');
    expect(mergedRange('$D$5:D9')).toEqual({ top: 4, left: 3, bottom: 8, right: 3 });
    expect(mergedRange('B2')).toEqual({ top: 1, left: 1, bottom: 1, right: 1 });
    expect(mergedRange('not a range')).toBeNull();
    const rows: Array<Array<string | null>> = [['a', null], [null, null]];
    spreadMerged(rows, [mergedRange('A1:XFD1048576')!], 'S');
    expect(rows).toEqual([['a', 'a'], ['a', 'a']]);
    const sheet = Array.from({ length: 1000 }, () => Array.from({ length: 1000 }, (): string | null => 'x'));
    expect(() => spreadMerged(sheet, Array.from({ length: 10 }, () => mergedRange('A1:ALL1000')!), 'big.xlsx[S]')).toThrow(/more merged cells than a question bank can hold/);
    // A sheet of 300,000 rows (a 20 MB workbook holds more) overflowed the call stack.
    const long = Array.from({ length: 300_000 }, (): Array<string | null> => ['a', null]);
    spreadMerged(long, [mergedRange('A1:B1')!], 'long.xlsx[S]');
    expect(long[0]).toEqual(['a', 'a']);
  });

  it('a CSV that is not UTF-8 (Excel\'s CSV in GBK) is refused at its first such byte', async () => {
    const file = path.join(root, 'gbk.csv');
    // "type,stem,answer" then a row whose stem is 劳动合同 in GBK.
    writeFileSync(file, Buffer.concat([Buffer.from('type,stem,answer\ntrue-false,'), Buffer.from([0xc0, 0xcd, 0xb6, 0xaf, 0xba, 0xcf, 0xcd, 0xac]), Buffer.from(',true\n')]));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'gbk', dryRun: true });
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual(['2:12 import-unreadable']);
    expect(result.diagnostics[0]!.message).toMatch(/CSV UTF-8/);
  });

  it('a file over the size limit, or a workbook that unpacks to more than its limit, is refused unread', async () => {
    const big = path.join(root, 'big.csv');
    writeFileSync(big, Buffer.alloc(21 * 1024 * 1024, 0x61));
    expect((await importBank({ project, file: big, course: 'hr-manager', bank: 'big', dryRun: true })).diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/over the 20 MB limit/)]);
    const bomb = path.join(root, 'bomb.xlsx');
    writeFileSync(bomb, writeXlsx({ S: [['type', 'stem'], ...Array.from({ length: 4 }, () => ['single', 'x'.repeat(26 * 1024 * 1024)])] }));
    expect((await importBank({ project, file: bomb, course: 'hr-manager', bank: 'bomb', dryRun: true })).diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/unpacks to \d+ MB, over the 100 MB limit/)]);
  });

  it('takes a course id, never a path out of the courses folder, and makes a banks folder the course lacks', async () => {
    const file = path.join(root, 'one-more.csv');
    writeFileSync(file, 'type,stem,A,B,answer\nsingle,Fine?,Yes,No,A\n');
    const escaped = await importBank({ project, file, course: '../fixtures/import', bank: 'escaped' });
    expect(escaped.diagnostics.map((d) => d.rule)).toEqual(['course-not-found']);
    const bare = path.join(root, 'courses/no-banks');
    cpSync(path.join(root, 'courses/hr-manager/course.yml'), path.join(bare, 'course.yml'));
    cpSync(path.join(root, 'courses/hr-manager/lessons'), path.join(bare, 'lessons'), { recursive: true });
    const made = await importBank({ project, file, course: 'no-banks', bank: 'first' });
    expect(made.written).toBe(path.join(bare, 'banks', 'first.md'));
  });

  it('a CSV quote left open is reported at its line', async () => {
    const file = path.join(root, 'quote.csv');
    writeFileSync(file, 'type,stem,A,B,answer\nsingle,Fine?,Yes,No,A\nsingle,"Open quote,Yes,No,A\n');
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'quote', dryRun: true });
    expect(result.diagnostics.map((d) => `${d.line} ${d.rule}`)).toEqual(['3 import-unreadable']);
  });

  it('points written other than as a decimal number (0x10, 1e2), or to more than two decimal places, are reported at their cell', async () => {
    const file = path.join(root, 'points.csv');
    writeFileSync(file, 'type,stem,A,B,answer,points\nsingle,One?,Yes,No,A,0x10\nsingle,Two?,Yes,No,A,1e2\nsingle,Three?,Yes,No,A,2.5\nsingle,Four?,Yes,No,A,1.125\nsingle,Five?,Yes,No,A,1.10\n');
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'points', dryRun: true });
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual(['2:6 import-points', '3:6 import-points', '5:6 import-points']);
  });

  it('a problem the compiler finds when it reads the bank back is placed at the cell it came from (points, an option, the answer)', async () => {
    const file = path.join(root, 'read-back.xlsx');
    writeFileSync(file, writeXlsx({ S: [
      ['题型', '题干', '选项A', '选项B', '选项C', '答案', '分值'],
      ['简答题', '请简述劳动合同的订立原则。', '', '', '', '合法、公平、平等自愿、协商一致、诚实信用', 10],
      ['单选题', '劳动合同应当以什么形式订立？', '书面', '口头', '书面', 'A', 2],
      ['填空题', '劳动合同应当以什么形式订立？请说明。', '', '', '', '书面'.repeat(130), ''],
      ['简答题', '请简述试用期的规定。', '', '', '', '', ''],
    ] }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'read-back', dryRun: true });
    expect(result.diagnostics.filter((d) => d.rule === 'feedback-missing').map((d) => `${d.line}:${d.column}`)).toEqual(['3:2', '4:2']);
    expect(result.diagnostics.filter((d) => d.rule !== 'feedback-missing').map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([
      'read-back.xlsx[S]:2:7 question-attribute cell G2: essay questions are not scored: remove points=10',
      'read-back.xlsx[S]:3:5 duplicate-option cell E3: option "书面" appears twice',
      'read-back.xlsx[S]:4:6 question-type-mismatch cell F4: a fill-in answer may be at most 250 characters (SCORM limit)',
    ]);
  });
});


describe('what an exam office\'s sheet holds is kept, or reported', () => {
  const errors = (result: { diagnostics: Array<{ severity: string; line: number; column: number; rule: string; message: string }> }) =>
    result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`);

  it('a second column of the same field (解析 and 答案解析, 序号 and 编号) is reported, not left out unread', async () => {
    const file = path.join(root, 'two-columns.xlsx');
    writeFileSync(file, writeXlsx({ S: [
      ['序号', '编号', '题型', '题干', '选项A', '选项B', '答案', '解析', '答案解析'],
      [1, 'contract-form', '单选题', '劳动合同应当以什么形式订立？', '书面', '口头', 'A', '见第十条。', '《劳动合同法》第十条：建立劳动关系，应当订立书面劳动合同。'],
    ] }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'two-columns', dryRun: true });
    expect(errors(result)).toEqual([
      '1:2 import-duplicate-column column B "编号" is a second id column (column A "序号" is one): only one is read, so this one would be left out; delete or rename one of them',
      '1:9 import-duplicate-column column I "答案解析" is a second explanation column (column H "解析" is one): only one is read, so this one would be left out; delete or rename one of them',
    ]);
    expect(result.text).toBeNull();
  });

  it('a numbered line of a stem, an option or an explanation keeps its number, with no backslash before it, and a "---" line stays text', async () => {
    const file = path.join(root, 'numbered.xlsx');
    writeFileSync(file, writeXlsx({ S: [
      ['题型', '题干', '选项A', '选项B', '答案', '解析'],
      ['单选题', '1. 下列说法正确的是\n2) 第二行', '1. 甲', '- 乙', 'A', '要点如下：\n1. 第一点\n---\n2. 第二点'],
    ] }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'numbered' });
    expect(errors(result)).toEqual([]);
    try {
      const [q] = bankQuestions('hr-manager', 'numbered') as [Question];
      expect(q.promptText).toBe('1. 下列说法正确的是 2) 第二行');
      expect(q.type === 'single' && q.choices.map((c) => c.text)).toEqual(['1. 甲', '- 乙']);
      expect(q.feedback.explanation).toBe('<p>要点如下：</p>\n<p>1. 第一点</p>\n<p>---</p>\n<p>2. 第二点</p>');
    } finally {
      rmSync(result.written!);
    }
  });

  it('a true/false row with options other than the two it answers with is reported, not cut to two', async () => {
    const file = path.join(root, 'tf-options.xlsx');
    writeFileSync(file, writeXlsx({ S: [
      ['题型', '题干', '选项A', '选项B', '选项C', '答案'],
      ['判断题', '试用期包含在劳动合同期限内。', '正确', '错误', '', 'A'],
      ['判断题', '试用期可以单独约定。', '对', '错', '不确定', 'B'],
      ['判断题', '劳动合同可以口头订立。', '是', '不一定', '', 'A'],
    ] }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'tf-options', dryRun: true });
    expect(errors(result)).toEqual([
      '3:5 import-options cell E3: a 判断题 question has two options, true and false: option C "不确定" would be left out',
      '4:4 import-options cell D4: a 判断题 question has two options, true and false: option B "不一定" is neither',
    ]);
  });

  it('reads every tick as true and every cross as false (╳, ✗, ✘, ✕, ☒, ❌, X …), and reports a mark that is neither', async () => {
    const ticks = ['√', '✓', '✔', '✔\ufe0f', '☑', '✅', '🗸', '对', '正确', 'T', 'true', 'TRUE', 'Y', '是', '1'];
    const crosses = ['×', '╳', '✗', '✘', '✕', '✖', '✖\ufe0f', '☓', '⨯', '☒', '❌', '❎', 'X', 'x', 'Ｘ', '错', '错误', 'F', 'false', 'FALSE', 'N', '否', '0'];
    const unknown = ['V', '○', '?'];
    const file = path.join(root, 'marks.xlsx');
    writeFileSync(file, writeXlsx({ S: [['题型', '题干', '答案'], ...[...ticks, ...crosses, ...unknown].map((mark, i) => ['判断题', `第 ${i + 1} 题：劳动合同应当采用书面形式。`, mark])] }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'marks', dryRun: true });
    const first = 2 + ticks.length + crosses.length;
    expect(errors(result)).toEqual([
      `${first}:3 import-answer cell C${first}: "V" names an option, and the row has no such option: write 正确 or 错误`,
      `${first + 1}:3 import-answer cell C${first + 1}: "○" is neither true (正确, 对, √) nor false (错误, 错, ×)`,
      `${first + 2}:3 import-answer cell C${first + 2}: "?" is neither true (正确, 对, √) nor false (错误, 错, ×)`,
    ]);
    const rows = [['题型', '题干', '答案'], ...[...ticks, ...crosses].map((mark, i) => ['判断题', `第 ${i + 1} 题：劳动合同应当采用书面形式。`, mark])];
    writeFileSync(file, writeXlsx({ S: rows }));
    const fine = await importBank({ project, file, course: 'hr-manager', bank: 'marks', dryRun: true });
    expect(errors(fine)).toEqual([]);
    const checked = fine.text!.split('\n').filter((l) => l.startsWith('- [x] '));
    expect(checked).toEqual([...ticks.map(() => '- [x] 正确'), ...crosses.map(() => '- [x] 错误')]);
  });

  it('splits one 选项 cell holding every option (A.甲 B.乙, A、甲, Ａ．甲, one a line) when its letters leave no doubt', async () => {
    const file = path.join(root, 'option-cell.xlsx');
    writeFileSync(file, writeXlsx({ S: [
      ['题型', '题干', '选项', '答案'],
      ['单选题', '试用期最长几个月？', 'A.三 B.六 C.十二 D.二十四', 'B'],
      ['多选题', '劳动合同的必备条款有', 'A、劳动报酬 B、工作时间 C、试用期', 'AB'],
      ['单选题', '劳动合同应当以什么形式订立？', 'Ａ．书面\nＢ．口头（需对方同意）', 'A'],
      ['判断题', '劳动合同可以口头订立。', 'A.正确 B.错误', 'B'],
      ['单选题', 'Which vitamin?', 'A) Vitamin A. B) Vitamin K.', 'A'],
      ['简答题', '简述劳动合同的订立原则。', '', '合法、公平。'],
    ] }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'option-cell', dryRun: true });
    expect(errors(result)).toEqual([]);
    expect(result.diagnostics.filter((d) => d.rule === 'import-unknown-column')).toEqual([]);
    expect(result.text!.split('\n').filter((l) => l.startsWith('- ['))).toEqual([
      '- [ ] 三', '- [x] 六', '- [ ] 十二', '- [ ] 二十四',
      '- [x] 劳动报酬', '- [x] 工作时间', '- [ ] 试用期',
      '- [x] 书面', '- [ ] 口头（需对方同意）',
      '- [ ] 正确', '- [x] 错误',
      '- [x] Vitamin A.', '- [ ] Vitamin K.',
    ]);
  });

  it('reports a 选项 cell whose options cannot be told apart at that cell, and splits nothing', async () => {
    const file = path.join(root, 'option-cell-unclear.xlsx');
    writeFileSync(file, writeXlsx({ S: [
      ['题型', '题干', '选项', '答案', '选项A', '选项B'],
      ['单选题', '一？', 'A.甲B.乙C.丙', 'A'],
      ['单选题', '二？', 'A. 维生素 B. 族 B. 乙', 'A'],
      ['单选题', '三？', 'A.甲 C.丙', 'A'],
      ['单选题', '四？', '参见附录A.的说明', 'A'],
      ['单选题', '五？', 'A.甲 B.', 'A'],
      ['单选题', '六？', 'A.甲 B.乙', 'A', '甲', '乙'],
      ['单选题', '七？', 'A.甲\n续 B.乙', 'A'],
      ['多选题', '八？', 'A.甲 B.乙 C、丙', 'AC'],
    ] }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'option-cell-unclear', dryRun: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual(
      [2, 3, 4, 5, 6, 7, 8, 9].map((row) => `option-cell-unclear.xlsx[S]:${row}:3 import-options`),
    );
    const tail = ', or write each option in a column of its own (选项A, 选项B …)';
    expect(errors(result).map((e) => e.slice(e.indexOf(' cell ') + 1))).toEqual([
      `cell C2: the options in this cell cannot be told apart: "B." follows "甲" with no space before it; put a space or a line break before each option's letter${tail}`,
      `cell C3: the options in this cell cannot be told apart: "B." is written twice${tail}`,
      `cell C4: the options in this cell cannot be told apart: "C." follows option A, with no option B${tail}`,
      `cell C5: the options in this cell cannot be told apart: the cell does not start with "A." (or "A、"); write them as "A.… B.… C.…"${tail}`,
      `cell C6: the options in this cell cannot be told apart: option B is empty${tail}`,
      'cell C7: the options are given twice, in this cell and in the option columns (E7 …): keep one of them',
      `cell C8: the options in this cell cannot be told apart: option A runs over more than one line${tail}`,
      `cell C9: the options in this cell cannot be told apart: "C、" is written with another mark than "A."${tail}`,
    ]);
  });

  it('a cell that shows a formula\'s error (#DIV/0!, #N/A, #REF!) is reported at that cell, not read as empty or as text', async () => {
    const error = (value: string, formula: string) => ({ value, formula, error: true });
    const file = path.join(root, 'error-cells.xlsx');
    writeFileSync(file, writeXlsx({ S: [
      ['题型', '题干', '选项A', '选项B', '答案', '解析', '分值', '备注'],
      ['单选题', error('#DIV/0!', '1/0'), '书面', '口头', 'A', '', 1, ''],
      ['单选题', '劳动合同应当以什么形式订立？', '书面', error('#REF!', '#REF!'), 'A', '', 1, ''],
      ['判断题', '试用期包含在劳动合同期限内。', '', '', error('#N/A', 'VLOOKUP(1,Z1:Z2,2,0)'), '', 1, ''],
      ['判断题', '劳动合同可以口头订立。', '', '', '×', error('#VALUE!', 'A1+1'), error('#NAME?', 'FOO()'), error('#N/A', 'NA()')],
    ] }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'error-cells', dryRun: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      'error-cells.xlsx[S]:2:2 import-cell-error',
      'error-cells.xlsx[S]:3:4 import-cell-error',
      'error-cells.xlsx[S]:4:5 import-cell-error',
      'error-cells.xlsx[S]:5:6 import-cell-error',
      'error-cells.xlsx[S]:5:7 import-cell-error',
    ]);
    expect(errors(result).map((e) => e.slice(e.indexOf(' cell ') + 1))).toEqual([
      'cell B2 shows the error #DIV/0! (its formula cannot be worked out), not a value, so the question\'s stem is lost: correct the formula, or paste the value itself',
      'cell D3 shows the error #REF! (its formula cannot be worked out), not a value, so the question\'s option B is lost: correct the formula, or paste the value itself',
      'cell E4 shows the error #N/A (its formula cannot be worked out), not a value, so the question\'s answer is lost: correct the formula, or paste the value itself',
      'cell F5 shows the error #VALUE! (its formula cannot be worked out), not a value, so the question\'s explanation is lost: correct the formula, or paste the value itself',
      'cell G5 shows the error #NAME? (its formula cannot be worked out), not a value, so the question\'s points are lost: correct the formula, or paste the value itself',
    ]);
    expect(result.text).toBeNull();
    // A CSV file holds what Excel showed: the error code as text.
    const csv = path.join(root, 'error-cells.csv');
    writeFileSync(csv, 'type,stem,A,B,answer,explanation\nsingle,#DIV/0!,Yes,No,A,\nsingle,Fine?,Yes,No,A,#N/A\nfill-in,Which code means not available?,,,#N/A (in Excel),\n');
    const fromCsv = await importBank({ project, file: csv, course: 'hr-manager', bank: 'error-cells', dryRun: true });
    expect(errors(fromCsv).map((e) => e.slice(0, e.indexOf(' shows')))).toEqual(['2:2 import-cell-error cell B2', '3:6 import-cell-error cell F3']);
  });

  it('a fill-in stem with several blanks is reported: its answers would become alternatives for one blank', async () => {
    const file = path.join(root, 'blanks.xlsx');
    writeFileSync(file, writeXlsx({ S: [
      ['题型', '题干', '答案'],
      ['填空题', '劳动合同期限（ ）年以上的，试用期不得超过（ ）个月。', '3|6'],
      ['填空题', '试用期最长不得超过___个月，最短___。', '6；无下限'],
      ['填空题', '劳动合同应当以___形式订立。', '书面|书面形式'],
      ['填空题', '劳动合同应当以（  ）形式订立（第十条）。', '书面'],
    ] }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'blanks', dryRun: true });
    expect(errors(result)).toEqual([
      '2:2 import-answer cell B2: the stem has 2 blanks, and a fill-in question has one answer box (its answers, separated by |, are alternatives for it): make each blank a question of its own',
      '3:2 import-answer cell B3: the stem has 2 blanks, and a fill-in question has one answer box (its answers, separated by |, are alternatives for it): make each blank a question of its own',
    ]);
  });

  it('a number cell is read as its format shows it (25%, 007, 0.50, 2008年1月1日, ¥12.00), so a key stays as the author typed it', async () => {
    const file = path.join(root, 'formats.xlsx');
    writeFileSync(file, writeXlsx({ S: [
      ['编号', '题型', '题干', '答案', '分值'],
      [{ value: 7, format: '000' }, '填空题', '工号是多少？', { value: 7, format: '000' }, 1],
      [2, '填空题', '经济补偿的比例是多少？', { value: 0.25, format: '0%' }, { value: 2, format: '0.0' }],
      [3, '填空题', '保留两位小数是多少？', { value: 0.5, format: '0.00' }, 1],
      [4, '填空题', '《劳动合同法》施行的日期是？', { value: 39448, format: 'yyyy"年"m"月"d"日"' }, 1],
      [5, '填空题', '上班时间是？', { value: 0.375, format: 'hh:mm' }, 1],
      [6, '填空题', '最低工资是多少？', { value: 2420, format: '"¥"#,##0.00' }, 1],
      [7, '数值题', '年工资总额是多少元？', { value: 29040, format: '#,##0' }, 1],
      [8, '填空题', '计算结果是？', { value: 42, formula: '6*7' }, 1],
    ] }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'formats', dryRun: true });
    expect(errors(result)).toEqual([]);
    const answers = result.text!.split('\n').filter((l) => l.startsWith('- ') || l.startsWith('## '));
    expect(answers).toEqual([
      '## 工号是多少？ {#formats-007 type=fill-in points=1}', '- 007',
      '## 经济补偿的比例是多少？ {#formats-2 type=fill-in points=2}', '- 25%',
      '## 保留两位小数是多少？ {#formats-3 type=fill-in points=1}', '- 0.50',
      '## 《劳动合同法》施行的日期是？ {#formats-4 type=fill-in points=1}', '- 2008年1月1日',
      '## 上班时间是？ {#formats-5 type=fill-in points=1}', '- 09:00',
      '## 最低工资是多少？ {#formats-6 type=fill-in points=1}', '- ¥2,420.00',
      '## 年工资总额是多少元？ {#formats-7 type=numeric points=1}', '- 29040',
      '## 计算结果是？ {#formats-8 type=fill-in points=1}', '- 42',
    ]);
  });

  it('a hidden sheet (a template\'s lists for its drop-downs) is not read, and a hidden row is read: both are said', async () => {
    const file = path.join(root, 'hidden.xlsx');
    writeFileSync(file, writeXlsx({
      单选: [['题型', '题干', '选项A', '选项B', '答案'], ['单选题', '劳动合同应当以什么形式订立？', '书面', '口头', 'A'], ['单选题', '试用期最长几个月？', '六', '十二', 'A']],
      字典: [['单选题'], ['多选题'], ['判断题']],
    }, { hidden: ['字典'], hiddenRows: { 单选: [3] } }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'hidden', dryRun: true });
    expect(result.diagnostics.filter((d) => d.rule === 'import-hidden').map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual([
      'hidden.xlsx[单选]:3:1 warning row 3 is hidden in the sheet (by hand or by a filter): it is imported all the same; delete it if it is not a question of this bank',
      'hidden.xlsx[字典]:1:1 warning sheet "字典" is hidden in the workbook, so it is not read: show it if its rows are questions',
    ]);
    expect(errors(result)).toEqual([]);
    expect(result.questions).toBe(2);
  });

  it('reads answer letters however a sheet parts them: A/B/D, A．B．D, B→A→C, B-A-C', async () => {
    const file = path.join(root, 'letters.csv');
    writeFileSync(file, '题型,题干,选项A,选项B,选项C,选项D,答案,解析\n多选,甲？,一,二,三,四,A/B/D,因为。\n多选,乙？,一,二,三,四,Ａ．Ｂ．Ｄ,因为。\n排序,丙？,一,二,三,,B→A→C,因为。\n排序,丁？,一,二,三,,B-A-C,因为。\n');
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'letters', dryRun: true });
    expect(result.diagnostics).toEqual([]);
    const answers = result.text!.split('\n').filter((l) => /^(- \[|\d\. )/.test(l));
    expect(answers).toEqual(['- [x] 一', '- [x] 二', '- [ ] 三', '- [x] 四', '- [x] 一', '- [x] 二', '- [ ] 三', '- [x] 四', '1. 二', '2. 一', '3. 三', '1. 二', '2. 一', '3. 三']);
  });

  it('a sheet of notes (a template\'s 填写说明), whose first row names no column, is not read, and is said', async () => {
    const file = path.join(root, 'notes.xlsx');
    writeFileSync(file, writeXlsx({
      填写说明: [['填写说明：题型可填单选题、多选题、判断题；答案填选项字母。'], ['分值不填时按 1 分计。']],
      题库: [['题型', '题干', '选项A', '选项B', '答案', '解析'], ['单选题', '劳动合同应当以什么形式订立？', '书面', '口头', 'A', '第十条。']],
    }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'notes', dryRun: true });
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual(['notes.xlsx[填写说明]:1:1 warning import-sheet-skipped']);
    expect(result.diagnostics[0]!.message).toContain('sheet "填写说明" names no column skillpack reads in its first row ("填写说明：题型可填单选题、多选题、判断题；答案填选项字母。")');
    expect(result.questions).toBe(1);
  });

  it('reads the headers and type names of common exam systems\' templates: 试题类型, 试题内容, 选项1…, 参考答案, （必填） marks, 不定项选择题, 案例分析题', async () => {
    const file = path.join(root, 'template.xlsx');
    writeFileSync(file, writeXlsx({ S: [
      ['试题编号', '*试题类型', '试题内容（必填）', '选项1', '选项2', '选项3', '参考答案', '题目解析', '试题分值(分)'],
      ['t-1', '不定项选择题', '下列属于劳动合同必备条款的是', '劳动报酬', '工作时间', '试用期', 'AB', '第十七条。', 2],
      ['t-2', '单项选择', '试用期最长几个月？', '三', '六', '十二', 'B', '', 1],
      ['t-3', '是非题', '劳动合同可以口头订立。', '', '', '', '错', '', 1],
      ['t-4', '案例分析题', '某公司未与员工签订书面劳动合同，应承担什么责任？', '', '', '', '支付二倍工资。', '第八十二条。', ''],
    ] }));
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'template', dryRun: true });
    expect(result.diagnostics.filter((d) => d.rule !== 'feedback-missing').map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual([]);
    expect(result.text!.split('\n').filter((l) => l.startsWith('## '))).toEqual([
      '## 下列属于劳动合同必备条款的是 {#t-1 type=multiple points=2}',
      '## 试用期最长几个月？ {#t-2 type=single points=1}',
      '## 劳动合同可以口头订立。 {#t-3 type=true-false points=1}',
      '## 某公司未与员工签订书面劳动合同，应承担什么责任？ {#t-4 type=essay}',
    ]);
  });

  it('a CSV saved with ";" between its cells (Excel where "," is the decimal mark) is read with ";"', async () => {
    const file = path.join(root, 'semicolons.csv');
    writeFileSync(file, '\ufeff题型;题干;选项A;选项B;答案;分值\n单选题;试用期最长几个月？;六;十二;A;1,5\n');
    const result = await importBank({ project, file, course: 'hr-manager', bank: 'semicolons', dryRun: true });
    expect(errors(result)).toEqual(['2:6 import-points cell F2: "1,5" is not a number of points from 0 to 1000 with at most two decimal places']);
    writeFileSync(file, '题型;题干;选项A;选项B;答案\n单选题;试用期最长几个月？;六;十二;A\n多选题;"哪些是, 必备条款？";劳动报酬;工作时间;A\n');
    const fine = await importBank({ project, file, course: 'hr-manager', bank: 'semicolons', dryRun: true });
    expect(errors(fine)).toEqual([]);
    expect(fine.text!.split('\n').filter((l) => l.startsWith('## ') || l.startsWith('- ['))).toEqual([
      expect.stringMatching(/^## 试用期最长几个月？ \{#q-[0-9a-f]{10} type=single\}$/), '- [x] 六', '- [ ] 十二',
      expect.stringMatching(/^## 哪些是, 必备条款？ \{#q-[0-9a-f]{10} type=multiple\}$/), '- [x] 劳动报酬', '- [ ] 工作时间',
    ]);
  });
});

