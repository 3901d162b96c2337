/**
 * `skillpack validate`: hand-made packages of every kind (as other tools make
 * them) pass; each broken variant fails with exactly the rule expected;
 * hostile zips (written byte by byte, with names real zip tools refuse) are
 * caught; the CLI prints file:line:col and sets its exit status; and real
 * skillpack packages validate with no diagnostics at all.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { validatePackages, type PackageReport } from '../src/validate/index.js';
import { parseXmlAsync } from '../src/validate/xml.js';
import { cmi5, edit, scorm12, scorm2004, tincan, type PackageFiles } from './fixtures/packages.js';
import { buildInto, REPO } from './support/packages.js';
import { writeZip, type ZipEntryInput } from './support/zip-writer.js';

const run = promisify(execFile);
let dir: string;
let count = 0;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'skillpack-validate-'));
});

/** Write a package as a zip (entries in the given order, plus any extra raw entries). */
function zipOf(files: PackageFiles, extra: ZipEntryInput[] = []): string {
  const file = path.join(dir, `package-${++count}.zip`);
  writeFileSync(file, writeZip([...Object.entries(files).map(([name, data]) => ({ name, data, deflate: true })), ...extra]));
  return file;
}

/** Write a package as a folder. */
function folderOf(files: PackageFiles): string {
  const folder = path.join(dir, `folder-${++count}`);
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), data);
  }
  return folder;
}

async function validateOne(file: string): Promise<PackageReport> {
  return (await validatePackages([file])).packages[0]!;
}

/** Validate many packages in one run; reports by path. */
async function validateAll(files: string[]): Promise<Map<string, PackageReport>> {
  const report = await validatePackages(files);
  return new Map(report.packages.map((p) => [p.path, p]));
}

const rules = (report: PackageReport) => [...new Set(report.diagnostics.map((d) => d.rule))].sort();

/** Add `<file href>` entries for extra files to the first resource of a SCORM manifest. */
function listed(files: PackageFiles, names: string[]): PackageFiles {
  return edit(files, 'imsmanifest.xml', '</resource>', `${names.map((n) => `<file href="${n}"/>`).join('')}</resource>`);
}

describe('valid packages of every kind', () => {
  const cases: Array<[string, PackageFiles, string]> = [
    ['SCORM 1.2', scorm12(), 'SCORM 1.2'],
    ['SCORM 2004 4th Edition', scorm2004(4), 'SCORM 2004 4th Edition'],
    [
      'SCORM 2004 4th Edition with a metadata file',
      {
        ...edit(scorm2004(4), 'imsmanifest.xml', '<schemaversion>2004 4th Edition</schemaversion>', '<schemaversion>2004 4th Edition</schemaversion>\n    <adlcp:location>metadata/course.xml</adlcp:location>'),
        'metadata/course.xml': '<lom xmlns="http://ltsc.ieee.org/xsd/LOM"/>\n',
      },
      'SCORM 2004 4th Edition',
    ],
    ['SCORM 2004 3rd Edition', scorm2004(3), 'SCORM 2004 3rd Edition'],
    ['SCORM 2004 2nd Edition', edit(scorm2004(3), 'imsmanifest.xml', '2004 3rd Edition', 'CAM 1.3'), 'SCORM 2004 2nd Edition'],
    ['cmi5', cmi5(), 'cmi5'],
    ['tincan.xml', tincan(), 'xAPI (tincan.xml)'],
    ['tincan.xml inside wrapper folders', Object.fromEntries(Object.entries(tincan()).map(([n, d]) => [`course/v1/${n}`, d])), 'xAPI (tincan.xml)'],
  ];
  // One run for all of them, as `skillpack validate a.zip b.zip …` would do.
  let reports: PackageReport[][];
  beforeAll(async () => {
    const targets = cases.map(([, files]) => [zipOf(files), folderOf(files)]);
    const all = await validateAll(targets.flat());
    reports = targets.map((pair) => pair.map((t) => all.get(t)!));
  }, 60_000);
  cases.forEach(([name, , kind], i) => {
    it(`${name}: as a zip and as a folder, with no diagnostics`, () => {
      for (const report of reports[i]!) {
        expect(report.diagnostics, report.path).toEqual([]);
        expect(report.kinds).toEqual([kind]);
      }
    });
  });
});

