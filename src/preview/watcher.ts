/**
 * Watching the course sources with chokidar. Events are gathered for a few
 * milliseconds and handed over as one batch: an editor's save is often
 * several events (write, rename, chmod), and one rebuild should answer them all.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { watch } from 'chokidar';

export type SourceEvent = 'add' | 'addDir' | 'change' | 'unlink' | 'unlinkDir';

export interface SourceChange {
  event: SourceEvent;
  /** Absolute path. */
  file: string;
}

export interface SourceWatcher {
  close(): Promise<void>;
}

/** How long chokidar ignores a file's further changes after one (its `_throttle` of change events). */
const CHOKIDAR_CHANGE_THROTTLE_MS = 50;

/** What a file's contents are known by: its size and modification time (in nanoseconds), or its absence. */
function fileState(file: string): string {
  try {
    const stat = statSync(file, { bigint: true });
    return `${stat.size}:${stat.mtimeNs}`;
  } catch {
    return 'gone';
  }
}

/** Editor droppings and hidden files: never course sources. */
const IGNORED = /(^\.|~$|\.sw[a-p]$|\.tmp$|^4913$)/;

/**
 * Watch files and folders; resolves once the initial scan is done, so a change made right after is seen.
 * @param paths absolute files or folders
 * @param onChanges called with each batch of changes
 * @param quietMs how long the sources must stay quiet before a batch is handed over
 * @param onChange called with each change as it comes, before its batch (a saved lesson's text is shown at once)
 */
export async function watchSources(paths: string[], onChanges: (changes: SourceChange[]) => void, quietMs = 25, onChange?: (change: SourceChange) => void): Promise<SourceWatcher> {
  const roots = new Set(paths.map((p) => path.resolve(p)));
  const watcher = watch([...roots], {
    ignoreInitial: true,
    ignored: (file) => !roots.has(path.resolve(file)) && IGNORED.test(path.basename(file)),
  });
  let batch: SourceChange[] = [];
  let timer: NodeJS.Timeout | undefined;
  const take = (change: SourceChange) => {
    onChange?.(change);
    batch.push(change);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changes = batch;
      batch = [];
      onChanges(changes);
    }, quietMs);
  };
  /**
   * chokidar drops a file's change that comes within 50 ms of its last one (an editor that writes
   * twice, a save undone at once), and the course would keep what the first write left: each
   * changed file is looked at again once that time is past, and a change found then is taken.
   */
  const settling = new Map<string, { seen: string; timer: NodeJS.Timeout }>();
  const lookAgain = (file: string) => {
    clearTimeout(settling.get(file)?.timer);
    const seen = fileState(file);
    const timer = setTimeout(() => {
      settling.delete(file);
      if (fileState(file) !== seen) take({ event: 'change', file });
    }, CHOKIDAR_CHANGE_THROTTLE_MS + 10);
    settling.set(file, { seen, timer });
  };
  watcher.on('all', (event, file) => {
    if (event !== 'add' && event !== 'addDir' && event !== 'change' && event !== 'unlink' && event !== 'unlinkDir') return;
    const change = { event, file: path.resolve(file) };
    take(change);
    if (event === 'change') lookAgain(change.file);
  });
  await new Promise<void>((resolve, reject) => {
    watcher.once('ready', resolve);
    watcher.once('error', reject);
  });
  return {
    close: async () => {
      clearTimeout(timer);
      for (const { timer: again } of settling.values()) clearTimeout(again);
      await watcher.close();
    },
  };
}
