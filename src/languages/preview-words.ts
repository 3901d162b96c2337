/**
 * The preview workspace's words (`skillpack preview`, templates/preview/), one set in each
 * language's declaration (`src/languages/preview/<tag>.ts`). `page` is written into the page by
 * the server; the rest is what the page's scripts write, handed to them as JSON. `{name}` marks a
 * value filled in by the script. What the course reported (CMI element names and values, verbs,
 * statements), the SCORM API's function names and the compiler's diagnostics are data: shown as
 * they are, in no language.
 */
import type { Severity } from '../diagnostics/catalogue.js';
import type { TargetName } from '../targets/names.js';
import type { Counted } from './catalogue-words.js';

export interface PreviewWords {
  /** The page's own text (templates/preview/index.html.hbs). */
  page: {
    /** The page's `<title>`, and the word after the brand (skillpack). */
    title: string;
    brand: string;
    /** The course picker's label, and the accessible name of the area the course runs in. */
    course: string;
    /** The accessible name of the target switcher. */
    target: string;
    /** The build status before the page has heard from the server. */
    starting: string;
    /** The course frame's title. */
    coursePackage: string;
    /** The panel's heading. */
    reportedData: string;
    newAttempt: string;
    newAttemptHelp: string;
    newLearner: string;
    newLearnerHelp: string;
    exportJson: string;
    clearLrs: string;
  };
  /** Each target's name in the switcher (every target: a new one that lacks its name does not compile). */
  targets: Readonly<Record<TargetName, string>>;
  /** What plays the platform of each target, over the panel; `strictCmi5` when the cmi5 LMS is strict. */
  sources: Readonly<Record<TargetName | 'strictCmi5', string>>;
  /** The course picker, the build status and the learner (chrome.js). */
  chrome: {
    /** `{count}` errors and warnings of a build (also in the overlay's heading). */
    errors: Counted;
    warnings: Counted;
    /** `{title}`, `{errors}`: a course with errors in the picker. */
    pickerErrors: string;
    noCourse: string;
    building: string;
    /** `{errors}`: a failed build while the frame shows the last good one. */
    lastGoodShown: string;
    /** `{when}`: when the build finished and how long it took; the status's tooltip after a failed build. */
    failedHelp: string;
    /** `{when}`, `{warnings}`. */
    builtWithWarnings: string;
    warningsHelp: string;
    /** `{when}`. */
    built: string;
    builtHelp: string;
    /** `{id}`: the start of the attempt's registration; `{registration}`: all of it. */
    attempt: string;
    attemptHelp: string;
    noAttempt: string;
    /** The server stopped (the page reconnects by itself). */
    offline: string;
    /** `{message}`: something went wrong in the page or the server refused a request (its reason is in English). */
    error: string;
  };
  /** What the area of the course says when there is no package to show. */
  stage: {
    /** `{folder}`: the project's courses folder. */
    noCourses: string;
    notBuilt: string;
    building: string;
  };
  /** The diagnostics overlay: its words around the compiler's messages, which stay as the compiler writes them. */
  overlay: {
    /** `{title}`, `{count}` (the counted errors or warnings). */
    heading: string;
    warningsOnly: string;
    lastGoodKept: string;
    notBuilt: string;
    showLastGood: string;
    close: string;
    /** Before a diagnostic's hint (with the space or colon the language puts after it). */
    hint: string;
    severity: Readonly<Record<Severity, string>>;
  };
  /** The panel of reported data (panel.js and reported.js). */
  panel: {
    /** Labels of the summary; `interactions` and `statements` also head their lists. */
    status: string;
    score: string;
    interactions: string;
    location: string;
    statements: string;
    /** The table of answered questions. */
    question: string;
    response: string;
    result: string;
    noInteractions: string;
    /** An xAPI or cmi5 attempt with no passed, failed or completed statement yet. */
    notAttempted: string;
    /** How an xAPI answer was judged (its `result.success`: true, false, none). */
    judged: { correct: string; incorrect: string; neutral: string };
    /** `{call}`: the SCORM API's Initialize function, not called yet. */
    waitingFor: string;
    /** `{count}` Commit calls. */
    commits: Counted;
    /** `{count}` elements of the CMI data model. */
    cmiElements: Counted;
    cmiJson: string;
    /** `{mode}`, `{entry}` (as Moodle writes them), `{grade}`, `{used}`, `{budget}`: Moodle's view of the attempt. */
    moodle: string;
    /** `{call}`, `{element}`, `{code}`: a call Moodle refused (`{element}` with the value given). */
    moodleRefused: string;
    /** `{call}`, `{bytes}`: a save Moodle lost while the page unloaded. */
    moodleLost: string;
    moodleProblems: string;
    /** A statement's result: `{score}`; `{mark}` is ✓ or ✗; `{response}`. */
    resultScore: string;
    resultSuccess: string;
    resultCompletion: string;
    resultResponse: string;
    rawStatement: string;
    allStatements: string;
    noStatements: string;
    /** What the strict cmi5 LMS refused; `request`: a refused request that is no statement; `{number}`: which statement of its request. */
    refused: string;
    refusedNote: string;
    request: string;
    inRequest: string;
    refusalData: string;
    /** The web build, which reports to no platform. */
    webNote: string;
    webState: string;
    webNothing: string;
    /** Before there is anything to show. */
    nothingBuilt: string;
    waiting: string;
    /** Asked before Clear LRS; `{db}`: the journal's path. */
    confirmClear: string;
  };
}
