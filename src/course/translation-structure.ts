/**
 * A translated question must be the source question in other words: the same type,
 * options, keys, points and answers. Answer keys never differ between languages, so
 * an institution's reports line up and no learner is marked against another key.
 */
import type { Question } from './model.js';
import { compilerKind } from './question-types/index.js';

const points = (n: number) => `${n} point${n === 1 ? '' : 's'}`;

/**
 * How a translated question's structure differs from its source's, in words
 * (empty when it is the same). Text (prompt, labels, feedback) may differ; fill-in
 * answers may too, since they are words of the translation's language.
 */
export function structureDifferences(source: Question, translated: Question): string[] {
  if (source.type !== translated.type) return [`it is a ${translated.type} question, the source a ${source.type} question`];
  const out: string[] = [];
  if (source.points !== translated.points) out.push(`it is worth ${points(translated.points)}, the source ${points(source.points)}`);
  out.push(...compilerKind(source.type).differences(source, translated));
  return out;
}
