/**
 * The theme: templates/theme.css (CSS custom properties an institution can
 * edit) followed by the overrides from skillpack.config.yml.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProjectConfig } from '../course/schema.js';
import type { PackageEntry } from './zip.js';
import { readTemplate } from './templates.js';

/** Where the configured logo sits in every package (its extension is kept). */
export const LOGO_PATH = 'theme-logo';

export const extensionOf = (file: string): string => /\.[a-z0-9]+$/i.exec(file)?.[0]?.toLowerCase() ?? '';

/** The theme stylesheet every package carries. */
export function themeCss(config: ProjectConfig): string {
  const base = readTemplate('theme.css');
  const overrides: string[] = [];
  const { primaryColor, fontFamily, logo } = config.theme;
  if (primaryColor) overrides.push(`--sp-color-primary: ${primaryColor};`, `--sp-color-focus: ${primaryColor};`);
  if (fontFamily) overrides.push(`--sp-font-body: ${fontFamily};`);
  if (logo) overrides.push(`--sp-logo: url("${LOGO_PATH}${extensionOf(logo)}");`, '--sp-logo-width: 8rem;');
  if (!overrides.length) return base;
  // The configured colour is for the light scheme; dark mode keeps its own palette and its contrast.
  const colours = overrides.filter((o) => o.startsWith('--sp-color-'));
  const others = overrides.filter((o) => !o.startsWith('--sp-color-'));
  return `${base}\n/* skillpack.config.yml */\n${others.length ? `:root { ${others.join(' ')} }\n` : ''}${colours.length ? `@media (prefers-color-scheme: light) { :root { ${colours.join(' ')} } }\n` : ''}`;
}

/** The configured logo as a package file (checked by loadProject: inside the project, an image). */
export function themeFiles(root: string, config: ProjectConfig): PackageEntry[] {
  const { logo } = config.theme;
  if (!logo) return [];
  const file = path.resolve(root, logo);
  return existsSync(file) ? [{ path: `${LOGO_PATH}${extensionOf(logo)}`, data: readFileSync(file) }] : [];
}
