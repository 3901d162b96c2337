/**
 * The project configuration's cache: an unchanged configuration (and logo) is read from the
 * cache, diagnostics included, without parsing; a change to either is read afresh.
 */
import { readdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../src/course/config.js';
import { CONFIG_FILE, PROJECTS_DIR, readProject } from '../src/course/project-cache.js';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';

const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';

async function read(root: string) {
  const sink = new DiagnosticSink();
  const project = await readProject(root, sink);
  return { project, rules: sink.items.map((d) => d.rule) };
}

afterEach(() => {
  delete process.env.SKILLPACK_NO_CACHE;
});

describe('project configuration cache', () => {
  it('reads an unchanged configuration from the cache, diagnostics included, and sees every change', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-project-'));
    writeFileSync(path.join(root, CONFIG_FILE), 'organisation: First\ntheme:\n  logo: logo.svg\n  colour: red\n');
    writeFileSync(path.join(root, 'logo.svg'), LOGO);
    const first = await read(root);
    const fresh = new DiagnosticSink();
    expect(first.project).toEqual(JSON.parse(JSON.stringify(loadProject(root, fresh))));
    expect(first.rules).toEqual(fresh.items.map((d) => d.rule));
    expect(first.rules.length).toBeGreaterThan(0); // the unknown key is reported
    expect(await read(root)).toEqual(first);

    // Prove the answer comes from the cache: mark the stored entry, and the mark comes back.
    const entry = readdirSync(PROJECTS_DIR).map((f) => path.join(PROJECTS_DIR, f)).find((f) => f.endsWith('.json') && readFileSync(f, 'utf8').includes(root))!;
    const stored = JSON.parse(readFileSync(entry, 'utf8'));
    stored.project.config.organisation = 'From the cache';
    writeFileSync(entry, JSON.stringify(stored));
    expect((await read(root)).project.config.organisation).toBe('From the cache');

    // The configuration changes: read afresh.
    writeFileSync(path.join(root, CONFIG_FILE), 'organisation: Second\ntheme:\n  logo: logo.svg\n');
    expect(await read(root)).toMatchObject({ project: { config: { organisation: 'Second', theme: { logo: 'logo.svg' } } }, rules: [] });
    // The logo changes into one that is refused: read afresh, with its diagnostic.
    writeFileSync(path.join(root, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const refused = await read(root);
    expect(refused.project.config.theme.logo).toBeUndefined();
    expect(refused.rules.length).toBe(1);

    // A refused logo is still watched: made safe, it is taken at once.
    writeFileSync(path.join(root, 'logo.svg'), LOGO);
    expect(await read(root)).toMatchObject({ project: { config: { theme: { logo: 'logo.svg' } } }, rules: [] });
    // So is a missing one, once it is added.
    writeFileSync(path.join(root, CONFIG_FILE), 'organisation: Second\ntheme:\n  logo: later.svg\n');
    expect((await read(root)).rules).toEqual(['config-invalid']);
    writeFileSync(path.join(root, 'later.svg'), LOGO);
    expect(await read(root)).toMatchObject({ project: { config: { theme: { logo: 'later.svg' } } }, rules: [] });
    writeFileSync(path.join(root, CONFIG_FILE), 'organisation: Second\ntheme:\n  logo: logo.svg\n');
    await read(root);

    // With the cache off, nothing is read from it.
    const current = JSON.parse(readFileSync(entry, 'utf8'));
    current.project.config.organisation = 'From the cache';
    writeFileSync(entry, JSON.stringify(current));
    expect((await read(root)).project.config.organisation).toBe('From the cache');
    process.env.SKILLPACK_NO_CACHE = '1';
    expect((await read(root)).project.config.organisation).toBe('Second');
  });
});
