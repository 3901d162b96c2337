/**
 * Open a URL in the desktop's browser (`--open`): the platform's own opener,
 * detached, so the preview never waits for it or dies with it.
 */
import { spawn } from 'node:child_process';

/**
 * @param url what to open
 * @param onError told when no opener could be started (the URL is printed anyway)
 */
export function openBrowser(url: string, onError: (message: string) => void): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command as string, args as string[], { detached: true, stdio: 'ignore' });
    child.on('error', (error) => onError(`could not open a browser (${error.message}); open ${url} yourself`));
    child.unref();
  } catch (error) {
    onError(`could not open a browser (${error instanceof Error ? error.message : String(error)}); open ${url} yourself`);
  }
}
