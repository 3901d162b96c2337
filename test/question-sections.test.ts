/**
 * What of a question's section learners see, and where: a quote before the answers is part of
 * the prompt, an essay's lists are its prompt, a practice essay ends after its feedback quote,
 * and feedback keeps its paragraphs, line breaks, lists, tables and code instead of running them
 * together into one line. Problems are in the diagnostics fixtures; this is the HTML.
 */
import { createHash } from 'node:crypto';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../src/course/banks.js';
import { renderContextOf } from '../src/course/course-files.js';
import { parseLesson, renderLesson } from '../src/course/lessons.js';
import type { Language } from '../src/course/model.js';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';

function bank(text: string, language: Language = 'zh-CN') {
  const sink = new DiagnosticSink();
  const file = '/course/banks/bank.md';
  const { bank: loaded } = loadBank(text, { file, display: 'banks/bank.md', source: new VFile({ path: file, value: text }), courseDir: '/course', sink, assets: new Set(), lessonFor: () => undefined, definitions: [], language });
  return { questions: new Map(loaded.questions.map((q) => [q.id, q])), rules: sink.items.map((d) => d.rule) };
}

function lesson(text: string) {
  const sink = new DiagnosticSink();
  const file = '/course/lessons/01-a.md';
  const course = { courseDir: '/course', display: () => 'lessons/01-a.md', sink, assets: new Set<string>(), lessonByPath: new Map<string, string>(), language: 'zh-CN' as const };
  const rendered = renderLesson(parseLesson(text, file, 'lessons/01-a.md', { sink }), renderContextOf(file, text, course))!;
  return { html: rendered.html, practice: new Map(rendered.practice.map((q) => [q.id, q])), rules: sink.items.map((d) => d.rule) };
}

const choice = '- [x] 甲\n- [ ] 乙\n\n> **正确：** 对。\n> **错误：** 错。\n';

describe('the prompt', () => {
  it('keeps quoted material before the answers, in place', () => {
    const { questions, rules } = bank(`## 阅读下列法条。 {#q1}\n\n> 《劳动合同法》第十条：应当订立书面劳动合同。\n\n某公司未签订合同。\n\n${choice}`);
    expect(rules).toEqual([]);
    expect(questions.get('q1')!.prompt).toBe('<p>阅读下列法条。</p><blockquote>\n<p>《劳动合同法》第十条：应当订立书面劳动合同。</p>\n</blockquote>\n<p>某公司未签订合同。</p>');
  });

  it('keeps quoted material before the answers of a practice question too', () => {
    const { practice, rules } = lesson(`# 课\n\n### 小测 {.practice #p1}\n\n> 材料：一段引文。\n\n${choice}\n课文继续。\n`);
    expect(rules).toEqual([]);
    expect(practice.get('p1')!.prompt).toContain('<blockquote>\n<p>材料：一段引文。</p>\n</blockquote>');
  });

  it('holds the list of an essay question, which has no answer list', () => {
    const { questions, rules } = bank('## 请简述处理步骤。 {#e1 type=essay}\n\n答题时请考虑以下要点：\n\n- 事实核查\n- 法律依据\n\n> **解析：** 先核查事实。\n');
    expect(rules).toEqual([]);
    expect(questions.get('e1')).toMatchObject({ prompt: '<p>请简述处理步骤。</p><p>答题时请考虑以下要点：</p>\n<ul>\n<li>事实核查</li>\n<li>法律依据</li>\n</ul>', feedback: { explanation: '先核查事实。' } });
  });

  it('of a practice essay ends with its feedback quote: the lesson text after it stays lesson text', () => {
    const { html, practice, rules } = lesson('# 课\n\n开头。\n\n### 思考 {.practice #p-essay type=essay}\n\n> **解析：** 先倾听，再核实。\n\n下面继续讲解。\n\n- 要点甲\n- 要点乙\n');
    expect(rules).toEqual([]);
    expect(practice.get('p-essay')).toMatchObject({ prompt: '<p>思考</p>', feedback: { explanation: '先倾听，再核实。' } });
    expect(html).toBe('<p>开头。</p>\n<div data-practice="p-essay"></div>\n<p>下面继续讲解。</p>\n<ul>\n<li>要点甲</li>\n<li>要点乙</li>\n</ul>');
  });
});

