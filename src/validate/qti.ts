/**
 * An IMS QTI content package (what `--target qti` makes, and what Canvas, Blackboard and
 * many item banks import): an IMS CP manifest whose resources are QTI items and tests,
 * with nothing to launch. No SCORM rules apply; its references and identifiers are checked.
 */
import { attribute, childElement, childElements, descendants, type XmlElement } from './xml.js';
import { checkUniqueIds, type DescriptorContext, type DescriptorResult } from './descriptor.js';
import { requireFile } from './references.js';

/**
 * Does this manifest describe a QTI content package (every resource a QTI item, test or their
 * files, and nothing of SCORM)? A manifest with an <organization> or a SCORM type is SCORM
 * whatever else it holds: an LMS imports it as a course, so every SCORM rule applies.
 */
export function isQtiManifest(context: DescriptorContext): boolean {
  if (hasScormStructure(context.root)) return false;
  const types = childElements(childElement(context.root, 'resources'), 'resource').map((r) => attribute(r, 'type')?.value ?? '');
  return types.length > 0 && types.some((t) => t.startsWith('imsqti_')) && types.every((t) => t.startsWith('imsqti_') || t === 'webcontent' || t === 'associatedcontent/imscc_xmlv1p1/learning-application-resource');
}

/** An <organization> to launch, or a resource with adlcp:scormType (in any namespace or case). */
function hasScormStructure(root: XmlElement): boolean {
  if (childElements(childElement(root, 'organizations'), 'organization').length) return true;
  return childElements(childElement(root, 'resources'), 'resource').some((r) => r.attributes.some((a) => a.local.toLowerCase() === 'scormtype'));
}

export function checkQti(context: DescriptorContext): DescriptorResult {
  const { root, sink, file, files, base } = context;
  checkUniqueIds(context, [root, ...descendants(root)].filter((e) => e.local === 'manifest' || e.local === 'resource'), 'identifier', 'identifier');
  const resources = childElements(childElement(root, 'resources'), 'resource');
  const ids = new Set(resources.map((r) => attribute(r, 'identifier')?.value.trim()).filter(Boolean));
  for (const resource of resources) {
    const href = attribute(resource, 'href');
    if (href) requireFile(sink, file, href, files, href.value, base, `resource href`, false);
    for (const entry of childElements(resource, 'file')) {
      const fileHref = attribute(entry, 'href');
      if (fileHref) requireFile(sink, file, fileHref, files, fileHref.value, base, '<file>', false);
    }
    for (const dependency of childElements(resource, 'dependency')) {
      const ref = attribute(dependency, 'identifierref');
      if (ref && !ids.has(ref.value.trim())) sink.report(file, ref, 'package-identifierref', `dependency "${ref.value}" names no <resource>`);
    }
  }
  const tests = resources.filter((r) => attribute(r, 'type')?.value.startsWith('imsqti_test')).length;
  const items = resources.filter((r) => attribute(r, 'type')?.value.startsWith('imsqti_item')).length;
  return { kind: `IMS QTI content package (${items} item${items === 1 ? '' : 's'}, ${tests} test${tests === 1 ? '' : 's'})`, launches: [] };
}
