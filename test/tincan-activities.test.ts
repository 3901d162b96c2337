/**
 * tincan.xml names and describes each exam question as the statements about it do (the prompt,
 * in the course's language), not by its id: an LMS or LRS that imports the file lists the
 * questions by these names.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import { xapi } from '../src/targets/xapi.js';
import { REPO } from './support/packages.js';

describe('tincan.xml', () => {
  it('names each question by its prompt, in the course language', () => {
    const dir = path.join(REPO, 'test', 'fixtures', 'courses', 'bilingual-course');
    const course = loadCourse(dir, loadProject(REPO)).course!;
    const xml = String(xapi.descriptors(course, [])[0]!.data);
    const questions = course.banks.flatMap((b) => b.questions);
    const names = [...xml.matchAll(/<activity id="[^"]*\/questions\/[^"]*"[^>]*>\s*<name lang="([^"]+)">([^<]*)<\/name>/g)].map((m) => [m[1], m[2]]);
    expect(names).toEqual(questions.map((q) => ['zh-CN', q.promptText]));
  });
});
