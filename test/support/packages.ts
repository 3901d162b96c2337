/**
 * Building and unpacking packages for tests: one shared build of the fixture
 * courses per test file, zips unpacked with yauzl (an independent reader).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { build, type BuildResult } from '../../src/build.js';
import { loadProject } from '../../src/course/config.js';
import type { TargetName } from '../../src/course/schema.js';

export const REPO = path.resolve(import.meta.dirname, '..', '..');

/** Build `courses` (folders relative to the repository) into a fresh temporary folder. */
export async function buildInto(courses: string[], targets: TargetName[], root = REPO): Promise<BuildResult & { out: string }> {
  const out = mkdtempSync(path.join(tmpdir(), 'skillpack-test-'));
  const project = loadProject(root);
  const result = await build({ project, folders: courses.map((c) => path.resolve(root, c)), targets, out });
  return { ...result, out };
}

/** Every entry of a zip: name to bytes, read with yauzl. */
export function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, decodeStrings: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Unpack a zip into a new temporary folder; returns the folder. */
export async function unzipToTemp(file: string): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'skillpack-unzip-'));
  for (const [name, data] of await readZip(file)) {
    const target = path.join(dir, ...name.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
  return dir;
}
