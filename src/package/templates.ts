/**
 * Handlebars templates from templates/, compiled once per process.
 * XML and HTML templates escape every value unless a template uses {{{ }}}.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import { packagePath } from '../paths.js';

export const TEMPLATE_DIR = pathToFileURL(`${packagePath('templates')}/`);

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Render templates/<name> with `data`. */
export function render(name: string, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    template = Handlebars.compile(readFileSync(new URL(name, TEMPLATE_DIR), 'utf8'), { strict: true });
    compiled.set(name, template);
  }
  return template(data);
}

/** Raw text of templates/<name> (CSS). */
export function readTemplate(name: string): string {
  return readFileSync(new URL(name, TEMPLATE_DIR), 'utf8');
}
