/**
 * Question widgets: one renderer per question type, each able to read the learner's
 * response back, restore a saved one and lock itself for review. Exam, practice and
 * results all use the same widgets, so a question looks and behaves the same everywhere.
 *
 * Accessibility: option groups are a fieldset whose legend carries the prompt text
 * (visually hidden: the rich prompt HTML is shown above it) and a visible hint.
 */
import type { Option, Question, Response } from '../../course/model.js';
import { parseNumeric } from '../scoring.js';
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

/** Put options in display order; unknown ids in `order` are ignored, missing ones appended. */
function ordered(options: readonly Option[], order: string): Option[] {
  if (!order) return options.slice();
  const byId = new Map(options.map((o) => [o.id, o]));
  const out = [...order].map((id) => byId.get(id)).filter((o): o is Option => o !== undefined);
  return out.length === options.length ? out : options.slice();
}

/** The prompt, then a fieldset whose legend names the group for assistive technology. */
function group(question: Question, hint: string, ...controls: HTMLElement[]): { root: HTMLElement; fieldset: HTMLFieldSetElement } {
  const fieldset = h(
    'fieldset',
    { class: 'sp-answers' },
    h('legend', null, h('span', { class: 'sp-vh' }, `${question.promptText} `), h('span', { class: 'sp-hint' }, hint)),
    ...controls,
  );
  const root = h('div', { class: `sp-qbody sp-type-${question.type}` }, h('div', { class: 'sp-prompt', html: question.prompt }), fieldset);
  return { root, fieldset };
}

function lockAll(root: HTMLElement): void {
  root.querySelectorAll('input, select, textarea, button').forEach((el) => {
    (el as HTMLInputElement).disabled = true;
  });
}

/** Radio or checkbox list: true/false, single, multiple and likert. */
function choiceView(question: Question, options: Option[], multiple: boolean, hint: string, opts: QuestionOptions): QuestionView {
  const name = uid('q');
  const inputs = options.map((option) => {
    const id = uid('o');
    const input = h('input', { type: multiple ? 'checkbox' : 'radio', name, id, value: option.id, onchange: () => opts.onChange?.(false) });
    return { input, row: h('div', { class: 'sp-choice' }, input, h('label', { for: id, html: option.html })) };
  });
  const list = h('div', { class: question.type === 'likert' ? 'sp-choices sp-likert' : 'sp-choices' }, ...inputs.map((i) => i.row));
  const { root } = group(question, hint, list);
  const checked = () => inputs.filter((i) => i.input.checked).map((i) => i.input.value);
  return {
    root,
    read() {
      const ids = checked();
      if (question.type === 'multiple') return ids.length ? { type: 'multiple', value: ids } : null;
      const id = ids[0];
      if (id === undefined) return null;
      if (question.type === 'true-false') return { type: 'true-false', value: id === 'true' };
      return { type: question.type as 'single' | 'likert', value: id };
    },
    complete: () => checked().length > 0,
    set(response) {
      let ids: string[] = [];
      if (response?.type === 'true-false') ids = [String(response.value)];
      else if (response?.type === 'multiple') ids = response.value;
      else if (response?.type === 'single' || response?.type === 'likert') ids = [response.value];
      for (const { input } of inputs) input.checked = ids.includes(input.value);
    },
    lock: () => lockAll(root),
  };
}

/** One text field (fill-in, numeric) or a textarea (essay), labelled with the prompt. */
function textView(question: Question, opts: QuestionOptions): QuestionView {
  const { t } = opts;
  const id = uid('t');
  const hintId = uid('h');
  const errorId = uid('e');
  const essay = question.type === 'essay';
  const max = question.type === 'essay' ? question.maxLength : 255;
  // "Your answer" says it all for fill-in; numbers and essays have rules worth stating.
  const hint = question.type === 'essay' ? t('q.hint.essay', { max }) : question.type === 'numeric' ? t('q.hint.numeric') : '';
  const error = h('p', { class: 'sp-error', id: errorId, hidden: true }, t('q.numeric-invalid'));
  const counter = h('p', { class: 'sp-counter', id: uid('c') });
  const update = () => {
    if (question.type === 'numeric') {
      const bad = field.value.trim() !== '' && parseNumeric(field.value) === null;
      error.hidden = !bad;
      field.setAttribute('aria-invalid', String(bad));
    }
    if (essay) counter.textContent = t('q.chars-left', { n: max - field.value.length });
  };
  const attrs = {
    id,
    maxlength: max,
    'aria-describedby': `${hint ? `${hintId} ` : ''}${essay ? counter.id : errorId}`,
    autocomplete: 'off',
    spellcheck: essay ? 'true' : 'false',
    oninput: () => {
      update();
      opts.onChange?.(true);
    },
    onchange: () => opts.onChange?.(false),
  };
  const field: HTMLInputElement | HTMLTextAreaElement = essay
    ? h('textarea', { ...attrs, rows: 8 })
    : h('input', { ...attrs, type: 'text', inputmode: question.type === 'numeric' ? 'decimal' : null });
  update();
  const root = h(
    'div',
    { class: `sp-qbody sp-type-${question.type}` },
    h('div', { class: 'sp-prompt', html: question.prompt }),
    h(
      'div',
      { class: 'sp-answers' },
      h('label', { for: id, class: 'sp-label' }, h('span', { class: 'sp-vh' }, `${question.promptText} `), t('q.your-answer')),
      hint ? h('p', { class: 'sp-hint', id: hintId }, hint) : null,
      field,
      essay ? counter : error,
    ),
  );
  return {
    root,
    read() {
      const text = field.value;
      if (question.type === 'numeric') {
        const value = parseNumeric(text);
        return value === null ? null : { type: 'numeric', value };
      }
      if (text.trim() === '') return null;
      return { type: essay ? 'essay' : 'fill-in', value: text };
    },
    complete() {
      return this.read() !== null;
    },
    set(response) {
      field.value = response && (response.type === 'fill-in' || response.type === 'essay') ? response.value : response?.type === 'numeric' ? String(response.value) : '';
      update();
    },
    lock: () => lockAll(root),
  };
}

