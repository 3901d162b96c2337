/** How a fill-in text is compared: shared by the player and the question exports, which must agree. */
import type { FillInQuestion } from '../../course/model.js';

/**
 * Normalise a fill-in text the way the question says it is compared.
 * @param text the learner's text or an accepted answer
 * @param question the fill-in question whose case and whitespace rules apply
 */
export function normaliseFillIn(text: string, question: Pick<FillInQuestion, 'caseSensitive' | 'exactWhitespace'>): string {
  // NFC so that the same letter typed with a combining accent compares equal.
  let out = text.normalize('NFC');
  if (!question.exactWhitespace) out = out.trim().replace(/\s+/g, ' ');
  if (!question.caseSensitive) out = out.toLowerCase();
  return out;
}
