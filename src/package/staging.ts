/**
 * Atomic output. Files are written in a staging folder beside the output
 * folder (same file system, outside it) and renamed into place only when
 * complete, so a failed or killed build never leaves a partial file in the
 * output and the previous package stays until its replacement is whole.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

export class Staging {
  /** The staging folder: `.<out>.staging` beside the output folder. */
  readonly dir: string;
  private counter = 0;

  constructor(out: string) {
    this.dir = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.staging`);
  }

  /** Remove what an interrupted build left behind, and start afresh. */
  reset(): void {
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  /** A fresh path in the staging folder. */
  path(name: string): string {
    mkdirSync(this.dir, { recursive: true });
    return path.join(this.dir, `${process.pid}-${this.counter++}-${path.basename(name)}`);
  }

  /** Move a complete staged file or folder to its final place (rename: atomic on one file system). */
  publish(staged: string, final: string): void {
    mkdirSync(path.dirname(final), { recursive: true });
    renameSync(staged, final);
  }

  /** Remove the staging folder (end of a build, or on interruption). */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
