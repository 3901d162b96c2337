// Preloaded into a benchmarked child process (`node --import ./child-usage.mjs …`):
// on exit, write the process's own resource usage (CPU time of every thread,
// peak RSS) as JSON to the file named by SKILLPACK_BENCH_USAGE. Measured from
// inside because Node cannot read a child's rusage; the wall time is taken by
// the parent.
import { writeFileSync } from 'node:fs';

const file = process.env.SKILLPACK_BENCH_USAGE;
if (file) {
  process.on('exit', (code) => {
    writeFileSync(file, JSON.stringify({ code, usage: process.resourceUsage(), uptimeMs: process.uptime() * 1000 }));
  });
}
