/**
 * Resume state: what the player needs to pick up where the learner left off.
 *
 * It travels through the LMS as one string (SCORM 1.2 `cmi.suspend_data` holds only
 * 4,096 characters), so it is encoded compactly:
 *
 *     2~<checksum>~{"f":"…","o":"…","k":4,"l":"…","v":"…","p":3,"u":1,"h":[[1,3,5,0]],"a":[…]}
 *     ^ format version   ^ FNV-1a of the JSON, base 36
 *
 * - `f` fingerprint of the course structure (lesson and question ids): indices in the
 *   state are read as they are only when it matches;
 * - `o` fingerprint of the questions' option ids: when only it differs (options corrected),
 *   answers and option orders that no longer fit are cleared instead of the state refused;
 * - `k` width of the id keys below, `l` the key of every lesson, in course order: a key
 *   is the last `k` base-36 digits of the id's FNV-1a, `k` chosen (4 to 7) so that no two
 *   lessons and no two bank questions of this edition share one;
 * - `v` lessons viewed, a bit set written 5 lessons per base-32 digit;
 * - `p` place: 0 welcome, 1..L lesson, L+1 exam, L+2 results;
 * - `c` / `s` completed / passed (omitted when false), `u` attempts started;
 * - `h` the last {@link HISTORY_KEPT} submitted attempts: [attempt, raw, max, passed];
 * - `a` the current (or last submitted) attempt: [attempt, question indices as
 *   fixed-width base 36 into `bankQuestions(course)`, option orders joined by ',',
 *   answers (one short string each, '' = unanswered), seconds used, submitted,
 *   the drawn questions' keys].
 *
 * A state saved by another edition of the course (the course was republished) is
 * carried over by id ({@link readState}): lessons that still exist stay viewed, the
 * attempt count, results and history stay as they are (a republish never resets the
 * attempt limit), and an attempt in progress keeps the answers of questions that still
 * exist; if a question it drew is gone, the attempt is closed and does not count. Format
 * 1 (no keys) is still read: only its lessons and attempt cannot be carried over.
 *
 * Free-text answers (fill-in, essay) share whatever room is left under the limit:
 * when everything does not fit, the longest texts are cut to one common length,
 * chosen as large as possible, so short answers (every normal fill-in) stay whole and
 * long essays keep their beginning. The full text always reaches the platform through
 * `LmsAdapter.answered`; state only restores drafts. Should the structure alone not
 * fit (an exam of several hundred questions), the drawn questions' keys, then the
 * current attempt's answers and then the attempt itself are dropped before anything else.
 */
import type { Course, Question, Response } from '../course/model.js';
import { bankQuestions, optionOrder } from './draw.js';
import { isPermutation } from './question-types/codec.js';
import { KINDS } from './question-types/index.js';

/** Format version, the first character(s) of every encoded state. */
export const STATE_VERSION = 2;
/** Format versions that are read (the older one too). */
const READABLE_VERSIONS = [1, 2];
/** SCORM 1.2 `cmi.suspend_data` maximum length. */
export const STATE_LIMIT = 4096;
/** Longest state ever read back (SCORM 2004's suspend_data limit); anything longer is not ours. */
export const MAX_STATE_LENGTH = 64_000;
/** How many submitted attempts keep their scores in state (the count is kept regardless). */
export const HISTORY_KEPT = 10;

/** Where the learner is. */
export type Place =
  | { view: 'welcome' }
  | { view: 'lesson'; index: number }
  | { view: 'exam' }
  | { view: 'results' };

/** A submitted attempt's score. */
export interface AttemptSummary {
  attempt: number;
  raw: number;
  max: number;
  passed: boolean;
}

/** The attempt in progress, or the last submitted one (kept to show its feedback). */
export interface AttemptState {
  /** 1-based attempt number. */
  attempt: number;
  /** Indices into `bankQuestions(course)`, in display order. */
  questions: number[];
  /** Option ids in display order per question, '' when as authored. */
  orders: string[];
  /** Answer per question, null when unanswered. */
  answers: Array<Response | null>;
  /** Seconds spent in the attempt so far (time away from the exam is not counted). */
  elapsed: number;
  submitted: boolean;
}

