/**
 * The theme: templates/theme.css (CSS custom properties an institution can
 * edit) followed by the overrides from skillpack.config.yml.
 */
import type { ProjectConfig } from '../course/schema.js';
import { readTemplate } from './templates.js';

/** The theme stylesheet every package carries. */
export function themeCss(config: ProjectConfig): string {
  const base = readTemplate('theme.css');
  const overrides: string[] = [];
  const { primaryColor, accentColor, fontFamily } = config.theme;
  if (primaryColor) overrides.push(`--sp-color-primary: ${primaryColor};`);
  if (accentColor) overrides.push(`--sp-color-accent: ${accentColor};`);
  if (fontFamily) overrides.push(`--sp-font-family: ${fontFamily};`);
  return overrides.length ? `${base}\n/* skillpack.config.yml */\n:root { ${overrides.join(' ')} }\n` : base;
}
