/**
 * Linked files are copied into every package and served from the package's
 * origin, so a file that can run script there (HTML, JavaScript, an SVG with
 * script) would bypass the Markdown sanitiser. Such files are refused.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Largest linked file accepted (videos belong on a media server, not in an LMS package). */
export const MAX_ASSET_BYTES = 25 * 1024 * 1024;

const EXECUTABLE = new Set(['.html', '.htm', '.xhtml', '.xht', '.js', '.mjs', '.cjs', '.php', '.jsp', '.asp', '.aspx', '.swf', '.exe', '.bat', '.cmd', '.sh', '.ps1', '.jar', '.hta', '.svgz']);
const SVG_SCRIPT = /<script[\s>]|\son[a-z]+\s*=|javascript:|<foreignObject[\s>]|<iframe[\s>]|<embed[\s>]|<object[\s>]|xlink:href\s*=\s*["']\s*(?!#|data:image\/)[a-z]+:/i;

/** Why a linked file may not be packaged, or null when it may. */
export function assetProblem(absolute: string): { rule: 'unsafe-asset' | 'file-too-large'; message: string } | null {
  const extension = path.extname(absolute).toLowerCase();
  if (EXECUTABLE.has(extension)) return { rule: 'unsafe-asset', message: `"${path.basename(absolute)}" is a ${extension} file, which could run code inside the package` };
  const size = statSync(absolute).size;
  if (size > MAX_ASSET_BYTES) return { rule: 'file-too-large', message: `"${path.basename(absolute)}" is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_ASSET_BYTES / 1024 / 1024} MB limit for a linked file` };
  if (extension === '.svg' && SVG_SCRIPT.test(readFileSync(absolute, 'utf8'))) {
    return { rule: 'unsafe-asset', message: `"${path.basename(absolute)}" contains script, an event handler or an external reference` };
  }
  return null;
}
