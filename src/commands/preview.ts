/**
 * `skillpack preview`: start the preview server, print its address, open a
 * browser when asked, and run until interrupted. The engine is in src/preview/.
 */
import path from 'node:path';
import type { Language } from '../languages/tags.js';

export interface PreviewOptions {
  root: string;
  course?: string;
  port: number;
  open: boolean;
  /** Journal file of the embedded LRS, relative to the project root. */
  db: string;
  /** Refuse cmi5 statements a strict LMS would refuse (default true). */
  strictCmi5?: boolean;
  /** The workspace's language (default: the project's `catalogueLanguage`, else its courses' most common). */
  language?: Language;
}

export async function previewCommand(options: PreviewOptions): Promise<void> {
  const { startPreview } = await import('../preview/server.js');
  const color = Boolean(process.stdout.isTTY && !process.env.NO_COLOR);
  const db = options.db === ':memory:' ? options.db : path.resolve(options.root, options.db);
  const preview = await startPreview({ root: options.root, course: options.course, port: Number.isFinite(options.port) ? options.port : 4173, db, color, strictCmi5: options.strictCmi5 ?? true, language: options.language });
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[22m` : s);
  process.stdout.write(`\n  skillpack preview  ${bold(preview.url)}\n  LRS journal        ${path.relative(process.cwd(), db) || db}\n  cmi5 LMS           ${options.strictCmi5 === false ? 'lenient' : 'strict: refusals are shown in the panel'}\n  press Ctrl+C to stop\n\n`);
  if (options.open) {
    const { openBrowser } = await import('../preview/open-browser.js');
    openBrowser(preview.url, (message) => process.stderr.write(`${message}\n`));
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await preview.close();
}
