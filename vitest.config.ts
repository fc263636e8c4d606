import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { ZONE_DEPENDENT } from './test/zone-dependent.js';

// Two projects (see test/zone-dependent.ts): `npm test` runs both with TZ=UTC, then only "zone"
// again with TZ=Pacific/Chatham. "zone-free" runs under the zone guard, which fails a file that
// reaches the process's time zone.
const zoneFiles = Object.keys(ZONE_DEPENDENT);
const guard = ['test/helpers/zone-guard.ts'];
// Both projects: a test fails when src/ makes a luxon zone from a name (ICU's data, not the
// bundled tz database's; test/helpers/no-icu-zones.ts).
const noIcu = 'test/helpers/no-icu-zones.ts';
// TCON_ZONE_REPORT (npm run test:zones) traces every file, the zone-dependent ones too.
const report = !!process.env.TCON_ZONE_REPORT;

export default defineConfig({
  test: {
    // Generous: the machine that runs CI is shared, and a test that runs tcon several times (or a
    // hook that does) may wait its turn for the cores. A hang still fails, a minute later.
    testTimeout: 60000,
    hookTimeout: 60000,
    // tcon processes the tests start (bin, crash, load-cli, library) compute the holidays, as the
    // in-process runs do (test/helpers/cli.ts), and write no holiday cache into config/.tcon/.
    env: { TCON_HOLIDAY_CACHE: 'off' },
    // vitest's default leaves a core free (one worker on two cores), but much of this suite
    // waits: on SMTP replies, Chromium, Python and tcon's own processes. Two workers on two cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Test files share a worker's module cache instead of each starting a fresh one: that start
    // (vitest's runtime, then luxon, yaml, zod, ical.js, date-holidays... again) was a third of the
    // suite's CPU time. The files keep no state between them (no mocks, no stubbed globals, no
    // shared files); what src caches (VTIMEZONEs, holidays per year) is pure.
    // A zone report (npm run test:zones) isolates each file after all: a cache filled by one file
    // (luxon's, date-holidays' through src/plan) would hide its zone reads from the next.
    isolate: report,
    projects: [
      { extends: true, test: { name: 'zone-free', include: ['test/**/*.test.ts'], exclude: zoneFiles, setupFiles: [noIcu, ...guard] } },
      { extends: true, test: { name: 'zone', include: zoneFiles, setupFiles: [noIcu, ...(report ? guard : [])] } },
    ],
  },
});
