// The reviewer's workspace: pick a course and a target, see the course in a
// frame and what it reports in the panel; rebuilds arrive over Server-Sent
// Events and refresh the frame, or show the diagnostics overlay.
import { api, byId, clock, h } from './dom.js';
import { removeScormApis, ScormLms } from './lms.js';
import { hideOverlay, showOverlay } from './overlay.js';
import { renderReport } from './panel.js';

const SHORT = { scorm12: 'SCORM 1.2', scorm2004: 'SCORM 2004', xapi: 'xAPI', cmi5: 'cmi5', web: 'Web' };
const SOURCE = { scorm12: 'scorm-again · SCORM 1.2 LMS', scorm2004: 'scorm-again · SCORM 2004 LMS', xapi: 'Embedded LRS · xAPI', cmi5: 'Embedded LRS · cmi5 LMS', web: 'No platform' };

const state = {
  /** @type {Map<string, any>} course key → build summary */
  courses: new Map(),
  targets: [],
  learner: null,
  course: '',
  target: 'scorm12',
  launch: null,
  /** @type {ScormLms | null} */
  lms: null,
  statements: [],
  /** Build version shown in the frame. */
  shownVersion: 0,
  db: '',
};

const frame = () => /** @type {HTMLIFrameElement} */ (byId('course-frame'));
const current = () => state.courses.get(state.course);

// Launches, reloads and clears run one after another, never interleaved.
let chain = Promise.resolve();
function enqueue(task) {
  chain = chain.then(task).catch((error) => {
    console.error(error);
    setStatus('error', `Preview error: ${error.message}`);
  });
  return chain;
}

// ---- the frame ------------------------------------------------------------

/** Unload the package (a SCORM package finishes and its data is saved) and drop the LMS. */
async function stopCourse() {
  const el = frame();
  const src = el.getAttribute('src');
  if (src && src !== 'about:blank') {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 1500);
      el.addEventListener('load', () => (clearTimeout(timer), resolve()), { once: true });
      el.src = 'about:blank';
    });
  }
  if (state.lms) {
    await state.lms.flush();
    state.lms.detach();
    state.lms = null;
  }
  removeScormApis();
  state.launch = null;
  state.statements = [];
}

/** Launch the chosen course and target; `place` is a player hash to reopen (after a rebuild). */
async function startCourse(place = '') {
  const summary = current();
  renderChrome();
  if (!summary || !summary.built) {
    stageMessage(!summary ? 'No course folders found in courses/ yet.' : summary.builtAt ? 'This course has not built successfully yet: fix the problems shown and save.' : 'Building the course…');
    schedulePanel();
    return;
  }
  stageMessage(null);
  const launch = await api('POST', '/api/launch', { course: state.course, target: state.target });
  state.launch = launch;
  state.shownVersion = summary.version;
  if (launch.scorm) state.lms = new ScormLms(launch, schedulePanel);
  if (state.target === 'xapi' || state.target === 'cmi5') await loadStatements();
  frame().src = launch.src + place;
  renderLearner();
  schedulePanel();
}

/** The player's place in the frame ("#/lesson/x"), to keep across a rebuild. */
function framePlace() {
  try {
    const loc = frame().contentWindow.location;
    return loc.pathname.startsWith('/pkg/') ? loc.hash : '';
  } catch {
    return '';
  }
}

function relaunch(keepPlace) {
  return enqueue(async () => {
    const place = keepPlace ? framePlace() : '';
    await stopCourse();
    await startCourse(place);
  });
}

function stageMessage(text) {
  const el = byId('stage-message');
  el.hidden = !text;
  el.textContent = text ?? '';
  if (text) frame().removeAttribute('src');
}

// ---- reported data ----------------------------------------------------------

async function loadStatements() {
  const registration = state.launch?.registration;
  if (!registration) return;
  const { statements } = await api('GET', `/api/statements?registration=${encodeURIComponent(registration)}`);
  if (state.launch?.registration !== registration) return;
  state.statements = statements;
  schedulePanel();
}

/** The web package's saved state in this browser (its localStorage key starts with the course id). */
function webState() {
  const id = current()?.id;
  if (!id) return null;
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(`skillpack:${id}@`)) return `${key}\n\n${localStorage.getItem(key)}`;
  }
  return null;
}

