/**
 * XML writing shared by the exports: escaping, and the course's sanitised HTML made
 * well-formed XHTML of QTI 2.1's elements (void elements closed, no named entities) for QTI item bodies.
 */
import type { Element, Root } from 'hast';
import { raw } from 'hast-util-raw';
import { toHtml } from 'hast-util-to-html';

/** Text or attribute value escaped for XML. */
export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Text wrapped in CDATA (a `]]>` inside is split across two sections). */
export function cdata(value: string): string {
  return `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/**
 * QTI 2.1's XHTML (imsqti_v2p1.xsd: its flow and inline content, and each element's attributes
 * beside the id, class, xml:lang and label every body element has). Strict importers refuse an
 * item with anything else: HTML5's <del> or <section>, a task list's <input>, data-* and aria-*.
 */
const QTI_ATTRIBUTES: Record<string, readonly string[]> = {
  ...Object.fromEntries(
    ['pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'address', 'dl', 'dt', 'dd', 'ol', 'ul', 'li', 'br', 'hr', 'em', 'code', 'span', 'sub', 'sup', 'acronym', 'big', 'tt', 'kbd', 'i', 'dfn', 'abbr', 'strong', 'var', 'small', 'samp', 'b', 'cite', 'div', 'caption', 'thead', 'tbody', 'tfoot', 'tr'].map((tag) => [tag, []]),
  ),
  a: ['href', 'type'],
  img: ['src', 'alt', 'longDesc', 'height', 'width'],
  object: ['data', 'type', 'width', 'height'],
  blockquote: ['cite'],
  q: ['cite'],
  table: ['summary'],
  col: ['span'],
  colgroup: ['span'],
  th: ['headers', 'scope', 'abbr', 'axis', 'rowSpan', 'colSpan'],
  td: ['headers', 'scope', 'abbr', 'axis', 'rowSpan', 'colSpan'],
};
/** HTML5 elements with a QTI counterpart (the class keeps what they meant, for a stylesheet). */
const QTI_RENAMED: Record<string, string> = { del: 'span', s: 'span', strike: 'span', ins: 'span', u: 'span', mark: 'span', section: 'div', article: 'div', figure: 'div', figcaption: 'div', details: 'div', summary: 'div' };
/** Elements that mean nothing outside a browser's form (a task list's checkbox). */
const QTI_DROPPED = new Set(['input']);

/** Make a tree hold only QTI 2.1's elements and attributes (see QTI_ATTRIBUTES). */
function toQtiContent(parent: { children: Array<Root['children'][number]> }): void {
  parent.children = parent.children.flatMap((child): Array<Root['children'][number]> => {
    if (child.type !== 'element') return child.type === 'doctype' || child.type === 'comment' ? [] : [child];
    if (QTI_DROPPED.has(child.tagName)) return [];
    const renamed = QTI_RENAMED[child.tagName];
    const classes = [...((child.properties.className as string[] | undefined) ?? [])];
    if (renamed) classes.unshift(child.tagName);
    const align = child.properties.align;
    if (typeof align === 'string') classes.push(`align-${align}`);
    const tag = renamed ?? child.tagName;
    toQtiContent(child);
    // An element QTI has no counterpart for gives way to its content.
    if (!(tag in QTI_ATTRIBUTES)) return child.children;
    const kept: Element['properties'] = {};
    for (const name of ['id', ...QTI_ATTRIBUTES[tag]!]) if (child.properties[name] !== undefined) kept[name] = child.properties[name];
    if (classes.length) kept.className = classes;
    if (typeof child.properties.lang === 'string') kept['xml:lang'] = child.properties.lang;
    return [{ ...child, tagName: tag, properties: kept }];
  });
}

/**
 * Sanitised HTML re-serialised as QTI 2.1 XHTML: parsed as HTML5 does, kept to QTI's elements
 * and attributes, then written with closed void elements and numeric character references, so
 * it is well-formed XML.
 * @param html a fragment of the course model's HTML
 */
export function xhtml(html: string): string {
  const tree = raw({ type: 'root', children: [{ type: 'raw', value: html }] } as Root) as Root;
  toQtiContent(tree);
  return toHtml(tree, { closeSelfClosing: true, characterReferences: { useNamedReferences: false }, collapseEmptyAttributes: false });
}

/** A name safe as an XML identifier (QTI identifiers, file names) made from a question id. */
export function identifier(prefix: string, id: string): string {
  return `${prefix}${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}
