// The workspace's chrome: course picker, target switcher, build status and
// learner, drawn from the shared state.
import { byId, clock, h } from './dom.js';
import { current, state } from './state.js';
import { count, say, words } from './words.js';

const { chrome } = words;

export function renderPicker() {
  const picker = /** @type {HTMLSelectElement} */ (byId('course-picker'));
  const options = [...state.courses.values()].map((c) => h('option', { value: c.key, selected: c.key === state.course }, c.errors ? say(chrome.pickerErrors, { title: c.title, errors: count(chrome.errors, c.errors) }) : c.title));
  picker.replaceChildren(...options);
  picker.value = state.course;
}

/**
 * Draw the target switcher once.
 * @param {(target: string) => void} onChoose called when the reviewer picks a target
 */
export function initTargets(onChoose) {
  const box = byId('targets');
  box.replaceChildren(
    box.querySelector('legend'),
    ...state.targets.map((t) =>
      h('label.target', { title: words.formats[t.id] ?? t.label }, h('input', { type: 'radio', name: 'target', value: t.id, onchange: () => onChoose(t.id) }), h('span', null, words.targets[t.id] ?? t.label)),
    ),
  );
}

function renderTargets() {
  for (const input of byId('targets').querySelectorAll('input')) input.checked = input.value === state.target;
}

export function setStatus(kind, text, title = '') {
  const el = byId('build-status');
  el.dataset.state = kind;
  el.textContent = text;
  el.title = title;
}

/** Show in the status that something went wrong (the server's reasons are in English, as its log). */
export function showError(error) {
  setStatus('error', say(chrome.error, { message: error.message }));
}

function renderStatus() {
  const c = current();
  if (!c) return setStatus('idle', chrome.noCourse);
  if (!c.builtAt) return setStatus('building', chrome.building);
  const when = `${clock(c.builtAt)} · ${c.ms} ms`;
  // Which good build this is (the frame may show it launched or with its lessons' new text).
  byId('build-status').dataset.version = String(c.version);
  if (c.errors) {
    const errors = count(chrome.errors, c.errors);
    return setStatus('error', c.built ? say(chrome.lastGoodShown, { errors }) : errors, say(chrome.failedHelp, { when }));
  }
  if (c.warnings) return setStatus('warn', say(chrome.builtWithWarnings, { when, warnings: count(chrome.warnings, c.warnings) }), chrome.warningsHelp);
  return setStatus('ok', say(chrome.built, { when }), chrome.builtHelp);
}

export function renderLearner() {
  const l = state.learner;
  if (!l) return;
  byId('learner-avatar').textContent = String(l.number);
  byId('learner-name').textContent = l.name;
  const reg = state.launch?.registration;
  const attempt = byId('learner-attempt');
  attempt.textContent = reg ? say(chrome.attempt, { id: reg.slice(0, 8) }) : chrome.noAttempt;
  attempt.title = reg ? say(chrome.attemptHelp, { registration: reg }) : '';
}

/** Redraw the chrome and note the course and target in the URL (#/<course>/<target>). */
export function renderChrome() {
  renderPicker();
  renderTargets();
  renderStatus();
  renderLearner();
  byId('panel-source').textContent = words.sources[state.target === 'cmi5' && state.strictCmi5 ? 'strictCmi5' : state.target] ?? '';
  history.replaceState(null, '', `#/${encodeURIComponent(state.course)}/${state.target}`);
}
