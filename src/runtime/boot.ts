/**
 * Start-up shared by every package: read the course embedded in the page (no fetch,
 * so the package also works from file://), connect the adapter, restore state and
 * hand over to the player.
 *
 * The page must contain `<main id="app">` and
 * `<script id="course-data" type="application/json">` holding the course JSON with
 * `<` written as `\u003c` (so lesson HTML can never close the script element).
 */
import './player/player.css';
import { MODEL_VERSION, type Course } from '../course/model.js';
import type { LaunchInfo, LmsAdapter, Notice } from './lms/adapter.js';
import { Player } from './player/app.js';
import { h } from './player/dom.js';
import { loadStrings, translator, type MessageKey, type Translate } from './player/i18n.js';
import { createShell, type Shell } from './player/shell.js';
import { emptyState, readState, reconcileWithRecord, type StateUpdate } from './state.js';

/** Show a start-up failure in place of the course. */
function fatal(main: HTMLElement, t: Translate, key: MessageKey, params?: Record<string, string | number>): void {
  main.replaceChildren(h('div', { class: 'sp-card sp-fatal', role: 'alert' }, h('h1', null, t(key, params))));
}

/** What the learner is told when progress saved by an earlier edition of the course was carried over. */
function updateNotices(update: StateUpdate): Notice[] {
  const notices: Notice[] = [{ level: 'info', key: 'state.updated' }];
  if (update.lessonsNew) notices.push({ level: 'info', key: 'state.updated-lessons', params: { n: update.lessonsNew } });
  if (update.attemptClosed) notices.push({ level: 'warning', key: 'state.updated-attempt' });
  if (update.answersCleared) notices.push({ level: 'warning', key: 'state.updated-answers', params: { n: update.answersCleared } });
  return notices;
}

/** Parse and check the embedded course; a string is the message key of what went wrong. */
function readCourse(): Course | { error: MessageKey; params?: Record<string, string | number> } {
  const script = document.getElementById('course-data');
  if (!script?.textContent) return { error: 'app.no-data' };
  let data: unknown;
  try {
    data = JSON.parse(script.textContent);
  } catch {
    return { error: 'app.bad-data' };
  }
  if (typeof data !== 'object' || data === null) return { error: 'app.bad-data' };
  const course = data as Partial<Course>;
  if (course.modelVersion !== MODEL_VERSION) return { error: 'app.version', params: { found: String(course.modelVersion), expected: MODEL_VERSION } };
  if (!Array.isArray(course.lessons) || !Array.isArray(course.banks) || typeof course.title !== 'string') return { error: 'app.bad-data' };
  return course as Course;
}

/**
 * Start the player on this page with a platform adapter.
 * @param adapter the LMS adapter of the package's standard
 */
export async function boot(adapter: LmsAdapter): Promise<void> {
  // The bundle may be loaded from <head>: wait for the elements it reads.
  if (document.readyState === 'loading') await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  let main = document.getElementById('app');
  if (!main) {
    main = h('main', { id: 'app' });
    document.body.appendChild(main);
  }
  const course = readCourse();
  if ('error' in course) {
    fatal(main, translator(document.documentElement.lang || 'en'), course.error, course.params);
    return;
  }
  document.documentElement.lang = course.language;
  if (!document.title) document.title = course.title;
  // The page loads the course language's strings before the player; fetch them if it did not.
  await loadStrings(course.language);
  const t = translator(course.language);
  main.replaceChildren(h('p', { class: 'sp-loading' }, t('app.loading')));

  // Listen before start(): adapters report connection trouble while starting.
  let shell: Shell | null = null;
  const early: Notice[] = [];
  adapter.onNotice((notice) => (shell ? shell.notice(notice) : early.push(notice)));

  let launch: LaunchInfo;
  try {
    launch = await adapter.start(course);
  } catch (error) {
    // Adapters must not reject; if one does, the course still works, disconnected.
    console.error('[skillpack] adapter start failed', error);
    launch = { learnerName: null, savedState: null, masteryScore: null, mode: 'normal', platform: adapter.name, connected: false };
  }

  const { state, problem, update } = launch.savedState ? readState(course, launch.savedState) : { state: null, problem: null, update: undefined };
  // The learner's language from the platform, when it gives one, for the player's own words.
  const preferred = launch.language && launch.language !== course.language && (await loadStrings(launch.language)) ? launch.language : null;
  const ui = preferred ? translator(preferred) : t;
  shell = createShell(main, course, ui, () => player.exit());
  for (const notice of early) shell.notice(notice);
  if (problem) shell.notice({ level: 'warning', key: `state.${problem}` });
  if (update) for (const notice of updateNotices(update)) shell.notice(notice);
  if (launch.mode !== 'normal') shell.notice({ level: 'info', key: `mode.${launch.mode}` });

  const resumed = state ?? emptyState(course);
  if (launch.mode === 'normal' && launch.recorded) reconcileWithRecord(resumed, launch.recorded, course, state === null);
  const player = new Player(course, ui, adapter, launch, resumed, shell);
  player.begin();
}
