/**
 * The pieces question widgets are made of: the prompt with its labelled group, a list
 * of radio buttons or checkboxes, and a text field. Each question type builds its widget
 * from them (`src/runtime/question-types/`), so questions look and behave alike everywhere.
 *
 * Accessibility: option groups are a fieldset whose legend carries the prompt text
 * (visually hidden: the rich prompt HTML is shown above it) and a visible hint.
 */
import type { Option, Question, Response } from '../../course/model.js';
import { h, uid } from './dom.js';
import type { Translate } from './i18n.js';

export interface QuestionView {
  /** The question's body: prompt and answer controls. */
  root: HTMLElement;
  /** The current response; null while unanswered (or a number that does not parse). */
  read(): Response | null;
  /** False while partly answered (a matching source without a target). */
  complete(): boolean;
  /** Show a saved response. */
  set(response: Response | null): void;
  /** Disable every control (review after submission). */
  lock(): void;
}

export interface QuestionOptions {
  t: Translate;
  /** Option ids in display order ('' = as authored); see `draw.optionOrder`. */
  order: string;
  /** Called on every change; `typing` is true for keystrokes in a text field (callers may batch those). */
  onChange?: (typing: boolean) => void;
}

/** A response of the question's own type. */
export const responseOf = (question: Question, value: unknown): Response => ({ type: question.type, value }) as Response;

/** Put options in display order; unknown ids in `order` are ignored, missing ones appended. */
export function ordered(options: readonly Option[], order: string): Option[] {
  if (!order) return options.slice();
  const byId = new Map(options.map((o) => [o.id, o]));
  const out = [...order].map((id) => byId.get(id)).filter((o): o is Option => o !== undefined);
  return out.length === options.length ? out : options.slice();
}

/** The body of a question of this type: its prompt, then `answers`. */
const body = (question: Question, answers: HTMLElement) =>
  h('div', { class: `sp-qbody sp-type-${question.type}` }, h('div', { class: 'sp-prompt', html: question.prompt }), answers);

/** The prompt, then a fieldset whose legend names the group for assistive technology. */
export function group(question: Question, hint: string, ...controls: HTMLElement[]): HTMLElement {
  return body(
    question,
    h('fieldset', { class: 'sp-answers' }, h('legend', null, h('span', { class: 'sp-vh' }, `${question.promptText} `), h('span', { class: 'sp-hint' }, hint)), ...controls),
  );
}

export function lockAll(root: HTMLElement): void {
  root.querySelectorAll('input, select, textarea, button').forEach((el) => {
    (el as HTMLInputElement).disabled = true;
  });
}

/**
 * Radio buttons, or checkboxes: true/false, single, multiple and likert.
 * @param question the question
 * @param opts translator, option order and change callback
 * @param options its options in display order
 * @param hint what to do, shown in the legend
 * @param value the response value of the chosen ids (at least one)
 * @param multiple checkboxes (any number chosen) rather than radio buttons
 * @param scale laid out as a scale (likert)
 */
export function choiceView(question: Question, opts: QuestionOptions, options: Option[], hint: string, value: (ids: string[]) => unknown, multiple?: boolean, scale?: boolean): QuestionView {
  const name = uid('q');
  const inputs = options.map((option) => {
    const id = uid('o');
    const input = h('input', { type: multiple ? 'checkbox' : 'radio', name, id, value: option.id, onchange: () => opts.onChange?.(false) });
    return { input, row: h('div', { class: 'sp-choice' }, input, h('label', { for: id, html: option.html })) };
  });
  const root = group(question, hint, h('div', { class: scale ? 'sp-choices sp-likert' : 'sp-choices' }, ...inputs.map((i) => i.row)));
  const checked = () => inputs.filter((i) => i.input.checked).map((i) => i.input.value);
  return {
    root,
    read() {
      const ids = checked();
      return ids.length ? responseOf(question, value(ids)) : null;
    },
    complete: () => checked().length > 0,
    set(response) {
      // Input values are the option ids, and "true"/"false" for a true/false question.
      const ids = response?.type === question.type ? [response.value].flat().map(String) : [];
      for (const { input } of inputs) input.checked = ids.includes(input.value);
    },
    lock: () => lockAll(root),
  };
}

/**
 * One text field labelled with the prompt: a line of text (fill-in), a number checked as
 * it is typed (numeric), or a textarea with a characters-left counter (essay).
 * @param question the question
 * @param opts translator, option order and change callback
 * @param field which of the three
 * @param hint what to write, under the label ('' for none)
 * @param max the longest answer in characters
 * @param value the response value of a text; null while unanswered or unreadable
 */
export function textView(question: Question, opts: QuestionOptions, field: 'line' | 'number' | 'long', hint: string, max: number, value: (text: string) => unknown): QuestionView {
  const { t } = opts;
  const id = uid('t');
  const hintId = uid('h');
  const errorId = uid('e');
  const essay = field === 'long';
  const error = h('p', { class: 'sp-error', id: errorId, hidden: true }, t('q.numeric-invalid'));
  // The field is described by its hint, and by the error only while it shows (a hidden one would still be read).
  const describedBy = (bad: boolean) => [hint && hintId, essay ? counter.id : bad && errorId].filter(Boolean).join(' ') || null;
  const counter = h('p', { class: 'sp-counter', id: uid('c') });
  const update = () => {
    if (field === 'number') {
      const bad = input.value.trim() !== '' && value(input.value) === null;
      error.hidden = !bad;
      input.setAttribute('aria-invalid', String(bad));
      input.setAttribute('aria-describedby', describedBy(bad) ?? '');
    }
    if (essay) counter.textContent = t('q.chars-left', { n: max - input.value.length });
  };
  const attrs = {
    id,
    maxlength: max,
    'aria-describedby': describedBy(false),
    autocomplete: 'off',
    spellcheck: essay ? 'true' : 'false',
    oninput: () => {
      update();
      opts.onChange?.(true);
    },
    onchange: () => opts.onChange?.(false),
  };
  const input: HTMLInputElement | HTMLTextAreaElement = essay
    ? h('textarea', { ...attrs, rows: 8 })
    : h('input', { ...attrs, type: 'text', inputmode: field === 'number' ? 'decimal' : null });
  update();
  const root = body(
    question,
    h(
      'div',
      { class: 'sp-answers' },
      h('label', { for: id, class: 'sp-label' }, h('span', { class: 'sp-vh' }, `${question.promptText} `), t('q.your-answer')),
      hint ? h('p', { class: 'sp-hint', id: hintId }, hint) : null,
      input,
      essay ? counter : field === 'number' ? error : null,
    ),
  );
  return {
    root,
    read() {
      const answer = value(input.value);
      return answer === null ? null : responseOf(question, answer);
    },
    complete() {
      return this.read() !== null;
    },
    set(response) {
      input.value = response?.type === question.type ? String(response.value) : '';
      update();
    },
    lock: () => lockAll(root),
  };
}
