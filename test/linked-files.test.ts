/**
 * Links and images are checked wherever they are, also inside an element that is removed (whose
 * content the sanitiser keeps). A linked file goes into a package under its own name, every symbolic link followed: the
 * name (and so the type a browser gives it) is the one whose contents were checked. A link named
 * `page.html` or `pic.svg` to a PNG holding a script page must not publish it as a page or an
 * SVG on the LMS's origin; nor may a logo named `.svg` that is a link to such a PNG.
 * A link to a course file opens in a new tab, as a web link does: shown in the player's own
 * window or LMS frame, the file would end the learner's visit.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import { themeFiles } from '../src/package/theme.js';
import { MINI_COURSE } from './support/harness.js';
import { REPO } from './support/packages.js';

const SCRIPT_PAGE = '<!doctype html><body><script>document.body.textContent = "ran"</script>';
const SCRIPT_SVG = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>';

describe('linked files behind symbolic links', () => {
  it('are packaged under the name of the file checked, not of the link', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-links-'));
    const dir = path.join(root, 'courses', 'mini-course');
    cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
    const assets = path.join(dir, 'assets');
    writeFileSync(path.join(assets, 'notes.png'), SCRIPT_PAGE);
    symlinkSync('notes.png', path.join(assets, 'page.html'));
    writeFileSync(path.join(assets, 'pic.png'), SCRIPT_SVG);
    symlinkSync('pic.png', path.join(assets, 'pic.svg'));
    const lesson = path.join(dir, 'lessons', '01-welcome.md');
    writeFileSync(lesson, `${readFileSync(lesson, 'utf8')}\n[The notes](../assets/page.html) and ![a figure](../assets/pic.svg)\n`);

    const loaded = loadCourse(dir, loadProject(root));
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.assets).toEqual(['assets/diagram.svg', 'assets/notes.png', 'assets/pic.png']);
    const html = loaded.course!.lessons[0]!.html;
    expect(html).toContain('href="content/assets/notes.png"');
    expect(html).toContain('src="content/assets/pic.png"');
    expect(html).not.toMatch(/page\.html|pic\.svg/);
  });

  it('give the theme logo the type of the file it leads to', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-links-'));
    mkdirSync(path.join(root, 'brand'));
    writeFileSync(path.join(root, 'brand', 'logo.png'), SCRIPT_SVG);
    symlinkSync('logo.png', path.join(root, 'brand', 'logo.svg'));
    writeFileSync(path.join(root, 'skillpack.config.yml'), 'theme:\n  logo: brand/logo.svg\n');
    const project = loadProject(root);
    expect(project.config.theme.logo).toBe('brand/logo.png');
    expect(themeFiles(root, project.config).map((f) => f.path)).toEqual(['theme-logo.png']);
  });
});

describe('links inside removed elements', () => {
  it('are checked like any other', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-links-'));
    const dir = path.join(root, 'courses', 'mini-course');
    cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
    const lesson = path.join(dir, 'lessons', '01-welcome.md');
    const lines = readFileSync(lesson, 'utf8').split('\n').length;
    writeFileSync(lesson, `${readFileSync(lesson, 'utf8')}\n<object><img alt="" src="../../../../../login/logout.php?x=1"><a href="../secret.html">x</a><a href="javascript:alert(1)">y</a></object>\n\n<form><video src="../../../user/files/x.mp4"></video></form>\n`);
    const loaded = loadCourse(dir, loadProject(root));
    const found = loaded.diagnostics.filter((d) => d.file.endsWith('01-welcome.md')).map((d) => `${d.line - lines} ${d.rule}`);
    expect(found).toEqual(['1 unsafe-html', '1 path-escape', '1 missing-file', '1 unsafe-html', '3 unsafe-html', '3 path-escape']);
    expect(loaded.course).toBeNull(); // errors: no model
  });
});

describe('links to course files', () => {
  /** The attributes of the link whose text is `text` in `html`. */
  const linkNamed = (html: string, text: string) => html.match(new RegExp(`<a ([^>]*)>${text}</a>`))?.[1];

  it('open in a new tab, in lessons and in question texts; lesson links and footnotes stay in the page', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'skillpack-links-'));
    const dir = path.join(root, 'courses', 'mini-course');
    cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
    writeFileSync(path.join(dir, 'assets', 'guide.pdf'), '%PDF-1.4\n%%EOF\n');
    const lesson = path.join(dir, 'lessons', '01-welcome.md');
    writeFileSync(lesson, `${readFileSync(lesson, 'utf8')}\nOpen [the diagram on its own](../assets/diagram.svg) or [the guide](../assets/guide.pdf#page=2).[^1]\n\n[^1]: A note.\n`);
    const practice = path.join(dir, 'lessons', '02-practice.md');
    writeFileSync(practice, readFileSync(practice, 'utf8').replace('> **Incorrect:** course.yml', '> **Incorrect:** See [the diagram](../assets/diagram.svg): course.yml'));
    const bank = path.join(dir, 'banks', 'core.md');
    writeFileSync(bank, readFileSync(bank, 'utf8').replace('## Which folder holds the lessons? {#lesson-folder}', '## Which folder of [the layout](../assets/diagram.svg) holds the lessons? {#lesson-folder}'));

    const loaded = loadCourse(dir, loadProject(root));
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [welcome, second] = loaded.course!.lessons;
    const newTab = 'target="_blank" rel="noopener noreferrer"';
    expect(linkNamed(welcome!.html, 'the diagram on its own')).toBe(`href="content/assets/diagram.svg" ${newTab}`);
    expect(linkNamed(welcome!.html, 'the guide')).toBe(`href="content/assets/guide.pdf#page=2" ${newTab}`);
    expect(linkNamed(welcome!.html, 'the next lesson')).toBe('href="#/lesson/practice"');
    expect(welcome!.html).toMatch(/<a href="#user-content-fn-1" id="user-content-fnref-1"[^>]*>1<\/a>/);
    expect(welcome!.html).not.toMatch(/<a href="#user-content-fn[^>]*target=/);
    const feedback = second!.practice[0]!.feedback;
    expect(linkNamed(feedback.incorrect!, 'the diagram')).toBe(`href="content/assets/diagram.svg" ${newTab}`);
    const question = loaded.course!.banks[0]!.questions.find((q) => q.id === 'lesson-folder')!;
    expect(linkNamed(question.prompt, 'the layout')).toBe(`href="content/assets/diagram.svg" ${newTab}`);
  });
});
