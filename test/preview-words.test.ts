/**
 * The preview workspace in the reviewers' language: which language it speaks (as the catalogue
 * page chooses, or as `--language` says), the page written in it, and no word of its interface
 * left in its scripts or its page template instead of the language table.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/course/config.js';
import { LANGUAGES } from '../src/languages/index.js';
import { packagePath } from '../src/paths.js';
import { workspaceLanguage } from '../src/preview/workspace-language.js';
import { workspacePage } from '../src/preview/workspace-route.js';

const PAGE_DIR = packagePath('templates', 'preview');

/** A project whose courses' course.yml files hold `ymls`, and whose configuration is `config`. */
function project(ymls: string[], config = '') {
  const root = mkdtempSync(path.join(tmpdir(), 'skillpack-preview-words-'));
  if (config) writeFileSync(path.join(root, 'skillpack.config.yml'), config);
  const dirs = ymls.map((yml, i) => {
    const dir = path.join(root, 'courses', `course-${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'course.yml'), yml);
    return dir;
  });
  return { project: loadProject(root), dirs };
}

describe('the workspace\'s language', () => {
  it('is the language most courses are written in, counting courses with errors, not those that name no language skillpack speaks', () => {
    const chinese = project(['id: a\nlanguage: zh-CN\n', 'language: zh-CN\ntitel: broken\n', 'id: c\nlanguage: en\n', 'language: fr\n', 'language: fr\n', 'not: [yaml\n']);
    expect(workspaceLanguage(undefined, chinese.project, chinese.dirs)).toBe('zh-CN');
    const english = project(['language: en\n', 'language: en\n', 'language: zh-CN\n']);
    expect(workspaceLanguage(undefined, english.project, english.dirs)).toBe('en');
    const empty = project([]);
    expect(workspaceLanguage(undefined, empty.project, empty.dirs)).toBe('en');
  });

  it('is the project\'s catalogueLanguage when it sets one, and the one asked for above both', () => {
    const configured = project(['language: zh-CN\n'], 'catalogueLanguage: en\n');
    expect(workspaceLanguage(undefined, configured.project, configured.dirs)).toBe('en');
    expect(workspaceLanguage('zh-CN', configured.project, configured.dirs)).toBe('zh-CN');
    const chinese = project(['language: zh-CN\n']);
    expect(workspaceLanguage('en', chinese.project, chinese.dirs)).toBe('en');
  });
});

describe('the workspace page', () => {
  it('is written in its language and hands its scripts the rest of that language\'s words', () => {
    const html = workspacePage('zh-CN');
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain('<title>skillpack 预览</title>');
    expect(html).toContain('<h2 id="panel-title">上报数据</h2>');
    const json = /<script type="application\/json" id="preview-words">(.*?)<\/script>/.exec(html)?.[1];
    const { page: _page, ...script } = LANGUAGES['zh-CN'].preview;
    expect(JSON.parse(json!)).toEqual({ ...script, formats: { scorm12: 'SCORM 1.2', scorm2004: 'SCORM 2004 第 4 版', xapi: 'xAPI (Tin Can)', cmi5: 'cmi5', web: 'Web' } });
    expect(workspacePage('en')).toMatch(/<html lang="en">[\s\S]*<h2 id="panel-title">Reported data<\/h2>/);
  });

  it('has no word of its own outside the words it is given (the brand aside)', () => {
    const template = readFileSync(path.join(PAGE_DIR, 'index.html.hbs'), 'utf8').replace(/<!--[\s\S]*?-->/g, '').replace(/\{\{\{?[^}]*\}?\}\}/g, '');
    const attributes = [...template.matchAll(/\s(?:title|aria-label|alt|placeholder|label)="([^"]*)"/g)].map((m) => m[1]!).filter((value) => /\p{L}/u.test(value));
    expect(attributes).toEqual([]);
    const text = template.replace(/<[^>]*>/g, ' ').split(/\s+/).filter((word) => /\p{L}/u.test(word));
    expect(text).toEqual(['sp', 'skillpack']);
  });
});

/**
 * Literal text that reads as words of an interface: two words with a space between them, or a
 * capitalised word on its own ("Score", "Built "). Code's own strings (selectors such as
 * `span.pill`, `cmi.core.lesson_status`, paths, event names, `Scorm12API`) have no space and
 * are not a word in title case. A lone lower-case word ("request") looks like code's own and is
 * not seen here: test/preview.e2e.test.ts looks at the page in Chinese.
 */
const WORDS = /\p{L}{2,}[,.:;!?…]?\s+\p{L}{2,}|^\s*\p{Lu}\p{Ll}+[\s:…]*$/u;
/** Shown as they are: the SCORM 2004 API's function names (the panel's calls line names the call). */
const DATA = new Set(['Initialize', 'Commit', 'Terminate']);

/** Whether a literal is a developer's message (console output, an Error for a template mistake) or a script's directive. */
function forDevelopers(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isNewExpression(at) && at.expression.getText() === 'Error') return true;
    if (ts.isCallExpression(at) && /^console\./.test(at.expression.getText())) return true;
    if (ts.isExpressionStatement(at) && ts.isStringLiteral(at.expression)) return true; // 'use strict'
  }
  return false;
}

/** The literal texts of a script that read as words, with their line. */
function wordsIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      if (WORDS.test(node.text) && !DATA.has(node.text) && !forDevelopers(node)) found.push(`${path.basename(file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${JSON.stringify(node.text)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the workspace\'s scripts', () => {
  it('take every word they show from the language table (words.js), none written in them', () => {
    // moodle-profile.js plays Moodle and shows nothing: what it records is the panel's data.
    const scripts = readdirSync(PAGE_DIR).filter((name) => name.endsWith('.js') && name !== 'moodle-profile.js');
    expect(scripts).toContain('panel.js');
    expect(scripts.flatMap((name) => wordsIn(path.join(PAGE_DIR, name)))).toEqual([]);
  });

  it('would see a word written in a script', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'skillpack-preview-words-')), 'panel.js');
    writeFileSync(file, "h('p', null, 'No statements yet.');\nh('th', null, 'Score');\nthrow new Error('a template mistake, for developers');\nh('span.pill', { title: 'cmi.core.lesson_status' });\n");
    expect(wordsIn(file)).toEqual(['panel.js:1: "No statements yet."', 'panel.js:2: "Score"']);
  });
});
