/**
 * Where skillpack's own files are. The command runs either from its TypeScript
 * sources or from the compiled bundle (see src/bin.js), and the two live in
 * different folders, so no module may find templates or schemas relative to
 * itself: every path starts from the package root, found once here.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of skillpack's package.json (the repository root in a clone). */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'skillpack') return dir;
    if (path.dirname(dir) === dir) throw new Error(`skillpack's package.json was not found above ${start}`);
  }
}

/** A path inside the package: `packagePath('templates', 'theme.css')`. */
export const packagePath = (...parts: string[]): string => path.join(PACKAGE_ROOT, ...parts);
