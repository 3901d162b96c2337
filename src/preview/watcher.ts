/**
 * Watching the course sources with chokidar. Events are gathered for a few
 * milliseconds and handed over as one batch: an editor's save is often
 * several events (write, rename, chmod), and one rebuild should answer them all.
 */
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
  watcher.on('all', (event, file) => {
    if (event !== 'add' && event !== 'addDir' && event !== 'change' && event !== 'unlink' && event !== 'unlinkDir') return;
    const change = { event, file: path.resolve(file) };
    onChange?.(change);
    batch.push(change);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changes = batch;
      batch = [];
      onChanges(changes);
    }, quietMs);
  });
  await new Promise<void>((resolve, reject) => {
    watcher.once('ready', resolve);
    watcher.once('error', reject);
  });
  return {
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
