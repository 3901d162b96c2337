/**
 * Question banks in and out, on a catalogue course: bank → spreadsheet rows → import →
 * Markdown → the same questions; model → QTI 2.1 and Moodle XML → read back → the same
 * keys; and with `exam.delivery: lms`, no player package holds a bank question's key.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { loadProject, type Project } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import type { Course, Question } from '../src/course/model.js';
import { importBank } from '../src/import/index.js';
import { moodleXml } from '../src/targets/moodle-xml.js';
import { TARGET_NAMES } from '../src/targets/names.js';
import { all, child, moodleKey, parseXml, qtiKey, type XmlElement } from './support/question-exports.js';
import { readZip, REPO } from './support/packages.js';
import { writeXlsx } from './support/xlsx-writer.js';

const COURSE = 'psychological-counsellor';
let root: string;
let project: Project;
let course: Course;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'skillpack-exports-'));
  cpSync(path.join(REPO, 'courses', COURSE), path.join(root, 'courses', COURSE), { recursive: true });
  project = loadProject(root);
  const loaded = loadCourse(path.join(root, 'courses', COURSE), project);
  expect(loaded.course).not.toBeNull();
  course = loaded.course!;
});

const bankQuestions = (c: Course) => c.banks.flatMap((b) => b.questions);

/** A question's key in words: what a learner must answer, by type. */
function keyOf(q: Question): unknown {
  switch (q.type) {
    case 'true-false': return q.answer;
    case 'single': case 'multiple': return q.choices.filter((c) => q.correct.includes(c.id)).map((c) => c.text);
    case 'fill-in': return q.answers;
    case 'numeric': return [q.min, q.max];
    case 'matching': return q.pairs.map(([s, t]) => [q.sources.find((x) => x.id === s)!.text, q.targets.find((x) => x.id === t)!.text]);
    case 'sequencing': return q.items.map((i) => i.text);
    case 'likert': return q.scale.map((s) => s.text);
    case 'essay': return null;
  }
}

