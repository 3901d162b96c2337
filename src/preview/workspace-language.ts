/**
 * The language of the workspace's own words: the one `skillpack preview --language` names, else
 * the one the catalogue page speaks (the project's `catalogueLanguage`, else the language most of
 * its courses are written in), so that reviewers of Chinese courses get a Chinese workspace.
 */
import { declaredCourseLanguage } from '../catalogue.js';
import type { Project } from '../course/config.js';
import type { Language } from '../languages/index.js';
import { catalogueLanguage } from '../package/catalogue-page.js';

/**
 * @param chosen the language asked for on the command line, if any
 * @param project the project as it is now (its configuration may have changed since the start)
 * @param courseDirs the folders of the courses the preview holds
 */
export function workspaceLanguage(chosen: Language | undefined, project: Project, courseDirs: readonly string[]): Language {
  if (chosen) return chosen;
  // From course.yml: a course with errors, or not built yet, counts too.
  const courses = courseDirs.map(declaredCourseLanguage).filter((language) => language !== undefined).map((language) => ({ language }));
  return catalogueLanguage(courses, project.config.catalogueLanguage);
}
