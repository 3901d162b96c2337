/**
 * Bold and italic next to Chinese punctuation, as Chinese authors write them. CommonMark ends a
 * `**` run that follows a punctuation mark only before a space or punctuation, so
 * `**关键信息基础设施（CII）**指…` showed its asterisks to learners; the lessons read it as bold.
 * Text in other scripts keeps CommonMark's rules.
 */
import { describe, expect, it } from 'vitest';
import { lessonHtml } from './support/lesson-html.js';

const render = (body: string, language: 'zh-CN' | 'en' = 'zh-CN') => lessonHtml(body, language);

describe('Emphasis next to Chinese punctuation', () => {
  it('is read as emphasis where a punctuation mark ends or starts it beside Chinese text', () => {
    expect(render('**关键信息基础设施（CII）**指重要行业和领域的网络设施。\n')).toBe('<p><strong>关键信息基础设施（CII）</strong>指重要行业和领域的网络设施。</p>');
    expect(render('**注意：**断电后再操作。\n')).toBe('<p><strong>注意：</strong>断电后再操作。</p>');
    expect(render('一般以**腋温≥37.5℃**或肛温≥38℃作为发热的判断标准。\n')).toBe('<p>一般以<strong>腋温≥37.5℃</strong>或肛温≥38℃作为发热的判断标准。</p>');
    expect(render('选用*“四级”*即可。\n')).toBe('<p>选用<em>“四级”</em>即可。</p>');
  });

  it('leaves other text to CommonMark, and asterisks that open nothing as they are', () => {
    // CommonMark: a closing run after punctuation needs a space or punctuation after it.
    expect(render('**Note:**read this.\n', 'en')).toBe('<p>**Note:**read this.</p>');
    expect(render('**Note:** read this.\n', 'en')).toBe('<p><strong>Note:</strong> read this.</p>');
    expect(render('手机号显示为 138****5678。\n')).toBe('<p>手机号显示为 138****5678。</p>');
  });
});
