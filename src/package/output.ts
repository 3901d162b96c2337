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
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/** Hidden folder inside the output where builds stage their files and keep their journal. */
export const WORK_DIR = '.skillpack';
const LOCK = 'build.lock';
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
    const pid = /^staging-(\d+)$/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) rmSync(path.join(work, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds a build lock. */
interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

/**
 * Take the output folder's build lock, waiting while another live build holds it.
 * A lock left by a build that died is taken over.
 * @param out the real output folder
 * @param onWait told once, with the holder, when this build has to wait
 * @returns a function that releases the lock
 */
export async function lockOutput(out: string, onWait: (owner: LockOwner) => void = () => {}): Promise<() => void> {
  const work = path.join(out, WORK_DIR);
  mkdirSync(work, { recursive: true });
  const file = path.join(work, LOCK);
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  let told = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeFileSync(fd, JSON.stringify(me));
      closeSync(fd);
      return () => {
        try {
          const owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
          if (owner.pid === me.pid && owner.host === me.host) rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner: LockOwner | null = null;
    try {
      owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    } catch {
      owner = null; // being written right now, or cut short by a crash: look again
    }
    const stale = owner && (owner.host === me.host ? !alive(owner.pid) : Date.now() - Date.parse(owner.started) > 6 * 60 * 60 * 1000);
    if (stale) {
      rmSync(file, { force: true });
      continue;
    }
    if (owner && !told) {
      told = true;
      onWait(owner);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
