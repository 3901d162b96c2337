/**
 * `skillpack validate` against packages made to slip past it: a manifest that
 * borrows a QTI resource to escape the SCORM rules, zips whose headers lie
 * (sizes, names), launch pages built to make the scan slow, and reports built
 * to flood or hijack the terminal. Each case was once accepted or hung.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validatePackages, type PackageReport } from '../src/validate/index.js';
import { edit, scorm12, type PackageFiles } from './fixtures/packages.js';
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