describe('feedback', () => {
  const feedbackOf = (quote: string, language: Language = 'zh-CN') => {
    const { questions, rules } = bank(`## 题 {#f}\n\n- [x] 甲\n- [ ] 乙\n\n${quote}\n`, language);
    return { feedback: questions.get('f')!.feedback, rules };
  };

  it('of one paragraph per label is inline HTML, as before', () => {
    expect(feedbackOf('> **正确：** 对。\n>\n> **错误：** *错*。\n> **解析：** 见第十条。').feedback).toEqual({ correct: '对。', incorrect: '<em>错</em>。', explanation: '见第十条。' });
  });

  it('reads a label with no space after its colon (**错误：**错), as Chinese authors write it', () => {
    expect(feedbackOf('> **正确：**对。\n> **错误：**错。\n>\n> **解析：**见第十条。')).toEqual({ feedback: { correct: '对。', incorrect: '错。', explanation: '见第十条。' }, rules: [] });
  });

  it('keeps its paragraphs apart', () => {
    expect(feedbackOf('> **正确：** 第一段。\n>\n> 第二段说明。\n>\n> **错误：** 错了。').feedback).toEqual({ correct: '<p>第一段。</p>\n<p>第二段说明。</p>', incorrect: '错了。' });
  });

  it('keeps the paragraphs of a label written twice apart', () => {
    expect(feedbackOf('> **正确：** 对。\n> **错误：** 错。\n> **正确：** 再说一句。').feedback.correct).toBe('<p>对。</p>\n<p>再说一句。</p>');
  });

  it('keeps hard line breaks, and drops only the one before the next label', () => {
    expect(feedbackOf('> **正确：** 第一行  \n> 第二行\\\n> 第三行\\\n> **错误：** 错。').feedback).toEqual({ correct: '第一行<br>\n第二行<br>\n第三行', incorrect: '错。' });
  });

  it('keeps lists, code and tables as they are', () => {
    const { feedback, rules } = feedbackOf('> **正确：** 对。\n> **错误：** 错。\n>\n> **解析：** 要点如下：\n>\n> - 要点一\n> - 要点二\n>\n> ```\n> code line\n> ```\n>\n> | 列 | 值 |\n> |---|---|\n> | a | 1 |');
    expect(rules).toEqual([]);
    expect(feedback.explanation).toBe('<p>要点如下：</p>\n<ul>\n<li>要点一</li>\n<li>要点二</li>\n</ul>\n<pre><code>code line\n</code></pre>\n<table>\n<thead>\n<tr>\n<th>列</th>\n<th>值</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>a</td>\n<td>1</td>\n</tr>\n</tbody>\n</table>');
  });

  it('reads 答案解析 and 参考答案 (and Answer in English) as the explanation', () => {
    expect(feedbackOf('> **正确：** 对。\n> **错误：** 错。\n> **答案解析：** 详见第三章。').feedback.explanation).toBe('详见第三章。');
    expect(feedbackOf('> **正确：** 对。\n> **错误：** 错。\n> **参考答案：** 甲。').feedback.explanation).toBe('甲。');
    expect(feedbackOf('> **Correct:** Yes.\n> **Incorrect:** No.\n> **Answer:** A.', 'en').feedback.explanation).toBe('A.');
  });

  it('keeps the text of a label it does not know in the feedback before it', () => {
    const { feedback, rules } = feedbackOf('> **正确：** 对。\n> **错误：** 错。\n> **提示：** 注意审题。');
    expect(feedback.incorrect).toBe('错。<strong>提示：</strong> 注意审题。'); // a line break after 。 is no space in Chinese
    expect(rules).toEqual(['feedback-unknown-label']);
  });
});

describe('a question without {#id}', () => {
  it('keeps the id it had before its prompt showed quoted material, statements and an essay\'s points', () => {
    // The id is derived from the heading and the text above the first list, quotes left out (as earlier versions read the prompt).
    const id = (text: string) => `q-${createHash('sha1').update(text).digest('hex').slice(0, 10)}`;
    const quoted = bank(`## 阅读法条，回答问题。\n\n> 《劳动合同法》第十九条：试用期最长不得超过六个月。\n\n某公司约定试用期八个月。\n\n${choice}`).questions.values().next().value!;
    expect(quoted.prompt).toContain('第十九条');
    expect(quoted.id).toBe(id('阅读法条，回答问题。 某公司约定试用期八个月。'));
    const essay = bank('## 请简述处理步骤。 {type=essay}\n\n答题要点：\n\n- 事实核查\n- 法律依据\n').questions.values().next().value!;
    expect(essay.prompt).toContain('<li>法律依据</li>');
    expect(essay.promptText).toBe('请简述处理步骤。 答题要点： 事实核查 法律依据');
    expect(essay.id).toBe(id('请简述处理步骤。 答题要点：'));
  });
});

describe('feedback whose label ends its line', () => {
  it('starts with the next line, with no line break before it', () => {
    for (const end of ['\\', '  ']) {
      const { questions } = bank(`## 题 {#q}\n\n- [x] 甲\n- [ ] 乙\n\n> **正确：** 对。\n> **错误：** 错。\n> **解析：**${end}\n> 《劳动合同法》第十九条。\n`);
      expect(questions.get('q')!.feedback.explanation).toBe('《劳动合同法》第十九条。');
    }
  });
});
