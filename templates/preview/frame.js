// The course frame: launching the chosen package as its platform would, and
// unloading it first (a SCORM package finishes, and the LMS saves its data).
// Launches, reloads and clears run one after another, never interleaved.
import { renderChrome, renderLearner, showError } from './chrome.js';
import { api, byId } from './dom.js';
import { removeScormApis, ScormLms } from './lms.js';
import { loadStatements, schedulePanel } from './reported.js';
import { current, state } from './state.js';
import { say, words } from './words.js';

const frame = () => /** @type {HTMLIFrameElement} */ (byId('course-frame'));

let chain = Promise.resolve();

/** Run a task after every task queued before it. */
export function enqueue(task) {
  chain = chain.then(task).catch((error) => {
    console.error(error);
    showError(error);
  });
  return chain;
}

/** Unload the package and drop its LMS. */
export async function stopCourse() {
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
  state.drafted.clear();
  state.statements = [];
  state.rejections = [];
}

function stageMessage(text) {
  const el = byId('stage-message');
  el.hidden = !text;
  el.textContent = text ?? '';
  if (text) frame().removeAttribute('src');
}

/** Launch the chosen course and target; `place` is a player hash to reopen (after a rebuild). */
export async function startCourse(place = '') {
  const summary = current();
  renderChrome();
  if (!summary || !summary.built) {
    const { stage } = words;
    stageMessage(!summary ? say(stage.noCourses, { folder: 'courses/' }) : summary.builtAt ? stage.notBuilt : stage.building);
    schedulePanel();
    return;
  }
  stageMessage(null);
  const launch = await api('POST', '/api/launch', { course: state.course, target: state.target });
  state.launch = launch;
  showing(summary.version);
  // The SCORM API must be in place before the package looks for it.
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

/** Note the build the frame shows (also on the frame element, for whoever inspects the page). */
export function showing(version) {
  state.shownVersion = version;
  frame().dataset.version = String(version);
}

/**
 * Hand the player in the frame lessons' new text (its `skillpack:lesson` event, which only a page
 * of the package's origin can send). Whether it took every one: not when the frame shows another
 * course, or none, or a player that has not started yet.
 */
export function sendLessonText(course, lessons) {
  try {
    const win = frame().contentWindow;
    if (state.launch?.course !== course || !win.location.pathname.startsWith('/pkg/')) return false;
    return lessons.every((lesson) => !win.dispatchEvent(new win.CustomEvent('skillpack:lesson', { detail: lesson, cancelable: true })));
  } catch {
    return false;
  }
}

/** Launch again: after a rebuild (keeping the player's place) or another choice of course or target. */
export function relaunch(keepPlace) {
  return enqueue(async () => {
    const place = keepPlace ? framePlace() : '';
    await stopCourse();
    await startCourse(place);
  });
}
