/**
 * What a course.yml declares, read leniently: a course.yml with problems elsewhere still names its
 * id and its language, so that a course with errors is listed under its id, a lesson of it is
 * drafted in its language, and the preview's workspace speaks the language of the courses it holds.
 */
import path from 'node:path';
import { parse } from 'yaml';
import type { Language } from '../languages/tags.js';
import { courseSchema } from './schema.js';
import { MAX_YAML_BYTES, readInside } from './source-file.js';

/** A course folder's course.yml text, when it can be read inside the folder (null otherwise). */
export const courseYmlText = (dir: string): string | null => readInside(path.join(dir, 'course.yml'), dir, MAX_YAML_BYTES);

/** A top-level field of a course.yml text (undefined when it has none, or the text is not YAML). */
export function declaredField(ymlText: string | null, name: string): unknown {
  try {
    const fields = ymlText === null ? null : (parse(ymlText) as Record<string, unknown> | null);
    return fields && typeof fields === 'object' ? fields[name] : undefined;
  } catch {
    return undefined; // not YAML
  }
}

/** The last text read for its language: the preview drafts a lesson at every save, with the same course.yml each time. */
let last: { text: string | null; language: Language | undefined } = { text: null, language: undefined };

/** The language a course.yml text names, when skillpack speaks it. */
export function declaredLanguage(ymlText: string | null): Language | undefined {
  if (ymlText === null) return undefined;
  if (ymlText !== last.text) {
    const language = courseSchema.shape.language.safeParse(declaredField(ymlText, 'language'));
    last = { text: ymlText, language: language.success ? language.data : undefined };
  }
  return last.language;
}
