/**
 * Finding the LMS's SCORM API object and calling it safely.
 *
 * Discovery follows the ADL API wrappers (SCORM 1.2 RTE §3.3, SCORM 2004 RTE
 * ch. 3): walk window.parent up to the top, then window.opener and its
 * parents. Cross-origin frames throw on access, so every look is guarded. We
 * allow 500 steps, as the SCORM 2004 sample does.
 */

const MAX_STEPS = 500;

/** Look for `name` on `start` and its parents; null when absent. */
function searchParents(start: Window, name: string): unknown {
  let win: Window | null = start;
  for (let steps = 0; win && steps <= MAX_STEPS; steps++) {
    try {
      const api = (win as unknown as Record<string, unknown>)[name];
      if (api) return api;
    } catch {
      // a cross-origin frame: keep climbing
    }
    let parent: Window | null = null;
    try {
      parent = win.parent;
    } catch {
      parent = null;
    }
    if (!parent || parent === win) break;
    win = parent;
  }
  return null;
}

/** Find the API object (`API` for 1.2, `API_1484_11` for 2004) in the frame chain, then in the opener chain. */
export function findApi<T>(name: 'API' | 'API_1484_11', start: Window = window): T | null {
  const found = searchParents(start, name);
  if (found) return found as T;
  let opener: Window | null = null;
  try {
    opener = start.top?.opener ?? start.opener ?? null;
  } catch {
    opener = null;
  }
  return opener ? ((searchParents(opener, name) as T | null) ?? null) : null;
}

/** The four calls both SCORM versions have, whatever their names. */
export interface ScormCalls {
  initialize(): string;
  terminate(): string;
  getValue(element: string): string;
  setValue(element: string, value: string): string;
  commit(): string;
  getLastError(): string;
  getErrorString(code: string): string;
  getDiagnostic(code: string): string;
}

export interface CallProblem {
  call: string;
  element?: string;
  code: string;
  message: string;
}

/**
 * Wraps raw API calls: converts results to booleans, reads GetLastError after
 * each call, and never throws (an LMS that throws is treated as one that
 * returned "false").
 */
export class ScormConnection {
  readonly problems: CallProblem[] = [];
  /** A value was set since the last commit the LMS accepted. */
  changed = false;

  constructor(
    private readonly api: ScormCalls,
    private readonly onProblem: (problem: CallProblem) => void = () => {},
  ) {}

  private run(call: string, element: string | undefined, fn: () => string): string | null {
    let result: string;
    try {
      result = String(fn());
    } catch (error) {
      this.note({ call, element, code: 'exception', message: error instanceof Error ? error.message : String(error) });
      return null;
    }
    const code = this.safe(() => String(this.api.getLastError()), '0');
    if (code !== '0' && code !== '') {
      const message = `${this.safe(() => this.api.getErrorString(code), '')} ${this.safe(() => this.api.getDiagnostic(code), '')}`.trim();
      this.note({ call, element, code, message });
      return call === 'GetValue' ? null : result === 'true' ? result : null;
    }
    return result;
  }

  private note(problem: CallProblem): void {
    this.problems.push(problem);
    if (typeof console !== 'undefined') console.warn(`[skillpack] ${problem.call}${problem.element ? `(${problem.element})` : ''} failed: ${problem.code} ${problem.message}`);
    this.onProblem(problem);
  }

  private safe<T>(fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch {
      return fallback;
    }
  }

  initialize(): boolean {
    return this.run('Initialize', undefined, () => this.api.initialize()) === 'true';
  }

  terminate(): boolean {
    return this.run('Terminate', undefined, () => this.api.terminate()) === 'true';
  }

  commit(): boolean {
    const ok = this.run('Commit', undefined, () => this.api.commit()) === 'true';
    if (ok) this.changed = false;
    return ok;
  }

  /** The element's value, or null when the LMS reports an error (e.g. not initialised, not implemented). */
  get(element: string): string | null {
    return this.run('GetValue', element, () => this.api.getValue(element));
  }

  set(element: string, value: string): boolean {
    const ok = this.run('SetValue', element, () => this.api.setValue(element, value)) === 'true';
    if (ok) this.changed = true;
    return ok;
  }
}

/** The API's own names for the common calls, per version. */
export interface ApiNames {
  initialize: string;
  terminate: string;
  getValue: string;
  setValue: string;
  commit: string;
  getLastError: string;
  getErrorString: string;
  getDiagnostic: string;
}

export const SCORM12_NAMES: ApiNames = { initialize: 'LMSInitialize', terminate: 'LMSFinish', getValue: 'LMSGetValue', setValue: 'LMSSetValue', commit: 'LMSCommit', getLastError: 'LMSGetLastError', getErrorString: 'LMSGetErrorString', getDiagnostic: 'LMSGetDiagnostic' };
export const SCORM2004_NAMES: ApiNames = { initialize: 'Initialize', terminate: 'Terminate', getValue: 'GetValue', setValue: 'SetValue', commit: 'Commit', getLastError: 'GetLastError', getErrorString: 'GetErrorString', getDiagnostic: 'GetDiagnostic' };

/** Wrap an LMS's API object into the common call shape, given its method names. */
export function wrapApi(api: unknown, names: ApiNames): ScormCalls {
  const call = (name: string, ...args: string[]): string => (api as Record<string, (...a: string[]) => string>)[name]!(...args);
  return {
    initialize: () => call(names.initialize, ''),
    terminate: () => call(names.terminate, ''),
    getValue: (e) => call(names.getValue, e),
    setValue: (e, v) => call(names.setValue, e, v),
    commit: () => call(names.commit, ''),
    getLastError: () => call(names.getLastError),
    getErrorString: (c) => call(names.getErrorString, c),
    getDiagnostic: (c) => call(names.getDiagnostic, c),
  };
}
