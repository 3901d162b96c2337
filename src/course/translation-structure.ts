/**
 * A translated question must be the source question in other words: the same type,
 * options, keys, points and answers. Answer keys never differ between languages, so
 * an institution's reports line up and no learner is marked against another key.
 */
import type { Question } from './model.js';

const ids = (list: Array<{ id: string }>) => list.map((o) => o.id).join(', ');
const points = (n: number) => `${n} point${n === 1 ? '' : 's'}`;
const pairs = (list: Array<[string, string]>) => list.map(([s, t]) => `${s}→${t}`).join(', ');

/**
 * How a translated question's structure differs from its source's, in words
 * (empty when it is the same). Text (prompt, labels, feedback) may differ; fill-in
 * answers may too, since they are words of the translation's language.
 */
export function structureDifferences(source: Question, translated: Question): string[] {
  if (source.type !== translated.type) return [`it is a ${translated.type} question, the source a ${source.type} question`];
  const out: string[] = [];
  if (source.points !== translated.points) out.push(`it is worth ${points(translated.points)}, the source ${points(source.points)}`);
  const t = translated as typeof source;
  switch (source.type) {
    case 'true-false':
      if (t.type === 'true-false' && t.answer !== source.answer) out.push(`its answer is ${t.answer ? 'true' : 'false'}, the source's ${source.answer ? 'true' : 'false'}`);
      break;
    case 'single':
    case 'multiple':
      if (t.type !== 'single' && t.type !== 'multiple') break;
      if (t.choices.length !== source.choices.length) out.push(`it has ${t.choices.length} options, the source ${source.choices.length}`);
      if (t.correct.join() !== source.correct.join()) out.push(`its correct ${t.correct.length === 1 ? 'option is' : 'options are'} ${t.correct.join(', ')}, the source's ${source.correct.join(', ')}`);
      break;
    case 'fill-in':
      if (t.type !== 'fill-in') break;
      if (t.caseSensitive !== source.caseSensitive) out.push(`letter case ${t.caseSensitive ? 'matters' : 'does not matter'} in it, in the source it ${source.caseSensitive ? 'does' : 'does not'}`);
      if (t.exactWhitespace !== source.exactWhitespace) out.push(`blanks ${t.exactWhitespace ? 'must match exactly' : 'are loose'} in it, in the source they ${source.exactWhitespace ? 'must match exactly' : 'are loose'}`);
      break;
    case 'numeric':
      if (t.type === 'numeric' && (t.min !== source.min || t.max !== source.max)) out.push(`its answer is ${t.min === t.max ? t.min : `${t.min}..${t.max}`}, the source's ${source.min === source.max ? source.min : `${source.min}..${source.max}`}`);
      break;
    case 'matching':
      if (t.type !== 'matching') break;
      if (t.sources.length !== source.sources.length || t.targets.length !== source.targets.length) out.push(`it has ${t.sources.length} items and ${t.targets.length} answers, the source ${source.sources.length} and ${source.targets.length}`);
      if (pairs(t.pairs) !== pairs(source.pairs)) out.push(`its pairs are ${pairs(t.pairs)}, the source's ${pairs(source.pairs)}`);
      break;
    case 'sequencing':
      if (t.type === 'sequencing' && ids(t.items) !== ids(source.items)) out.push(`it has ${t.items.length} steps, the source ${source.items.length}`);
      break;
    case 'likert':
      if (t.type === 'likert' && t.scale.length !== source.scale.length) out.push(`its scale has ${t.scale.length} points, the source's ${source.scale.length}`);
      break;
    case 'essay':
      if (t.type === 'essay' && t.maxLength !== source.maxLength) out.push(`it allows ${t.maxLength} characters, the source ${source.maxLength}`);
      break;
  }
  return out;
}
