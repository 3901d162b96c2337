/**
 * XML writing shared by the exports: escaping, and the course's sanitised HTML made
 * well-formed XHTML (void elements closed, no named entities) for QTI item bodies.
 */
import type { Root } from 'hast';
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
 * Sanitised HTML re-serialised as XHTML: parsed as HTML5 does, then written with
 * closed void elements and numeric character references, so it is well-formed XML.
 * @param html a fragment of the course model's HTML
 */
export function xhtml(html: string): string {
  const tree = raw({ type: 'root', children: [{ type: 'raw', value: html }] } as Root) as Root;
  return toHtml(tree, { closeSelfClosing: true, characterReferences: { useNamedReferences: false }, collapseEmptyAttributes: false });
}

/** A name safe as an XML identifier (QTI identifiers, file names) made from a question id. */
export function identifier(prefix: string, id: string): string {
  return `${prefix}${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}
