/**
 * imsmanifest.xml of SCORM 1.2 and SCORM 2004 (2nd, 3rd and 4th Edition):
 * the version and edition, and what the schemas cannot express: identifiers
 * unique, the default organization and every identifierref resolving, each
 * resource's SCORM type, every referenced file present, every package file
 * listed, and the launch page of each SCO.
 */
import { checkUniqueIds, type DescriptorContext, type DescriptorResult, type Launch } from './descriptor.js';
import { requireFile, resolveLaunch } from './references.js';
import { checkExtensionElements, fourthEditionConstructs, NS_ADLCP2004, NS_CP2004 } from './scorm2004-extensions.js';
import { attribute, attributeAnyNs, childElement, childElements, descendants, textContent, XML_NS, type XmlAttribute, type XmlElement } from './xml.js';

export const NS_CP12 = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2';
const NS_ADLCP12 = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';

const EDITIONS: Record<string, string> = {
  '2004 4th Edition': '4th',
  '2004 3rd Edition': '3rd',
  'CAM 1.3': '2nd',
};

/** SCORM 1.2 or 2004, from the root namespace or else the declared schemaversion. */
export function scormVersion(root: XmlElement): '1.2' | '2004' | undefined {
  if (root.ns === NS_CP12) return '1.2';
  if (root.ns === NS_CP2004) return '2004';
  const declared = textContent(childElement(childElement(root, 'metadata'), 'schemaversion'));
  if (declared === '1.2') return '1.2';
  if (declared.startsWith('2004 ') || declared === 'CAM 1.3') return '2004';
  return undefined;
}

/** Check a SCORM manifest. */
export async function checkScorm(context: DescriptorContext): Promise<DescriptorResult | undefined> {
  const { root, sink, file } = context;
  const version = scormVersion(root);
  const metadata = childElement(root, 'metadata');
  const schemaElement = childElement(metadata, 'schema');
  const versionElement = childElement(metadata, 'schemaversion');
  const declared = textContent(versionElement);
  if (!version) {
    sink.report(file, root, 'package-namespace', `cannot tell the SCORM version: the root namespace is "${root.ns}" and schemaversion is "${declared}"`);
    return undefined;
  }
  const expectedNs = version === '1.2' ? NS_CP12 : NS_CP2004;
  if (root.ns !== expectedNs) sink.report(file, root, 'package-namespace', `the root namespace is "${root.ns}"; a SCORM ${version} manifest uses ${expectedNs}`);

  let kind = `SCORM ${version}`;
  if (version === '1.2') {
    if (!versionElement) sink.report(file, metadata ?? root, 'package-schemaversion-missing', 'metadata/schemaversion is missing');
    else if (declared !== '1.2') sink.report(file, versionElement, 'package-schemaversion', `schemaversion "${declared}" in a SCORM 1.2 manifest; expected "1.2"`);
    if (!schemaElement) sink.report(file, metadata ?? root, 'package-schemaversion-missing', 'metadata/schema is missing');
  } else {
    const edition = EDITIONS[declared];
    if (edition) kind = `SCORM 2004 ${edition} Edition`;
    else sink.report(file, versionElement ?? metadata ?? root, 'package-schemaversion', versionElement ? `schemaversion "${declared}" is not a SCORM 2004 edition` : 'metadata/schemaversion is missing');
    if (!schemaElement) sink.report(file, metadata ?? root, 'package-schemaversion', 'metadata/schema is missing');
    if (edition && edition !== '4th') {
      for (const element of fourthEditionConstructs(root)) {
        sink.report(file, element, 'package-edition-mismatch', `<${element.name}> ${element.local === 'completionThreshold' ? 'with attributes ' : ''}is SCORM 2004 4th Edition, but the manifest declares "${declared}"`);
      }
    }
    await checkExtensionElements(context);
  }
  if (schemaElement && textContent(schemaElement) !== 'ADL SCORM') {
    sink.report(file, schemaElement, 'package-schemaversion', `schema is "${textContent(schemaElement)}"; expected "ADL SCORM"`);
  }

  const all = [root, ...descendants(root)];
  checkUniqueIds(context, all.filter((e) => e.local === 'manifest' || e.local === 'organization' || e.local === 'item' || e.local === 'resource'), 'identifier', 'identifier');
  const resources = new Map<string, XmlElement>();
  for (const resource of childElements(childElement(root, 'resources'), 'resource')) {
    const id = attribute(resource, 'identifier')?.value.trim();
    if (id && !resources.has(id)) resources.set(id, resource);
  }
  checkOrganizations(context, version, resources);
  const launches = checkResources(context, version, resources);
  const metadataFiles = checkMetadataLocations(context);
  checkUnlisted(context, resources, metadataFiles);
  if (version === '1.2') checkMasteryScores(context);
  return { kind, schema: version === '1.2' ? 'scorm12' : 'scorm2004', launches };
}

