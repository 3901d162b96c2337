/**
 * Where a model's questions were written (questionOrigin), kept beside a JSON copy of the model:
 * a copy's objects are new, so the places that diagnostics about a question need (an export's
 * warning at the question's line) are written down by each object's number and given back to
 * the copy's objects. Used by the file results and the course cache.
 */
import { questionOrigin } from './question-origin.js';

type Origin = NonNullable<ReturnType<typeof questionOrigin.get>>;
/** [the object's number in eachObject's walk, its origin]. */
export type KeptOrigins = Array<[number, Origin]>;

/** Each object (not array) of plain data, numbered in the order visited (the same for a value and its JSON copy). */
function eachObject(value: unknown, visit: (object: object, number: number) => void): void {
  let count = 0;
  const walk = (item: unknown): void => {
    if (typeof item !== 'object' || item === null) return;
    if (Array.isArray(item)) {
      for (const element of item) walk(element);
      return;
    }
    visit(item, count++);
    for (const child of Object.values(item)) walk(child);
  };
  walk(value);
}

/** The origins of the questions in a value, to keep with its JSON. */
export function originsOf(value: unknown): KeptOrigins {
  const origins: KeptOrigins = [];
  eachObject(value, (object, number) => {
    const origin = questionOrigin.get(object as never);
    if (origin) origins.push([number, origin]);
  });
  return origins;
}

/** Give the questions of a value parsed from JSON the origins kept with it. */
export function restoreOrigins(value: unknown, kept: KeptOrigins): void {
  const origins = new Map(kept);
  eachObject(value, (object, number) => {
    const origin = origins.get(number);
    if (origin) questionOrigin.set(object as never, origin);
  });
}
