/**
 * The question-type registries (src/runtime/question-types, src/course/question-types):
 * every name in QUESTION_TYPES has every part on both sides, a declaration that lacks one
 * does not compile, and each type's parts agree with one another: a right answer scores,
 * every response survives the resume-state codec, a right response is written as one of
 * the correct patterns, and a spreadsheet row becomes Markdown that reads back as its type.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../src/course/banks.js';
import { COMPILER_KINDS, type CompilerKind } from '../src/course/question-types/index.js';
import { QUESTION_TYPES, UNSCORED_TYPES, type ChoiceQuestion, type Course, type Question, type QuestionType, type Response } from '../src/course/model.js';
import { ATTRIBUTE_KEYS, READ_BY_ALL } from '../src/course/question-syntax.js';
import { structureDifferences } from '../src/course/translation-structure.js';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';
import { bankMarkdown } from '../src/import/markdown.js';
import { LANGUAGES } from '../src/languages/index.js';
import { convertRow, type ImportedQuestion } from '../src/import/rows.js';
import { correctPatterns, formatResponse, interactionType, type Standard } from '../src/runtime/lms/interaction-formats.js';
import { QUESTION_KINDS, type QuestionKind } from '../src/runtime/question-types/index.js';
import { scoreResponse } from '../src/runtime/scoring.js';
import { decodeState, emptyState, encodeState } from '../src/runtime/state.js';
import { assessmentItem } from '../src/targets/qti-items.js';
import { moodleXml } from '../src/targets/moodle-xml.js';

const opt = (id: string, text = `Option ${id}`) => ({ id, html: text, text });
const base = (id: string) => ({ id, prompt: `<p>${id}</p>`, promptText: id, points: 1, feedback: { explanation: 'Because.' } });

/** One question of each type, a right response and a wrong one (null: unscored, no wrong answer). */
const samples: { [T in QuestionType]: { question: Question & { type: T }; right: Response & { type: T }; wrong: (Response & { type: T }) | null } } = {
  'true-false': { question: { ...base('tf'), type: 'true-false', answer: false }, right: { type: 'true-false', value: false }, wrong: { type: 'true-false', value: true } },
  single: { question: { ...base('single'), type: 'single', choices: ['a', 'b', 'c'].map((id) => opt(id)), correct: ['b'] }, right: { type: 'single', value: 'b' }, wrong: { type: 'single', value: 'c' } },
  multiple: { question: { ...base('multiple'), type: 'multiple', choices: ['a', 'b', 'c'].map((id) => opt(id)), correct: ['a', 'c'] }, right: { type: 'multiple', value: ['a', 'c'] }, wrong: { type: 'multiple', value: ['a', 'b'] } },
  'fill-in': { question: { ...base('fill'), type: 'fill-in', answers: ['Labour Contract Law'], caseSensitive: false, exactWhitespace: false }, right: { type: 'fill-in', value: 'Labour Contract Law' }, wrong: { type: 'fill-in', value: 'Trade Union Law' } },
  numeric: { question: { ...base('numeric'), type: 'numeric', min: 42, max: 42 }, right: { type: 'numeric', value: 42 }, wrong: { type: 'numeric', value: 41.5 } },
  matching: {
    question: { ...base('matching'), type: 'matching', sources: ['1', '2'].map((id) => opt(id)), targets: ['a', 'b', 'c'].map((id) => opt(id)), pairs: [['1', 'b'], ['2', 'a']] },
    right: { type: 'matching', value: [['1', 'b'], ['2', 'a']] },
    wrong: { type: 'matching', value: [['1', 'a'], ['2', 'b']] },
  },
  sequencing: { question: { ...base('sequencing'), type: 'sequencing', items: ['a', 'b', 'c'].map((id) => opt(id)) }, right: { type: 'sequencing', value: ['a', 'b', 'c'] }, wrong: { type: 'sequencing', value: ['c', 'a', 'b'] } },
  likert: { question: { ...base('likert'), points: 0, type: 'likert', scale: ['1', '2', '3'].map((id) => opt(id)) }, right: { type: 'likert', value: '2' }, wrong: null },
  essay: { question: { ...base('essay'), points: 0, type: 'essay', maxLength: 1000 }, right: { type: 'essay', value: 'Clear the route, then lift.' }, wrong: null },
};

