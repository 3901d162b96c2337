/**
 * A small, strict, namespace-aware XML 1.0 parser for package descriptors:
 * it keeps the line and column of every element and attribute so that
 * diagnostics can point at them, reports characters XML 1.0 forbids, and
 * stops at the first well-formedness error as XML parsers must. DTDs are
 * skipped; only the predefined entities and character references are known.
 */
import type { Place } from '../diagnostics/diagnostic.js';

export interface XmlAttribute extends Place {
  /** Qualified name as written (`adlcp:scormType`). */
  name: string;
  local: string;
  /** Namespace IRI; empty for an unprefixed attribute. */
  ns: string;
  value: string;
}

export interface XmlElement extends Place {
  name: string;
  local: string;
  ns: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  parent: XmlElement | undefined;
  /** Text directly inside this element (character data and CDATA). */
  text: string;
  /** Prefix → namespace bindings in scope here. */
  scope: Map<string, string>;
}

export interface XmlProblem extends Place {
  kind: 'syntax' | 'character';
  message: string;
}

export interface XmlDocument {
  root: XmlElement | undefined;
  problems: XmlProblem[];
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
const NAME = /^[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}][-.0-9:A-Z_a-z\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]*$/u;
/** Characters outside XML 1.0's `Char` production (lone surrogates included). */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;
const MAX_REPORTED_CHARACTERS = 10;
const TAGS_PER_STEP = 5000;
const NAME_CHARS = /[^\s/>=<"'!?]+/y;
const END_TAG = /<\/([^\s>]+)\s*>/y;

class SyntaxFailure extends Error {
  constructor(readonly offset: number, message: string, readonly kind: XmlProblem['kind'] = 'syntax') {
    super(message);
  }
}

/** Whether a code point may appear in an XML 1.0 document. */
export function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** Maps offsets to 1-based line and column. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** The place of an offset. */
  place(offset: number): Place {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }
}

/**
 * Decode descriptor bytes: a BOM or the XML declaration's encoding decides,
 * UTF-8 otherwise. Returns undefined when the bytes are not valid in it.
 */
export function decodeXml(bytes: Uint8Array): { text: string } | { error: string } {
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
    const declared = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
    if (declared && declared !== 'utf-8' && declared !== 'utf8') encoding = declared;
  }
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch (error) {
    if (error instanceof RangeError) return { error: `unsupported encoding "${encoding}"` };
    return { error: `the bytes are not valid ${encoding.toUpperCase()}` };
  }
}

