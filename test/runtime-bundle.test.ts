import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRuntime, runtimeHash, type RuntimeEntry } from '../src/runtime/bundle.js';

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

  it('refuses an unknown entry', async () => {
    await expect(buildRuntime('moodle' as RuntimeEntry)).rejects.toThrow(/Unknown runtime entry "moodle"/);
  });
});