const RUNTIME_PARTS = ['correct', 'ids', 'print', 'encode', 'decode', 'interaction', 'patterns', 'format', 'components', 'view'] as const satisfies ReadonlyArray<keyof QuestionKind<QuestionType>>;
const COMPILER_PARTS = ['list', 'read', 'differences', 'qti', 'moodle', 'fromRow', 'markdown'] as const satisfies ReadonlyArray<keyof CompilerKind<QuestionType>>;
const STANDARDS: Standard[] = ['scorm12', 'scorm2004', 'xapi'];
/** The interaction types each standard defines (SCORM 1.2 RTE §3.4.2; SCORM 2004 RTE 4.2.9; xAPI as 2004). */
const VOCABULARY: Record<Standard, string[]> = {
  scorm12: ['true-false', 'choice', 'fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric'],
  scorm2004: ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'],
  xapi: ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'],
};

// A declaration that lacks a part, or a type without its declaration, does not compile.
const { view: _view, ...likertWithoutView } = QUESTION_KINDS.likert;
// @ts-expect-error the likert declaration has no view
void ({ ...QUESTION_KINDS, likert: likertWithoutView } satisfies { [T in QuestionType]: QuestionKind<T> });
const { essay: _essay, ...withoutEssay } = COMPILER_KINDS;
// @ts-expect-error essay has no compiler declaration
void (withoutEssay satisfies { [T in QuestionType]: CompilerKind<T> });
// @ts-expect-error an unscored type has no correctness rule
void ({ ...QUESTION_KINDS.essay, correct: () => false } satisfies QuestionKind<'essay'>);

describe('the registries', () => {
  it('declare exactly the types of QUESTION_TYPES, on both sides', () => {
    expect(Object.keys(QUESTION_KINDS).sort()).toEqual([...QUESTION_TYPES].sort());
    expect(Object.keys(COMPILER_KINDS).sort()).toEqual([...QUESTION_TYPES].sort());
  });

  it.each(QUESTION_TYPES)('%s: has every runtime and compiler part', (type) => {
    for (const part of RUNTIME_PARTS) expect(QUESTION_KINDS[type], part).toHaveProperty(part);
    for (const part of COMPILER_PARTS) expect(COMPILER_KINDS[type][part], part).toBeDefined();
    // Only the unscored types have no correctness rule.
    expect(QUESTION_KINDS[type].correct === null).toBe(UNSCORED_TYPES.includes(type));
  });

  it('read the heading attributes a heading may give: those every type reads, and each one some type declares', () => {
    const declared = QUESTION_TYPES.flatMap((type) => Object.keys(COMPILER_KINDS[type].attributes ?? {}));
    expect(new Set(ATTRIBUTE_KEYS)).toEqual(new Set([...READ_BY_ALL, ...declared]));
  });

  it('give every type a spreadsheet name in every language (imports read any of them)', () => {
    for (const [tag, language] of Object.entries(LANGUAGES)) expect(new Set(Object.values(language.keywords.questionTypes)), tag).toEqual(new Set(QUESTION_TYPES));
  });
});

