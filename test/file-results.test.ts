/**
 * The preview reloads a course after every save, reusing what each unchanged file compiled
 * to: the course, its translations, diagnostics and packaged files must be exactly what a
 * load from scratch gives, whatever changed (the saved file, an error in it, a linked
 * image, a new lesson that links now lead to), and no caller may change what the next
 * load gets.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCourseCached } from '../src/course/cached-load.js';
import type { Project } from '../src/course/config.js';
import { fileResultCounts, forgetKeptResults, keptResultsFile } from '../src/course/file-results.js';
import { draftLesson } from '../src/course/lesson-draft.js';
import { loadCourse, type LoadedCourse } from '../src/course/load.js';
import { copyBilingualCourse } from './support/bilingual.js';


let root: string;
let dir: string;
let project: Project;

beforeEach(() => {
  ({ root, dir, project } = copyBilingualCourse('skillpack-file-results-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  delete process.env.SKILLPACK_NO_CACHE;
});

/** Load with reuse, check it against a load from scratch, and say how many files were compiled. */
function reload(within: Project = project): { loaded: LoadedCourse; compiled: number; reused: number } {
  const before = { ...fileResultCounts };
  const loaded = loadCourse(dir, within, { reuseFiles: true });
  const counts = { compiled: fileResultCounts.compiled - before.compiled, reused: fileResultCounts.reused - before.reused };
  expect(loaded).toEqual(loadCourse(dir, within));
  return { loaded, ...counts };
}

const edit = (relative: string, change: (text: string) => string) => {
  const file = path.join(dir, relative);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
};

// Two lessons and a bank, each also translated: six files.
const FILES = 6;

