/**
 * The project: a folder with an optional `skillpack.config.yml` and a folder
 * of courses. skillpack works in any folder laid out this way.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { configSchema, type ProjectConfig } from './schema.js';
import { assetProblem } from './asset-safety.js';
import { readSourceText, resolveCourseUrl } from './source-file.js';
import { parseYaml } from './yaml.js';
import { CONFIG_FILE } from './project-cache.js';

export { CONFIG_FILE };

export interface Project {
  /** Absolute project root. */
  root: string;
  config: ProjectConfig;
}

/**
 * Read the project configuration at `root` (defaults when the file is absent).
 * @param inputs receives every file the result depends on (the configuration, and the logo it names even when refused)
 */
export function loadProject(root: string, sink = new DiagnosticSink(), inputs: string[] = []): Project {
  const absolute = path.resolve(root);
  const file = path.join(absolute, CONFIG_FILE);
  inputs.push(file);
  let config: ProjectConfig | null = null;
  if (existsSync(file)) {
    const text = readSourceText(file, CONFIG_FILE, sink);
    if (text !== null) config = parseYaml(text, configSchema, { file: CONFIG_FILE, sink });
  }
  const logo = config?.theme.logo;
  if (config && logo) {
    // A logo refused for being missing may be added later: the file named is an input all the same.
    inputs.push(path.resolve(absolute, logo));
    const resolved = resolveCourseUrl(logo, path.join(absolute, CONFIG_FILE), absolute);
    if (resolved.kind !== 'inside') {
      sink.report(CONFIG_FILE, undefined, 'config-invalid', `theme.logo "${logo}" ${resolved.kind === 'missing' ? 'does not exist' : 'must be a file inside the project folder'}`);
      config.theme.logo = undefined;
    } else {
      const problem = assetProblem(resolved.absolute);
      if (problem) {
        sink.report(CONFIG_FILE, undefined, problem.rule, `theme.logo: ${problem.message}`);
        config.theme.logo = undefined;
      } else {
        // The file itself (a link followed): its name gives the packaged logo's type.
        config.theme.logo = resolved.relative;
      }
    }
  }
  return { root: absolute, config: config ?? configSchema.parse({}) };
}
