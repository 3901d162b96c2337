/**
 * Footnotes and reference-style links that would not show as the author meant them. GFM drops a
 * footnote that no text cites, and every definition of a label after its first; it shows `[^1]`
 * or `[text][label]` as bare text when nothing defines the label; and a question is rendered
 * without the file's footnotes. Each is reported at its place, so no note goes missing unseen.
 */
import type { Definition, FootnoteDefinition, Nodes, Root, Text } from 'mdast';
import { placeOf, type DiagnosticSink } from '../diagnostics/diagnostic.js';
import { placeAt } from './source-places.js';

/** A footnote call written as text (`[^label]`), not preceded by a backslash. */
const FOOTNOTE_CALL = /(?<!\\)\[\^([^\]\s]+)\]/g;
/** A label made of character ranges (`[^0-9]`, `[^a-zA-Z]`): a regular expression's class, meant as text. */
const CHARACTER_CLASS = /^(?:.-.)+$/;
/**
 * A full reference link (`[text][label]`) left as text, with what stands just before it; `[^…]` is
 * a footnote call. Numbered citations (`[1][2]`, GB/T 7714) and indexes after a Latin letter or
 * digit (`a[i][j]`) are meant as text.
 */
const FULL_REFERENCE = /(.?)(?<!\\)\[([^[\]]*)\]\[([^[\]^][^[\]]*)\]/g;
const meantAsText = (before: string, text: string): boolean => /^\d+$/.test(text) || /[A-Za-z0-9_\])]/.test(before);

/** A label as CommonMark matches it: case and runs of white space do not count. */
export const normalise = (label: string) => label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase().toUpperCase();

/**
 * Check a file's footnotes and link definitions.
 * @param tree the whole file, before anything is taken out of it
 * @param source the file's text (the tree's positions point into it)
 * @param questions ranges of the tree's children that are questions: a question is shown without
 *   footnotes, so a footnote there is reported, and citing one there does not make a note shown
 */
export function checkReferences(tree: Root, source: string, display: string, sink: DiagnosticSink, questions: ReadonlyArray<{ start: number; end: number }>): void {
  const notes = new Map<string, FootnoteDefinition>();
  const links = new Map<string, Definition>();
  const cited = new Set<string>();
  const texts: Text[] = [];
  // Marks left as text can only be where the file has `[^` or `][` at all (most files have neither).
  const scanTexts = source.includes('[^') || source.includes('][');
  const lineOf = (node: Nodes | undefined) => node?.position?.start.line ?? 1;
  const walk = (node: Nodes, inQuestion: boolean): void => {
    switch (node.type) {
      case 'footnoteReference':
      case 'footnoteDefinition':
        if (inQuestion) {
          sink.report(display, placeOf(node), 'question-footnote', `a question is shown without footnotes, so this ${node.type === 'footnoteReference' ? `footnote mark [^${node.label ?? node.identifier}] would lead nowhere` : `note [^${node.label ?? node.identifier}] would not be shown`}`);
        } else if (node.type === 'footnoteReference') {
          cited.add(node.identifier.toUpperCase());
        } else if (notes.has(node.identifier.toUpperCase())) {
          sink.report(display, placeOf(node), 'footnote-duplicate', `footnote [^${node.label ?? node.identifier}] is defined again here: only its first definition (line ${lineOf(notes.get(node.identifier.toUpperCase()))}) is shown`);
        } else {
          notes.set(node.identifier.toUpperCase(), node);
        }
        break;
      case 'definition':
        if (links.has(node.identifier.toUpperCase())) {
          sink.report(display, placeOf(node), 'link-definition-duplicate', `link definition [${node.label ?? node.identifier}] is defined again here: links use its first definition (line ${lineOf(links.get(node.identifier.toUpperCase()))})`);
        } else {
          links.set(node.identifier.toUpperCase(), node);
        }
        break;
      case 'text':
        if (scanTexts) texts.push(node);
        break;
    }
    if ('children' in node) for (const child of node.children) walk(child, inQuestion);
  };
  // Which blocks are in a question, marked once (asked of every question for every block, a bank of 30,000 questions took a second).
  const inQuestion = new Uint8Array(tree.children.length);
  for (const { start, end } of questions) inQuestion.fill(1, start, end);
  tree.children.forEach((child, index) => walk(child, inQuestion[index] === 1));

  for (const [id, note] of notes) {
    if (!cited.has(id)) sink.report(display, placeOf(note), 'footnote-unused', `footnote [^${note.label ?? note.identifier}] is cited nowhere in the text, so learners never see it`);
  }
  for (const text of texts) {
    const start = text.position?.start;
    const end = text.position?.end;
    if (start?.offset === undefined || end?.offset === undefined) continue;
    const written = source.slice(start.offset, end.offset);
    if (!written.includes('[') && !written.includes(']')) continue;
    const from = start.offset;
    const placeIn = (index: number) => placeAt(source, from + index);
    for (const match of written.matchAll(FOOTNOTE_CALL)) {
      if (notes.has(normalise(match[1]!)) || CHARACTER_CLASS.test(match[1]!)) continue;
      sink.report(display, placeIn(match.index), 'footnote-undefined', `[^${match[1]}] is not a footnote of this file (no \`[^${match[1]}]: …\` defines it), so learners see it as text`);
    }
    for (const match of written.matchAll(FULL_REFERENCE)) {
      const [, before = '', text = '', label = ''] = match;
      if (links.has(normalise(label)) || meantAsText(before, text)) continue;
      sink.report(display, placeIn(match.index + before.length + text.length + 2), 'link-reference-undefined', `no link definition \`[${label}]: …\` in this file, so learners see this link's brackets as text`);
    }
  }
}
