/**
 * Live rebuilding: which course a saved file belongs to, rebuilding just that
 * course, telling the page (with a saved lesson's new text first), and logging the time it took. A new folder with a
 * course.yml joins the course list; a deleted folder leaves it; a changed
 * skillpack.config.yml rebuilds everything (it holds the theme).
 */
import path from 'node:path';
import { CONFIG_FILE, loadProject, type Project } from '../course/config.js';
import { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { formatReport } from '../diagnostics/reporter.js';
import type { CourseBuilds } from './course-builds.js';
import type { EventHub } from './events.js';
import type { SourceChange } from './watcher.js';

export interface RebuildContext {
  builds: CourseBuilds;
  events: EventHub;
  project: () => Project;
  setProject: (project: Project) => void;
  log: (line: string) => void;
  color: boolean;
}

/**
 * Rebuild one course, push the result to the page and log it.
 * @param ctx builds, events and log
 * @param key the course's key
 * @param quiet log errors only (the start-up build of every course)
 * @param background a start-up build of a course not opened yet (never holds up a saved file's rebuild)
 */
export async function rebuildCourse(ctx: RebuildContext, key: string, quiet = false, background = false, markdownOnly = false): Promise<void> {
  const built = await ctx.builds.rebuild(key, background, markdownOnly);
  const summary = ctx.builds.summary(key);
  if (!summary) return; // the course folder went away meanwhile
  // With the lessons' new text when nothing else changed: a page showing the build before takes it without a relaunch.
  ctx.events.send({ type: 'build', data: built.textChange ? { ...summary, textChange: built.textChange } : summary });
  const ms = `${built.ms.toFixed(0)} ms`;
  if (built.ok && (quiet || built.raw.length === 0)) {
    if (!quiet) ctx.log(`${key}: rebuilt in ${ms}`);
    return;
  }
  const report = formatReport(built.raw, { color: ctx.color, root: ctx.project().root });
  ctx.log(built.ok ? `${key}: rebuilt in ${ms}\n${report}` : `${key}: not rebuilt (${ms}); the preview keeps the last good build\n${report}`);
}

/**
 * Answer one batch of file changes.
 * @param ctx builds, events and log
 * @param changes what chokidar saw
 */
export async function applyChanges(ctx: RebuildContext, changes: SourceChange[]): Promise<void> {
  const { builds } = ctx;
  const root = ctx.project().root;
  const coursesDir = path.resolve(root, ctx.project().config.courses);
  if (changes.some((c) => c.file === path.join(root, CONFIG_FILE))) {
    const sink = new DiagnosticSink();
    ctx.setProject(loadProject(root, sink));
    if (sink.items.length) ctx.log(formatReport(sink.items, { color: ctx.color, root }));
    ctx.log(`${CONFIG_FILE} changed: rebuilding every course`);
    for (const key of builds.keys()) await rebuildCourse(ctx, key);
    return;
  }
  const dirty = new Set<string>();
  /** Courses of which something other than a Markdown file changed (an image, a folder, course.yml). */
  const filesChanged = new Set<string>();
  let listChanged = false;
  for (const change of changes) {
    const owner = builds.owner(change.file);
    if (owner && change.event === 'unlinkDir' && change.file === owner.dir) {
      builds.remove(owner.key);
      dirty.delete(owner.key);
      listChanged = true;
      continue;
    }
    if (owner) {
      dirty.add(owner.key);
      if (change.event !== 'change' || !change.file.endsWith('.md')) filesChanged.add(owner.key);
      continue;
    }
    // A course.yml directly inside a new folder of courses/ makes a new course.
    if (change.event === 'add' && path.basename(change.file) === 'course.yml' && path.dirname(path.dirname(change.file)) === coursesDir) {
      dirty.add(builds.add(path.dirname(change.file)));
      listChanged = true;
    }
  }
  // The list first: a new course shows at once, built or not.
  if (listChanged) ctx.events.send({ type: 'courses', data: builds.summaries() });
  for (const key of dirty) if (builds.get(key)) await rebuildCourse(ctx, key, false, false, !filesChanged.has(key));
  if (listChanged) ctx.events.send({ type: 'courses', data: builds.summaries() });
}

/**
 * Show a saved lesson's new text at once: compiled on its own as soon as the file changes (the
 * batch it belongs to rebuilds the course a little later), and pushed to the page when only its
 * text changed. The rebuild's own event then confirms it or relaunches the package. An editor's
 * save can be several changes (the file emptied, then written): while a file's draft is being
 * made, its further changes make one more draft after it, not one each.
 * @param ctx builds and events
 * @returns what to call with each change, as the watcher sees it
 */
export function lessonDrafts(ctx: Pick<RebuildContext, 'builds' | 'events'>): (change: SourceChange) => Promise<void> {
  /** Files being drafted, and whether they changed again meanwhile. */
  const drafting = new Map<string, boolean>();
  const draft = async (file: string): Promise<void> => {
    drafting.set(file, false);
    try {
      const drafted = await ctx.builds.draft(file);
      if (drafted) ctx.events.send({ type: 'lesson', data: { course: drafted.key, lesson: drafted.lesson } });
    } finally {
      const again = drafting.get(file);
      drafting.delete(file);
      if (again) await draft(file);
    }
  };
  return async (change) => {
    if (change.event !== 'change' || !change.file.endsWith('.md')) return;
    if (drafting.has(change.file)) drafting.set(change.file, true);
    else await draft(change.file);
  };
}
