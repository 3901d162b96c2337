/**
 * tincan.xml. No official XSD is published in a form that can be bundled
 * (see xsd/tincan/README.md), so the structure from Rustici's launch
 * document is checked here: the <tincan> root in its namespace, activities
 * with absolute IRI ids, and exactly one activity with <launch> or <resource>,
 * whose launch file is in the package.
 */
import { checkUniqueIds, isAbsoluteIri, type DescriptorContext, type DescriptorResult } from './descriptor.js';
import { resolveLaunch } from './references.js';
import { attribute, childElement, childElements, textContent } from './xml.js';

export const NS_TINCAN = 'http://projecttincan.com/tincan.xsd';

/** Check a Tin Can package descriptor. */
export function checkTincan(context: DescriptorContext): DescriptorResult {
  const { root, sink, file } = context;
  if (root.local !== 'tincan') sink.report(file, root, 'package-tincan-structure', `the root element is <${root.name}>, not <tincan>`);
  if (root.ns !== NS_TINCAN) sink.report(file, root, 'package-namespace', `the root namespace is "${root.ns}"; tincan.xml uses ${NS_TINCAN}`);

  const activities = childElements(childElement(root, 'activities'), 'activity');
  if (!activities.length) sink.report(file, root, 'package-tincan-structure', 'no <activities><activity> in tincan.xml');
  for (const activity of activities) {
    const id = attribute(activity, 'id');
    if (!id) sink.report(file, activity, 'package-tincan-structure', 'an activity has no id attribute');
    else if (!isAbsoluteIri(id.value)) sink.report(file, id, 'package-not-iri', `activity id "${id.value}" is not an absolute IRI`);
    if (!childElement(activity, 'name')) sink.report(file, activity, 'package-tincan-name', `activity "${id?.value ?? ''}" has no <name>`);
  }
  checkUniqueIds(context, activities, 'id', 'activity id');

  const launchable = activities.filter((a) => childElement(a, 'launch') || childElement(a, 'resource'));
  if (launchable.length > 1) {
    for (const extra of launchable.slice(1)) {
      sink.report(file, childElement(extra, 'launch') ?? childElement(extra, 'resource') ?? extra, 'package-tincan-launch', `${launchable.length} activities have <launch> or <resource>; only one may`);
    }
  }
  if (!launchable.length && activities.length) sink.report(file, root, 'package-tincan-no-launch', 'no activity has <launch>: the package cannot be launched');
  const launch = childElement(launchable[0], 'launch');
  // A launch page elsewhere is allowed: xAPI content reaches the LRS by its launch parameters.
  if (launch) resolveLaunch(sink, file, launch, context.files, textContent(launch), context.base, '<launch>');
  return { kind: 'xAPI (tincan.xml)', launches: [] };
}
