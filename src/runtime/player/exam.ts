/**
 * The exam: an introduction (rules, attempts, history, start), then the running
 * attempt with its answered counter, timer and submit with confirmation.
 */
import type { Question } from '../../course/model.js';
import type { AttemptState } from '../state.js';
import { isUnscored, scaledOf } from '../scoring.js';
import type { Player, View } from './app.js';
import { confirmDialog } from './confirm.js';
import { h, uid } from './dom.js';
import { formatNumber, type Translate } from './i18n.js';
import { renderQuestion } from './question.js';
import { recordedCard } from './recorded.js';

/**
 * Score as a percentage, rounded to one decimal; a failing score that would round up to the
 * pass mark is shown cut instead (59.96 % against 60 % reads 59.9 %, never 60 %).
 * @param scaled the score in 0..1
 * @param language the course language
 * @param failedBelow the pass mark in 0..1 when this score failed it
 */
export function percent(scaled: number, language: string, failedBelow?: number): string {
  let shown = Math.round(scaled * 1000 + 1e-9) / 10;
  if (failedBelow !== undefined && shown >= Math.round(failedBelow * 1000) / 10) shown = Math.floor(scaled * 1000 + 1e-9) / 10;
  return formatNumber(shown, language);
}

/** "2 points" / "not scored" for a question heading. */
export function pointsLabel(question: Question, t: Translate): string {
  if (isUnscored(question)) return t('q.unscored');
  return t('q.points', { n: question.points });
}

/**
 * A question card: heading (number, points) over the question body.
 * @param level heading level: 2 in the exam, 3 in the results under "Your answers"
 */
export function questionCard(question: Question, n: number, total: number, level: 2 | 3, t: Translate, ...body: HTMLElement[]): HTMLElement {
  const id = uid('qh');
  return h(
    'section',
    { class: 'sp-card sp-question', 'data-qid': question.id, 'aria-labelledby': id },
    h(level === 2 ? 'h2' : 'h3', { id, class: 'sp-qhead' }, h('span', null, t('q.number', { n, total })), h('span', { class: 'sp-points' }, pointsLabel(question, t))),
    ...body,
  );
}

