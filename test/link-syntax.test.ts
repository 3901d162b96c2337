/**
 * Links typed with Chinese-mode punctuation are found in a text's source in time linear in its
 * length, however hostile the text (a lesson may hold 2 MB).
 */
import type { LinkReference, Text } from 'mdast';
import { describe, expect, it } from 'vitest';
import { reportLinkSyntax, reportSplitReference } from '../src/course/link-syntax.js';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';

const textNode = (value: string): Text => ({ type: 'text', value, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: value.length + 1, offset: value.length } } });

const report = (value: string, defined?: (label: string) => boolean) => {
  const sink = new DiagnosticSink();
  reportLinkSyntax(textNode(value), value, 'lessons/01-a.md', sink, defined);
  return sink.items.map((d) => `${d.line}:${d.column} ${d.rule}`);
};

describe('links typed the Chinese way', () => {
  it('are found where written', () => {
    expect(report('见【下一节】(02-next.md)。')).toEqual(['1:2 link-syntax']);
  });

  it('are found in reference style only when the file defines the label', () => {
    expect(report('见![图]［pic］。', (label) => label === 'pic')).toEqual(['1:2 link-syntax']);
    expect(report('【注意】【重要】', (label) => label === 'pic')).toEqual([]);
  });

  it('are looked for in time linear in the text: a line of 【 or of ]( is no work', () => {
    // Without the bound each 【 started a search to the line's end: minutes for this text (the test then fails on its timeout).
    expect(report(`${'【'.repeat(600_000)}](x.md`)).toEqual([]);
    expect(report('[a]('.repeat(150_000))).toEqual([]);
    expect(report(`[a](${'a.a#'.repeat(150_000)})`)).toEqual([]);
    // Reference-style ones (`![图]［ref］`) too.
    expect(report(`${'【'.repeat(600_000)}]［x`, () => true)).toEqual([]);
    expect(report('[a]['.repeat(150_000), () => true)).toEqual([]);
  });

  it('are placed in time linear in the text: a paragraph of 100,000 of them is read once', () => {
    // Without it each place was found by reading the text again from its start: minutes here.
    const places = report('［下一节］(02.md)\n'.repeat(100_000));
    expect(places).toHaveLength(100_000);
    expect(places.at(-1)).toBe('100000:1 link-syntax');
  });

  it('are found with full-width first brackets before a shortcut reference, in time linear in the line', () => {
    // `［图］[pic]` is read as text and the link `[pic]`: each such link looks back only to the bracket before it.
    const line = `${'a'.repeat(400_000)}${'［图］[pic]'.repeat(100_000)}`;
    const sink = new DiagnosticSink();
    for (let offset = line.indexOf('[pic]'); offset >= 0; offset = line.indexOf('[pic]', offset + 1)) {
      const node: LinkReference = { type: 'linkReference', identifier: 'pic', label: 'pic', referenceType: 'shortcut', children: [{ type: 'text', value: 'pic' }], position: { start: { line: 1, column: offset + 1, offset }, end: { line: 1, column: offset + 6, offset: offset + 5 } } };
      reportSplitReference(node, line, 'lessons/01-a.md', sink);
    }
    expect(sink.items).toHaveLength(100_000);
    expect(sink.items[0]).toMatchObject({ line: 1, column: 400_001, rule: 'link-syntax' });
  });
});
