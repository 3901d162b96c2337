/**
 * Number formats as a sheet shows a cell (src/import/number-formats.ts), and the bound on what a
 * hostile workbook can make the importer do with one.
 */
import { describe, expect, it } from 'vitest';
import { formatted } from '../src/import/number-formats.js';

describe('number formats', () => {
  it('show a number as the sheet does', () => {
    expect(formatted(0.25, '0%')).toBe('25%');
    expect(formatted(7, '000')).toBe('007');
    expect(formatted(2420, '"¥"#,##0.00')).toBe('¥2,420.00');
    expect(formatted(-5, '0;"负"0')).toBe('负5');
  });

  it('leave a format code longer than a spreadsheet program writes (255 characters) unread, at once', () => {
    // Splitting a code into its sections looks ahead to its end from every `;`: quadratic in its length.
    // Without the bound this call takes minutes (the test then fails on its timeout); with it, none.
    expect(formatted(1, `${';'.repeat(200_000)}"`)).toBeNull();
    expect(formatted(1, `0${' '.repeat(255)}`)).toBeNull();
    expect(formatted(1, `0${' '.repeat(254)}`)).toBe(`1${' '.repeat(254)}`);
  });
});
