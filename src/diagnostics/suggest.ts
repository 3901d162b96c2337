/**
 * "Did you mean …?": the closest known word, offered only when it is close enough to be
 * a likely misspelling (a suggestion that is far off misleads more than it helps).
 */
import { closest, distance } from 'fastest-levenshtein';

/**
 * The known word `word` was probably meant to be, or undefined.
 * @param word what the author wrote
 * @param known the words that would have been valid
 */
export function suggest(word: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const near = closest(word, [...known]);
  const lower = word.toLowerCase();
  if (near.toLowerCase() === lower) return near;
  const allowed = near.length <= 3 ? 1 : near.length <= 8 ? 2 : 3;
  return distance(lower, near.toLowerCase()) <= allowed ? near : undefined;
}
