/** How a fill-in text is compared: shared by the player and the question exports, which must agree. */
import type { FillInQuestion } from '../../course/model.js';

/**
 * Normalise a fill-in text the way the question says it is compared.
 * @param text the learner's text or an accepted answer
 * @param question the fill-in question whose case and whitespace rules apply
 */
export function normaliseFillIn(text: string, question: Pick<FillInQuestion, 'caseSensitive' | 'exactWhitespace'>): string {
  // NFKC: the same letter typed with a combining accent, and full-width letters and digits (a Chinese
  // input method's ＰＤＣＡ, １１９), compare equal to what the author wrote.
  let out = text.normalize('NFKC');
  if (!question.exactWhitespace) out = out.trim().replace(/\s+/g, ' ');
  if (!question.caseSensitive) out = out.toLowerCase();
  return out;
}
