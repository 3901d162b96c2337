/**
 * `skillpack translate import` of XLIFF files as translators' tools write them: every
 * segment and ignorable of a unit, annotations and paired codes kept, inline codes
 * refused at their place, units in groups, duplicate ids refused; nothing the
 * translator wrote is dropped without a word.
 */
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translateExport, translateImport, xliffLanguage } from '../src/commands/translate.js';
import { fingerprint } from '../src/course/translation-units.js';
import { readXliff, writeXliff } from '../src/translate/xliff.js';
import { filesOf, removeScratch, scratchBilingualCourse } from './support/bilingual.js';

let root: string;
let dir: string;
let output: string[];

beforeEach(() => {
  ({ root, dir, output } = scratchBilingualCourse('skillpack-translate-import-'));
});

afterEach(() => removeScratch(root));

/** An XLIFF file of the fixture course with these units (or groups) in its `<file>`. */
const xliff = (body: string, languages = 'srcLang="zh-CN" trgLang="en"') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" ${languages}>\n  <file id="bilingual-course">\n${body}\n  </file>\n</xliff>\n`;

/** `line:column` of the first occurrence of `needle` in `text`. */
function placeOf(text: string, needle: string, from = 0): string {
  const index = text.indexOf(needle, from);
  expect(index, needle).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, index).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

const sourceOf = (file: string) => readFileSync(path.join(dir, file), 'utf8').trim();
const translationOf = (file: string) => readFileSync(path.join(dir, 'translations', 'en', file), 'utf8');
const xlf = () => path.join(root, 'in.xlf');
const importFile = (text: string) => {
  writeFileSync(xlf(), text);
  return translateImport({ root, file: xlf(), color: false });
};