export interface ResumeState {
  /** Per lesson (course order): viewed yet? */
  viewed: boolean[];
  place: Place;
  completed: boolean;
  /** An attempt was passed and recorded; later attempts can never undo it. */
  passed: boolean;
  /** Attempts started (an attempt counts as soon as it is drawn). */
  attemptsUsed: number;
  /** Submitted attempts, oldest first (at most {@link HISTORY_KEPT} after a round trip). */
  history: AttemptSummary[];
  current: AttemptState | null;
}

/** Why a saved state was not restored. */
export type StateProblem = 'corrupt';

/** What changed for the learner when a state saved by another edition of the course was carried over. */
export interface StateUpdate {
  /** Lessons of this edition not viewed before (new ones, or every one when the saved state cannot map lessons). */
  lessonsNew: number;
  /** Answers of the attempt in progress cleared because their questions changed. */
  answersCleared: number;
  /** The attempt in progress was closed because questions it drew are gone; it does not count. */
  attemptClosed: boolean;
}

/**
 * A fresh state for a course.
 * @param course the course
 */
export function emptyState(course: Course): ResumeState {
  return {
    viewed: course.lessons.map(() => false),
    place: { view: 'welcome' },
    completed: false,
    passed: false,
    attemptsUsed: 0,
    history: [],
    current: null,
  };
}

/**
 * Take in what the platform recorded when it says more than the resume state: a recorded
 * pass is never lost; the attempts an LRS saw judged (its failed statements say which
 * attempt) always count, even against a readable state, which may be a second tab's, idle
 * since before them, saved last; and a recorded final fail (every attempt used: SCORM
 * packages report failed only then) is not undone by resume data that cannot be read, so
 * unreadable or missing state never grants fresh attempts.
 * @param state the state the player will use (changed in place)
 * @param recorded what the platform holds
 * @param course the course
 * @param stateUnreadable the saved state was missing or corrupt
 */
export function reconcileWithRecord(state: ResumeState, recorded: { passed: boolean | null; completed: boolean | null; attempts?: number | null }, course: Course, stateUnreadable: boolean): void {
  if (recorded.passed === true) state.passed = true;
  if (recorded.attempts) state.attemptsUsed = Math.max(state.attemptsUsed, recorded.attempts);
  if (recorded.passed === false && stateUnreadable && course.exam && course.exam.attempts > 0) {
    state.attemptsUsed = Math.max(state.attemptsUsed, course.exam.attempts);
  }
  if (recorded.completed === true && stateUnreadable) state.completed = true;
}

/** 32-bit FNV-1a, written in base 36: cheap, and catches truncation and stray edits. */
export function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** Identifies the course structure the indices in a state refer to. */
function fingerprint(course: Course): string {
  const lessons = course.lessons.map((l) => l.id).join(',');
  const questions = bankQuestions(course).map((q) => `${q.id}:${q.type}`).join(',');
  return checksum(`${lessons}\n${questions}`);
}

/** Identifies the questions' option ids, which answers and option orders refer to. */
function optionsPrint(course: Course): string {
  return checksum(bankQuestions(course).map((q) => KINDS[q.type].print(q)).join(','));
}

/** Key of an id at a width: the last `width` base-36 digits of its FNV-1a. */
function idKey(id: string, width: number): string {
  return checksum(id).padStart(7, '0').slice(-width);
}

/** Narrowest key width (4 to 7) under which no two lessons and no two bank questions share a key. */
function keyWidth(course: Course): number {
  const lessons = course.lessons.map((l) => l.id);
  const questions = bankQuestions(course).map((q) => q.id);
  const distinct = (ids: string[], width: number) => new Set(ids.map((id) => idKey(id, width))).size === new Set(ids).size;
  let width = 4;
  while (width < 7 && !(distinct(lessons, width) && distinct(questions, width))) width++;
  return width;
}

/** Positions of ids by key; a key two ids share maps to nothing, so it is never misread. */
function keyIndex(ids: readonly string[], width: number): Map<string, number> {
  const index = new Map<string, number>();
  const shared = new Set<string>();
  ids.forEach((id, i) => {
    const key = idKey(id, width);
    if (index.has(key)) shared.add(key);
    index.set(key, i);
  });
  for (const key of shared) index.delete(key);
  return index;
}

