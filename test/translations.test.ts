/**
 * Course translations: a translated course loads with the source's ids and keys and
 * its own texts; XLIFF out and back in reproduces the translation files and their
 * record of sources; an edited source makes a translation out of date until it is
 * translated again or marked; an XLIFF file that changes an answer key is refused;
 * the course cache notices edits to translation files.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCourses } from '../src/commands/check.js';
import { translateExport, translateImport, translateMark } from '../src/commands/translate.js';
import { loadCourseCached } from '../src/course/cached-load.js';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import type { ChoiceQuestion, Course, Lesson, Question } from '../src/course/model.js';
import { questionHtml } from '../src/course/question-html.js';
import { withQuestionId } from '../src/translate/exchange.js';
import { readXliff, writeXliff } from '../src/translate/xliff.js';
import { filesOf, removeScratch, scratchBilingualCourse } from './support/bilingual.js';
import { REPO } from './support/packages.js';

let root: string;
let dir: string;
let output: string[];

beforeEach(() => {
  ({ root, dir, output } = scratchBilingualCourse('skillpack-translations-'));
});

afterEach(() => removeScratch(root));

const rulesOf = async () => (await checkCourses(root, [dir])).diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`);
const keyOf = (q: Question) => JSON.stringify({ ...q, prompt: undefined, promptText: undefined, feedback: undefined, ...('choices' in q ? { choices: q.choices.map((c) => c.id) } : {}), ...('items' in q ? { items: q.items.map((c) => c.id) } : {}), ...('answers' in q ? { answers: undefined } : {}) });

describe('a translated course', () => {
  it('checks clean and loads in both languages with the same ids and keys', async () => {
    expect(await rulesOf()).toEqual([]);
    const loaded = loadCourse(dir, loadProject(root));
    const source = loaded.course!;
    const [english] = loaded.translations as [Course];
    expect(loaded.translations).toHaveLength(1);
    expect(source.language).toBe('zh-CN');
    expect(english).toMatchObject({ id: source.id, language: 'en', title: 'Electrical Safety Basics', occupation: 'Electrician', activityId: source.activityId });
    expect(english.certificate).toEqual({ name: 'Electrician Vocational Skills Certificate', level: 'Level 5', issuer: 'Test Assessment Centre' });
    expect(english.lessons.map((l) => [l.id, l.title])).toEqual([['basics', 'Electrical basics'], ['first-aid', 'First aid for electric shock']]);
    // Links and images written as in the source resolve as in the source.
    expect(english.lessons[0]!.html).toContain('content/assets/diagram.svg');
    expect(english.lessons[0]!.html).toContain('data-practice="basics-check"');
    const questions = (c: Course) => [...c.lessons.flatMap((l) => l.practice), ...c.banks.flatMap((b) => b.questions)];
    expect(questions(english).map(keyOf)).toEqual(questions(source).map(keyOf));
    const first = questions(english).find((q) => q.id === 'first-step') as ChoiceQuestion;
    expect(first.choices.map((c) => c.text)).toEqual(['Pull the person away', 'Cut the power', 'Make a phone call']);
    expect(first.correct).toEqual(['b']);
  });

  it('takes what a translation lacks from the source', async () => {
    rmSync(path.join(dir, 'translations', 'en', 'lessons', '02-first-aid.md'));
    const loaded = loadCourse(dir, loadProject(root));
    const english = loaded.translations![0]!;
    expect(english.lessons[1]!.title).toBe('触电急救');
    expect(loaded.diagnostics.map((d) => d.rule)).toEqual(['translation-missing']);
  });

  it('marks what it takes from the source with the source language, and nothing translated', () => {
    rmSync(path.join(dir, 'translations', 'en', 'lessons', '01-basics.md'));
    const bank = path.join(dir, 'translations', 'en', 'banks', '01-safety.md');
    const text = readFileSync(bank, 'utf8');
    writeFileSync(bank, text.slice(0, text.indexOf('## Someone is being shocked')) + text.slice(text.indexOf('## Which are electrical')));
    const loaded = loadCourse(dir, loadProject(root));
    const [source, english] = [loaded.course!, loaded.translations![0]!];
    const [basics, firstAid] = english.lessons as [Lesson, Lesson];

    // The lesson: its title as the view's heading, its text, each marked; the player's words
    // around its practice question are the edition's, the question's own texts the source's.
    const placeholder = '<div data-practice="basics-check"></div>';
    expect(source.lessons[0]!.html).toContain(placeholder);
    expect(basics.html).toBe(`<h1 lang="zh-CN">用电基础</h1><div lang="zh-CN">${source.lessons[0]!.html.replace(placeholder, '<div lang="en" data-practice="basics-check"></div>')}</div>`);
    const practice = basics.practice[0] as ChoiceQuestion;
    expect(practice.prompt).toBe(`<div lang="zh-CN">${source.lessons[0]!.practice[0]!.prompt}</div>`);
    expect(practice.choices.map((c) => c.html)).toEqual(['<span lang="zh-CN">直接动手</span>', '<span lang="zh-CN">断开电源</span>']);
    expect(practice.feedback.correct).toBe('<div lang="zh-CN">先断电，再检修。</div>');
    expect(practice.choices.map((c) => c.text)).toEqual(['直接动手', '断开电源']);

    // The question: every HTML text marked, its plain texts and keys as the source's.
    const questions = english.banks[0]!.questions;
    const untranslated = questions.find((q) => q.id === 'first-step') as ChoiceQuestion;
    const original = source.banks[0]!.questions.find((q) => q.id === 'first-step') as ChoiceQuestion;
    const block = (html?: string) => `<div lang="zh-CN">${html}</div>`;
    expect(untranslated.prompt).toBe(block(original.prompt));
    expect(untranslated.feedback).toEqual({ correct: block(original.feedback.correct), incorrect: block(original.feedback.incorrect) });
    expect(untranslated.choices.map((c) => c.html)).toEqual(original.choices.map((c) => `<span lang="zh-CN">${c.html}</span>`));
    expect(keyOf(untranslated)).toBe(keyOf(original));
    expect(untranslated.promptText).toBe(original.promptText);

    // What is translated is not marked: the edition's language is the page's.
    for (const html of [firstAid.html, ...questions.filter((q) => q !== untranslated).flatMap(questionHtml)]) expect(html).not.toContain('lang=');
    // The source's own packages are as they were.
    for (const html of [...source.lessons.map((l) => l.html), ...source.banks[0]!.questions.flatMap(questionHtml)]) expect(html).not.toContain('lang=');
  });

  it('leaves extra translations out of the packages and shows the source text for what is missing', () => {
    const fixture = (name: string) => path.join(REPO, 'test', 'fixtures', 'diagnostics', name);
    const extra = loadCourse(fixture('translation-extra'), loadProject(fixture('translation-extra'))).translations![0]!;
    expect(extra.lessons.map((l) => l.id)).toEqual(['basics', 'first-aid']);
    expect(extra.lessons[0]!.practice.map((q) => q.id)).toEqual(['basics-check']);
    expect(extra.lessons[0]!.html).not.toContain('extra-check');
    expect(extra.banks[0]!.questions.map((q) => q.id)).toEqual(['cut-power', 'first-step', 'safety-measures', 'mains-voltage', 'rescue-order']);

    const missing = loadCourse(fixture('translation-missing'), loadProject(fixture('translation-missing'))).translations![0]!;
    expect(missing.lessons.map((l) => l.title)).toEqual(['Electrical basics', '触电急救']);
    expect(missing.occupation).toBe('电工');
    expect(missing.banks[0]!.questions.find((q) => q.id === 'mains-voltage')!.promptText).toBe('我国居民用电的额定电压是多少伏？');
    expect(missing.banks[0]!.questions.find((q) => q.id === 'first-step')!.promptText).toBe('Someone is being shocked: what is the first step?');
  });

  it('refuses a translated lesson that lost a practice question, whose key would show as lesson text', async () => {
    const lesson = path.join(dir, 'translations', 'en', 'lessons', '01-basics.md');
    const text = readFileSync(lesson, 'utf8');
    // The heading lost its {.practice #id}: the task list would be lesson text with the key ticked.
    writeFileSync(lesson, text.replace(' {.practice #basics-check}', ''));
    expect((await checkCourses(root, [dir])).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}`)).toEqual([
      'courses/bilingual-course/translations/en/lessons/01-basics.md:16:1 error translation-mismatch: lesson "basics" lacks the source\'s practice question "basics-check" (courses/bilingual-course/lessons/01-basics.md:13): keep each one\'s heading with its {.practice #id}, or the question is lesson text and its [x] key is shown, so it is not used',
    ]);
    expect(loadCourse(dir, loadProject(root)).course).toBeNull();

    // A practice question removed altogether is the same error.
    writeFileSync(lesson, text.slice(0, text.indexOf('### What must you do')));
    expect(await rulesOf()).toEqual(['courses/bilingual-course/translations/en/lessons/01-basics.md:1 translation-mismatch']);

    // So is a ticked task list where the source has a practice question, under whatever id.
    writeFileSync(lesson, text.replace('Current flowing through the body causes harm.', 'Current flowing through the body causes harm.\n\n- [x] Switch off the power'));
    expect(await rulesOf()).toEqual(['courses/bilingual-course/translations/en/lessons/01-basics.md:9 translation-mismatch']);
  });

  it('reports an attribute block that is not at the end of a translated heading, at its place', async () => {
    const bank = path.join(dir, 'translations', 'en', 'banks', '01-safety.md');
    writeFileSync(bank, readFileSync(bank, 'utf8').replace('## Someone is being shocked: what is the first step? {#first-step}', '## {#first-step} Someone is being shocked: what is the first step? {#first-step}'));
    const { diagnostics } = await checkCourses(root, [dir]);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}`)).toEqual([
      'courses/bilingual-course/translations/en/banks/01-safety.md:13:4 error question-attribute: the attribute block {#first-step} is not at the end of its heading, where only the last block is read, so it would show as text: move it to the end',
      // The translated question is not used: the source's stands in, and says so.
      'courses/bilingual-course/banks/01-safety.md:13:1 warning translation-missing: question "first-step" has no English translation: the English packages show the source text for it',
    ]);
  });

  it('refuses a translated lesson or question whose links or images lead elsewhere than its source\'s', async () => {
    const lesson = path.join(dir, 'translations', 'en', 'lessons', '01-basics.md');
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('![Diagram](../assets/diagram.svg)', '[Diagram](https://phish.example/login)'));
    const bank = path.join(dir, 'translations', 'en', 'banks', '01-safety.md');
    writeFileSync(bank, readFileSync(bank, 'utf8').replace('keeps the rescuer safe.', 'keeps the rescuer safe: see [the rules](https://example.org/rules).'));
    const { diagnostics } = await checkCourses(root, [dir]);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}`)).toEqual([
      'courses/bilingual-course/translations/en/lessons/01-basics.md:9:1 error translation-mismatch: lesson "basics" differs from its source (courses/bilingual-course/lessons/01-basics.md): it has the link https://phish.example/login, which the source does not; it lacks the source\'s image assets/diagram.svg',
      'courses/bilingual-course/translations/en/banks/01-safety.md:13:1 error translation-mismatch: question "first-step" differs from its source (courses/bilingual-course/banks/01-safety.md:13): it has the link https://example.org/rules, which the source does not',
    ]);
    // Neither is used: the course is not packaged in any language until they are fixed.
    expect(loadCourse(dir, loadProject(root)).course).toBeNull();
  });

  it('builds nothing from a course whose translation changes a key', () => {
    const fixture = path.join(REPO, 'test', 'fixtures', 'diagnostics', 'translation-mismatch');
    const loaded = loadCourse(fixture, loadProject(fixture));
    expect(loaded.course).toBeNull();
    expect(loaded.translations).toBeUndefined();
  });

  it('notices edits to translation files through the course cache', () => {
    const project = loadProject(root);
    expect(loadCourseCached(dir, project).translations![0]!.title).toBe('Electrical Safety Basics');
    const yml = path.join(dir, 'translations', 'en', 'course.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace('Electrical Safety Basics', 'Basic Electrical Safety'));
    expect(loadCourseCached(dir, project).translations![0]!.title).toBe('Basic Electrical Safety');
  });
});

describe('translate export and import', () => {
  const xlf = () => path.join(root, 'bilingual-course.en.xlf');
  const exportEnglish = () => translateExport({ root, course: dir, language: 'en', out: xlf(), color: false });

  it('round-trips: importing the exported file into an empty translation reproduces it', async () => {
    const before = filesOf(path.join(dir, 'translations'));
    expect(await exportEnglish()).toBe(0);
    const doc = await readXliff(readFileSync(xlf(), 'utf8'));
    expect(doc).toMatchObject({ course: 'bilingual-course', sourceLanguage: 'zh-CN', targetLanguage: 'en' });
    expect(doc.units.map((u) => u.id)).toEqual([
      'course:title', 'course:summary', 'course:occupation', 'course:certificate.name', 'course:certificate.level', 'course:certificate.issuer',
      'lesson:basics', 'lesson:first-aid', 'bank:safety',
      'question:cut-power', 'question:first-step', 'question:safety-measures', 'question:mains-voltage', 'question:rescue-order',
    ]);
    expect(doc.units.every((u) => u.target !== undefined && u.state === 'translated')).toBe(true);
    expect(doc.units.find((u) => u.id === 'question:first-step')!.source).toContain('- [x] 切断电源');

    rmSync(path.join(dir, 'translations'), { recursive: true });
    expect(await translateImport({ root, file: xlf(), color: false })).toBe(0);
    expect(filesOf(path.join(dir, 'translations'))).toEqual(before);
    expect(await rulesOf()).toEqual([]);
  });

  it('keeps texts the XLIFF writer would otherwise change (ampersands, entities, markup)', async () => {
    const units = [{ id: 'lesson:a', source: 'AT&amp;T & <b>bold</b> &nbsp; "q"', target: '  indented\n\n- [x] kept  ', state: 'translated' as const }, { id: 'lesson:b', source: 'plain' }];
    const doc = await readXliff(await writeXliff({ course: 'c', sourceLanguage: 'zh-CN', targetLanguage: 'en', units }));
    expect(doc.units).toEqual(units);
  });

  it('makes a translation of an edited source out of date, and mark records it as current', async () => {
    expect(await exportEnglish()).toBe(0);
    const lesson = path.join(dir, 'lessons', '02-first-aid.md');
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('再施救。', '再施救，并拨打急救电话。'));
    // The translator worked from the exported (older) source: importing records that source.
    expect(await translateImport({ root, file: xlf(), color: false })).toBe(0);
    expect(await rulesOf()).toEqual(['courses/bilingual-course/translations/en/lessons/02-first-aid.md:1 translation-outdated']);

    // Exported again, the out-of-date text is `initial`; importing it unconfirmed keeps it out of date.
    expect(await exportEnglish()).toBe(0);
    const doc = await readXliff(readFileSync(xlf(), 'utf8'));
    expect(doc.units.filter((u) => u.state === 'initial').map((u) => u.id)).toEqual(['lesson:first-aid']);
    expect(doc.units.find((u) => u.id === 'lesson:first-aid')!.source).toContain('拨打急救电话');
    expect(await translateImport({ root, file: xlf(), color: false })).toBe(0);
    expect(await rulesOf()).toEqual(['courses/bilingual-course/translations/en/lessons/02-first-aid.md:1 translation-outdated']);

    // The translation is brought up to date by hand, then marked.
    const translated = path.join(dir, 'translations', 'en', 'lessons', '02-first-aid.md');
    writeFileSync(translated, readFileSync(translated, 'utf8').replace('then help them.', 'then help them and call an ambulance.'));
    expect(await rulesOf()).toEqual(['courses/bilingual-course/translations/en/lessons/02-first-aid.md:1 translation-outdated']);
    expect(await translateMark({ root, course: dir, language: 'en', color: false })).toBe(0);
    expect(await rulesOf()).toEqual([]);
  });

  it('refuses an XLIFF file whose translation changes an answer key, and writes nothing', async () => {
    expect(await exportEnglish()).toBe(0);
    const before = filesOf(path.join(dir, 'translations'));
    const xml = readFileSync(xlf(), 'utf8');
    const changed = xml.replace('- [ ] Pull the person away\n- [x] Cut the power', '- [x] Pull the person away\n- [ ] Cut the power');
    expect(changed).not.toBe(xml);
    writeFileSync(xlf(), changed);
    expect(await translateImport({ root, file: xlf(), color: false })).toBe(1);
    const printed = output.join('');
    expect(printed).toContain('translation-mismatch');
    expect(printed).toContain('question "first-step" differs from its source');
    expect(printed).toContain('nothing written');
    expect(filesOf(path.join(dir, 'translations'))).toEqual(before);
  });

  it('reports units without a target and writes the rest', async () => {
    rmSync(path.join(dir, 'translations'), { recursive: true });
    expect(await exportEnglish()).toBe(0);
    const doc = await readXliff(readFileSync(xlf(), 'utf8'));
    expect(doc.units.some((u) => u.target !== undefined)).toBe(false);
    const units = doc.units.map((u) => (u.id === 'course:title' ? { ...u, target: 'Electrical Safety Basics', state: 'translated' as const } : u));
    writeFileSync(xlf(), await writeXliff({ ...doc, units }));
    expect(await translateImport({ root, file: xlf(), color: false })).toBe(0);
    expect(output.join('')).toContain('no target, left out: course:summary');
    expect(readFileSync(path.join(dir, 'translations', 'en', 'course.yml'), 'utf8')).toBe('title: Electrical Safety Basics\n');
    const rules = await rulesOf();
    expect(rules).toContain('courses/bilingual-course/lessons/01-basics.md:1 translation-missing');
    expect(rules).toContain('courses/bilingual-course/banks/01-safety.md:1 translation-missing');
  });

  it('never exports a file the course would not publish (a link to outside the course folder)', async () => {
    const secret = path.join(root, 'secret.md');
    writeFileSync(secret, '# Secret\n\nThe password is swordfish.\n');
    symlinkSync(secret, path.join(dir, 'lessons', '03-secret.md'));
    expect(await exportEnglish()).toBe(0);
    const xml = readFileSync(xlf(), 'utf8');
    expect(xml).toContain('<unit id="lesson:basics" ');
    expect(xml).not.toContain('swordfish');
  });

  it('never reads or writes through a link to outside the course (sources.json, a translation folder)', async () => {
    const victim = path.join(root, 'victim.txt');
    writeFileSync(victim, 'not yours\n');
    const sources = path.join(dir, 'translations', 'en', 'sources.json');
    rmSync(sources, { force: true });
    symlinkSync(victim, sources);
    // Read: not followed, so it cannot be read.
    expect(await rulesOf()).toContain('courses/bilingual-course/translations/en/sources.json:1 translation-outdated');
    // Written: the link is replaced by the course's own file; the file it led to is untouched.
    expect(await translateMark({ root, course: dir, language: 'en', color: false })).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('not yours\n');
    expect(statSync(sources).isFile()).toBe(true);
    expect(await rulesOf()).toEqual([]);

    // A translation folder that leads elsewhere receives nothing.
    expect(await exportEnglish()).toBe(0);
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'skillpack-elsewhere-'));
    const lessons = path.join(dir, 'translations', 'en', 'lessons');
    rmSync(lessons, { recursive: true });
    symlinkSync(elsewhere, lessons);
    await expect(translateImport({ root, file: xlf(), color: false })).rejects.toThrow(/leads outside the course folder/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('gives a translated question its source id when the heading has none', () => {
    expect(withQuestionId('## Pick one.\n\n- [x] A\n- [ ] B', 'q-1')).toBe('## Pick one. {#q-1}\n\n- [x] A\n- [ ] B');
    expect(withQuestionId('## Pick some. {type=multiple points=2}', 'q-2')).toBe('## Pick some. {#q-2 type=multiple points=2}');
    expect(withQuestionId('## Pick. {#own}', 'q-3')).toBe('## Pick. {#own}');
  });
});

describe('what of a text a translation must keep', () => {
  it('finds every link, image and ticked box, and skips texts whose links all stay in the page', async () => {
    const { htmlFacts } = await import('../src/course/translation-structure.js');
    expect(htmlFacts('<p>Text<sup><a href="#user-content-fn-1" id="x">1</a></sup></p>')).toEqual({ targets: [], checked: 0 });
    expect(htmlFacts('<p>See <a href="#/lesson/intro">the intro</a><sup><a href="#fn-1">1</a></sup></p>').targets).toEqual(['link #/lesson/intro']);
    expect(htmlFacts('<p><a href="#fn-1">1</a> <a href="https://example.cn/a?b=1&#x26;c=&#x22;2&#x22;">a</a></p>').targets).toEqual(['link https://example.cn/a?b=1&c="2"']);
    expect(htmlFacts('<p><img src="content/assets/a.svg" alt=""></p>').targets).toEqual(['image content/assets/a.svg']);
    expect(htmlFacts('<ul><li><input type="checkbox" checked disabled> 1 March</li></ul>').checked).toBe(1);
  });
});
