/**
 * Properties of the checks that keep hostile input harmless, over generated
 * input (fast-check): a file name the compiler accepts is a zip entry that
 * `skillpack validate` (and so an unpacking LMS) accepts too, inside the
 * package; and Markdown the pre-parse limit lets through never nests deeper
 * than the limit once parsed.
 */
import fc from 'fast-check';
import type { Node, Parent } from 'unist';
import { describe, expect, it } from 'vitest';
import { fileNameProblem } from '../src/course/asset-safety.js';
import { parseMarkdown } from '../src/course/markdown.js';
import { MAX_NESTING, markdownLimitProblem } from '../src/course/markdown-limits.js';
import { CONTENT_PREFIX } from '../src/course/model.js';
import { unsafeNameReason } from '../src/validate/entries.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** Pieces of file names: ordinary letters and the characters that trouble unpackers. */
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
  fc.constantFrom('..', '.', ' ', '\\', ':', '*', '?', '"', '<', '>', '|', 'CON', 'con.txt', 'LPT1', 'nul', 'aux.svg', 'COM9', '\u0000', '\u0009', '\u001f', '\u007f', '\u0085', '\u009b', '\u061c', '\u200e', '\u202e', '\u2066', '\u2069', '图', 'é', '.svg', '.png'),
);
const segment = fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')).filter((s) => s.length > 0 && !s.includes('/'));
const relativePath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((segments) => segments.join('/'));

/** Deepest nesting of block quotes and lists in a parsed tree. */
function nesting(node: Node, depth = 0): number {
  const here = node.type === 'blockquote' || node.type === 'list' ? depth + 1 : depth;
  const children = (node as Parent).children ?? [];
  return children.reduce((deepest, child) => Math.max(deepest, nesting(child, here)), here);
}

/** Lines of nested quotes and lists, in every way Markdown opens a container. */
const container = fc.constantFrom('> ', '>', '- ', '* ', '+ ', '1. ', '2) ', '  ', '    ', '\t', ' > ', '   - ');
const line = fc.tuple(fc.array(container, { maxLength: 40 }), fc.constantFrom('text', '', 'x *y*', '```', '---')).map(([prefixes, text]) => prefixes.join('') + text);
const markdown = fc.array(line, { minLength: 1, maxLength: 30 }).map((lines) => lines.join('\n'));

describe('hostile input, as properties', () => {
  it('a file name the compiler accepts is a zip entry validate accepts, inside the package', () => {
    fc.assert(
      fc.property(relativePath, (name) => {
        if (fileNameProblem(name) !== null) return;
        const entry = `${CONTENT_PREFIX}${name}`;
        expect(unsafeNameReason(entry), entry).toBeUndefined();
        expect(entry.split('/')).not.toContain('..');
      }),
      { numRuns: RUNS },
    );
  });

  it(`Markdown that passes the pre-parse limit nests at most ${MAX_NESTING} deep once parsed`, () => {
    fc.assert(
      fc.property(markdown, (text) => {
        if (markdownLimitProblem(text) !== null) return;
        expect(nesting(parseMarkdown(text))).toBeLessThanOrEqual(MAX_NESTING);
      }),
      { numRuns: RUNS },
    );
  });
});
