// Issue 2 targets: expanding 100 groups x 10 years in-process under 100 ms (after modules are
// loaded); `tcon --version` and `tcon schedule` cold start under 3x a bare `node -e 0`.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildSchedule, parseGroup } from '../dist/index.js';

const RULES = ['FREQ=MONTHLY;BYDAY=3TU', 'FREQ=WEEKLY;BYDAY=WE', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 'FREQ=MONTHLY;BYDAY=-1FR'];
const ZONES = ['America/New_York', 'Europe/Paris', 'Asia/Tokyo', 'Australia/Sydney', 'Asia/Kolkata'];

function groups(n) {
  return Array.from({ length: n }, (_, i) => {
    // Distinct start dates, so no group reuses another's expansion.
    const from = `2027-01-${String(1 + (i % 28)).padStart(2, '0')}`;
    const text = `id: g-${i}\ntitle: Group ${i}\ntimezone: ${ZONES[i % ZONES.length]}\nseries:\n  - from: ${from}\n    rule: ${RULES[i % RULES.length]}\n    slots: ["09:00", "11:00 UTC", "16:30"]\nmeetings:\n  2027-12-21: { add: "08:00" }\n`;
    const { group, problems } = parseGroup(text, `g-${i}.yaml`);
    if (!group) throw new Error(JSON.stringify(problems));
    return group;
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeCommand(args, runs = 7) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    execFileSync(process.execPath, args, { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

export default async function () {
  const gs = groups(100);
  buildSchedule(gs[0], { from: '2027-01-01', to: '2036-12-31' }); // warm caches of one zone
  const runs = [];
  let meetings = 0;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    meetings = 0;
    for (const g of gs) meetings += buildSchedule(g, { from: '2027-01-01', to: '2036-12-31' }).length;
    runs.push(performance.now() - t);
  }
  const bare = timeCommand(['-e', '0']);
  const version = timeCommand(['bin/tcon.js', '--version']);
  const schedule = timeCommand(['bin/tcon.js', 'schedule', '--group', 'wg-14', '--year', '2027']);
  return [
    `expand 100 groups x 10 years (${meetings} meetings): median ${median(runs).toFixed(1)} ms, first ${runs[0].toFixed(1)} ms (target < 100 ms)`,
    `cold start: node -e 0 ${bare.toFixed(0)} ms; tcon --version ${version.toFixed(0)} ms (${(version / bare).toFixed(2)}x); tcon schedule ${schedule.toFixed(0)} ms (${(schedule / bare).toFixed(2)}x) (target < 3x)`,
  ];
}
