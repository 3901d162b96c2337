/**
 * Lines joined as Chinese joins them: a folded YAML text (`summary: >`, or plain text over several
 * lines) and a Markdown paragraph written over several lines join them with a space (a line
 * break, which the browser shows as one), as English wants; between two Chinese characters, and
 * next to Chinese punctuation, the join adds none. Spaces the author typed stay.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { parseYaml } from '../src/course/yaml.js';
import { lessonHtml } from './support/lesson-html.js';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';

const read = (text: string) => parseYaml(text, z.object({ summary: z.string() }), { file: 'course.yml', sink: new DiagnosticSink() })?.summary;

describe('YAML texts over several lines', () => {
  it('join Chinese lines without a space, and other lines with one', () => {
    expect(read('summary: >\n  系统学习人力资源规划（组织机构、\n  工作岗位分析）、招聘与配置\n  和 SCORM 课件、\n  PLC 控制。\n')).toBe('系统学习人力资源规划（组织机构、工作岗位分析）、招聘与配置和 SCORM 课件、PLC 控制。\n');
    expect(read('summary: >\n  Learn HR planning\n  and recruitment.\n')).toBe('Learn HR planning and recruitment.\n');
    expect(read('summary: 企业人力资源\n  管理师\n')).toBe('企业人力资源管理师');
    expect(read('summary: >-\n  第一段\n  续写。\n\n  第二段\n')).toBe('第一段续写。\n第二段');
  });

  it('keep the spaces the author typed, literal blocks and quoted text', () => {
    expect(read('summary: >\n  模块一 劳动关系管理；模块二 薪酬管理，\n  共两个模块。\n')).toBe('模块一 劳动关系管理；模块二 薪酬管理，共两个模块。\n');
    expect(read('summary: |\n  第一行\n  第二行\n')).toBe('第一行\n第二行\n');
    expect(read('summary: "中文 中文"\n')).toBe('中文 中文');
  });
});

describe('Markdown paragraphs', () => {
  const render = (body: string) => lessonHtml(body, 'zh-CN', '段落');

  it('lose their line breaks between Chinese characters and next to Chinese punctuation, and keep the others', () => {
    expect(render('第一行，\n第二行。\nEnglish\nline 中文\n  中文 `代码\n代码`\n')).toBe('<p>第一行，第二行。English\nline 中文中文 <code>代码 代码</code></p>');
    expect(render('He said,\n“Hello.”\n')).toBe('<p>He said,\n“Hello.”</p>');
  });

  it('judge a break at the edge of a text by the nodes around it', () => {
    expect(render('这是**重点**\n内容，见[链接](https://example.org)\n继续。\n')).toBe('<p>这是<strong>重点</strong>内容，见<a href="https://example.org" target="_blank" rel="noopener noreferrer">链接</a>继续。</p>');
  });
});
