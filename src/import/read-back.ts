/**
 * A problem the compiler finds when it reads an imported bank back, placed at the cell the line was
 * made from: an id, type or points attribute at that cell, an option at its option's cell, another
 * item of the answer list (an accepted answer, True or False) at the answer cell, the explanation at
 * its cell, and the rest of a question at its stem.
 */
import type { Field } from './columns.js';
import type { LineSource } from './markdown.js';
import { inline } from './markdown-text.js';
import type { RowOption } from './row-cells.js';

/**
 * The sheet column (1-based) a problem at this column of a line of the bank belongs to.
 * @param source what the line was made from (null: a blank line)
 * @param column the problem's column in the line
 * @param columns the field of each sheet column
 * @param options the row's options, in the order the question lists them
 */
export function readBackColumn(source: LineSource | null, column: number, columns: Array<Field | null>, options: RowOption[]): number {
  const columnOf = (field: Field) => columns.indexOf(field) + 1;
  const stem = columnOf('stem') || 1;
  if (!source || source.part === 'stem') return stem;
  if (source.part === 'explanation') return columnOf('explanation') || stem;
  if (source.part === 'heading') {
    // Its attributes are at its end: the last one that starts at or before the column.
    const attribute = source.attributes.filter((a) => a.column <= column).at(-1);
    return (attribute && columnOf(attribute.field)) || stem;
  }
  // An item is the option at its place when that reads as it (two options may read alike), else the option that
  // does (a sequencing question lists its steps in the answer's order), else the one at its place (a matching
  // pair is written in two parts); a question without options has its items from the answer cell.
  const { index, text } = source;
  const reads = (o: RowOption | undefined) => o !== undefined && inline(o.text) === text;
  const option = reads(options[index]) ? options[index] : (options.find(reads) ?? options[index]);
  return option?.column ?? (columnOf('answer') || stem);
}