describe('reusing compiled files between loads of a course', () => {
  it('compiles every file once, then only the saved one, with the same result as a load from scratch', () => {
    const first = reload();
    expect(first.compiled).toBe(FILES);
    expect(first.loaded.course).not.toBeNull();
    expect(first.loaded.translations).toHaveLength(1);
    expect(first.loaded.assets).toEqual(['assets/diagram.svg']);

    expect(reload()).toMatchObject({ compiled: 0, reused: FILES });

    edit('lessons/02-first-aid.md', (text) => `${text}\n新增的一段话。\n`);
    const saved = reload();
    expect(saved).toMatchObject({ compiled: 1, reused: FILES - 1 });
    expect(saved.loaded.course?.lessons[1]?.html).toContain('新增的一段话。');
  });

  it('reuses what the preview\'s draft of a saved lesson compiled, in the load that follows it', () => {
    reload();
    edit('lessons/02-first-aid.md', (text) => `${text}\n草稿中的一段话。\n`);
    const drafted = draftLesson(dir, project, path.join(dir, 'lessons', '02-first-aid.md'), { reuseFiles: true });
    expect(drafted?.html).toContain('草稿中的一段话。');
    const saved = reload();
    expect(saved).toMatchObject({ compiled: 0, reused: FILES });
    expect(saved.loaded.course?.lessons[1]).toEqual(drafted);
  });

  it('reports the saved file’s mistakes at their places, and again when the file is reused', () => {
    reload();
    edit('banks/01-safety.md', (text) => text.replace('- [x] 切断电源', '- [ ] 切断电源'));
    const broken = reload();
    expect(broken.compiled).toBe(1);
    expect(broken.loaded.course).toBeNull();
    const problems = broken.loaded.diagnostics.filter((d) => d.file.endsWith('banks/01-safety.md') && d.severity === 'error');
    expect(problems.length).toBeGreaterThan(0);
    const again = reload();
    expect(again).toMatchObject({ compiled: 0, reused: FILES });
    expect(again.loaded.diagnostics).toEqual(broken.loaded.diagnostics);
  });

  it('keeps course.yml as checked, its mistakes and their places included, and places later problems in it as from scratch', () => {
    reload();
    // A value the schema refuses (credits over 90), and a draw from a bank that does not exist, found after it.
    edit('course.yml', (text) => text.replace('credits: 10', 'credits: 95').replace(/bank: \S+/, 'bank: nowhere'));
    const broken = reload();
    const inYml = (d: { file: string }) => d.file.endsWith('course.yml');
    expect(broken.loaded.diagnostics.filter(inYml).map((d) => [d.rule, d.line])).toEqual([['schema-invalid-value', 12]]);
    edit('course.yml', (text) => text.replace('credits: 95', 'credits: 10'));
    const drawn = reload();
    expect(drawn.loaded.diagnostics.filter(inYml).map((d) => d.rule)).toEqual(['exam-unknown-bank']);
    // The next load takes course.yml as it was checked (derived, not compiled), with the same places.
    const derived = fileResultCounts.derived;
    const again = reload();
    expect(fileResultCounts.derived).toBe(derived); // nothing worked out afresh
    expect(again.loaded.diagnostics).toEqual(drawn.loaded.diagnostics);
  });

  it('compiles again when a linked file changes: an image made unsafe is refused as from scratch', () => {
    reload();
    writeFileSync(path.join(dir, 'assets/diagram.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const changed = reload();
    expect(changed.compiled).toBe(FILES);
    expect(changed.loaded.diagnostics.some((d) => d.rule === 'unsafe-asset' && d.file.endsWith('lessons/01-basics.md'))).toBe(true);
    expect(changed.loaded.assets).toEqual([]);
  });

  it('compiles again when the lessons that links lead to change', () => {
    reload();
    // The lesson file 01-basics links to is renamed: the link now leads to no file.
    renameSync(path.join(dir, 'lessons/02-first-aid.md'), path.join(dir, 'lessons/03-first-aid.md'));
    const moved = reload();
    expect(moved.compiled).toBeGreaterThan(0);
    expect(moved.loaded.diagnostics.some((d) => d.rule === 'missing-file' && d.file.endsWith('lessons/01-basics.md'))).toBe(true);
  });

  it('fills itself just after a course came from the course cache, so the first save compiles one file', async () => {
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    loadCourseCached(dir, project);
    await tick(); // the course cache is written just after a load
    const before = fileResultCounts.compiled;
    expect(loadCourseCached(dir, project, { reuseFiles: true }).course).not.toBeNull();
    expect(fileResultCounts.compiled).toBe(before); // from the course cache
    await tick();
    expect(fileResultCounts.compiled).toBe(before + FILES);
    edit('lessons/01-basics.md', (text) => `${text}\n第一课新增的一句。\n`);
    expect(reload()).toMatchObject({ compiled: 1, reused: FILES - 1 });
  });

  it('gives every load a course of its own: changing one never changes the next', () => {
    const first = reload().loaded.course!;
    const pristine = structuredClone(first);
    first.lessons[0]!.html = 'changed';
    first.banks[0]!.questions.length = 0;
    expect(reload().loaded.course).toEqual(pristine);
  });
});

describe('compiled files kept on disk for the next command', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  /** A load, then its results on disk only, as the next command finds them. */
  const loadAndExit = async (within: Project = project) => {
    reload(within);
    await tick(); // written just after the load
    forgetKeptResults();
  };

  it('lets a later process compile only the edited file, with the result of a load from scratch', async () => {
    await loadAndExit();
    edit('lessons/02-first-aid.md', (text) => `${text}\n下一次命令前新增的一段。\n`);
    const next = reload();
    expect(next).toMatchObject({ compiled: 1, reused: FILES - 1 });
    expect(next.loaded.course?.lessons[1]?.html).toContain('下一次命令前新增的一段。');
  });

  it('keeps where each question was written: a translation that differs from its source still names the source line', async () => {
    edit('translations/en/banks/01-safety.md', (text) => text.replace('type=multiple points=2', 'type=multiple points=3'));
    await loadAndExit();
    edit('lessons/01-basics.md', (text) => `${text}\n另一段。\n`);
    const next = reload(); // equal to a load from scratch, diagnostics included
    expect(next).toMatchObject({ compiled: 1, reused: FILES - 1 });
    const mismatch = next.loaded.diagnostics.find((d) => d.rule === 'translation-mismatch');
    expect(mismatch?.message).toContain('(courses/bilingual-course/banks/01-safety.md:22)');
    expect(mismatch?.file).toBe('courses/bilingual-course/translations/en/banks/01-safety.md');
  });

  it('compiles afresh what a damaged entry holds, with the result of a load from scratch', async () => {
    await loadAndExit();
    const file = keptResultsFile(dir);
    // A header, then each result (of the files, and of what is worked out from them).
    const lines = readFileSync(file, 'utf8').split('\n');
    const keys = (JSON.parse(lines[0]!) as { results: Array<[string]> }).results.map(([key]) => key);
    const lesson = keys.findIndex((key) => key.startsWith('lesson\0') && key.endsWith(path.join('lessons', '02-first-aid.md')));
    expect(lesson).toBeGreaterThanOrEqual(0);
    lines[lesson + 1] = lines[lesson + 1]!.slice(0, -10); // its result cut short
    writeFileSync(file, lines.join('\n'));
    expect(reload()).toMatchObject({ compiled: 1, reused: FILES - 1 });
    forgetKeptResults();
    writeFileSync(file, lines.slice(0, -1).join('\n')); // a result missing: the entry is not used
    expect(reload()).toMatchObject({ compiled: FILES, reused: 0 });
  });

  it('compiles everything again for another configuration', async () => {
    await loadAndExit();
    const other: Project = { ...project, config: { ...project.config, baseIri: 'https://elsewhere.example/courses' } };
    expect(reload(other)).toMatchObject({ compiled: FILES, reused: 0 });
  });

  it('keeps nothing on disk when the cache is off', async () => {
    process.env.SKILLPACK_NO_CACHE = '1';
    await loadAndExit();
    delete process.env.SKILLPACK_NO_CACHE;
    expect(reload()).toMatchObject({ compiled: FILES, reused: 0 });
  });
});