describe('broken descriptors fail with exactly the rule expected', () => {
  const s12 = scorm12();
  const s04 = scorm2004(4);
  const s04third = scorm2004(3);
  const c5 = cmi5();
  const tc = tincan();
  const cases: Array<[string, PackageFiles, string[]]> = [
    // SCORM 1.2
    ['1.2: scormtype outside its vocabulary', edit(s12, 'imsmanifest.xml', 'scormtype="sco"', 'scormtype="SCO"'), ['package-schema']],
    ['1.2: scormtype without the adlcp namespace', edit(s12, 'imsmanifest.xml', 'adlcp:scormtype="sco"', 'scormtype="sco"'), ['package-schema', 'package-scormtype']],
    ['1.2: identifierref to no resource', edit(s12, 'imsmanifest.xml', 'identifierref="RES-1"', 'identifierref="RES-X"'), ['package-identifierref']],
    ['1.2: mastery score above 100', edit(s12, 'imsmanifest.xml', '>80<', '>180<'), ['package-masteryscore']],
    ['1.2: an identifier used twice', edit(s12, 'imsmanifest.xml', 'identifier="ITEM-1"', 'identifier="ORG-1"'), ['package-duplicate-id']],
    ['1.2: default names no organization', edit(s12, 'imsmanifest.xml', 'default="ORG-1"', 'default="ORG-2"'), ['package-default-organization']],
    ['1.2: no default organization', edit(s12, 'imsmanifest.xml', ' default="ORG-1"', ''), ['package-no-default-organization']],
    ['1.2: a listed file missing', listed(s12, ['js/missing.js']), ['package-missing-file']],
    ['1.2: a listed file in another case', edit(s12, 'imsmanifest.xml', 'js/api.js', 'js/API.js'), ['package-missing-file', 'package-unlisted-file']],
    ['1.2: a listed file with a Windows path', edit(s12, 'imsmanifest.xml', '<file href="js/api.js"/>', '<file href="js\\api.js"/>'), ['package-missing-file', 'package-unlisted-file']],
    ['1.2: a metadata file that is missing', edit(s12, 'imsmanifest.xml', '<schemaversion>1.2</schemaversion>', '<schemaversion>1.2</schemaversion><adlcp:location>course-metadata.xml</adlcp:location>'), ['package-missing-file']],
    ['1.2: a file nobody lists', { ...s12, 'notes.txt': 'draft' }, ['package-unlisted-file']],
    ['1.2: launch href leaving the package', edit(s12, 'imsmanifest.xml', 'href="index.html">', 'href="../index.html">'), ['package-missing-file']],
    ['1.2: schemaversion of another version', edit(s12, 'imsmanifest.xml', '<schemaversion>1.2<', '<schemaversion>1.3<'), ['package-schemaversion']],
    ['1.2: schemaversion missing', edit(s12, 'imsmanifest.xml', /<metadata>[\s\S]*<\/metadata>/, ''), ['package-schemaversion-missing']],
    ['1.2: a launch page with no script', { ...s12, 'index.html': '<!doctype html><title>Lesson</title><p>Hello</p>' }, ['package-launch-api']],
    ['1.2: scripts that never look up API', { ...s12, 'js/api.js': 'document.title = "Lesson";\n' }, ['package-launch-api']],
    ['1.2: a launch page whose script is missing', edit(s12, 'index.html', 'js/api.js', 'js/gone.js'), ['package-missing-file']],
    ['1.2: a remote script (cannot be judged)', edit(s12, 'index.html', 'src="js/api.js"', 'src="https://cdn.example.org/scorm.js"'), ['package-launch-unverified']],
    ['1.2: scripts in ES modules, followed through their imports', { ...s12, 'index.html': '<!doctype html><script type="module" src="js/main.js"></script>', 'js/main.js': "import { start } from './lms.js';\nstart();\n", 'js/lms.js': 'export function start() { return window.parent.API; }\n' }, ['package-unlisted-file']],
    ['1.2: a module importing what cannot be read here', { ...s12, 'index.html': '<!doctype html><script type="module" src="js/main.js"></script>', 'js/main.js': "import { start } from 'scorm-driver';\nstart();\n" }, ['package-launch-unverified', 'package-unlisted-file']],
    ['1.2: not well-formed', edit(s12, 'imsmanifest.xml', '</resources>', '</resource>'), ['package-xml-syntax']],
    ['1.2: a control character in a title', edit(s12, 'imsmanifest.xml', '<title>Lesson 1', '<title>Lesson\u0001 1'), ['package-xml-character']],
    ['1.2: a character reference XML cannot carry', edit(s12, 'imsmanifest.xml', '<title>Lesson 1', '<title>Lesson&#x1B; 1'), ['package-xml-character']],
    ['1.2: a bare ampersand', edit(s12, 'imsmanifest.xml', '<title>Fire safety', '<title>Fire & safety'), ['package-xml-syntax']],
    ['1.2: a namespace nobody knows', edit(edit(s12, 'imsmanifest.xml', 'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"', 'xmlns="http://example.org/cp"'), 'imsmanifest.xml', /<metadata>[\s\S]*<\/metadata>/, ''), ['package-namespace']],
    // SCORM 2004
    ['2004: pass mark outside -1..1', edit(s04, 'imsmanifest.xml', '>0.8<', '>80<'), ['package-schema']],
    ['2004: a misspelt extension element the schema lets through', edit(s04, 'imsmanifest.xml', 'adlcp:completionThreshold ', 'adlcp:completionTreshold '), ['package-extension-element']],
    ['2004: no default organization', edit(s04, 'imsmanifest.xml', ' default="ORG-1"', ''), ['package-default-organization']],
    ['2004: a SCO without href', edit(edit(s04, 'imsmanifest.xml', ' href="lesson/index.html"', ''), 'imsmanifest.xml', '<file href="lesson/index.html"/>', ''), ['package-identifierref', 'package-missing-file', 'package-unlisted-file']],
    ['2004: scripts that look up only the 1.2 API', { ...s04, 'lesson/scorm.js': 'var api = window.parent.API; api.LMSInitialize("");\n' }, ['package-launch-api']],
    ['2004: an edition that does not exist', edit(s04, 'imsmanifest.xml', '2004 4th Edition', '2004 5th Edition'), ['package-schemaversion']],
    ['2004 3rd Edition: a 4th Edition threshold', edit(s04third, 'imsmanifest.xml', '<adlcp:completionThreshold>0.8</adlcp:completionThreshold>', '<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.8"/>'), ['package-edition-mismatch']],
    ['2004: the manifest in a wrapper folder', Object.fromEntries(Object.entries(s04).map(([n, d]) => [`course/${n}`, d])), ['package-no-descriptor']],
    ['2004: the manifest named in upper case', Object.fromEntries(Object.entries(s04).map(([n, d]) => [n === 'imsmanifest.xml' ? 'IMSManifest.xml' : n, d])), ['package-no-descriptor']],
    // cmi5
    ['cmi5: an AU id that is not an IRI', edit(c5, 'cmi5.xml', 'au id="https://example.org/courses/fire-safety/au"', 'au id="au-1"'), ['package-not-iri']],
    ['cmi5: the AU id equal to the course id', edit(c5, 'cmi5.xml', 'fire-safety/au"', 'fire-safety"'), ['package-duplicate-id']],
    ['cmi5: moveOn outside its vocabulary', edit(c5, 'cmi5.xml', 'moveOn="CompletedAndPassed"', 'moveOn="CompletedAndPass"'), ['package-moveon-mastery', 'package-schema']],
    ['cmi5: masteryScore that moveOn ignores', edit(c5, 'cmi5.xml', 'moveOn="CompletedAndPassed"', 'moveOn="Completed"'), ['package-moveon-mastery']],
    ['cmi5: the AU url missing', edit(c5, 'cmi5.xml', 'au/index.html', 'au/start.html'), ['package-missing-file']],
    ['cmi5: an AU that never reads its launch parameters', { ...c5, 'au/launch.js': 'document.title = "AU";\n' }, ['package-launch-api']],
    ['cmi5: the wrong namespace', edit(c5, 'cmi5.xml', 'cmi5/v1/CourseStructure.xsd', 'cmi5/v2/CourseStructure.xsd'), ['package-namespace', 'package-schema']],
    ['cmi5: no AU', edit(c5, 'cmi5.xml', /<au [\s\S]*<\/au>/, ''), ['package-no-au', 'package-schema']],
    // tincan.xml
    ['tincan: two launchable activities', edit(tc, 'tincan.xml', '<interactionType>', '<launch>index.html</launch><interactionType>'), ['package-tincan-launch']],
    ['tincan: an activity id that is not an IRI', edit(tc, 'tincan.xml', 'id="https://example.org/courses/fire-safety/questions/exits"', 'id="exits"'), ['package-not-iri']],
    ['tincan: the wrong namespace', edit(tc, 'tincan.xml', 'projecttincan.com/tincan.xsd', 'example.org/tincan'), ['package-namespace']],
    ['tincan: the launch file missing', edit(tc, 'tincan.xml', '>index.html<', '>start.html<'), ['package-missing-file']],
    ['tincan: no launchable activity', edit(tc, 'tincan.xml', '<launch lang="en">index.html</launch>', ''), ['package-tincan-no-launch']],
    ['tincan: an activity without a name', edit(tc, 'tincan.xml', '<name lang="en">exits</name>', ''), ['package-tincan-name']],
    ['tincan: another root element', edit(edit(tc, 'tincan.xml', '<tincan ', '<package '), 'tincan.xml', '</tincan>', '</package>'), ['package-tincan-structure']],
  ];
  let reports: PackageReport[];
  beforeAll(async () => {
    const zips = cases.map(([, files]) => zipOf(files));
    const all = await validateAll(zips);
    reports = zips.map((z) => all.get(z)!);
  }, 60_000);
  cases.forEach(([name, , expected], i) => {
    it(name, () => {
      const report = reports[i]!;
      expect(rules(report), JSON.stringify(report.diagnostics, null, 1)).toEqual(expected);
      const errors = expected.some((r) => !['package-unlisted-file', 'package-launch-unverified', 'package-schemaversion-missing', 'package-no-default-organization', 'package-edition-mismatch', 'package-moveon-mastery', 'package-tincan-no-launch', 'package-tincan-name'].includes(r));
      expect(report.errors > 0).toBe(errors);
    });
  });

  it('says why a listed file is not found', () => {
    const message = (name: string) => reports[cases.findIndex(([n]) => n === name)]!.diagnostics.find((d) => d.rule === 'package-missing-file')!.message;
    expect(message('1.2: a listed file in another case')).toContain('"js/api.js" differs only in case');
    expect(message('1.2: a listed file with a Windows path')).toContain('which only Windows understands: write "/"');
    expect(message('1.2: launch href leaving the package')).toContain('points outside the package');
  });

  it('places each diagnostic at its element or attribute, inside the zip', async () => {
    const file = zipOf(edit(scorm2004(4), 'imsmanifest.xml', '>0.8<', '>80<'));
    const [d] = (await validateOne(file)).diagnostics;
    expect(d).toMatchObject({ file: `${file}!/imsmanifest.xml`, line: 21, column: 15, rule: 'package-schema' });
    expect(d!.message).toContain("Element 'imsss:minNormalizedMeasure'");
    const bad = zipOf(edit(scorm12(), 'imsmanifest.xml', 'identifierref="RES-1"', 'identifierref="RES-X"'));
    expect((await validateOne(bad)).diagnostics[0]).toMatchObject({ file: `${bad}!/imsmanifest.xml`, line: 14, column: 33 });
  });
});

