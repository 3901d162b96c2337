// A long-lived worker thread that runs libxml2's xmllint (xmllint-wasm's WebAssembly build)
// once per message. xmllint-wasm's own API starts a new worker and compiles the WebAssembly
// module for every call, which costs more than validating a batch of descriptors; here the
// module is compiled once and only instantiated per run (each run is a fresh instance, as
// xmllint exits at the end of main). Plain CommonJS, so that it runs as it is from the
// sources and from the compiled command alike.
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');

const entry = require.resolve('xmllint-wasm/xmllint-node.js');
const createXmllint = require(entry);
// Compiled once in the parent and shared by every worker, or else here.
const compiled = workerData?.module ?? new WebAssembly.Module(readFileSync(path.join(path.dirname(entry), 'xmllint.wasm')));

parentPort.on('message', (job) => {
  if (!job || job.type !== 'skillpack-xmllint') return; // xmllint-wasm's own listener ignores ours, and we its
  let stdout = '';
  let stderr = '';
  let answered = false;
  const answer = (exitCode, error) => {
    if (answered) return;
    answered = true;
    parentPort.postMessage({ id: job.id, exitCode, stdout, stderr: error ? `${stderr}${error}\n` : stderr });
  };
  try {
    createXmllint({
      inputFiles: job.files,
      arguments: job.args,
      wasmMemory: new WebAssembly.Memory({ initial: 256, maximum: job.maxMemoryPages }),
      print: (text) => (stdout += `${text}\n`),
      printErr: (text) => (stderr += `${text}\n`),
      instantiateWasm(imports, done) {
        WebAssembly.instantiate(compiled, imports).then((instance) => done(instance, compiled), (error) => answer(-1, String(error)));
        return {};
      },
      onExit: (code) => answer(code),
      onAbort: (reason) => answer(-1, `xmllint aborted: ${reason}`),
    }).catch((error) => answer(-1, String(error)));
  } catch (error) {
    answer(-1, String(error));
  }
});
