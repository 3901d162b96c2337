/**
 * Results that depend on a text alone (a bank's question sections, which fingerprint a
 * course's texts for its translations) are computed once per text, kept for the next
 * command, and are what computing them afresh gives.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetTextResults, resultOfText } from '../src/course/text-results.js';
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
});
