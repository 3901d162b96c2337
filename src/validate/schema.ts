/**
 * XSD validation with libxml2's xmllint compiled to WebAssembly
 * (xmllint-wasm): no system tool is needed, and the work runs in a worker
 * thread, so the event loop stays free. Starting a worker and compiling a
 * schema set costs about a tenth of a second, so descriptors are validated in
 * batches: one xmllint run per schema set for many packages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { runXmllint, WorkerUnavailable } from './xmllint.js';

/** The bundled schema sets (see xsd/SOURCES.md). */
export type SchemaSet = 'scorm12' | 'scorm2004' | 'cmi5';

/**
 * Where the official schemas are bundled. The command may run from a
 * compiled bundle elsewhere, so the folder is found from skillpack's
 * package root rather than from this module's location.
 */
export const XSD_DIR = path.join(packageRoot(import.meta.dirname), 'src', 'validate', 'xsd');
const WORKER_SCRIPT = path.join(packageRoot(import.meta.dirname), 'src', 'validate', 'xmllint-worker.cjs');

function packageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'skillpack') return dir;
    if (path.dirname(dir) === dir) throw new Error(`skillpack's package.json was not found above ${start}`);
  }
}

/** The schema each set starts from; its imports and includes are preloaded. */
const ENTRY: Record<SchemaSet, string> = {
  scorm12: 'scorm12/scorm12-manifest-driver.xsd',
  scorm2004: 'scorm2004/scorm2004-manifest-driver.xsd',
  cmi5: 'cmi5/CourseStructure.xsd',
};

const BATCH_FILES = 50;
const BATCH_BYTES = 32 * 1024 ** 2;
/** WebAssembly memory limit per run, in 64 KiB pages (1 GiB). */
const MAX_MEMORY_PAGES = 16_384;

export interface SchemaJob {
  set: SchemaSet;
  data: Uint8Array;
}

/** One schema violation: the line xmllint reports and its message. */
export interface SchemaError {
  line: number;
  message: string;
}

const loaded = new Map<SchemaSet, Promise<{ schema: XMLFileInfo; preload: XMLFileInfo[] }>>();

/** Read a schema set once per process. */
function schemaSet(set: SchemaSet): Promise<{ schema: XMLFileInfo; preload: XMLFileInfo[] }> {
  let files = loaded.get(set);
  if (!files) {
    files = (async () => {
      const folder = ENTRY[set].split('/')[0]!;
      const names = (await readdir(path.join(XSD_DIR, folder), { recursive: true, withFileTypes: true }))
        .filter((d) => d.isFile() && /\.(xsd|dtd)$/.test(d.name))
        .map((d) => path.relative(XSD_DIR, path.join(d.parentPath, d.name)).split(path.sep).join('/'));
      const read = async (name: string): Promise<XMLFileInfo> => ({ fileName: name, contents: adapt(name, await readFile(path.join(XSD_DIR, name))) });
      return { schema: await read(ENTRY[set]), preload: await Promise.all(names.filter((n) => n !== ENTRY[set]).map(read)) };
    })();
    loaded.set(set, files);
  }
  return files;
}

/**
 * The one adaptation made, in memory, to an official schema (the file itself
 * stays as published): IMS Metadata 1.2.1's `grp.any` wildcard is `##any`
 * after optional elements of its own namespace, a content model that is not
 * deterministic (XML Schema's Unique Particle Attribution rule). Old libxml2
 * releases let it pass; libxml2 2.13 refuses to compile the schema. IMS
 * Metadata 1.2.2 made the wildcard `##other`, and so does this.
 */
function adapt(name: string, contents: Buffer): Buffer {
  if (name !== 'scorm12/imsmd_rootv1p2p1.xsd') return contents;
  const text = contents.toString('utf8');
  const adapted = text.replace(/(<xsd:group name="grp\.any">[\s\S]*?<xsd:any namespace=")##any(")/, '$1##other$2');
  if (adapted === text) throw new Error(`${name}: the grp.any wildcard to adapt was not found`);
  return Buffer.from(adapted, 'utf8');
}

/**
 * Validate every job against its schema set; the result lists each job's
 * errors, in the order of `jobs`. Jobs must be well-formed XML.
 */
