/**
 * The xAPI and cmi5 players fit the same 30 KB (gzip, script and styles) as the
 * SCORM ones: they talk to the LRS through their own small fetch client, with
 * no general-purpose HTTP library inside.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRuntime } from '../src/runtime/bundle.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'skillpack-lrs-bundle-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe.each(['xapi', 'cmi5'] as const)('the %s player', (entry) => {
  it('is under 30 KB gzip and carries no HTTP library', async () => {
    const { js, css, strings } = await buildRuntime(entry, { cacheDir });
    // What a learner downloads: the player, its styles and the course language's strings.
    const gzip = gzipSync(js).length + gzipSync(css).length + Math.max(...Object.values(strings).map((t) => gzipSync(t).length));
    console.info(`${entry} runtime: ${gzip} B gzip`);
    expect(gzip).toBeLessThan(30 * 1024);
    expect(js).not.toMatch(/axios|XMLHttpRequest/);
    expect(js).toContain('keepalive');
  }, 120_000);
});
