/**
 * What an exam attempt can be worth, for the compiler's checks: an attempt with no
 * points to earn cannot be failed, and an LRS refuses its score (min 0, max 0).
 */
import { UNSCORED_TYPES, type ExamDraw, type Question, type QuestionBank } from './model.js';

/**
 * The fewest points an attempt can be worth: each draw, in order, takes the lowest-point
 * questions it may draw (scored ones, surveys too when it asks for them) that an earlier
 * draw left, as the player draws at random from the same questions.
 * @param draws the exam's draws
 * @param banks the course's banks (a draw from an unknown bank adds nothing)
 */
export function fewestPoints(draws: readonly ExamDraw[], banks: readonly QuestionBank[]): number {
  const taken = new Set<Question>();
  let total = 0;
  for (const draw of draws) {
    const drawable = (banks.find((b) => b.id === draw.bank)?.questions ?? []).filter((q) => !taken.has(q) && (draw.surveys || !UNSCORED_TYPES.includes(q.type)));
    for (const question of drawable.sort((a, b) => a.points - b.points).slice(0, draw.count)) {
      taken.add(question);
      total += question.points;
    }
  }
  return total;
}
