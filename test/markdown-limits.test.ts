/** One pathological Markdown file is refused before parsing, at its place; ordinary lessons pass. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptMarkdownLimitProblem, markdownLimitProblem, MAX_NESTING } from '../src/course/markdown-limits.js';
import { resultOfText } from '../src/course/text-results.js';
import { REPO } from './support/packages.js';

describe('Markdown limits', () => {
  it.each([
    ['2,500 nested block quotes in 5 KB', `${'>'.repeat(2500)} x\n`, 1, /nested more than/],
    ['block quotes nested one more each line', Array.from({ length: 40 }, (_, i) => `${'> '.repeat(i + 1)}x`).join('\n'), MAX_NESTING + 1, /nested more than/],
    ['list items nested one more each line', Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'), MAX_NESTING + 1, /nested more than/],
    ['quotes and lists mixed', `${'- > '.repeat(20)}x`, 1, /nested more than/],
    ['thousands of lines nested just under the limit', Array.from({ length: 3000 }, () => `${'> '.repeat(MAX_NESTING - 1)}x`).join('\n'), 400, /so many deeply nested lines/],
    ['a list of 2,001 items', `# 清单\n\n${'- 项目\n'.repeat(2001)}`, 2003, /the list that starts on line 3 has more than 2,000 items/],
    ['lists that follow each other with no paragraph between', `${'- 甲\n'.repeat(1000)}\n${'* 乙\n'.repeat(1000)}\n${'1. 丙\n'.repeat(10)}`, 2002, /more than 2,000 items/],
    ['items with lines that continue them, unindented', '- 甲\n续\n'.repeat(2001), 4001, /more than 2,000 items/],
    ['nested items', `- 甲\n${'  - 乙\n'.repeat(2000)}`, 2001, /more than 2,000 items/],
    ['a table of 1.2 MB', `| a | b |\n|---|---|\n${'| 1 | 2 |\n'.repeat(130_000)}`, 1, /more than 5,000 cells/],
    // Inline work: each of these took the parser from 30 s to minutes.
    ['100 KB of emphasis marks in one paragraph', `# Title\n\nFine.\n\n${'*a'.repeat(50_000)}\n`, 5, /emphasis marks, brackets or code spans/],
    ['800 KB of unclosed links', `${'[a]('.repeat(200_000)}\n`, 1, /emphasis marks, brackets or code spans/],
    ['code spans of ever longer backtick runs', `${Array.from({ length: 1000 }, (_, i) => `${'`'.repeat(i + 1)}a`).join('')}\n`, 1, /emphasis marks, brackets or code spans/],
    // 9 million each: the fifth paragraph (line 9) takes the file past the limit.
    ['many paragraphs, each heavy', `${'*a'.repeat(3000)}\n\n`.repeat(300), 9, /emphasis marks, brackets or code spans/],
  ])('refuses %s', (_name, text, line, message) => {
    const problem = markdownLimitProblem(text);
    expect(problem?.message).toMatch(message);
    if (line < 100) expect(problem?.place.line).toBe(line);
    else expect(problem?.place.line).toBeGreaterThan(line - 200);
  });

  it('passes every lesson and bank of the catalogue', () => {
    const files = readdirSync(path.join(REPO, 'courses'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
    for (const file of files) expect(markdownLimitProblem(readFileSync(path.join(REPO, 'courses', file), 'utf8')), file).toBeNull();
  });

  it('passes many lists with headings or paragraphs between them, and list markers in code', () => {
    expect(markdownLimitProblem(`${'## 节\n'.concat('- 项目\n'.repeat(1500))}`.repeat(20))).toBeNull();
    expect(markdownLimitProblem(`${'- 项目\n'.repeat(1500)}\n正文。\n\n`.repeat(20))).toBeNull();
    expect(markdownLimitProblem(`\`\`\`\n${'- 项目\n'.repeat(5000)}\`\`\`\n`)).toBeNull();
  });

  it('counts no inline work in code blocks, and passes ordinary emphasis, links and code', () => {
    const fenced = `\`\`\`\n${'*a [b] `c` '.repeat(200_000)}\n\`\`\`\n`;
    expect(markdownLimitProblem(fenced)).toBeNull();
    const ordinary = 'Some **bold**, *italic*, ~~struck~~, a [link](x.md) and `code`.\n\n'.repeat(20_000);
    expect(markdownLimitProblem(ordinary)).toBeNull();
  });

  it('keeps its answer by text, the refusal with its place or none, so an unchanged file is not scanned again', () => {
    const own = `<!-- ${process.pid} ${Date.now()} ${Math.random()} -->\n`;
    const refused = `${own}${Array.from({ length: 40 }, (_, i) => `${'> '.repeat(i + 1)}x`).join('\n')}`;
    const passed = `${own}# A lesson\n\nText.\n`;
    expect(keptMarkdownLimitProblem(refused)).toEqual({ place: { line: MAX_NESTING + 2, column: 1 }, message: expect.stringMatching(/nested more than/) });
    expect(keptMarkdownLimitProblem(passed)).toBeNull();
    // Asked again, the kept answers come back without the text being looked at (on disk too: test/text-results.test.ts).
    const notAgain = (): never => {
      throw new Error('scanned again');
    };
    expect(resultOfText('markdown-limits', refused, notAgain)).toEqual(markdownLimitProblem(refused));
    expect(resultOfText('markdown-limits', passed, notAgain)).toBeNull();
  });
});
