/** English. */
import { en as strings } from '../runtime/strings/en.js';
import type { LanguageDefinition } from './definition.js';

export const en: LanguageDefinition = {
  englishName: 'English',
  nativeName: 'English',
  strings,
  noscript: 'This course needs JavaScript.',
  newCourseTitle: (id) => id.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' '),
  trueFalse: ['True', 'False'],
  explanationLabel: '**Explanation:**',
  keywords: {
    true: ['true'],
    false: ['false'],
    looseTrue: ['t', 'yes'],
    looseFalse: ['f', 'no'],
    answerTrue: ['y', 'right'],
    answerFalse: ['n', 'wrong'],
    feedback: { correct: 'correct', right: 'correct', incorrect: 'incorrect', wrong: 'incorrect', explanation: 'explanation' },
    columns: {
      type: ['type', 'questiontype', 'question type'],
      stem: ['stem', 'question', 'prompt'],
      answer: ['answer', 'answers', 'correct answer', 'key'],
      explanation: ['explanation', 'feedback', 'rationale'],
      points: ['points', 'score', 'marks'],
      id: ['id', 'question id'],
    },
    questionTypes: {
      single: 'single', 'single choice': 'single',
      multiple: 'multiple', 'multiple choice': 'multiple', 'multiple response': 'multiple',
      'true-false': 'true-false', 'true/false': 'true-false', truefalse: 'true-false', tf: 'true-false',
      'fill-in': 'fill-in', 'fill in': 'fill-in', blank: 'fill-in',
      numeric: 'numeric', numerical: 'numeric',
      matching: 'matching',
      sequencing: 'sequencing', ordering: 'sequencing',
      likert: 'likert', survey: 'likert',
      essay: 'essay',
    },
    optionPrefixes: ['option', 'choice'],
    sourceLabels: ['Source', 'Sources', 'Reference', 'References'],
    figureUnits: [],
    lawArticle: String.raw`\b(?:Article|Art\.)\s*\d+`,
  },
};