/** Split a string of fixed-width keys; null when it is not one. */
function splitKeys(text: unknown, width: number, count: number): string[] | null {
  if (typeof text !== 'string' || text.length !== width * count || !/^[0-9a-z]*$/.test(text)) return null;
  const keys: string[] = [];
  for (let i = 0; i < text.length; i += width) keys.push(text.slice(i, i + width));
  return keys;
}

/** Width of a base-36 question index for this many questions. */
function indexWidth(count: number): number {
  let width = 1;
  while (36 ** width < count) width++;
  return width;
}

function placeCode(place: Place, lessons: number): number {
  if (place.view === 'lesson') return 1 + place.index;
  if (place.view === 'exam') return lessons + 1;
  if (place.view === 'results') return lessons + 2;
  return 0;
}

function placeFrom(code: number, lessons: number): Place | null {
  if (code === 0) return { view: 'welcome' };
  if (code >= 1 && code <= lessons) return { view: 'lesson', index: code - 1 };
  if (code === lessons + 1) return { view: 'exam' };
  if (code === lessons + 2) return { view: 'results' };
  return null;
}

function encodeBits(bits: readonly boolean[]): string {
  let out = '';
  for (let i = 0; i < bits.length; i += 5) {
    let digit = 0;
    for (let j = 0; j < 5; j++) if (bits[i + j]) digit |= 1 << j;
    out += digit.toString(32);
  }
  return out;
}

function decodeBits(text: string, length: number): boolean[] | null {
  if (text.length !== Math.ceil(length / 5) || !/^[0-9a-v]*$/.test(text)) return null;
  const bits: boolean[] = [];
  for (let i = 0; i < length; i++) bits.push(((parseInt(text[Math.floor(i / 5)] as string, 32) >> i % 5) & 1) === 1);
  return bits;
}

/** One response as a short string (see each type's `encode`). */
function encodeResponse(response: Response | null, textCap: number): string {
  return response ? KINDS[response.type].encode(response.value, textCap) : '';
}

/** Parse one response string back, checking every id against the question; undefined when invalid. */
function decodeResponse(question: Question, text: string): Response | null | undefined {
  if (text === '') return null;
  const value = KINDS[question.type].decode(question, text);
  return value === undefined ? undefined : ({ type: question.type, value } as Response);
}

/** How much of the state to keep when it does not fit. */
interface Trim {
  textCap: number;
  /** Keep the drawn questions' keys (what carries an attempt over to another edition). */
  keys: boolean;
  answers: boolean;
  attempt: boolean;
}

function serialise(course: Course, state: ResumeState, trim: Trim): string {
  const lessons = course.lessons.length;
  const width = keyWidth(course);
  const body: Record<string, unknown> = {
    f: fingerprint(course),
    o: optionsPrint(course),
    k: width,
    l: course.lessons.map((l) => idKey(l.id, width)).join(''),
    v: encodeBits(course.lessons.map((_, i) => state.viewed[i] === true)),
    p: placeCode(state.place, lessons),
  };
  if (state.completed) body.c = 1;
  if (state.passed) body.s = 1;
  if (state.attemptsUsed) body.u = state.attemptsUsed;
  if (state.history.length) {
    body.h = state.history.slice(-HISTORY_KEPT).map((h) => [h.attempt, h.raw, h.max, h.passed ? 1 : 0]);
  }
  const current = state.current;
  if (current && trim.attempt) {
    const all = bankQuestions(course);
    const indexDigits = indexWidth(all.length);
    body.a = [
      current.attempt,
      current.questions.map((i) => i.toString(36).padStart(indexDigits, '0')).join(''),
      current.orders.join(','),
      current.questions.map((_, i) => (trim.answers ? encodeResponse(current.answers[i] ?? null, trim.textCap) : '')),
      Math.max(0, Math.round(current.elapsed)),
      current.submitted ? 1 : 0,
    ];
    if (trim.keys) (body.a as unknown[]).push(current.questions.map((i) => idKey(all[i]?.id ?? '', width)).join(''));
  }
  const json = JSON.stringify(body);
  return `${STATE_VERSION}~${checksum(json)}~${json}`;
}

