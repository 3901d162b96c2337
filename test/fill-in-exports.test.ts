/**
 * A fill-in question is graded alike by the player and by the question exports: the accepted
 * answers go to QTI and Moodle as the player compares them (NFC, blanks trimmed and collapsed
 * unless `whitespace=exact`), once each, so an answer the player accepts in its usual form is
 * accepted by the LMS's own quiz engine too.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/course/config.js';
import { loadCourse } from '../src/course/load.js';
import type { FillInQuestion } from '../src/course/model.js';
import { fillIn } from '../src/runtime/question-types/fill-in.js';
import { moodleQuestions } from '../src/targets/moodle-questions.js';
import { qtiPackage } from '../src/targets/qti-package.js';
import { MINI_COURSE } from './support/harness.js';
import { REPO } from './support/packages.js';

const BANK = `# Law

## Which law governs labour contracts? {#contract-law type=fill-in}

- 劳动合同法
- 劳动  合同法
- Labour Contract Law
- labour contract law
- e\u0301tude

## Exact blanks {#exact type=fill-in whitespace=exact case=sensitive}

- A  B
- a  b
`;

function course() {
  const root = mkdtempSync(path.join(tmpdir(), 'skillpack-fill-in-'));
  const dir = path.join(root, 'courses', 'mini-course');
  cpSync(path.join(REPO, MINI_COURSE), dir, { recursive: true });
  writeFileSync(path.join(dir, 'banks', 'law.md'), BANK);
  const loaded = loadCourse(dir, loadProject(root));
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return loaded.course!;
}

const question = (c: ReturnType<typeof course>, id: string) => c.banks.flatMap((b) => b.questions).find((q) => q.id === id) as FillInQuestion;

describe('fill-in answers in the question exports', () => {
  it('are the forms the player compares, once each, and the player accepts every one', async () => {
    const c = course();
    const moodle = String(moodleQuestions(c, () => null).entries[0]!.data);
    const start = moodle.indexOf('<idnumber>contract-law</idnumber>');
    const block = moodle.slice(start, moodle.indexOf('</question>', start));
    const moodleAnswers = [...block.matchAll(/<answer fraction="100" format="moodle_auto_format"><text><!\[CDATA\[(.*?)\]\]><\/text>/g)].map((m) => m[1]);
    expect(moodleAnswers).toEqual(['劳动合同法', '劳动 合同法', 'Labour Contract Law', 'étude']);
    const qti = (await qtiPackage(c, () => null)).entries.find((e) => e.path.includes('contract-law'))!;
    const keys = [...String(qti.data).matchAll(/<mapEntry mapKey="([^"]*)"/g)].map((m) => m[1]);
    expect(keys).toEqual(moodleAnswers);
    const q = question(c, 'contract-law');
    for (const answer of keys) expect(fillIn.correct(q, answer!), answer).toBe(true);
  });

  it('keep their blanks and case when the question says they count', async () => {
    const c = course();
    const qti = (await qtiPackage(c, () => null)).entries.find((e) => e.path.includes('item-exact'))!;
    expect([...String(qti.data).matchAll(/<mapEntry mapKey="([^"]*)" mappedValue="1" caseSensitive="(\w+)"/g)].map((m) => [m[1], m[2]])).toEqual([['A  B', 'true'], ['a  b', 'true']]);
  });
});
