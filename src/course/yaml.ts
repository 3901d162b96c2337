/**
 * YAML validated with zod, every failing key reported at the YAML node's own
 * line and column (not just "somewhere in course.yml").
 */
import { suggest } from '../diagnostics/suggest.js';
import { isAlias, isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
// The English locale's own module: `zod/locales` would load all of them wherever the sources run unbundled (tsx, tests).
import en from 'zod/v4/locales/en.js';
import { config, type infer as Infer, type ZodMiniType } from 'zod/mini';
import type { $ZodIssue } from 'zod/v4/core';
import type { DiagnosticSink, Place } from '../diagnostics/diagnostic.js';
import { joinsTight } from '../languages/cjk.js';
import { fullWidthNumber, nameOf, typeInstead } from '../languages/full-width.js';

// zod/mini carries no messages of its own: the English ones are what authors read (`Too big: …`).
config(en());

/** Most aliases a document may resolve (course files need none; a few are harmless). */
const MAX_ALIASES = 20;

/** Place of the first alias in a document, for the message that refuses them. */
function firstAlias(doc: Document, lines: LineCounter): Place | undefined {
  let place: Place | undefined;
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node) && node.range) {
        const pos = lines.linePos(node.range[0]);
        place = { line: pos.line, column: pos.col };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return place;
}

/** Where in a YAML text a zod issue points. */
function placeAt(doc: Document, lines: LineCounter, path: PropertyKey[], key?: string): Place | undefined {
  let node: unknown = doc.contents;
  for (const segment of path) {
    if (!node || typeof node !== 'object' || !('get' in node)) break;
    const next = (node as { get(k: unknown, keep: true): unknown }).get(segment, true);
    if (next === undefined) break;
    node = next;
  }
  let range = (node as YamlNode | undefined)?.range;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
    if (pair && isScalar(pair.key) && pair.key.range) range = pair.key.range;
  }
  if (!range) return { line: 1, column: 1 };
  const start = lines.linePos(range[0]);
  const end = lines.linePos(range[1]);
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

/**
 * The YAML parser's message, said the way an author can act on it.
 * @param code the parser's error code
 * @param message the parser's own message (kept when there is nothing better to say)
 * @param char the character at the error's position
 */
export function plainYamlMessage(code: string, message: string, char: string): string {
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'this value contains `: ` (a colon and a space), which YAML reads as a new key: put the whole value in quotes';
    case 'TAB_AS_INDENT':
      return 'YAML does not allow tabs for indentation: indent with spaces';
    case 'DUPLICATE_KEY':
      return 'this key appears twice in the same block: keep one';
    case 'BAD_INDENT':
      return /flow/i.test(message) ? 'a list `[…]` or map `{…}` is not closed: add the closing bracket, or quote the value' : 'the keys of one block must start at the same column: check the indentation of this line and the one above';
    case 'MISSING_CHAR':
      return /quote/i.test(message) ? 'a quoted value is not closed: add the closing quote' : `something is missing here: ${message.split('\n')[0]}`;
    case 'BAD_SCALAR_START':
      return `a value cannot start with \`${char}\` unless it is in quotes: put the whole value in quotes`;
    case 'UNEXPECTED_TOKEN':
      return /scalar at node end/.test(message) ? 'unexpected text after a value (a value that starts with `*`, `&`, `!` or `"` must be quoted as a whole)' : 'unexpected text here: check quoting and indentation';
    default:
      return message.split('\n')[0] ?? 'invalid YAML';
  }
}

/** Plain-language description of a zod issue. */
function describe(issue: $ZodIssue, input: unknown): string {
  const where = issue.path.length ? `\`${issue.path.join('.')}\`` : 'the document';
  // `６０` typed with a Chinese input method is text to YAML: "expected number" would not say why.
  const fullWidth = typeof input === 'string' && (issue.code === 'invalid_type' || issue.code === 'invalid_format') ? fullWidthNumber(input) : undefined;
  if (fullWidth) return `${where}: ${fullWidth}`;
  switch (issue.code) {
    case 'invalid_type':
      return `${where}: expected ${issue.expected}`;
    case 'invalid_value': {
      const options = issue.values.map((v) => String(v));
      const given = typeof input === 'string' ? input : undefined;
      const near = given ? suggest(given, options) : undefined;
      const suggestion = near ? ` (did you mean ${JSON.stringify(near)}?)` : '';
      return `${where}: ${given !== undefined ? `${JSON.stringify(given)} is not allowed: ` : ''}use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${suggestion}`;
    }
    default:
      return `${where}: ${issue.message}`;
  }
}

