/**
 * `skillpack validate` against packages made to slip past it: a manifest that
 * borrows a QTI resource to escape the SCORM rules, zips whose headers lie
 * (sizes, names), launch pages built to make the scan slow, and reports built
 * to flood or hijack the terminal. Each case was once accepted or hung.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parse, type DefaultTreeAdapterTypes as Html } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeFrame, formatReport } from '../src/diagnostics/reporter.js';
import { validatePackages, type PackageReport } from '../src/validate/index.js';
import { scanHtml } from '../src/validate/launch.js';
import { cmi5, edit, scorm12, scorm2004, tincan, type PackageFiles } from './fixtures/packages.js';
import { writeZip, type ZipEntryInput } from './support/zip-writer.js';

let dir: string;
let count = 0;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'skillpack-validate-hostile-'));
});

/** Write a package as a zip (its files deflated, then any extra raw entries). */
function zipOf(files: PackageFiles, extra: ZipEntryInput[] = []): string {
  const file = path.join(dir, `package-${++count}.zip`);
  writeFileSync(file, writeZip([...Object.entries(files).map(([name, data]) => ({ name, data, deflate: true })), ...extra]));
  return file;
}

async function validateOne(file: string): Promise<PackageReport> {
  return (await validatePackages([file])).packages[0]!;
}

/** The text of every script a browser runs (closed, outside <template>), by parse5's tree builder. */
function runScripts(html: string): string[] {
  const found: string[] = [];
  const walk = (node: Html.ParentNode) => {
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue;
      if (child.tagName === 'script' && child.sourceCodeLocation?.endTag) found.push(child.childNodes.map((t) => ('value' in t ? t.value : '')).join(''));
      walk(child);
    }
  };
  walk(parse(html, { scriptingEnabled: true, sourceCodeLocationInfo: true }));
  return found;
}

const rules = (report: PackageReport) => [...new Set(report.diagnostics.map((d) => d.rule))].sort();
const explain = (report: PackageReport) => JSON.stringify(report.diagnostics, null, 1);

describe('a QTI resource does not turn the SCORM rules off', () => {
  it('checks a SCORM 1.2 manifest that also lists an imsqti resource as SCORM', async () => {
    let files = edit(scorm12(), 'imsmanifest.xml', 'identifierref="RES-1"', 'identifierref="NOPE"');
    files = edit(files, 'imsmanifest.xml', '>80<', '>600<');
    files = edit(files, 'imsmanifest.xml', '<schemaversion>1.2<', '<schemaversion>9.9<');
    files = edit(files, 'imsmanifest.xml', '</resources>', '<resource identifier="Q-1" type="imsqti_item_xmlv2p1" href="q1.xml"><file href="q1.xml"/></resource></resources>');
    const report = await validateOne(zipOf({ ...files, 'q1.xml': '<assessmentItem/>' }));
    expect(report.kinds).toEqual(['SCORM 1.2']);
    expect(rules(report), explain(report)).toEqual(expect.arrayContaining(['package-identifierref', 'package-masteryscore', 'package-schemaversion']));
  });
});