function checkOrganizations(context: DescriptorContext, version: string, resources: Map<string, XmlElement>): void {
  const { root, sink, file } = context;
  const organizations = childElement(root, 'organizations');
  const list = childElements(organizations, 'organization');
  if (!list.length) {
    sink.report(file, organizations ?? root, 'package-no-organization', 'no <organization>: this is a resource package, with nothing to launch');
  } else {
    const def = attribute(organizations, 'default');
    if (!def) {
      if (version === '2004') sink.report(file, organizations, 'package-default-organization', '<organizations> has no default attribute');
      else sink.report(file, organizations, 'package-no-default-organization', '<organizations> has no default attribute');
    } else if (!list.some((o) => attribute(o, 'identifier')?.value.trim() === def.value.trim())) {
      sink.report(file, def, 'package-default-organization', `default="${def.value}" names no <organization>`);
    }
  }
  for (const item of descendants(organizations).filter((e) => e.local === 'item')) {
    const id = attribute(item, 'identifier')?.value ?? '';
    const ref = attribute(item, 'identifierref');
    const hasChildren = childElements(item, 'item').length > 0;
    if (ref) {
      const resource = resources.get(ref.value.trim());
      if (!resource) sink.report(file, ref, 'package-identifierref', `item "${id}": identifierref "${ref.value}" names no <resource>`);
      else if (!attribute(resource, 'href')) sink.report(file, ref, 'package-identifierref', `item "${id}" references resource "${ref.value}", which has no href to launch`);
      if (hasChildren) sink.report(file, ref, 'package-identifierref', `item "${id}" has child items and an identifierref; only leaf items may reference a resource`);
    } else if (!hasChildren) {
      sink.report(file, item, 'package-identifierref', `leaf item "${id}" has no identifierref`);
    }
  }
}

/** xml:base of <resources> and of a resource, joined. */
function baseOf(context: DescriptorContext, resource: XmlElement): string {
  const resourcesBase = attribute(childElement(context.root, 'resources'), 'base', XML_NS)?.value ?? '';
  return context.base + resourcesBase + (attribute(resource, 'base', XML_NS)?.value ?? '');
}

function checkResources(context: DescriptorContext, version: string, resources: Map<string, XmlElement>): Launch[] {
  const { sink, file, files } = context;
  const typeName = version === '1.2' ? 'scormtype' : 'scormType';
  const adlcp = version === '1.2' ? NS_ADLCP12 : NS_ADLCP2004;
  const launchedIds = new Set(
    descendants(childElement(context.root, 'organizations'))
      .filter((e) => e.local === 'item')
      .map((e) => attribute(e, 'identifierref')?.value.trim())
      .filter((v): v is string => Boolean(v)),
  );
  const launches: Launch[] = [];
  for (const resource of childElements(childElement(context.root, 'resources'), 'resource')) {
    const id = attribute(resource, 'identifier')?.value ?? '';
    const scormType = attribute(resource, typeName, adlcp);
    const loose = attributeAnyNs(resource, typeName) ?? attributeAnyNs(resource, version === '1.2' ? 'scormType' : 'scormtype');
    if (!scormType) {
      sink.report(
        file,
        loose ?? resource,
        'package-scormtype',
        loose ? `resource "${id}": ${loose.name} is not adlcp:${typeName} in the namespace ${adlcp}` : `resource "${id}" has no adlcp:${typeName} (sco or asset)`,
      );
    }
    const type = attribute(resource, 'type');
    if (type && type.value !== 'webcontent') sink.report(file, type, 'package-resource-type', `resource "${id}" has type="${type.value}"`);
    const base = baseOf(context, resource);
    const href = attribute(resource, 'href');
    const launched = scormType?.value === 'sco' && launchedIds.has(id.trim());
    if (href) {
      // A resource's href is its launch point, whether an item launches it or not.
      const target = resolveLaunch(sink, file, href, files, href.value, base, `resource "${id}" href`);
      if (target?.type === 'web' && launched) reportRemoteSco(context, href, id, version);
      else if (target?.type === 'file' && launched) launches.push({ path: target.path, need: version === '1.2' ? 'scorm12-api' : 'scorm2004-api', place: href });
    } else if (scormType?.value === 'sco') {
      sink.report(file, resource, 'package-missing-file', `resource "${id}" is a SCO but has no href`);
    }
    for (const f of childElements(resource, 'file')) {
      const fileHref = attribute(f, 'href');
      if (!fileHref) continue; // the schema reports the missing attribute
      requireFile(sink, file, fileHref, files, fileHref.value, base, `<file> of resource "${id}"`);
    }
    for (const dependency of childElements(resource, 'dependency')) {
      const ref = attribute(dependency, 'identifierref');
      if (ref && !resources.has(ref.value.trim())) sink.report(file, ref, 'package-identifierref', `dependency "${ref.value}" of resource "${id}" names no <resource>`);
    }
  }
  return launches;
}

