/**
 * YAML validated with zod, every failing key reported at the YAML node's own
 * line and column (not just "somewhere in course.yml").
 */
import { closest } from 'fastest-levenshtein';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import type { DiagnosticSink, Place } from '../diagnostics/diagnostic.js';

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

/** Plain-language description of a zod issue. */
function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `\`${issue.path.join('.')}\`` : 'the document';
  switch (issue.code) {
    case 'invalid_type':
      return `${where}: expected ${issue.expected}`;
    case 'invalid_value':
      return `${where}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${where}: ${issue.message}`;
  }
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
export function parseYaml<S extends z.ZodType>(text: string, schema: S, options: YamlOptions): z.infer<S> | null {
  return parseYamlLocated(text, schema, options).value;
}

export interface LocatedYaml<T> {
  value: T | null;
  /** Place of the node at a key path, for problems found after validation. */
  locate: (path: PropertyKey[]) => Place | undefined;
}

/** Like parseYaml, and also returns a way to place later diagnostics on YAML nodes. */
export function parseYamlLocated<S extends z.ZodType>(text: string, schema: S, options: YamlOptions): LocatedYaml<z.infer<S>> {
  const { file, sink } = options;
  const shift = (p: Place | undefined): Place | undefined =>
    p && options.lineOffset ? { ...p, line: p.line + options.lineOffset, endLine: p.endLine && p.endLine + options.lineOffset } : p;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const seen = new Set<number>();
    for (const error of doc.errors) {
      if (seen.has(error.pos[0])) continue; // the parser often reports one mistake several times
      seen.add(error.pos[0]);
      const pos = lines.linePos(error.pos[0]);
      sink.report(file, shift({ line: pos.line, column: pos.col }), 'yaml-syntax', error.message.split('\n')[0] ?? 'invalid YAML');
    }
    return { value: null, locate: () => undefined };
  }
  const locate = (path: PropertyKey[]) => shift(placeAt(doc, lines, path));
  const data: unknown = doc.toJS() ?? {};
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, locate };

  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const suggestion = known.length ? closest(key, known) : undefined;
        const hint = suggestion ? `Did you mean \`${suggestion}\`?` : undefined;
        sink.report(
          file,
          shift(placeAt(doc, lines, issue.path, key)),
          'schema-unknown-key',
          `unknown key \`${[...issue.path, key].join('.')}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
          hint,
        );
      }
      continue;
    }
    const missing = issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined;
    const path = missing ? issue.path.slice(0, -1) : issue.path;
    const message = missing ? `required key \`${issue.path.join('.')}\` is missing` : describe(issue);
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
function knownKeysAt(schema: z.ZodType, path: PropertyKey[]): string[] {
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
