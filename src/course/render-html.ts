/**
 * The unified pipeline's second half: mdast (a whole file or a fragment of one) to sanitised
 * HTML. Unsafe HTML is reported before it is removed, every local URL is checked and rewritten
 * to its place in the package, and links to places in a lesson are checked against its ids.
 */
import type { Element, Root as HastRoot } from 'hast';
import { raw } from 'hast-util-raw';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { Definition, ListItem, Paragraph, PhrasingContent, Root as MdastRoot, RootContent } from 'mdast';
import { toString as plainTextOf } from 'mdast-util-to-string';
import { defaultHandlers, toHast } from 'mdast-util-to-hast';
import GithubSlugger from 'github-slugger';
import type { VFile } from 'vfile';
import type { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { placeOf } from '../diagnostics/diagnostic.js';
import { CHINESE_RUN, HAN, withoutChineseLineBreaks } from '../languages/cjk.js';
import { LANGUAGES, type Language } from '../languages/index.js';
import { assetProblem, fileNameProblem } from './asset-safety.js';
import { checkingHandlers, reportHtmlImageWithoutAlt } from './conversion-checks.js';
import { NO_UNREAD_HEADINGS, type UnreadHeadings } from './heading-markers.js';
import { CONTENT_PREFIX } from './model.js';
import { resolveCourseUrl } from './source-file.js';

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
  /** The language the text is written in (the words rendering adds, such as the footnotes' heading, are in it). */
  language: Language;
  /** Paragraphs of the file already reported as headings Markdown does not read (none before they are looked for). */
  unreadHeadings?: UnreadHeadings;
}

const schema: Schema = {
  ...defaultSchema,
  // GitHub's rules, plus the course's own audio and video files (checked and packaged like images).
  tagNames: [...(defaultSchema.tagNames ?? []), 'video', 'audio', 'track'],
  attributes: {
    ...defaultSchema.attributes,
    div: [...(defaultSchema.attributes?.div ?? []), 'dataPractice'],
    img: [...(defaultSchema.attributes?.img ?? []), 'loading'],
    video: ['src', 'controls', 'width', 'height', 'preload', 'loop', 'muted', 'playsInline'],
    audio: ['src', 'controls', 'preload', 'loop'],
    source: [...(defaultSchema.attributes?.source ?? []), 'src', 'type'],
    track: ['src', 'kind', 'srcLang', 'label', 'default'],
  },
};

/** The ids the footnotes of a text get (mdast-util-to-hast, with no prefix of its own here). */
const FOOTNOTE_ID = /^(fn-|fnref-|footnote-label$)/;

/** The prefix the sanitiser gives every id, so author ids cannot clobber the player's. */
const ID_PREFIX = defaultSchema.clobberPrefix ?? 'user-content-';

const DANGEROUS_TAGS = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'link', 'meta', 'form', 'svg', 'math', 'template', 'noscript']);
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formAction', 'poster', 'data', 'xLinkHref', 'background', 'cite'];

/**
 * Render mdast nodes (a whole file or a fragment) to sanitised HTML.
 * @param page the nodes are a whole page (a lesson): its links to places in it (`#…`) are checked against its ids
 */
export function renderHtml(nodes: RootContent[], ctx: RenderContext, page = false): string {
  const root: MdastRoot = { type: 'root', children: [...nodes, ...ctx.definitions.filter((d) => !nodes.includes(d))] };
  // No prefix here: the sanitiser prefixes every id once ("user-content-"), and in-page links follow below.
  // Re-parsing through an HTML parser is only needed when the author wrote raw HTML (noted as it is converted, not by a walk after).
  let rawHtml = false;
  // Headings get GitHub's ids, so that a link to `#第二节` leads to `## 第二节` as it does on GitHub.
  const slugs = new GithubSlugger();
  const headingWithId: typeof defaultHandlers.heading = (state, node) => {
    const element = defaultHandlers.heading(state, node);
    const id = slugs.slug(plainTextOf(node));
    // The footnotes' own ids (fn-1, fnref-1, footnote-label) stay theirs: a heading "FN 1" would take a note's place.
    element.properties.id = FOOTNOTE_ID.test(id) ? slugs.slug(`section-${id}`) : id;
    return element;
  };
  // A line break between two Chinese characters is no space in Chinese, but the browser would show one.
  const paragraph: typeof defaultHandlers.paragraph = (state, node) => defaultHandlers.paragraph(state, { ...node, children: joinedAsChinese(node.children) });
  const handlers = { ...checkingHandlers(ctx.display, ctx.sink, String(ctx.source.value), () => (rawHtml = true), ctx.unreadHeadings ?? NO_UNREAD_HEADINGS, paragraph), heading: headingWithId };
  const { footnotes, quotesChinese } = LANGUAGES[ctx.language];
  const converted = toHast(root, {
    allowDangerousHtml: true,
    clobberPrefix: '',
    handlers,
    // A visible heading in the lesson's language (GFM's default is an English one hidden by a class the player does not style).
    footnoteLabel: footnotes.heading,
    footnoteLabelProperties: {},
    footnoteBackLabel: (reference, again) => footnotes.backLabel(reference + 1, again),
  }) as HastRoot;
  const hast = rawHtml ? (raw(converted, { file: ctx.source }) as HastRoot) : converted;
  // One walk: report what the sanitiser will remove, then check and rewrite local URLs. A dangerous
  // element goes, but the sanitiser keeps what is inside it (all but a script's): that is checked too.
  const anchors = page ? new PlaceLinks() : null;
  eachElement(hast, (node) => {
    if (reportUnsafe(node, ctx)) return node.tagName !== 'script';
    reportRemoved(node, ctx);
    anchors?.note(node);
    checkUrl(node, ctx);
    reportHtmlImageWithoutAlt(node, ctx.display, ctx.sink);
    return true;
  });
  anchors?.report(ctx);
  const clean = sanitize(hast, schema) as HastRoot;
  adjustLinks(clean);
  // Chinese kept in another language's text (an original term in brackets) is read in a Chinese voice.
  if (quotesChinese) markChineseRuns(clean);
  return toHtml(clean);
}

