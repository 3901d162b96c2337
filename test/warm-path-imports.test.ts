/**
 * A command whose courses the course cache answers never loads the Markdown compiler: the
 * modules `check` and `build` import at start (statically; the compiler is imported on demand)
 * reach neither the parser nor the renderer. A helper placed in a compiler module and imported
 * by the cache once pulled remark, micromark and the renderer into every warm `check` (40 ms).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/packages.js';

/** The src modules a module imports for its values (not `import type`, not `import()`), resolved to .ts paths. */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found: string[] = [];
  for (const statement of source.statements) {
    const from = ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
    if (!from || !ts.isStringLiteral(from) || !from.text.startsWith('.')) continue;
    if (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly) continue;
    if (ts.isExportDeclaration(statement) && statement.isTypeOnly) continue;
    found.push(path.resolve(path.dirname(file), from.text.replace(/\.js$/, '.ts')));
  }
  return found;
}

/** Every src module a module reaches through value imports. */
function reached(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of valueImports(file)) visit(next);
  };
  visit(entry);
  return seen;
}

const src = (name: string) => path.join(REPO, 'src', name);

describe('the warm path of check and build', () => {
  it.each(['commands/check.ts', 'commands/build.ts'])('%s reaches no module of the compiler', (command) => {
    const modules = reached(src(command));
    expect(modules.has(src('catalogue.ts'))).toBe(true); // not vacuous: the catalogue and the cache are on it
    expect(modules.has(src('course/cache-entry.ts'))).toBe(true);
    for (const compiler of ['course/markdown.ts', 'course/render-html.ts', 'course/questions.ts', 'course/load.ts']) {
      expect(modules.has(src(compiler)), compiler).toBe(false);
    }
  });
});