describe('a launch page outside the package', () => {
  it('is an error for a SCO: from another origin it cannot reach the API', async () => {
    const s12 = await validateOne(zipOf(edit(scorm12(), 'imsmanifest.xml', 'href="index.html">', 'href="https://cdn.example.org/sco/index.html">')));
    expect(rules(s12), explain(s12)).toEqual(['package-launch-api']);
    expect(s12.diagnostics[0]!.message).toContain('"https://cdn.example.org/sco/index.html"');
    expect(s12.errors).toBe(1);
    const s04 = await validateOne(zipOf(edit(scorm2004(4), 'imsmanifest.xml', ' href="lesson/index.html"', ' href="//cdn.example.org/lesson/index.html"')));
    expect(rules(s04), explain(s04)).toEqual(['package-launch-api']);
    expect(s04.diagnostics[0]!.message).toContain('API_1484_11');
  });

  it('is a warning for a cmi5 AU, which may live elsewhere but cannot be checked', async () => {
    const report = await validateOne(zipOf(edit(cmi5(), 'cmi5.xml', 'au/index.html', 'https://au.example.org/index.html')));
    expect(rules(report), explain(report)).toEqual(['package-launch-unverified']);
    expect(report.errors).toBe(0);
  });

  it('is an error when it is not a web address: an LMS would run javascript: or data: on its own origin', async () => {
    for (const href of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd']) {
      const report = await validateOne(zipOf(edit(cmi5(), 'cmi5.xml', 'au/index.html', href.replace(/&/g, '&amp;').replace(/</g, '&lt;'))));
      expect(rules(report), explain(report)).toEqual(['package-unsafe-launch']);
      expect(report.errors).toBe(1);
    }
    // A browser drops tabs and line breaks from a URL: `java\tscript:` is `javascript:`.
    for (const href of ['javascript:alert(1)', 'java\tscript:alert(1)']) {
      const xapi = await validateOne(zipOf(edit(tincan(), 'tincan.xml', '<launch lang="en">index.html</launch>', `<launch lang="en">${href}</launch>`)));
      expect(rules(xapi), explain(xapi)).toEqual(['package-unsafe-launch']);
    }
  });

  it('is the same error for a SCORM 1.2 or 2004 resource, asset or SCO, once, at its href', async () => {
    /** A second item that launches an asset resource whose href is `href`. */
    const withAsset = (files: PackageFiles, typeAttribute: string, href: string) =>
      edit(
        edit(files, 'imsmanifest.xml', '</item>', '</item>\n      <item identifier="ITEM-2" identifierref="RES-2"><title>Help</title></item>'),
        'imsmanifest.xml',
        '</resources>',
        `  <resource identifier="RES-2" type="webcontent" ${typeAttribute}="asset" href="${href}"/>\n  </resources>`,
      );
    const cases: Array<[string, PackageFiles]> = [
      ['1.2 asset', withAsset(scorm12(), 'adlcp:scormtype', 'javascript:alert(1)')],
      ['2004 asset', withAsset(scorm2004(4), 'adlcp:scormType', 'data:text/html,x')],
      ['1.2 SCO', edit(scorm12(), 'imsmanifest.xml', 'href="index.html">', 'href="JavaScript:alert(1)">')],
      ['2004 SCO', edit(scorm2004(4), 'imsmanifest.xml', ' href="lesson/index.html"', ' href="file:///C:/course/index.html"')],
    ];
    for (const [name, files] of cases) {
      const report = await validateOne(zipOf(files));
      const unsafe = report.diagnostics.filter((d) => d.rule === 'package-unsafe-launch');
      expect(unsafe, `${name}: ${explain(report)}`).toHaveLength(1);
      const line = String(files['imsmanifest.xml']).split('\n').findIndex((l) => l.includes(' href="') && /(javascript|data|file):/i.test(l)) + 1;
      expect(unsafe[0], name).toMatchObject({ file: expect.stringMatching(/!\/imsmanifest\.xml$/), line });
      // Nothing else: not a missing file, nor a remote SCO that cannot reach the API.
      expect(rules(report), `${name}: ${explain(report)}`).toEqual(['package-unsafe-launch']);
    }
  });

  it('is an error in a listed file too: an LMS that links a resource\'s <file> runs it on its own origin', async () => {
    for (const href of ['javascript:alert(1)', 'java&#9;script:alert(1)', 'data:text/html,x']) {
      const report = await validateOne(zipOf(edit(scorm12(), 'imsmanifest.xml', '</resource>', `<file href="${href}"/></resource>`)));
      // The schema refuses a tab in a URI too; the reference is read as a browser reads it (`javascript:`).
      expect(rules(report).filter((rule) => rule !== 'package-schema'), explain(report)).toEqual(['package-unsafe-url']);
    }
    // A web address is still allowed there.
    const remote = await validateOne(zipOf(edit(scorm12(), 'imsmanifest.xml', '</resource>', '<file href="https://example.org/help.pdf"/></resource>')));
    expect(rules(remote), explain(remote)).toEqual([]);
  });
});

