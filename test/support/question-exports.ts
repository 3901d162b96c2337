/**
 * Reading QTI 2.1 items and Moodle XML back for the round-trip tests: a small
 * element tree built with saxes (a strict, namespace-aware XML parser, so a file
 * that is not well-formed fails here), and the key of each question as data.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text and CDATA directly inside the element. */
  text: string;
}

/** Parse a whole document; throws on any well-formedness error. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.local ?? tag.name, attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, typeof v === 'string' ? v : v.value])), children: [], text: '' };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (text) => void (stack.at(-1)!.text += text));
  parser.on('cdata', (text) => void (stack.at(-1)!.text += text));
  parser.write(xml).close();
  return root.children[0]!;
}

/** Every descendant element with this local name, in document order. */
export function all(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...all(child, name)]);
}

/** The first child element with this local name. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

/** What a question's key reads as, from any of the formats: one string per correct part. */
export interface ExportedKey {
  id: string;
  kind: string;
  key: string[];
}

/** The key of a QTI assessmentItem: its correct response, or for fill-in its mapping, for numeric its range. */
export function qtiKey(item: XmlElement): ExportedKey {
  const declaration = child(item, 'responseDeclaration')!;
  const values = all(child(declaration, 'correctResponse') ?? { name: '', attributes: {}, children: [], text: '' }, 'value').map((v) => v.text);
  const mapping = child(declaration, 'mapping');
  const interaction = all(child(item, 'itemBody')!, 'choiceInteraction')[0] ?? all(child(item, 'itemBody')!, 'orderInteraction')[0] ?? all(child(item, 'itemBody')!, 'matchInteraction')[0] ?? all(child(item, 'itemBody')!, 'textEntryInteraction')[0] ?? all(child(item, 'itemBody')!, 'extendedTextInteraction')[0];
  let key = values;
  if (mapping) key = all(mapping, 'mapEntry').map((e) => e.attributes.mapKey!);
  if (declaration.attributes.baseType === 'float') {
    // The range test: <and><gte>RESPONSE min</gte><lte>RESPONSE max</lte></and>.
    const range = all(child(item, 'responseProcessing')!, 'and')[0]!;
    key = all(range, 'baseValue').map((b) => b.text);
  }
  return { id: item.attributes.identifier!.replace(/^item-/, ''), kind: `${interaction?.name}:${declaration.attributes.cardinality}`, key };
}

/** The key of a Moodle XML question: its full-mark answers (in order for ordering), or pairs for matching. */
export function moodleKey(question: XmlElement): ExportedKey {
  const type = question.attributes.type!;
  const answers = question.children.filter((c) => c.name === 'answer');
  const textOf = (e: XmlElement) => child(e, 'text')?.text ?? '';
  let key: string[];
  // A sub-question without text is a distractor answer, not part of the key.
  if (type === 'matching') key = question.children.filter((c) => c.name === 'subquestion' && textOf(c) !== '').map((s) => `${textOf(s)} -> ${textOf(child(s, 'answer')!)}`);
  else if (type === 'ordering') key = answers.map(textOf);
  else if (type === 'numerical') {
    const right = answers.find((a) => Number(a.attributes.fraction) === 100)!;
    const mid = Number(textOf(right)), tolerance = Number(child(right, 'tolerance')!.text);
    const tidy = (n: number) => String(Number(n.toPrecision(12)));
    key = [tidy(mid - tolerance), tidy(mid + tolerance)];
  } else key = answers.filter((a) => Number(a.attributes.fraction) > 0).map(textOf);
  return { id: child(question, 'idnumber')!.text, kind: type, key };
}
