// The reviewer's workspace: pick a course and a target, see the course in a
// frame and what it reports in the panel. Rebuilds arrive over Server-Sent
// Events and refresh the frame (a lesson's new text in place), or show the diagnostics overlay.
import { initTargets, renderChrome, renderPicker, setStatus, showError } from './chrome.js';
import { api, byId } from './dom.js';
import { enqueue, relaunch, sendLessonText, showing, startCourse, stopCourse } from './frame.js';
import { hideOverlay, showOverlay } from './overlay.js';
import { clearWebState, loadStatements } from './reported.js';
import { current, state } from './state.js';
import { say, words } from './words.js';

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

// ---- server events ----

function onBuild(summary) {
  const before = state.courses.get(summary.key);
  state.courses.set(summary.key, summary);
  if (summary.key !== state.course) {
    if (!before || before.title !== summary.title || before.errors !== summary.errors) renderPicker();
    return;
  }
  renderChrome();
  syncOverlay();
  const fresh = summary.version !== state.shownVersion;
  if (!summary.built || (!fresh && state.drafted.size === 0)) return;
  // A new good build: when only lessons' text changed since the build the frame shows (every
  // lesson drafted into it among them), the player takes the new text where the reviewer is.
  // Otherwise, and after a failed build of text the frame shows ahead of it, the frame is
  // launched again, at that place, with the build the preview holds.
  const change = fresh ? summary.textChange : null;
  const confirms = change && change.from === state.shownVersion && [...state.drafted].every((id) => change.lessons.some((lesson) => lesson.id === id));
  if (confirms && sendLessonText(summary.key, change.lessons)) {
    showing(summary.version);
    state.drafted.clear();
  } else relaunch(true);
}

function onCourses(list) {
  state.courses = new Map(list.map((c) => [c.key, c]));
  if (state.courses.has(state.course)) return renderChrome();
  state.course = list[0]?.key ?? '';
  syncOverlay();
  relaunch(false);
}

function connect() {
  const source = new EventSource('/events');
  let lost = false;
  source.addEventListener('build', (e) => onBuild(JSON.parse(e.data)));
  source.addEventListener('courses', (e) => onCourses(JSON.parse(e.data)));
  // A saved lesson's new text, ahead of its course's rebuild (whose build event follows).
  source.addEventListener('lesson', (e) => {
    const { course, lesson } = JSON.parse(e.data);
    if (sendLessonText(course, [lesson])) state.drafted.add(lesson.id);
  });
  const reported = (e) => {
    const { registrations } = JSON.parse(e.data);
    if (state.launch && registrations.includes(state.launch.registration)) loadStatements();
  };
  source.addEventListener('statements', reported);
  // A statement the strict cmi5 LMS refused: shown in red in the panel.
  source.addEventListener('rejections', reported);
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
    setStatus('offline', words.chrome.offline);
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

// ---- controls ----

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
      // The server tells every open page (this one too), which starts the course again.
      await api('POST', '/api/learner');
    }),
  );
  byId('clear-lrs').addEventListener('click', () => {
    if (!confirm(say(words.panel.confirmClear, { db: state.db }))) return;
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
  addEventListener('hashchange', followHash);
}

/** The course and target the workspace URL names (#/<course>/<target>). */
function fromHash() {
  const [, course = '', target = ''] = /^#\/([^/]*)\/?([^/]*)$/.exec(location.hash) ?? [];
  return { course: decodeURIComponent(course), target };
}

/** Follow an edited URL or the Back button. */
function followHash() {
  const wanted = fromHash();
  const course = state.courses.has(wanted.course) ? wanted.course : state.course;
  const target = state.targets.some((t) => t.id === wanted.target) ? wanted.target : state.target;
  if (course === state.course && target === state.target) return;
  state.course = course;
  state.target = target;
  syncOverlay();
  relaunch(false);
}

async function loadState() {
  const data = await api('GET', '/api/state');
  state.courses = new Map(data.courses.map((c) => [c.key, c]));
  state.targets = data.targets;
  state.learner = data.learner;
  state.db = data.db;
  state.strictCmi5 = data.strictCmi5;
  const wanted = fromHash();
  if (!state.courses.has(state.course)) state.course = state.courses.has(wanted.course) ? wanted.course : (data.initialCourse ?? data.courses[0]?.key ?? '');
  if (state.targets.some((t) => t.id === wanted.target)) state.target = wanted.target;
  const db = byId('db-path');
  db.textContent = data.db.split(/[\\/]/).slice(-2).join('/');
  db.title = data.db;
}

async function main() {
  await loadState();
  initTargets(chooseTarget);
  wireControls();
  renderChrome();
  syncOverlay();
  connect();
  relaunch(false);
}

main().catch(showError);
