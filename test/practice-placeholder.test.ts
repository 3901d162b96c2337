/**
 * A practice question's place in its lesson is made as an element, not written as HTML: raw
 * HTML has the whole lesson parsed again by an HTML parser, which took a tenth of a course's
 * load. Only a lesson whose author wrote HTML goes through it. Which way a lesson went shows
 * in its footnote reference: the converted tree writes the boolean `data-footnote-ref` bare,
 * the HTML parser gives it an empty value (`data-footnote-ref=""`).
 */
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';
import { renderContextOf } from '../src/course/course-files.js';
import { parseLesson, renderLesson } from '../src/course/lessons.js';

const lesson = (extra: string) =>
  `---\ntitle: A lesson\n---\n\nText with a footnote[^1].${extra}\n\n[^1]: The note.\n\n### Check {.practice #check}\n\n- [ ] No\n- [x] Yes\n\n> **Correct:** Right.\n> **Incorrect:** Wrong.\n`;

function render(text: string) {
  const sink = new DiagnosticSink();
  const file = '/course/lessons/01-a.md';
  const course = { courseDir: '/course', display: () => 'lessons/01-a.md', sink, assets: new Set<string>(), lessonByPath: new Map<string, string>(), language: 'en' as const };
  const rendered = renderLesson(parseLesson(text, file, 'lessons/01-a.md', { sink }), renderContextOf(file, text, course));
  return { rendered, sink };
}

describe('practice question placeholders', () => {
  it('are rendered without parsing the lesson again as HTML, as the player expects them', () => {
    const { rendered, sink } = render(lesson(''));
    expect(sink.items).toEqual([]);
    expect(rendered?.practice.map((q) => q.id)).toEqual(['check']);
    expect(rendered?.html).toContain('<div data-practice="check"></div>');
    expect(rendered?.html).toMatch(/<a [^>]*data-footnote-ref aria-describedby/);
  });

  it('leave HTML an author wrote to the HTML parser, which gives the same placeholder', () => {
    const { rendered } = render(lesson(' A<br>break.'));
    expect(rendered?.html).toContain('A<br>break.');
    expect(rendered?.html).toContain('<div data-practice="check"></div>');
    expect(rendered?.html).toMatch(/<a [^>]*data-footnote-ref="" aria-describedby/);
  });
});
