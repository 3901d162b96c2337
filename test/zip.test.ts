/** Zips: UTF-8 entry names (flag bit 11 set for non-ASCII names), sorted entries, fixed dates, identical bytes. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { OutputTransaction } from '../src/package/output.js';
import { writeZip } from '../src/package/zip.js';

function entries(file: string): Promise<Array<{ name: string; flags: number; date: Date }>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const list: Array<{ name: string; flags: number; date: Date }> = [];
      zip.on('entry', (e: yauzl.Entry) => (list.push({ name: e.fileName, flags: e.generalPurposeBitFlag, date: e.getLastModDate() }), zip.readEntry()));
      zip.on('end', () => resolve(list));
      zip.readEntry();
    });
  });
}

describe('zip writing', () => {
  it('writes UTF-8 names, sorted, with fixed dates, and the same bytes every time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skillpack-zip-'));
    const output = new OutputTransaction(path.join(dir, 'out'));
    const files = [{ path: 'content/assets/流程图.svg', data: '<svg/>' }, { path: 'index.html', data: '<!doctype html>' }, { path: 'a.css', data: 'x' }];
    const one = await writeZip(path.join(output.out, 'one.zip'), files, output);
    const two = await writeZip(path.join(output.out, 'two.zip'), [...files].reverse(), output);
    output.commit();
    expect(two.sha256).toBe(one.sha256);
    expect(readFileSync(one.file).equals(readFileSync(two.file))).toBe(true);
    const list = await entries(one.file);
    expect(list.map((e) => e.name)).toEqual(['a.css', 'content/assets/流程图.svg', 'index.html']);
    expect(list.find((e) => e.name.includes('流程图'))!.flags & 0x800).toBe(0x800);
    expect(new Set(list.map((e) => e.date.getUTCFullYear()))).toEqual(new Set([2020]));
  });
});
