/** A question's HTML texts, wherever its type keeps them. */
import type { Option, Question } from './model.js';

const isOption = (item: unknown): item is Option => typeof item === 'object' && item !== null && typeof (item as { html?: unknown }).html === 'string';

/**
 * The question with each of its HTML texts replaced by `map`'s: the prompt, then its feedback,
 * then the labels of its options, pairs, steps or scale (in that order), whatever its type.
 * @param map a text's replacement; `inline` for an option's label (shown inside a label or a span)
 */
export function mapQuestionHtml<Q extends Question>(question: Q, map: (html: string, inline: boolean) => string): Q {
  const prompt = map(question.prompt, false);
  const feedback = Object.fromEntries(Object.entries(question.feedback).map(([key, value]) => [key, typeof value === 'string' ? map(value, false) : value]));
  const mapped: Record<string, unknown> = { ...question, prompt, feedback };
  for (const [key, value] of Object.entries(question)) {
    if (Array.isArray(value) && value.some(isOption)) mapped[key] = value.map((item: unknown) => (isOption(item) ? { ...item, html: map(item.html, true) } : item));
  }
  return mapped as Q;
}

/** Every HTML text of a question, in the order {@link mapQuestionHtml} gives them. */
export function questionHtml(question: Question): string[] {
  const out: string[] = [];
  mapQuestionHtml(question, (html) => {
    out.push(html);
    return html;
  });
  return out;
}
