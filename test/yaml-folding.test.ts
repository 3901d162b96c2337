/**
 * A folded block (`summary: >`) written over several lines joins them with spaces, as English
 * wants; between two Chinese characters the join adds none, as Chinese wants.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
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