describe.each(QUESTION_TYPES)('%s', (type) => {
  const { question, right, wrong } = samples[type] as { question: Question; right: Response; wrong: Response | null };
  const kind = QUESTION_KINDS[type] as QuestionKind<QuestionType>;

  it('scores a right answer, and a wrong one as wrong (unscored: neither)', () => {
    if (UNSCORED_TYPES.includes(type)) {
      expect(scoreResponse(question, right)).toEqual({ correct: null, score: 0 });
      return;
    }
    expect(scoreResponse(question, right)).toEqual({ correct: true, score: 1 });
    expect(scoreResponse(question, wrong)).toEqual({ correct: false, score: 0 });
  });

  it('round-trips its responses through the resume-state codec', () => {
    for (const response of [right, wrong]) {
      if (!response) continue;
      const text = kind.encode(response.value, Infinity);
      expect(text).not.toBe('');
      expect(kind.decode(question, text)).toEqual(response.value);
    }
    // A text that names no option, and is no number, is refused; free texts are taken as written.
    const free = type === 'fill-in' || type === 'essay';
    expect(kind.decode(question, '\u0000')).toEqual(free ? '\u0000' : undefined);
  });

  it('round-trips an attempt holding its answer through encodeState and decodeState', () => {
    const course = { modelVersion: 1, id: 'kinds', title: 'Kinds', language: 'en', lessons: [], banks: [{ id: 'b', title: 'B', questions: [question] }], exam: { draws: [{ bank: 'b', count: 1, surveys: true }], passingScore: 60, attempts: 0, shuffleQuestions: false, shuffleChoices: true, timeLimitMinutes: null, review: 'always' } } as unknown as Course;
    const order = kind.alwaysShuffled ? [...kind.ids(question)].reverse().join('') : '';
    const state = { ...emptyState(course), attemptsUsed: 1, current: { attempt: 1, questions: [0], orders: [order], answers: [right], elapsed: 12, submitted: false } };
    expect(decodeState(course, encodeState(course, state))).toEqual(state);
  });

  it('writes a right response as one of its correct patterns, in every standard', () => {
    for (const standard of STANDARDS) {
      expect(VOCABULARY[standard]).toContain(interactionType(question, standard));
      const patterns = correctPatterns(question, standard).map((p) => p.replace('{case_matters=true}', ''));
      if (UNSCORED_TYPES.includes(type)) expect(patterns).toEqual([]);
      else expect(patterns).toContain(formatResponse(right, standard));
    }
  });

  it('is the same structure as itself, and exports to QTI (and Moodle XML unless it has no type there, said where Moodle grades it in part)', async () => {
    expect(structureDifferences(question, question)).toEqual([]);
    expect(assessmentItem(question, true, 'en')).toContain('<assessmentItem');
    const course = { id: 'kinds', title: 'Kinds', banks: [{ id: 'b', title: 'B', questions: [question] }] } as unknown as Course;
    const { diagnostics } = await moodleXml.build(course, () => null);
    const partial = (type === 'multiple' && (question as ChoiceQuestion).correct.length > 1) || type === 'matching';
    expect(diagnostics.map((d) => d.rule)).toEqual(type === 'likert' ? ['export-unmappable'] : partial ? ['export-partial-credit'] : []);
  });
});

/** A spreadsheet row per type: type, stem, options A to C, answer. */
const ROWS: Record<QuestionType, string[]> = {
  'true-false': ['true-false', 'Lift with your back straight.', '', '', '', 'true'],
  single: ['single', 'Which sign means stop?', 'Red', 'Green', 'Blue', 'A'],
  multiple: ['multiple', 'Which are protective equipment?', 'Helmet', 'Gloves', 'Radio', 'AB'],
  'fill-in': ['fill-in', 'The law on labour contracts is the ___.', '', '', '', 'Labour Contract Law|Labor Contract Law'],
  numeric: ['numeric', 'How many volts in a car battery?', '', '', '', '12 ± 0.5'],
  matching: ['matching', 'Match each sign to its colour.', 'Stop -> Red', 'Go -> Green', '-> Blue', ''],
  sequencing: ['sequencing', 'Put the steps in order.', 'Plan', 'Clear', 'Lift', 'ABC'],
  likert: ['likert', 'How safe do you feel?', 'Not at all', 'Somewhat', 'Very', ''],
  essay: ['essay', 'Describe a safe lift.', '', '', '', 'Plan, clear, lift.'],
};

describe('a spreadsheet row of each type', () => {
  it.each(QUESTION_TYPES)('%s: becomes Markdown that reads back as the same type', (type) => {
    const { question, problems } = convertRow(ROWS[type], ['type', 'stem', 'option:A', 'option:B', 'option:C', 'answer'], 2, 'bank');
    expect(problems).toEqual([]);
    const { text } = bankMarkdown('Bank', [question as ImportedQuestion], 'en');
    const sink = new DiagnosticSink();
    const loaded = loadBank(text, { file: '/course/banks/bank.md', display: 'banks/bank.md', source: new VFile({ path: '/course/banks/bank.md', value: text }), courseDir: '/course', sink, assets: new Set(), lessonFor: () => undefined, definitions: [], language: 'en' });
    expect(sink.items.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.bank.questions.map((q) => q.type)).toEqual([type]);
  });
});
