/** The bilingual fixture course (Chinese source, English translation) as the translation tests use it. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { loadProject, type Project } from '../../src/course/config.js';
import { REPO } from './packages.js';

export const BILINGUAL_FIXTURE = path.join(REPO, 'test', 'fixtures', 'courses', 'bilingual-course');

/** A scratch project holding a copy of the fixture course (`dir`), and the project as loaded. */
export function copyBilingualCourse(prefix: string): { root: string; dir: string; project: Project } {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  const dir = path.join(root, 'courses', 'bilingual-course');
  cpSync(BILINGUAL_FIXTURE, dir, { recursive: true });
  return { root, dir, project: loadProject(root) };
}

/** A scratch project holding a copy of the fixture course, with what the commands print captured. */
export function scratchBilingualCourse(prefix: string): { root: string; dir: string; output: string[] } {
  const { root, dir } = copyBilingualCourse(prefix);
  const output: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    output.push(String(chunk));
    return true;
  });
  return { root, dir, output };
}

/** Undo scratchBilingualCourse. */
export function removeScratch(root: string): void {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
}

/** Every file under a folder: relative path to text. */
export function filesOf(folder: string): Record<string, string> {
  const names = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(path.join(folder, name)).isFile());
  return Object.fromEntries(names.sort().map((name) => [name.split(path.sep).join('/'), readFileSync(path.join(folder, name), 'utf8')]));
}
