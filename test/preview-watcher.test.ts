/**
 * The preview's watcher hands over every change of a course file, also one that follows the
 * previous within chokidar's 50 ms (an editor that writes twice, a save undone at once), which
 * chokidar itself drops: the course would keep what the first write left.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchSources, type SourceChange, type SourceWatcher } from '../src/preview/watcher.js';

let dir: string;
let watcher: SourceWatcher | null = null;

afterEach(async () => {
  await watcher?.close();
  watcher = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('the preview watcher', () => {
  it('hands over a second write that follows the first at once', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'skillpack-watcher-'));
    const file = path.join(dir, 'lesson.md');
    writeFileSync(file, 'first\n');
    const batches: SourceChange[][] = [];
    let secondWritten = false;
    watcher = await watchSources(
      [dir],
      (changes) => {
        batches.push(changes);
        // Written as soon as the first change is handed over: well within chokidar's 50 ms.
        if (!secondWritten) {
          secondWritten = true;
          writeFileSync(file, 'second, a little longer\n');
        }
      },
      1,
    );
    writeFileSync(file, 'changed\n');
    await vi.waitFor(() => expect(batches.length).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 20 });
    expect(batches.flat().filter((c) => c.file === file).every((c) => c.event === 'change')).toBe(true);
  });
});
