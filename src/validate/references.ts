/**
 * Resolving the paths a descriptor or launch page names (`<file href>`,
 * resource hrefs, AU urls, `<script src>`) against the files of the package.
 */
import type { DiagnosticSink, Place } from '../diagnostics/diagnostic.js';
import type { PackageEntry } from './package.js';

export type Reference =
  | { type: 'remote' }
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
 * Report a launch URL whose scheme is not http or https (`javascript:`, `data:`, `file:`): an LMS
 * that opens it runs it on its own origin, as the learner, or cannot open it at all.
 * @returns whether it was reported
 */
export function unsafeLaunch(sink: DiagnosticSink, file: string, place: Place | undefined, href: string, what: string): boolean {
  if (!isUrl(href) || /^(https?:)?\/\//i.test(href.trim())) return false;
  sink.report(file, place, 'package-unsafe-launch', `${what} "${href.slice(0, 80)}" is not an http or https URL nor a file of the package`);
  return true;
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
    const trimmed = href.trim();
    if (isUrl(trimmed)) return { type: 'remote' };
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
 * @param what what holds the reference, for the message ("resource RES-1 href")
 * @param allowRemote whether an absolute URL is acceptable here
 */
export function requireFile(sink: DiagnosticSink, file: string, place: Place | undefined, files: PackageFiles, href: string, base: string, what: string, allowRemote = true): string | undefined {
  const ref = files.resolve(href, base);
  switch (ref.type) {
    case 'found':
      return ref.path;
    case 'remote':
      if (!allowRemote) sink.report(file, place, 'package-missing-file', `${what} "${href}" is a URL; it must be a file inside the package`);
      return undefined;
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
