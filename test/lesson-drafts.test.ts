/**
 * The preview drafts a saved lesson as soon as the file changes. An editor's save can be
 * several changes (the file emptied, then written): while a file's draft is being made, its
 * further changes make one more draft after it, never one each, and the last draft made is
 * of the file as it was last changed.
 */
import { describe, expect, it } from 'vitest';
import type { CourseBuilds } from '../src/preview/course-builds.js';
import type { EventHub, PreviewEvent } from '../src/preview/events.js';
import { lessonDrafts } from '../src/preview/live-rebuild.js';

/** Builds whose drafts finish when the test says so. */
function heldBuilds() {
  const asked: Array<{ file: string; finish: (html: string | null) => void }> = [];
  const builds = {
    draft: (file: string) =>
      new Promise((resolve) => asked.push({ file, finish: (html) => resolve(html === null ? null : { key: 'course', lesson: { id: 'lesson', html } }) })),
  } as unknown as CourseBuilds;
  return { builds, asked };
}

function recordedEvents() {
  const sent: PreviewEvent[] = [];
  return { events: { send: (event: PreviewEvent) => sent.push(event) } as unknown as EventHub, sent };
}

describe('lesson drafts', () => {
  it('make one more draft after the one running, however many changes came meanwhile', async () => {
    const { builds, asked } = heldBuilds();
    const { events, sent } = recordedEvents();
    const draft = lessonDrafts({ builds, events });
    const file = '/project/courses/course/lessons/01-a.md';
    const first = draft({ event: 'change', file });
    void draft({ event: 'change', file });
    void draft({ event: 'change', file });
    expect(asked).toHaveLength(1);
    asked[0]!.finish(null); // the emptied file: nothing to show
    await new Promise((resolve) => setImmediate(resolve)); // its promise settled
    expect(asked).toHaveLength(2);
    asked[1]!.finish('<p>Written.</p>');
    await first;
    expect(sent).toEqual([{ type: 'lesson', data: { course: 'course', lesson: { id: 'lesson', html: '<p>Written.</p>' } } }]);
    // Done: the next change is drafted at once.
    void draft({ event: 'change', file });
    expect(asked).toHaveLength(3);
  });

  it('leave alone what is not a change of a Markdown file', async () => {
    const { builds, asked } = heldBuilds();
    const { events } = recordedEvents();
    const draft = lessonDrafts({ builds, events });
    await draft({ event: 'add', file: '/project/courses/course/lessons/02-b.md' });
    await draft({ event: 'change', file: '/project/courses/course/assets/picture.svg' });
    expect(asked).toHaveLength(0);
  });
});
