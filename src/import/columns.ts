/**
 * The columns of a spreadsheet question bank, by the names institutions give them:
 * the usual layout of Chinese exam banks (题型, 题干, 选项A…, 答案, 解析, 分值, 编号)
 * and its English equivalent. Option columns run from A to Z.
 */
import type { QuestionType } from '../course/model.js';

export type Field = 'type' | 'stem' | 'answer' | 'explanation' | 'points' | 'id' | `option:${string}`;

const ALIASES: Record<Exclude<Field, `option:${string}`>, string[]> = {
  type: ['题型', '题目类型', '类型', 'type', 'questiontype', 'question type'],
  stem: ['题干', '题目', '试题', '问题', 'stem', 'question', 'prompt'],
  answer: ['答案', '正确答案', '标准答案', 'answer', 'answers', 'correct answer', 'key'],
  explanation: ['解析', '答案解析', '试题解析', 'explanation', 'feedback', 'rationale'],
  points: ['分值', '分数', 'points', 'score', 'marks'],
  id: ['编号', '题号', '序号', 'id', 'question id'],
};

const normalise = (header: string) => header.normalize('NFKC').trim().toLowerCase().replace(/[\s_]+/g, ' ');

/** The field a header names, or null when it is not one skillpack reads. */
export function fieldOf(header: string): Field | null {
  const name = normalise(header);
  if (!name) return null;
  for (const [field, aliases] of Object.entries(ALIASES)) {
    if (aliases.includes(name)) return field as Field;
  }
  // 选项A, 选项 A, option A, A
  const option = /^(?:选项|option|choice)?\s*([a-z])$/.exec(name);
  return option ? `option:${option[1]!.toUpperCase()}` : null;
}

/** Question types by the names spreadsheets use for them. */
const TYPES: Record<string, QuestionType> = {
  单选: 'single', 单选题: 'single', 单项选择题: 'single', single: 'single', 'single choice': 'single',
  多选: 'multiple', 多选题: 'multiple', 多项选择题: 'multiple', multiple: 'multiple', 'multiple choice': 'multiple', 'multiple response': 'multiple',
  判断: 'true-false', 判断题: 'true-false', 'true-false': 'true-false', 'true/false': 'true-false', truefalse: 'true-false', tf: 'true-false',
  填空: 'fill-in', 填空题: 'fill-in', 'fill-in': 'fill-in', 'fill in': 'fill-in', blank: 'fill-in',
  数值: 'numeric', 数值题: 'numeric', 计算: 'numeric', 计算题: 'numeric', numeric: 'numeric', numerical: 'numeric',
  匹配: 'matching', 匹配题: 'matching', 连线: 'matching', 连线题: 'matching', matching: 'matching',
  排序: 'sequencing', 排序题: 'sequencing', sequencing: 'sequencing', ordering: 'sequencing',
  量表: 'likert', 量表题: 'likert', likert: 'likert', survey: 'likert',
  简答: 'essay', 简答题: 'essay', 问答: 'essay', 问答题: 'essay', 论述题: 'essay', essay: 'essay',
};

/** The question type a type cell names, or null. */
export function typeOf(cell: string): QuestionType | null {
  return TYPES[normalise(cell).replace(/ ?- ?/g, '-')] ?? TYPES[normalise(cell)] ?? null;
}

/** Column letters as a spreadsheet shows them (1 → A, 27 → AA). */
export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