describe('hostile and damaged zips', () => {
  const base = scorm12();
  const cases: Array<[string, PackageFiles, ZipEntryInput[], string[]]> = [
    ['a name with ..', base, [{ name: '../evil.sh', data: 'x' }], ['package-entry-name']],
    ['an absolute name', base, [{ name: '/etc/evil', data: 'x' }], ['package-entry-name']],
    ['a drive letter', base, [{ name: 'C:/evil', data: 'x' }], ['package-entry-name']],
    ['a backslash', base, [{ name: 'js\\evil.js', data: 'x' }], ['package-entry-name']],
    ['a Windows device name', base, [{ name: 'docs/CON.txt', data: 'x' }], ['package-entry-name']],
    ['a colon', base, [{ name: 'report:1.txt', data: 'x' }], ['package-entry-name']],
    ['a right-to-left override', base, [{ name: 'invoice\u202Etxt.exe', data: 'x' }], ['package-entry-name']],
    ['a control character', base, [{ name: 'bell\u0007.txt', data: 'x' }], ['package-entry-name']],
    ['a trailing dot', base, [{ name: 'notes.', data: 'x' }], ['package-entry-name']],
    ['the same name twice', base, [{ name: 'index.html', data: '<p>other</p>' }], ['package-entry-duplicate']],
    ['names that differ only in case', listed(base, ['INDEX.html']), [{ name: 'INDEX.html', data: '<p>other</p>' }], ['package-entry-case']],
    ['a symbolic link', base, [{ name: 'js/link.js', data: '/etc/passwd', symlink: true }], ['package-entry-link']],
    ['an entry that unpacks 1000 times larger', listed(base, ['big.txt']), [{ name: 'big.txt', data: Buffer.alloc(4 * 1024 ** 2), deflate: true }], ['package-zip-bomb']],
    ['two entries sharing their data', listed(base, ['copy.html']), [{ name: 'copy.html', shareDataWith: 1 }], ['package-zip-invalid']],
  ];
  let reports: PackageReport[];
  beforeAll(async () => {
    const zips = cases.map(([, files, extra]) => zipOf(files, extra));
    const all = await validateAll(zips);
    reports = zips.map((z) => all.get(z)!);
  }, 60_000);
  cases.forEach(([name, , , expected], i) => {
    it(name, () => {
      const report = reports[i]!;
      expect(rules(report), JSON.stringify(report.diagnostics, null, 1)).toEqual(expected);
      expect(report.errors).toBeGreaterThan(0);
    });
  });

  it('prints hostile names with their invisible characters spelt out', async () => {
    const report = await validateOne(zipOf(base, [{ name: 'invoice\u202Etxt.exe', data: 'x' }]));
    expect(report.diagnostics[0]!.message).toContain('invoice\\u{202E}txt.exe');
    expect(report.diagnostics[0]!.message).not.toContain('\u202E');
  });

  it('refuses files that are not packages, and damaged zips', async () => {
    const text = path.join(dir, 'notes.zip');
    writeFileSync(text, 'not a zip at all');
    const whole = writeZip(Object.entries(base).map(([name, data]) => ({ name, data })));
    const truncated = path.join(dir, 'truncated.zip');
    writeFileSync(truncated, whole.subarray(0, whole.length - 30));
    const report = await validatePackages([text, truncated, path.join(dir, 'nowhere.zip')]);
    expect(report.packages.map(rules)).toEqual([['package-unreadable'], ['package-unreadable'], ['package-unreadable']]);
  });

  it('refuses a package that declares more than 1 GiB', async () => {
    const huge = zipOf(base);
    const data = Buffer.from(await import('node:fs').then((fs) => fs.readFileSync(huge)));
    // Rewrite the central directory's unpacked size of the last entry to 2 GiB.
    const central = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    data.writeUInt32LE(2 * 1024 ** 3, central + 24);
    writeFileSync(huge, data);
    const report = await validateOne(huge);
    expect(rules(report)).toEqual(['package-too-large', 'package-zip-bomb']);
  });
});

