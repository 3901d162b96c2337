// The simulated LMS for the SCORM targets: a scorm-again API object in this
// window (where the package looks for it, climbing from its frame), seeded
// from the server before the frame loads, and saved to the server on every
// commit and finish so that a reload, or a later visit, resumes the attempt.

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
    // No lmsCommitUrl: commits stay in the page and are saved below, per attempt.
    this.api = new Api({ autocommit: false, logLevel: 5 });
    this.api.loadFromJSON(launch.scorm.seed);
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
    window[this.names.global] = this.api;
  }

  /** The CMI data model as dotted names ("cmi.core.lesson_status" → "passed"), strings only. */
  flat() {
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
    if (window[this.names.global] === this.api) delete window[this.names.global];
  }
}

/** Remove any SCORM API from this window (before a launch of another target). */
export function removeScormApis() {
  delete window.API;
  delete window.API_1484_11;
}