/** Elements whose text is shown as written, or in no language. */
const NOT_MARKED = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style']);

/**
 * Mark the runs of Chinese in a text of another language with `lang="zh-CN"` (WCAG 3.1.2, Language
 * of Parts): an English screen-reader voice spells them out or skips them. What already says its
 * language (a part shown in the source's words) is left as it is.
 */
function markChineseRuns(parent: HastRoot | Element): void {
  // The children are laid out afresh, one at a time: spliced in, a text of a hundred thousand runs
  // overflowed the call stack (and each splice moved every child after it).
  const children: Array<(typeof parent.children)[number]> = [];
  for (const child of parent.children) {
    if (child.type === 'element' && child.properties.lang === undefined && !NOT_MARKED.has(child.tagName)) markChineseRuns(child);
    if (child.type !== 'text' || !HAN.test(child.value)) {
      children.push(child);
      continue;
    }
    let at = 0;
    for (const run of child.value.matchAll(CHINESE_RUN)) {
      if (run.index > at) children.push({ type: 'text', value: child.value.slice(at, run.index) });
      children.push({ type: 'element', tagName: 'span', properties: { lang: 'zh-CN' }, children: [{ type: 'text', value: run[0] }] });
      at = run.index + run[0].length;
    }
    if (at < child.value.length) children.push({ type: 'text', value: child.value.slice(at) });
  }
  parent.children = children as typeof parent.children;
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

/** Percent-encoded text decoded (`%E7%AC%AC` → `第`), or as written when it is not percent-encoded. */
function decodedText(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A page's ids and its links to places in it (`#…`), to say which lead nowhere. */
class PlaceLinks {
  private readonly ids = new Set<string>();
  private readonly links: Element[] = [];

  note(node: Element): void {
    if (typeof node.properties.id === 'string') this.ids.add(node.properties.id);
    // `<a name="…">`, an older way to mark a place, is one a link can lead to as well.
    if (node.tagName === 'a' && typeof node.properties.name === 'string') this.ids.add(node.properties.name);
    const href = node.tagName === 'a' ? node.properties.href : undefined;
    if (typeof href === 'string' && href.startsWith('#') && !href.startsWith('#/')) this.links.push(node);
  }

  report(ctx: RenderContext): void {
    for (const link of this.links) {
      const id = decodedText(String(link.properties.href).slice(1));
      if (id && !this.ids.has(id)) ctx.sink.report(ctx.display, placeOf(link), 'link-anchor', `no heading or element of this lesson has the id "${id}", so this link leads nowhere`);
    }
  }
}

/** The attributes the sanitiser keeps on a tag (worked out once per tag: this runs for every element). */
const allowedByTag = new Map<string, Set<string>>();
function allowedAttributes(tag: string): Set<string> {
  let allowed = allowedByTag.get(tag);
  if (!allowed) {
    allowed = new Set([...(schema.attributes?.[tag] ?? []), ...(schema.attributes?.['*'] ?? [])].map((a) => (Array.isArray(a) ? String(a[0]) : a)));
    allowedByTag.set(tag, allowed);
  }
  return allowed;
}
const ALLOWED_TAGS = new Set(schema.tagNames ?? []);

/**
 * Say what the sanitiser will drop that is not dangerous in itself (an unknown element, a
 * `style` or `class` attribute): the author would otherwise lose it without knowing.
 */
function reportRemoved(node: Element, ctx: RenderContext): void {
  if (!ALLOWED_TAGS.has(node.tagName)) {
    ctx.sink.report(ctx.display, placeOf(node), 'unsupported-html', `<${node.tagName}> is not supported in course content and was removed (its text is kept)`);
    return;
  }
  const allowed = allowedAttributes(node.tagName);
  for (const name of Object.keys(node.properties ?? {})) {
    if (allowed.has(name) || /^on/i.test(name)) continue;
    const attribute = name === 'className' ? 'class' : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    ctx.sink.report(ctx.display, placeOf(node), 'unsupported-html', `the "${attribute}" attribute on <${node.tagName}> is not supported and was removed`);
  }
}

/** Elements whose URL attribute loads a file into the page (the package's CSP allows only its own files). */
const MEDIA: Record<string, string> = { img: 'src', source: 'src', video: 'src', audio: 'src', track: 'src' };

/** Check that a local link or image exists inside the course folder, and rewrite it to its package path. */
function checkUrl(node: Element, ctx: RenderContext): void {
  const attribute = MEDIA[node.tagName] ?? (node.tagName === 'a' ? 'href' : null);
  if (!attribute) return;
  const value = node.properties?.[attribute];
  if (typeof value !== 'string' || value === '') return;
  const resolved = resolveCourseUrl(value, ctx.file, ctx.courseDir);
  const what = node.tagName === 'a' ? 'link' : node.tagName === 'img' ? 'image' : 'media';
  switch (resolved.kind) {
    case 'external':
      if (attribute !== 'href' && /^https?:/i.test(value.trim())) {
        ctx.sink.report(ctx.display, placeOf(node), 'remote-media', `${what} "${value.trim()}" is on another server, and packages may only show their own files`);
        delete node.properties[attribute];
        return;
      }
      // The sanitiser only knows lower-case schemes: `HTTPS://…` would lose its link.
      node.properties[attribute] = value.trim().replace(/^[a-z][a-z0-9+.-]*:/i, (scheme) => scheme.toLowerCase());
      return;
    case 'folder':
      ctx.sink.report(ctx.display, placeOf(node), 'link-to-folder', `${what} "${value}" points at a folder, not a file`);
      delete node.properties[attribute];
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
        // The player opens a lesson at its top: a place in it cannot be reached from another lesson.
        if (fragment.length > 1) ctx.sink.report(ctx.display, placeOf(node), 'link-anchor', `a link to another lesson opens it at its top, so "${decodedText(fragment)}" is not reached`);
        node.properties[attribute] = `#/lesson/${lesson}`;
      } else {
        const problem = assetProblem(resolved.absolute);
        if (problem) {
          ctx.sink.report(ctx.display, placeOf(node), problem.rule, `${what}: ${problem.message}`);
          delete node.properties[attribute];
          return;
        }
        const unsafeName = fileNameProblem(resolved.relative);
        if (unsafeName) {
          ctx.sink.report(ctx.display, placeOf(node), 'unsafe-file-name', `${what} "${resolved.relative}": ${unsafeName}`);
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
 * Does a link lead out of the player: to a web page, or to a course file (a PDF, an image, a
 * video), which the browser would show in the player's place? Lesson links (`#/lesson/…`) and
 * in-page anchors stay in it.
 */
const leavesPlayer = (href: string): boolean => /^https?:/i.test(href) || href.startsWith(CONTENT_PREFIX);

/**
 * Links that leave the player open in a new tab: in the course's own window or LMS frame they
 * would unload it and end the learner's visit. In-page anchors (footnotes) point at the
 * sanitiser's prefixed ids.
 */
function adjustLinks(tree: HastRoot): void {
  eachElement(tree, (node) => {
    const href = node.tagName === 'a' ? node.properties?.href : undefined;
    if (typeof href !== 'string') return true;
    if (leavesPlayer(href)) {
      node.properties.target = '_blank';
      node.properties.rel = ['noopener', 'noreferrer'];
    } else if (href.startsWith('#') && !href.startsWith('#/')) {
      node.properties.href = `#${ID_PREFIX}${href.slice(1)}`;
    }
    return true;
  });
}

/**
 * Each element of a rendered tree, parents first, as unist-util-visit walks it (not into a
 * template's content); `enter` returns false to leave an element's children out. Two such walks
 * run on every text rendered, and unist-util-visit's list of ancestors, made anew for every
 * element, took about 6 % of a cold build's parsing thread.
 */
function eachElement(parent: HastRoot | Element, enter: (element: Element) => boolean): void {
  for (const child of parent.children) {
    if (child.type === 'element' && enter(child)) eachElement(child, enter);
  }
}

/**
 * A paragraph's text with its line breaks dropped where Chinese joins lines tight (between two
 * Chinese characters, next to Chinese punctuation): a browser would show each as a space. A break
 * at the edge of a text node is judged by the text of the nodes around it (`**重点**⏎内容`).
 */
export function joinedAsChinese(children: PhrasingContent[]): PhrasingContent[] {
  if (!children.some((c) => c.type === 'text' && c.value.includes('\n'))) return children;
  const texts = children.map((c) => plainTextOf(c));
  const near = (from: number, step: 1 | -1): string | undefined => {
    for (let i = from; i >= 0 && i < texts.length; i += step) if (texts[i]) return step === 1 ? texts[i]![0] : texts[i]!.at(-1);
    return undefined;
  };
  return children.map((child, i) => (child.type === 'text' && child.value.includes('\n') ? { ...child, value: withoutChineseLineBreaks(child.value, near(i - 1, -1), near(i + 1, 1)) } : child));
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
