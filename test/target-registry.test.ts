/**
 * The target registry: every name `--target` accepts is a declared target or export,
 * every player target has its runtime entry, and the lists the CLI, the schema and
 * the catalogue show are the registry's own.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../src/course/schema.js';
import { packagePath } from '../src/paths.js';
import { RUNTIME_ENTRIES } from '../src/runtime/bundle.js';
import { EXPORTS, OUTPUTS, TARGETS } from '../src/targets/index.js';
import { EXPORT_NAMES, OUTPUT_NAMES, TARGET_NAMES, type OutputName } from '../src/targets/names.js';
import { LANGUAGE_LIST, LANGUAGES } from '../src/languages/index.js';

describe('the target registry', () => {
  it('declares every name, under its own name', () => {
    expect(Object.keys(TARGETS)).toEqual([...TARGET_NAMES]);
    expect(Object.keys(EXPORTS)).toEqual([...EXPORT_NAMES]);
    for (const [name, target] of Object.entries(OUTPUTS)) {
      expect(target.id).toBe(name);
      expect(target.name).toBe(`target:${name}`);
      expect(target.label).not.toBe('');
      // Which platforms take it, as the catalogue page says in every language.
      for (const language of LANGUAGE_LIST) expect(LANGUAGES[language].catalogue.platforms[name as OutputName].trim(), `${language} ${name}`).not.toBe('');
    }
  });

  it.each(TARGET_NAMES)('%s: a player target whose runtime entry exists', (name) => {
    const target = TARGETS[name];
    expect(RUNTIME_ENTRIES).toContain(target.runtime);
    expect(existsSync(packagePath('src', 'runtime', 'entries', `${target.runtime}.ts`))).toBe(true);
  });

  it('is what the project configuration accepts', () => {
    for (const name of OUTPUT_NAMES) expect(configSchema.safeParse({ targets: [name] }).success, name).toBe(true);
    expect(configSchema.safeParse({ targets: ['aicc'] }).success).toBe(false);
  });
});