/** Forget the web package's progress: for this course, or every course (a new learner). */
function clearWebState(id) {
  const prefix = id ? `skillpack:${id}@` : 'skillpack:';
  for (const store of [localStorage, sessionStorage]) {
    for (const key of Object.keys(store)) if (key.startsWith(prefix)) store.removeItem(key);
  }
}

let panelFrame = 0;
let lastWebState = null;
function schedulePanel() {
  if (panelFrame) return;
  panelFrame = requestAnimationFrame(() => {
    panelFrame = 0;
    const summary = current();
    const waiting = !state.launch ? (summary?.built === false && summary?.builtAt ? 'Nothing to report: the course has not built yet.' : 'Waiting for the course to start…') : null;
    lastWebState = state.target === 'web' ? webState() : null;
    renderReport(byId('report'), { target: state.target, lms: state.lms, statements: state.statements, webState: lastWebState, waiting });
  });
}

// The web package writes to localStorage without telling anyone: look now and then.
setInterval(() => {
  if (state.target === 'web' && state.launch && webState() !== lastWebState) schedulePanel();
}, 1000);

// ---- chrome: picker, targets, status, learner ---------------------------------

function renderPicker() {
  const picker = /** @type {HTMLSelectElement} */ (byId('course-picker'));
  const options = [...state.courses.values()].map((c) => h('option', { value: c.key, selected: c.key === state.course }, c.errors ? `${c.title}  ⚠ ${c.errors} error${c.errors === 1 ? '' : 's'}` : c.title));
  picker.replaceChildren(...options);
  picker.value = state.course;
}

function renderTargets() {
  const box = byId('targets');
  const legend = box.querySelector('legend');
  box.replaceChildren(
    legend,
    ...state.targets.map((t) =>
      h('label.target', { title: t.label }, h('input', { type: 'radio', name: 'target', value: t.id, checked: t.id === state.target, onchange: () => chooseTarget(t.id) }), h('span', null, SHORT[t.id] ?? t.label)),
    ),
  );
}

function setStatus(kind, text, title = '') {
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
  if (c.errors) return setStatus('error', `${c.errors} error${c.errors === 1 ? '' : 's'}${c.built ? ' · last good build shown' : ''}`, `Build at ${when}: click to see the problems`);
  if (c.warnings) return setStatus('warn', `Built ${when} · ${c.warnings} warning${c.warnings === 1 ? '' : 's'}`, 'Click to see the warnings');
  return setStatus('ok', `Built ${when}`, 'The frame shows this build');
}

function renderLearner() {
  const l = state.learner;
  if (!l) return;
  byId('learner-avatar').textContent = String(l.number);
  byId('learner-name').textContent = l.name;
  const reg = state.launch?.registration;
  const attempt = byId('learner-attempt');
  attempt.textContent = reg ? `attempt ${reg.slice(0, 8)}` : 'no attempt yet';
  attempt.title = reg ? `registration ${reg}` : '';
}

function renderChrome() {
  renderPicker();
  renderTargets();
  renderStatus();
  renderLearner();
  byId('panel-source').textContent = SOURCE[state.target] ?? '';
  history.replaceState(null, '', `#/${encodeURIComponent(state.course)}/${state.target}`);
}

function syncOverlay() {
  const c = current();
  if (c && c.errors > 0) showOverlay(c);
  else hideOverlay();
}

function chooseCourse(key) {
  if (key === state.course) return;
  state.course = key;
  syncOverlay();
  relaunch(false);
}

function chooseTarget(target) {
  if (target === state.target) return;
  state.target = target;
  relaunch(false);
}

// ---- server events -------------------------------------------------------------

function onBuild(summary) {
  const before = state.courses.get(summary.key);
  state.courses.set(summary.key, summary);
  if (summary.key !== state.course) {
    if (!before || before.title !== summary.title || before.errors !== summary.errors) renderPicker();
    return;
  }
  renderChrome();
  syncOverlay();
  // A new good build: reload the frame where the reviewer was.
  if (summary.built && summary.version !== state.shownVersion) relaunch(true);
}

