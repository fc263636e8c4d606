// Shared by the benchmarks: synthetic groups, medians, and timing whole commands.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseGroup } from '../dist/index.js';

const RULES = ['FREQ=MONTHLY;BYDAY=3TU', 'FREQ=WEEKLY;BYDAY=WE', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 'FREQ=MONTHLY;BYDAY=-1FR'];
const ZONES = ['America/New_York', 'Europe/Paris', 'Asia/Tokyo', 'Australia/Sydney', 'Asia/Kolkata'];

/** `n` groups with three-slot rotations, distinct start dates (no shared expansion), one one-off each. */
export function syntheticGroups(n, extra = '') {
  return Array.from({ length: n }, (_, i) => {
    const from = `2027-01-${String(1 + (i % 28)).padStart(2, '0')}`;
    const text = `id: g-${i}\ntitle: Group ${i}\ntimezone: ${ZONES[i % ZONES.length]}\n${extra}series:\n  - from: ${from}\n    rule: ${RULES[i % RULES.length]}\n    slots: ["09:00", "11:00 UTC", "16:30"]\nmeetings:\n  2027-12-21: { add: "08:00" }\n`;
    const { group, problems } = parseGroup(text, `g-${i}.yaml`);
    if (!group) throw new Error(JSON.stringify(problems));
    return group;
  });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time of `node ARGS` run from the project root, in ms. */
export function timeCommand(args, runs = 5, opts = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    // Untimed: what each run starts from (the holiday cache removed, for a first run).
    opts.before?.();
    const t = process.hrtime.bigint();
    execFileSync(process.execPath, args, { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'ignore', env: opts.env ?? process.env });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}
