// Issue 2 targets: expanding 100 groups x 10 years in-process under 100 ms (after modules are
// loaded); `tcon --version` and `tcon schedule` cold start under 3x a bare `node -e 0` (medians
// of 15 runs each). Since `tcon schedule` shows holidays (issue 17), the start-up target is
// measured with --no-holidays and the default reported beside it.
import { execFileSync } from 'node:child_process';
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
  const bare = timeCommand(['-e', '0'], 15);
  const version = timeCommand(['bin/tcon.js', '--version'], 15);
  // The start-up target is measured without the holiday data (--no-holidays); the default, which
  // computes the holidays of the example's six countries for the year, is reported next to it.
  const schedule = timeCommand(['bin/tcon.js', 'schedule', '--group', 'wg-14', '--year', '2027', '--no-holidays'], 15);
  const withHolidays = timeCommand(['bin/tcon.js', 'schedule', '--group', 'wg-14', '--year', '2027'], 15);
  // What a fresh node makes of the code cache the build wrote (bin/load-cli.js): "used" is the normal case.
  const cache = execFileSync(process.execPath, ['--input-type=module', '-e', "import { loadCli } from './bin/load-cli.js'; console.log(loadCli().cache)"], {
    cwd: new URL('..', import.meta.url),
  })
    .toString()
    .trim();
  return [
    `expand 100 groups x 10 years (${meetings} meetings): median ${median(runs).toFixed(1)} ms, first ${runs[0].toFixed(1)} ms (target < 100 ms)`,
    `cold start: node -e 0 ${bare.toFixed(0)} ms; tcon --version ${version.toFixed(0)} ms (${(version / bare).toFixed(2)}x); tcon schedule --no-holidays ${schedule.toFixed(0)} ms (${(schedule / bare).toFixed(2)}x) (target < 3x; code cache ${cache})`,
    `tcon schedule with the holidays that touch its meetings (six countries, one year): ${withHolidays.toFixed(0)} ms (${(withHolidays / bare).toFixed(2)}x, no target)`,
  ];
}
