// A Moodle 4.x profile for the simulated LMS: scorm-again's API, wrapped so that
// it launches, refuses, overrides, stores and loses data the way Moodle's SCORM
// player does. Used by the preview's LMS (lms.js) and by the browser tests.
// A classic script: it defines globalThis.SkillpackMoodle.
//
// What is modelled, and from where in moodle/moodle (mod/scorm/):
// - Launch (datamodels/scorm_12lib.php, scorm_13lib.php get_scorm_default;
//   locallib.php scorm_check_mode): an attempt whose 1.2 lesson_status is passed,
//   failed or completed, or whose 2004 exit was normal, relaunches in review mode
//   (mode/lesson_mode review, credit no-credit, entry ab-initio, no suspend_data).
//   Otherwise 1.2 reloads every stored element, with entry ab-initio before any
//   status, resume after exit=suspend, "" else. SCORM 2004 reloads the stored data
//   only after exit=suspend ("only cmi.exit==suspend should allow previous
//   datamodel elements on re-launch"); after any other exit the SCO starts with
//   an empty data model (status unknown, no score) and entry ab-initio.
//   Two places where Moodle's own code is laxer than the profile, kept strict on
//   purpose: its 1.2 review launch gives entry "" and still loads suspend_data, and
//   scorm_check_mode picks review for 2004 from completion_status = completed,
//   not from the exit (so an attempt closed as failed but incomplete would open
//   again in normal mode, with the empty data model above).
// - Storage (datamodels/scorm_12.js, scorm_13.js StoreData/CollectData;
//   datamodel.php): only Commit and Finish/Terminate store anything, in any mode
//   (review included). 1.2 posts the elements changed since the last post; 2004
//   posts every element that differs from its launch value, so each Commit
//   re-posts all interactions (each field as `&cmi__interactions__N3__id=…`,
//   URL-encoded: a Chinese question text costs 9 bytes a character).
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
// - Unload: Moodle sends Commit and Finish by navigator.sendBeacon once the page is
//   unloading. The browser allows about 64 KB of unload beacons in all; what goes
//   past that budget is lost.
// - Gradebook (locallib.php scorm_format_interactions, scorm_grade_user): the grade
//   is cmi.core.score.raw / cmi.score.raw rounded to two decimals ((float)
//   sprintf('%2.2f'); early Moodle 2 truncated it to an integer with %0d), out of a
//   maximum grade of 100, the highest over attempts.
// Simplification: total_time is summed at a normal-mode finish only (Moodle also
// posts it after review visits; a package cannot influence that).
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

  /** Elements a SCO writes for one session only: never reloaded. */
  const SESSION_ONLY = /^(cmi\.(core\.)?(exit|session_time)|adl\.nav\.request)$/;

  const isInteraction = (key) => /^cmi\.interactions\.\d+\./.test(key);

  /**
   * Size of a post as Moodle's CollectData encodes it: `&cmi__core__lesson_status=…` for every
   * element, interactions and their correct responses under `N<index>` names.
   */
  function payloadBytes(entries) {
    let bytes = 0;
    for (const [key, value] of entries) {
      const name = key.replace(/\.(\d+)\./g, '.N$1.').replace(/\./g, '__');
      bytes += `&${name}=${encodeURIComponent(value)}`.length;
    }
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
   */
  function launchData(version, tracks, options) {
    const load = {};
    // Preview (browse) is the learner's choice and skips the attempt checks (scorm_check_mode).
    let mode = options.browse ? 'browse' : 'normal';
    let entry;
    if (version === '1.2') {
      const status = tracks['cmi.core.lesson_status'] ?? '';
      if (mode === 'normal' && ['passed', 'failed', 'completed'].includes(status)) mode = 'review';
      entry = mode === 'review' || status === '' ? 'ab-initio' : tracks['cmi.core.exit'] === 'suspend' ? 'resume' : '';
      for (const [key, value] of Object.entries(tracks)) if (!SESSION_ONLY.test(key) && !(mode === 'review' && key === 'cmi.suspend_data')) load[key] = value;
      Object.assign(load, {
        'cmi.core.student_id': options.learner.id,
        'cmi.core.student_name': options.learner.name,
        'cmi.core.lesson_mode': mode,
        'cmi.core.credit': mode === 'normal' ? 'credit' : 'no-credit',
        'cmi.core.entry': entry,
      });
      if (options.mastery !== null && options.mastery !== undefined) load['cmi.student_data.mastery_score'] = String(options.mastery);
      if (!load['cmi.core.lesson_status']) delete load['cmi.core.lesson_status'];
    } else {
      const exit = tracks['cmi.exit'] ?? '';
      if (mode === 'normal' && exit === 'normal') mode = 'review';
      const suspended = exit === 'suspend';
      entry = suspended && mode === 'normal' ? 'resume' : 'ab-initio';
      if (suspended) for (const [key, value] of Object.entries(tracks)) if (!SESSION_ONLY.test(key)) load[key] = value;
      Object.assign(load, {
        'cmi.learner_id': options.learner.id,
        'cmi.learner_name': options.learner.name,
        'cmi.mode': mode,
        'cmi.credit': mode === 'normal' ? 'credit' : 'no-credit',
        'cmi.entry': entry,
      });
      if (options.mastery !== null && options.mastery !== undefined) load['cmi.scaled_passing_score'] = String(options.mastery);
    }
    return { mode, entry, load };
  }

  /** SCORM 1.2 CMITimespan or 2004 duration, in seconds. */
  function seconds(text) {
    if (!text) return 0;
    const hms = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(text);
    if (hms) return Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3]);
    const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
    return iso ? Number(iso[1] ?? 0) * 86400 + Number(iso[2] ?? 0) * 3600 + Number(iso[3] ?? 0) * 60 + Number(iso[4] ?? 0) : 0;
  }

  function timespan(version, total) {
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = Math.round((total % 60) * 100) / 100;
    if (version === '2004') return `PT${h}H${m}M${s}S`;
    const pad = (n) => String(n).padStart(2, '0');
    return `${String(h).padStart(4, '0')}:${pad(m)}:${s.toFixed(2).padStart(5, '0')}`;
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
    const { mode, entry, load } = launchData(version, attempt.tracks, { learner, mastery: options.mastery ?? null, browse: options.browse === true });
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
      beacons: { budget: options.beaconBudget ?? BEACON_BUDGET, used: 0, sent: 0, dropped: [] },
      calls: { initialized: false, sets: 0, commits: 0, finished: false },
      unloading: false,
      inner,
      api: {},
      gradebook: () => gradebook(record),
      /** Everything the test or panel needs, as plain data. */
      snapshot: () => JSON.parse(JSON.stringify({ version, mode, entry, record, refused: lms.refused, beacons: lms.beacons, calls: lms.calls, gradebook: gradebook(record) })),
      /** Treat the course window as leaving from now on (its beforeunload or pagehide). */
      watch(win) {
        const leaving = () => (lms.unloading = true);
        win.addEventListener('beforeunload', leaving, { capture: true });
        // Capture: before the package's own pagehide listener, which finishes the session.
        win.addEventListener('pagehide', leaving, { capture: true });
      },
    };

    // What the SCO wrote this session, and what each post already carried (1.2 posts changes only).
    const written = {};
    const posted = {};
    const launchValues = { ...load };
    let forced = null;
    const changed = () => options.onChange?.();

    function refuse(call, element, value, code) {
      lms.refused.push({ call, element: element ?? '', value: value ?? '', code });
      forced = code;
      return 'false';
    }

    /** One post to Moodle's datamodel.php: XHR while the page lives, a beacon while it unloads. */
    function post(call, entries) {
      const bytes = payloadBytes(entries);
      if (lms.unloading) {
        if (lms.beacons.used + bytes > lms.beacons.budget) {
          lms.beacons.dropped.push({ call, bytes, elements: entries.length });
          return;
        }
        lms.beacons.used += bytes;
        lms.beacons.sent++;
      }
      for (const [key, value] of entries) attempt.tracks[key] = value;
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
        const current = { ...launchValues, ...written };
        for (const [key, value] of Object.entries(current)) if (isInteraction(key) || launchValues[key] !== value) entries.push([key, value]);
      }
      return entries;
    }

    /** LMSFinish / Terminate: Moodle's overrides, then the total time, then the post. */
    function store(finishing) {
      if (finishing && version === '1.2') {
        const value = (key) => written[key] ?? launchValues[key] ?? '';
        if (value('cmi.core.lesson_status') === '') written['cmi.core.lesson_status'] = 'completed';
        const mastery = value('cmi.student_data.mastery_score');
        const raw = value('cmi.core.score.raw');
        if (options.masteryOverride !== false && mode === 'normal' && mastery !== '' && raw !== '') {
          written['cmi.core.lesson_status'] = Number(raw) >= Number(mastery) ? 'passed' : 'failed';
        }
      }
      const entries = collect();
      if (finishing && mode === 'normal') {
        const element = version === '1.2' ? 'cmi.core.total_time' : 'cmi.total_time';
        const session = written[version === '1.2' ? 'cmi.core.session_time' : 'cmi.session_time'];
        entries.push([element, timespan(version, seconds(attempt.tracks[element]) + seconds(session))]);
        if (version === '2004' && session) entries.push(['cmi.session_time', session]);
      }
      post(finishing ? names.finish : names.commit, entries);
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
      return index === undefined ? '' : (written[key] ?? launchValues[key] ?? '');
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
    api[names.commit] = (param) => {
      forced = null;
      const result = inner[names.commit](param);
      if (result !== 'true') return refuse(names.commit, '', '', String(inner[names.error]()));
      lms.calls.commits++;
      store(false);
      changed();
      return result;
    };
    api[names.finish] = (param) => {
      forced = null;
      const result = inner[names.finish](param);
      if (result !== 'true') return refuse(names.finish, '', '', String(inner[names.error]()));
      lms.calls.finished = true;
      store(true);
      changed();
      return result;
    };
    api[names.error] = () => (forced !== null ? forced : inner[names.error]());
    api[names.string] = (code) => inner[names.string](code);
    api[names.diagnostic] = (code) => inner[names.diagnostic](code);
    return lms;
  }

  root.SkillpackMoodle = { launch, launchData, gradebook, BEACON_BUDGET, payloadBytes };
})(globalThis);
