// Preloaded (`node --import ./bench/rusage.js ...`) by scale.bench.js: writes the process' CPU
// time and peak RSS to $TCON_BENCH_RUSAGE when it exits (node has no rusage of its children).
import { writeFileSync } from 'node:fs';

const out = process.env.TCON_BENCH_RUSAGE;
if (out) {
  process.on('exit', () => {
    const r = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ cpu: (r.userCPUTime + r.systemCPUTime) / 1e6, rssMb: r.maxRSS / 1024 }));
  });
}