/**
 * A text YAML folds (a `>` block, or plain text over several lines) has its lines joined with a
 * space, as English wants; Chinese wants none between Chinese characters or next to Chinese
 * punctuation, and a summary written over several lines showed "组织机构、 工作岗位分析". The
 * lines are joined again as Chinese joins them, only where the source breaks a line.
 */
function foldChineseLines(doc: Document, text: string): void {
  visit(doc, {
    Scalar(_, node) {
      if ((node.type !== 'BLOCK_FOLDED' && node.type !== 'PLAIN') || typeof node.value !== 'string' || !node.range) return;
      const joined = joinedAsChinese(text.slice(node.range[0], node.range[1]), node.value, node.type === 'BLOCK_FOLDED');
      if (joined !== undefined) node.value = joined;
    },
  });
}

/**
 * A folded text's lines joined as Chinese joins them, or undefined when its source is not plain
 * lines folded into `value` (more-indented lines, escapes…: then YAML's own value stands).
 * @param source the scalar as written (a block's header line first)
 * @param block whether it is a `>` block (else plain text)
 */
function joinedAsChinese(source: string, value: string, block: boolean): string | undefined {
  if (!source.includes('\n')) return undefined;
  const lines = source.split('\n').slice(block ? 1 : 0);
  const indents = lines.filter((line) => line.trim()).map((line) => line.length - line.trimStart().length);
  if (block && indents.some((indent) => indent !== indents[0])) return undefined;
  // Paragraphs: runs of lines, parted by empty lines (each one a line break in the value).
  const paragraphs: Array<{ lines: string[]; breaks: number }> = [];
  let breaks = 0;
  for (const line of lines.map((l) => l.trim())) {
    if (!line) {
      breaks++;
    } else if (breaks > 0 || paragraphs.length === 0) {
      paragraphs.push({ lines: [line], breaks: paragraphs.length ? breaks : 0 });
      breaks = 0;
    } else {
      paragraphs.at(-1)!.lines.push(line);
    }
  }
  const join = (tight: boolean) => paragraphs.map((p) => '\n'.repeat(p.breaks) + p.lines.reduce((text, line) => text + (tight && joinsTight(text.at(-1), line[0]) ? '' : ' ') + line)).join('');
  const ending = /\n*$/.exec(value)![0];
  return join(false) === value.slice(0, value.length - ending.length) ? join(true) + ending : undefined;
}

/** Lines of a YAML text that a Chinese input method broke, and the text as it was meant. */
interface ChineseInput {
  found: Array<{ place: Place; message: string }>;
  /** The text with those lines as they were meant, to check the rest of it in the same run. */
  meant: string;
  /** Where a place in `meant` is in the text: a space put in after a `:` or `-` moves what follows it. */
  toSource: (place: Place) => Place;
}

/**
 * Lines of a YAML text that a Chinese input method broke: a key followed by a full-width `：`, an
 * indentation or a list item's `-` typed full-width. YAML reads none of them, and its own message
 * (a colon in a value, an object expected) would send the author looking elsewhere. Read only when
 * the text fails, so a `：` inside a text is never taken for one.
 */
