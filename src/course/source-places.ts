/**
 * The place (line and column) of a character of an author's file, by its offset. The file's line
 * starts are indexed once (vfile-location) for all the places asked in it, so a check that
 * reports thousands of places in one file does not read the file again for each.
 */
import { location } from 'vfile-location';
import type { Place } from '../diagnostics/diagnostic.js';

/** The index of the file asked about last: the checks of one file ask one after another. */
let indexed: { source: string; toPoint: ReturnType<typeof location>['toPoint'] } | undefined;

/** Where the character at `offset` of `source` is (1-based line and column). */
export function placeAt(source: string, offset: number): Place {
  if (indexed?.source !== source) indexed = { source, toPoint: location(source).toPoint };
  const point = indexed.toPoint(offset);
  return point ? { line: point.line, column: point.column } : { line: 1, column: 1 };
}
