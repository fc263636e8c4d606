// The test files whose outcome can depend on the process's time zone (TZ). `npm test` runs the
// whole suite once with TZ=UTC, then these files again with TZ=Pacific/Chatham (vitest.config.ts,
// project "zone"). Every other file runs under test/helpers/zone-guard.ts, which fails it if it
// reaches the process's zone at all; so a file is here because the guard found it reaching the
// zone, for the reason given.
//
// How the list was made (`npm run test:zones` redoes it): the guard in report mode, over every
// file, lists each JavaScript call that reads the process's zone and each child process. Then:
// - tcon's own code reads it nowhere (one implicit use, `tcon check` validating a date with
//   luxon's default zone, was fixed); tests that built luxon values in the default zone only to
//   take their instant now say { zone: 'utc' }.
// - Child processes inherit TZ but are zone-free: the tcon CLI (bin.test, crash.test, load-cli)
//   runs the code that the in-process tests run under the guard; library.test sets its child's
//   TZ itself; the Python scripts of test/fixtures use only aware datetimes (zoneinfo, UTC);
//   Chromium's pages get their zone from the browser context (timezoneId), never from TZ.
// - What is left, below, reaches the zone through a dependency or on purpose.

const DATE_HOLIDAYS =
  'plans with holidays: date-holidays (through caldate) computes holiday dates with Date in the process zone (new Date(y, m, d), getDate...)';

export const ZONE_DEPENDENT: Record<string, string> = {
  'test/calendar/render.test.ts':
    "on purpose: checks that the ICS does not change with the machine's zone (ical-generator formats floating dates with local getters) and passes luxon times in the default zone",
  'test/interop/parsers.test.ts': "node-ical and ts-ics, which read tcon's ICS, do date arithmetic in the process zone (local getters and setters)",
  'test/cli/errors.test.ts': DATE_HOLIDAYS,
  'test/integration/planned-mail.test.ts': DATE_HOLIDAYS,
  'test/integration/seams.test.ts': DATE_HOLIDAYS,
  'test/plan/cli.test.ts': `${DATE_HOLIDAYS}; and planInvitation gets a "now" in the default zone`,
  'test/plan/conflicts.test.ts': DATE_HOLIDAYS,
  'test/plan/holidays.test.ts': DATE_HOLIDAYS,
  'test/plan/properties.test.ts': DATE_HOLIDAYS,
  'test/plan/corrections.test.ts': DATE_HOLIDAYS,
  'test/plan/holiday-data.test.ts': DATE_HOLIDAYS,
  'test/plan/shift-conflicts.test.ts': DATE_HOLIDAYS,
  'test/cli/rule-words.test.ts': `${DATE_HOLIDAYS} (tcon plan prints the rules in words)`,
  'test/cli/schedule-holidays.test.ts': `${DATE_HOLIDAYS} (tcon schedule says the holidays that touch a meeting; the holiday cache is computed, then read)`,
  'test/cli/init.test.ts': `${DATE_HOLIDAYS} (after tcon init, tcon schedule on the file it wrote shows the holidays that touch its meetings)`,
  'test/schema/output-schemas.test.ts': `${DATE_HOLIDAYS} (the outputs of schedule, check and plan with holidays)`,
  'test/readme.test.ts': `${DATE_HOLIDAYS} (the README's commands for your own group run as written: tcon schedule shows holidays)`,
  'test/cli/zones.test.ts': `${DATE_HOLIDAYS} (the same zone names in schedule, check, ics and invite: tcon schedule shows holidays)`,
  'test/site/browser.test.ts': `${DATE_HOLIDAYS} (the site it builds; the pages themselves get their zones from the browser context)`,
};
