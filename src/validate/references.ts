/**
 * Resolving the paths a descriptor or launch page names (`<file href>`,
 * resource hrefs, AU urls, `<script src>`) against the files of the package.
 */
import type { DiagnosticSink, Place } from '../diagnostics/diagnostic.js';
import type { PackageEntry } from './package.js';

export type Reference =
  | { type: 'remote' }
  | { type: 'unsafe' }
  | { type: 'empty' }
  | { type: 'absolute' }
  | { type: 'escape' }
  | { type: 'found'; path: string }
  | { type: 'missing'; path: string; otherCase?: string };

/** Whether a reference is an absolute URL (`https:`, `data:`, `//host`). */
export function isUrl(href: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(href) || href.startsWith('//');
}

/**
 * A reference as a browser reads it: spaces and control characters around it dropped,
 * tabs and line breaks inside it too (`java&#9;script:` is `javascript:` to a browser).
 */
function asBrowserReads(href: string): string {
  return href.replace(/[\t\n\r]/g, '').replace(/^[\0- ]+|[\0- ]+$/g, '');
}

/** The files of a package, for look-ups by path. */
export class PackageFiles {
  private readonly exact = new Set<string>();
  private readonly folded = new Map<string, string>();

  constructor(entries: PackageEntry[]) {
    for (const e of entries) {
      if (e.directory) continue;
      this.exact.add(e.name);
      this.folded.set(e.name.toLowerCase(), e.name);
    }
  }

  /** Every file name, sorted. */
  get names(): string[] {
    return [...this.exact].sort();
  }

  has(name: string): boolean {
    return this.exact.has(name);
  }

  /**
   * Resolve `href` relative to the folder `base` ('' or 'sub/'): query and
   * fragment are ignored, `%xx` escapes are tried decoded too.
   */
  resolve(href: string, base = ''): Reference {
    const trimmed = asBrowserReads(href);
    // Any scheme but http and https would run on the LMS's origin (javascript:, data:) or not open at all (file:).
    if (isUrl(trimmed)) return /^(https?:)?\/\//i.test(trimmed) ? { type: 'remote' } : { type: 'unsafe' };
    const bare = trimmed.replace(/[?#].*$/s, '');
    if (!bare) return { type: 'empty' };
    if (bare.startsWith('/')) return { type: 'absolute' };
    const joined = normalise(base + bare);
    if (joined === undefined) return { type: 'escape' };
    let decoded: string | undefined;
    try {
      decoded = normalise(base + decodeURIComponent(bare));
    } catch {
      decoded = undefined;
    }
    for (const candidate of [joined, decoded]) if (candidate !== undefined && this.exact.has(candidate)) return { type: 'found', path: candidate };
    const otherCase = this.folded.get(joined.toLowerCase()) ?? (decoded !== undefined ? this.folded.get(decoded.toLowerCase()) : undefined);
    return { type: 'missing', path: joined, otherCase };
  }
}

/** Collapse `.` and `..` segments; undefined when the path leaves the root. */
function normalise(p: string): string | undefined {
  const out: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(segment);
  }
  return out.join('/');
}

/**
 * Report a reference that does not resolve to a file of the package.
 * Returns the package path when it does.
 * @param what what holds the reference, for the message ("<file> of resource RES-1")
 * @param allowRemote whether an absolute URL is acceptable here
 */
export function requireFile(sink: DiagnosticSink, file: string, place: Place | undefined, files: PackageFiles, href: string, base: string, what: string, allowRemote = true): string | undefined {
  const ref = files.resolve(href, base);
  // Listed, not launched; but an LMS that links it (a file list, a download) runs javascript: or data: on its own origin.
  if (ref.type === 'unsafe') {
    sink.report(file, place, 'package-unsafe-url', `${what} "${href.slice(0, 80)}" is neither a file of the package nor an http or https URL`);
    return undefined;
  }
  if (ref.type === 'remote') {
    if (!allowRemote) sink.report(file, place, 'package-missing-file', `${what} "${href}" is a URL; it must be a file inside the package`);
    return undefined;
  }
  return reportUnresolved(sink, file, place, files, ref, href, what);
}

/** Where a launch URL leads: a page of the package, or a web page elsewhere (an http or https URL). */
export type LaunchTarget = { type: 'file'; path: string } | { type: 'web' };

/**
 * Resolve a launch URL (a SCORM resource href, a cmi5 AU url, a tincan.xml <launch>), and
 * report one that leads nowhere: a missing file, or a scheme other than http and https
 * (`javascript:`, `data:`, `file:`), which an LMS that opens it runs on its own origin, as
 * the learner, or cannot open at all. A web page elsewhere is the caller's to judge.
 * @param what what holds the URL, for the message ("AU \"…\" url")
 * @returns undefined when reported
 */
export function resolveLaunch(sink: DiagnosticSink, file: string, place: Place | undefined, files: PackageFiles, href: string, base: string, what: string): LaunchTarget | undefined {
  const ref = files.resolve(href, base);
  if (ref.type === 'remote') return { type: 'web' };
  if (ref.type === 'unsafe') {
    sink.report(file, place, 'package-unsafe-launch', `${what} "${href.slice(0, 80)}" is not an http or https URL nor a file of the package`);
    return undefined;
  }
  const path = reportUnresolved(sink, file, place, files, ref, href, what);
  return path === undefined ? undefined : { type: 'file', path };
}

/** Report a reference that is not a file of the package; the file's path when it is one. */
function reportUnresolved(sink: DiagnosticSink, file: string, place: Place | undefined, files: PackageFiles, ref: Exclude<Reference, { type: 'remote' | 'unsafe' }>, href: string, what: string): string | undefined {
  switch (ref.type) {
    case 'found':
      return ref.path;
    case 'empty':
      sink.report(file, place, 'package-missing-file', `${what} is empty`);
      return undefined;
    case 'absolute':
      sink.report(file, place, 'package-missing-file', `${what} "${href}" is an absolute path; it must be relative to the package root`);
      return undefined;
    case 'escape':
      sink.report(file, place, 'package-missing-file', `${what} "${href}" points outside the package`);
      return undefined;
    case 'missing': {
      const why = ref.otherCase
        ? `; "${ref.otherCase}" differs only in case`
        : href.includes('\\') && files.has(ref.path.replaceAll('\\', '/'))
          ? `; it separates folders with "\\", which only Windows understands: write "/"`
          : '';
      sink.report(file, place, 'package-missing-file', `${what} "${href}" is not in the package${why}`);
      return undefined;
    }
  }
}
