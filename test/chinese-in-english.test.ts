/**
 * Chinese kept in an English text (an original term in brackets, a law's title) is marked with its
 * language, so that a screen reader reads it in a Chinese voice (WCAG 3.1.2); code, and what
 * already says its language, are left as they are; a Chinese text is not marked.
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '../src/course/model.js';
import { lessonHtml } from './support/lesson-html.js';

const render = (body: string, language: Language) => lessonHtml(body, language, 'Parts');

describe('Chinese in an English text', () => {
  it('is marked with its language', () => {
    expect(render('An electrician (电工) follows the *Labour Law* (《劳动法》).\n', 'en')).toBe('<p>An electrician (<span lang="zh-CN">电工</span>) follows the <em>Labour Law</em> (<span lang="zh-CN">《劳动法》</span>).</p>');
  });

  it('is left alone in code, where it already says its language, and in a Chinese text', () => {
    expect(render('Type `电工` or <span lang="zh-CN">电工</span>.\n', 'en')).toBe('<p>Type <code>电工</code> or <span lang="zh-CN">电工</span>.</p>');
    expect(render('电工（Electrician）。\n', 'zh-CN')).toBe('<p>电工（Electrician）。</p>');
  });

  it('is marked run by run however many runs a text has (a hundred thousand overflowed the call stack: the lesson could not be processed)', () => {
    const html = render(`${'a中'.repeat(120_000)}\n`, 'en');
    expect(html.startsWith('<p>a<span lang="zh-CN">中</span>a<span lang="zh-CN">中</span>')).toBe(true);
    expect(html.split('<span lang="zh-CN">').length - 1).toBe(120_000);
  });
});