describe('spreadsheet → Markdown', () => {
  const TYPE_NAMES: Record<Question['type'], string> = { 'true-false': '判断题', single: '单选题', multiple: '多选题', 'fill-in': '填空题', numeric: '数值', matching: '匹配', sequencing: '排序题', likert: '量表', essay: '简答题' };
  const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

  /** The spreadsheet row an institution would keep for a question. */
  function row(q: Question): Array<string | number> {
    let options: string[] = [];
    let answer = '';
    switch (q.type) {
      case 'true-false': answer = q.answer ? '√' : '×'; break;
      case 'single': case 'multiple':
        options = q.choices.map((c) => c.text);
        answer = q.choices.map((c, i) => (q.correct.includes(c.id) ? LETTERS[i] : '')).join('');
        break;
      case 'fill-in': answer = q.answers.join('|'); break;
      case 'numeric': answer = q.min === q.max ? String(q.min) : `${q.min}..${q.max}`; break;
      case 'matching':
        options = [...q.pairs.map(([s, t]) => `${q.sources.find((x) => x.id === s)!.text} -> ${q.targets.find((x) => x.id === t)!.text}`),
          ...q.targets.filter((t) => !q.pairs.some(([, p]) => p === t.id)).map((t) => `-> ${t.text}`)];
        break;
      case 'sequencing': {
        // Listed out of order, the answer gives the order back.
        const shown = [...q.items.slice(1), q.items[0]!];
        options = shown.map((i) => i.text);
        answer = q.items.map((i) => LETTERS[shown.indexOf(i)]).join('');
        break;
      }
      case 'likert': options = q.scale.map((s) => s.text); break;
      case 'essay': break;
    }
    const cells = Array.from({ length: 8 }, (_, i) => options[i] ?? '');
    return [q.id, TYPE_NAMES[q.type], q.promptText, ...cells, answer, q.feedback.explanation ? 'see the bank' : '', q.points];
  }

  it('gives back every bank of the course: ids, types, points and keys', async () => {
    expect(bankQuestions(course).length).toBeGreaterThan(100);
    for (const bank of course.banks) {
      expect(bank.questions.every((q) => [...(q.type === 'single' || q.type === 'multiple' ? q.choices : q.type === 'sequencing' ? q.items : q.type === 'matching' ? q.sources : [])].length <= 8)).toBe(true);
      // The bank's title is the spreadsheet's file name, as an institution's file would be named.
      const file = path.join(root, `${bank.title}.xlsx`);
      const header = ['编号', '题型', '题干', ...'ABCDEFGH'.split('').map((l) => `选项${l}`), '答案', '解析', '分值'];
      writeFileSync(file, writeXlsx({ [bank.id.slice(0, 31)]: [header, ...bank.questions.map(row)] }));
      const result = await importBank({ project, file, course: COURSE, bank: bank.id, force: true });
      expect(result.diagnostics.filter((d) => d.severity === 'error'), bank.id).toEqual([]);
    }
    const reloaded = loadCourse(path.join(root, 'courses', COURSE), project);
    expect(reloaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const summary = (c: Course) => c.banks.map((b) => [b.id, b.title, b.questions.map((q) => [q.id, q.type, q.points, keyOf(q)])]);
    expect(summary(reloaded.course!)).toEqual(summary(course));
  });
});

describe('QTI 2.1', () => {
  let entries: Map<string, Buffer>;
  beforeAll(async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'skillpack-qti-'));
    // The course as the spreadsheet round trip above left it (its banks re-imported), so the
    // chain spreadsheet → Markdown → QTI is checked against the original model's keys.
    const result = await build({ project, folders: [path.join(root, 'courses', COURSE)], targets: ['qti'], out });
    // The course's own language (its English translation has an export of its own, checked below).
    expect(result.packages.filter((p) => p.language === 'zh-CN').map((p) => p.file)).toEqual([`${COURSE}/${COURSE}-qti.zip`]);
    entries = await readZip(path.join(out, COURSE, `${COURSE}-qti.zip`));
  });
  const xml = (name: string) => parseXml(entries.get(name)!.toString('utf8'));

  it('lists one item resource per bank question and a test that depends on them, every file present', () => {
    const manifest = xml('imsmanifest.xml');
    expect(manifest.attributes.xmlns ?? 'http://www.imsglobal.org/xsd/imscp_v1p1').toBe('http://www.imsglobal.org/xsd/imscp_v1p1');
    const resources = all(manifest, 'resource');
    const items = resources.filter((r) => r.attributes.type === 'imsqti_item_xmlv2p1');
    const tests = resources.filter((r) => r.attributes.type === 'imsqti_test_xmlv2p1');
    expect(items.length).toBe(bankQuestions(course).length);
    expect(tests.length).toBe(1);
    for (const r of resources) for (const f of all(r, 'file')) expect(entries.has(f.attributes.href!), f.attributes.href).toBe(true);
    const ids = new Set(items.map((r) => r.attributes.identifier));
    expect(all(tests[0]!, 'dependency').map((d) => d.attributes.identifierref).every((id) => ids.has(id))).toBe(true);
    expect([...entries.keys()].filter((name) => !resources.some((r) => all(r, 'file').some((f) => f.attributes.href === name))).sort()).toEqual(['imsmanifest.xml']);
  });

  it('builds the test from the exam\'s draws: one section per draw, selection and shuffle', () => {
    const testFile = [...entries.keys()].find((n) => n.startsWith('tests/'))!;
    const test = xml(testFile);
    const sections = all(test, 'assessmentSection');
    expect(sections.map((s) => Number(child(s, 'selection')!.attributes.select))).toEqual(course.exam!.draws.map((d) => d.count));
    expect(sections.every((s) => child(s, 'ordering')!.attributes.shuffle === String(course.exam!.shuffleQuestions))).toBe(true);
    for (const [i, draw] of course.exam!.draws.entries()) {
      const bank = course.banks.find((b) => b.id === draw.bank)!;
      const refs = all(sections[i]!, 'assessmentItemRef');
      expect(refs.map((r) => r.attributes.identifier)).toEqual(bank.questions.filter((q) => q.points > 0).map((q) => `item-${q.id}`));
      for (const ref of refs) expect(entries.has(path.posix.join(path.posix.dirname(testFile), ref.attributes.href!))).toBe(true);
      for (const [k, q] of bank.questions.entries()) expect(child(refs[k]!, 'weight')?.attributes.value ?? '1').toBe(String(q.points));
    }
  });

  it('carries every question\'s key, read back from the items', () => {
    for (const q of bankQuestions(course)) {
      const item = xml(`items/item-${q.id}.xml`);
      const key = qtiKey(item);
      expect(key.id).toBe(q.id);
      const expected: Record<Question['type'], () => [string, string[]]> = {
        'true-false': () => ['choiceInteraction:single', [q.type === 'true-false' && q.answer ? 'true' : 'false']],
        single: () => ['choiceInteraction:single', q.type === 'single' ? q.correct.map((c) => `C${c}`) : []],
        multiple: () => ['choiceInteraction:multiple', q.type === 'multiple' ? q.correct.map((c) => `C${c}`) : []],
        'fill-in': () => ['textEntryInteraction:single', q.type === 'fill-in' ? q.answers : []],
        numeric: () => ['textEntryInteraction:single', q.type === 'numeric' ? [String(q.min), String(q.max)] : []],
        matching: () => ['matchInteraction:multiple', q.type === 'matching' ? q.pairs.map(([s, t]) => `S${s} T${t}`) : []],
        sequencing: () => ['orderInteraction:ordered', q.type === 'sequencing' ? q.items.map((i) => `C${i.id}`) : []],
        likert: () => ['choiceInteraction:single', []],
        essay: () => ['extendedTextInteraction:single', []],
      };
      const [kind, values] = expected[q.type]();
      expect([key.kind, key.key], q.id).toEqual([kind, values]);
      // The choices the key names read as the course's options.
      if (q.type === 'single' || q.type === 'multiple') {
        const choices = all(item, 'simpleChoice');
        expect(q.correct.map((c) => choices.find((x) => x.attributes.identifier === `C${c}`)!.text), q.id).toEqual(q.choices.filter((c) => q.correct.includes(c.id)).map((c) => c.text));
      }
    }
  });
});