describe('attribute values', () => {
  it('keep white space written as a character reference, and make white space written as such a space, CR LF one (XML 1.0 §2.11, §3.3.3)', async () => {
    const { root, problems } = await parseXmlAsync('<a b="x&#9;y&#10;z" c="x\ty\nz" d="x\r\ny&amp;z"/>');
    expect(problems).toEqual([]);
    expect(root!.attributes.map((a) => a.value)).toEqual(['x\ty\nz', 'x y z', 'x y&z']);
  });
});

describe('large and deeply nested descriptors', () => {
  it('reports a descriptor nested 100,000 deep instead of crashing', async () => {
    const deep = edit(scorm12(), 'imsmanifest.xml', '<title>Fire safety</title>', `<title>Fire safety</title>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}`);
    const report = await validateOne(zipOf(deep));
    expect(rules(report)).toEqual(['package-schema']);
    expect(report.diagnostics[0]!.message).toMatch(/depth/i);
  }, 60_000);

  it('lets other work run while it parses a large descriptor', async () => {
    const activity = (i: number) => `<activity id="https://example.org/a/${i}"><name lang="en">Q${i}</name></activity>`;
    const xml = `<tincan xmlns="http://projecttincan.com/tincan.xsd"><activities>${Array.from({ length: 20_000 }, (_, i) => activity(i)).join('')}</activities></tincan>`;
    let turns = 0;
    let running = true;
    const tick = () => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const { root, problems } = await parseXmlAsync(xml);
    running = false;
    expect(problems).toEqual([]);
    expect(root!.children[0]!.children).toHaveLength(20_000);
    expect(turns).toBeGreaterThan(5); // 80,000 tags: a turn for other work every 5,000
  });
});

