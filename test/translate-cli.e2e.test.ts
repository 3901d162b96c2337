/**
 * `skillpack translate` as a user runs it: export, a translator's edit, import, a
 * hand edit and mark, then a build with a package per language; usage mistakes are
 * one clear message with exit status 1.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { REPO } from './support/packages.js';

function project(): { root: string; dir: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'skillpack-translate-cli-'));
  const dir = path.join(root, 'courses', 'bilingual-course');
  cpSync(path.join(REPO, 'test', 'fixtures', 'courses', 'bilingual-course'), dir, { recursive: true });
  return { root, dir };
}

describe('skillpack translate', () => {
  it('exports, imports a translator\'s file, marks hand edits and builds both languages', async () => {
    const { root, dir } = project();
    const exported = await runCli(['translate', 'export', 'bilingual-course', '--language', 'en', '-o', 'out/course.xlf'], { cwd: root });
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toBe('14 texts (14 translated) → out/course.xlf\n');
    expect(exported.status).toBe(0);

    // The translator rewords a question.
    const xlf = path.join(root, 'out', 'course.xlf');
    const xml = readFileSync(xlf, 'utf8');
    writeFileSync(xlf, xml.replace('## Switch off the power before a repair.', '## Always switch off the power before a repair.'));
    const imported = await runCli(['translate', 'import', 'out/course.xlf'], { cwd: root });
    expect(imported.stdout).toContain('14 texts → courses/bilingual-course/translations/en (5 files)');
    expect(imported.status).toBe(0);
    expect(readFileSync(path.join(dir, 'translations', 'en', 'banks', '01-safety.md'), 'utf8')).toContain('## Always switch off the power before a repair. {#cut-power}');

    // The source changes: the translation is out of date until it is updated and marked.
    const bank = path.join(dir, 'banks', '01-safety.md');
    writeFileSync(bank, readFileSync(bank, 'utf8').replace('## 检修前应先断开电源。', '## 检修前必须先断开电源。'));
    const checked = await runCli(['check', 'courses/bilingual-course'], { cwd: root });
    expect(checked.status).toBe(0);
    expect(checked.stdout).toMatch(/translations\/en\/banks\/01-safety\.md:\d+:1 +warning +source question "cut-power" changed since this was translated/);
    const marked = await runCli(['translate', 'mark', 'courses/bilingual-course', '--language', 'en'], { cwd: root });
    expect(marked.stdout).toContain('9 texts recorded as up to date (1 changed)');
    expect(marked.status).toBe(0);
    expect((await runCli(['check', 'courses/bilingual-course'], { cwd: root })).stdout).toContain('no problems');

    const built = await runCli(['build', 'courses/bilingual-course', '--target', 'scorm12,web', '--out', 'dist'], { cwd: root });
    expect(built.status).toBe(0);
    expect(built.stdout).toMatch(/bilingual-course \(en\) +[\d.]+ KB/);
    for (const file of ['bilingual-course-scorm12.zip', 'bilingual-course-en-scorm12.zip', 'web/index.html', 'web-en/index.html']) {
      expect(existsSync(path.join(root, 'dist', 'bilingual-course', file)), file).toBe(true);
    }
  });

  it('says plainly what is wrong with how it was called', async () => {
    const { root } = project();
    const noLanguage = await runCli(['translate', 'export', 'bilingual-course'], { cwd: root });
    expect(noLanguage.status).toBe(1);
    expect(noLanguage.stderr).toContain("required option '--language <lang>' not specified");
    const ownLanguage = await runCli(['translate', 'mark', 'bilingual-course', '--language', 'zh-CN'], { cwd: root });
    expect(ownLanguage.status).toBe(1);
    expect(ownLanguage.stderr).toBe('skillpack: --language zh-CN is the course\'s own language: name the language to translate into\n');
    const noCourse = await runCli(['translate', 'export', 'no-such-course', '--language', 'en'], { cwd: root });
    expect(noCourse.status).toBe(1);
    expect(noCourse.stderr).toContain('no-such-course: no course folder');
    writeFileSync(path.join(root, 'not.xlf'), '<html></html>');
    const notXliff = await runCli(['translate', 'import', 'not.xlf'], { cwd: root });
    expect(notXliff.status).toBe(1);
    expect(notXliff.stderr).toBe('skillpack: not.xlf: not an XLIFF file (its root element is <html>)\n');
    const help = await runCli(['translate', 'export', '--help'], { cwd: root });
    expect(help.stdout).toContain('$ skillpack translate export courses/electrician --language en');
  });
});