describe('Moodle XML', () => {
  let quiz: XmlElement;
  beforeAll(async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'skillpack-moodle-'));
    const result = await build({ project, folders: [path.join(root, 'courses', COURSE)], targets: ['moodle-xml'], out });
    expect(result.packages.filter((p) => p.language === 'zh-CN').map((p) => p.file)).toEqual([`${COURSE}/${COURSE}-moodle.xml`]);
    quiz = parseXml(readFileSync(path.join(out, COURSE, `${COURSE}-moodle.xml`), 'utf8'));
  });

  it('has a category per bank and every question under it, with its points and key', () => {
    expect(quiz.name).toBe('quiz');
    const categories = quiz.children.filter((q) => q.attributes.type === 'category').map((q) => child(child(q, 'category')!, 'text')!.text);
    expect(categories).toEqual(course.banks.map((b) => `$course$/top/${course.title}/${b.title}`));
    const questions = quiz.children.filter((q) => q.attributes.type !== 'category');
    expect(questions.map((q) => child(q, 'idnumber')!.text)).toEqual(bankQuestions(course).map((q) => q.id));
    const TYPES: Record<Question['type'], string> = { 'true-false': 'truefalse', single: 'multichoice', multiple: 'multichoice', 'fill-in': 'shortanswer', numeric: 'numerical', matching: 'matching', sequencing: 'ordering', likert: '', essay: 'essay' };
    for (const [i, q] of bankQuestions(course).entries()) {
      const element = questions[i]!;
      const key = moodleKey(element);
      expect(key.kind, q.id).toBe(TYPES[q.type]);
      expect(Number(child(element, 'defaultgrade')!.text), q.id).toBe(q.points);
      const expected = q.type === 'true-false' ? [String(q.answer)]
        : q.type === 'single' || q.type === 'multiple' ? q.choices.filter((c) => q.correct.includes(c.id)).map((c) => c.html)
        : q.type === 'fill-in' ? q.answers.map((a) => a.replace(/\*/g, '\\*'))
        : q.type === 'numeric' ? [String(q.min), String(q.max)]
        : q.type === 'matching' ? q.pairs.map(([s, t]) => `${q.sources.find((x) => x.id === s)!.html} -> ${q.targets.find((x) => x.id === t)!.text}`)
        : q.type === 'sequencing' ? q.items.map((item) => item.html) : [];
      expect(key.key, q.id).toEqual(expected);
      if (q.type === 'multiple') {
        const fractions = element.children.filter((c) => c.name === 'answer').map((a) => Number(a.attributes.fraction));
        expect(fractions.filter((f) => f > 0).reduce((a, b) => a + b, 0), q.id).toBeCloseTo(100, 3);
        expect(fractions.filter((f) => f <= 0).every((f) => f === -100), q.id).toBe(true);
      }
      if (q.type === 'fill-in') expect(child(element, 'usecase')!.text).toBe(q.caseSensitive ? '1' : '0');
    }
  });

  it('reports a likert question as unmappable instead of dropping it silently', async () => {
    const likert: Question = { id: 'confidence', type: 'likert', prompt: '<p>How confident?</p>', promptText: 'How confident?', points: 0, feedback: {}, scale: [{ id: '1', html: 'Low', text: 'Low' }, { id: '2', html: 'High', text: 'High' }] };
    const result = await moodleXml.build({ ...course, banks: [{ id: 'survey', title: 'Survey', questions: [likert] }] }, () => null);
    expect(result.diagnostics.map((d) => [d.rule, d.severity, d.message])).toEqual([['export-unmappable', 'warning', `question "confidence" is a likert question, which Moodle's question bank has no type for: it is not in ${COURSE}-moodle.xml`]]);
    expect(String(result.entries[0]!.data)).not.toContain('How confident?');
  });
});

