/**
 * XLIFF 2.0 files of a course's texts, for translators' tools: one `<file>` per
 * course, one `<unit>` per text (id `course:title`, `lesson:<id>`, `bank:<id>`,
 * `question:<id>`), Markdown kept as the unit's text. Written with the `xliff`
 * package (the segment's `state`, which it does not carry, is added after); read
 * with saxes, keeping where each unit and each character of its target is, so that
 * a problem is reported at its place in the file the translator works in.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { js2xliff } from 'xliff';
import type { RuleId } from '../diagnostics/catalogue.js';
import type { Place } from '../diagnostics/diagnostic.js';
import { placeAt } from '../course/source-places.js';

/** XLIFF 2.0 segment states, in the order a translation goes through them. */
export const SEGMENT_STATES = ['initial', 'translated', 'reviewed', 'final'] as const;
export type SegmentState = (typeof SEGMENT_STATES)[number];

export interface XliffUnit {
  id: string;
  source: string;
  target?: string;
  /** `translated` for an up-to-date translation, `initial` for one whose source has changed since. */
  state?: SegmentState;
  /** Guidance for the translator. */
  note?: string;
}

export interface XliffDocument {
  /** The course id (the `<file id>`). */
  course: string;
  sourceLanguage: string;
  targetLanguage: string;
  units: XliffUnit[];
}