describe('a file that is also a folder', () => {
  const withRuntime = (extra: ZipEntryInput[]) => zipOf(edit(scorm12(), 'imsmanifest.xml', '</resource>', '<file href="runtime/player.js"/></resource>'), [{ name: 'runtime/player.js', data: 'var x;' }, ...extra]);

  it('is refused, by the same name or in another case', async () => {
    const same = await validateOne(withRuntime([{ name: 'runtime/player.js/readme.txt', data: 'x' }]));
    expect(rules(same), explain(same)).toContain('package-entry-duplicate');
    expect(same.diagnostics.find((d) => d.rule === 'package-entry-duplicate')!.message).toContain('"runtime/player.js/readme.txt" uses it as a folder');
    const folded = await validateOne(withRuntime([{ name: 'Runtime/Player.JS/readme.txt', data: 'x' }]));
    expect(rules(folded), explain(folded)).toContain('package-entry-case');
    const folderEntry = await validateOne(withRuntime([{ name: 'runtime/player.js/', data: '' }]));
    expect(rules(folderEntry), explain(folderEntry)).toContain('package-entry-duplicate');
  });

  it('is not confused with names that merely start alike', async () => {
    const report = await validateOne(withRuntime([{ name: 'runtime/player.json', data: '{}' }, { name: 'runtime/player.js.map', data: '{}' }]));
    expect(rules(report), explain(report)).toEqual(['package-unlisted-file']);
  });
});

describe('names in UTF-8 without the zip\'s UTF-8 flag (Info-ZIP zip on Linux)', () => {
  it('reads them as UTF-8, as unzip, libzip and Java do', async () => {
    const files = edit(scorm12(), 'imsmanifest.xml', '</resource>', '<file href="课程/第一课.html"/></resource>');
    const report = await validateOne(zipOf(files, [{ name: '课程/第一课.html', data: '<p>课</p>', utf8Flag: false }]));
    expect(report.diagnostics, explain(report)).toEqual([]);
  });

  it('still sees a control character in such a name (CP437 would show it as a symbol)', async () => {
    const report = await validateOne(zipOf(scorm12(), [{ name: 'bell\u0007.txt', data: 'x', utf8Flag: false }]));
    expect(rules(report), explain(report)).toContain('package-entry-name');
  });
});

