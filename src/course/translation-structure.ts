/**
 * A translated question must be the source question in other words: the same type,
 * options, keys, points and answers. Answer keys never differ between languages, so
 * an institution's reports line up and no learner is marked against another key.
 * Lessons and questions alike keep their source's links and images: a translation
 * changes words, not where a learner is sent or what file is shown.
 */
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { CONTENT_PREFIX, type Question } from './model.js';
import { questionHtml } from './question-html.js';
import { compilerKind } from './question-types/index.js';

const points = (n: number) => `${n} point${n === 1 ? '' : 's'}`;

/**
 * How a translated question's structure differs from its source's, in words
 * (empty when it is the same). Text (prompt, labels, feedback) may differ; fill-in
 * answers may too, since they are words of the translation's language.
 */
export function structureDifferences(source: Question, translated: Question): string[] {
  if (source.type !== translated.type) return [`it is a ${translated.type} question, the source a ${source.type} question`];
  const out: string[] = [];
  if (source.points !== translated.points) out.push(`it is worth ${points(translated.points)}, the source ${points(source.points)}`);
  out.push(...compilerKind(source.type).differences(source, translated));
  out.push(...targetDifferences(questionHtml(source).flatMap((h) => htmlFacts(h).targets), questionHtml(translated).flatMap((h) => htmlFacts(h).targets)));
  return out;
}

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Elements whose URL attribute shows a file in the page, and that attribute. */
const MEDIA: Record<string, string> = { img: 'src', video: 'src', audio: 'src', source: 'src', track: 'src' };

/**
 * What of a rendered text (sanitised HTML) a translation must keep: where each link leads and
 * each image or media file comes from (`link <url>`, `image <url>`, `media <url>`; links within
 * the page, such as footnotes, aside), and how many ticked task-list boxes it shows.
 */
export function htmlFacts(html: string): { targets: string[]; checked: number } {
  const targets = new Set<string>();
  let checked = 0;
  // The model's HTML is serialised with every attribute as name="value" (a " inside written as &#x22;),
  // so these find every href, src and checked there are. A text whose links all stay in the page (its
  // footnotes, as most lessons have) has nothing to compare: it is not parsed, the costly part of a load.
  if (!/\s(?:src|checked)[\s=>]/.test(html) && [...html.matchAll(/\shref="([^"]*)"/g)].every(([, href]) => href!.startsWith('#') && !href!.startsWith('#/'))) return { targets: [], checked };
  const visit = (node: Node) => {
    if ('tagName' in node) {
      const element = node as Element;
      const value = (name: string) => element.attrs.find((a) => a.name === name)?.value;
      const href = element.tagName === 'a' ? value('href') : undefined;
      if (href && !(href.startsWith('#') && !href.startsWith('#/'))) targets.add(`link ${href}`);
      const media = MEDIA[element.tagName];
      const src = media ? value(media) : undefined;
      if (src) targets.add(`${element.tagName === 'img' ? 'image' : 'media'} ${src}`);
      if (element.tagName === 'input' && value('type') === 'checkbox' && value('checked') !== undefined) checked++;
      if (element.tagName === 'template' && 'content' in element) visit((element as DefaultTreeAdapterMap['template']).content);
    }
    if ('childNodes' in node) for (const child of node.childNodes) visit(child);
  };
  visit(parseFragment(html));
  return { targets: [...targets].sort(), checked };
}

/** A link or image target as an author wrote it: a course file by its path, a lesson by its id. */
function shownTarget(target: string): string {
  const space = target.indexOf(' ');
  const kind = target.slice(0, space);
  const url = target.slice(space + 1);
  if (url.startsWith('#/lesson/')) return `${kind} to lesson "${url.slice('#/lesson/'.length)}"`;
  if (url.startsWith(CONTENT_PREFIX)) {
    let file = url.slice(CONTENT_PREFIX.length);
    try {
      file = decodeURI(file);
    } catch {
      // shown as it is
    }
    return `${kind} ${file}`;
  }
  return `${kind} ${url}`;
}

/** How a translation's link and image targets differ from its source's, in words (empty when they are the same). */
export function targetDifferences(source: string[], translated: string[]): string[] {
  const added = translated.filter((t) => !source.includes(t));
  const lacking = source.filter((t) => !translated.includes(t));
  return [...added.map((t) => `it has the ${shownTarget(t)}, which the source does not`), ...lacking.map((t) => `it lacks the source's ${shownTarget(t)}`)];
}
