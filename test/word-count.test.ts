/** The catalogue's word count of a lesson: Latin words plus CJK characters, markup not counted. */
import { describe, expect, it } from 'vitest';
import { wordCount } from '../src/course/facts.js';

describe('wordCount', () => {
  it('counts Latin words, each CJK character, and nothing of tags or entities', () => {
    expect(wordCount('<p>Hello, world&nbsp;again</p>')).toBe(3);
    expect(wordCount('<p>劳动合同</p>')).toBe(4);
    expect(wordCount('<p>签订dispute-free合同 it’s 2024年</p>')).toBe(2 + 1 + 2 + 1 + 1 + 1);
    expect(wordCount('<a href="x&amp;y" title="many words here">链接</a>')).toBe(2);
    expect(wordCount('<p>A&amp;B</p>')).toBe(2);
    expect(wordCount('')).toBe(0);
    // Called again, the same answer (the word pattern is global and keeps its position).
    expect(wordCount('<p>Hello, world&nbsp;again</p>')).toBe(3);
  });
});
