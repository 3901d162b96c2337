/**
 * Feedback after an answer: a verdict line, then the author's correct/incorrect text
 * and explanation. Shared by practice questions and the exam review.
 */
import type { Question } from '../../course/model.js';
import type { QuestionScore } from '../scoring.js';
import { h } from './dom.js';
import type { Translate } from './i18n.js';

/**
 * The feedback block for a scored (or noted) answer.
 * @param question the question
 * @param result its score; `correct === null` for unscored types
 * @param verdict the verdict line, already worded by the caller
 * @param t translator
 */
export function feedbackBlock(question: Question, result: QuestionScore, verdict: string, t: Translate): HTMLElement {
  const tone = result.correct === null ? 'neutral' : result.correct ? 'good' : 'bad';
  const text = result.correct === null ? undefined : result.correct ? question.feedback.correct : question.feedback.incorrect;
  const explanation = question.feedback.explanation;
  return h(
    'div',
    { class: `sp-feedback sp-${tone}` },
    h('p', { class: 'sp-verdict' }, h('span', { class: 'sp-verdict-icon', 'aria-hidden': 'true' }, tone === 'good' ? '✓' : tone === 'bad' ? '✗' : 'i'), verdict),
    text ? h('div', { class: 'sp-feedback-text', html: text }) : null,
    explanation
      ? h('div', { class: 'sp-explanation' }, h('p', { class: 'sp-explanation-label' }, t('fb.explanation')), h('div', { html: explanation }))
      : null,
  );
}
