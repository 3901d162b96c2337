// What the workspace shows: shared by its modules, changed only through them.

export const state = {
  /** @type {Map<string, any>} course key → build summary from the server */
  courses: new Map(),
  /** @type {Array<{ id: string, label: string }>} */
  targets: [],
  learner: null,
  course: '',
  target: 'scorm12',
  /** The server's answer to the running launch (src, registration, learner, SCORM seed). */
  launch: null,
  /** @type {import('./lms.js').ScormLms | null} */
  lms: null,
  /** Statements of the running attempt (xAPI, cmi5). */
  statements: [],
  /** What the strict cmi5 LMS refused in the running attempt, oldest first. */
  rejections: [],
  /** Build version shown in the frame. */
  shownVersion: 0,
  /** Lessons whose saved text the frame shows ahead of a build (their build must confirm it, or the frame is launched again). */
  drafted: new Set(),
  /** Absolute path of the LRS journal. */
  db: '',
  /** Whether the cmi5 LMS refuses what a strict LMS would. */
  strictCmi5: false,
};

/** The chosen course's build summary. */
export const current = () => state.courses.get(state.course);