describe('zips whose headers lie', () => {
  const withNotes = (entry: Omit<ZipEntryInput, 'name'> & { name?: string }) =>
    zipOf(edit(scorm12(), 'imsmanifest.xml', '</resource>', '<file href="notes.txt"/></resource>'), [{ name: 'notes.txt', data: 'notes', ...entry }]);

  it('unpacks every entry: 4 MiB that declare 1,000 bytes are refused', async () => {
    const report = await validateOne(withNotes({ data: Buffer.alloc(4 * 1024 ** 2), deflate: true, declaredSize: 1000 }));
    expect(rules(report), explain(report)).toEqual(['package-zip-invalid']);
    expect(report.diagnostics[0]!.message).toBe('entry "notes.txt" unpacks to more than the 1000 bytes its headers declare');
    // An entry too large to inflate in memory is streamed, and stopped the same way.
    const large = await validateOne(withNotes({ data: randomBytes(3 * 1024 ** 2), deflate: true, declaredSize: 2 * 1024 ** 2 }));
    expect(large.diagnostics.map((d) => d.message), explain(large)).toEqual(['entry "notes.txt" unpacks to more than the 2097152 bytes its headers declare']);
  });

  it('refuses an entry that unpacks to less than it declares', async () => {
    const report = await validateOne(withNotes({ data: 'short', deflate: true, declaredSize: 5000 }));
    expect(report.diagnostics.map((d) => d.message), explain(report)).toEqual(['entry "notes.txt" unpacks to 5 bytes, not the 5000 its headers declare']);
  });

  it('reports a descriptor or launch page that lies once, not again when it is read', async () => {
    const { 'imsmanifest.xml': manifest, ...rest } = scorm12();
    const descriptor = await validateOne(zipOf(rest, [{ name: 'imsmanifest.xml', data: manifest, deflate: true, declaredSize: 100 }]));
    expect(descriptor.diagnostics.map((d) => d.message), explain(descriptor)).toEqual(['entry "imsmanifest.xml" unpacks to more than the 100 bytes its headers declare']);
    const { 'index.html': page, ...others } = scorm12();
    const launch = await validateOne(zipOf(others, [{ name: 'index.html', data: page, deflate: true, declaredSize: 10 }]));
    const damaged = launch.diagnostics.filter((d) => d.rule === 'package-zip-invalid');
    expect(damaged.map((d) => d.message), explain(launch)).toEqual(['entry "index.html" unpacks to more than the 10 bytes its headers declare']);
  });

  it('reads the zip about once: an entry checked and then read is unpacked once', async () => {
    // A launch script of 12 MiB of random hex, some 6 MiB stored: streamed, not held in one window.
    const files = { ...scorm12(), 'js/api.js': `${String(scorm12()['js/api.js'])}\n// ${randomBytes(6 * 1024 ** 2).toString('hex')}\n` };
    const file = zipOf(files);
    const size = statSync(file).size;
    const handle = await open(file);
    const prototype = Object.getPrototypeOf(handle) as FileHandle;
    await handle.close();
    const read = prototype.read;
    let bytes = 0;
    prototype.read = async function (this: FileHandle, ...args: unknown[]) {
      const result = await (read as (...a: unknown[]) => Promise<{ bytesRead: number }>).apply(this, args);
      bytes += result.bytesRead;
      return result;
    } as FileHandle['read'];
    let report: PackageReport;
    try {
      report = await validateOne(file);
    } finally {
      prototype.read = read;
    }
    expect(report.diagnostics, explain(report)).toEqual([]);
    // All of it is read (every entry is checked), the script's data once: not twice its size.
    expect(bytes).toBeGreaterThanOrEqual(size);
    expect(bytes).toBeLessThan(1.5 * size);
  });

  it('refuses an entry whose data does not match its CRC-32, deflated or stored, read or not, once', async () => {
    for (const deflate of [true, false]) {
      const notes = await validateOne(withNotes({ data: 'notes', deflate, declaredCrc: 0x12345678 }));
      expect(notes.diagnostics.map((d) => `${d.rule}: ${d.message}`), explain(notes)).toEqual([
        'package-zip-crc: entry "notes.txt" unpacks to data whose CRC-32 is 011ba68c, not the 12345678 its headers declare',
      ]);
    }
    // Streamed rather than read at once: 3 MiB stored.
    const large = await validateOne(withNotes({ data: randomBytes(3 * 1024 ** 2), declaredCrc: 7 }));
    expect(rules(large), explain(large)).toEqual(['package-zip-crc']);
    // A descriptor, reported once, not also as one that cannot be read.
    const { 'imsmanifest.xml': manifest, ...rest } = scorm12();
    const descriptor = await validateOne(zipOf(rest, [{ name: 'imsmanifest.xml', data: manifest, declaredCrc: 1 }]));
    expect(rules(descriptor), explain(descriptor)).toEqual(['package-zip-crc']);
    expect(descriptor.diagnostics).toHaveLength(1);
  });

  it('refuses a local header that names the entry otherwise, unsafe names as such', async () => {
    const other = await validateOne(withNotes({ localName: 'other.txt' }));
    expect(rules(other), explain(other)).toEqual(['package-zip-invalid']);
    expect(other.diagnostics[0]!.message).toContain('"notes.txt" is named "other.txt" in its local header');
    const escape = await validateOne(withNotes({ localName: '../../../home/user/.bashrc' }));
    expect(rules(escape), explain(escape)).toEqual(['package-entry-name']);
    expect(escape.diagnostics[0]!.message).toContain('contains `..`');
  });

  it('refuses an entry whose local header is not where the central directory puts it', async () => {
    const file = withNotes({});
    const zip = readFileSync(file);
    // Local headers come first: the name's first occurrence is in its local header, 30 bytes in.
    const header = zip.indexOf('notes.txt') - 30;
    zip.fill(0, header, header + 4);
    writeFileSync(file, zip);
    const report = await validateOne(file);
    expect(report.diagnostics.map((d) => d.message), explain(report)).toEqual([expect.stringMatching(/^entry "notes\.txt": its local header cannot be read where the central directory puts it/)]);
  });

  it('refuses a local header with another compression method', async () => {
    const report = await validateOne(withNotes({ deflate: true, localMethod: 0 }));
    expect(report.diagnostics.map((d) => d.message), explain(report)).toEqual(['entry "notes.txt" is compressed with method 8 in the central directory but 0 in its local header']);
  });

  it('leaves honest zips alone', async () => {
    const report = await validateOne(withNotes({ data: Buffer.alloc(512 * 1024, 'a'), deflate: true }));
    expect(report.diagnostics, explain(report)).toEqual([]);
  });
});

