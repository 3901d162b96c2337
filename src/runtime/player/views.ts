/** Which view renders which place. */
import type { Place } from '../state.js';
import type { Player, View } from './app.js';
import { renderExam } from './exam.js';
import { renderLesson } from './lesson.js';
import { renderResults } from './results.js';
import { renderWelcome } from './welcome.js';

/**
 * Render the view for a place (already validated by the player).
 * @param player the player
 * @param place where
 */
export function renderView(player: Player, place: Place): View {
  if (place.view === 'lesson') return renderLesson(player, place.index);
  if (place.view === 'exam') return renderExam(player);
  if (place.view === 'results') return renderResults(player);
  return renderWelcome(player);
}