/**
 * Encode a state for `LmsAdapter.saveState`, fitting it under `limit` characters
 * (see the module comment for what is trimmed, and in which order, when it does not fit).
 * @param course the course the state belongs to
 * @param state the state to save
 * @param limit maximum length; SCORM 1.2's 4,096 by default
 */
export function encodeState(course: Course, state: ResumeState, limit: number = STATE_LIMIT): string {
  const full = serialise(course, state, { textCap: Infinity, keys: true, answers: true, attempt: true });
  if (full.length <= limit) return full;
  // Largest common cap on free-text answers that fits: binary search over the longest text.
  const longest = Math.max(0, ...(state.current?.answers ?? []).map((a) => (a && typeof a.value === 'string' ? a.value.length : 0)));
  const largestCap = (keys: boolean): number => {
    let low = 0;
    let high = longest;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (serialise(course, state, { textCap: mid, keys, answers: true, attempt: true }).length <= limit) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  const ladder: Array<() => Trim> = [
    () => ({ textCap: largestCap(true), keys: true, answers: true, attempt: true }),
    () => ({ textCap: largestCap(false), keys: false, answers: true, attempt: true }),
    () => ({ textCap: 0, keys: false, answers: false, attempt: true }),
    () => ({ textCap: 0, keys: false, answers: false, attempt: false }),
  ];
  let out = full;
  for (const step of ladder) {
    out = serialise(course, state, step());
    if (out.length <= limit) break;
  }
  return out;
}

const isInt = (x: unknown, min = 0): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const isFlag = (x: unknown): x is 0 | 1 | undefined => x === undefined || x === 0 || x === 1;

/** An attempt as saved, checked for form only (what its indices mean depends on the edition). */
interface SavedAttempt {
  attempt: number;
  indexText: string;
  orders: string[];
  answerTexts: string[];
  elapsed: number;
  submitted: boolean;
  /** The drawn questions' keys, when they were kept. */
  keyText: string | null;
}

function readSavedAttempt(raw: unknown): SavedAttempt | null {
  if (!Array.isArray(raw) || (raw.length !== 6 && raw.length !== 7)) return null;
  const [attempt, indexText, orderText, answerTexts, elapsed, submitted, keyText] = raw as unknown[];
  if (!isInt(attempt, 1) || typeof indexText !== 'string' || typeof orderText !== 'string') return null;
  if (!Array.isArray(answerTexts) || !answerTexts.every((a) => typeof a === 'string') || !isNum(elapsed) || (submitted !== 0 && submitted !== 1)) return null;
  if (keyText !== undefined && typeof keyText !== 'string') return null;
  const orders = answerTexts.length ? orderText.split(',') : [];
  if (orders.length !== answerTexts.length) return null;
  return { attempt, indexText, orders, answerTexts: answerTexts as string[], elapsed, submitted: submitted === 1, keyText: keyText ?? null };
}

/**
 * The saved attempt in this (same) edition: every index, order and answer must be valid,
 * unless `lenient` (the questions' options changed): then those that no longer fit are cleared.
 */
function decodeAttempt(course: Course, saved: SavedAttempt, lenient: boolean): { attempt: AttemptState; cleared: number } | null {
  const all = bankQuestions(course);
  const width = indexWidth(all.length);
  const { indexText, orders, answerTexts } = saved;
  if (indexText.length % width !== 0 || !/^[0-9a-z]*$/.test(indexText)) return null;
  const questions: number[] = [];
  for (let i = 0; i < indexText.length; i += width) questions.push(parseInt(indexText.slice(i, i + width), 36));
  if (questions.some((i) => i >= all.length) || new Set(questions).size !== questions.length) return null;
  if (answerTexts.length !== questions.length) return null;
  if (lenient) return fitAttempt(course, saved, questions);
  const answers: Array<Response | null> = [];
  for (let i = 0; i < questions.length; i++) {
    const question = all[questions[i] as number] as Question;
    const order = orders[i] as string;
    if (order !== '' && !isPermutation(order, KINDS[question.type].ids(question))) return null;
    const response = decodeResponse(question, answerTexts[i] as string);
    if (response === undefined) return null;
    answers.push(response);
  }
  return { attempt: { attempt: saved.attempt, questions, orders, answers, elapsed: saved.elapsed, submitted: saved.submitted }, cleared: 0 };
}

/** The saved attempt on these questions: answers that no longer fit are cleared, orders that no longer fit drawn again. */
function fitAttempt(course: Course, saved: SavedAttempt, questions: number[]): { attempt: AttemptState; cleared: number } {
  const all = bankQuestions(course);
  let cleared = 0;
  const orders: string[] = [];
  const answers: Array<Response | null> = [];
  questions.forEach((i, n) => {
    const question = all[i] as Question;
    const order = saved.orders[n] as string;
    const fits = order === '' ? !KINDS[question.type].alwaysShuffled : isPermutation(order, KINDS[question.type].ids(question));
    orders.push(fits ? order : optionOrder(question, course.exam?.shuffleChoices ?? false));
    const response = decodeResponse(question, saved.answerTexts[n] as string);
    if (response === undefined) cleared++;
    answers.push(response ?? null);
  });
  return { attempt: { attempt: saved.attempt, questions, orders, answers, elapsed: saved.elapsed, submitted: saved.submitted }, cleared };
}

/**
 * The saved attempt carried over to another edition by its questions' keys: null when a
 * question it drew is gone (or its keys were not kept). Answers and option orders that
 * no longer fit their question are cleared (an order is drawn again).
 */
function carryAttempt(course: Course, saved: SavedAttempt, width: number): { attempt: AttemptState; cleared: number } | null {
  const all = bankQuestions(course);
  const keys = saved.keyText === null ? null : splitKeys(saved.keyText, width, saved.answerTexts.length);
  if (!keys || !course.exam) return null;
  const index = keyIndex(all.map((q) => q.id), width);
  const questions = keys.map((key) => index.get(key));
  if (questions.some((i) => i === undefined) || new Set(questions).size !== questions.length) return null;
  return fitAttempt(course, saved, questions as number[]);
}

/** A saved place in this edition, lessons found by key (another edition) or by position (this one). */
function carryPlace(code: number, savedLessons: number, lessonAt: (index: number) => number | undefined): Place {
  if (code >= 1 && code <= savedLessons) {
    const index = lessonAt(code - 1);
    return index === undefined ? { view: 'welcome' } : { view: 'lesson', index };
  }
  if (code === savedLessons + 1) return { view: 'exam' };
  if (code === savedLessons + 2) return { view: 'results' };
  return { view: 'welcome' };
}

/** What {@link readState} answers. */
export interface ReadState {
  state: ResumeState | null;
  problem: StateProblem | null;
  /** Set when the state was saved by another edition of the course and carried over. */
  update?: StateUpdate;
}

/**
 * Decode a saved state, reporting why it was refused, or what changed when it was saved
 * by another edition of the course and carried over (see the module comment).
 * @param course the course being played
 * @param text the string from `LaunchInfo.savedState`
 */
export function readState(course: Course, text: string): ReadState {
  const corrupt = { state: null, problem: 'corrupt' as const };
  // Checked before any parsing: a crafted multi-megabyte state must not stall the player.
  if (text.length > MAX_STATE_LENGTH) return corrupt;
  try {
    const match = /^(\d+)~([0-9a-z]{1,7})~(\{.*\})$/s.exec(text);
    const version = Number(match?.[1]);
    if (!match || !READABLE_VERSIONS.includes(version) || checksum(match[3] as string) !== match[2]) return corrupt;
    const body: unknown = JSON.parse(match[3] as string);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return corrupt;
    const b = body as Record<string, unknown>;
    if (typeof b.f !== 'string' || !isInt(b.p) || typeof b.v !== 'string') return corrupt;
    if (!isFlag(b.c) || !isFlag(b.s) || !(b.u === undefined || isInt(b.u)) || !(b.o === undefined || typeof b.o === 'string')) return corrupt;
    // Format 2 names its lessons by key; format 1 only by position.
    const width = version >= 2 ? b.k : null;
    if (width !== null && !(isInt(width) && width >= 4 && width <= 7)) return corrupt;
    const savedLessons = width === null ? null : splitKeys(b.l, width, Math.ceil(String(b.l ?? '').length / width));
    if (width !== null && !savedLessons) return corrupt;
    const history: AttemptSummary[] = [];
    if (b.h !== undefined) {
      if (!Array.isArray(b.h)) return corrupt;
      for (const entry of b.h as unknown[]) {
        if (!Array.isArray(entry) || entry.length !== 4) return corrupt;
        const [attempt, raw, max, passed] = entry as unknown[];
        if (!isInt(attempt, 1) || !isNum(raw) || !isNum(max) || (passed !== 0 && passed !== 1)) return corrupt;
        history.push({ attempt, raw, max, passed: passed === 1 });
      }
    }
    const saved = b.a === undefined ? null : readSavedAttempt(b.a);
    if (b.a !== undefined && !saved) return corrupt;
    const common = { completed: b.c === 1, passed: b.s === 1, attemptsUsed: (b.u as number | undefined) ?? 0, history };
    const lessons = course.lessons.length;

    if (b.f === fingerprint(course)) {
      if (savedLessons && savedLessons.length !== lessons) return corrupt;
      const viewed = decodeBits(b.v, lessons);
      const place = placeFrom(b.p, lessons);
      // Same lessons and questions, but options changed (a corrected answer list): answers are checked leniently.
      const optionsChanged = b.o !== undefined && b.o !== optionsPrint(course);
      const decoded = saved ? decodeAttempt(course, saved, optionsChanged) : null;
      if (!viewed || !place || (saved && !decoded)) return corrupt;
      const state = { viewed, place, ...common, current: decoded?.attempt ?? null };
      if (!optionsChanged) return { state, problem: null };
      return { state, problem: null, update: { lessonsNew: 0, answersCleared: decoded?.cleared ?? 0, attemptClosed: false } };
    }

    // Another edition: carry over what can be mapped by id.
    // Format 1 named lessons by position only: none of them (nor the place) can be carried over.
    const savedCount = savedLessons?.length ?? 0;
    const savedViewed = savedLessons ? decodeBits(b.v, savedCount) : [];
    if (!savedViewed) return corrupt;
    const lessonIndex = savedLessons ? keyIndex(course.lessons.map((l) => l.id), width as number) : new Map<string, number>();
    const lessonAt = (i: number) => (savedLessons ? lessonIndex.get(savedLessons[i] as string) : undefined);
    const viewed = course.lessons.map(() => false);
    savedViewed.forEach((seen, i) => {
      const index = lessonAt(i);
      if (seen && index !== undefined) viewed[index] = true;
    });
    // New to the learner: lessons the saved edition did not have (all of them when it named none).
    const known = new Set((savedLessons ?? []).map((key) => lessonIndex.get(key)));
    const update: StateUpdate = { lessonsNew: course.lessons.filter((_, i) => !known.has(i)).length, answersCleared: 0, attemptClosed: false };
    const place = savedLessons ? carryPlace(b.p, savedCount, lessonAt) : { view: 'welcome' as const };
    const state: ResumeState = { viewed, place, ...common, current: null };
    if (saved) {
      const carried = width === null ? null : carryAttempt(course, saved, width);
      if (carried) {
        state.current = carried.attempt;
        update.answersCleared = carried.cleared;
      } else if (!saved.submitted) {
        // Its questions are gone: closed, and it does not count (the learner never finished it).
        update.attemptClosed = true;
        if (state.attemptsUsed === saved.attempt) state.attemptsUsed = saved.attempt - 1;
      }
      // A submitted attempt that cannot be shown again keeps its score in the history.
    }
    return { state, problem: null, update };
  } catch {
    return corrupt;
  }
}

/**
 * Decode a saved state; null for anything truncated, corrupt or from an unknown format
 * version. A state of another edition of the course is carried over. Never throws.
 * @param course the course being played
 * @param text the string from `LaunchInfo.savedState`
 */
export function decodeState(course: Course, text: string): ResumeState | null {
  return readState(course, text).state;
}
