/**
 * What a player package carries of a course. With `exam.delivery: lms` the exam runs
 * in the LMS's quiz engine (from the QTI or Moodle XML export), so the package gets
 * no exam and no bank: nothing of the key is in a file the learner's browser loads.
 * Practice questions stay in their lessons.
 */
import type { Course } from './model.js';

const delivered = new WeakMap<Course, Course>();

/** Whether the course's exam is delivered by the LMS rather than by the player. */
export function examInLms(course: Course): boolean {
  return course.exam?.delivery === 'lms';
}

/**
 * The course as its player packages see it: itself, or without exam and banks when the
 * LMS delivers the exam (the same object for every target, so it is serialised once).
 * @param course the full course model
 */
export function deliveredCourse(course: Course): Course {
  if (!examInLms(course)) return course;
  let result = delivered.get(course);
  if (!result) delivered.set(course, (result = { ...course, banks: [], exam: null, completion: 'lessons' }));
  return result;
}
