/**
 * cmi5.xml (cmi5 Quartz §13–14): ids are unique absolute IRIs, objective
 * references resolve, there is at least one AU, relative AU urls are files of
 * the package, and masteryScore comes with a moveOn that uses it.
 */
import { checkUniqueIds, isAbsoluteIri, type DescriptorContext, type DescriptorResult, type Launch } from './descriptor.js';
import { resolveLaunch } from './references.js';
import { attribute, childElement, descendants, textContent } from './xml.js';

export const NS_CMI5 = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd';

/** Check a cmi5 course structure. */
export function checkCmi5(context: DescriptorContext): DescriptorResult {
  const { root, sink, file } = context;
  if (root.ns !== NS_CMI5) sink.report(file, root, 'package-namespace', `the root namespace is "${root.ns}"; cmi5.xml uses ${NS_CMI5}`);

  const all = descendants(root);
  const identified = all.filter((e) => ['course', 'au', 'block', 'objective'].includes(e.local) && attribute(e, 'id'));
  checkUniqueIds(context, identified, 'id', 'id');
  for (const element of identified) {
    const id = attribute(element, 'id')!;
    if (!isAbsoluteIri(id.value)) sink.report(file, id, 'package-not-iri', `${element.local} id "${id.value}" is not an absolute IRI`);
  }

  // <objective idref> inside an AU or block points at an objective declared at the course level.
  const declared = new Set(identified.filter((e) => e.local === 'objective').map((e) => attribute(e, 'id')!.value.trim()));
  for (const reference of all.filter((e) => e.local === 'objective' && attribute(e, 'idref'))) {
    const idref = attribute(reference, 'idref')!;
    if (!declared.has(idref.value.trim())) sink.report(file, idref, 'package-identifierref', `objective idref "${idref.value}" names no objective of the course`);
  }

  const aus = all.filter((e) => e.local === 'au');
  if (!aus.length) sink.report(file, root, 'package-no-au', 'no <au> in the course structure');
  const launches: Launch[] = [];
  for (const au of aus) {
    const id = attribute(au, 'id')?.value ?? '';
    const url = childElement(au, 'url');
    if (url) {
      const href = textContent(url);
      const target = resolveLaunch(sink, file, url, context.files, href, context.base, `AU "${id}" url`);
      if (target?.type === 'web') {
        // cmi5 lets an AU live on another site (it reaches the LMS by the launch URL's
        // parameters, not through windows), so this is allowed; but its page cannot be read here.
        sink.report(file, url, 'package-launch-unverified', `AU "${id}" is launched from "${href}", outside the package, so whether its page reads the cmi5 launch parameters (endpoint and fetch) cannot be checked`);
      } else if (target) launches.push({ path: target.path, need: 'cmi5-launch', place: url });
    }
    const mastery = attribute(au, 'masteryScore');
    const moveOn = attribute(au, 'moveOn')?.value ?? 'NotApplicable';
    if (mastery && !moveOn.includes('Passed')) {
      sink.report(file, mastery, 'package-moveon-mastery', `AU "${id}" has masteryScore ${mastery.value} but moveOn="${moveOn}"`);
    }
  }
  return { kind: 'cmi5', schema: 'cmi5', launches };
}