function matchingView(question: Extract<Question, { type: 'matching' }>, opts: QuestionOptions): QuestionView {
  const targets = ordered(question.targets, opts.order);
  const rows = question.sources.map((source) => {
    const id = uid('m');
    const select = h(
      'select',
      { id, 'data-source': source.id, onchange: () => opts.onChange?.(false) },
      h('option', { value: '' }, opts.t('q.choose')),
      ...targets.map((target) => h('option', { value: target.id }, target.text)),
    );
    return { source, select, row: h('div', { class: 'sp-match' }, h('label', { for: id, html: source.html }), select) };
  });
  const { root } = group(question, opts.t('q.hint.matching'), ...rows.map((r) => r.row));
  const pairs = () => rows.filter((r) => r.select.value).map((r): [string, string] => [r.source.id, r.select.value]);
  return {
    root,
    read: () => (pairs().length ? { type: 'matching', value: pairs() } : null),
    complete: () => pairs().length === rows.length,
    set(response) {
      const map = new Map(response?.type === 'matching' ? response.value : []);
      for (const r of rows) r.select.value = map.get(r.source.id) ?? '';
    },
    lock: () => lockAll(root),
  };
}

/**
 * Sequencing: a list reordered with Move up / Move down buttons, operable from the
 * keyboard; focus follows the moved item and its new position is announced.
 */
function sequencingView(question: Extract<Question, { type: 'sequencing' }>, opts: QuestionOptions): QuestionView {
  const { t } = opts;
  let items = ordered(question.items, opts.order);
  let touched = false;
  const list = h('ol', { class: 'sp-seq' });
  const status = h('p', { class: 'sp-vh', 'aria-live': 'polite' });
  const { root } = group(question, t('q.hint.sequencing'), list, status);

  const move = (index: number, delta: number, button: 'up' | 'down') => {
    const to = index + delta;
    if (to < 0 || to >= items.length) return;
    const next = items.slice();
    [next[index], next[to]] = [next[to] as Option, next[index] as Option];
    items = next;
    touched = true;
    draw();
    const li = list.children[to] as HTMLElement;
    const wanted = li.querySelector<HTMLButtonElement>(`[data-move="${button}"]`);
    const other = li.querySelector<HTMLButtonElement>(`[data-move="${button === 'up' ? 'down' : 'up'}"]`);
    (wanted && !wanted.disabled ? wanted : other)?.focus();
    status.textContent = t('q.moved', { item: (items[to] as Option).text, pos: to + 1, total: items.length });
    opts.onChange?.(false);
  };

  const draw = () => {
    list.replaceChildren(
      ...items.map((item, index) =>
        h(
          'li',
          { class: 'sp-seq-item', 'data-id': item.id },
          h('span', { class: 'sp-seq-pos', 'aria-hidden': 'true' }, index + 1),
          h('span', { class: 'sp-seq-text', html: item.html }),
          h(
            'span',
            { class: 'sp-seq-moves' },
            h('button', { type: 'button', class: 'sp-icon', 'data-move': 'up', 'aria-label': t('q.move-up-label', { item: item.text }), title: t('q.move-up'), disabled: index === 0, onclick: () => move(index, -1, 'up') }, '↑'),
            h('button', { type: 'button', class: 'sp-icon', 'data-move': 'down', 'aria-label': t('q.move-down-label', { item: item.text }), title: t('q.move-down'), disabled: index === items.length - 1, onclick: () => move(index, 1, 'down') }, '↓'),
          ),
        ),
      ),
    );
  };
  draw();
  return {
    root,
    read: () => (touched ? { type: 'sequencing', value: items.map((i) => i.id) } : null),
    complete: () => touched,
    set(response) {
      if (response?.type !== 'sequencing') return;
      const restored = ordered(question.items, response.value.join(''));
      items = restored;
      touched = true;
      draw();
    },
    lock: () => lockAll(root),
  };
}

/**
 * Render a question's body (prompt and controls) for any question type.
 * @param question the question
 * @param opts translator, option order and change callback
 */
export function renderQuestion(question: Question, opts: QuestionOptions): QuestionView {
  const { t } = opts;
  switch (question.type) {
    case 'true-false': {
      const options: Option[] = [
        { id: 'true', html: t('q.true'), text: t('q.true') },
        { id: 'false', html: t('q.false'), text: t('q.false') },
      ];
      return choiceView(question, options, false, t('q.hint.true-false'), opts);
    }
    case 'single':
    case 'multiple':
      return choiceView(question, ordered(question.choices, opts.order), question.type === 'multiple', t(`q.hint.${question.type}`), opts);
    case 'likert':
      return choiceView(question, question.scale, false, t('q.hint.likert'), opts);
    case 'matching':
      return matchingView(question, opts);
    case 'sequencing':
      return sequencingView(question, opts);
    default:
      return textView(question, opts);
  }
}
