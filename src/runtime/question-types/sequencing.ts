/**
 * Sequencing: items (`a`..`z`) put in order. The authored order is the answer, so the
 * items are always shown shuffled.
 */
import type { Option, SequencingQuestion } from '../../course/model.js';
import { h } from '../player/dom.js';
import { group, lockAll, ordered, type QuestionOptions, type QuestionView } from '../player/widgets.js';
import type { QuestionKind } from './kind.js';
import { idsOf, isPermutation } from './codec.js';
import { list } from './formats.js';

/**
 * A list reordered with Move up / Move down buttons, operable from the keyboard; focus
 * follows the moved item and its new position is announced.
 */
function sequencingView(question: SequencingQuestion, opts: QuestionOptions): QuestionView {
  const { t } = opts;
  let items = ordered(question.items, opts.order);
  let touched = false;
  const list = h('ol', { class: 'sp-seq' });
  const status = h('p', { class: 'sp-vh', 'aria-live': 'polite' });
  const root = group(question, t('q.hint.sequencing'), list, status);

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
      items = ordered(question.items, response.value.join(''));
      touched = true;
      draw();
    },
    lock: () => lockAll(root),
  };
}

export const sequencing: QuestionKind<'sequencing'> = {
  correct: (question, value) => Array.isArray(value) && value.length === question.items.length && question.items.every((item, index) => value[index] === item.id),
  ids: (question) => idsOf(question.items),
  alwaysShuffled: true,
  print: (question) => idsOf(question.items).join(''),
  encode: (value) => value.join(''),
  decode: (question, text) => (isPermutation(text, idsOf(question.items)) ? [...text] : undefined),
  interaction: 'sequencing',
  patterns: (question, standard) => [list(idsOf(question.items), standard)],
  format: list,
  components: (question, component) => ({ choices: question.items.map(component) }),
  view: sequencingView,
};
