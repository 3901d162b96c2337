import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../src/languages/index.js';
import { buildRuntime, leftOutMessages, RUNTIME_ENTRIES, runtimeHash, type RuntimeEntry } from '../src/runtime/bundle.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'skillpack-bundle-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('buildRuntime', () => {
  it('bundles the web entry into one small IIFE script and one stylesheet', async () => {
    const { js, css, strings } = await buildRuntime('web', { cacheDir });
    // One function called at once (Terser writes the call as `!function(){…}()`), nothing outside it.
    expect(js).toMatch(/^(\(function\(\)\{|!function\(\)\{)/);
    expect(js.trimEnd()).toMatch(/(\}\)\(\);?|\}\(\);?)$/);
    // ES2019 (see bundle.ts): no optional chaining or nullish coalescing.
    expect(js).not.toMatch(/\?\.[A-Za-z_$[(]|\?\?/);
    expect(js).not.toMatch(/\bimport\s*[({"'`]|\bfetch\(|XMLHttpRequest/);
    expect(css).toContain('--sp-color-primary');
    expect(css).toContain('prefers-reduced-motion');
    // What a learner downloads: the player, its styles and the course language's strings.
    const gzip = gzipSync(js).length + gzipSync(css).length + Math.max(...Object.values(strings).map((t) => gzipSync(t).length));
    console.info(`web runtime: js ${js.length} B, css ${css.length} B raw; ${gzip} B gzip`);
    expect(gzip).toBeLessThan(30 * 1024);
  }, 60_000);

  it('serves repeated builds from the on-disk cache, keyed by the sources', async () => {
    await buildRuntime('web', { cacheDir });
    const hash = await runtimeHash('web');
    expect(readdirSync(cacheDir)).toEqual(expect.arrayContaining([`web-${hash}.css`, `web-${hash}.js`]));
    const started = performance.now();
    const again = await buildRuntime('web', { cacheDir });
    expect(performance.now() - started).toBeLessThan(500);
    expect(again.js.length).toBeGreaterThan(1000);
  });

  it('caches under node_modules/.cache/skillpack/runtime by default', async () => {
    await buildRuntime('web');
    const hash = await runtimeHash('web');
    expect(existsSync(new URL(`../node_modules/.cache/skillpack/runtime/web-${hash}.js`, import.meta.url))).toBe(true);
  }, 60_000);

  it('leaves out of a player\'s language scripts only messages its own script never names', async () => {
    // The xAPI and cmi5 players leave out the SCORM adapter's messages (their 30 KB needs the bytes).
    expect([...leftOutMessages('cmi5')]).toContain('lms.error');
    for (const entry of RUNTIME_ENTRIES) {
      const { js, strings } = await buildRuntime(entry, { cacheDir });
      const leftOut = leftOutMessages(entry);
      const named = [...leftOut].filter((key) => new RegExp(`["'\`]${key.replace('.', '\\.')}["'\`]`).test(js));
      expect(named, `messages the ${entry} player names but its language scripts leave out`).toEqual([]);
      for (const [tag, script] of Object.entries(strings)) {
        for (const [key, text] of Object.entries(LANGUAGES[tag as keyof typeof LANGUAGES].strings)) {
          // Every other message is there, word for word (JSON-escaped as the script writes it).
          if (leftOut.has(key as keyof typeof LANGUAGES.en.strings)) expect(script, `${entry} ${tag} ${key}`).not.toContain(`"${key}"`);
          else expect(script, `${entry} ${tag} ${key}`).toContain(JSON.stringify(text).slice(1, -1));
        }
      }
    }
  }, 120_000);

  it('refuses an unknown entry', async () => {
    await expect(buildRuntime('moodle' as RuntimeEntry)).rejects.toThrow(/Unknown runtime entry "moodle"/);
  });
});
