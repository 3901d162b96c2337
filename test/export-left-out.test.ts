/**
 * What the question exports carry and what they leave out, with a warning, while the rest of the
 * bank goes in:
 * - in Moodle XML, a multiple-response question whose correct options' share is not a grade
 *   Moodle lists (100/k % for k up to 10, and 20): any other stops the whole file's import;
 * - the course files a question shows, carried in each format's way; a question whose file an
 *   export cannot carry is left out of it (it would reach the LMS with a broken image); in Moodle
 *   XML each question kind is handed the writer of its texts and their files, so none is shared.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import type { Question } from '../src/course/model.js';
import { compilerKind } from '../src/course/question-types/index.js';
import { moodleTexts } from '../src/targets/moodle-parts.js';
import { moodleQuestions } from '../src/targets/moodle-questions.js';
import { qtiPackage } from '../src/targets/qti-package.js';
import { MINI_COURSE } from './support/harness.js';
import { REPO } from './support/packages.js';

const PICTURES = `# Pictures

## What does the diagram show? {#diagram-shows}

![The diagram](../assets/diagram.svg)

- [x] ![A box](../assets/diagram.svg)
- [ ] A circle

## Plain? {#plain}

- [x] Yes
- [ ] No
`;

/** The mini course with a bank of these questions, and the course's files as the build reads them. */
function picturesCourse(bank: string) {
  const root = mkdtempSync(path.join(tmpdir(), 'skillpack-exports-'));
  const dir = path.join(root, 'courses', 'mini-course');
  cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
  writeFileSync(path.join(dir, 'banks', 'pictures.md'), bank);
  const loaded = loadCourse(dir, loadProject(root));
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const files = (relative: string) => (loaded.assets.includes(relative) ? readFileSync(path.join(dir, relative)) : null);
  return { course: loaded.course!, files };
}

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
    const { entries, diagnostics } = moodleQuestions(loaded.course!, () => null);
    const xml = String(entries[0]!.data);
    expect(diagnostics.filter((d) => d.rule === 'export-unmappable').map((d) => d.message).filter((m) => !m.includes("likert"))).toEqual([expect.stringMatching(/^question "eleven" cannot be imported by Moodle: it has 11 correct options/)]);
    expect(xml).toContain('<idnumber>ten</idnumber>');
    expect(xml).toContain('<idnumber>twenty</idnumber>');
    expect(xml).not.toContain('<idnumber>eleven</idnumber>');
    expect(xml).toContain('fraction="10"');
    expect(xml).toContain('fraction="5"');
  });

  it('carry the course files a question shows: QTI beside its items, Moodle XML inside its texts', () => {
    const { course, files } = picturesCourse(PICTURES);
    const moodle = moodleQuestions(course, files);
    const qti = qtiPackage(course, files);
    expect([...moodle.diagnostics, ...qti.diagnostics].filter((d) => d.message.includes('diagram'))).toEqual([]);
    const svg = readFileSync(path.join(REPO, MINI_COURSE, 'assets', 'diagram.svg'));
    // QTI: the item's `content/assets/diagram.svg` resolves beside the items, and its resource lists the file.
    const item = String(qti.entries.find((e) => e.path === 'items/item-diagram-shows.xml')!.data);
    expect(item).toContain('src="content/assets/diagram.svg"');
    expect(qti.entries.find((e) => e.path === 'items/content/assets/diagram.svg')!.data).toEqual(svg);
    expect(qti.entries.filter((e) => e.path.endsWith('diagram.svg'))).toHaveLength(1); // shown by two questions, carried once
    const manifest = String(qti.entries.find((e) => e.path === 'imsmanifest.xml')!.data);
    expect(manifest).toContain('href="items/item-diagram-shows.xml"><file href="items/item-diagram-shows.xml"/><file href="items/content/assets/diagram.svg"/></resource>');
    // Moodle: @@PLUGINFILE@@ in the text, the file in base64 beside it, in the question text and in a choice.
    const xml = String(moodle.entries[0]!.data);
    const file = `<file name="diagram.svg" path="/assets/" encoding="base64">${svg.toString('base64')}</file>`;
    expect(xml).toContain(`<questiontext format="html"><text><![CDATA[<p>What does the diagram show?</p><p><img src="@@PLUGINFILE@@/assets/diagram.svg" alt="The diagram"></p>]]></text>${file}</questiontext>`);
    expect(xml).toContain(`<answer fraction="100" format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/assets/diagram.svg" alt="A box">]]></text>${file}`);
    expect(xml).not.toContain('content/assets');
  });

  it('Moodle XML: a question kind writes the files of the texts writer it is given, whatever else is being written', () => {
    const image = '<img src="content/assets/diagram.svg" alt="A box">';
    const q = { id: 'c', type: 'single', prompt: '<p>Which?</p>', promptText: 'Which?', points: 1, feedback: {}, choices: [{ id: 'a', html: image }, { id: 'b', html: 'B' }], correct: ['a'] } as unknown as Question;
    // Two writers, as two exports would hold, with different files, used in turn.
    const first = moodleTexts(() => Buffer.from('first course')), second = moodleTexts(() => Buffer.from('second course'));
    const xml = (texts: typeof first) => (compilerKind('single').moodle(q, texts, true) as { xml: string }).xml;
    const [a, b] = [xml(first), xml(second)];
    expect(a).toContain(Buffer.from('first course').toString('base64'));
    expect(a).not.toContain(Buffer.from('second course').toString('base64'));
    expect(b).toContain(Buffer.from('second course').toString('base64'));
    expect(first.carried(image) && second.carried(image)).toBe(true);
  });

  it('leave out a question whose file cannot be read, and (Moodle) one whose file is where Moodle XML carries none', () => {
    const { course } = picturesCourse(PICTURES);
    for (const result of [moodleQuestions(course, () => null), qtiPackage(course, () => null)]) {
      expect(result.diagnostics.filter((d) => d.file.endsWith('pictures.md')).map((d) => d.message)).toEqual([
        expect.stringMatching(/^question "diagram-shows" shows the course file "assets\/diagram.svg", which the export could not read: it is not in mini-course-(moodle\.xml|qti\.zip)$/),
      ]);
      expect(result.entries.some((e) => String(e.data).includes('diagram-shows'))).toBe(false);
    }
    // Sequencing steps are plain text today; a type that wrote HTML where Moodle imports no files (an ordering item) must not lose its image.
    const steps = { id: 'steps', type: 'sequencing', prompt: '<p>Order</p>', promptText: 'Order', points: 1, feedback: {}, items: [{ id: 'a', html: '<img src="content/assets/diagram.svg" alt="A">', text: 'A' }, { id: 'b', html: 'B', text: 'B' }] } as unknown as Question;
    const moodle = moodleQuestions({ ...course, banks: [{ id: 'b', title: 'B', questions: [steps] }] }, (relative) => Buffer.from(relative));
    expect(moodle.diagnostics.map((d) => d.message)).toEqual(['question "steps" shows a course file in a part of the question where Moodle XML carries no files: it is not in mini-course-moodle.xml']);
  });;
});