/** Parse a (small) XML file at once. Never throws: problems come back as data. */
export function parseXml(text: string): XmlDocument {
  const steps = parseSteps(text);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Parse a descriptor, giving the event loop a turn every few thousand tags,
 * so that a large file never holds up other work for long.
 */
export async function parseXmlAsync(text: string): Promise<XmlDocument> {
  const steps = parseSteps(text);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* parseSteps(text: string): Generator<void, XmlDocument> {
  const lines = new LineIndex(text);
  const problems: XmlProblem[] = [];
  let reported = 0;
  for (const match of text.matchAll(FORBIDDEN)) {
    if (reported++ >= MAX_REPORTED_CHARACTERS) break;
    const code = match[0].codePointAt(0)!;
    problems.push({ kind: 'character', ...lines.place(match.index), message: `character U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML 1.0` });
  }
  try {
    return { root: yield* new Parser(text, lines).document(), problems };
  } catch (error) {
    if (!(error instanceof SyntaxFailure)) throw error;
    problems.push({ kind: error.kind, ...lines.place(error.offset), message: error.message });
    return { root: undefined, problems };
  }
}

class Parser {
  private at = 0;
  /** Names already found valid: descriptors repeat a few names many times. */
  private readonly names = new Set<string>();
  constructor(private readonly text: string, private readonly lines: LineIndex) {}

  *document(): Generator<void, XmlElement> {
    if (this.text.startsWith('\uFEFF')) this.at = 1;
    let root: XmlElement | undefined;
    const stack: XmlElement[] = [];
    const rootScope = new Map([['xml', XML_NS]]);
    let tags = 0;
    while (this.at < this.text.length) {
      if (++tags % TAGS_PER_STEP === 0) yield;
      const lt = this.text.indexOf('<', this.at);
      const textEnd = lt === -1 ? this.text.length : lt;
      if (textEnd > this.at) {
        const raw = this.text.slice(this.at, textEnd);
        const top = stack[stack.length - 1];
        if (top) top.text += this.decode(raw, this.at);
        else if (/\S/.test(raw)) this.fail(this.at + raw.search(/\S/), 'text outside the root element');
        this.at = textEnd;
        if (lt === -1) break;
      }
      const top = stack[stack.length - 1];
      if (this.text.startsWith('<!--', this.at)) this.skipPast('-->', 'unterminated comment');
      else if (this.text.startsWith('<?', this.at)) {
        if (/^<\?xml[\s?]/i.test(this.text.slice(this.at, this.at + 6)) && this.at > (this.text.startsWith('\uFEFF') ? 1 : 0)) {
          this.fail(this.at, 'the XML declaration must be at the very start of the file');
        }
        this.skipPast('?>', 'unterminated processing instruction');
      } else if (this.text.startsWith('<![CDATA[', this.at)) {
        if (!top) this.fail(this.at, 'CDATA outside the root element');
        const end = this.text.indexOf(']]>', this.at + 9);
        if (end === -1) this.fail(this.at, 'unterminated CDATA section');
        top!.text += this.text.slice(this.at + 9, end);
        this.at = end + 3;
      } else if (this.text.startsWith('<!DOCTYPE', this.at)) {
        if (root || top) this.fail(this.at, 'DOCTYPE after the root element started');
        this.skipDoctype();
      } else if (this.text.startsWith('</', this.at)) {
        const start = this.at;
        END_TAG.lastIndex = this.at;
        const match = END_TAG.exec(this.text);
        if (!match) this.fail(start, 'malformed end tag');
        if (!top) this.fail(start, `end tag </${match![1]}> without a start tag`);
        if (match![1] !== top!.name) this.fail(start, `end tag </${match![1]}> does not match <${top!.name}> opened at line ${top!.line}`);
        stack.pop();
        this.at += match![0].length;
      } else {
        if (root && !top) this.fail(this.at, 'a second root element');
        const { element, selfClosing } = this.startTag(top?.scope ?? rootScope);
        element.parent = top;
        if (top) top.children.push(element);
        else root = element;
        if (!selfClosing) stack.push(element);
      }
    }
    if (stack.length) this.fail(this.text.length, `<${stack[stack.length - 1]!.name}> is never closed`);
    if (!root) this.fail(this.text.length, 'no root element');
    return root!;
  }

  private startTag(parentScope: Map<string, string>): { element: XmlElement; selfClosing: boolean } {
    const start = this.at;
    this.at++;
    const name = this.name();
    const raw: Array<{ name: string; value: string; offset: number }> = [];
    for (;;) {
      const spaced = this.whitespace();
      if (this.text.startsWith('/>', this.at) || this.text[this.at] === '>') break;
      if (this.at >= this.text.length) this.fail(start, `unterminated start tag <${name}`);
      if (!spaced) this.fail(this.at, 'attributes must be separated by white space');
      const offset = this.at;
      const attrName = this.name();
      this.whitespace();
      if (this.text[this.at] !== '=') this.fail(this.at, `attribute ${attrName} has no value`);
      this.at++;
      this.whitespace();
      const quote = this.text[this.at];
      if (quote !== '"' && quote !== "'") this.fail(this.at, `the value of ${attrName} must be quoted`);
      const end = this.text.indexOf(quote!, this.at + 1);
      if (end === -1) this.fail(this.at, `unterminated value of ${attrName}`);
      const value = this.text.slice(this.at + 1, end);
      const lt = value.indexOf('<');
      if (lt !== -1) this.fail(this.at + 1 + lt, `"<" in the value of ${attrName}`);
      if (raw.some((a) => a.name === attrName)) this.fail(offset, `attribute ${attrName} appears twice`);
      raw.push({ name: attrName, value: this.attributeValue(value, this.at + 1), offset });
      this.at = end + 1;
    }
    const selfClosing = this.text[this.at] === '/';
    this.at += selfClosing ? 2 : 1;

    // Most elements declare no namespace: they share their parent's bindings.
    const declares = raw.some((a) => a.name === 'xmlns' || a.name.startsWith('xmlns:'));
    const scope = declares ? new Map(parentScope) : parentScope;
    for (const a of declares ? raw : []) {
      if (a.name === 'xmlns') scope.set('', a.value);
      else if (a.name.startsWith('xmlns:')) {
        if (!a.value) this.fail(a.offset, `namespace prefix ${a.name.slice(6)} bound to an empty name`);
        scope.set(a.name.slice(6), a.value);
      }
    }
    const resolve = (qname: string, offset: number, isElement: boolean): { local: string; ns: string } => {
      const colon = qname.indexOf(':');
      if (colon === -1) return { local: qname, ns: isElement ? (scope.get('') ?? '') : '' };
      const prefix = qname.slice(0, colon);
      const local = qname.slice(colon + 1);
      if (prefix === 'xmlns') return { local, ns: XMLNS_NS };
      const ns = scope.get(prefix);
      if (ns === undefined) this.fail(offset, `namespace prefix ${prefix} is not declared`);
      if (!local || local.includes(':')) this.fail(offset, `${qname} is not a valid qualified name`);
      return { local, ns: ns! };
    };
    const attributes = raw.map((a) => ({ name: a.name, value: a.value, ...resolve(a.name, a.offset, false), ...this.lines.place(a.offset) }));
    const seen = new Set<string>();
    for (const [i, a] of attributes.entries()) {
      const key = `{${a.ns}}${a.local}`;
      if (a.ns && seen.has(key)) this.fail(raw[i]!.offset, `attribute ${a.local} in namespace ${a.ns} appears twice`);
      seen.add(key);
    }
    const element: XmlElement = { name, ...resolve(name, start + 1, true), attributes, children: [], parent: undefined, text: '', scope, ...this.lines.place(start) };
    return { element, selfClosing };
  }

  private name(): string {
    NAME_CHARS.lastIndex = this.at;
    const match = NAME_CHARS.exec(this.text);
    const name = match?.[0];
    if (!name || (!this.names.has(name) && !NAME.test(name))) this.fail(this.at, 'expected a name');
    this.names.add(name!);
    this.at += name!.length;
    return name!;
  }

  private whitespace(): boolean {
    const from = this.at;
    while (this.at < this.text.length && ' \t\r\n'.includes(this.text[this.at]!)) this.at++;
    return this.at > from;
  }

  private skipPast(end: string, message: string): void {
    const found = this.text.indexOf(end, this.at + 2);
    if (found === -1) this.fail(this.at, message);
    this.at = found + end.length;
  }

  private skipDoctype(): void {
    const start = this.at;
    let depth = 0;
    for (let i = this.at + 9; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '>' && depth <= 0) {
        this.at = i + 1;
        return;
      }
    }
    this.fail(start, 'unterminated DOCTYPE');
  }

  /** Replace entity and character references; refuse a bare `&`. */
  private decode(raw: string, offset: number): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&\s<]{0,40});?/g, (whole, ref: string, index: number) => this.reference(whole, ref, offset + index));
  }

  /**
   * An attribute's value as XML 1.0 gives it (§2.11, §3.3.3): each white space character written
   * as such a space (a line break written CR LF one space), references replaced; white space
   * written as a reference (`&#9;`) stays what it names.
   */
  private attributeValue(raw: string, offset: number): string {
    return raw.replace(/\r\n|[\t\n\r]|&([^;&\s<]{0,40});?/g, (whole, ref: string | undefined, index: number) => (whole.startsWith('&') ? this.reference(whole, ref ?? '', offset + index) : ' '));
  }

  /** The text of one reference (`&amp;`, `&#9;`), at `at` in the document. */
  private reference(whole: string, ref: string, at: number): string {
    if (!whole.endsWith(';')) this.fail(at, '"&" must start a reference such as &amp;');
    if (ref.startsWith('#')) {
      const code = /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
      if (!isXmlChar(code)) throw new SyntaxFailure(at, `character reference ${whole} names a character XML 1.0 does not allow`, 'character');
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED[ref];
    if (value === undefined) this.fail(at, `unknown entity ${whole}`);
    return value!;
  }

  private fail(offset: number, message: string): never {
    throw new SyntaxFailure(Math.min(offset, this.text.length), message);
  }
}

