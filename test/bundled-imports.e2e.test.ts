/**
 * `check` runs from the bundle alone: every package the compiler reaches on its way through a
 * course is bundled into the command (src/bin.js, BUNDLED). A package left out is resolved and
 * read module by module from node_modules at every start: two direct dependencies added without
 * being bundled made a `check` after an edit load 22 modules that way (about 20 ms).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { REPO } from './support/packages.js';

/** A module hook (Node's `module.register`) that writes down the URL of every module loaded. */
function recordingHook(dir: string): { options: string; loaded: () => string[] } {
  const log = path.join(dir, 'loaded.txt');
  writeFileSync(log, '');
  const hooks = path.join(dir, 'hooks.mjs');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, next) { appendFileSync(log, url + '\\n'); return next(url, context); }
`);
  const register = path.join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(hooks).href)}, { data: { log: ${JSON.stringify(log)} } });
`);
  return { options: `--import ${pathToFileURL(register).href}`, loaded: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

describe('the bundled command', () => {
  it('checks a course (parsed afresh, with its translation) without loading a module from node_modules', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-bundled-'));
    const course = path.join(root, 'courses', 'early-childhood-caregiver');
    cpSync(path.join(REPO, 'courses', 'early-childhood-caregiver'), course, { recursive: true });
    const hook = recordingHook(root);
    const run = await runCli(['-C', root, 'check', course], { env: { SKILLPACK_NO_CACHE: '1', NODE_OPTIONS: hook.options } });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('checked 1 course');
    const loaded = hook.loaded();
    // Not vacuous: the hook saw the bundle's chunks, the compiler's among them.
    expect(loaded.filter((url) => url.includes('/.cache/skillpack/cli-')).length).toBeGreaterThan(10);
    const fromNodeModules = loaded.filter((url) => url.includes('/node_modules/') && !url.includes('/node_modules/.cache/skillpack/'));
    expect(fromNodeModules).toEqual([]);
  });
});
