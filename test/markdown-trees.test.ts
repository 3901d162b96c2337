/**
 * Parsing the same text again (a translation checked against its source, a course reloaded
 * in the preview) gives a tree equal to a fresh parse and a tree of its own: a caller that
 * changes the tree it got never changes what the next caller gets. A text that cannot hold an
 * autolink literal is parsed without looking for them, with the very tree full GFM gives.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { cjkFriendlyExtension } from 'micromark-extension-cjk-friendly';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import type { Root } from 'mdast';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { mayHoldAutolinkLiteral, parseMarkdown, readFrontmatter } from '../src/course/markdown.js';
import { REPO } from './support/packages.js';

/** CommonMark with all of GFM, emphasis read beside CJK punctuation, and frontmatter, as the packages' own plugins give it. */
const fullGfm = unified().use(remarkParse).use(remarkGfm).use(function cjkEmphasis() {
  (this.data().micromarkExtensions ??= []).push(cjkFriendlyExtension());
}).use(remarkFrontmatter, ['yaml']);
const fullTree = (text: string) => fullGfm.runSync(fullGfm.parse(text)) as Root;
/** The frontmatter node of a whole parse, or null. */
const parsedFrontmatter = (text: string) => {
  const first = fullTree(text).children[0];
  return first?.type === 'yaml' ? first : null;
};

describe('parsed Markdown trees', () => {
  it('are equal for the same text and never shared', () => {
    const text = `# 劳动合同\n\nA paragraph with a [link](other.md) and **bold** text ${Date.now()}.\n\n- one\n- two\n`;
    const first = parseMarkdown(text);
    const pristine = structuredClone(first);
    // A caller rewrites its tree (as rendering does with links and ids).
    first.children.splice(0, 1);
    (first.children[0] as { type: string }).type = 'changed';
    const second = parseMarkdown(text);
    expect(second).toEqual(pristine);
    expect(second).not.toBe(first);
    second.children.length = 0;
    expect(parseMarkdown(text)).toEqual(pristine);
  });

  it('are the trees of full GFM for catalogue files, most of them parsed without autolink literals', () => {
    // The first lesson and bank of every course (all of the catalogue would take seconds).
    const files = readdirSync(path.join(REPO, 'courses'), { recursive: true, encoding: 'utf8' })
      .filter((name) => /^[^/]+\/(lessons|banks)\/[^/]+\.md$/.test(name.split(path.sep).join('/')))
      .sort()
      .filter((name, i, all) => path.dirname(name) !== path.dirname(all[i - 1] ?? ''))
      .map((name) => path.join(REPO, 'courses', name));
    expect(files.length).toBeGreaterThan(40);
    const texts = files.map((file) => readFileSync(file, 'utf8'));
    for (const [i, text] of texts.entries()) expect(parseMarkdown(text), files[i]).toEqual(fullTree(text));
    // Not vacuous: most files get the lean parser, and some the whole of GFM.
    const lean = texts.filter((text) => !mayHoldAutolinkLiteral(text)).length;
    expect(lean).toBeGreaterThan(texts.length / 2);
    expect(lean).toBeLessThan(texts.length);
  });

  it('are the trees of full GFM for any text built of near-misses of autolink literals', () => {
    // Pieces of links, e-mail addresses, references and escapes, beside the GFM constructs.
    const piece = fc.constantFrom(
      'www', 'ww.', 'w.', 'WWW.', 'http', 'htt', 'https:', 'p://', '//', ':', '.', 'example', 'org', 'a', '中文', ' ', '\n', '\n\n',
      '@', 'mailto:', 'xmpp:', 'user', '&amp;', '&#64;', '&#x2e;', '&#119;', '\\.', '\\@', '(', ')', '<', '>', '*', '_', '~', '~~', '|', '| --- |', '- [ ] ', '- [x] ',
      '[^1]', '[^1]: note', '[a](b)', '`', '#', '> ', '1. ', '---\n', 'é',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')), (text) => {
        expect(parseMarkdown(text)).toEqual(fullTree(text));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('give the same frontmatter when only the lines up to its closing fence are parsed', () => {
    const lessons = readdirSync(path.join(REPO, 'courses'), { recursive: true, encoding: 'utf8' })
      .filter((name) => /\/lessons\/01-[^/]+\.md$/.test(name.split(path.sep).join('/')))
      .map((name) => readFileSync(path.join(REPO, 'courses', name), 'utf8'));
    expect(lessons.length).toBeGreaterThan(40); // the first lesson of every course and of its translations
    for (const text of lessons) {
      expect(readFrontmatter(text)).not.toBeNull();
      expect(readFrontmatter(text)).toEqual(parsedFrontmatter(text));
    }
    // Fences and near-fences: trailing blanks, four dashes, no closing fence, CRLF, a BOM, other blocks.
    const piece = fc.constantFrom('---', '--- ', '---\t', '----', '-- -', ' ---', '+++', '***', 'title: 课程', 'id: a', '# 标题', 'text', '', ' ', '\n', '\n', '\r\n', '\uFEFF', '```', '> ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }).map((parts) => parts.join('')), (text) => {
        expect(readFrontmatter(text)).toEqual(parsedFrontmatter(text));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 500) },
    );
    // Not vacuous: frontmatter with a first line the quick reading needs to parse at all.
    expect(readFrontmatter('---\ntitle: 一\n---\n\n# 二\n')?.value).toBe('title: 一');
    expect(readFrontmatter('---\ntitle: 一\n')).toBeNull();
  });
});
