// Worker thread that loads course folders for the main thread (see load-pool.ts).
// Plain JavaScript, like bin.js: it registers tsx before loading the TypeScript sources.
import { register } from 'tsx/esm/api';

register();
await import('./load-worker-main.ts');
