/**
 * What learners download: the runtime's script and stylesheet per entry (raw and
 * gzip -9), and the packages of the smallest useful course per target.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildRuntime, RUNTIME_ENTRIES, type RuntimeEntry } from '../src/runtime/bundle.js';

export interface RuntimeSize {
  entry: RuntimeEntry;
  jsBytes: number;
  cssBytes: number;
  jsGzip: number;
  cssGzip: number;
  /** gzip(js) + gzip(css): they are two files, compressed separately on the wire. */
  totalGzip: number;
}

const gzip = (text: string) => gzipSync(Buffer.from(text, 'utf8'), { level: 9 }).length;

/** Sizes of every runtime entry (bundled by Vite or read from its cache). */
export async function runtimeSizes(): Promise<RuntimeSize[]> {
  const sizes: RuntimeSize[] = [];
  for (const entry of RUNTIME_ENTRIES) {
    const { js, css } = await buildRuntime(entry);
    const jsGzip = gzip(js);
    const cssGzip = gzip(css);
    sizes.push({ entry, jsBytes: Buffer.byteLength(js), cssBytes: Buffer.byteLength(css), jsGzip, cssGzip, totalGzip: jsGzip + cssGzip });
  }
  return sizes;
}

export interface PackageSize {
  target: string;
  bytes: number;
  /** The web build is a folder (sum of its files), every other target a zip. */
  kind: 'zip' | 'folder';
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(file) : statSync(file).size;
  }
  return total;
}

/**
 * Package sizes of one course in a build output folder.
 * @param out the build's output folder
 * @param course course id
 */
export function packageSizes(out: string, course: string): PackageSize[] {
  const dir = path.join(out, course);
  const sizes: PackageSize[] = [];
  for (const name of readdirSync(dir).sort()) {
    const zip = new RegExp(`^${course}-(.+)\\.zip$`).exec(name);
    if (zip) sizes.push({ target: zip[1]!, bytes: statSync(path.join(dir, name)).size, kind: 'zip' });
    // `web` is a link to the current version's folder; statSync follows it.
    else if (name === 'web' && statSync(path.join(dir, name)).isDirectory()) sizes.push({ target: 'web', bytes: folderBytes(path.join(dir, name)), kind: 'folder' });
  }
  return sizes;
}