/** Write a course's units as XLIFF 2.0. */
export async function writeXliff(doc: XliffDocument): Promise<string> {
  // The XML writer under the package turns a literal "&amp;" in a text into "&": carry every
  // ampersand through it as a private-use character no text of the document contains.
  const texts = doc.units.flatMap((u) => [u.source, u.target ?? '', u.note ?? '']).join('');
  let code = 0xe000;
  while (texts.includes(String.fromCharCode(code))) code++;
  const amp = String.fromCharCode(code);
  const hide = (text: string) => text.replaceAll('&', amp);
  const units: Record<string, { source: string; target?: string; note?: string; additionalAttributes: Record<string, string> }> = {};
  for (const unit of doc.units) {
    units[unit.id] = {
      source: hide(unit.source),
      ...(unit.target !== undefined ? { target: hide(unit.target) } : {}),
      ...(unit.note ? { note: hide(unit.note) } : {}),
      // Markdown: line breaks and indentation are meaning, and a unit is one text (its file or section).
      additionalAttributes: { canResegment: 'no', 'xml:space': 'preserve' },
    };
  }
  const xml = (await js2xliff({ sourceLanguage: doc.sourceLanguage, targetLanguage: doc.targetLanguage, resources: { [doc.course]: units } })) as string;
  let index = 0;
  const withStates = xml.replace(/<segment>/g, () => {
    const state = doc.units[index++]?.state;
    return state ? `<segment state="${state}">` : '<segment>';
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${withStates.replaceAll(amp, '&amp;')}\n`;
}

/** A problem of one place in an XLIFF file. */
export interface XliffProblem {
  place: Place;
  rule: RuleId;
  message: string;
}

/** An XLIFF document as read from a file, with the places of its parts. */
export interface XliffRead extends XliffDocument {
  /** The root `<xliff>` element, which carries `srcLang` and `trgLang`. */
  root: Place;
  /** What could not be read, each at its place; a unit with a problem is not among `units`. */
  problems: XliffProblem[];
  /**
   * Where a unit's target text is in the file: the character at `index` of `unit.target`
   * (a UTF-16 offset), or the unit's first `<target>` (its `<unit>` without one) when no
   * index is given or the index is past the text.
   */
  locate(unit: XliffUnit, index?: number): Place;
}

/** Largest XLIFF file read: a course's texts twice (source and target) with room to spare. */
export const MAX_XLIFF_BYTES = 64 * 1024 * 1024;

const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';

/** Inline elements whose content is text of the unit: annotations (`<mrk>`) and paired codes (`<pc>`). */
const KEPT_INLINE = new Set(['mrk', 'pc']);
/** Empty markers of an annotation's start and end: nothing of the text is in them. */
const MARKERS = new Set(['sm', 'em']);
/** Codes standing for something of the original format, which skillpack's Markdown has none of. */
const CODES = new Set(['ph', 'sc', 'ec']);

/** A text being collected (a `<source>` or `<target>`): its characters and where each run of them is in the file. */
class Piece {
  text = '';
  /** Runs: from decoded offset `at` on, character `at + k` is at file offset `raw + k`. */
  readonly runs: Array<{ at: number; raw: number }> = [];
  constructor(readonly start: number) {}

  /** Add decoded text whose raw form is `raw[from, to)` (entity and character references, CR LF). */
  addText(decoded: string, raw: string, from: number, to: number, cdata = false): void {
    const base = this.text.length;
    const runs: Array<{ at: number; raw: number }> = [{ at: base, raw: from }];
    let i = from;
    let d = 0;
    while (i < to) {
      const c = raw.charCodeAt(i);
      if (c === 0x26 /* & */ && !cdata) {
        const end = raw.indexOf(';', i);
        if (end < 0 || end >= to) break;
        const name = raw.slice(i + 1, end);
        const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : name.startsWith('#') ? parseInt(name.slice(1), 10) : NaN;
        d += Number.isNaN(code) ? 1 : String.fromCodePoint(code).length;
        i = end + 1;
        runs.push({ at: base + d, raw: i });
      } else if (c === 0x0d /* CR */) {
        i += raw.charCodeAt(i + 1) === 0x0a ? 2 : 1;
        d += 1;
        runs.push({ at: base + d, raw: i });
      } else {
        i++;
        d++;
      }
    }
    // Anything unexpected: the whole text is placed at its start rather than misplaced.
    if (i !== to || d !== decoded.length) this.runs.push({ at: base, raw: from }, { at: base + decoded.length, raw: from });
    else for (const run of runs) this.runs.push(run); // (not spread: a text of a hundred thousand lines would overflow the call stack)
    this.text += decoded;
  }

  /** Add a character that stands at `raw` in the file (a `<cp>`). */
  addChar(char: string, raw: number): void {
    this.runs.push({ at: this.text.length, raw }, { at: this.text.length + char.length, raw });
    this.text += char;
  }

  /** The file offset of the character at `index`. */
  offsetOf(index: number): number {
    let low = 0;
    let high = this.runs.length - 1;
    if (high < 0) return this.start;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.runs[mid]!.at <= index) low = mid;
      else high = mid - 1;
    }
    const run = this.runs[low]!;
    return run.at <= index ? run.raw + (index - run.at) : this.start;
  }
}

/** A `<segment>` or `<ignorable>` of a unit. */
interface Part {
  kind: 'segment' | 'ignorable';
  start: number;
  state?: SegmentState;
  source?: Piece;
  target?: Piece;
}

/** Where a unit's target text comes from: each part's text, at its offset in the whole. */
interface TargetMap {
  start: number;
  pieces: Array<{ at: number; piece: Piece; length: number }>;
}

/**
 * Read an XLIFF 2.0 file of one course. Throws an Error that says what is wrong when the file
 * is not one (not well-formed, a DTD, another root or version, no languages, not one `<file>`);
 * what is wrong with a unit is among `problems`, at its place.
 *
 * A unit's text is every `<segment>` and `<ignorable>` in order (an `<ignorable>` without a
 * target gives its source); `<mrk>` and `<pc>` keep their text, `<sm>` and `<em>` mark none, a
 * `<cp>` is its character unless that is a control character; `<ph>`, `<sc>`, `<ec>` and any other
 * element in a text are problems, as are a unit without id or source, an id used twice and a
 * unit translated in part. Units are read wherever they are in the `<file>` (in `<group>`s too).
 */
export async function readXliff(text: string): Promise<XliffRead> {

  const parser = new SaxesParser({ xmlns: true });
  const problems: XliffProblem[] = [];
  const problem = (offset: number, rule: RuleId, message: string) => problems.push({ place: placeAt(text, offset), rule, message });
  const units: XliffUnit[] = [];
  const targets = new WeakMap<XliffUnit, TargetMap>();
  const seen = new Map<string, number>();

  let root: { name: string; start: number; attributes: Record<string, SaxesAttributeNS> } | undefined;
  let doctype = false;
  const files: string[] = [];
  /** XLIFF elements open (local names), innermost last. */
  const open: string[] = [];
  /** End of the last piece of markup: where text that follows starts. */
  let markupEnd = 0;

  /** The unit being read; `depth` is how many elements are open around it. */
  let unit: { id: string | undefined; start: number; depth: number; parts: Part[]; broken: boolean } | undefined;
  let part: Part | undefined;
  let piece: Piece | undefined;
  /** Inline elements open in the piece, and how many of them are not kept (their text is not collected). */
  let inline = 0;
  let skipped = 0;

  const isXliff = (tag: SaxesTagNS) => tag.uri === XLIFF_NS || tag.uri === '';
  const attribute = (tag: SaxesTagNS, name: string) => {
    const found = Object.values(tag.attributes).find((a) => a.local === name && a.prefix === '');
    return found?.value;
  };

  parser.on('xmldecl', () => (markupEnd = parser.position));
  parser.on('doctype', () => (doctype = true));
  parser.on('processinginstruction', () => (markupEnd = parser.position));
  parser.on('comment', () => (markupEnd = parser.position + (text[parser.position] === '>' ? 1 : 0)));
  parser.on('text', (decoded) => {
    const end = parser.position - 1;
    if (piece && skipped === 0) piece.addText(decoded, text, markupEnd, text[end] === '<' ? end : markupEnd);
  });
  parser.on('cdata', (decoded) => {
    if (piece && skipped === 0) piece.addText(decoded, text, markupEnd + 9, parser.position - 3, true);
    markupEnd = parser.position;
  });

  parser.on('opentag', (tag) => {
    const start = text.indexOf('<', markupEnd);
    markupEnd = parser.position;
    if (!root) {
      root = { name: tag.name, start, attributes: tag.attributes };
      open.push(tag.local);
      return;
    }
    const name = isXliff(tag) ? tag.local : `{${tag.uri}}${tag.local}`;
    if (piece) {
      inline++;
      if (skipped > 0) {
        skipped++;
        return;
      }
      if (isXliff(tag) && KEPT_INLINE.has(tag.local)) return;
      if (isXliff(tag) && MARKERS.has(tag.local)) return;
      if (isXliff(tag) && tag.local === 'cp') {
        const hex = attribute(tag, 'hex') ?? '';
        const code = /^[0-9a-fA-F]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
        const char = Number.isNaN(code) || code > 0x10ffff ? undefined : String.fromCodePoint(code);
        if (char === undefined || (code >= 0xd800 && code <= 0xdfff)) problem(start, 'xliff-inline-code', `<cp hex="${hex}"> is not a character`);
        else if ((/\p{Cc}/u.test(char) && !'\t\n\r'.includes(char)) || code === 0xfffe || code === 0xffff) problem(start, 'xliff-inline-code', `<cp hex="${hex}"> is the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}, which a course file cannot hold`);
        else {
          piece.addChar(char, start);
          return;
        }
      } else if (isXliff(tag) && CODES.has(tag.local)) {
        problem(start, 'xliff-inline-code', `<${tag.name}> (an inline code a translation tool added) in unit "${unit?.id ?? ''}": skillpack's texts are Markdown and have none, so it cannot be imported`);
      } else {
        problem(start, 'xliff-inline-code', `<${tag.name}> cannot be in the text of unit "${unit?.id ?? ''}" (XLIFF 2.0 inline content is text, <mrk>, <pc>, <sm>, <em> and <cp>)`);
      }
      if (unit) unit.broken = true;
      skipped = 1;
      return;
    }
    const parent = open.at(-1);
    open.push(name);
    if (name === 'file' && parent === 'xliff') files.push(attribute(tag, 'id') ?? '');
    else if (name === 'unit' && files.length && !unit) {
      unit = { id: attribute(tag, 'id'), start, depth: open.length - 1, parts: [], broken: false };
    } else if ((name === 'segment' || name === 'ignorable') && unit && parent === 'unit') {
      const state = attribute(tag, 'state');
      part = { kind: name, start, ...(state && (SEGMENT_STATES as readonly string[]).includes(state) ? { state: state as SegmentState } : {}) };
      unit.parts.push(part);
    } else if ((name === 'source' || name === 'target') && part && parent === part.kind) {
      if (part[name]) {
        problem(start, 'xliff-unit-invalid', `a ${part.kind} of unit "${unit?.id ?? ''}" has a second <${name}>`);
        if (unit) unit.broken = true;
      }
      piece = new Piece(start);
      part[name] = piece;
      inline = 0;
      skipped = 0;
    }
  });

  parser.on('closetag', () => {
    markupEnd = parser.position;
    if (piece && inline > 0) {
      inline--;
      if (skipped > 0) skipped--;
      return;
    }
    const name = open.pop();
    if (piece && (name === 'source' || name === 'target')) piece = undefined;
    else if (name === 'segment' || name === 'ignorable') part = undefined;
    else if (name === 'unit' && unit && open.length === unit.depth) {
      const done = unit;
      unit = undefined;
      finishUnit(done);
    }
  });

  function finishUnit(read: { id: string | undefined; start: number; parts: Part[]; broken: boolean }): void {
    const { id, start, parts } = read;
    if (!id) {
      problem(start, 'xliff-unit-invalid', 'a <unit> without an id: skillpack cannot tell which text it is');
      return;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      const at = placeAt(text, first);
      problem(start, 'xliff-unit-invalid', `unit id "${id}" is used twice (first at line ${at.line}, column ${at.column}): which of them is the translation cannot be told`);
      return;
    }
    seen.set(id, start);
    const segments = parts.filter((p) => p.kind === 'segment');
    if (segments.length === 0 || parts.some((p) => !p.source)) {
      problem(start, 'xliff-unit-invalid', `unit "${id}" has ${segments.length === 0 ? 'no <segment>' : 'a segment without a <source>'}`);
      return;
    }
    if (read.broken) return;
    const source = parts.map((p) => p.source!.text).join('');
    const translated = segments.some((p) => p.target && p.target.text.trim());
    let target: string | undefined;
    const map: TargetMap = { start, pieces: [] };
    if (translated) {
      const untranslated = segments.filter((p) => p.source!.text.trim() && !(p.target && p.target.text.trim()));
      if (untranslated.length) {
        for (const p of untranslated) problem(p.target?.start ?? p.start, 'xliff-unit-invalid', `segment ${segments.indexOf(p) + 1} of ${segments.length} of unit "${id}" has no target while others have one: the unit would lose its text`);
        return;
      }
      target = '';
      for (const p of parts) {
        const from = p.target ?? p.source!;
        map.pieces.push({ at: target.length, piece: from, length: from.text.length });
        target += from.text;
      }
      map.start = parts.find((p) => p.target)!.target!.start;
    } else if (segments.some((p) => p.target)) {
      // Targets there, all empty: a tool's unconfirmed segments, the same as none.
      target = '';
      map.start = segments.find((p) => p.target)!.target!.start;
    }
    // The least advanced state any segment gives (a unit is as far as its least translated part).
    // (A reduce, not Math.min(...): a unit of a hundred thousand segments would overflow the call stack.)
    const least = segments.reduce((min, p) => (p.state ? Math.min(min, SEGMENT_STATES.indexOf(p.state)) : min), Infinity);
    const state = least === Infinity ? undefined : SEGMENT_STATES[least];
    const unit: XliffUnit = { id, source, ...(target !== undefined ? { target } : {}), ...(state ? { state } : {}) };
    units.push(unit);
    targets.set(unit, map);
  }

  try {
    parser.write(text).close();
  } catch (error) {
    throw new Error(`not well-formed XML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (doctype) throw new Error('it declares a DTD (<!DOCTYPE>), which XLIFF does not use and skillpack does not read (its entities can hide or expand text)');
  if (!root) throw new Error('not an XLIFF file (its root element is <none>)');
  const rootAttribute = (name: string) => Object.values(root!.attributes).find((a) => a.local === name && a.prefix === '')?.value;
  if (root.name.replace(/^.*:/, '') !== 'xliff') throw new Error(`not an XLIFF file (its root element is <${root.name}>)`);
  const version = rootAttribute('version');
  if (!version?.startsWith('2.')) throw new Error(`XLIFF ${version ?? 'without a version'}: skillpack reads XLIFF 2.0 (as \`skillpack translate export\` writes it)`);
  const sourceLanguage = rootAttribute('srcLang');
  const targetLanguage = rootAttribute('trgLang');
  if (!sourceLanguage) throw new Error('not an XLIFF 2.0 file (no <xliff version="2.0" srcLang="…">)');
  if (!targetLanguage) throw new Error('the XLIFF file names no target language (trgLang)');
  if (files.length !== 1) throw new Error(`the XLIFF file has ${files.length} <file> elements: skillpack writes one per course`);

  const locate = (unit: XliffUnit, index?: number): Place => {
    const map = targets.get(unit);
    if (!map) return { line: 1, column: 1 };
    if (index === undefined) return placeAt(text, map.start);
    const found = map.pieces.find((p) => index >= p.at && index < p.at + p.length);
    return placeAt(text, found ? found.piece.offsetOf(index - found.at) : map.start);
  };
  return { course: files[0]!, sourceLanguage, targetLanguage, units, root: placeAt(text, root.start), problems, locate };
}
