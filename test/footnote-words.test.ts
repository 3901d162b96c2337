/**
 * The words rendering adds to a lesson's footnotes are in the lesson's language: the heading
 * over the notes (shown: GFM's default is an English heading hidden by a class the player does not
 * style, which showed "Footnotes" in every Chinese lesson) and what a screen reader says of each
 * link back to the text. A lesson drafted on its own (the preview) reads the course's language too.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../src/course/config.js';
import { draftLesson } from '../src/course/lesson-draft.js';
import { loadCourse } from '../src/course/load.js';
import { copyBilingualCourse } from './support/bilingual.js';


let root: string;
let dir: string;
let project: Project;

beforeEach(() => {
  ({ root, dir, project } = copyBilingualCourse('skillpack-footnote-words-'));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const append = (file: string, text: string) => writeFileSync(file, readFileSync(file, 'utf8') + text);

describe('footnotes', () => {
  it('are headed and labelled in the language of the lesson, the source and each translation', () => {
    const source = path.join(dir, 'lessons', '01-basics.md');
    append(source, '\n人体电阻因人而异[^r]，潮湿时更低[^r]。\n\n[^r]: 《电工》教材，截至 2026 年。\n');
    append(path.join(dir, 'translations', 'en', 'lessons', '01-basics.md'), '\nBody resistance varies[^r], and drops when wet[^r].\n\n[^r]: *Electrician* textbook, as of 2026.\n');
    const loaded = loadCourse(dir, project);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const chinese = loaded.course!.lessons[0]!.html;
    expect(chinese).toContain('<h2 id="user-content-footnote-label">注释</h2>');
    expect(chinese).toContain('aria-label="返回注释 1 的引用位置"');
    expect(chinese).toContain('aria-label="返回注释 1 的第 2 处引用位置"');
    expect(chinese).not.toMatch(/Footnotes|Back to reference|sr-only/);
    const english = loaded.translations!.find((t) => t.language === 'en')!.lessons[0]!.html;
    expect(english).toContain('<h2 id="user-content-footnote-label">Notes</h2>');
    expect(english).toContain('aria-label="Back to reference 1-2"');

    // The preview's draft of the lesson takes the course's language from course.yml, as the load does.
    expect(draftLesson(dir, project, source)).toEqual(loaded.course!.lessons[0]);
  });

  it('follow course.yml when the course changes language', () => {
    const yml = path.join(dir, 'course.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace(/^language: zh-CN$/m, 'language: en'));
    rmSync(path.join(dir, 'translations'), { recursive: true });
    append(path.join(dir, 'lessons', '01-basics.md'), '\n人体电阻因人而异[^r]。\n\n[^r]: 《电工》教材，截至 2026 年。\n');
    const loaded = loadCourse(dir, project);
    expect(loaded.course!.lessons[0]!.html).toContain('>Notes</h2>');
  });
});
