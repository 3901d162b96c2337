/** Simplified Chinese. */
import { zhCN as strings } from '../runtime/strings/zh-CN.js';
import type { LanguageDefinition } from './definition.js';

export const zhCN: LanguageDefinition = {
  englishName: 'Simplified Chinese',
  nativeName: '简体中文',
  strings,
  noscript: '本课程需要启用 JavaScript。',
  newCourseTitle: (id) => `新课程（${id}）`,
  trueFalse: ['正确', '错误'],
  explanationLabel: '**解析：**',
  keywords: {
    true: ['正确', '对'],
    false: ['错误', '错'],
    looseTrue: ['是'],
    looseFalse: ['否'],
    answerTrue: [],
    answerFalse: [],
    feedback: { 正确: 'correct', 回答正确: 'correct', 错误: 'incorrect', 回答错误: 'incorrect', 解析: 'explanation', 说明: 'explanation' },
    columns: {
      type: ['题型', '题目类型', '类型'],
      stem: ['题干', '题目', '试题', '问题'],
      answer: ['答案', '正确答案', '标准答案'],
      explanation: ['解析', '答案解析', '试题解析'],
      points: ['分值', '分数'],
      id: ['编号', '题号', '序号'],
    },
    questionTypes: {
      单选: 'single', 单选题: 'single', 单项选择题: 'single',
      多选: 'multiple', 多选题: 'multiple', 多项选择题: 'multiple',
      判断: 'true-false', 判断题: 'true-false',
      填空: 'fill-in', 填空题: 'fill-in',
      数值: 'numeric', 数值题: 'numeric', 计算: 'numeric', 计算题: 'numeric',
      匹配: 'matching', 匹配题: 'matching', 连线: 'matching', 连线题: 'matching',
      排序: 'sequencing', 排序题: 'sequencing',
      量表: 'likert', 量表题: 'likert',
      简答: 'essay', 简答题: 'essay', 问答: 'essay', 问答题: 'essay', 论述题: 'essay',
    },
    optionPrefixes: ['选项'],
    sourceLabels: ['资料来源', '参考资料', '参考文献', '来源', '依据'],
    figureUnits: ['元', '万元', '个月', '周岁', '工作日', '日内', '天内', '小时'],
    lawArticle: '第[一二三四五六七八九十百零〇\\d]+条',
  },
};
