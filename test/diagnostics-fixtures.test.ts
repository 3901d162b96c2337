/**
 * Every bad-input fixture gives exactly its expected diagnostics: file, line,
 * column, severity, rule and message. Each folder in test/fixtures/diagnostics/ is a
 * course; expected.txt beside its files lists one diagnostic per line. A
 * missing expected.txt is written on first run; UPDATE_FIXTURES=1 rewrites all.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCourses } from '../src/commands/check.js';
import { sortDiagnostics } from '../src/diagnostics/diagnostic.js';

const root = path.join(import.meta.dirname, 'fixtures', 'diagnostics');
const cases = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe('bad-input fixtures', () => {
  it('has at least 20 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = path.join(root, name);
      const { diagnostics } = await checkCourses(dir, [dir]);
      const actual = sortDiagnostics(diagnostics).map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}`).join('\n');
      const expectedFile = path.join(dir, 'expected.txt');
      if (!existsSync(expectedFile) || process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, actual ? `${actual}\n` : '');
      expect(actual).toBe(readFileSync(expectedFile, 'utf8').trim());
      if (name === 'valid') expect(diagnostics).toEqual([]);
      else expect(diagnostics.length).toBeGreaterThan(0);
    });
  }
});
