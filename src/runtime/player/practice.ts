/**
 * Practice questions inside lessons: immediate feedback, retry at will, never scored.
 * They are still reported (attempt 0) so platforms that track practice can see them.
 */
import type { Question } from '../../course/model.js';
import type { AnswerRecord } from '../lms/adapter.js';
import { optionOrder } from '../draw.js';
import { scoreResponse } from '../scoring.js';
import { h, uid } from './dom.js';
import { feedbackBlock } from './feedback.js';
import type { Translate } from './i18n.js';
import { renderQuestion } from './question.js';

/**
 * Mount a practice question into its `<div data-practice="ID">` placeholder.
 * @param placeholder the placeholder element from the lesson HTML
 * @param question the practice question
 * @param t translator
 * @param report receives each checked answer (attempt 0)
 */
export function mountPractice(placeholder: HTMLElement, question: Question, t: Translate, report: (record: AnswerRecord) => void): void {
  const shownAt = new Date();
  const view = renderQuestion(question, { t, order: optionOrder(question, true) });
  const feedback = h('div', { class: 'sp-feedback-area', 'aria-live': 'polite' });
  const labelId = uid('p');
  const check = () => {
    const response = view.read();
    if (!response) {
      feedback.replaceChildren(h('p', { class: 'sp-hint' }, t('practice.empty')));
      return;
    }
    const result = scoreResponse(question, response);
    const verdict = result.correct === null ? t('fb.noted') : t(result.correct ? 'fb.correct' : 'fb.incorrect');
    feedback.replaceChildren(feedbackBlock(question, result, verdict, t));
    report({ question, response, ...result, attempt: 0, shownAt, answeredAt: new Date() });
  };
  placeholder.classList.add('sp-card', 'sp-practice');
  placeholder.setAttribute('role', 'group');
  placeholder.setAttribute('aria-labelledby', labelId);
  placeholder.replaceChildren(
    h('p', { class: 'sp-practice-label', id: labelId }, t('practice.label')),
    view.root,
    h('div', { class: 'sp-actions' }, h('button', { type: 'button', class: 'sp-btn', onclick: check }, t('practice.check')), h('p', { class: 'sp-note' }, t('practice.note'))),
    feedback,
  );
}
