/**
 * Building xAPI 1.0.3 statements from what the player reports (Data §2.4):
 * ADL verbs, cmi.interaction activities with the right interactionType and
 * correctResponsesPattern (§2.4.4.1), scores, durations, and the course's
 * accreditation facts as context extensions.
 */
import type { Course, Question } from '../../course/model.js';
import { EXTENSION_IRIS } from '../../course/model.js';
import { LANGUAGE_TAGS } from '../../languages/tags.js';
import type { AnswerRecord, ExamResult } from './adapter.js';
import { examActivityId, lessonActivityId, questionActivityId } from './activity-ids.js';
import { correctPatterns, formatResponse, interactionType, isoDuration } from './interaction-formats.js';
import { newUuid } from './lrs-client.js';
import { cut } from '../question-types/codec.js';
import { KINDS } from '../question-types/index.js';
import { scoreSteps } from '../scoring.js';

export type Statement = Record<string, unknown> & { id: string };

/** ADL's verbs (the ones the packages and the cmi5 rules use) live under this IRI. */
export const ADL_VERB = 'http://adlnet.gov/expapi/verbs/';

const verb = (name: string) => ({ id: `${ADL_VERB}${name}`, display: { 'en-US': name } });

/** A language map in the course's language. */
export const langMap = (course: Course, text: string) => ({ [LANGUAGE_TAGS[course.language].xapi]: text });

export interface StatementContext {
  course: Course;
  actor: Record<string, unknown>;
  registration: string | null;
  /** The course activity id statements are about (the launch's activity_id when given). */
  courseActivityId: string;
}

/** Extensions that carry occupation, certificate and credits with every statement. */
function extensions(course: Course): Record<string, unknown> {
  return {
    [EXTENSION_IRIS.occupation]: course.occupation,
    [EXTENSION_IRIS.certificate]: { name: course.certificate.name, level: course.certificate.level, issuer: course.certificate.issuer },
    [EXTENSION_IRIS.credits]: course.credits,
    [EXTENSION_IRIS.courseVersion]: course.version,
  };
}

export function courseActivity(ctx: StatementContext) {
  return { objectType: 'Activity', id: ctx.courseActivityId, definition: { type: 'http://adlnet.gov/expapi/activities/course', name: langMap(ctx.course, ctx.course.title), description: langMap(ctx.course, ctx.course.summary) } };
}

/** Category of answers to practice questions in lessons: never part of a score. */
export const PRACTICE_CATEGORY = 'https://w3id.org/skillpack/activities/practice';

function statement(
  ctx: StatementContext,
  verbName: string,
  object: Record<string, unknown>,
  extra: { result?: Record<string, unknown>; parent?: Array<Record<string, unknown>>; category?: Array<Record<string, unknown>> } = {},
): Statement {
  const contextActivities: Record<string, unknown> = { grouping: [{ objectType: 'Activity', id: ctx.courseActivityId }] };
  if (extra.parent) contextActivities.parent = extra.parent;
  if (extra.category) contextActivities.category = extra.category;
  return {
    id: newUuid(),
    actor: ctx.actor,
    verb: verb(verbName),
    object,
    ...(extra.result ? { result: extra.result } : {}),
    context: {
      ...(ctx.registration ? { registration: ctx.registration } : {}),
      ...(object.id === ctx.courseActivityId ? {} : { contextActivities }),
      language: LANGUAGE_TAGS[ctx.course.language].xapi,
      extensions: extensions(ctx.course),
    },
    timestamp: new Date().toISOString(),
  };
}

export const initialized = (ctx: StatementContext) => statement(ctx, 'initialized', courseActivity(ctx));

export const experienced = (ctx: StatementContext, lessonId: string, title: string) =>
  statement(ctx, 'experienced', { objectType: 'Activity', id: lessonActivityId(ctx.course, lessonId), definition: { type: 'http://adlnet.gov/expapi/activities/lesson', name: langMap(ctx.course, title) } }, { parent: [{ objectType: 'Activity', id: ctx.courseActivityId }] });

