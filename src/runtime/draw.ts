/**
 * Drawing an exam attempt: which bank questions, in which order, and in which
 * order their options are shown. Pure apart from the random source, which
 * tests replace with a seeded one.
 */
import { UNSCORED_TYPES, type Course, type Question } from '../course/model.js';
import { KINDS } from './question-types/index.js';

/** A random number in [0, 1). */
export type Random = () => number;

/** One drawn attempt: question indices into `bankQuestions(course)` and each one's option order. */
export interface Draw {
  questions: number[];
  /** Option ids in display order per question, '' when shown as authored. */
  orders: string[];
}

/**
 * Every bank question in one list (banks in course order, questions in bank order).
 * State refers to questions by their index here, which is what keeps it compact.
 * @param course the course
 */
export function bankQuestions(course: Course): Question[] {
  return course.banks.flatMap((bank) => bank.questions);
}

/**
 * Fisher–Yates shuffle into a new array.
 * @param items what to shuffle
 * @param random random source
 */
export function shuffle<T>(items: readonly T[], random: Random = Math.random): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Display order of a question's options ('' = as authored).
 * A type whose answer is the options' order (sequencing) always shuffles them, and never
 * shows them in that order; the others shuffle theirs per the setting (choices, matching
 * targets), or show none reordered (true/false, likert, the text types).
 * @param question the question
 * @param shuffleChoices the exam's (or practice's) choice shuffling setting
 * @param random random source
 */
export function optionOrder(question: Question, shuffleChoices: boolean, random: Random = Math.random): string {
  const kind = KINDS[question.type];
  const ids = kind.ids(question);
  if (kind.alwaysShuffled) {
    if (ids.length < 2) return ids.join('');
    let order = ids;
    for (let tries = 0; tries < 8 && order.join('') === ids.join(''); tries++) order = shuffle(ids, random);
    // A pathological random source: rotate by one so the answer is never given away.
    if (order.join('') === ids.join('')) order = [...ids.slice(1), ids[0] as string];
    return order.join('');
  }
  return shuffleChoices ? shuffle(ids, random).join('') : '';
}

/**
 * Draw an exam attempt per `exam.draws`: `count` questions at random from each bank
 * (all of them when the bank is smaller; scored questions only unless the draw includes
 * surveys), then shuffle per the exam settings.
 * Unknown banks draw nothing (the compiler reports them).
 * @param course the course; must have an exam
 * @param random random source
 */
export function drawAttempt(course: Course, random: Random = Math.random): Draw {
  const exam = course.exam;
  if (!exam) return { questions: [], orders: [] };
  const all = bankQuestions(course);
  const picked: number[] = [];
  let offset = 0;
  const offsets = new Map<string, number>();
  for (const bank of course.banks) {
    offsets.set(bank.id, offset);
    offset += bank.questions.length;
  }
  const taken = new Set<number>();
  for (const draw of exam.draws) {
    const bank = course.banks.find((b) => b.id === draw.bank);
    const start = offsets.get(draw.bank);
    if (!bank || start === undefined) continue;
    // Survey questions (likert, essay) score nothing: they join the exam only when the draw asks.
    const indices = bank.questions
      .map((question, i) => ({ question, index: start + i }))
      .filter(({ question, index }) => !taken.has(index) && (draw.surveys || !UNSCORED_TYPES.includes(question.type)))
      .map(({ index }) => index);
    const chosen = shuffle(indices, random).slice(0, Math.max(0, draw.count));
    // Without question shuffling, keep the authored order within each bank.
    if (!exam.shuffleQuestions) chosen.sort((a, b) => a - b);
    for (const index of chosen) taken.add(index);
    picked.push(...chosen);
  }
  const questions = exam.shuffleQuestions ? shuffle(picked, random) : picked;
  const orders = questions.map((index) => optionOrder(all[index] as Question, exam.shuffleChoices, random));
  return { questions, orders };
}

/**
 * A small seeded random source (mulberry32), for tests and reproducible demos.
 * @param seed any 32-bit integer
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