/** Child elements, optionally by local name and namespace. */
export function childElements(element: XmlElement | undefined, local?: string, ns?: string): XmlElement[] {
  if (!element) return [];
  return element.children.filter((c) => (local === undefined || c.local === local) && (ns === undefined || c.ns === ns));
}

/** The first child element with this local name (and namespace). */
export function childElement(element: XmlElement | undefined, local: string, ns?: string): XmlElement | undefined {
  return childElements(element, local, ns)[0];
}

/** Every element below (not including) `element`, in document order (no recursion: hostile files nest deep). */
export function descendants(element: XmlElement | undefined): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = element ? [...element.children].reverse() : [];
  while (stack.length) {
    const e = stack.pop()!;
    out.push(e);
    for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]!);
  }
  return out;
}

/** An attribute by local name; `ns` defaults to no namespace. */
export function attribute(element: XmlElement | undefined, local: string, ns = ''): XmlAttribute | undefined {
  return element?.attributes.find((a) => a.local === local && a.ns === ns);
}

/** An attribute by local name in any namespace (for tolerant look-ups). */
export function attributeAnyNs(element: XmlElement | undefined, local: string): XmlAttribute | undefined {
  return element?.attributes.find((a) => a.local === local && a.ns !== XMLNS_NS);
}

/** All text inside an element and its descendants, trimmed. */
export function textContent(element: XmlElement | undefined): string {
  if (!element) return '';
  return [element, ...descendants(element)].map((e) => e.text).join('').trim();
}

export { XML_NS };