/**
 * A SCO whose launch href is a URL. The SCORM run-time finds the API by walking the
 * parent and opener windows, which browsers allow only between pages of one origin; a
 * package cannot know the LMS's origin, so a page from a URL is on another origin in any
 * LMS the package is imported into, and its lookup fails there. That is certain, so it is
 * an error, not the warning given to remote scripts of a local page (whose page could still
 * reach the API).
 */
function reportRemoteSco(context: DescriptorContext, href: XmlAttribute, id: string, version: string): void {
  const api = version === '1.2' ? 'API' : 'API_1484_11';
  context.sink.report(
    context.file,
    href,
    'package-launch-api',
    `SCO resource "${id}" is launched from "${href.value.trim()}", a URL rather than a page of the package: served from another origin than the LMS, it cannot reach the ${api} object`,
    'Put the SCO\'s pages in the package and give the resource a relative href; a browser lets a page find the LMS\'s API only from the LMS\'s own origin.',
  );
}

/** `<adlcp:location>` names a metadata file of the package; it must be there. */
function checkMetadataLocations(context: DescriptorContext): string[] {
  const found: string[] = [];
  for (const location of descendants(context.root).filter((e) => e.local === 'location' && (e.ns === NS_ADLCP12 || e.ns === NS_ADLCP2004))) {
    const href = textContent(location);
    const file = requireFile(context.sink, context.file, location, context.files, href, context.base, 'metadata location');
    if (file) found.push(file);
  }
  return found;
}

/** Package files that no resource lists (schema files at the root are expected to be unlisted). */
function checkUnlisted(context: DescriptorContext, resources: Map<string, XmlElement>, metadataFiles: string[]): void {
  const listed = new Set<string>([`${context.base}imsmanifest.xml`, ...metadataFiles]);
  for (const resource of resources.values()) {
    const base = baseOf(context, resource);
    for (const href of [attribute(resource, 'href'), ...childElements(resource, 'file').map((f) => attribute(f, 'href'))]) {
      const ref = href ? context.files.resolve(href.value, base) : undefined;
      if (ref?.type === 'found') listed.add(ref.path);
    }
  }
  const unlisted = context.files.names.filter((name) => !listed.has(name) && !/^[^/]+\.(xsd|dtd)$/i.test(name));
  if (!unlisted.length) return;
  const shown = unlisted.slice(0, 5).map((n) => `"${n}"`).join(', ');
  context.sink.report(
    context.file,
    childElement(context.root, 'resources') ?? context.root,
    'package-unlisted-file',
    `${unlisted.length} file${unlisted.length === 1 ? ' is' : 's are'} in the package but in no <file href>: ${shown}${unlisted.length > 5 ? ', …' : ''}`,
  );
}

function checkMasteryScores(context: DescriptorContext): void {
  for (const element of descendants(context.root).filter((e) => e.local === 'masteryscore' && e.ns === NS_ADLCP12)) {
    const value = textContent(element);
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || n < 0 || n > 100) {
      context.sink.report(context.file, element, 'package-masteryscore', `adlcp:masteryscore "${value}" is not a number from 0 to 100`);
    }
  }
}
