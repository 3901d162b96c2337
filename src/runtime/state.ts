/**
 * Resume state: what the player needs to pick up where the learner left off.
 *
 * It travels through the LMS as one string (SCORM 1.2 `cmi.suspend_data` holds only
 * 4,096 characters), so it is encoded compactly:
 *
 *     1~<checksum>~{"f":"…","v":"…","p":3,"u":1,"h":[[1,3,5,0]],"a":[…]}
 *     ^ format version   ^ FNV-1a of the JSON, base 36
 *
 * - `f` fingerprint of the course structure (lesson and question ids): state saved
 *   for a different edition of the course is refused rather than misread;
 * - `v` lessons viewed, a bit set written 5 lessons per base-32 digit;
 * - `p` place: 0 welcome, 1..L lesson, L+1 exam, L+2 results;
 * - `c` / `s` completed / passed (omitted when false), `u` attempts started;
 * - `h` the last {@link HISTORY_KEPT} submitted attempts: [attempt, raw, max, passed];
 * - `a` the current (or last submitted) attempt: [attempt, question indices as
 *   fixed-width base 36 into `bankQuestions(course)`, option orders joined by ',',
 *   answers (one short string each, '' = unanswered), seconds used, submitted].
 *
 * Free-text answers (fill-in, essay) share whatever room is left under the limit:
 * when everything does not fit, the longest texts are cut to one common length,
 * chosen as large as possible, so short answers (every normal fill-in) stay whole and
 * long essays keep their beginning. The full text always reaches the platform through
 * `LmsAdapter.answered`; state only restores drafts. Should the structure alone not
 * fit (an exam of several hundred questions), the current attempt's answers and then
 * the attempt itself are dropped before anything else.
 */
import type { Course, Question, Response } from '../course/model.js';
import { bankQuestions } from './draw.js';

/** Format version, the first character(s) of every encoded state. */
export const STATE_VERSION = 1;
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
export type StateProblem = 'corrupt' | 'outdated';

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
 * pass is never lost, and a recorded final fail (every attempt used: our packages report
 * failed only then) is not undone by resume data that cannot be read, so unreadable or
 * missing state never grants fresh attempts.
 * @param state the state the player will use (changed in place)
 * @param recorded what the platform holds
 * @param course the course
 * @param stateUnreadable the saved state was missing, corrupt or outdated
 */