describe('reading XLIFF units', () => {
  it('joins every segment and ignorable of a unit, in order, source and target, and fingerprints the whole source', async () => {
    const source = sourceOf('lessons/02-first-aid.md');
    const cut = source.indexOf('\n\n');
    const [first, gap, second] = [source.slice(0, cut), '\n\n', source.slice(cut + 2)];
    const text = xliff(`    <unit id="lesson:first-aid">
      <segment state="translated"><source>${first}</source><target># First aid</target></segment>
      <ignorable><source>${gap}</source></ignorable>
      <segment state="initial"><source>${second}</source><target>Cut the power first.</target></segment>
    </unit>`);
    const doc = await readXliff(text);
    expect(doc.problems).toEqual([]);
    expect(doc.units).toEqual([{ id: 'lesson:first-aid', source, target: '# First aid\n\nCut the power first.', state: 'initial' }]);

    // Confirmed, it is imported whole, and what it was translated from is the whole source.
    expect(await importFile(text.replace('state="initial"', 'state="translated"'))).toBe(0);
    expect(translationOf('lessons/02-first-aid.md')).toBe('# First aid\n\nCut the power first.\n');
    expect(JSON.parse(translationOf('sources.json'))['lesson:first-aid']).toBe(fingerprint(source));
  });

  it('reads a unit of 150,000 segments, and a text of 200,000 character references (each once spread into one call, which overflowed the call stack)', async () => {
    const segments = Array.from({ length: 150_000 }, (_, i) => `<segment state="${i === 7 ? 'translated' : 'final'}"><source>字</source><target>a</target></segment>`).join('');
    const doc = await readXliff(xliff(`    <unit id="course:title">${segments}</unit>`));
    expect(doc.units[0]).toMatchObject({ source: '字'.repeat(150_000), target: 'a'.repeat(150_000), state: 'translated' });
    // And a target of 200,000 character references in one text (each starts a run of its place in the file).
    const references = await readXliff(xliff(`    <unit id="course:summary"><segment><source>字</source><target>${'&amp;'.repeat(200_000)}</target></segment></unit>`));
    expect(references.units[0]!.target).toBe('&'.repeat(200_000));
  });

  it('keeps the text of annotations and paired codes, and a <cp> that is a character', async () => {
    const doc = await readXliff(xliff(`    <unit id="course:title">
      <segment><source>安全用电基础</source><target><mrk id="m1" type="term" value="electrical">Electrical</mrk> <mrk id="m2" translate="no">Safety</mrk> <pc id="p1"><mrk id="m3" type="comment" value="check">Basics</mrk></pc><sm id="s1"/> for<em startRef="s1"/> all<cp hex="2122"/></target></segment>
    </unit>`));
    expect(doc.problems).toEqual([]);
    expect(doc.units[0]!.target).toBe('Electrical Safety Basics for all\u2122');
  });

  it('refuses inline codes and control characters at their line and column, and reads the other units', async () => {
    const text = xliff(`    <unit id="course:title">
      <segment><source>安全用电基础</source><target>Electrical <ph id="1"/>Safety</target></segment>
    </unit>
    <unit id="course:occupation">
      <segment><source>电工</source><target><sc id="1"/>Electrician<ec startRef="1"/></target></segment>
    </unit>
    <unit id="course:summary">
      <segment><source>学习安全用电的基本规则和触电急救。</source><target>Learn<cp hex="0007"/> safety.</target></segment>
    </unit>
    <unit id="course:certificate.level">
      <segment><source>五级</source><target>Level 5</target></segment>
    </unit>`);
    const doc = await readXliff(text);
    expect(doc.problems.map((p) => `${p.place.line}:${p.place.column} ${p.rule}`)).toEqual([
      `${placeOf(text, '<ph')} xliff-inline-code`,
      `${placeOf(text, '<sc')} xliff-inline-code`,
      `${placeOf(text, '<ec')} xliff-inline-code`,
      `${placeOf(text, '<cp')} xliff-inline-code`,
    ]);
    expect(doc.problems[3]!.message).toContain('control character U+0007');
    expect(doc.units.map((u) => u.id)).toEqual(['course:certificate.level']);

    // Imported, every problem is reported at once at its place in the XLIFF file, and nothing is written.
    const before = filesOf(path.join(dir, 'translations'));
    expect(await importFile(text)).toBe(1);
    const printed = output.join('');
    expect(printed).toContain(`in.xlf:${placeOf(text, '<ph')}  error  <ph> (an inline code a translation tool added) in unit "course:title"`);
    expect(printed).toContain(`in.xlf:${placeOf(text, '<cp')}  error`);
    expect(printed).toContain('nothing written');
    expect(filesOf(path.join(dir, 'translations'))).toEqual(before);
  });

  it('reads units inside groups', async () => {
    const doc = await readXliff(xliff(`    <group id="g1">
      <group id="g2">
        <unit id="course:title"><segment><source>安全用电基础</source><target>Safety</target></segment></unit>
      </group>
      <unit id="course:occupation"><segment><source>电工</source><target>Electrician</target></segment></unit>
    </group>`));
    expect(doc.problems).toEqual([]);
    expect(doc.units.map((u) => [u.id, u.target])).toEqual([['course:title', 'Safety'], ['course:occupation', 'Electrician']]);
  });

  it('refuses a unit id used twice, a unit without an id, and a unit translated in part, at their places', async () => {
    const text = xliff(`    <unit id="course:title"><segment><source>安全用电基础</source><target>One</target></segment></unit>
    <unit id="course:title"><segment><source>安全用电基础</source><target>Two</target></segment></unit>
    <unit><segment><source>电工</source><target>Electrician</target></segment></unit>
    <unit id="course:summary"><segment><source>学习</source><target>Learn</target></segment><segment><source>安全用电。</source><target/></segment></unit>`);
    const doc = await readXliff(text);
    const second = text.indexOf('<unit id="course:title"', text.indexOf('<unit id="course:title"') + 1);
    expect(doc.problems.map((p) => `${p.place.line}:${p.place.column} ${p.rule}`)).toEqual([
      `${placeOf(text, '<unit id="course:title"', second)} xliff-unit-invalid`,
      `${placeOf(text, '<unit>')} xliff-unit-invalid`,
      `${placeOf(text, '<target/>')} xliff-unit-invalid`,
    ]);
    expect(doc.problems[0]!.message).toBe(`unit id "course:title" is used twice (first at line ${placeOf(text, '<unit').replace(':', ', column ')}): which of them is the translation cannot be told`);
    expect(doc.units.map((u) => [u.id, u.target])).toEqual([['course:title', 'One']]);
    expect(await importFile(text)).toBe(1);
    expect(output.join('')).toContain('nothing written');
  });

  it('refuses a DTD, a file that is not UTF-8 and one too large to read', async () => {
    await expect(readXliff(xliff('').replace('<xliff', '<!DOCTYPE xliff [<!ENTITY a "b">]>\n<xliff'))).rejects.toThrow(/declares a DTD/);
    writeFileSync(xlf(), Buffer.from([0x3c, 0xff, 0x3e]));
    await expect(translateImport({ root, file: xlf(), color: false })).rejects.toThrow(/not UTF-8 \(byte 0xff at offset 1\)/);
    truncateSync(xlf(), 64 * 1024 * 1024 + 1);
    await expect(translateImport({ root, file: xlf(), color: false })).rejects.toThrow(/over the 64 MB limit/);
  });
});

