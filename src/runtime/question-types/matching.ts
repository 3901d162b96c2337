/**
 * Matching: each source (`1`..`9`) to one target (`a`..`z`; targets may include
 * distractors), chosen from a list; the targets are shuffled when the exam shuffles choices.
 */
import type { MatchingQuestion } from '../../course/model.js';
import { h, uid } from '../player/dom.js';
import { group, lockAll, ordered, type QuestionOptions, type QuestionView } from '../player/widgets.js';
import type { QuestionKind } from './kind.js';
import { hasId, idsOf } from './codec.js';
import { pairList } from './formats.js';

function matchingView(question: MatchingQuestion, opts: QuestionOptions): QuestionView {
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
  const root = group(question, opts.t('q.hint.matching'), ...rows.map((r) => r.row));
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

export const matching: QuestionKind<'matching'> = {
  correct(question, value) {
    if (!Array.isArray(value) || value.length !== question.pairs.length) return false;
    const map = new Map(value.map(([source, target]) => [source, target]));
    // A source answered twice collapses in the map and fails the size check.
    return map.size === question.pairs.length && question.pairs.every(([source, target]) => map.get(source) === target);
  },
  ids: (question) => idsOf(question.targets),
  print: (question) => `${idsOf(question.sources).join('')}:${idsOf(question.targets).join('')}`,
  encode: (value) => value.map(([s, t]) => s + t).join(''),
  decode(question, text) {
    if (text.length % 2 !== 0) return undefined;
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < text.length; i += 2) pairs.push([text[i] as string, text[i + 1] as string]);
    const ok = new Set(pairs.map((p) => p[0])).size === pairs.length && pairs.every(([s, t]) => hasId(question.sources, s) && hasId(question.targets, t));
    return ok ? pairs : undefined;
  },
  interaction: 'matching',
  patterns: (question, standard) => [pairList(question.pairs, standard)],
  format: pairList,
  components: (question, component) => ({ source: question.sources.map(component), target: question.targets.map(component) }),
  view: matchingView,
};