function chineseInput(text: string): ChineseInput {
  const found: ChineseInput['found'] = [];
  /** Per line (1-based), the columns of `meant` where a space was put in. */
  const spaces = new Map<number, number[]>();
  const meant = text.split('\n').map((source, i) => {
    let line = source;
    const put: number[] = [];
    const column = (at: number) => at - put.filter((c) => c < at).length;
    // One full-width space stands for the one space its key types in English mode.
    const indent = /^[ \t]*\u3000[ \t\u3000]*/.exec(line);
    if (indent) {
      found.push({ place: { line: i + 1, column: indent[0].indexOf('\u3000') + 1 }, message: `this line is indented with ${nameOf('\u3000')}, which YAML does not read as indentation: indent with plain spaces` });
      line = indent[0].replace(/\u3000/g, ' ') + line.slice(indent[0].length);
    }
    /** Put `char` for the character at `at` (0-based), and a space after it unless a blank or the line's end follows. */
    const replace = (at: number, char: string) => {
      const spaced = at + 1 < line.length && !/[ \t\r]/.test(line[at + 1]!);
      line = `${line.slice(0, at)}${char}${spaced ? ' ' : ''}${line.slice(at + 1)}`;
      if (spaced) put.push(at + 2);
    };
    const dash = /^([ \t]*)－/.exec(line);
    if (dash) {
      found.push({ place: { line: i + 1, column: column(dash[1]!.length + 1) }, message: `a list item starts with \`-\`: ${typeInstead('－')}` });
      replace(dash[1]!.length, '-');
    }
    const key = /^([ \t]*(?:-[ \t]+)?)([A-Za-z][\w.-]*)[ \t]*：/.exec(line);
    if (key) {
      found.push({ place: { line: i + 1, column: column(key[0].length) }, message: `after the key \`${key[2]}\`, ${typeInstead('：')}, with a space after it` });
      replace(key[0].length - 1, ':');
    }
    if (put.length) spaces.set(i + 1, put);
    return line;
  }).join('\n');
  const columnIn = (line: number, at: number) => at - (spaces.get(line) ?? []).filter((c) => c < at).length;
  const toSource = (place: Place): Place => ({
    ...place,
    column: columnIn(place.line, place.column),
    ...(place.endColumn === undefined ? {} : { endColumn: columnIn(place.endLine ?? place.line, place.endColumn) }),
  });
  return { found, meant, toSource };
}

export interface YamlOptions {
  file: string;
  sink: DiagnosticSink;
  /** Offset added to reported lines (frontmatter starts after the opening `---`). */
  lineOffset?: number;
}

/**
 * Parse `text` as YAML and validate it with `schema`. Returns the typed value,
 * or null after reporting every problem found.
 */
export function parseYaml<S extends ZodMiniType>(text: string, schema: S, options: YamlOptions): Infer<S> | null {
  return parseYamlLocated(text, schema, options).value;
}

export interface LocatedYaml<T> {
  value: T | null;
  /** Place of the node at a key path, for problems found after validation. */
  locate: (path: PropertyKey[]) => Place | undefined;
}

/**
 * A way to place diagnostics on the nodes of a YAML text whose value came from elsewhere (a kept
 * result): the text is parsed only if a diagnostic needs a place.
 */
