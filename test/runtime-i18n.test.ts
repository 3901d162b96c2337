import { describe, expect, it } from 'vitest';
import { noticeText, translator, type MessageKey } from '../src/runtime/player/i18n.js';
import { en as englishTable } from '../src/runtime/strings/en.js';
import { zhCN } from '../src/runtime/strings/zh-CN.js';
import './support/strings.js';

const en = translator('en');
const zh = translator('zh-CN');
const source = await import('node:fs').then((fs) => fs.readFileSync(new URL('../src/runtime/player/i18n.ts', import.meta.url), 'utf8'));
const keys = Object.keys(englishTable) as MessageKey[];

describe('i18n', () => {
  it('has every key in both languages, with the same placeholders', () => {
    expect(keys.length).toBeGreaterThan(100);
    for (const key of keys) {
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const english = en(key);
      const chinese = zh(key);
      expect(chinese, key).not.toBe('');
      expect(placeholders(chinese), key).toEqual(placeholders(english));
    }
  });

  it('has the same keys in every language table (the compiler checks it too)', () => {
    expect(Object.keys(zhCN).sort()).toEqual([...keys].sort());
  });

  it('documents and translates the adapter notice keys', () => {
    for (const key of ['lms.not-found', 'lms.error', 'lms.commit-failed', 'lrs.queued', 'lrs.unauthorized', 'lrs.offline', 'state.corrupt']) {
      expect(keys).toContain(key);
      expect(source).toMatch(new RegExp(` \\* - \`${key.replace('.', '\\.')}\``));
      expect(zh(key as MessageKey)).not.toBe(en(key as MessageKey));
    }
  });

  it('fills placeholders and falls back to English for unknown languages', () => {
    expect(en('header.progress', { viewed: 2, total: 5 })).toBe('2 of 5 lessons viewed');
    expect(zh('header.progress', { viewed: 2, total: 5 })).toBe('已学习 2/5 课');
    expect(translator('fr')('header.exit')).toBe('Exit');
  });

  it('picks the singular or plural form a language writes (one|other) by {n}', () => {
    const t = translator('en');
    expect([t('welcome.hours-value', { n: '1' }), t('welcome.hours-value', { n: '1.5' }), t('welcome.hours-value', { n: 2 })]).toEqual(['1 hour', '1.5 hours', '2 hours']);
    expect([t('q.points', { n: 1 }), t('welcome.content-exam', { n: 1 }), t('q.chars-left', { n: 0 })]).toEqual(['1 point', '1 lesson and a final exam', '0 characters left']);
    expect(translator('zh-CN')('welcome.hours-value', { n: '1' })).toBe('1 学时');
    // Chinese has one form: a | there would cut the sentence.
    expect(Object.values(zhCN).filter((text) => text.includes('|'))).toEqual([]);
  });

  it('words notices, detail included, and names unknown keys', () => {
    expect(noticeText(en, { level: 'error', key: 'lms.error', detail: '101 General exception' })).toBe('The learning platform reported an error while saving your results. Keep this window open; if the message stays, tell your course administrator. (101 General exception)');
    expect(noticeText(zh, { level: 'info', key: 'something.new' })).toBe('来自学习平台的消息（something.new）。');
    // In Chinese the detail goes in full-width brackets, with no space after the full stop.
    expect(noticeText(zh, { level: 'error', key: 'lms.not-found', detail: 'SCORM 1.2' })).toBe('未找到学习平台：学习进度仅保存在本浏览器中。（SCORM 1.2）');
    // A detail that is a message key is said in the interface's words.
    expect(noticeText(zh, { level: 'error', key: 'lrs.rejected', detail: 'lrs.expired' })).toBe('学习记录存储拒绝了部分学习结果。请联系课程管理员。（产生这些结果的课程访问已结束）');
  });
});
