/**
 * The project configuration through a small content-hash cache: a command whose configuration
 * (and logo) did not change reads the checked result, with its diagnostics, instead of loading
 * the YAML parser and the schemas, which were most of a warm `check`'s start-up. The entry
 * holds the hash of every file the result was made from; any change, or a change to the
 * compiler, makes it read afresh (`SKILLPACK_NO_CACHE=1` turns the cache off).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, DiagnosticSink } from '../diagnostics/diagnostic.js';
import { CACHE_ROOT, pruneEntries, touch, writeWhole } from '../cache-files.js';
import { compilerVersion } from './cache.js';
import type { Project } from './config.js';

export const CONFIG_FILE = 'skillpack.config.yml';

export const PROJECTS_DIR = path.join(CACHE_ROOT, 'projects');
/** Entries kept (one per project folder; the most recently used). */
const MAX_PROJECTS = 256;

interface ProjectEntry {
  compiler: string;
  /** Every file the result depends on (absolute) with the hash of its bytes, null when it did not exist. */
  inputs: Array<[string, string | null]>;
  project: Project;
  diagnostics: Diagnostic[];
}

function fileHash(file: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

/** Read the project configuration at `root` (see config.ts's loadProject), from the cache when it is unchanged. */
export async function readProject(root: string, sink: DiagnosticSink): Promise<Project> {
  const absolute = path.resolve(root);
  const entryFile = path.join(PROJECTS_DIR, `${createHash('sha256').update(absolute).digest('hex').slice(0, 24)}.json`);
  const useCache = !process.env.SKILLPACK_NO_CACHE;
  if (useCache) {
    try {
      const entry = JSON.parse(readFileSync(entryFile, 'utf8')) as ProjectEntry;
      if (entry.compiler === compilerVersion() && entry.inputs.every(([file, hash]) => fileHash(file) === hash)) {
        touch(entryFile);
        sink.items.push(...entry.diagnostics);
        return entry.project;
      }
    } catch {
      // no entry yet, or an unreadable one: read afresh
    }
  }
  const { loadProject } = await import('./config.js');
  const before = sink.items.length;
  const files: string[] = [];
  const project = loadProject(absolute, sink, files);
  if (useCache) {
    const entry: ProjectEntry = { compiler: compilerVersion(), inputs: files.map((file) => [file, fileHash(file)]), project, diagnostics: sink.items.slice(before) };
    try {
      writeWhole(entryFile, JSON.stringify(entry));
      pruneEntries(PROJECTS_DIR, MAX_PROJECTS);
    } catch {
      // a read-only install: work without the cache
    }
  }
  return project;
}
