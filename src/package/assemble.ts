/**
 * What goes into one package: the course page with the model embedded, the
 * runtime bundle for the target's LMS adapter, the theme, the course's own
 * files, and the target's descriptors listing all of them.
 */
import type { Course } from '../course/model.js';
import type { Target, TargetOptions } from '../targets/target.js';
import { LANGUAGES } from '../languages/index.js';
import { render } from './templates.js';
import type { PackageEntry } from './zip.js';
import { scriptJson } from './script-json.js';

import type { RuntimeBundle } from '../runtime/bundle.js';

export type { RuntimeBundle };

export interface PackageParts {
  course: Course;
  /** The course's files under content/. */
  content: PackageEntry[];
  runtime: RuntimeBundle;
  themeCss: string;
  options: TargetOptions;
}

/** The course as script-safe JSON, made once per course however many targets use it. */
const courseJsonCache = new WeakMap<Course, string>();
function courseJson(course: Course): string {
  let json = courseJsonCache.get(course);
  if (json === undefined) courseJsonCache.set(course, (json = scriptJson(course)));
  return json;
}

/** The Content-Security-Policy of every package page: no inline script, no remote code, data only to the LRS. */
export function contentSecurityPolicy(connectSrc: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "media-src 'self'",
    `connect-src ${connectSrc}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}


/** Every entry of the package for `target`. */
export function packageEntries(target: Target, parts: PackageParts): PackageEntry[] {
  const { course } = parts;
  const defaults = target.launchDefaults?.(parts.options) ?? null;
  const page = render('index.html.hbs', {
    course,
    target: target.id,
    csp: contentSecurityPolicy(target.connectSrc(parts.options)),
    noscript: LANGUAGES[course.language].noscript,
    courseJson: courseJson(course),
    launchDefaultsJson: defaults ? scriptJson(defaults) : null,
  });
  const entries: PackageEntry[] = [
    { path: 'index.html', data: page },
    { path: 'runtime/player.js', data: parts.runtime.js },
    { path: 'runtime/player.css', data: parts.runtime.css },
    // Every UI language (the learner's preference may differ from the course's); the page loads the course's.
    ...Object.entries(parts.runtime.strings).map(([tag, js]) => ({ path: `runtime/strings-${tag}.js`, data: js })),
    { path: 'theme.css', data: parts.themeCss },
    ...parts.content,
  ];
  const files = entries.map((e) => e.path).sort();
  return [...entries, ...target.descriptors(course, files)];
}
