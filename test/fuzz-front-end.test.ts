/**
 * Property test of the front end: random and mutated course files (YAML,
 * Markdown, question syntax, frontmatter, encodings, CRLF, BOM, very long
 * lines, deep nesting) never crash or hang the compiler; every outcome is a
 * course model that packages for every target, or diagnostics with errors.
 *
 * `npm test` runs a bounded number of cases; `npm run fuzz` runs many more
 * (FUZZ_RUNS, default 1000 there).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import { packageEntries } from '../src/package/assemble.js';
import { TARGETS } from '../src/targets/index.js';
import { REPO } from './support/packages.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const BASE = path.join(REPO, 'test/fixtures/courses/mini-course');
const baseFiles = readdirSync(BASE, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(md|yml)$/.test(f))
  .map((f) => ({ name: f, text: readFileSync(path.join(BASE, f), 'utf8') }));

/** Fragments that stress the parsers and the question syntax. */
const nasty = fc.constantFrom(
  '\n## Q {#x type=single}\n- [x] a\n- [x] b\n',
  '\n## {#}\n',
  '\n## Q {type=numeric}\n- 5..-5\n',
  '\n## Q {type=matching}\n- -> \n- a ->\n',
  '\n> **Correct:**\n> **Incorrect:**\n',
  '{#a #b .c type= points=-1 max=0}',
  '\n---\ntitle: [unclosed\n---\n',
  '\n```\nunclosed fence',
  '<div><span><b>',
  '<!--',
  '\uFEFF',
  '\r\n',
  '\u0000',
  '\u202E\u2066',
  '[x]: javascript:alert(1)\n[link][x]',
  '![](' + '../'.repeat(40) + 'etc/passwd)',
  'exam:\n  draw: [{bank: core, count: 999}]\n',
  'language: klingon\n',
  ': : :\n',
  '&#0;&#xD800;&unknown;',
  '| a | b |\n|---|\n| 1 |',
  '[^1]\n\n[^1]: note',
);

const deepNesting = fc.integer({ min: 50, max: 3000 }).chain((depth) =>
  fc.constantFrom('>'.repeat(depth) + ' deep', Array.from({ length: Math.min(depth, 400) }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'), '['.repeat(depth), '*'.repeat(depth) + 'x' + '*'.repeat(depth)),
);
const longLine = fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'word '.repeat(Math.floor(n / 5)));
const insertion = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), nasty, deepNesting, longLine);

/** A mutation of one file: insert, delete, or replace its bytes. */
const mutation = fc.record({
  file: fc.nat(),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  kind: fc.constantFrom('insert', 'delete', 'crlf', 'bom', 'bytes', 'truncate'),
  text: insertion,
  length: fc.nat({ max: 200 }),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
});

type MutationSpec = { file: number; at: number; kind: string; text: string; length: number; bytes: Uint8Array };

function apply(files: Array<{ name: string; data: Buffer }>, m: MutationSpec): void {
  const target = files[m.file % files.length]!;
  const text = target.data.toString('utf8');
  const at = Math.floor(m.at * text.length);
  switch (m.kind) {
    case 'insert':
      target.data = Buffer.from(text.slice(0, at) + m.text + text.slice(at));
      break;
    case 'delete':
      target.data = Buffer.from(text.slice(0, at) + text.slice(at + m.length));
      break;
    case 'crlf':
      target.data = Buffer.from(text.replace(/\n/g, '\r\n'));
      break;
    case 'bom':
      target.data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), target.data]);
      break;
    case 'bytes':
      target.data = Buffer.concat([target.data.subarray(0, at), Buffer.from(m.bytes), target.data.subarray(at)]);
      break;
    case 'truncate':
      target.data = target.data.subarray(0, at);
      break;
  }
}

describe('front-end fuzzing', () => {
  it(`never crashes or hangs on mutated courses (${RUNS} cases)`, () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-fuzz-'));
    const project = loadProject(root);
    let built = 0;
    let rejected = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const dir = path.join(root, 'courses', 'mini-course');
        rmSync(dir, { recursive: true, force: true });
        const files = baseFiles.map((f) => ({ name: f.name, data: Buffer.from(f.text) }));
        for (const m of mutations) apply(files, m);
        for (const f of files) {
          mkdirSync(path.dirname(path.join(dir, f.name)), { recursive: true });
          writeFileSync(path.join(dir, f.name), f.data);
        }
        mkdirSync(path.join(dir, 'assets'), { recursive: true });
        writeFileSync(path.join(dir, 'assets', 'diagram.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
        // A hang fails the test through its time-out; a crash fails it here.
        const loaded = loadCourse(dir, project);
        if (loaded.course) {
          built++;
          for (const target of Object.values(TARGETS)) {
            const entries = packageEntries(target, { course: loaded.course, content: [], runtime: { js: '', css: '', strings: {} }, themeCss: '', options: {} });
            expect(entries.some((e) => e.path === 'index.html')).toBe(true);
          }
        } else {
          rejected++;
          expect(loaded.diagnostics.some((d) => d.severity === 'error')).toBe(true);
          for (const d of loaded.diagnostics) {
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.column).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
    );
    expect(built + rejected).toBe(RUNS);
  }, 600_000);
});
