/**
 * Places of characters in an author's file (source-places.ts), as the checks that read a text's
 * source report them: the same line and column as the parser's, found without reading the file
 * again for each place, however many a check reports.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/course/markdown.js';
import { checkReferences } from '../src/course/references.js';
import { placeAt } from '../src/course/source-places.js';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';

describe('places in a source', () => {
  it('are the parser\'s lines and columns, across LF, CRLF and CR line ends', () => {
    const source = '第一行\r\n第二 行\r第三行\n  末';
    const tree = parseMarkdown(source);
    const text = tree.children[0]!;
    expect(placeAt(source, text.position!.start.offset!)).toEqual({ line: 1, column: 1 });
    expect(placeAt(source, source.indexOf('行\r第三'))).toEqual({ line: 2, column: 4 });
    expect(placeAt(source, source.indexOf('第三'))).toEqual({ line: 3, column: 1 });
    expect(placeAt(source, source.indexOf('末'))).toEqual({ line: 4, column: 3 });
  });

  it('of thousands of undefined footnote calls are each reported at its own line and column', () => {
    // (Thousands in one paragraph are refused before parsing: markdown-limits.ts counts its brackets.)
    const source = '正文[^无]\n\n'.repeat(20_000);
    const sink = new DiagnosticSink();
    checkReferences(parseMarkdown(source), source, 'lessons/01-a.md', sink, []);
    expect(sink.items).toHaveLength(20_000);
    expect(sink.items.every((d, i) => d.rule === 'footnote-undefined' && d.line === 2 * i + 1 && d.column === 3)).toBe(true);
  });
});