function clock(seconds: number): string {
  const s = Math.ceil(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}` : `${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
}

function renderIntro(player: Player): View {
  const { course, t, state } = player;
  const exam = course.exam;
  const heading = h('h1', null, t('exam.title'));
  if (!exam) return { el: h('div', null, heading, h('p', null, t('exam.none'))), heading };
  const lang = course.language;
  const count = exam.draws.reduce((sum, d) => sum + Math.min(d.count, course.banks.find((b) => b.id === d.bank)?.questions.length ?? 0), 0);
  const attempt = player.attempt;
  const lines = [
    t(exam.attempts === 0 ? 'exam.attempts-unlimited' : 'exam.attempts', { used: state.attemptsUsed, max: exam.attempts }),
    exam.timeLimitMinutes ? t('exam.time-limit', { n: formatNumber(exam.timeLimitMinutes, lang) }) : null,
  ];
  const results = attempt?.submitted ? h('a', { class: 'sp-btn', href: '#/results' }, t('exam.view-results')) : null;
  let status: HTMLElement | null = null;
  // A pass only the resume data claims is not shown as one (see `Player.vouchesFor`).
  const vouched = player.vouchesFor(state.history.find((entry) => entry.passed)?.attempt ?? 0);
  if (player.recording && state.passed) status = vouched ? h('p', { class: 'sp-badge sp-good' }, t('exam.passed')) : h('p', { class: 'sp-badge' }, t('results.unconfirmed'));
  else if (player.recording && player.attemptsLeft() === 0) status = h('p', { class: 'sp-badge sp-bad' }, t('exam.no-more', { max: exam.attempts }));
  const nextNumber = state.attemptsUsed + 1;
  const el = h(
    'div',
    { class: 'sp-exam-intro' },
    heading,
    h(
      'section',
      { class: 'sp-card' },
      h('p', { class: 'sp-lead' }, t('exam.intro', { count, score: percent(player.passing, lang) })),
      h('ul', { class: 'sp-list' }, ...lines.map((line) => (line ? h('li', null, line) : null))),
      player.recording ? null : h('p', { class: 'sp-mode' }, t('exam.unrecorded')),
      status,
      recordedCard(player),
      h(
        'div',
        { class: 'sp-actions' },
        player.canStart()
          ? h('button', { type: 'button', class: 'sp-btn sp-btn-primary', onclick: () => player.startAttempt() }, player.recording ? t('exam.start', { n: nextNumber }) : t('exam.start-practice'))
          : null,
        results,
      ),
    ),
    state.history.length
      ? h(
          'section',
          { class: 'sp-card', 'aria-labelledby': 'sp-history-h' },
          h('h2', { id: 'sp-history-h' }, t('exam.history')),
          h(
            'ol',
            { class: 'sp-history' },
            ...state.history.map((entry) =>
              h(
                'li',
                null,
                t('exam.history-row', {
                  n: entry.attempt,
                  percent: percent(scaledOf(entry), lang),
                  result: t(!entry.passed ? 'results.failed' : player.vouchesFor(entry.attempt) ? 'results.passed' : 'results.unconfirmed'),
                }),
              ),
            ),
          ),
        )
      : null,
  );
  return { el, heading };
}

function renderAttempt(player: Player, attempt: AttemptState): View {
  const { t, course } = player;
  const heading = h('h1', null, t('exam.title'));
  const total = attempt.questions.length;
  const answered = h('p', { class: 'sp-answered' });
  const timeText = h('span', { role: 'timer', class: 'sp-time' });
  const timer = course.exam?.timeLimitMinutes ? h('p', { class: 'sp-timer' }, h('span', null, `${t('exam.time-left')} `), timeText) : null;
  const views = attempt.questions.map((index, i) => {
    const question = player.questions[index] as Question;
    const view = renderQuestion(question, {
      t,
      order: attempt.orders[i] ?? '',
      onChange: (typing) => {
        player.answer(i, view.read(), typing);
        count();
      },
    });
    view.set(attempt.answers[i] ?? null);
    return { question, view };
  });
  const count = () => {
    answered.textContent = t('exam.answered', { n: views.filter((v) => v.view.read() !== null).length, total });
  };
  count();
  const submit = async () => {
    const open = views.filter((v) => !v.view.complete()).length;
    if (open > 0) {
      const ok = await confirmDialog({
        title: t('exam.confirm-title'),
        body: t('exam.confirm-body', { n: open, total }),
        yes: t('exam.confirm-yes'),
        no: t('exam.confirm-no'),
      });
      if (!ok) return;
    }
    player.submit();
    // Shown while the answers are delivered (the results follow): the button cannot submit twice.
    if (submitButton.isConnected && player.recording) {
      submitButton.disabled = true;
      submitButton.textContent = t('exam.saving');
    }
  };
  const submitButton = h('button', { type: 'button', class: 'sp-btn sp-btn-primary', onclick: () => void submit() }, t('exam.submit'));
  const el = h(
    'div',
    { class: 'sp-exam' },
    h('p', { class: 'sp-eyebrow' }, t('exam.attempt-heading', { n: attempt.attempt })),
    heading,
    player.recording ? null : h('p', { class: 'sp-mode' }, t('exam.unrecorded')),
    h('div', { class: 'sp-exam-bar', role: 'region', 'aria-label': t('exam.status') }, answered, timer),
    ...views.map(({ question, view }, i) => questionCard(question, i + 1, total, 2, t, view.root)),
    h('div', { class: 'sp-actions sp-submit', 'aria-live': 'polite' }, submitButton),
  );
  player.onTick = (left) => {
    timeText.textContent = clock(left);
    timer?.classList.toggle('sp-urgent', left <= 60);
  };
  player.startClock();
  const left = player.remaining();
  if (left !== null) player.onTick(left);
  // If time runs out while the confirmation is open, the question is moot: close it.
  return { el, heading, cleanup: () => document.querySelector<HTMLDialogElement>('dialog.sp-dialog')?.close() };
}

/**
 * Render the exam place: the running attempt, or the introduction.
 * @param player the player
 */
export function renderExam(player: Player): View {
  const attempt = player.attempt;
  return attempt && !attempt.submitted ? renderAttempt(player, attempt) : renderIntro(player);
}
