/**
 * Results that depend on a text alone (a bank's question sections, which fingerprint a
 * course's texts for its translations) are computed once per text, kept for the next
 * command, and are what computing them afresh gives.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';
import { parseLesson } from '../src/course/lessons.js';
import { forgetTextResults, MAX_RESULTS, PRUNE_SLACK, resultOfText, TEXT_RESULTS_DIR } from '../src/course/text-results.js';
import { bankSections } from '../src/course/translation-units.js';
import { REPO } from './support/packages.js';

const BANK = path.join(REPO, 'test', 'fixtures', 'courses', 'bilingual-course', 'banks', '01-safety.md');
const tick = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  delete process.env.SKILLPACK_NO_CACHE;
});

describe('results of a text', () => {
  it('are computed once per text, in this process and the next', async () => {
    const text = `a text of its own ${process.pid} ${Date.now()} ${Math.random()}`;
    let computed = 0;
    const length = (t: string) => {
      computed++;
      return { length: t.length };
    };
    expect(resultOfText('test-length', text, length)).toEqual({ length: text.length });
    expect(resultOfText('test-length', text, length)).toEqual({ length: text.length });
    expect(computed).toBe(1);
    await tick(); // kept on disk just after
    forgetTextResults(); // as the next command starts
    expect(resultOfText('test-length', text, length)).toEqual({ length: text.length });
    expect(computed).toBe(1);
    expect(resultOfText('test-length', `${text}!`, length)).toEqual({ length: text.length + 1 });
    expect(computed).toBe(2);
  });

  it('give a bank the sections a parse gives', async () => {
    const text = `${readFileSync(BANK, 'utf8')}\n<!-- ${Date.now()} ${Math.random()} -->\n`;
    process.env.SKILLPACK_NO_CACHE = '1';
    const parsed = bankSections(text, BANK);
    expect([...parsed.questions.keys()]).toEqual(['cut-power', 'first-step', 'safety-measures', 'mains-voltage', 'rescue-order']);
    expect(parsed.questions.get('first-step')).toMatchObject({ place: { line: 13, column: 1 }, text: expect.stringMatching(/^## 发现有人触电.*\n> \*\*错误：\*\* 应先切断电源。$/s) });
    expect(parsed.header).toBe('---\ntitle: 安全用电题库\n---');
    delete process.env.SKILLPACK_NO_CACHE;
    bankSections(text, BANK);
    await tick();
    forgetTextResults();
    expect(bankSections(text, BANK)).toEqual(parsed);
  });

  it('give a lesson the id, title and frontmatter problems a parse gives, placed in the file it is read from', async () => {
    const marker = `${Date.now()} ${Math.random()}`;
    const text = `---\ntitle: 用电基础\nid: basics\nlevel: 3\n---\n\n# 用电基础\n\n${marker}\n`;
    const read = (display: string) => {
      const sink = new DiagnosticSink();
      const lesson = parseLesson(text, `/course/lessons/${display}`, display, { sink });
      return { id: lesson.id, title: lesson.title, body: lesson.body().children.map((n) => n.type), diagnostics: sink.items };
    };
    process.env.SKILLPACK_NO_CACHE = '1';
    const parsed = read('01-a.md');
    // Frontmatter with a problem is not used, but for its title: the id comes from the file's name.
    expect(parsed).toMatchObject({ id: 'a', title: '用电基础', body: ['heading', 'paragraph'] });
    expect(parsed.diagnostics.map((d) => [d.file, d.line, d.rule])).toEqual([['01-a.md', 4, 'schema-unknown-key']]);
    delete process.env.SKILLPACK_NO_CACHE;
    read('01-a.md');
    await tick();
    forgetTextResults();
    // From the kept result: the same lesson, its id from this file's name and its problem placed in this file.
    expect(resultOfText('lesson-head', text, () => {
      throw new Error('read again');
    })).toMatchObject({ title: '用电基础' });
    const kept = read('02-b.md');
    expect(kept).toEqual({ ...parsed, id: 'b', diagnostics: parsed.diagnostics.map((d) => ({ ...d, file: '02-b.md' })) });
  });

  it('keep "none" as an answer: a null result comes back as null in the next command, not worked out again', async () => {
    const text = `a text with no result ${process.pid} ${Date.now()} ${Math.random()}`;
    expect(resultOfText('test-none', text, () => null)).toBeNull();
    await tick();
    forgetTextResults();
    expect(resultOfText('test-none', text, () => {
      throw new Error('worked out again');
    })).toBeNull();
  });

  it('are not kept when the cache is off', async () => {
    const text = `another text ${process.pid} ${Date.now()} ${Math.random()}`;
    let computed = 0;
    const count = () => ++computed;
    process.env.SKILLPACK_NO_CACHE = '1';
    resultOfText('test-count', text, count);
    resultOfText('test-count', text, count);
    expect(computed).toBe(2);
    await tick();
    forgetTextResults();
    delete process.env.SKILLPACK_NO_CACHE;
    resultOfText('test-count', text, count);
    expect(computed).toBe(3);
  });

  it('are kept a file each, the newest of each kind once it grows too large', async () => {
    const kind = `test-prune-${process.pid}`;
    const dir = path.join(TEXT_RESULTS_DIR, kind);
    const texts = Array.from({ length: MAX_RESULTS + PRUNE_SLACK + 100 }, (_, i) => `text ${i} ${Math.random()}`);
    for (const text of texts) resultOfText(kind, text, (t) => t.length);
    await tick();
    expect(readdirSync(dir)).toHaveLength(texts.length); // a file per result, none pruned in the process that wrote them
    // The first 300 written are the oldest.
    const digest = (text: string) => createHash('sha256').update(text).digest('hex');
    for (const text of texts.slice(0, 300)) utimesSync(path.join(dir, `${digest(text)}.json`), 1_700_000_000, 1_700_000_000);
    forgetTextResults(); // the next command, which keeps one more
    resultOfText(kind, 'one more', (t) => t.length);
    await tick();
    const left = new Set(readdirSync(dir));
    expect(left.size).toBe(MAX_RESULTS + 1);
    expect(left.has(`${digest('one more')}.json`)).toBe(true);
    expect(texts.slice(0, 300).some((text) => left.has(`${digest(text)}.json`))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