describe('exam.delivery: lms', () => {
  /** Every file of every package (zips unpacked, the web folder read) as text. */
  async function packageTexts(out: string): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    const walk = async (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) await walk(file);
        else if (name.endsWith('.zip')) for (const [entry, data] of await readZip(file)) texts.set(`${path.relative(out, file)}!${entry}`, data.toString('utf8'));
        else texts.set(path.relative(out, file), readFileSync(file, 'utf8'));
      }
    };
    await walk(path.join(out, COURSE));
    return texts;
  }

  /** The texts that would give a bank question away: its id, its prompt, its correct answers (not those the lessons teach anyway). */
  function giveaways(c: Course): Array<{ id: string; text: string }> {
    const lessons = JSON.stringify(c.lessons);
    const answers = (q: Question): string[] => {
      const key = keyOf(q);
      return Array.isArray(key) ? key.flat().map(String) : [];
    };
    return bankQuestions(c).flatMap((q) => [`"${q.id}"`, q.promptText, ...answers(q)].filter((t) => t.length > 1 && !lessons.includes(t)).map((text) => ({ id: q.id, text })));
  }

  const found = (texts: Map<string, string>, text: string) => [...texts.entries()].filter(([, body]) => body.includes(text) || body.includes(JSON.stringify(text).slice(1, -1))).map(([file]) => file);

  it('keeps every bank question and its key out of every player package, and ships the exam as the exports', async () => {
    const folder = path.join(root, 'courses', `${COURSE}-lms`);
    cpSync(path.join(REPO, 'courses', COURSE), folder, { recursive: true });
    const yml = readFileSync(path.join(folder, 'course.yml'), 'utf8');
    expect(yml).toMatch(/^exam:\n/m);
    writeFileSync(path.join(folder, 'course.yml'), yml.replace(/^id: .*$/m, `id: ${COURSE}`).replace(/^exam:\n/m, 'exam:\n  delivery: lms\n'));
    const out = mkdtempSync(path.join(tmpdir(), 'skillpack-lms-'));
    const result = await build({ project, folders: [folder], targets: TARGET_NAMES, lmsExports: true, out });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const lmsCourse = result.courses[0]!.course!;
    const editions = [lmsCourse, ...(result.courses[0]!.translations ?? [])];
    // Every language edition (the course and its translations) gets every target and both exports.
    for (const edition of editions) {
      expect(result.packages.filter((p) => p.language === edition.language).map((p) => p.target).sort(), edition.language).toEqual([...TARGET_NAMES, 'qti', 'moodle-xml'].sort());
    }
    expect(result.packages).toHaveLength(editions.length * (TARGET_NAMES.length + 2));
    expect(lmsCourse.exam?.delivery).toBe('lms');
    expect(lmsCourse.completion).toBe('lessons');

    const texts = await packageTexts(out);
    // The runtime and the theme are built from no course at all (checked below to be the same
    // bytes as a player-delivered course's), so the search is over every file made from the course.
    const shared = (file: string) => /(runtime\/player\.(js|css)|theme\.css)$/.test(file);
    const players = new Map([...texts].filter(([file]) => !file.includes('-qti.zip') && !file.endsWith('-moodle.xml') && !shared(file)));
    expect(players.size).toBeGreaterThan(10);
    // The key in every language: a translated package must not leak it either.
    const secrets = editions.flatMap(giveaways);
    expect(secrets.length).toBeGreaterThan(editions.length * bankQuestions(lmsCourse).length);
    const leaks = secrets.map((s) => ({ ...s, files: found(players, s.text) })).filter((s) => s.files.length > 0);
    expect(leaks).toEqual([]);
    // The same course delivered by the player carries them: the search finds what it looks for.
    const control = mkdtempSync(path.join(tmpdir(), 'skillpack-player-'));
    await build({ project, folders: [path.join(REPO, 'courses', COURSE)], targets: ['scorm12'], out: control });
    const controlTexts = await packageTexts(control);
    for (const file of ['runtime/player.js', 'runtime/player.css', 'theme.css']) {
      expect(texts.get(`${COURSE}/${COURSE}-scorm12.zip!${file}`), file).toBe(controlTexts.get(`${COURSE}/${COURSE}-scorm12.zip!${file}`));
    }
    expect(secrets.filter((s) => found(controlTexts, s.text).length === 0)).toEqual([]);
    // And the exports carry the exam.
    const exports = new Map([...texts].filter(([file]) => file.includes('-qti.zip') || file.endsWith('-moodle.xml')));
    expect(secrets.filter((s) => s.text.startsWith('"')).every((s) => found(exports, s.text.slice(1, -1)).length > 0)).toBe(true);
  });
});

