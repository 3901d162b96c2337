/**
 * The unified pipeline: Markdown (GFM, frontmatter) to mdast, and mdast
 * fragments to sanitised HTML. Unsafe HTML is reported before it is removed,
 * and every local URL is checked and rewritten to its place in the package.
 */
import type { Element, Root as HastRoot } from 'hast';
import { raw } from 'hast-util-raw';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { Definition, ListItem, Paragraph, PhrasingContent, Root as MdastRoot, RootContent } from 'mdast';
import { toString as plainTextOf } from 'mdast-util-to-string';
import { toHast } from 'mdast-util-to-hast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import type { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { placeOf } from '../diagnostics/diagnostic.js';
import { assetProblem } from './asset-safety.js';
import { resolveCourseUrl } from './source-file.js';

/** Course files (images, linked documents) sit under this folder in every package. */
export const CONTENT_PREFIX = 'content/';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/** Parse Markdown text into an mdast tree with positions. */
export function parseMarkdown(text: string): MdastRoot {
  return parser.runSync(parser.parse(text)) as MdastRoot;
}

/** What rendering needs to know about the file being rendered. */
export interface RenderContext {
  /** Absolute path of the Markdown file. */
  file: string;
  /** Path shown in diagnostics. */
  display: string;
  /** The whole file, so positions in re-parsed raw HTML stay exact (one per file: its line index is built once). */
  source: VFile;
  courseDir: string;
  sink: DiagnosticSink;
  /** Course-relative paths of files the package must carry; rendering adds to it. */
  assets: Set<string>;
  /** Lesson id for a course-relative Markdown path, so lesson links stay inside the player. */
  lessonFor: (relative: string) => string | undefined;
  /** Link definitions of the whole file (reference-style links in fragments). */
  definitions: Definition[];
}

const schema: Schema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    div: [...(defaultSchema.attributes?.div ?? []), 'dataPractice'],
    img: [...(defaultSchema.attributes?.img ?? []), 'loading'],
  },
};

/** The prefix the sanitiser gives every id, so author ids cannot clobber the player's. */
const ID_PREFIX = defaultSchema.clobberPrefix ?? 'user-content-';

const DANGEROUS_TAGS = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'link', 'meta', 'form', 'svg', 'math', 'template', 'noscript']);
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formAction', 'poster', 'data', 'xLinkHref', 'background', 'cite'];

/** Render mdast nodes (a whole file or a fragment) to sanitised HTML. */
export function renderHtml(nodes: RootContent[], ctx: RenderContext): string {
  const root: MdastRoot = { type: 'root', children: [...nodes, ...ctx.definitions.filter((d) => !nodes.includes(d))] };
  // No prefix here: the sanitiser prefixes every id once ("user-content-"), and in-page links follow below.
  const converted = toHast(root, { allowDangerousHtml: true, clobberPrefix: '' }) as HastRoot;
  // Re-parsing through an HTML parser is only needed when the author wrote raw HTML.
  const hast = hasRawHtml(converted) ? (raw(converted, { file: ctx.source }) as HastRoot) : converted;
  // One walk: report what the sanitiser will remove, then check and rewrite local URLs.
  visit(hast, 'element', (node: Element) => {
    if (reportUnsafe(node, ctx)) return 'skip';
    checkUrl(node, ctx);
    return undefined;
  });
  const clean = sanitize(hast, schema) as HastRoot;
  adjustLinks(clean);
  return toHtml(clean);
}

function hasRawHtml(tree: HastRoot): boolean {
  let found = false;
  visit(tree, 'raw', () => {
    found = true;
    return false;
  });
  return found;
}

