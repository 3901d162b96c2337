/**
 * Places as URL hashes (`#/`, `#/lesson/<id>`, `#/exam`, `#/results`), so the browser's
 * back button and lesson-to-lesson links work, also from file:// and inside an LMS frame.
 * Other hashes (footnotes, in-page anchors) are not routes and are left to the browser.
 */
import type { Course } from '../../course/model.js';
import type { Place } from '../state.js';

/**
 * The hash for a place.
 * @param place where
 * @param course the course (lesson ids)
 */
export function placeHash(place: Place, course: Course): string {
  if (place.view === 'lesson') return `#/lesson/${encodeURIComponent(course.lessons[place.index]?.id ?? '')}`;
  if (place.view === 'exam') return '#/exam';
  if (place.view === 'results') return '#/results';
  return '#/';
}

/**
 * The place a hash names, or null when it is not a route.
 * @param hash `location.hash`
 * @param course the course (lesson ids)
 */
export function parseHash(hash: string, course: Course): Place | null {
  if (!hash.startsWith('#/')) return null;
  const [view, id] = hash.slice(2).split('/');
  if (!view) return { view: 'welcome' };
  if (view === 'lesson' && id !== undefined) {
    const index = course.lessons.findIndex((l) => l.id === decodeURIComponent(id));
    return index >= 0 ? { view: 'lesson', index } : null;
  }
  if (view === 'exam') return { view: 'exam' };
  if (view === 'results') return { view: 'results' };
  return null;
}

/** Same place? */
export function samePlace(a: Place, b: Place): boolean {
  return a.view === b.view && (a.view !== 'lesson' || a.index === (b as { index: number }).index);
}