describe('every catalogue course', () => {
  it('exports well-formed QTI and Moodle XML, every listed file present and every question in both', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'skillpack-all-exports-'));
    const folders = readdirSync(path.join(REPO, 'courses')).sort().map((id) => path.join(REPO, 'courses', id));
    const result = await build({ project: loadProject(REPO), folders, targets: ['qti', 'moodle-xml'], out });
    const languages = result.courses.reduce((n, loaded) => n + 1 + (loaded.translations?.length ?? 0), 0);
    expect(result.packages.length).toBe(languages * 2);
    for (const loaded of result.courses) {
      const c = loaded.course!;
      const questions = bankQuestions(c);
      const entries = await readZip(path.join(out, c.id, `${c.id}-qti.zip`));
      const manifest = parseXml(entries.get('imsmanifest.xml')!.toString('utf8'));
      for (const href of all(manifest, 'file').map((f) => f.attributes.href!)) parseXml(entries.get(href)!.toString('utf8'));
      expect(all(manifest, 'resource').filter((r) => r.attributes.type === 'imsqti_item_xmlv2p1').length, c.id).toBe(questions.length);
      const quiz = parseXml(readFileSync(path.join(out, c.id, `${c.id}-moodle.xml`), 'utf8'));
      const exported = quiz.children.filter((q) => q.attributes.type !== 'category').map((q) => child(q, 'idnumber')!.text);
      const unmappable = result.diagnostics.filter((d) => d.rule === 'export-unmappable' && d.message.includes(`${c.id}-moodle.xml`)).length;
      expect(exported.length + unmappable, c.id).toBe(questions.length);
    }
  });
});

