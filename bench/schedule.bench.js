// Issue 2 targets: expanding 100 groups x 10 years in-process under 100 ms (after modules are
// loaded); `tcon --version` and `tcon schedule` cold start under 3x a bare `node -e 0`.
import { buildSchedule } from '../dist/index.js';
import { median, syntheticGroups, timeCommand } from './util.js';

export default async function () {
  const gs = syntheticGroups(100);
  buildSchedule(gs[0], { from: '2027-01-01', to: '2036-12-31' }); // warm caches of one zone
  const runs = [];
  let meetings = 0;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    meetings = 0;
    for (const g of gs) meetings += buildSchedule(g, { from: '2027-01-01', to: '2036-12-31' }).length;
    runs.push(performance.now() - t);
  }
  const bare = timeCommand(['-e', '0'], 7);
  const version = timeCommand(['bin/tcon.js', '--version'], 7);
  const schedule = timeCommand(['bin/tcon.js', 'schedule', '--group', 'wg-14', '--year', '2027'], 7);
  return [
    `expand 100 groups x 10 years (${meetings} meetings): median ${median(runs).toFixed(1)} ms, first ${runs[0].toFixed(1)} ms (target < 100 ms)`,
    `cold start: node -e 0 ${bare.toFixed(0)} ms; tcon --version ${version.toFixed(0)} ms (${(version / bare).toFixed(2)}x); tcon schedule ${schedule.toFixed(0)} ms (${(schedule / bare).toFixed(2)}x) (target < 3x)`,
  ];
}
