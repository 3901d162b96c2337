/**
 * Where `skillpack import` places a problem the compiler finds in the bank it made
 * (src/import/read-back.ts): at the cell the line was made from.
 */
import { describe, expect, it } from 'vitest';
import type { Field } from '../src/import/columns.js';
import { readBackColumn } from '../src/import/read-back.js';

const columns: Array<Field | null> = ['type', 'stem', 'option:A', 'option:B', 'option:C', 'answer', 'explanation', 'points', 'id'];
const option = (letter: string, text: string, column: number) => ({ letter, text, column });

describe('a read-back problem', () => {
  it('in the heading is at the cell of the attribute it is at, else at the stem', () => {
    const heading = { part: 'heading' as const, attributes: [{ field: 'id' as const, column: 12 }, { field: 'type' as const, column: 20 }, { field: 'points' as const, column: 32 }] };
    expect([1, 11, 12, 25, 32, 40].map((column) => readBackColumn(heading, column, columns, []))).toEqual([2, 2, 9, 1, 8, 8]);
  });

  it('in an answer list is at the option the item was made from, or at the answer cell', () => {
    const choices = [option('A', '书面', 3), option('B', '口头', 4), option('C', '书面', 5)];
    expect(readBackColumn({ part: 'item', index: 2, text: '书面' }, 7, columns, choices)).toBe(5);
    // A sequencing question lists its steps in the answer's order.
    expect(readBackColumn({ part: 'item', index: 0, text: '口头' }, 3, columns, choices)).toBe(4);
    // A matching pair is written in two parts.
    expect(readBackColumn({ part: 'item', index: 1, text: '乙 -> 二' }, 3, columns, [option('A', '甲 -> 一', 3), option('B', '乙 -> 二', 4)])).toBe(4);
    expect(readBackColumn({ part: 'item', index: 0, text: '书面形式' }, 3, columns, [])).toBe(6);
  });

  it('in the explanation is at its cell, and anywhere else at the stem', () => {
    expect(readBackColumn({ part: 'explanation' }, 3, columns, [])).toBe(7);
    expect(readBackColumn({ part: 'stem' }, 3, columns, [])).toBe(2);
    expect(readBackColumn(null, 1, columns, [])).toBe(2);
    expect(readBackColumn({ part: 'explanation' }, 3, ['type', 'stem', 'answer'], [])).toBe(2);
  });
});
