/**
 * QTI item bodies hold only QTI 2.1's XHTML elements and attributes (strict importers refuse
 * anything else): HTML5 elements become their QTI counterparts with a class saying what they
 * were, a task list's checkbox goes, and data-*, aria-* and align attributes are dropped or
 * become classes. The text stays.
 */
import { describe, expect, it } from 'vitest';
import type { Question } from '../src/course/model.js';
import { assessmentItem } from '../src/targets/qti-items.js';
import { xhtml } from '../src/targets/xml.js';

// imsqti_v2p1.xsd's flow and inline elements (and table parts).
const QTI_ELEMENTS = new Set('pre h1 h2 h3 h4 h5 h6 p address dl dt dd ol ul li br hr img object blockquote em a code span sub sup acronym big tt kbd q i dfn abbr strong var small samp b cite table caption col colgroup thead tbody tfoot tr th td div'.split(' '));
const QTI_ATTRIBUTES = new Set('id class xml:lang label href type src alt longdesc height width data cite summary span headers scope abbr axis rowspan colspan'.split(' '));

describe('QTI XHTML', () => {
  it('keeps to QTI 2.1 elements and attributes, and keeps the text', () => {
    const html = [
      '<table><thead><tr><th align="left">Step</th></tr></thead><tbody><tr><td align="right" colspan="2">1</td></tr></tbody></table>',
      '<p><del>old</del> new<sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref="" aria-describedby="footnote-label">1</a></sup></p>',
      '<section data-footnotes="" class="footnotes"><h2 id="footnote-label" class="sr-only">Footnotes</h2><ol><li id="user-content-fn-1"><p>A note.</p></li></ol></section>',
      '<ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" disabled=""> a task</li></ul>',
      '<details><summary>More</summary><p lang="en">Hidden</p></details>',
    ].join('');
    const out = xhtml(html);
    const tags = [...out.matchAll(/<([a-z0-9]+)([^>]*)>/gi)];
    expect(tags.map((t) => t[1]).filter((tag) => !QTI_ELEMENTS.has(tag!))).toEqual([]);
    const attributes = tags.flatMap((t) => [...t[2]!.matchAll(/\s([a-z:-]+)=/gi)].map((a) => a[1]!.toLowerCase()));
    expect(attributes.filter((a) => !QTI_ATTRIBUTES.has(a))).toEqual([]);
    expect(out).toContain('<span class="del">old</span>');
    expect(out).toContain('<th class="align-left">Step</th>');
    expect(out).toContain('<td colspan="2" class="align-right">1</td>');
    expect(out).toContain('<div class="section footnotes">');
    expect(out).toContain('<p xml:lang="en">Hidden</p>');
    for (const text of ['Step', 'old', 'new', 'A note.', 'a task', 'More']) expect(out).toContain(text);
  });
});

describe('QTI modal feedback', () => {
  it('shows the right or wrong answer\'s text and the explanation as blocks of their own, not run into one line', () => {
    const question = { id: 'q', type: 'true-false', prompt: '<p>Q</p>', promptText: 'Q', points: 1, answer: true, feedback: { correct: 'Right.', incorrect: 'Wrong.', explanation: 'Because.' } } as unknown as Question;
    const item = assessmentItem(question, false, 'en');
    expect(item).toContain('identifier="correct" showHide="show"><div>Right.</div><div>Because.</div></modalFeedback>');
    expect(item).toContain('identifier="incorrect" showHide="show"><div>Wrong.</div><div>Because.</div></modalFeedback>');
    const alone = assessmentItem({ ...question, feedback: { correct: 'Right.', incorrect: 'Wrong.' } } as Question, false, 'en');
    expect(alone).toContain('identifier="correct" showHide="show">Right.</modalFeedback>');
  });
});

describe('QTI items', () => {
  it('say the language they are written in (xml:lang), so that the importing platform reads them in it', () => {
    const question = { id: 'q', type: 'true-false', prompt: '<p>问</p>', promptText: '问', points: 1, answer: true, feedback: {} } as unknown as Question;
    expect(assessmentItem(question, false, 'zh-CN')).toMatch(/<assessmentItem [^>]*xml:lang="zh-CN"/);
    expect(assessmentItem(question, false, 'en')).toMatch(/<assessmentItem [^>]*xml:lang="en"/);
  });
});
