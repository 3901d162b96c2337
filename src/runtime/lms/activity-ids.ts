/**
 * xAPI activity ids: absolute IRIs under the course's activity id (itself
 * minted from the project's baseIri), stable across rebuilds and course
 * versions because they depend only on ids the author controls.
 */
import type { Course } from '../../course/model.js';

export const lessonActivityId = (course: Course, lessonId: string): string => `${course.activityId}/lessons/${encodeURIComponent(lessonId)}`;
export const questionActivityId = (course: Course, questionId: string): string => `${course.activityId}/questions/${encodeURIComponent(questionId)}`;
export const examActivityId = (course: Course): string => `${course.activityId}/exam`;
