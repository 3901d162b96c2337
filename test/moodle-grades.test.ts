/**
 * Moodle imports a multiple-response question only when each correct option's share is a grade
 * it lists (100/k % for k up to 10, and 20): any other stops the whole file's import, so such a
 * question is left out of the Moodle XML with a warning, and the rest of the bank goes in.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import { moodleQuestions } from '../src/targets/moodle-questions.js';
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
});
