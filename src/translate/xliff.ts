/**
 * XLIFF 2.0 files of a course's texts, for translators' tools: one `<file>` per
 * course, one `<unit>` per text (id `course:title`, `lesson:<id>`, `bank:<id>`,
 * `question:<id>`), Markdown kept as the unit's text. Written and read with the
 * `xliff` package; the segment's `state` (which the package does not carry) is
 * added on writing and read back with saxes.
 */
import { SaxesParser } from 'saxes';
import { js2xliff, xliff2js } from 'xliff';

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

interface XliffJsUnit {
  source?: unknown;
  target?: unknown;
  note?: unknown;
}

interface XliffJs {
  sourceLanguage?: string;
  targetLanguage?: string;
  resources?: Record<string, Record<string, XliffJsUnit>>;
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

/** Read an XLIFF 2.0 file of one course; throws an Error that says what is wrong. */
export async function readXliff(text: string): Promise<XliffDocument> {
  const { states, root, version, problem } = scan(text);
  if (problem) throw new Error(`not well-formed XML: ${problem}`);
  if (root !== 'xliff') throw new Error(`not an XLIFF file (its root element is <${root ?? 'none'}>)`);
  if (!version?.startsWith('2.')) throw new Error(`XLIFF ${version ?? 'without a version'}: skillpack reads XLIFF 2.0 (as \`skillpack translate export\` writes it)`);
  let js: XliffJs;
  try {
    js = (await xliff2js(text)) as XliffJs;
  } catch (error) {
    throw new Error(`not an XLIFF file: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (!js.resources || !js.sourceLanguage) throw new Error('not an XLIFF 2.0 file (no <xliff version="2.0" srcLang="…">)');
  if (!js.targetLanguage) throw new Error('the XLIFF file names no target language (trgLang)');
  const files = Object.keys(js.resources);
  if (files.length !== 1) throw new Error(`the XLIFF file has ${files.length} <file> elements: skillpack writes one per course`);
  const course = files[0]!;
  const units: XliffUnit[] = [];
  for (const [id, unit] of Object.entries(js.resources[course]!)) {
    if (!unit || typeof unit !== 'object' || !('source' in unit)) continue;
    units.push({
      id,
      source: plain(unit.source),
      ...(unit.target !== undefined ? { target: plain(unit.target) } : {}),
      ...(states.get(id) ? { state: states.get(id) } : {}),
    });
  }
  return { course, sourceLanguage: js.sourceLanguage, targetLanguage: js.targetLanguage, units };
}

/** A unit text as a string (inline markup a tool may have added is kept as its text). */
function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(plain).join('');
  if (value && typeof value === 'object') {
    const inner = Object.values(value as Record<string, unknown>)[0];
    if (inner && typeof inner === 'object' && 'contents' in inner) return plain((inner as { contents: unknown }).contents);
  }
  return '';
}

/** The root element and its version, the state of each unit's (first) segment by unit id, and why the XML does not parse. */
function scan(text: string): { states: Map<string, SegmentState>; root?: string; version?: string; problem?: string } {
  const states = new Map<string, SegmentState>();
  const parser = new SaxesParser();
  let unit: string | undefined;
  let root: string | undefined;
  let version: string | undefined;
  parser.on('opentag', (tag) => {
    if (root === undefined) {
      root = tag.name;
      version = tag.attributes.version === undefined ? undefined : String(tag.attributes.version);
    }
    if (tag.name === 'unit') unit = String(tag.attributes.id ?? '');
    else if (tag.name === 'segment' && unit !== undefined && !states.has(unit)) {
      const state = String(tag.attributes.state ?? '');
      if ((SEGMENT_STATES as readonly string[]).includes(state)) states.set(unit, state as SegmentState);
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'unit') unit = undefined;
  });
  try {
    parser.write(text).close();
  } catch (error) {
    return { states, root, version, problem: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
  return { states, root, version };
}
