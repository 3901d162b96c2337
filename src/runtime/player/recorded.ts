/**
 * The outcome the platform holds from a finished attempt, for a review launch that
 * brings no resume state (an LMS that relaunches a completed course in review mode
 * may hand back only its status and score).
 */
import type { Player } from './app.js';
import { h } from './dom.js';
import { percent } from './exam.js';

/**
 * A card with the recorded outcome, or null when there is nothing to add to what the
 * player already shows (a normal launch, or a review launch with its own history).
 * @param player the player
 */
export function recordedCard(player: Player): HTMLElement | null {
  const { t, launch, course } = player;
  const outcome = launch.recorded;
  if (player.recording || !outcome || player.state.history.length > 0) return null;
  const verdict =
    outcome.passed === true ? t('results.passed') : outcome.passed === false ? t('results.failed') : outcome.completed ? t('recorded.completed') : null;
  if (!verdict && outcome.scaled === null) return null;
  const tone = outcome.passed === false ? 'sp-bad' : 'sp-good';
  return h(
    'section',
    { class: 'sp-card sp-recorded', 'aria-labelledby': 'sp-recorded-h' },
    h('h2', { id: 'sp-recorded-h' }, t('recorded.title')),
    verdict ? h('p', { class: `sp-badge ${tone}` }, verdict) : null,
    outcome.scaled !== null ? h('p', { class: 'sp-lead' }, t('recorded.score', { percent: percent(outcome.scaled, course.language) })) : null,
    h('p', { class: 'sp-note' }, t('recorded.text', { platform: launch.platform })),
  );
}