describe('launch pages read as a browser reads them', () => {
  const withPage = (html: string, extra: PackageFiles = {}) => zipOf({ ...scorm12(), ...extra, 'index.html': html });

  it('ignores scripts in comments, <noscript> and <template>: they never run', async () => {
    const inert = '<!-- <script src="debug.js"></script> --><noscript><script src="noscript.js"></script></noscript><template><script src="template.js"></script></template>';
    const report = await validateOne(withPage(`<!doctype html><html><head>${inert}<script src="js/api.js"></script></head></html>`));
    expect(report.diagnostics, explain(report)).toEqual([]);
    // And a page whose only script is one of those runs none.
    const commented = await validateOne(withPage('<!doctype html><html><head><!-- <script src="js/api.js"></script> --></head></html>'));
    expect(rules(commented), explain(commented)).toEqual(['package-launch-api']);
    expect(commented.diagnostics[0]!.message).toContain('runs no script');
  });

  it('still follows frames and refreshes, and reads script text as a browser does', async () => {
    const framed = await validateOne(
      withPage('<!doctype html><frameset><frame src="frame.html"></frameset>', {
        'frame.html': '<meta http-equiv="Refresh" content="0; URL=\'inner.html\'">',
        'inner.html': '<script>var s = "<!-- </scr" + "ipt>"; window.parent.API.LMSInitialize("");</script>',
      }),
    );
    expect(rules(framed), explain(framed)).toEqual(['package-unlisted-file']);
  });

  it('finds the scripts a browser runs, as parse5\'s full parser does', () => {
    const long = 'x'.repeat(5000); // past the length whose body is searched rather than tokenized
    const body = fc.constantFrom('API', long, '<!--', '-->', '<script>', '</script >', '</scripts>', '<\\/script>', '<!-- <script> x </script> -->', `${long}<!--`);
    const fragment = fc.oneof(
      fc.array(body, { maxLength: 4 }).map((parts) => `<script>${parts.join('')}</script>`),
      fc.constantFrom('<!-- <script>C</script> -->', '<noscript><script>N</script></noscript>', '<template><script>T</script></template>', '<p>text</p>', '<iframe><script>I</script></iframe>', '<textarea><script>A</script></textarea>', '<script src="a.js"></script>', '<!--'),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 6 }), (fragments) => {
        const html = `<!doctype html><html><head></head><body>${fragments.join('')}</body></html>`;
        expect(scanHtml(html).scripts.map((x) => x.code)).toEqual(runScripts(html));
      }),
      { numRuns: 300 },
    );
  });

  // Each took the regular expressions this scan replaced from 10 s to hours.
  it('scans hostile pages and module scripts in linear time', { timeout: 8_000 }, async () => {
    const pages = ['<script>'.repeat(100_000), '<iframe '.repeat(100_000), '<meta http-equiv=refresh '.repeat(1_000)];
    const zips = pages.map((html) => withPage(html));
    // Stored, not deflated: 4 MB of one word would be refused as a zip bomb before it is read.
    const stored = path.join(dir, `package-${++count}.zip`);
    const script = `${'import '.repeat(600_000)}\nwindow.API.LMSInitialize("");\n`;
    writeFileSync(stored, writeZip(Object.entries({ ...scorm12(), 'js/api.js': script }).map(([name, data]) => ({ name, data }))));
    zips.push(stored);
    const reports = (await validatePackages(zips)).packages;
    expect(reports.slice(0, 3).map(rules)).toEqual([['package-launch-api'], ['package-launch-api'], ['package-launch-api']]);
    expect(reports[3]!.diagnostics, explain(reports[3]!)).toEqual([]);
  });

  it('reads at most 32 MiB of launch pages and scripts per package, and says so', async () => {
    const folder = path.join(dir, `folder-${++count}`);
    const scripts = ['a.js', 'b.js', 'c.js'];
    const files: PackageFiles = {
      ...edit(scorm12(), 'imsmanifest.xml', '<file href="js/api.js"/>', scripts.map((n) => `<file href="js/${n}"/>`).join('')),
      'index.html': `<!doctype html>${scripts.map((n) => `<script src="js/${n}"></script>`).join('')}`,
    };
    delete files['js/api.js'];
    const filler = 'var a = 1;\n'.repeat(Math.ceil((12 * 1024 ** 2) / 11));
    for (const n of scripts) files[`js/${n}`] = filler;
    for (const [name, data] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      writeFileSync(path.join(folder, name), data);
    }
    const report = await validateOne(folder);
    expect(rules(report), explain(report)).toEqual(['package-launch-unverified']);
    expect(report.diagnostics[0]!.message).toContain('more than 32 MiB of pages and scripts');
  });

  it('does not say that a launch page it could not read runs no script', async () => {
    // Over the 4 MiB read of a page (a page with images inlined): a warning that it was not read, only.
    const large = await validateOne(zipOf({ ...scorm12(), 'index.html': `<script src="js/api.js"></script><p>${randomBytes(2.5 * 1024 ** 2).toString('hex')}</p>` }));
    expect(rules(large), explain(large)).toEqual(['package-launch-unverified']);
    expect(large.errors).toBe(0);
    // Damaged: that, only.
    const { 'index.html': page, ...others } = scorm12();
    const damaged = await validateOne(zipOf(others, [{ name: 'index.html', data: page, deflate: true, declaredSize: 10 }]));
    expect(rules(damaged), explain(damaged)).toEqual(['package-zip-invalid']);
  });
});