export function lazyLocator(text: string): (path: PropertyKey[]) => Place | undefined {
  let parsed: { doc: Document; lines: LineCounter } | null = null;
  return (path) => {
    if (!parsed) {
      const lines = new LineCounter();
      parsed = { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
    }
    return placeAt(parsed.doc, parsed.lines, path);
  };
}

/** Like parseYaml, and also returns a way to place later diagnostics on YAML nodes. */
export function parseYamlLocated<S extends ZodMiniType>(text: string, schema: S, options: YamlOptions): LocatedYaml<Infer<S>> {
  return check(text, schema, options);
}

/**
 * parseYamlLocated's work.
 * @param toSource where a place in `text` is in the file: given when `text` is the file's text with
 *   the lines a Chinese input method broke as they were meant, which are already reported
 */
function check<S extends ZodMiniType>(text: string, schema: S, options: YamlOptions, toSource?: (place: Place) => Place): LocatedYaml<Infer<S>> {
  const { file, sink } = options;
  const shift = (written: Place | undefined): Place | undefined => {
    const p = written && toSource ? toSource(written) : written;
    return p && options.lineOffset ? { ...p, line: p.line + options.lineOffset, endLine: p.endLine && p.endLine + options.lineOffset } : p;
  };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const reportChineseInput = (): boolean => {
    if (toSource) return false;
    const { found, meant, toSource: back } = chineseInput(text);
    for (const { place, message } of found) sink.report(file, shift(place), 'yaml-syntax', message);
    // The rest of the text is checked as it was meant, so that its other problems (`hours：８`'s digits) come in the same run.
    if (found.length) check(meant, schema, options, back);
    return found.length > 0;
  };
  if (doc.errors.length > 0) {
    if (reportChineseInput()) return { value: null, locate: () => undefined };
    const seen = new Set<number>();
    for (const error of doc.errors) {
      if (seen.has(error.pos[0])) continue; // the parser often reports one mistake several times
      seen.add(error.pos[0]);
      const pos = lines.linePos(error.pos[0]);
      sink.report(file, shift({ line: pos.line, column: pos.col }), 'yaml-syntax', plainYamlMessage(error.code, error.message, text.slice(error.pos[0], error.pos[0] + 1)));
    }
    return { value: null, locate: () => undefined };
  }
  const locate = (path: PropertyKey[]) => shift(placeAt(doc, lines, path));
  foldChineseLines(doc, text);
  let data: unknown;
  try {
    // Aliases can expand exponentially (a "billion laughs" document): refuse more than a few.
    data = doc.toJS({ maxAliasCount: MAX_ALIASES }) ?? {};
  } catch (error) {
    const message = error instanceof Error && /alias/i.test(error.message) ? `this document uses aliases (\`*name\`) that expand too much or name no anchor: write the values out` : `this document cannot be read: ${error instanceof Error ? error.message : String(error)}`;
    sink.report(file, shift(firstAlias(doc, lines) ?? { line: 1, column: 1 }), 'yaml-syntax', message);
    return { value: null, locate };
  }
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, locate };
  if (reportChineseInput()) return { value: null, locate };

  // A misspelt required key is one mistake: report the unknown key with its suggestion, not also the missing one.
  const misspelt = new Set<string>();
  for (const issue of result.error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const missing = result.error.issues
      .filter((m) => m.code === 'invalid_type' && m.path.length === issue.path.length + 1 && valueAt(data, m.path) === undefined && issue.path.every((p, i) => m.path[i] === p))
      .map((m) => String(m.path.at(-1)));
    for (const key of issue.keys) {
      const near = suggest(key, missing);
      if (near) misspelt.add([...issue.path, near].join('.'));
    }
  }

  for (const issue of result.error.issues) {
    if (issue.code === 'invalid_type' && misspelt.has(issue.path.join('.'))) continue;
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const suggestion = suggest(key, known);
        const hint = suggestion ? `Did you mean \`${suggestion}\`?` : undefined;
        sink.report(
          file,
          shift(placeAt(doc, lines, issue.path, key)),
          'schema-unknown-key',
          `unknown key \`${[...issue.path, key].join('.')}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : known.length && known.length <= 8 ? ` (allowed here: ${known.join(', ')})` : ''}`,
          hint,
        );
      }
      continue;
    }
    const missing = issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined;
    const path = missing ? issue.path.slice(0, -1) : issue.path;
    const message = missing ? `required key \`${issue.path.join('.')}\` is missing` : describe(issue, valueAt(data, issue.path));
    sink.report(file, shift(placeAt(doc, lines, path)), missing ? 'schema-missing-key' : 'schema-invalid-value', message);
  }
  return { value: null, locate };
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** The keys a zod object schema declares at a path (for "did you mean"). */
function knownKeysAt(schema: ZodMiniType, path: PropertyKey[]): string[] {
  let current: unknown = schema;
  for (const segment of path) {
    current = unwrap(current);
    const def = (current as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }).def;
    if (def?.type === 'object' && typeof segment === 'string') current = def.shape?.[segment];
    else if (def?.type === 'array') current = def.element;
    else return [];
  }
  const def = (unwrap(current) as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(schema: unknown): unknown {
  let s = schema as { def?: { type?: string; innerType?: unknown } } | undefined;
  while (s?.def && (s.def.type === 'optional' || s.def.type === 'default' || s.def.type === 'nullable')) {
    s = s.def.innerType as typeof s;
  }
  return s;
}