export function reconcileWithRecord(state: ResumeState, recorded: { passed: boolean | null; completed: boolean | null }, course: Course, stateUnreadable: boolean): void {
  if (recorded.passed === true) state.passed = true;
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

/** Cut a text to at most `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const out = text.slice(0, max);
  const last = out.charCodeAt(out.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? out.slice(0, -1) : out;
}

/** One response as a short string; option ids are single characters, so no separators are needed. */
function encodeResponse(response: Response | null, textCap: number): string {
  if (!response) return '';
  switch (response.type) {
    case 'true-false':
      return response.value ? '1' : '0';
    case 'single':
    case 'likert':
      return response.value;
    case 'multiple':
      return [...response.value].sort().join('');
    case 'sequencing':
      return response.value.join('');
    case 'matching':
      return response.value.map(([s, t]) => s + t).join('');
    case 'numeric':
      return String(response.value);
    case 'fill-in':
    case 'essay':
      return cut(response.value, textCap);
  }
}

const isPermutation = (order: string, ids: readonly string[]): boolean =>
  order.length === ids.length && new Set(order).size === ids.length && [...order].every((c) => ids.includes(c));

/** The option ids whose display order a question's order string permutes. */
function orderedIds(question: Question): string[] {
  if (question.type === 'single' || question.type === 'multiple') return question.choices.map((c) => c.id);
  if (question.type === 'matching') return question.targets.map((t) => t.id);
  if (question.type === 'sequencing') return question.items.map((i) => i.id);
  return [];
}

/** Parse one response string back, checking every id against the question; undefined when invalid. */
function decodeResponse(question: Question, text: string): Response | null | undefined {
  if (text === '') return null;
  switch (question.type) {
    case 'true-false':
      return text === '1' || text === '0' ? { type: 'true-false', value: text === '1' } : undefined;
    case 'single':
      return question.choices.some((c) => c.id === text) ? { type: 'single', value: text } : undefined;
    case 'likert':
      return question.scale.some((c) => c.id === text) ? { type: 'likert', value: text } : undefined;
    case 'multiple': {
      const ids = [...text];
      const ok = new Set(ids).size === ids.length && ids.every((id) => question.choices.some((c) => c.id === id));
      return ok ? { type: 'multiple', value: ids } : undefined;
    }
    case 'sequencing':
      return isPermutation(text, orderedIds(question)) ? { type: 'sequencing', value: [...text] } : undefined;
    case 'matching': {
      if (text.length % 2 !== 0) return undefined;
      const pairs: Array<[string, string]> = [];
      for (let i = 0; i < text.length; i += 2) pairs.push([text[i] as string, text[i + 1] as string]);
      const ok =
        new Set(pairs.map((p) => p[0])).size === pairs.length &&
        pairs.every(([s, t]) => question.sources.some((o) => o.id === s) && question.targets.some((o) => o.id === t));
      return ok ? { type: 'matching', value: pairs } : undefined;
    }
    case 'numeric': {
      const value = Number(text);
      return /^[-+0-9.eE]+$/.test(text) && Number.isFinite(value) ? { type: 'numeric', value } : undefined;
    }
    case 'fill-in':
      return { type: 'fill-in', value: text };
    case 'essay':
      return { type: 'essay', value: text };
  }
}

/** How much of the state to keep when it does not fit. */
interface Trim {
  textCap: number;
  answers: boolean;
  attempt: boolean;
}

function serialise(course: Course, state: ResumeState, trim: Trim): string {
  const lessons = course.lessons.length;
  const body: Record<string, unknown> = {
    f: fingerprint(course),
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
    const width = indexWidth(bankQuestions(course).length);
    body.a = [
      current.attempt,
      current.questions.map((i) => i.toString(36).padStart(width, '0')).join(''),
      current.orders.join(','),
      current.questions.map((_, i) => (trim.answers ? encodeResponse(current.answers[i] ?? null, trim.textCap) : '')),
      Math.max(0, Math.round(current.elapsed)),
      current.submitted ? 1 : 0,
    ];
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
  const full = serialise(course, state, { textCap: Infinity, answers: true, attempt: true });
  if (full.length <= limit) return full;
  // Largest common cap on free-text answers that fits: binary search over the longest text.
  const longest = Math.max(0, ...(state.current?.answers ?? []).map((a) => (a && typeof a.value === 'string' ? a.value.length : 0)));
  let low = 0;
  let high = longest;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (serialise(course, state, { textCap: mid, answers: true, attempt: true }).length <= limit) low = mid;
    else high = mid - 1;
  }
  const ladder: Trim[] = [
    { textCap: low, answers: true, attempt: true },
    { textCap: 0, answers: false, attempt: true },
    { textCap: 0, answers: false, attempt: false },
  ];
  let out = full;
  for (const trim of ladder) {
    out = serialise(course, state, trim);
    if (out.length <= limit) break;
  }
  return out;
}

const isInt = (x: unknown, min = 0): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const isFlag = (x: unknown): x is 0 | 1 | undefined => x === undefined || x === 0 || x === 1;

function decodeAttempt(course: Course, raw: unknown): AttemptState | null {
  if (!Array.isArray(raw) || raw.length !== 6) return null;
  const [attempt, indexText, orderText, answerTexts, elapsed, submitted] = raw as unknown[];
  if (!isInt(attempt, 1) || typeof indexText !== 'string' || typeof orderText !== 'string') return null;
  if (!Array.isArray(answerTexts) || !isNum(elapsed) || (submitted !== 0 && submitted !== 1)) return null;
  const all = bankQuestions(course);
  const width = indexWidth(all.length);
  if (indexText.length % width !== 0 || !/^[0-9a-z]*$/.test(indexText)) return null;
  const questions: number[] = [];
  for (let i = 0; i < indexText.length; i += width) questions.push(parseInt(indexText.slice(i, i + width), 36));
  if (questions.some((i) => i >= all.length) || new Set(questions).size !== questions.length) return null;
  const orders = questions.length ? orderText.split(',') : [];
  if (orders.length !== questions.length || answerTexts.length !== questions.length) return null;
  const answers: Array<Response | null> = [];
  for (let i = 0; i < questions.length; i++) {
    const question = all[questions[i] as number] as Question;
    const order = orders[i] as string;
    if (order !== '' && !isPermutation(order, orderedIds(question))) return null;
    const text = answerTexts[i];
    if (typeof text !== 'string') return null;
    const response = decodeResponse(question, text);
    if (response === undefined) return null;
    answers.push(response);
  }
  return { attempt, questions, orders, answers, elapsed, submitted: submitted === 1 };
}

/**
 * Decode a saved state, reporting why it was refused.
 * @param course the course being played
 * @param text the string from `LaunchInfo.savedState`
 */
export function readState(course: Course, text: string): { state: ResumeState | null; problem: StateProblem | null } {
  const corrupt = { state: null, problem: 'corrupt' as const };
  // Checked before any parsing: a crafted multi-megabyte state must not stall the player.
  if (text.length > MAX_STATE_LENGTH) return corrupt;
  try {
    const match = /^(\d+)~([0-9a-z]{1,7})~(\{.*\})$/s.exec(text);
    if (!match || Number(match[1]) !== STATE_VERSION || checksum(match[3] as string) !== match[2]) return corrupt;
    const body: unknown = JSON.parse(match[3] as string);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return corrupt;
    const b = body as Record<string, unknown>;
    if (b.f !== fingerprint(course)) return { state: null, problem: 'outdated' };
    const lessons = course.lessons.length;
    const viewed = typeof b.v === 'string' ? decodeBits(b.v, lessons) : null;
    const place = isInt(b.p) ? placeFrom(b.p, lessons) : null;
    if (!viewed || !place || !isFlag(b.c) || !isFlag(b.s) || !(b.u === undefined || isInt(b.u))) return corrupt;
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
    const current = b.a === undefined ? null : decodeAttempt(course, b.a);
    if (b.a !== undefined && !current) return corrupt;
    const state: ResumeState = {
      viewed,
      place,
      completed: b.c === 1,
      passed: b.s === 1,
      attemptsUsed: (b.u as number | undefined) ?? 0,
      history,
      current,
    };
    return { state, problem: null };
  } catch {
    return corrupt;
  }
}

/**
 * Decode a saved state; null for anything truncated, corrupt, from another format
 * version or from another edition of the course. Never throws.
 * @param course the course being played
 * @param text the string from `LaunchInfo.savedState`
 */
export function decodeState(course: Course, text: string): ResumeState | null {
  return readState(course, text).state;
}