describe('units without a target', () => {
  it('keep the translation already there (course.yml texts, lessons, bank titles, questions) and say so', async () => {
    const before = filesOf(path.join(dir, 'translations', 'en'));
    expect(await translateExport({ root, course: dir, language: 'en', out: xlf(), color: false })).toBe(0);
    const doc = await readXliff(readFileSync(xlf(), 'utf8'));
    // A tool's unconfirmed segments: an empty target, or none.
    const empty = ['course:occupation', 'lesson:basics', 'question:first-step'];
    const none = ['course:certificate.level', 'bank:safety', 'question:rescue-order'];
    const units = doc.units.map(({ target, state, ...unit }) => (none.includes(unit.id) ? unit : { ...unit, target: empty.includes(unit.id) ? '' : target!, state: state! }));
    writeFileSync(xlf(), await writeXliff({ ...doc, units }));
    expect(readFileSync(xlf(), 'utf8')).toMatch(/<unit id="question:first-step"[^]*?<target\/?>(<\/target>)?\s*<\/segment>/);

    expect(await translateImport({ root, file: xlf(), color: false })).toBe(0);
    const after = filesOf(path.join(dir, 'translations', 'en'));
    expect(after['course.yml']).toContain('occupation: Electrician');
    expect(after['course.yml']).toContain('level: Level 5');
    expect(after['banks/01-safety.md']).toContain('{#first-step}');
    expect(after['banks/01-safety.md']).toContain('{#rescue-order');
    expect(after['banks/01-safety.md']).toContain('title: Electrical safety bank');
    expect(after['lessons/01-basics.md']).toBe(before['lessons/01-basics.md']);
    expect(JSON.parse(after['sources.json']!)).toEqual(JSON.parse(before['sources.json']!));
    expect(output.join('')).toContain('no target, kept the existing translation: course:occupation, course:certificate.level, lesson:basics, bank:safety, question:first-step, question:rescue-order\n');
    expect(output.join('')).not.toContain('left out');
  });
});

describe('an import refused for its errors', () => {
  it('places each problem in the XLIFF file, where the translator wrote it, with its frame from there', async () => {
    expect(await translateExport({ root, course: dir, language: 'en', out: xlf(), color: false })).toBe(0);
    const before = filesOf(path.join(dir, 'translations', 'en'));
    let text = readFileSync(xlf(), 'utf8');
    // A heading without its id (the import gives it back), then no option marked correct.
    text = text.replace('## Someone is being shocked: what is the first step? {#first-step}', '## Someone is being shocked: what is the first step?');
    text = text.replace('- [x] Cut the power', '- [ ] Cut the power');
    // A link to a file the course does not have, in a lesson.
    text = text.replace('Next lesson: [First aid for electric shock](02-first-aid.md).', 'Next lesson: [First aid](02-first-aid.md), and [the form](../assets/form.pdf).');
    // A title longer than course.yml allows.
    text = text.replace('<target>Electrical Safety Basics</target>', `<target>${'Long '.repeat(50)}</target>`);
    expect(await importFile(text)).toBe(1);
    expect(filesOf(path.join(dir, 'translations', 'en'))).toEqual(before);

    const printed = output.join('');
    const firstStep = text.indexOf('<unit id="question:first-step"');
    const optionPlace = placeOf(text, '- [ ] Pull the person away', firstStep);
    expect(printed).toMatch(new RegExp(`in\\.xlf:${optionPlace}  error  no option is marked correct .*\\(unit "question:first-step"; courses/bilingual-course/translations/en/banks/01-safety\\.md:\\d+:1 once imported\\)  choice-no-correct`));
    expect(printed).toContain(`> ${optionPlace.split(':')[0]} | - [ ] Pull the person away`);
    const linkPlace = placeOf(text, '[the form]');
    expect(printed).toMatch(new RegExp(`in\\.xlf:${linkPlace}  error  link target "assets/form\\.pdf" does not exist \\(unit "lesson:basics"; courses/bilingual-course/translations/en/lessons/01-basics\\.md:\\d+:\\d+ once imported\\)  missing-file`));
    expect(printed).toContain(`> ${linkPlace.split(':')[0]} | Next lesson: [First aid](02-first-aid.md), and [the form](../assets/form.pdf).`);
    const titlePlace = placeOf(text, `${'Long '.repeat(50)}</target>`);
    expect(printed).toMatch(new RegExp(`in\\.xlf:${titlePlace}  error  .*\\(unit "course:title"; courses/bilingual-course/translations/en/course\\.yml:1:\\d+ once imported\\)`));
    // Nothing points into the translation files put back.
    expect(printed).not.toMatch(/^courses\/bilingual-course\/translations\/en\/\S+:\d+:\d+ +error/m);
  });
});

