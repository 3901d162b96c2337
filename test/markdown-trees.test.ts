/**
 * Parsing the same text again (a translation checked against its source, a course reloaded
 * in the preview) gives a tree equal to a fresh parse and a tree of its own: a caller that
 * changes the tree it got never changes what the next caller gets.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/course/markdown.js';

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
});