function onCourses(list) {
  state.courses = new Map(list.map((c) => [c.key, c]));
  if (!state.courses.has(state.course)) {
    state.course = list[0]?.key ?? '';
    syncOverlay();
    relaunch(false);
  } else renderChrome();
}

function connect() {
  const source = new EventSource('/events');
  let lost = false;
  source.addEventListener('build', (e) => onBuild(JSON.parse(e.data)));
  source.addEventListener('courses', (e) => onCourses(JSON.parse(e.data)));
  source.addEventListener('statements', (e) => {
    const { registrations } = JSON.parse(e.data);
    if (state.launch && registrations.includes(state.launch.registration)) loadStatements();
  });
  // A new learner or a cleared LRS, from this page or another one: start again.
  const restart = (e) => {
    state.learner = JSON.parse(e.data).learner;
    enqueue(async () => {
      await stopCourse();
      if (e.type === 'session') clearWebState(null);
      await startCourse();
    });
  };
  source.addEventListener('session', restart);
  source.addEventListener('cleared', restart);
  source.onerror = () => {
    lost = true;
    setStatus('offline', 'Preview server stopped · reconnecting…');
  };
  source.onopen = async () => {
    if (!lost) return;
    // The server restarted: new credentials, maybe new builds. Start over with its state.
    lost = false;
    await loadState();
    syncOverlay();
    relaunch(true);
  };
}

// ---- controls ----------------------------------------------------------------------

function wireControls() {
  byId('course-picker').addEventListener('change', (e) => chooseCourse(e.target.value));
  byId('new-attempt').addEventListener('click', () =>
    enqueue(async () => {
      await stopCourse();
      await api('POST', '/api/attempt', { course: state.course, target: state.target });
      if (state.target === 'web') clearWebState(current()?.id);
      await startCourse();
    }),
  );
  byId('new-learner').addEventListener('click', () =>
    enqueue(async () => {
      await stopCourse();
      await api('POST', '/api/learner');
      // The server tells every open page (this one too), which starts the course again.
    }),
  );
  byId('clear-lrs').addEventListener('click', () => {
    if (!confirm(`Clear the LRS?\n\nEvery statement, state document and saved SCORM attempt in ${state.db} is deleted.`)) return;
    enqueue(async () => {
      await stopCourse();
      await api('POST', '/api/clear');
    });
  });
  byId('overlay-close').addEventListener('click', hideOverlay);
  byId('build-status').addEventListener('click', () => {
    const c = current();
    if (c?.diagnostics.length) showOverlay(c);
  });
}

async function loadState() {
  const data = await api('GET', '/api/state');
  state.courses = new Map(data.courses.map((c) => [c.key, c]));
  state.targets = data.targets;
  state.learner = data.learner;
  state.db = data.db;
  const [, course, target] = /^#\/([^/]*)\/?([^/]*)$/.exec(location.hash) ?? [];
  const wanted = course ? decodeURIComponent(course) : '';
  if (!state.course) state.course = state.courses.has(wanted) ? wanted : data.initialCourse ?? data.courses[0]?.key ?? '';
  if (state.targets.some((t) => t.id === target)) state.target = target;
  const db = byId('db-path');
  db.textContent = data.db.split(/[\\/]/).slice(-2).join('/');
  db.title = data.db;
}

/** The workspace URL names the course and target (#/<course>/<target>): follow edits and Back. */
function followHash() {
  const [, course, target] = /^#\/([^/]*)\/?([^/]*)$/.exec(location.hash) ?? [];
  const key = course ? decodeURIComponent(course) : state.course;
  const changed = (state.courses.has(key) && key !== state.course) || (state.targets.some((t) => t.id === target) && target !== state.target);
  if (!changed) return;
  if (state.courses.has(key)) state.course = key;
  if (state.targets.some((t) => t.id === target)) state.target = target;
  syncOverlay();
  relaunch(false);
}

async function main() {
  wireControls();
  addEventListener('hashchange', followHash);
  await loadState();
  renderChrome();
  syncOverlay();
  connect();
  relaunch(false);
}

main().catch((error) => setStatus('error', `Preview error: ${error.message}`));
