/**
 * `skillpack new <id>`: scaffold a course from templates/new-course (course.yml,
 * two lessons, a bank with one question of each type, an exam) that passes check.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packagePath } from '../paths.js';
import Handlebars from 'handlebars';
import { loadProject } from '../course/config.js';
import { checkCourses } from './check.js';
import { formatReport } from '../diagnostics/reporter.js';
import { UsageError } from '../errors.js';
import { LANGUAGE_LIST, LANGUAGES } from '../languages/index.js';

const TEMPLATE_DIR = packagePath('templates', 'new-course');

export interface NewCourseOptions {
  root: string;
  id: string;
  language: string;
  title?: string;
}

/** Create courses/<id>/ and check it; returns the exit status. */
export async function newCourse(options: NewCourseOptions): Promise<number> {
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(options.id)) throw new UsageError(`"${options.id}" is not a valid course id: use lower-case letters, digits and "-", starting with a letter`);
  const language = LANGUAGE_LIST.find((tag) => tag === options.language);
  if (!language) throw new UsageError(`--language must be ${LANGUAGE_LIST.join(' or ')}`);
  const project = loadProject(options.root);
  const dir = path.join(project.root, project.config.courses, options.id);
  if (existsSync(dir)) throw new UsageError(`${path.relative(process.cwd(), dir) || dir} already exists`);
  const source = path.join(TEMPLATE_DIR, language);
  cpSync(source, dir, { recursive: true });
  const title = options.title ?? LANGUAGES[language].newCourseTitle(options.id);
  // In YAML the title is a quoted string: "Fire: safety #1" would otherwise be a mapping error, or lose its comment-like end.
  const values = { md: { id: options.id, title }, yml: { id: options.id, title: JSON.stringify(title) } };
  for (const file of listFiles(dir)) {
    const kind = /\.(md|yml)$/.exec(file)?.[1] as 'md' | 'yml' | undefined;
    if (!kind) continue;
    const template = Handlebars.compile(readFileSync(file, 'utf8'), { noEscape: true });
    writeFileSync(file, template(values[kind]));
  }
  const shown = path.relative(process.cwd(), dir) || dir;
  const { diagnostics } = await checkCourses(options.root, [dir]);
  process.stdout.write(`created ${shown}\n${formatReport(diagnostics, { color: false, root: project.root })}\n`);
  process.stdout.write(`next: edit ${shown}/course.yml, then run \`skillpack preview ${shown}\`\n`);
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