describe('a flood of problems', () => {
  it('keeps 50 diagnostics per rule and package, and says how many more there are', async () => {
    const missing = Array.from({ length: 2000 }, (_, i) => `<file href="missing/${i}.js"/>`).join('');
    const report = await validateOne(zipOf(edit(scorm12(), 'imsmanifest.xml', '</resource>', `${missing}</resource>`)));
    const shown = report.diagnostics.filter((d) => d.rule === 'package-missing-file');
    expect(shown).toHaveLength(51);
    expect(shown.at(-1)!.message).toBe('1950 more of these (package-missing-file) in this package, not shown');
    expect(shown.at(-1)!.line).toBe(shown.at(-2)!.line);
  });
});

describe('reports a package cannot take over', () => {
  const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

  it('frame no zip: a package-level diagnostic shows no bytes of the archive', async () => {
    const sequence = '\u001b]0;pwned\u0007\u001b[2J0 errors, 0 warnings\n';
    const file = zipOf(scorm12(), [{ name: `${sequence}.txt`, data: sequence }, { name: 'notes\u001b.txt', data: sequence }]);
    const report = await validateOne(file);
    expect(report.diagnostics.some((d) => d.file === file)).toBe(true);
    const printed = formatReport(report.diagnostics, { color: false, root: dir });
    // No frame at all: the report is the one printed without frames.
    expect(printed).toBe(formatReport(report.diagnostics, { color: false, root: dir, frames: false }));
    expect(printed).not.toMatch(CONTROLS);
  });

  it('show control characters in messages and frames as symbols, the caret still under its column', async () => {
    const page = '<!doctype html><script src="js/a&#x1b;[2J\u009b.js"></script><script src="js/api.js"></script>';
    const report = await validateOne(zipOf({ ...scorm12(), 'index.html': page }));
    const printed = formatReport(report.diagnostics, { color: false, root: dir });
    expect(printed).toContain('<script src="js/a\u241b[2J\ufffd.js"> is not in the package');
    expect(printed).not.toMatch(CONTROLS);

    const frame = codeFrame('ok\nsay \u001b]0;owned\u0007 then X\r0 errors\nend', 2, 21);
    expect(frame).not.toMatch(CONTROLS);
    const [, shown, caret] = frame.split('\n');
    expect(shown).toContain('say \u241b]0;owned\u2407 then X\u240d0 errors');
    expect(shown![caret!.indexOf('^')]).toBe('X');
    // A text-direction character would reorder the printed line (a file name "evil\u202Etxt.exe").
    expect(codeFrame('name evil\u202Etxt.exe here', 1, 6)).not.toContain('\u202E');
  });
});
