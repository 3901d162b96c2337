/**
 * An essay's limit (`max=`, characters) in the QTI export: `patternMask`, the check a response must
 * pass to be valid, an XML Schema regular expression (matched whole, counting characters);
 * `expectedLength` only sizes the box. Moodle XML writes none: its essay limits words, and no
 * number of words means a number of characters (README "Question banks in and out").
 */
import { describe, expect, it } from 'vitest';
import type { Question } from '../src/course/model.js';
import { assessmentItem } from '../src/targets/qti-items.js';

const essay = { id: 'overtime', type: 'essay', prompt: '<p>如何处理加班费投诉？</p>', promptText: '如何处理加班费投诉？', points: 0, feedback: {}, maxLength: 2000 } as unknown as Question;

describe('essay limit in QTI', () => {
  it('lets through at most max characters, line breaks and Chinese included', () => {
    const item = assessmentItem(essay, true, 'en');
    expect(item).toContain('expectedLength="2000"');
    const mask = /<extendedTextInteraction [^>]*patternMask="([^"]*)"/.exec(item)?.[1];
    expect(mask).toBeDefined();
    // As XML Schema reads it: the whole response must match, and a character is a code point.
    const valid = new RegExp(`^(?:${mask})$`, 'u');
    const text = '先核实考勤记录和工资发放记录，再约谈员工。\n'.repeat(100); // 2,200 characters
    expect(valid.test(text.slice(0, 2000))).toBe(true);
    expect(valid.test(`${text.slice(0, 1999)}\n`)).toBe(true);
    expect(valid.test(text.slice(0, 2001))).toBe(false);
    expect(valid.test('')).toBe(true);
  });
});
