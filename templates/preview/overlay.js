// The diagnostics overlay: every problem of the latest build with its place,
// rule, message, code frame and hint, over the frame, which keeps showing the
// last good build underneath.
import { byId, h } from './dom.js';
import { count, say, words } from './words.js';

const { overlay: text, chrome } = words;

function item(d) {
  return h(
    'li.diagnostic',
    { dataset: { severity: d.severity, rule: d.rule } },
    h(
      'div.diag-head',
      null,
      h('span.sev', { class: d.severity }, text.severity[d.severity] ?? d.severity),
      h('code.place', null, `${d.file}:${d.line}:${d.column}`),
      h('span.rule', { title: d.title }, d.rule),
    ),
    h('p.diag-message', null, d.message),
    d.frame ? h('pre.frame', null, d.frame) : null,
    h('p.hint', null, h('strong', null, text.hint), d.hint),
  );
}

/**
 * Show the latest build's diagnostics.
 * @param {{ key: string, title: string, errors: number, warnings: number, built: boolean, diagnostics: object[] }} summary
 */
export function showOverlay(summary) {
  const failed = summary.errors > 0;
  const problems = failed ? count(chrome.errors, summary.errors) : count(chrome.warnings, summary.warnings);
  byId('overlay-title').textContent = say(text.heading, { title: summary.title, count: problems });
  byId('overlay-sub').textContent = !failed ? text.warningsOnly : summary.built ? text.lastGoodKept : text.notBuilt;
  byId('overlay-close').hidden = !summary.built;
  byId('overlay-close').textContent = failed ? text.showLastGood : text.close;
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
