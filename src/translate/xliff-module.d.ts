/** The parts of the `xliff` package skillpack uses (it ships no type declarations). */
declare module 'xliff' {
  export function js2xliff(obj: unknown, options?: { indent?: string; targetXliffVersion?: string }): Promise<string>;
}
