/**
 * Linked files are copied into every package and served from the package's origin
 * (usually the LMS's own), so a file that can run script there would act as the
 * learner in the LMS. Files are judged by what they are, never by pattern-matching
 * their text: only known document, image and media types are packaged, and an SVG
 * is parsed as XML and accepted only when every element and attribute is on an
 * allow-list (no script in any namespace, no DTD or entities, no foreign objects,
 * no references outside the file).
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { INVISIBLE, WINDOWS_DEVICE, WINDOWS_RESERVED } from '../file-names.js';

/** Largest linked file accepted (videos belong on a media server, not in an LMS package). */
export const MAX_ASSET_BYTES = 25 * 1024 * 1024;

/** Files a course may link or show: documents, images, audio and video, subtitles. */
const PACKAGED = new Set([
  '.pdf', '.txt', '.csv', '.doc', '.docx', '.xls', '.xlsx', '.ppt', '.pptx', '.odt', '.ods', '.odp', '.rtf', '.epub',
  '.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg', '.ico', '.bmp',
  '.mp3', '.m4a', '.ogg', '.oga', '.wav', '.mp4', '.m4v', '.webm', '.ogv', '.vtt',
  '.zip',
]);

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
/** Drawing editors' own namespaces: browsers never render or run their elements. */
const EDITOR_NS = new Set([
  'http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd',
  'http://www.inkscape.org/namespaces/inkscape',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  'http://purl.org/dc/elements/1.1/',
  'http://creativecommons.org/ns#',
  'http://ns.adobe.com/AdobeIllustrator/10.0/',
  'http://ns.adobe.com/Extensibility/1.0/',
  'http://www.bohemiancoding.com/sketch/ns',
]);

/** SVG elements that draw, group, paint or describe, and nothing else. */
const SVG_ELEMENTS = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'metadata', 'switch',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath', 'linearGradient', 'radialGradient', 'stop', 'pattern', 'clipPath', 'mask', 'marker', 'image', 'style',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix', 'feDiffuseLighting', 'feDisplacementMap',
  'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feImage', 'feMerge', 'feMergeNode',
  'feMorphology', 'feOffset', 'fePointLight', 'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence',
]);

/** An in-file reference (`#id`) or an embedded raster image: nothing that leaves the file. */
const SAFE_HREF = /^\s*(#[^\s]*|data:image\/(png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]*)\s*$/i;
/** CSS that fetches or runs something: imports, non-local url(), legacy script hooks. */
const UNSAFE_CSS = /@import|url\(\s*['"]?\s*(?!#)[^)'"\s]|expression\s*\(|behavior\s*:|-moz-binding|javascript:/i;


/**
 * Why a file's path inside the package would be unsafe or lost when an LMS unpacks the zip
 * (on Windows, or by a naive extractor), or null.
 * @param relative the path inside the course folder, "/"-separated
 */
export function fileNameProblem(relative: string): string | null {
  for (const part of relative.split('/')) {
    if (part.includes('\\') || WINDOWS_RESERVED.test(part)) return `"${part}" contains a character (\\ : * ? " < > |) that Windows file names cannot`;
    if (INVISIBLE.test(part)) return `"${part}" contains a control or text-direction character`;
    if (WINDOWS_DEVICE.test(part)) return `"${part}" is a Windows device name`;
    if (/[. ]$/.test(part)) return `"${part}" ends with a dot or a space, which Windows drops`;
  }
  return null;
}

export interface AssetProblem {
  rule: 'unsafe-asset' | 'file-too-large';
  message: string;
}

/** Why a linked file may not be packaged, or null when it may. */
export function assetProblem(absolute: string): AssetProblem | null {
  const name = path.basename(absolute);
  const extension = path.extname(absolute).toLowerCase();
  if (!PACKAGED.has(extension)) {
    return { rule: 'unsafe-asset', message: `"${name}" is a ${extension || 'file without an extension'}: packages carry documents, images, audio and video only (an HTML, script or XML file would run in the learner's LMS)` };
  }
  const size = statSync(absolute).size;
  if (size > MAX_ASSET_BYTES) return { rule: 'file-too-large', message: `"${name}" is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_ASSET_BYTES / 1024 / 1024} MB limit for a linked file` };
  if (extension === '.svg') {
    const problem = svgProblem(readFileSync(absolute, 'utf8'));
    if (problem) return { rule: 'unsafe-asset', message: `"${name}": ${problem}` };
  }
  return null;
}

/**
 * Parse an SVG and say what makes it unsafe to serve from the LMS's origin, or null.
 * @param text the SVG file's text
 */
export function svgProblem(text: string): string | null {
  const parser = new SaxesParser({ xmlns: true, position: false });
  let problem: string | null = null;
  let root = true;
  let styleDepth = 0;
  const refuse = (reason: string) => {
    problem ??= reason;
  };
  parser.on('doctype', () => refuse('it declares a DTD (entities can hide content), which SVG images do not need'));
  parser.on('processinginstruction', (pi) => {
    if (pi.target !== 'xml') refuse(`it contains the processing instruction <?${pi.target}?>`);
  });
  parser.on('opentag', (tag) => {
    const local = tag.local;
    if (root && (tag.uri !== SVG_NS || local !== 'svg')) refuse('its root element is not an SVG <svg> element');
    root = false;
    if (EDITOR_NS.has(tag.uri)) return;
    if (tag.uri !== SVG_NS) return refuse(`it contains the element <${tag.name}> from the namespace "${tag.uri || 'none'}", which is not SVG`);
    if (!SVG_ELEMENTS.has(local)) return refuse(`it contains an <${local}> element, which can run script or load other content`);
    if (local === 'style') styleDepth++;
    for (const attribute of Object.values(tag.attributes)) {
      const { uri, local: name, value } = attribute;
      if (uri === XMLNS_NS || uri === XML_NS || EDITOR_NS.has(uri)) continue;
      if (uri !== '' && uri !== XLINK_NS) return refuse(`the attribute ${attribute.name} is from the namespace "${uri}"`);
      if (/^on/i.test(name)) return refuse(`the <${local}> element has an event handler (${attribute.name})`);
      if (name === 'href' && !SAFE_HREF.test(value)) return refuse(`the <${local}> element refers to "${value.slice(0, 80)}" outside the file`);
      if (name === 'style' && UNSAFE_CSS.test(value)) return refuse(`a style attribute loads something from outside the file`);
      if (/^(attributeName)$/.test(name) && /^(href|xlink:href|on)/i.test(value)) return refuse('it animates a link or an event handler');
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.uri === SVG_NS && tag.local === 'style') styleDepth--;
  });
  const css = (data: string) => {
    if (styleDepth > 0 && UNSAFE_CSS.test(data)) refuse('its stylesheet imports or loads something from outside the file');
  };
  parser.on('text', css);
  parser.on('cdata', css);
  try {
    parser.write(text).close();
  } catch (error) {
    return problem ?? `it is not well-formed XML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
  if (root) return 'it contains no SVG element';
  return problem;
}
