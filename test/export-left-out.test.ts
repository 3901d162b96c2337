/**
 * What the question exports leave out, with a warning, while the rest of the bank goes in:
 * - in Moodle XML, a multiple-response question whose correct options' share is not a grade
 *   Moodle lists (100/k % for k up to 10, and 20): any other stops the whole file's import;
 * - in both exports, a question that shows or links a course file, which they do not carry
 *   (it would reach the LMS with a broken image).
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import { moodleQuestions } from '../src/targets/moodle-questions.js';
import { qtiPackage } from '../src/targets/qti-package.js';
import { MINI_COURSE } from './support/harness.js';
import { REPO } from './support/packages.js';

const question = (id: string, right: number) =>
  `## Which of these? {#${id} type=multiple}\n\n${Array.from({ length: right }, (_, i) => `- [x] Right ${i + 1}`).join('\n')}\n- [ ] Wrong\n`;

describe('Moodle XML grades', () => {
  it('leaves out a multiple-response question whose share of a correct option Moodle cannot grade', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-moodle-'));
    const dir = path.join(root, 'courses', 'mini-course');
    cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
    writeFileSync(path.join(dir, 'banks', 'many.md'), `# Many\n\n${question('ten', 10)}\n${question('eleven', 11)}\n${question('twenty', 20)}`);
    const loaded = loadCourse(dir, loadProject(root));
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { entries, diagnostics } = moodleQuestions(loaded.course!);
    const xml = String(entries[0]!.data);
    expect(diagnostics.map((d) => d.message).filter((m) => !m.includes("likert"))).toEqual([expect.stringMatching(/^question "eleven" cannot be imported by Moodle: it has 11 correct options/)]);
    expect(xml).toContain('<idnumber>ten</idnumber>');
    expect(xml).toContain('<idnumber>twenty</idnumber>');
    expect(xml).not.toContain('<idnumber>eleven</idnumber>');
    expect(xml).toContain('fraction="10"');
    expect(xml).toContain('fraction="5"');
  });

  it('leaves out, of both exports, a question that shows a course file', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-exports-'));
    const dir = path.join(root, 'courses', 'mini-course');
    cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
    writeFileSync(path.join(dir, 'banks', 'pictures.md'), '# Pictures\n\n## What does the diagram show? {#diagram-shows}\n\n![The diagram](../assets/diagram.svg)\n\n- [x] A box\n- [ ] A circle\n\n## Plain? {#plain}\n\n- [x] Yes\n- [ ] No\n');
    const loaded = loadCourse(dir, loadProject(root));
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const moodle = moodleQuestions(loaded.course!);
    const qti = qtiPackage(loaded.course!);
    for (const [result, file] of [[moodle, 'mini-course-moodle.xml'], [qti, 'mini-course-qti.zip']] as const) {
      expect(result.diagnostics.filter((d) => d.message.includes('diagram-shows')).map((d) => `${d.file}:${d.line} ${d.rule} ${d.message}`)).toEqual([
        `courses/mini-course/banks/pictures.md:3 export-unmappable question "diagram-shows" shows or links a course file, which the question exports do not carry: it is not in ${file}`,
      ]);
    }
    expect(String(moodle.entries[0]!.data)).toContain('<idnumber>plain</idnumber>');
    expect(String(moodle.entries[0]!.data)).not.toContain('diagram-shows');
    const paths = qti.entries.map((e) => e.path);
    expect(paths).toContain('items/item-plain.xml');
    expect(paths.some((p) => p.includes('diagram-shows'))).toBe(false);
    expect(qti.entries.some((e) => String(e.data).includes('diagram-shows'))).toBe(false);
  });
});

