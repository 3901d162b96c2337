/**
 * Output that tells the truth. A build writes everything it makes (zips, web folders,
 * catalog.json, the catalogue page) into a staging folder inside the output folder, and
 * publishes it all at the end, packages first and the catalogue last. So:
 * - a build that fails or is killed before the end leaves the previous packages and
 *   catalogue exactly as they were;
 * - publishing is a list of renames on one file system (the staging folder is inside the
 *   real output folder, even when `--out` is a link to another disk), written to a journal
 *   first: a build killed while publishing is finished by the next command that opens the
 *   output (`recoverOutput`), so the catalogue always ends up describing what is on disk;
 * - two builds never interleave in one output folder: the second waits for the lock.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Hidden folder inside the output where builds stage their files and keep their journal. */
export const WORK_DIR = '.skillpack';
const JOURNAL = 'publish.json';

/** One deferred publication: a staged file or folder and where it goes. */
interface Publication {
  from: string;
  to: string;
  folder: boolean;
}

/** The real output folder (links followed, created when missing). */
export function realOutput(out: string): string {
  mkdirSync(out, { recursive: true });
  return realpathSync(out);
}

export class OutputTransaction {
  /** The real output folder. */
  readonly out: string;
  /** Where this build stages its files (inside the output folder: same file system). */
  readonly dir: string;
  private readonly publications: Publication[] = [];
  private counter = 0;

  /** @param out the output folder (created when missing; links are followed) */
  constructor(out: string) {
    this.out = realOutput(out);
    this.dir = path.join(this.out, WORK_DIR, `staging-${process.pid}`);
  }

  /** A fresh path in the staging folder for a file or folder to be published later. */
  path(name: string): string {
    mkdirSync(this.dir, { recursive: true });
    return path.join(this.dir, `${this.counter++}-${path.basename(name)}`);
  }

  /**
   * Publish a staged file or folder at `final` when the transaction commits.
   * @param staged a path from `path()`, complete
   * @param final where it goes (inside the output folder)
   */
  add(staged: string, final: string, folder = false): void {
    this.publications.push({ from: staged, to: this.inside(final), folder });
  }

  /** Publish everything, in the order added; the caller adds the catalogue last. */
  commit(): void {
    if (this.publications.length > 0) {
      const journal = path.join(this.out, WORK_DIR, JOURNAL);
      writeFileSync(journal, JSON.stringify(this.publications));
      applyPublications(this.publications);
      rmSync(journal, { force: true });
    }
    this.publications.length = 0;
    this.abort();
  }

  /** Drop everything staged; the output keeps what it had. */
  abort(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** `final`, checked to be inside the real output folder (callers build it from `out`). */
  private inside(final: string): string {
    const relative = path.relative(this.out, path.resolve(final));
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`${final} is not inside the output folder ${this.out}`);
    return path.join(this.out, relative);
  }
}

/** Rename each staged item into place; a folder replaces the old one in two renames. */
function applyPublications(publications: Publication[]): void {
  const made = new Set<string>();
  for (const { from, to, folder } of publications) {
    if (!existsSync(from)) continue; // already published (a journal being replayed)
    // Each course's folder once, not once per package (a catalogue publishes hundreds).
    if (!made.has(path.dirname(to))) mkdirSync(path.dirname(to), { recursive: true });
    made.add(path.dirname(to));
    if (folder && existsSync(to)) {
      const old = path.join(path.dirname(to), `.${path.basename(to)}.old-${process.pid}`);
      rmSync(old, { recursive: true, force: true });
      renameSync(to, old);
      renameSync(from, to);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(from, to);
    }
  }
}

/**
 * Finish what an interrupted build left: replay its publication journal (the renames not
 * done yet, the catalogue last), put back a web folder caught between its two renames or
 * delete the old one left after them, and remove staging folders of builds that are gone.
 * @param out the real output folder
 */
export function recoverOutput(out: string): void {
  const work = path.join(out, WORK_DIR);
  if (!existsSync(work)) return;
  const journal = path.join(work, JOURNAL);
  if (existsSync(journal)) {
    let publications: Publication[] = [];
    try {
      publications = JSON.parse(readFileSync(journal, 'utf8')) as Publication[];
    } catch {
      // a journal cut short was never acted on: the renames had not started
    }
    applyPublications(publications);
    for (const { to, folder } of publications) {
      if (!folder) continue;
      const parent = path.dirname(to);
      const olds = existsSync(parent) ? readdirSync(parent).filter((name) => name.startsWith(`.${path.basename(to)}.old-`)) : [];
      // Caught between its two renames, with nothing to publish in its place: the old folder goes back.
      if (!existsSync(to) && olds.length > 0) renameSync(path.join(parent, olds.shift()!), to);
      // Caught after them, or while the old folder was being deleted: what is left of it goes.
      for (const old of olds) rmSync(path.join(parent, old), { recursive: true, force: true });
    }
    rmSync(journal, { force: true });
  }
  for (const name of readdirSync(work)) {
    const pid = Number(/^staging-(\d+)$/.exec(name)?.[1]);
    // Run with the lock held, before this build stages anything: a folder with this process's id
    // is a dead build's (a restarted container's process 1 has the same id).
    if (pid && (pid === process.pid || !processAlive(pid))) rmSync(path.join(work, name), { recursive: true, force: true });
  }
}

/** Whether a process with this id runs on this machine (one of another user's counts). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
