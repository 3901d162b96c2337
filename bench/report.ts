/**
 * The printed table: one row per figure with median, min, max, the number of
 * runs and, where there is one, the target with ✓ or ✗.
 */
import type { Stat } from './measure.js';

/** A target a figure must stay under. */
export interface Target {
  /** Stable name for the JSON ("catalogue.wall"), so runs can be compared. */
  id: string;
  /** The limit, in the figure's own unit. */
  below: number;
  /** How the limit prints ("3 s", "250 MB"). */
  text: string;
}

export interface Row {
  /** Section title rows have no figure. */
  label: string;
  stat?: Stat;
  /** A single value (sizes, ratios): printed in the median column. */
  value?: number;
  format?: (n: number) => string;
  target?: Target;
  /** Printed after the target column. */
  note?: string;
}

export interface CheckedTarget {
  id: string;
  figure: string;
  value: number;
  below: number;
  text: string;
  pass: boolean;
}

/** Whether a row meets its target (its median, or its value). */
export function checkTarget(row: Row): CheckedTarget | null {
  if (!row.target) return null;
  const value = row.stat?.median ?? row.value;
  if (value === undefined) return null;
  return { id: row.target.id, figure: row.label.trim(), value, below: row.target.below, text: row.target.text, pass: value < row.target.below };
}

/**
 * Lay out rows as a plain-text table.
 * @param rows sections and figures, in order
 * @param color ANSI colour for ✓ and ✗
 */
export function formatTable(rows: Row[], color: boolean): string {
  const paint = (code: number, s: string) => (color ? `\x1b[${code}m${s}\x1b[39m` : s);
  const cells = rows.map((row) => {
    if (!row.stat && row.value === undefined) return null;
    const f = row.format ?? String;
    const checked = checkTarget(row);
    return [
      row.label,
      f(row.stat?.median ?? row.value!),
      row.stat ? f(row.stat.min) : '',
      row.stat ? f(row.stat.max) : '',
      row.stat ? String(row.stat.n) : '',
      checked ? `< ${checked.text}` : '',
      checked ? (checked.pass ? paint(32, '✓') : paint(31, '✗')) : '',
      row.note ?? '',
    ];
  });
  const header = ['', 'median', 'min', 'max', 'n', 'target', '', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c ? visible(c[i]!).length : 0))));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i === 0 || i >= 5 ? cell + ' '.repeat(widths[i]! - visible(cell).length) : ' '.repeat(widths[i]! - visible(cell).length) + cell))
      .join('  ')
      .trimEnd();
  const out = [line(header)];
  rows.forEach((row, i) => out.push(cells[i] ? line(cells[i]!) : `${out.length > 1 ? '\n' : ''}${row.label}`));
  return out.join('\n');
}

const visible = (s: string) => s.replace(/\x1b\[\d+m/g, '');
