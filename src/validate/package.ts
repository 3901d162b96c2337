/**
 * Opening a package to check: a zip (zip-package.ts) or an unpacked folder, read here.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_ENTRIES, unopened, type ContainerProblem, type PackageEntry, type PackageSource } from './package-source.js';
import { openZip } from './zip-package.js';

export { MAX_ENTRIES, type ContainerProblem, type PackageEntry, type PackageSource, type StoredEntry } from './package-source.js';

/**
 * Open a zip file or folder; never throws for a bad package.
 * @param file the path to open
 * @param label how diagnostics name it (default: `file`)
 */
export async function openPackage(file: string, label = file): Promise<PackageSource> {
  let isFolder = false;
  try {
    isFolder = (await lstat(file)).isDirectory();
  } catch (error) {
    return unopened(label, `cannot open ${label}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return isFolder ? openFolder(file, label) : openZip(file, label);
}

async function openFolder(folder: string, label: string): Promise<PackageSource> {
  const entries: PackageEntry[] = [];
  let problem: ContainerProblem | undefined;
  const walk = async (relative: string): Promise<void> => {
    const items = await readdir(path.join(folder, relative), { withFileTypes: true });
    items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const item of items) {
      if (entries.length >= MAX_ENTRIES) {
        problem = { message: `more than ${MAX_ENTRIES} files; the rest were not checked` };
        return;
      }
      const name = relative ? `${relative}/${item.name}` : item.name;
      if (item.isSymbolicLink()) entries.push({ name, directory: false, symlink: true, size: 0 });
      else if (item.isDirectory()) {
        entries.push({ name: `${name}/`, directory: true, symlink: false, size: 0 });
        await walk(name);
      } else if (item.isFile()) {
        entries.push({ name, directory: false, symlink: false, size: (await lstat(path.join(folder, name))).size });
      }
    }
  };
  try {
    await walk('');
  } catch (error) {
    problem = { message: `cannot read the folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  return {
    label,
    type: 'folder',
    entries,
    problem,
    fileLabel: (name) => path.join(label, name),
    async read(name, limit) {
      const entry = entries.find((e) => e.name === name && !e.directory && !e.symlink);
      if (!entry) return { error: `${name} is not in the package` };
      if (entry.size > limit) return { error: `${name} is larger than ${limit} bytes`, tooLarge: true };
      try {
        return { data: await readFile(path.join(folder, name)) };
      } catch (error) {
        return { error: `cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
      }
    },
    close: () => {},
  };
}