export async function validateSchemas(jobs: SchemaJob[]): Promise<SchemaError[][]> {
  const results: SchemaError[][] = jobs.map(() => []);
  const batches: Array<{ set: SchemaSet; indexes: number[] }> = [];
  for (const set of Object.keys(ENTRY) as SchemaSet[]) {
    let current: number[] = [];
    let bytes = 0;
    jobs.forEach((job, index) => {
      if (job.set !== set) return;
      if (current.length && (current.length >= BATCH_FILES || bytes + job.data.length > BATCH_BYTES)) {
        batches.push({ set, indexes: current });
        current = [];
        bytes = 0;
      }
      current.push(index);
      bytes += job.data.length;
    });
    if (current.length) batches.push({ set, indexes: current });
  }
  // Two runs at a time: each is a worker thread of its own.
  for (let i = 0; i < batches.length; i += 2) {
    await Promise.all(batches.slice(i, i + 2).map(async ({ set, indexes }) => {
      const errors = await runSplitting(set, indexes.map((j) => jobs[j]!.data));
      indexes.forEach((job, k) => (results[job] = errors[k]!));
    }));
  }
  return results;
}

/**
 * A run that xmllint cannot finish (out of memory on a hostile document, say)
 * is retried document by document, so that only the document at fault is
 * reported, as not validated.
 */
async function runSplitting(set: SchemaSet, documents: Uint8Array[]): Promise<SchemaError[][]> {
  try {
    return await runBatch(set, documents);
  } catch (error) {
    if (!(error instanceof UnfinishedRun)) throw error;
    if (documents.length === 1) return [[{ line: 1, message: `the descriptor could not be validated: ${error.message}` }]];
    const out: SchemaError[][] = [];
    for (const document of documents) out.push(...(await runSplitting(set, [document])));
    return out;
  }
}

/** xmllint stopped without a verdict on the documents (as opposed to a schema that does not compile). */
class UnfinishedRun extends Error {}

async function runBatch(set: SchemaSet, documents: Uint8Array[]): Promise<SchemaError[][]> {
  const { schema, preload } = await schemaSet(set);
  // Instance names that cannot clash with a schema file's name.
  const names = documents.map((_, i) => `instance-${i}.xml`);
  const instances = documents.map((contents, i) => ({ fileName: names[i]!, contents }));
  let output: string;
  try {
    const args = ['--nonet', '--noout', '--schema', schema.fileName, ...names];
    const files = [...instances, schema, ...preload].map((f) => ({ fileName: f.fileName, contents: toBytes(f.contents) }));
    const result = await runXmllint(WORKER_SCRIPT, files, args, MAX_MEMORY_PAGES);
    // 0 valid, 3 and 4 invalid, 1 an instance that does not parse; 5 is a schema that does not compile (a fault of ours).
    if (result.exitCode === 5) throw new Error(`the bundled ${set} schemas do not compile: ${result.stderr.slice(0, 2000)}`);
    if (![0, 1, 3, 4].includes(result.exitCode)) throw new UnfinishedRun(`xmllint stopped (exit code ${result.exitCode}): ${result.stderr.trim().split('\n').pop()?.slice(0, 300) ?? ''}`);
    output = result.stderr;
  } catch (error) {
    if (!(error instanceof WorkerUnavailable)) throw error;
    output = await viaLibrary(instances, schema, preload, names);
  }
  return parseOutput(output, names);
}

/** xmllint-wasm's own API: a new worker per call, slower, but independent of its internals. */
async function viaLibrary(instances: XMLFileInfo[], schema: XMLFileInfo, preload: XMLFileInfo[], names: string[]): Promise<string> {
  try {
    const result = await validateXML({ xml: instances, schema, preload, maxMemoryPages: MAX_MEMORY_PAGES, modifyArguments: (args) => ['--nonet', ...args] });
    return result.rawOutput;
  } catch (error) {
    // xmllint exits with other codes for some instance problems; its report is still usable.
    const output = error instanceof Error ? error.message : String(error);
    if (!names.some((n) => output.includes(`${n}:`))) throw new Error(`schema validation failed: ${output.slice(0, 2000)}`);
    return output;
  }
}

const toBytes = (contents: string | Uint8Array): Uint8Array => (typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents);

/** Split xmllint's report into per-document errors. */
export function parseOutput(output: string, names: string[]): SchemaError[][] {
  const errors: SchemaError[][] = names.map(() => []);
  const index = new Map(names.map((n, i) => [n, i]));
  for (const line of output.split('\n')) {
    const located = /^(instance-\d+\.xml):(\d+): (.*)$/.exec(line);
    if (located) {
      const i = index.get(located[1]!);
      if (i !== undefined) errors[i]!.push({ line: Number(located[2]), message: tidy(located[3]!) });
      continue;
    }
    const failed = /^(instance-\d+\.xml) fails to validate$/.exec(line);
    const i = failed ? index.get(failed[1]!) : undefined;
    if (i !== undefined && errors[i]!.length === 0) errors[i]!.push({ line: 1, message: 'the descriptor does not validate' });
  }
  return errors;
}

/** Drop libxml2's prefixes ("element x: Schemas validity error : "). */
function tidy(message: string): string {
  return message.replace(/^(element [^:]+: )?(Schemas validity error|parser error|namespace error|validity error) : /, '').trim();
}
