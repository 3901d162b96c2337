// The diagnostics overlay: every problem of the latest build with its place,
// rule, message, code frame and hint, over the frame, which keeps showing the
// last good build underneath.
import { byId, h } from './dom.js';

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

function item(d) {
  return h(
    'li.diagnostic',
    { dataset: { severity: d.severity, rule: d.rule } },
    h(
      'div.diag-head',
      null,
      h('span.sev', { class: d.severity }, d.severity),
      h('code.place', null, `${d.file}:${d.line}:${d.column}`),
      h('span.rule', { title: d.title }, d.rule),
    ),
    h('p.diag-message', null, d.message),
    d.frame ? h('pre.frame', null, d.frame) : null,
    h('p.hint', null, h('strong', null, 'Hint: '), d.hint),
  );
}

/**
 * Show the latest build's diagnostics.
 * @param {{ key: string, title: string, errors: number, warnings: number, built: boolean, diagnostics: object[] }} summary
 */
export function showOverlay(summary) {
  const failed = summary.errors > 0;
  byId('overlay-title').textContent = failed ? `${summary.title}: ${plural(summary.errors, 'error')}` : `${summary.title}: ${plural(summary.warnings, 'warning')}`;
  byId('overlay-sub').textContent = !failed
    ? 'The course built; these are worth fixing before you publish.'
    : summary.built
      ? 'Not rebuilt: the frame keeps the last good build until these are fixed. Saving a fix updates it.'
      : 'The course has not built yet: fix these and save.';
  byId('overlay-close').hidden = !summary.built;
  byId('overlay-close').textContent = failed ? 'Show last good build' : 'Close';
  byId('overlay-list').replaceChildren(...summary.diagnostics.map(item));
  const overlay = byId('overlay');
  overlay.dataset.kind = failed ? 'error' : 'warning';
  overlay.hidden = false;
}

export function hideOverlay() {
  byId('overlay').hidden = true;
}

export function overlayShown() {
  return !byId('overlay').hidden;
}