/** Report scripts, event handlers and script URLs (the sanitiser then removes them); true for a whole element that goes. */
function reportUnsafe(node: Element, ctx: RenderContext): boolean {
  if (DANGEROUS_TAGS.has(node.tagName)) {
    ctx.sink.report(ctx.display, placeOf(node), 'unsafe-html', `<${node.tagName}> is not allowed in course content and was removed`);
    return true;
  }
  for (const [name, value] of Object.entries(node.properties ?? {})) {
    if (/^on/i.test(name)) {
      ctx.sink.report(ctx.display, placeOf(node), 'unsafe-html', `event handler attribute "${name.toLowerCase()}" on <${node.tagName}> was removed`);
    } else if (URL_ATTRIBUTES.includes(name) && typeof value === 'string' && /^\s*(javascript|vbscript|data):/i.test(value.replace(/[\u0000-\u001f]/g, ''))) {
      const scheme = value.replace(/[\u0000-\u001f\s]/g, '').split(':')[0]!.toLowerCase();
      ctx.sink.report(ctx.display, placeOf(node), 'unsafe-html', `a "${scheme}:" URL on <${node.tagName}> was removed`);
      node.properties[name] = '';
    }
  }
  return false;
}

/** Check that a local link or image exists inside the course folder, and rewrite it to its package path. */
function checkUrl(node: Element, ctx: RenderContext): void {
  const attribute = node.tagName === 'img' ? 'src' : node.tagName === 'a' ? 'href' : null;
  if (!attribute) return;
  const value = node.properties?.[attribute];
  if (typeof value !== 'string' || value === '') return;
  const resolved = resolveCourseUrl(value, ctx.file, ctx.courseDir);
  const what = node.tagName === 'img' ? 'image' : 'link';
  switch (resolved.kind) {
    case 'external':
      return;
    case 'escape':
      ctx.sink.report(ctx.display, placeOf(node), 'path-escape', `${what}: ${resolved.reason}`);
      delete node.properties[attribute];
      return;
    case 'missing':
      ctx.sink.report(ctx.display, placeOf(node), 'missing-file', `${what} target "${resolved.relative}" does not exist`);
      return;
    case 'inside': {
      const fragment = value.includes('#') ? value.slice(value.indexOf('#')) : '';
      const lesson = resolved.relative.endsWith('.md') ? ctx.lessonFor(resolved.relative) : undefined;
      if (lesson !== undefined && node.tagName === 'a') {
        node.properties[attribute] = `#/lesson/${lesson}`;
      } else {
        const problem = assetProblem(resolved.absolute);
        if (problem) {
          ctx.sink.report(ctx.display, placeOf(node), problem.rule, `${what}: ${problem.message}`);
          delete node.properties[attribute];
          return;
        }
        ctx.assets.add(resolved.relative);
        node.properties[attribute] = encodeURI(`${CONTENT_PREFIX}${resolved.relative}`) + fragment;
      }
    }
  }
}

/**
 * External links open in a new tab (never replacing the course in its LMS
 * frame); in-page anchors (footnotes) point at the sanitiser's prefixed ids.
 */
function adjustLinks(tree: HastRoot): void {
  visit(tree, 'element', (node: Element) => {
    const href = node.tagName === 'a' ? node.properties?.href : undefined;
    if (typeof href !== 'string') return;
    if (/^https?:/i.test(href)) {
      node.properties.target = '_blank';
      node.properties.rel = ['noopener', 'noreferrer'];
    } else if (href.startsWith('#') && !href.startsWith('#/')) {
      node.properties.href = `#${ID_PREFIX}${href.slice(1)}`;
    }
  });
}

/** Inline HTML of phrasing nodes (no wrapping paragraph). */
export function renderInline(nodes: PhrasingContent[], ctx: RenderContext): string {
  const html = renderHtml([{ type: 'paragraph', children: nodes }] as RootContent[], ctx);
  return html.replace(/^<p>|<\/p>$/g, '');
}

/** Inline HTML of a list item's first paragraph (option labels). */
export function renderItemInline(item: ListItem, ctx: RenderContext): string {
  const paragraph = item.children.find((c): c is Paragraph => c.type === 'paragraph');
  return paragraph ? renderInline(paragraph.children, ctx) : escapeHtml(plainTextOf(item));
}

/** Escape text for HTML (plain-text labels). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Plain text of mdast nodes, for ids, reports and xAPI descriptions. */
export { toString as plainText } from 'mdast-util-to-string';

