/**
 * Links to places in a lesson work as on GitHub: each heading gets GitHub's id for its text, a
 * link to `#第二节-工资` leads to `## 第二节 工资`, and a link to a place that no heading or element
 * of the lesson has, or to a place in another lesson (the player opens lessons at their top), is
 * reported instead of leading nowhere.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderContextOf } from '../src/course/course-files.js';
import { parseLesson, renderLesson } from '../src/course/lessons.js';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';

const courseDir = mkdtempSync(path.join(tmpdir(), 'skillpack-anchors-'));
mkdirSync(path.join(courseDir, 'lessons'));
writeFileSync(path.join(courseDir, 'lessons', '02-b.md'), '---\ntitle: 练习\n---\n\n正文。\n');
afterAll(() => rmSync(courseDir, { recursive: true, force: true }));

function render(body: string) {
  const text = `---\ntitle: 工资\n---\n\n${body}`;
  const sink = new DiagnosticSink();
  const file = path.join(courseDir, 'lessons', '01-a.md');
  const course = { courseDir, display: () => 'lessons/01-a.md', sink, assets: new Set<string>(), lessonByPath: new Map([['lessons/02-b.md', 'b']]), language: 'zh-CN' as const };
  const lesson = renderLesson(parseLesson(text, file, 'lessons/01-a.md', { sink }), renderContextOf(file, text, course));
  return { html: lesson?.html ?? '', problems: sink.items.map((d) => `${d.line}:${d.column} ${d.rule}`) };
}

/** Each link's target id, as the browser finds it (the fragment percent-decoded). */
const targets = (html: string) => [...html.matchAll(/href="#([^"/][^"]*)"/g)].map((m) => decodeURIComponent(m[1]!));
const ids = (html: string) => [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);

describe('links to places in a lesson', () => {
  it('lead to the headings and elements they name', () => {
    const { html, problems } = render('见[下文](#第二节-工资)、[附录](#附录)和[第二处](#小结-1)。\n\n## 第二节 工资\n\n## 小结\n\n## 小结\n\n<a id="附录"></a>\n');
    expect(problems).toEqual([]);
    expect(ids(html)).toEqual(['user-content-第二节-工资', 'user-content-小结', 'user-content-小结-1', 'user-content-附录']);
    expect(targets(html)).toEqual(['user-content-第二节-工资', 'user-content-附录', 'user-content-小结-1']);
  });

  it('are reported when nothing in the lesson has that id, or when they name a place in another lesson', () => {
    const { problems } = render('见[下文](#第三节)和[练习](02-b.md#小测验)，[脚注][^1]不算。\n\n## 第二节\n\n[^1]: 资料来源，截至 2026 年。\n');
    expect(problems.sort()).toEqual(['5:13 link-anchor', '5:2 link-anchor']);
  });
});

describe('places a link may lead to', () => {
  it('include an older <a name> anchor, and never let a heading take a footnote\'s id', () => {
    const { html, problems } = render('见[提示](#tip)和注释[^1]。\n\n<a name="tip"></a>\n\n## FN 1\n\n## Footnote label\n\n[^1]: 资料来源，截至 2026 年。\n');
    expect(problems).toEqual([]);
    expect(ids(html)).toEqual(['user-content-fnref-1', 'user-content-section-fn-1', 'user-content-section-footnote-label', 'user-content-footnote-label', 'user-content-fn-1']);
  });
});