describe('attribute blocks', () => {
  it('refuses a {#id} a translator moved from the end of a question heading, at its place in the XLIFF file', async () => {
    expect(await translateExport({ root, course: dir, language: 'en', out: xlf(), color: false })).toBe(0);
    const before = filesOf(path.join(dir, 'translations', 'en'));
    const text = readFileSync(xlf(), 'utf8')
      .replace('## Someone is being shocked: what is the first step? {#first-step}', '## {#first-step} Someone is being shocked: what is the first step?')
      .replace('### What must you do before any repair? {.practice #basics-check}', '### {.practice #basics-check} What must you do before any repair?');
    expect(await importFile(text)).toBe(1);
    const printed = output.join('');
    expect(printed).toContain(`in.xlf:${placeOf(text, '{#first-step} Someone')}  error  the attribute block {#first-step} is not at the end of its heading`);
    expect(printed).toContain(`in.xlf:${placeOf(text, '{.practice #basics-check} What')}  error  the attribute block {.practice #basics-check} is not at the end of its heading`);
    expect(printed).toContain('nothing written');
    expect(filesOf(path.join(dir, 'translations', 'en'))).toEqual(before);
  });
});

describe('language tags', () => {
  const unit = '    <unit id="course:title"><segment><source>安全用电基础</source><target>Safety</target></segment></unit>';

  it('reads them case-insensitively, and a region or script of a supported language as that language, with a warning', async () => {
    expect(await importFile(xliff(unit, 'srcLang="zh-cn" trgLang="en-US"'))).toBe(0);
    const printed = output.join('');
    expect(printed).toContain('in.xlf:2:1  warning  trgLang="en-US" is read as en, the language skillpack supports  xliff-language');
    expect(printed).not.toContain('srcLang="zh-cn" is read');
    expect(translationOf('course.yml')).toContain('title: Safety');
    expect(['en', 'EN', 'en-GB', 'en-Latn-US', 'zh-CN', 'zh', 'zh-Hans', 'zh-Hans-CN', 'zh-SG'].map((tag) => xliffLanguage(tag)?.language)).toEqual(['en', 'en', 'en', 'en', 'zh-CN', 'zh-CN', 'zh-CN', 'zh-CN', 'zh-CN']);
    expect(['zh-TW', 'zh-Hant', 'zh-Hant-HK', 'fr', 'english', ''].map((tag) => xliffLanguage(tag))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('refuse a language skillpack does not support, naming the attribute and its place', async () => {
    await expect(importFile(xliff(unit, 'srcLang="zh-CN" trgLang="zh-TW"'))).rejects.toThrow(`${xlf()}:2:1: trgLang="zh-TW" is not a language skillpack supports (en, zh-CN)`);
    await expect(importFile(xliff(unit, 'srcLang="en" trgLang="en-US"'))).rejects.toThrow(`${xlf()}:2:1: srcLang="en" says the file translates from en, but the course is written in zh-CN`);
    await expect(importFile(xliff(unit, 'srcLang="zh-CN" trgLang="zh-Hans"'))).rejects.toThrow(`${xlf()}:2:1: trgLang="zh-Hans" is the course's own language`);
  });
});
