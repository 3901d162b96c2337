/**
 * Results of the last submitted attempt: score, points, pass/fail against the pass
 * mark, the certificate on a pass, a retry when allowed, and every question with
 * the learner's answer and its feedback.
 *
 * A pass is shown as one (with the certificate) only when the player can vouch for it
 * (`Player.vouchesFor`): a pass that only the resume data claims is shown as not
 * confirmed, since a learner can edit that data.
 */
import type { Question } from '../../course/model.js';
import { scoreResponse } from '../scoring.js';
import type { Player, View } from './app.js';
import { h } from './dom.js';
import { percent, questionCard } from './exam.js';
import { feedbackBlock } from './feedback.js';
import { formatNumber } from './i18n.js';
import { renderQuestion } from './question.js';
import { recordedCard } from './recorded.js';

/**
 * Whether a submitted attempt's results show each question with its feedback.
 * @param rule the exam's `review` setting
 * @param attempt whether it was recorded (review and browse launches are practice), passed, and whether a retake is left
 */
export function answersShown(rule: 'always' | 'final' | 'never', attempt: { recording: boolean; passed: boolean; retakeLeft: boolean }): boolean {
  if (!attempt.recording || rule === 'always') return true;
  return rule === 'final' && (attempt.passed || !attempt.retakeLeft);
}

/** Why a pass from an earlier visit is not shown as one. */
function unconfirmedText(player: Player): string {
  const { t, launch } = player;
  return launch.connected ? t('results.unconfirmed-text', { platform: launch.platform }) : t('results.unconfirmed-offline');
}

/**
 * Render the results screen.
 * @param player the player
 */
export function renderResults(player: Player): View {
  const { course, t } = player;
  const lang = course.language;
  const heading = h('h1', null, t('results.title'));
  const attempt = player.attempt;
  if (!attempt?.submitted) {
    const recorded = recordedCard(player);
    return { el: h('div', null, heading, recorded ?? h('p', null, t('results.no-result'))), heading };
  }

  const result = player.resultOf(attempt);
  const unconfirmed = result.passed && !player.vouchesFor(attempt);
  const verdict = t(unconfirmed ? 'results.unconfirmed' : result.passed ? 'results.passed' : 'results.failed');
  const score = percent(result.scaled, lang, result.passed ? undefined : result.passingScore);
  const points = t('results.points', { raw: formatNumber(result.raw, lang), max: formatNumber(result.max, lang) });
  const cert = course.certificate;
  const row = (label: string, value: string) => h('div', { class: 'sp-fact' }, h('dt', null, label), h('dd', null, value));

  const summary = h(
    'section',
    { class: `sp-card sp-score ${unconfirmed ? 'sp-score-unconfirmed' : result.passed ? 'sp-score-pass' : 'sp-score-fail'}`, 'aria-labelledby': 'sp-score-h' },
    h('h2', { id: 'sp-score-h', class: 'sp-vh' }, t('results.score')),
    h(
      'div',
      { class: 'sp-score-main' },
      h('p', { class: 'sp-score-num' }, h('span', { class: 'sp-vh' }, t('results.score-is')), `${score}%`),
      h('p', { class: `sp-badge ${unconfirmed ? '' : result.passed ? 'sp-good' : 'sp-bad'}`.trim() }, verdict),
    ),
    h('p', { class: 'sp-score-detail' }, `${points} · ${t('results.passing', { percent: percent(result.passingScore, lang) })}`),
    h('p', null, unconfirmed ? unconfirmedText(player) : t(result.passed ? 'results.passed-text' : 'results.failed-text')),
  );

  const certificate = result.passed && !unconfirmed
    ? h(
        'section',
        { class: 'sp-card sp-certificate', 'aria-labelledby': 'sp-cert-h' },
        h('h2', { id: 'sp-cert-h' }, t('results.certificate')),
        h('p', { class: 'sp-cert-name' }, cert.name),
        h(
          'dl',
          { class: 'sp-facts' },
          row(t('results.cert-level'), cert.level),
          row(t('results.cert-issuer'), cert.issuer),
          row(t('results.cert-credits'), t('welcome.credits-value', { n: formatNumber(course.credits, lang) })),
        ),
      )
    : null;

  let next: HTMLElement | null = null;
  if (!result.passed && player.canStart()) {
    const label = player.recording ? t('results.retry', { n: player.state.attemptsUsed + 1 }) : t('exam.start-practice');
    next = h('button', { type: 'button', class: 'sp-btn sp-btn-primary', onclick: () => player.startAttempt() }, label);
  } else if (!result.passed && player.recording) {
    next = h('p', { class: 'sp-note' }, t('results.no-retry'));
  }

  const total = attempt.questions.length;
  // Answers are shown per question only when the course allows it now: with `final`, a failed
  // attempt with retakes left shows no question, so its review cannot answer the retake.
  const reviewRule = course.exam?.review ?? 'final';
  const showAnswers = answersShown(reviewRule, { recording: player.recording, passed: result.passed, retakeLeft: player.canStart() });
  const buildCards = () => attempt.questions.map((index, i) => {
    const question = player.questions[index] as Question;
    const response = attempt.answers[i] ?? null;
    const view = renderQuestion(question, { t, order: attempt.orders[i] ?? '' });
    view.set(response);
    view.lock();
    const scored = scoreResponse(question, response);
    const pts = formatNumber(question.points, lang);
    const line =
      scored.correct === null
        ? t(response ? 'results.q-unscored' : 'results.q-skipped')
        : !response
          ? t('results.q-unanswered', { points: pts })
          : scored.correct
            ? t('results.q-correct', { score: formatNumber(scored.score, lang), points: pts })
            : t('results.q-incorrect', { points: pts });
    return questionCard(question, i + 1, total, 3, t, view.root, feedbackBlock(question, scored, line, t));
  });

  // The score comes first; the per-question review (100 cards on a long exam) is built
  // just after, so the result is on screen without waiting for it.
  const review = h('section', { class: 'sp-answers-review', 'aria-labelledby': 'sp-answers-h', 'aria-busy': showAnswers ? 'true' : null }, h('h2', { id: 'sp-answers-h' }, t('results.answers')));
  if (showAnswers) {
    setTimeout(() => {
      review.append(...buildCards());
      review.removeAttribute('aria-busy');
    }, 0);
  } else {
    review.append(h('p', { class: 'sp-note' }, t(reviewRule === 'never' ? 'results.review-never' : 'results.review-later')));
  }
  const el = h(
    'div',
    { class: 'sp-results' },
    h('p', { class: 'sp-eyebrow' }, t('results.attempt', { n: attempt.attempt })),
    heading,
    player.timedOut === attempt ? h('p', { class: 'sp-notice sp-notice-warning sp-time-up' }, t('exam.time-up')) : null,
    player.recording ? null : h('p', { class: 'sp-mode' }, t('results.unrecorded')),
    summary,
    certificate,
    next ? h('div', { class: 'sp-actions' }, next) : null,
    review,
  );
  // The live announcer, not the heading, tells screen-reader users the outcome.
  player.shell.announce(t('results.announce', { title: t('results.title'), score, verdict, points }));
  return { el, heading };
}
