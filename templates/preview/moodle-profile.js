// A Moodle 4.x profile for the simulated LMS: scorm-again's API, wrapped so that
// it launches, refuses, overrides, stores and loses data the way Moodle's SCORM
// player does. Used by the preview's LMS (lms.js) and by the browser tests.
// A classic script: it defines globalThis.SkillpackMoodle.
//
// What is modelled, and from where in moodle/moodle (mod/scorm/):
// - Mode (lib.php scorm_check_mode): an attempt relaunches in review mode (credit
//   no-credit) when its status track says it is finished: 1.2 cmi.core.lesson_status
//   passed, failed or completed; 2004 cmi.completion_status completed, whatever the
//   exit and success_status were.
// - What the SCO gets (datamodels/scorm_12lib.php, scorm_13lib.php get_scorm_default):
//   1.2 reloads every stored element in any mode, suspend_data included, with entry
//   ab-initio before any status, resume after exit=suspend, "" otherwise (a review
//   launch too). SCORM 2004 reloads the stored data only after exit=suspend ("only
//   cmi.exit==suspend should allow previous datamodel elements on re-launch"), in any
//   mode, with entry resume; after any other exit the SCO starts with an empty data
//   model (status unknown, no score, total_time PT0H0M0S, interactions from index 0)
//   and entry ab-initio, in normal mode as in review.
// - Storage (datamodels/scorm_12.js, scorm_13.js CollectData/StoreData; datamodel.php):
//   only Commit and Finish/Terminate store anything, in any mode (review included).
//   1.2 posts the elements that differ from what it last posted (the launch values
//   first); 2004 posts every element that differs from its launch default (Moodle's
//   defaults, e.g. success_status unknown, when nothing was reloaded) and every
//   interaction each time. Both post the total time at Finish/Terminate in every mode:
//   the launch total_time plus session_time (2004 AddTime, which writes zero as "P").
//   datamodel.php stores only cmi.* elements: adl.nav.request is posted, never stored.
// - LMSFinish in SCORM 1.2: lesson_status 'not attempted' becomes completed in any
//   mode (browse included: the 'browsed' rule after it can then never apply); in
//   normal mode with credit, with "mastery score overrides status" (on by
//   default) any status becomes passed when score.raw >= mastery_score and failed
//   below it. SCORM 2004 Terminate overrides completion only when a completion
//   threshold and progress_measure are both set (these packages set no threshold);
//   its success override reads a misspelt element (scaled_passed_score) and never
//   applies, so none is modelled.
// - Formats Moodle checks that scorm-again does not: 1.2 suspend_data ≤ 4096 and
//   lesson_location ≤ 255 characters (scorm12standard, the default), score CMIDecimal
//   0..100, weighting CMIDecimal -100..100, CMIIdentifier interaction ids, CMIFeedback
//   ≤ 255; 2004 decimals (CMIDecimal: at most 5 integer digits, for scores, weighting and
//   a numeric interaction's learner_response and pattern bounds) and long identifiers as
//   in scorm_13.js.
// - Beacons (request.js DoRequest, mod_scorm_monitorForBeaconRequirement): while the
//   page is hidden or unloading (visibilitychange to hidden, beforeunload, pagehide;
//   visible again or pageshow turn it off) every post goes by navigator.sendBeacon, as
//   multipart form data: each pair of the post (id, a, sesskey, attempt and scoid too)
//   and unloading=1 as a part of its own, values in UTF-8. Chromium refuses a beacon
//   once the bodies in flight would pass 64 KiB; Moodle then answers the call "false"
//   with error 101, and nothing of that post is stored.
// - Gradebook (locallib.php scorm_format_interactions, scorm_grade_user): the grade
//   is cmi.core.score.raw / cmi.score.raw rounded to two decimals ((float)
//   sprintf('%2.2f'); early Moodle 2 truncated it to an integer with %0d), out of a
//   maximum grade of 100, the highest over attempts.
(function (root) {
  'use strict';

  const BEACON_BUDGET = 64 * 1024;

  const NAMES = {
    '1.2': { global: 'API', Api: 'Scorm12API', init: 'LMSInitialize', finish: 'LMSFinish', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit', error: 'LMSGetLastError', string: 'LMSGetErrorString', diagnostic: 'LMSGetDiagnostic' },
    '2004': { global: 'API_1484_11', Api: 'Scorm2004API', init: 'Initialize', finish: 'Terminate', get: 'GetValue', set: 'SetValue', commit: 'Commit', error: 'GetLastError', string: 'GetErrorString', diagnostic: 'GetDiagnostic' },
  };

  /** CMIDecimal: SCORM 1.2 (scorm_12.js) takes at most 3 integer digits, SCORM 2004 (scorm_13.js) 5. */
  const DECIMAL_12 = /^-?([0-9]{0,3})(\.[0-9]*)?$/;
  const DECIMAL_2004 = /^-?([0-9]{1,5})(\.[0-9]{1,18})?$/;
  /** A 1.2 decimal within one of scorm_12.js's ranges (score_range, weighting_range). */
  const decimal12 = (v, min, max) => DECIMAL_12.test(v) && Number(v) >= min && Number(v) <= max;

  /**
   * Moodle's own format checks (datamodels/scorm_12.js, scorm_13.js) beyond scorm-again's:
   * [element, accepts(value, the interaction's type), error code]. SCORM 2004 checks a numeric
   * interaction's learner_response, and each [:]-separated bound of its pattern, as a CMIDecimal.
   */
  const CHECKS = {
    '1.2': [
      [/^cmi\.suspend_data$/, (v) => v.length <= 4096, '405'],
      [/^cmi\.core\.lesson_location$/, (v) => v.length <= 255, '405'],
      [/^cmi\.core\.score\.(raw|min|max)$/, (v) => decimal12(v, 0, 100), '405'],
      [/^cmi\.core\.exit$/, (v) => /^(time-out|suspend|logout|)$/.test(v), '405'],
      [/^cmi\.interactions\.\d+\.id$/, (v) => /^[\u0021-\u007E]{0,255}$/.test(v), '405'],
      [/^cmi\.interactions\.\d+\.(student_response|correct_responses\.\d+\.pattern)$/, (v) => v.length <= 255, '405'],
      [/^cmi\.interactions\.\d+\.weighting$/, (v) => decimal12(v, -100, 100), '405'],
    ],
    '2004': [
      [/^cmi\.(score\.(raw|min|max|scaled)|progress_measure)$/, (v) => DECIMAL_2004.test(v), '406'],
      [/^cmi\.interactions\.\d+\.id$/, (v) => /^(?:(?!urn:)\S{1,4000}|urn:[A-Za-z0-9-]{1,31}:\S{1,4000})$/.test(v), '406'],
      [/^cmi\.interactions\.\d+\.weighting$/, (v) => DECIMAL_2004.test(v), '406'],
      [/^cmi\.interactions\.\d+\.learner_response$/, (v, type) => type !== 'numeric' || DECIMAL_2004.test(v), '406'],
      [/^cmi\.interactions\.\d+\.correct_responses\.\d+\.pattern$/, (v, type) => type !== 'numeric' || v === '' || v.split('[:]').every((n) => DECIMAL_2004.test(n)), '406'],
      [/^cmi\.location$/, (v) => v.length <= 1000, '406'],
    ],
  };

  /**
   * SCORM 2004 defaults when nothing is reloaded (scorm_13lib.php get_scorm_default's $def, and
   * scorm_13.js's datamodel for session_time): CollectData posts only what differs from them.
   */
  const DEFAULTS_2004 = {
    'cmi.completion_status': 'unknown',
    'cmi.success_status': 'unknown',
    'cmi.exit': '',
    'cmi.location': '',
    'cmi.progress_measure': '',
    'cmi.score.scaled': '',
    'cmi.score.raw': '',
    'cmi.score.min': '',
    'cmi.score.max': '',
    'cmi.suspend_data': '',
    'cmi.total_time': 'PT0H0M0S',
    'cmi.session_time': 'PT0H0M0S',
  };

  /** Elements a SCO writes for one session only: never handed to the next. */
  const SESSION_ONLY = /^cmi\.(core\.)?(exit|session_time)$/;

  const isInteraction = (key) => /^cmi\.interactions\.\d+\./.test(key);

  /** What request.js adds to every post (datamodelurlparams), with values of Moodle's usual lengths. */
  const POST_PARAMS = [['id', '123'], ['a', '45'], ['sesskey', 'abcdefghij'], ['attempt', '1'], ['scoid', '678']];

  /** An element's name in a post (underscore()): 2004 `cmi__interactions__N0__id`, 1.2 `cmi__interactions_0__id`. */
  const postName = (version, key) => key.replace(/\.(\d+)\./g, version === '2004' ? '.N$1.' : '_$1.').replace(/\./g, '__');

  /**
   * Size of a post sent as a beacon: request.js useSendBeacon appends each pair to a FormData,
   * then unloading=1, and Chromium encodes it as multipart/form-data with a 38-character boundary.
   */
  function beaconBytes(version, entries) {
    const encoder = new TextEncoder();
    const parts = [...POST_PARAMS, ...entries.map(([key, value]) => [postName(version, key), value]), ['unloading', '1']];
    let bytes = 2 + 38 + 4;
    for (const [name, value] of parts) bytes += 2 + 38 + 2 + encoder.encode(`Content-Disposition: form-data; name="${name}"`).length + 4 + encoder.encode(String(value)).length + 2;
    return bytes;
  }

  /**
   * Flat tracks ("cmi.core.lesson_status" → value) as the nested object scorm-again's
   * loadFromJSON takes, with each interaction's id and type before its other fields.
   */
  function nested(flat) {
    const rank = (key) => (/\.id$/.test(key) && isInteraction(key) && key.split('.').length === 4 ? 0 : /\.type$/.test(key) && isInteraction(key) ? 1 : 2);
    const keys = Object.keys(flat).sort((a, b) => rank(a) - rank(b));
    const out = {};
    for (const key of keys) {
      const parts = key.replace(/^cmi\./, '').split('.');
      let node = out;
      for (let i = 0; i < parts.length - 1; i++) node = node[parts[i]] ??= {};
      node[parts[parts.length - 1]] = flat[key];
    }
    return out;
  }

  /**
   * What Moodle hands the SCO at launch, from the attempt's stored tracks.
   * @param {'1.2' | '2004'} version
   * @param {Record<string, string>} tracks the attempt's stored elements
   * @param {{ learner: { id: string, name: string }, mastery: number | null, browse?: boolean }} options mastery in percent (1.2) or 0..1 (2004); browse: the learner chose Preview
   * @returns {{ mode: string, entry: string, load: Record<string, string>, defaults: Record<string, string> }}
   *   load: what scorm-again is given; defaults: the launch values CollectData compares with
   */
  function launchData(version, tracks, options) {
    const load = {};
    // Preview (browse) is the learner's choice and skips the attempt checks (scorm_check_mode).
    let mode = options.browse ? 'browse' : 'normal';
    let entry;
    let defaults;
    if (version === '1.2') {
      const status = tracks['cmi.core.lesson_status'] ?? '';
      // lib.php scorm_check_mode.
      if (mode === 'normal' && ['passed', 'failed', 'completed'].includes(status)) mode = 'review';
      // scorm_12lib.php get_scorm_default: every track, and this entry, whatever the mode.
      entry = status === '' ? 'ab-initio' : tracks['cmi.core.exit'] === 'suspend' ? 'resume' : '';
      for (const [key, value] of Object.entries(tracks)) if (!SESSION_ONLY.test(key)) load[key] = value;
      Object.assign(load, {
        'cmi.core.student_id': options.learner.id,
        'cmi.core.student_name': options.learner.name,
        'cmi.core.lesson_mode': mode,
        'cmi.core.credit': mode === 'normal' ? 'credit' : 'no-credit',
        'cmi.core.entry': entry,
      });
      if (options.mastery !== null && options.mastery !== undefined) load['cmi.student_data.mastery_score'] = String(options.mastery);
      if (!load['cmi.core.lesson_status']) delete load['cmi.core.lesson_status'];
      defaults = { 'cmi.core.total_time': '00:00:00', ...tracks };
    } else {
      // lib.php scorm_check_mode: the 2004 completion element is cmi.completion_status.
      if (mode === 'normal' && ['completed', 'passed', 'failed'].includes(tracks['cmi.completion_status'] ?? '')) mode = 'review';
      // scorm_13lib.php get_scorm_default: tracks (and their values as defaults) only after a suspend, in any mode.
      const suspended = tracks['cmi.exit'] === 'suspend';
      entry = suspended ? 'resume' : 'ab-initio';
      defaults = { ...DEFAULTS_2004 };
      if (suspended) {
        for (const [key, value] of Object.entries(tracks)) if (!SESSION_ONLY.test(key)) load[key] = value;
        for (const key of Object.keys(DEFAULTS_2004)) if (key !== 'cmi.session_time' && tracks[key] !== undefined) defaults[key] = tracks[key];
      }
      Object.assign(load, {
        'cmi.learner_id': options.learner.id,
        'cmi.learner_name': options.learner.name,
        'cmi.mode': mode,
        'cmi.credit': mode === 'normal' ? 'credit' : 'no-credit',
        'cmi.entry': entry,
      });
      if (options.mastery !== null && options.mastery !== undefined) load['cmi.scaled_passing_score'] = String(options.mastery);
    }
    return { mode, entry, load, defaults };
  }

  /** SCORM 1.2 CMITimespan or 2004 duration, in seconds. */
  function seconds(text) {
    if (!text) return 0;
    const hms = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(text);
    if (hms) return Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3]);
    const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
    return iso ? Number(iso[1] ?? 0) * 86400 + Number(iso[2] ?? 0) * 3600 + Number(iso[3] ?? 0) * 60 + Number(iso[4] ?? 0) : 0;
  }

  /** A total time as Moodle's AddTime writes it: 1.2 `HH:MM:SS.cc`, 2004 `P1DT2H3M4.5S` (zero parts left out: nothing at all is "P"). */
  function totalTime(version, total) {
    const s = Math.round((total % 60) * 100) / 100;
    const m = Math.floor(total / 60) % 60;
    const h = Math.floor(total / 3600);
    if (version === '1.2') {
      const pad = (n) => String(n).padStart(2, '0');
      const cents = Math.round((s % 1) * 100);
      return `${pad(h)}:${pad(m)}:${pad(Math.floor(s))}${cents ? `.${pad(cents)}` : ''}`;
    }
    const days = Math.floor(h / 24);
    const time = `${h % 24 ? `${h % 24}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
    return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
  }

  /**
   * The gradebook value Moodle shows for a record: the highest attempt's raw score to two decimals, out of 100.
   * @param {{ attempts: Array<{ tracks: Record<string, string> }> }} record
   */
  function gradebook(record) {
    let best = null;
    for (const { tracks } of record.attempts) {
      const raw = tracks['cmi.core.score.raw'] ?? tracks['cmi.score.raw'];
      if (raw === undefined || raw === '' || !Number.isFinite(Number(raw))) continue;
      // (float) sprintf('%2.2f', $value): two decimals, rounded.
      const grade = Number(Number(raw).toFixed(2));
      if (best === null || grade > best) best = grade;
    }
    return best === null ? null : { grade: best, max: 100 };
  }

  /**
   * Launch a SCO as Moodle would: build scorm-again's API from the stored record and wrap it.
   * @param {{
   *   version: '1.2' | '2004',
   *   record?: { attempts: Array<{ tracks: Record<string, string> }> },
   *   learner?: { id: string, name: string },
   *   mastery?: number | null,
   *   masteryOverride?: boolean,
   *   newAttempt?: boolean,
   *   browse?: boolean,
   *   beaconBudget?: number,
   *   onChange?: () => void,
   * }} options
   */
  function launch(options) {
    const version = options.version;
    const names = NAMES[version];
    const record = options.record ? JSON.parse(JSON.stringify(options.record)) : { attempts: [] };
    if (record.attempts.length === 0 || options.newAttempt) record.attempts.push({ tracks: {} });
    const attempt = record.attempts[record.attempts.length - 1];
    const learner = options.learner ?? { id: 'learner-1', name: 'Learner, Preview' };
    const { mode, entry, load, defaults } = launchData(version, attempt.tracks, { learner, mastery: options.mastery ?? null, browse: options.browse === true });
    const Api = root[names.Api];
    if (!Api) throw new Error('scorm-again did not load');
    const inner = new Api({ autocommit: false, logLevel: 5 });
    inner.loadFromJSON(nested(load));

    const lms = {
      version,
      mode,
      entry,
      record,
      /** Calls Moodle refused: { call, element, value, code }. */
      refused: [],
      /** used: bytes of the beacons sent since the page was last visible (in flight together). */
      beacons: { budget: options.beaconBudget ?? BEACON_BUDGET, used: 0, sent: 0, dropped: [] },
      calls: { initialized: false, sets: 0, commits: 0, finished: false },
      /** Posts go by beacon: the page is hidden or unloading (request.js mod_scorm_useBeaconAPI). */
      useBeacon: false,
      inner,
      api: {},
      gradebook: () => gradebook(record),
      /** Everything the test or panel needs, as plain data. */
      snapshot: () => JSON.parse(JSON.stringify({ version, mode, entry, record, refused: lms.refused, beacons: lms.beacons, calls: lms.calls, gradebook: gradebook(record) })),
      /** Follow the course window as request.js follows the player's: hidden or leaving means beacons. */
      watch(win) {
        const on = () => (lms.useBeacon = true);
        const off = () => {
          lms.useBeacon = false;
          // Visible again: what was sent meanwhile has landed.
          lms.beacons.used = 0;
        };
        // Capture: before the package's own listeners, which commit and finish the session.
        for (const type of ['beforeunload', 'pagehide']) win.addEventListener(type, on, { capture: true });
        win.addEventListener('pageshow', off, { capture: true });
        win.addEventListener('visibilitychange', () => (win.document.visibilityState === 'hidden' ? on() : off()), { capture: true });
      },
    };

    // What the SCO wrote this session, and (1.2) what the last post carried.
    const written = {};
    const posted = { ...defaults };
    let forced = null;
    const changed = () => options.onChange?.();

    function refuse(call, element, value, code) {
      lms.refused.push({ call, element: element ?? '', value: value ?? '', code });
      forced = code;
      return 'false';
    }

    /**
     * One post to datamodel.php: XHR while the page is visible, a beacon while it is hidden or
     * unloading. False when Chromium refuses the beacon (nothing of it is stored).
     */
    function post(call, entries) {
      if (lms.useBeacon) {
        const bytes = beaconBytes(version, entries);
        if (lms.beacons.used + bytes > lms.beacons.budget) {
          lms.beacons.dropped.push({ call, bytes, elements: entries.length });
          return false;
        }
        lms.beacons.used += bytes;
        lms.beacons.sent++;
      }
      // datamodel.php stores the cmi.* pairs only.
      for (const [key, value] of entries) if (key.startsWith('cmi.')) attempt.tracks[key] = value;
      return true;
    }

    function collect() {
      const entries = [];
      if (version === '1.2') {
        for (const [key, value] of Object.entries(written)) {
          if (key === 'cmi.core.session_time' || posted[key] === value) continue;
          posted[key] = value;
          entries.push([key, value]);
        }
      } else {
        // scorm_13.js CollectData: interactions have no default, so every one goes each time.
        for (const [key, value] of Object.entries({ ...load, ...written })) if (isInteraction(key) || (defaults[key] ?? load[key]) !== value) entries.push([key, value]);
      }
      return entries;
    }

    /** Commit, or LMSFinish / Terminate: Moodle's overrides and the total time, then the post. */
    function store(finishing) {
      if (finishing && version === '1.2') {
        const value = (key) => written[key] ?? load[key] ?? '';
        if (value('cmi.core.lesson_status') === '') written['cmi.core.lesson_status'] = 'completed';
        const mastery = value('cmi.student_data.mastery_score');
        const raw = value('cmi.core.score.raw');
        if (options.masteryOverride !== false && mode === 'normal' && mastery !== '' && raw !== '') {
          written['cmi.core.lesson_status'] = Number(raw) >= Number(mastery) ? 'passed' : 'failed';
        }
      }
      const entries = collect();
      if (finishing) {
        // scorm_12.js / scorm_13.js StoreData: TotalTime() in every mode, from the total time handed
        // over at launch (2004: PT0H0M0S when nothing was reloaded).
        const element = version === '1.2' ? 'cmi.core.total_time' : 'cmi.total_time';
        const session = written[version === '1.2' ? 'cmi.core.session_time' : 'cmi.session_time'];
        entries.push([element, totalTime(version, seconds(defaults[element]) + seconds(session))]);
      }
      return post(finishing ? names.finish : names.commit, entries);
    }

    const api = lms.api;
    for (const name of Object.values(names)) if (typeof inner[name] === 'function') api[name] = (...args) => inner[name](...args);
    api[names.init] = (param) => {
      forced = null;
      const result = inner[names.init](param);
      if (result === 'true') lms.calls.initialized = true;
      else refuse(names.init, '', '', String(inner[names.error]()));
      changed();
      return result;
    };
    /** The type of the interaction an element belongs to, as this session or the stored record has it. */
    function interactionType(element) {
      const index = /^cmi\.interactions\.(\d+)\./.exec(element)?.[1];
      const key = `cmi.interactions.${index}.type`;
      return index === undefined ? '' : (written[key] ?? load[key] ?? '');
    }

    api[names.set] = (element, value) => {
      forced = null;
      const text = String(value);
      for (const [pattern, accepts, code] of CHECKS[version]) if (pattern.test(element) && !accepts(text, interactionType(element))) return refuse(names.set, element, text, code);
      const result = inner[names.set](element, value);
      lms.calls.sets++;
      if (result === 'true') written[element] = text;
      else refuse(names.set, element, text, String(inner[names.error]()));
      changed();
      return result;
    };
    // A refused beacon: request.js answers "false\n101", which the API passes on.
    const lost = () => {
      forced = '101';
      changed();
      return 'false';
    };
    api[names.commit] = (param) => {
      forced = null;
      const result = inner[names.commit](param);
      if (result !== 'true') return refuse(names.commit, '', '', String(inner[names.error]()));
      lms.calls.commits++;
      if (!store(false)) return lost();
      changed();
      return result;
    };
    api[names.finish] = (param) => {
      forced = null;
      const result = inner[names.finish](param);
      if (result !== 'true') return refuse(names.finish, '', '', String(inner[names.error]()));
      lms.calls.finished = true;
      if (!store(true)) return lost();
      changed();
      return result;
    };
    api[names.error] = () => (forced !== null ? forced : inner[names.error]());
    api[names.string] = (code) => inner[names.string](code);
    api[names.diagnostic] = (code) => inner[names.diagnostic](code);
    return lms;
  }

  root.SkillpackMoodle = { launch, launchData, gradebook, BEACON_BUDGET, beaconBytes };
})(globalThis);
