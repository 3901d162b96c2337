/**
 * Catalogues to measure: a copy of the project's courses in a scratch project
 * (so the preview's edits never touch the real sources), and the same catalogue
 * grown `copies` times by copying every course with a new id.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { courseFolders } from '../src/catalogue.js';
import { checkCourses } from '../src/commands/check.js';
import { CONFIG_FILE, loadProject } from '../src/course/config.js';

export interface CatalogueCopy {
  /** Project folder (skillpack.config.yml and courses/). */
  root: string;
  /** Absolute course folders, sorted by folder name (the preview opens the first). */
  courses: string[];
  /** Times each real course appears. */
  copies: number;
  /** Bytes of Markdown (lessons and banks) in the catalogue. */
  markdownBytes: number;
}

/** A copy's course id: the original for the first copy, `<id>-copy<n>` for the others. */
export const copyId = (id: string, n: number) => (n === 1 ? id : `${id}-copy${n}`);

/**
 * Copy `source`'s catalogue into `dest`, every course `copies` times under new ids.
 * @param source project folder of the real catalogue
 * @param dest scratch project folder (replaced)
 * @param copies how many times each course appears (1 = a plain copy)
 * @param exclude course folder names to leave out
 */
export function copyCatalogue(source: string, dest: string, copies: number, exclude: ReadonlySet<string> = new Set()): CatalogueCopy {
  const project = loadProject(source);
  rmSync(dest, { recursive: true, force: true });
  const coursesDir = path.join(dest, 'courses');
  mkdirSync(coursesDir, { recursive: true });
  const config = path.join(project.root, CONFIG_FILE);
  if (existsSync(config)) {
    // Same settings, courses always in courses/ and output never in the real dist/.
    const text = readFileSync(config, 'utf8').replace(/^courses:.*$/m, 'courses: courses').replace(/^out:.*$/m, 'out: dist');
    writeFileSync(path.join(dest, CONFIG_FILE), text);
  }
  const written: string[] = [];
  for (const dir of courseFolders(project)) {
    const id = path.basename(dir);
    if (exclude.has(id)) continue;
    for (let n = 1; n <= copies; n++) {
      const target = path.join(coursesDir, copyId(id, n));
      cpSync(dir, target, { recursive: true });
      if (n > 1) {
        const yml = path.join(target, 'course.yml');
        const text = readFileSync(yml, 'utf8');
        if (!/^id:\s*\S/m.test(text)) throw new Error(`${yml} has no top-level id: the bench cannot give its copies new ids`);
        writeFileSync(yml, text.replace(/^id:.*$/m, `id: ${copyId(id, n)}`));
        // Each copy's Markdown differs (by blank lines at the end, which change nothing it says), so
        // no cache or memo keyed by a file's text answers a copy with its original's work.
        for (const file of readdirRecursive(target)) if (file.endsWith('.md')) writeFileSync(file, `${readFileSync(file, 'utf8')}${'\n'.repeat(n - 1)}`);
      }
      written.push(target);
    }
  }
  written.sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
  return { root: dest, courses: written, copies, markdownBytes: written.reduce((sum, dir) => sum + markdownBytes(dir), 0) };
}

/** Markdown bytes of a course folder (lessons and banks). */
export function markdownBytes(dir: string): number {
  let total = 0;
  for (const sub of ['lessons', 'banks']) {
    const folder = path.join(dir, sub);
    if (!existsSync(folder)) continue;
    for (const entry of readdirRecursive(folder)) if (entry.endsWith('.md')) total += readFileSync(entry).length;
  }
  return total;
}

function readdirRecursive(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * Course folders of a project that `skillpack check` finds errors in (a course being
 * edited may be broken for a while; the build would leave it out and fail).
 * @param root project folder
 */
export async function brokenCourses(root: string): Promise<string[]> {
  const project = loadProject(root);
  const { diagnostics } = await checkCourses(root);
  const coursesDir = path.resolve(project.root, project.config.courses);
  const broken = new Set<string>();
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    const relative = path.relative(coursesDir, path.resolve(project.root, d.file));
    const folder = relative.split(path.sep)[0];
    if (folder && !folder.startsWith('..')) broken.add(folder);
  }
  return [...broken].sort();
}