describe('real skillpack packages', () => {
  it('validates the fixture course for every zip target with no diagnostics', async () => {
    const built = await buildInto(['test/fixtures/courses/mini-course'], ['scorm12', 'scorm2004', 'xapi', 'cmi5']);
    const zips = built.packages.map((p) => path.join(built.out, p.file));
    expect(zips).toHaveLength(4);
    const report = await validatePackages(zips);
    expect(report.diagnostics).toEqual([]);
    expect(report.packages.map((p) => p.kinds).sort()).toEqual([['SCORM 1.2'], ['SCORM 2004 4th Edition'], ['cmi5'], ['xAPI (tincan.xml)']]);
  }, 60_000);

  it('recognises a QTI content package (the qti export) and checks its references, not SCORM rules', async () => {
    const built = await buildInto(['test/fixtures/courses/mini-course'], ['qti'] as never);
    const zip = path.join(built.out, built.packages[0]!.file);
    const report = await validatePackages([zip]);
    expect(report.diagnostics).toEqual([]);
    expect(report.packages[0]!.kinds[0]).toMatch(/^IMS QTI content package \(\d+ items, 1 test\)$/);
    // The same package with one item file missing fails on it.
    const { readZip } = await import('./support/packages.js');
    const all = [...(await readZip(zip))];
    const removed = all.find(([name]) => /^items\/.*\.xml$/.test(name))![0];
    const entries = all.filter(([name]) => name !== removed);
    const broken = path.join(built.out, 'broken-qti.zip');
    writeFileSync(broken, writeZip(entries.map(([name, data]) => ({ name, data }))));
    const brokenReport = await validatePackages([broken]);
    expect(brokenReport.diagnostics.map((d) => d.rule)).toContain('package-missing-file');
  }, 60_000);
});

