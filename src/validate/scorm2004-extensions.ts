/**
 * SCORM 2004 extension elements. imscp_v1p1.xsd admits foreign elements with
 * processContents="lax", so a misspelt adlcp:, adlseq:, adlnav: or imsss:
 * element placed directly inside a content-packaging element passes XSD
 * validation and is then ignored by the LMS. Such elements are checked here
 * against the global elements the ADL and IMS schemas declare.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DescriptorContext } from './descriptor.js';
import { XSD_DIR } from './schema.js';
import { childElements, descendants, parseXml, type XmlElement } from './xml.js';

export const NS_CP2004 = 'http://www.imsglobal.org/xsd/imscp_v1p1';
export const NS_ADLCP2004 = 'http://www.adlnet.org/xsd/adlcp_v1p3';
export const NS_ADLSEQ = 'http://www.adlnet.org/xsd/adlseq_v1p3';
export const NS_ADLNAV = 'http://www.adlnet.org/xsd/adlnav_v1p3';
export const NS_IMSSS = 'http://www.imsglobal.org/xsd/imsss';

/** The schema files that declare each extension namespace's elements. */
const DECLARING_FILES: Record<string, RegExp> = {
  [NS_ADLCP2004]: /^adlcp_v1p3\.xsd$/,
  [NS_ADLSEQ]: /^adlseq_v1p3\.xsd$/,
  [NS_ADLNAV]: /^adlnav_v1p3\.xsd$/,
  [NS_IMSSS]: /^imsss_v1p0.*\.xsd$/,
};

let declared: Promise<Map<string, Set<string>>> | undefined;

/** Global element names per extension namespace, read from the bundled schemas once. */
export function declaredExtensionElements(): Promise<Map<string, Set<string>>> {
  declared ??= (async () => {
    const folder = path.join(XSD_DIR, 'scorm2004');
    const files = await readdir(folder);
    const out = new Map<string, Set<string>>();
    for (const [ns, pattern] of Object.entries(DECLARING_FILES)) {
      const names = new Set<string>();
      for (const name of files.filter((f) => pattern.test(f))) {
        const { root } = parseXml(await readFile(path.join(folder, name), 'utf8'));
        for (const element of childElements(root, 'element')) {
          const declaredName = element.attributes.find((a) => a.local === 'name' && a.ns === '')?.value;
          if (declaredName) names.add(declaredName);
        }
      }
      out.set(ns, names);
    }
    return out;
  })();
  return declared;
}

/** Report extension elements placed in content-packaging elements that no schema declares. */
export async function checkExtensionElements(context: DescriptorContext): Promise<void> {
  const known = await declaredExtensionElements();
  for (const element of descendants(context.root)) {
    const names = known.get(element.ns);
    if (!names || element.parent?.ns !== NS_CP2004 || names.has(element.local)) continue;
    context.sink.report(context.file, element, 'package-extension-element', `<${element.name}> is not an element of ${element.ns} (misspelt or misplaced)`);
  }
}

/** Elements that only SCORM 2004 4th Edition defines. */
export function fourthEditionConstructs(root: XmlElement): XmlElement[] {
  return descendants(root).filter(
    (e) =>
      (e.local === 'completionThreshold' && e.ns === NS_ADLCP2004 && e.attributes.some((a) => ['completedByMeasure', 'minProgressMeasure', 'progressWeight'].includes(a.local))) ||
      (e.local === 'data' && e.ns === NS_ADLCP2004) ||
      (e.local === 'objectives' && e.ns === NS_ADLSEQ),
  );
}
