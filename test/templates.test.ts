/**
 * Templates are compiled once and their compiled code kept in the cache: what a template renders
 * from the kept code is what compiling it renders, and an edited template is compiled afresh.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { CACHE_ROOT } from '../src/cache-files.js';
import { templateSpec } from '../src/package/templates.js';

const KEPT = path.join(CACHE_ROOT, 'templates');
const keptFiles = () => readdirSync(KEPT).filter((name) => name.endsWith('.json'));

describe('compiled templates', () => {
  it('render from the kept code what compiling the template renders', () => {
    // A text of its own, so this test compiles it and keeps it, whatever ran before.
    const own = `{{#each items}}<li>{{this}}</li>{{/each}}{{{raw}}}{{course.title}}<!-- ${randomUUID()} -->`;
    const data = { items: ['A & B', '<c>', '说明'], raw: '<b>kept</b>', course: { title: '"quoted"' } };
    const compiled = Handlebars.compile(own, { strict: true })(data);
    expect(Handlebars.template(templateSpec(own))(data)).toBe(compiled); // compiled and kept
    expect(Handlebars.template(templateSpec(own))(data)).toBe(compiled); // from the kept code
    // Strict, as before: a missing value is an error, not an empty string.
    expect(() => Handlebars.template(templateSpec(own))({ items: [], raw: '' })).toThrow(/"title" not defined/);
  });

  it('uses the kept code for a template it compiled before, and compiles an edited one afresh', () => {
    const own = `<p>{{name}}</p><!-- ${randomUUID()} -->`;
    templateSpec(own);
    const file = keptFiles().find((name) => (JSON.parse(readFileSync(path.join(KEPT, name), 'utf8')) as string).includes(own.slice(-40, -5)))!;
    // What is kept is what renders: a changed kept code shows (so it is not compiled again)…
    const code = JSON.parse(readFileSync(path.join(KEPT, file), 'utf8')) as string;
    writeFileSync(path.join(KEPT, file), JSON.stringify(code.replace('<p>', '<p class=\\"kept\\">')));
    expect(Handlebars.template(templateSpec(own))({ name: 'x' })).toContain('<p class="kept">x</p>');
    // …and an edited template has a key of its own.
    expect(Handlebars.template(templateSpec(own.replace('<p>', '<div>').replace('</p>', '</div>')))({ name: 'x' })).toContain('<div>x</div>');
  });
});
