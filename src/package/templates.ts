/**
 * Handlebars templates from templates/, compiled once per process.
 * XML and HTML templates escape every value unless a template uses {{{ }}}.
 *
 * Compiling a template (parsing it and generating its code) costs a build that assembles a
 * package or writes the catalogue 20–40 ms per template, every process. The generated code is
 * kept in the cache instead (`node_modules/.cache/skillpack/templates`, the 64 most recent), keyed
 * by the template's text, the options and Handlebars' version, so an edited template is compiled afresh.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import { CACHE_ROOT, pruneEntries, writeWhole } from '../cache-files.js';
import { cacheOff } from '../course/cache.js';
import { packagePath } from '../paths.js';

export const TEMPLATE_DIR = pathToFileURL(`${packagePath('templates')}/`);

const OPTIONS = { strict: true } as const;
/** Compiled templates kept (the most recent): a few versions of each of templates/. */
const MAX_KEPT = 64;
const KEPT_DIR = path.join(CACHE_ROOT, 'templates');
const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Render templates/<name> with `data`. */
export function render(name: string, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    template = Handlebars.template(templateSpec(readFileSync(new URL(name, TEMPLATE_DIR), 'utf8')));
    compiled.set(name, template);
  }
  return template(data);
}

/** Render templates/<name> as it is on disk now (the preview's page: an edit shows at the next request). */
export function renderFresh(name: string, data: object): string {
  return Handlebars.template(templateSpec(readFileSync(new URL(name, TEMPLATE_DIR), 'utf8')))(data);
}

/** A template's compiled code (what `Handlebars.precompile` gives), from the cache when it holds it. */
export function templateSpec(source: string): TemplateSpecification {
  const key = createHash('sha256').update(`${Handlebars.VERSION}\0${JSON.stringify(OPTIONS)}\0${source}`).digest('hex').slice(0, 32);
  const file = path.join(KEPT_DIR, `${key}.json`);
  let code: string | null = null;
  if (!cacheOff()) {
    try {
      code = JSON.parse(readFileSync(file, 'utf8')) as string;
    } catch {
      // not compiled yet, or unreadable: compile
    }
  }
  if (typeof code !== 'string') {
    code = Handlebars.precompile(source, OPTIONS) as string;
    if (!cacheOff()) {
      try {
        writeWhole(file, JSON.stringify(code));
        pruneEntries(KEPT_DIR, MAX_KEPT);
      } catch {
        // a read-only install: compile each time
      }
    }
  }
  // An object literal of functions, loaded as Handlebars loads its own precompiled templates.
  return new Function(`return ${code}`)() as TemplateSpecification;
}

/** Raw text of templates/<name> (CSS). */
export function readTemplate(name: string): string {
  return readFileSync(new URL(name, TEMPLATE_DIR), 'utf8');
}