describe('the validate command', () => {
  const cli = (...args: string[]) =>
    run(process.execPath, [path.join(REPO, 'src', 'bin.js'), ...args], { env: { ...process.env, NO_COLOR: '1' } }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('prints file:line:col, rule and hint, and exits 1 on errors', async () => {
    const bad = zipOf(edit(scorm12(), 'imsmanifest.xml', 'identifierref="RES-1"', 'identifierref="RES-X"'));
    const { code, stdout } = await cli('validate', bad);
    expect(code).toBe(1);
    expect(stdout).toContain(`${bad}!/imsmanifest.xml:14:33  error  item "ITEM-1": identifierref "RES-X" names no <resource>  package-identifierref`);
    expect(stdout).toContain('hint: Give every leaf <item> an identifierref');
    expect(stdout).toMatch(/1 error, 0 warnings/);
  });

  it('shows the offending lines of a descriptor in a package folder', async () => {
    const folder = folderOf(edit(scorm12(), 'imsmanifest.xml', 'identifierref="RES-1"', 'identifierref="RES-X"'));
    const { code, stdout } = await cli('validate', folder);
    expect(code).toBe(1);
    expect(stdout).toContain(`${path.join(folder, 'imsmanifest.xml')}:14:33  error`);
    expect(stdout).toContain('> 14 |       <item identifier="ITEM-1" identifierref="RES-X" isvisible="true">');
  }, 30_000);

  it('exits 0 for valid packages, warnings included', async () => {
    const good = zipOf(scorm2004(4));
    const warned = zipOf({ ...scorm12(), 'notes.txt': 'draft' });
    const { code, stdout } = await cli('validate', good, warned);
    expect(code).toBe(0);
    expect(stdout).toMatch(/SCORM 2004 4th Edition\s+valid/);
    expect(stdout).toContain('0 errors, 1 warning');
  }, 30_000);

  it('prints JSON with --format json, and refuses an unknown format', async () => {
    const bad = zipOf(edit(cmi5(), 'cmi5.xml', 'au/index.html', 'au/start.html'));
    const { code, stdout } = await cli('validate', '--format', 'json', bad);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { packages: PackageReport[]; errors: number; warnings: number };
    expect(report.warnings).toBe(0);
    expect(report.errors).toBe(1);
    expect(report.packages[0]!.diagnostics[0]).toMatchObject({ file: `${bad}!/cmi5.xml`, line: 10, column: 5, rule: 'package-missing-file' });
    const usage = await cli('validate', '--format', 'xml', bad);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/\bxml\b/);
    expect(usage.stdout).toBe('');
  }, 30_000);
});
