/**
 * A long text parsed part by part, cut before its top-level ATX headings (markdown-parts.ts),
 * gives the very tree a whole parse gives, positions included: the parts spare the parser's
 * cost that grows with the square of a text's lists (a bank of 5,000 questions).
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
import { parseInParts, parseMarkdown } from '../src/course/markdown.js';
import { textParts } from '../src/course/markdown-parts.js';
import { REPO } from './support/packages.js';

/** The whole text parsed at once, as remark's own plugins do it. */
const whole = unified().use(remarkParse).use(remarkGfm).use(function cjkEmphasis() {
  (this.data().micromarkExtensions ??= []).push(cjkFriendlyExtension());
}).use(remarkFrontmatter, ['yaml']);
const wholeTree = (text: string) => whole.runSync(whole.parse(text)) as Root;

const question = (i: number) => `## 第${i}题：劳动合同应当采用哪种形式订立？ {#q${i}}\n\n- [x] 书面形式\n- [ ] 口头形式\n\n> **正确：** 对。\n> **错误：** 应当采用书面形式。\n`;

describe('a text parsed in parts', () => {
  it('is the tree of the whole text for every catalogue bank that can be cut, cut as finely as it can be', () => {
    // Banks (the long texts), in both languages; a lesson is cut the same way (the property below).
    // The first bank of every course and of its translation (all of them would take seconds).
    const files = readdirSync(path.join(REPO, 'courses'), { recursive: true, encoding: 'utf8' })
      .filter((name) => /(^|\/)banks\/[^/]+\.md$/.test(name.split(path.sep).join('/')))
      .sort()
      .filter((name, i, all) => path.dirname(name) !== path.dirname(all[i - 1] ?? ''))
      .map((name) => path.join(REPO, 'courses', name));
    expect(files.length).toBeGreaterThan(40);
    let cut = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const tree = parseInParts(text, 1);
      if (!tree) continue;
      cut++;
      expect(tree, file).toEqual(wholeTree(text));
    }
    // Not vacuous: most banks have no definition, HTML block or fence.
    expect(cut).toBeGreaterThan(files.length / 2);
  });

  it('is cut before paragraphs after a blank line, and not before lines that may join a container above', () => {
    const text = ['# 题库', '###小测验 {.practice}', '- [x] 甲', '**注意：** 正文', '> 引用', '- 项', '1. 步', '1) 步', '| a |', '  缩进', '\t缩进', '-x', '2024年'].join('\n\n');
    const starts = textParts(text, 1)!.map((part) => part.text.split('\n')[0]);
    expect(starts).toEqual(['# 题库', '###小测验 {.practice}', '**注意：** 正文', '-x', '2024年']);
    // Not after a line with text: a paragraph's next line continues it.
    expect(textParts('正文\n###小测验\n续', 1)).toBeNull();
  });

  it('is what a long lesson of paragraphs and lists gets, in parts', () => {
    // Headings Markdown does not read (no blank after the marks) between lists: no heading to cut before.
    const text = `# 练习\n\n${Array.from({ length: 2000 }, (_, i) => `###小测验${i} {.practice}\n\n- [x] 甲\n- [ ] 乙\n`).join('\n')}`;
    expect(text.length).toBeGreaterThan(64_000);
    expect(textParts(text, 32_000)!.length).toBeGreaterThan(1);
    expect(parseMarkdown(text)).toEqual(wholeTree(text));
  });

  it('takes a part of hundreds of thousands of blocks (spread into one call, they overflowed the call stack)', () => {
    const tree = parseInParts(`# 标题\n\n${'正文'.repeat(5000)}\n\n段落\n${'***\n'.repeat(200_000)}`, 8_000)!;
    expect(tree.children).toHaveLength(200_003);
    expect(tree.children.at(-1)).toMatchObject({ type: 'thematicBreak', position: { start: { line: 200_005 } } });
  });

  it('is what a long bank gets, in parts', () => {
    const text = `---\ntitle: 大题库\n---\n\n# 大题库\n\n${Array.from({ length: 800 }, (_, i) => question(i)).join('\n')}`;
    expect(text.length).toBeGreaterThan(64_000); // long enough to be parsed in parts
    expect(textParts(text, 32_000)!.length).toBeGreaterThan(1);
    expect(parseMarkdown(text)).toEqual(wholeTree(text));
  });

  it('is not cut where a part could change another, or a heading line could be something else', () => {
    const bank = Array.from({ length: 3 }, (_, i) => question(i)).join('\n');
    for (const extra of ['[法条]: https://example.org', '正文[^1]\n\n[^1]: 注释', '<div>\n## 题 {#h}\n</div>', '```\n## 不是题\n```', '- 甲\n  ~~~\n## 代码\n  ~~~', '第一行\r第二行']) {
      expect(textParts(`${bank}\n${extra}\n\n${bank}`, 1), extra).toBeNull();
    }
    // Frontmatter: no cut inside it, even before a line that reads like a heading.
    const parts = textParts(`---\ntitle: 题库\n# 注释\n---\n\n${bank}`, 1)!;
    expect(parts[0]!.text).toContain('# 注释\n---');
  });

  it('is the tree of the whole text for any text of headings, lists, quotes, tables and paragraphs', () => {
    const piece = fc.constantFrom('## 题 {#a}\n', '# 标题\n', '###### 六\n', '#没有空格\n', '\n', '- [x] 甲\n', '- [ ] 乙\n', '  续行\n', '1. 步骤\n', '> **正确：** 对\n', '> 引文\n', '| a | b |\n', '| --- | --- |\n', '| 1 | 2 |\n', '正文 *强调* **粗体**\n', '    缩进代码\n', '***\n', '---\n', 'Setext\n===\n', '\t## 缩进\n', '\uFEFF', '\r\n',
      '> - [x] 甲\n', '* 项\n', '+ 项\n', '   ## 三个空格\n', '#\n', '## \n', '[链接](a.md)', '![图](a.png)', '`代码', '`\n', '\\## 转义\n',
      '- ## 列表里的标题\n', '> ## 引用里的标题\n', '  - 嵌套\n', '1) 步骤\n', '***粗斜***\n', '~~删除~~\n', '[^1]\n', 'title: 题库\n', '*', '**',
      // Paragraphs after a blank line are cut before too; lines that only look like them may join what is above.
      '###小测验 {.practice}\n', '**注意：**断电\n', '-x\n', '2024年\n', '1.5 倍\n', '12345678901. 号\n', '=\n', '|\n', '<b>\n', ' \n', '\t\n', '-\n', '1.\n');
    let cut = 0;
    const runs = Number(process.env.FUZZ_RUNS ?? 500);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')), (text) => {
        const tree = parseInParts(text, 1);
        if (!tree) return;
        cut++;
        expect(tree).toEqual(wholeTree(text));
      }),
      { numRuns: runs },
    );
    expect(cut).toBeGreaterThan(runs / 8); // not vacuous: many of the texts are cut
  });
});