/** The interaction activity definition of a question (components per type, §2.4.4.1). */
export function interactionDefinition(course: Course, question: Question): Record<string, unknown> {
  const component = (o: { id: string; text: string }) => ({ id: o.id, description: langMap(course, o.text) });
  const definition: Record<string, unknown> = {
    type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
    name: langMap(course, cut(question.promptText, 120)),
    description: langMap(course, question.promptText),
    interactionType: interactionType(question, 'xapi'),
  };
  const patterns = correctPatterns(question, 'xapi');
  // Unscored questions (likert, essay) have no correct answer: the property is omitted (a survey).
  if (patterns.length) definition.correctResponsesPattern = patterns;
  return Object.assign(definition, KINDS[question.type].components(question, component));
}

/**
 * An answered question. Exam answers have the exam as parent; practice answers
 * (attempt 0) have their lesson as parent and the practice category, so an LRS
 * report can keep them apart from the exam.
 */
export function answered(ctx: StatementContext, record: AnswerRecord): Statement {
  const { question } = record;
  const { answeredAt } = record;
  const result: Record<string, unknown> = { response: formatResponse(record.response, 'xapi') };
  if (answeredAt) result.duration = isoDuration(answeredAt.getTime() - record.shownAt.getTime());
  if (record.correct !== null) {
    result.success = record.correct;
    if (question.points > 0) result.score = { scaled: record.score / question.points, raw: record.score, min: 0, max: question.points };
  }
  const lesson = record.attempt === 0 ? ctx.course.lessons.find((l) => l.practice.some((q) => q.id === question.id)) : undefined;
  const placement = lesson
    ? { parent: [{ objectType: 'Activity', id: lessonActivityId(ctx.course, lesson.id) }], category: [{ objectType: 'Activity', id: PRACTICE_CATEGORY }] }
    : { parent: [{ objectType: 'Activity', id: examActivityId(ctx.course) }] };
  const s = statement(ctx, 'answered', { objectType: 'Activity', id: questionActivityId(ctx.course, question.id), definition: interactionDefinition(ctx.course, question) }, { result, ...placement });
  // Without a kept time, the statement's own (this session's: cmi5 orders a session's statements by timestamp).
  if (answeredAt) s.timestamp = answeredAt.toISOString();
  return s;
}

/**
 * Result of an exam attempt. The scaled score goes to 4 places without crossing the
 * passing score (scoreSteps). raw, min and max go only as integers, as cmi5 takes them
 * (§9.5.1), and with points to earn, as xAPI needs min below max: otherwise the scaled
 * score alone. `completion` is given only when the course is complete.
 */
export function examResultData(result: ExamResult, durationMs: number, complete: boolean) {
  const { raw, max } = result;
  return {
    score: { scaled: scoreSteps(result) / 10000, ...(max > 0 && raw % 1 === 0 && max % 1 === 0 ? { raw, min: 0, max } : {}) },
    success: result.passed,
    ...(complete ? { completion: true } : {}),
    duration: isoDuration(durationMs),
  };
}

/** Context extension on passed and failed: the exam attempt judged (1-based), so a later launch knows how many were used. */
export const ATTEMPT_EXTENSION = 'https://w3id.org/skillpack/extensions/attempt';

export function passedOrFailed(ctx: StatementContext, result: ExamResult, durationMs: number, complete: boolean): Statement {
  const s = statement(ctx, result.passed ? 'passed' : 'failed', courseActivity(ctx), { result: examResultData(result, durationMs, complete) });
  (s.context as { extensions: Record<string, unknown> }).extensions[ATTEMPT_EXTENSION] = result.attempt;
  return s;
}

export const completed = (ctx: StatementContext, durationMs: number) =>
  statement(ctx, 'completed', courseActivity(ctx), { result: { completion: true, duration: isoDuration(durationMs) } });

export const terminated = (ctx: StatementContext, durationMs: number) =>
  statement(ctx, 'terminated', courseActivity(ctx), { result: { duration: isoDuration(durationMs) } });
