// The workspace's chrome: course picker, target switcher, build status and
// learner, drawn from the shared state.
import { byId, clock, h } from './dom.js';
import { current, SHORT, state } from './state.js';

const SOURCE = { scorm12: 'scorm-again · SCORM 1.2 LMS', scorm2004: 'scorm-again · SCORM 2004 LMS', xapi: 'Embedded LRS · xAPI', cmi5: 'Embedded LRS · cmi5 LMS', web: 'No platform' };

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderPicker() {
  const picker = /** @type {HTMLSelectElement} */ (byId('course-picker'));
  const options = [...state.courses.values()].map((c) => h('option', { value: c.key, selected: c.key === state.course }, c.errors ? `${c.title}  ⚠ ${plural(c.errors, 'error')}` : c.title));
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
      h('label.target', { title: t.label }, h('input', { type: 'radio', name: 'target', value: t.id, onchange: () => onChoose(t.id) }), h('span', null, SHORT[t.id] ?? t.label)),
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

function renderStatus() {
  const c = current();
  if (!c) return setStatus('idle', 'No course');
  if (!c.builtAt) return setStatus('building', 'Building…');
  const when = `${clock(c.builtAt)} · ${c.ms} ms`;
  // Which good build this is (the frame may show it launched or with its lessons' new text).
  byId('build-status').dataset.version = String(c.version);
  if (c.errors) return setStatus('error', `${plural(c.errors, 'error')}${c.built ? ' · last good build shown' : ''}`, `Build at ${when}: click to see the problems`);
  if (c.warnings) return setStatus('warn', `Built ${when} · ${plural(c.warnings, 'warning')}`, 'Click to see the warnings');
  return setStatus('ok', `Built ${when}`, 'The frame shows this build');
}

export function renderLearner() {
  const l = state.learner;
  if (!l) return;
  byId('learner-avatar').textContent = String(l.number);
  byId('learner-name').textContent = l.name;
  const reg = state.launch?.registration;
  const attempt = byId('learner-attempt');
  attempt.textContent = reg ? `attempt ${reg.slice(0, 8)}` : 'no attempt yet';
  attempt.title = reg ? `registration ${reg}` : '';
}

/** Redraw the chrome and note the course and target in the URL (#/<course>/<target>). */
export function renderChrome() {
  renderPicker();
  renderTargets();
  renderStatus();
  renderLearner();
  byId('panel-source').textContent = state.target === 'cmi5' && state.strictCmi5 ? 'Embedded LRS · strict cmi5 LMS' : (SOURCE[state.target] ?? '');
  history.replaceState(null, '', `#/${encodeURIComponent(state.course)}/${state.target}`);
}
