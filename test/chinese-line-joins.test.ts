/**
 * Lines joined as Chinese joins them: a folded YAML block (`summary: >`) and a Markdown paragraph
 * written over several lines join them with a space (a line break, which the browser shows as
 * one), as English wants; between two Chinese characters the join adds none.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { renderContextOf } from '../src/course/course-files.js';
import { parseLesson, renderLesson } from '../src/course/lessons.js';
import { parseYaml } from '../src/course/yaml.js';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';

const read = (text: string) => parseYaml(text, z.object({ summary: z.string() }), { file: 'course.yml', sink: new DiagnosticSink() })?.summary;

describe('folded blocks', () => {
  it('join Chinese lines without a space, and other lines with one', () => {
    expect(read('summary: >\n  系统学习人力资源规划（组织机构、\n  工作岗位分析）、招聘与配置\n  和 SCORM 课件。\n')).toBe('系统学习人力资源规划（组织机构、工作岗位分析）、招聘与配置和 SCORM 课件。\n');
    expect(read('summary: >\n  Learn HR planning\n  and recruitment.\n')).toBe('Learn HR planning and recruitment.\n');
  });

  it('leave literal blocks and quoted text as written', () => {
    expect(read('summary: |\n  第一行\n  第二行\n')).toBe('第一行\n第二行\n');
    expect(read('summary: "中文 中文"\n')).toBe('中文 中文');
  });
});

describe('Markdown paragraphs', () => {
  it('lose their line breaks between Chinese characters, and keep the others', () => {
    const text = '---\ntitle: 段落\n---\n\n第一行，\n第二行。\nEnglish\nline 中文\n  中文 `代码\n代码`\n';
    const sink = new DiagnosticSink();
    const course = { courseDir: '/course', display: () => 'lessons/01-a.md', sink, assets: new Set<string>(), lessonByPath: new Map<string, string>(), language: 'zh-CN' as const };
    const lesson = renderLesson(parseLesson(text, '/course/lessons/01-a.md', 'lessons/01-a.md', { sink }), renderContextOf('/course/lessons/01-a.md', text, course));
    expect(lesson?.html).toBe('<p>第一行，第二行。\nEnglish\nline 中文中文 <code>代码 代码</code></p>');
  });
});
