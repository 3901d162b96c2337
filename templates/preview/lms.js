// The simulated LMS for the SCORM targets: a scorm-again API object in this
// window (where the package looks for it, climbing from its frame), seeded
// from the server before the frame loads, and saved to the server on every
// commit and finish so that a reload, or a later visit, resumes the attempt.
// By default it follows Moodle 4.x's rules (moodle-profile.js): review-mode
// relaunch of a finished attempt, what Moodle stores and overrides, and the
// unload beacon budget; the panel shows what Moodle refused or lost. Set
// localStorage['skillpack:preview:scorm-profile'] = 'scorm-again' for the bare runtime.

const NAMES = {
  '1.2': { global: 'API', Api: 'Scorm12API', set: 'LMSSetValue', init: 'LMSInitialize', commit: 'LMSCommit', finish: 'LMSFinish' },
  '2004': { global: 'API_1484_11', Api: 'Scorm2004API', set: 'SetValue', init: 'Initialize', commit: 'Commit', finish: 'Terminate' },
};

export class ScormLms {
  /**
   * @param {object} launch the server's launch (course, target, registration, learner, scorm: { version, seed })
   * @param {() => void} onChange called after every change the package makes
   */
  constructor(launch, onChange) {
    this.launch = launch;
    this.names = NAMES[launch.scorm.version];
    this.onChange = onChange;
    /** @type {{ initialized: string | null, commits: number, lastCommit: string | null, finished: string | null, sets: number }} */
    this.calls = { initialized: null, commits: 0, lastCommit: null, finished: null, sets: 0 };
    this.pending = Promise.resolve();
    const Api = window[this.names.Api];
    if (!Api) throw new Error('scorm-again did not load');
    /** The Moodle profile's state (record, refusals, beacons), or null for bare scorm-again. */
    this.moodle = null;
    if (window.SkillpackMoodle && localStorage.getItem(PROFILE_KEY) !== 'scorm-again') {
      this.moodle = startMoodle(launch, onChange);
      this.api = this.moodle.inner;
    } else {
      // No lmsCommitUrl: commits stay in the page and are saved below, per attempt.
      this.api = new Api({ autocommit: false, logLevel: 5 });
      this.api.loadFromJSON(launch.scorm.seed);
    }
    this.api.on(`${this.names.set}.cmi.*`, () => {
      this.calls.sets++;
      this.onChange();
    });
    this.api.on(this.names.init, () => {
      this.calls.initialized = new Date().toISOString();
      this.onChange();
    });
    this.api.on(this.names.commit, () => {
      this.calls.commits++;
      this.calls.lastCommit = new Date().toISOString();
      this.save();
      this.onChange();
    });
    this.api.on(this.names.finish, () => {
      this.calls.finished = new Date().toISOString();
      this.save();
      this.onChange();
    });
    window[this.names.global] = this.moodle ? this.moodle.api : this.api;
  }

  /**
   * The CMI data model as dotted names ("cmi.core.lesson_status" → "passed"), strings only:
   * under Moodle's rules, what Moodle has stored for the attempt (Commit and Finish only).
   */
  flat() {
    if (this.moodle) return { ...(this.moodle.record.attempts.at(-1)?.tracks ?? {}) };
    const out = {};
    for (const [key, value] of Object.entries(this.api.getFlattenedCMI())) if (typeof value === 'string') out[key] = value;
    return out;
  }

  /** The CMI tree, as saved. */
  tree() {
    return this.api.renderCMIToJSONObject().cmi;
  }

  /** Keep the CMI tree on the server (one save at a time, in order). */
  save() {
    const { course, target, registration, learner } = this.launch;
    const body = JSON.stringify({ course, target, registration, learner: learner.id, cmi: this.tree() });
    this.pending = this.pending
      .then(() => fetch('/api/cmi', { method: 'PUT', headers: { 'content-type': 'application/json' }, body, keepalive: body.length < 60000 }))
      .catch((error) => console.warn('[preview] could not save the CMI data', error));
    return this.pending;
  }

  /** Wait for every save started so far. */
  flush() {
    return this.pending;
  }

  /** Take the API away: the next launch brings its own. */
  detach() {
    this.moodle?.stop();
    if (window[this.names.global] === (this.moodle ? this.moodle.api : this.api)) delete window[this.names.global];
  }
}

const PROFILE_KEY = 'skillpack:preview:scorm-profile';

/**
 * Launch under Moodle's rules. Moodle's record (its tracks per attempt) is kept in this
 * browser per registration, so a reload or a rebuild relaunches as Moodle would (review
 * mode after a finished attempt); New attempt and New learner start a fresh record.
 */
function startMoodle(launch, onChange) {
  const v12 = launch.scorm.version === '1.2';
  const seed = launch.scorm.seed;
  const key = `skillpack:preview:moodle:${launch.course}:${launch.target}:${launch.registration}`;
  let record = null;
  try {
    record = JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    record = null;
  }
  const learner = v12 ? { id: seed.core?.student_id ?? '', name: seed.core?.student_name ?? '' } : { id: seed.learner_id ?? '', name: seed.learner_name ?? '' };
  const mastery = v12 ? seed.student_data?.mastery_score : seed.scaled_passing_score;
  const lms = window.SkillpackMoodle.launch({
    version: launch.scorm.version,
    record: record ?? undefined,
    learner,
    mastery: mastery === undefined || mastery === '' ? null : Number(mastery),
    onChange: () => {
      localStorage.setItem(key, JSON.stringify(lms.record));
      onChange();
    },
  });
  // The package's window unloading (reload, another target, New attempt) sends by beacon.
  const frame = document.getElementById('course-frame');
  const watch = () => frame?.contentWindow && lms.watch(frame.contentWindow);
  frame?.addEventListener('load', watch);
  lms.stop = () => frame?.removeEventListener('load', watch);
  return lms;
}

/** Remove any SCORM API from this window (before a launch of another target). */
export function removeScormApis() {
  delete window.API;
  delete window.API_1484_11;
}
