// The 2026 changes of the IANA tz database that Node 20's own data (2025c) does not have, checked
// against the IANA source text (the expected values are worked out below from the Zone and Rule
// lines as published in the releases named, not from tcon), in tcon's schedule, in the ICS read
// by ical.js and by libical, and by Python's zoneinfo when the system's database is that recent.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildCalendarModel, renderPublish } from '../../src/calendar/index.js';
import { buildSchedule } from '../../src/schedule/build.js';
import { TZDB_VERSION } from '../../src/tzdb/index.js';
import { tcon } from '../helpers/cli.js';
import { group } from '../helpers/group.js';
import { expandIcs } from '../helpers/ical.js';
import {
  expandManyWithLibical,
  expandManyWithPython,
  LIBICAL_SKIP_NOTE,
  PYTHON_ICAL_SKIP_NOTE,
  pythonTzdataVersion,
  pythonWithIcal,
  pythonWithLibical,
} from '../helpers/python.js';

/*
 * northamerica, 2026b-2026d (continuation lines of each Zone; "2026 Nov 1 2:00" is the
 * temporary modelling of the permanent change, see the NEWS of 2026b):
 *   Zone America/Vancouver  ... -8:00 Canada PDT 2026 Nov  1  2:00
 *                               -7:00 -      MST                      (2026b)
 *   Zone America/Edmonton   ... -7:00 Canada MDT 2026 Nov  1  2:00
 *                               -6:00 -      CST                      (2026c)
 *   Zone America/Inuvik     ... -7:00 Canada MDT 2026 Nov  1  2:00
 *                               -6:00 -      CST                      (2026d)
 * So from 2026-11-01 on there is no more change: a 09:00 meeting in winter 2026-27 is at 16:00 UTC
 * in Vancouver (09:00 + 7 h) and at 15:00 UTC in Edmonton and Inuvik (09:00 + 6 h), where the
 * old rules (PST -8, MST -7) gave 17:00 and 16:00.
 */
const WINTER = [
  { zone: 'America/Vancouver', utcHour: 16, since: '2026b' },
  { zone: 'America/Edmonton', utcHour: 15, since: '2026c' },
  { zone: 'America/Inuvik', utcHour: 15, since: '2026d' },
];
/** Thursdays from December 2026 to February 2027. */
const WINTER_DATES = [
  '2026-12-03',
  '2026-12-10',
  '2026-12-17',
  '2026-12-24',
  '2026-12-31',
  '2027-01-07',
  '2027-01-14',
  '2027-01-21',
  '2027-01-28',
  '2027-02-04',
  '2027-02-11',
  '2027-02-18',
  '2027-02-25',
];

/*
 * africa, 2026c:
 *   Rule Morocco 2026 only - Feb 15 3:00 -1:00 -
 *   Rule Morocco 2026 only - Mar 22 2:00  0    -
 *   Zone Africa/Casablanca ... 1:00 Morocco %z 2026 Sep 20 2:00
 *                              0:00 -       %z
 * Standard time +01, minus an hour from 15 February 03:00 to 22 March 02:00 (Ramadan), and +00
 * for good from 20 September 02:00. A Thursday 09:00 meeting in 2026 is at 08:00 UTC up to
 * 12 February, 09:00 UTC from 19 February to 19 March, 08:00 UTC from 26 March to 17 September,
 * and 09:00 UTC from 24 September on.
 */
function casablanca2026(date: string): number {
  const utcHour = date <= '2026-02-12' ? 8 : date <= '2026-03-19' ? 9 : date <= '2026-09-17' ? 8 : 9;
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), utcHour);
}

function weekly(zone: string, from: string, until: string) {
  return group(`id: t\ntitle: T\ntimezone: ${zone}\nseries:\n  - from: ${from}\n    until: ${until}\n    rule: FREQ=WEEKLY;BYDAY=TH\n    slots: ["09:00"]\n`);
}

const NOW = DateTime.fromISO('2026-11-15T00:00:00Z', { zone: 'UTC' });
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

interface Expectation {
  zone: string;
  text: string;
  tcon: string[];
  iana: string[];
}

function expectations(): Expectation[] {
  const out: Expectation[] = [];
  for (const w of WINTER) {
    const g = weekly(w.zone, '2026-12-01', '2027-02-28');
    const schedule = buildSchedule(g, { from: '2026-12-01', to: '2027-02-28' });
    out.push({
      zone: w.zone,
      text: renderPublish([buildCalendarModel(g, { from: '2026-12-01', to: '2027-02-28' }, schedule)], { now: NOW }),
      tcon: schedule.map((o) => iso(o.start.toMillis())),
      iana: WINTER_DATES.map((d) => iso(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10), w.utcHour))),
    });
  }
  const g = weekly('Africa/Casablanca', '2026-01-01', '2026-12-31');
  const schedule = buildSchedule(g, { from: '2026-01-01', to: '2026-12-31' });
  out.push({
    zone: 'Africa/Casablanca',
    text: renderPublish([buildCalendarModel(g, { from: '2026-01-01', to: '2026-12-31' }, schedule)], { now: NOW }),
    tcon: schedule.map((o) => iso(o.start.toMillis())),
    iana: schedule.map((o) => iso(casablanca2026(o.ruleDate))),
  });
  return out;
}

describe(`British Columbia, Alberta, the Northwest Territories and Morocco as tzdata 2026b-2026d say (tcon has ${TZDB_VERSION})`, () => {
  const all = expectations();

  it.each(all.map((e) => [e.zone, e] as const))('%s: tcon schedules each meeting where the IANA text puts it', (_zone, e) => {
    expect(e.tcon.length).toBeGreaterThanOrEqual(13);
    expect(e.tcon).toEqual(e.iana);
  });

  it.each(all.map((e) => [e.zone, e] as const))('%s: ical.js reads the ICS (its VTIMEZONE) the same way', (_zone, e) => {
    expect(expandIcs(e.text).map((i) => iso(i.start))).toEqual(e.iana);
  });

  it.skipIf(!pythonWithLibical)(`libical reads the ICS (its VTIMEZONE) the same way${LIBICAL_SKIP_NOTE}`, () => {
    const results = expandManyWithLibical(all.map((e) => e.text));
    all.forEach((e, i) => {
      expect(results[i]!.errors, e.zone).toEqual([]);
      expect(
        results[i]!.instances.map((x) => x.start),
        e.zone,
      ).toEqual(e.iana);
    });
  });

  const system = pythonTzdataVersion();
  it.skipIf(!pythonWithIcal)(
    `Python's zoneinfo (the system's tz database, ${system ?? 'unknown'}) reads the TZIDs the same way once it has the change, and otherwise as the old rules${PYTHON_ICAL_SKIP_NOTE}`,
    () => {
      const since: Record<string, string> = { 'Africa/Casablanca': '2026c', ...Object.fromEntries(WINTER.map((w) => [w.zone, w.since])) };
      const results = expandManyWithPython(all.map((e) => e.text));
      const old: string[] = [];
      all.forEach((e, i) => {
        const got = results[i]!.instances.map((x) => x.start);
        if (system !== undefined && system >= since[e.zone]!) expect(got, e.zone).toEqual(e.iana);
        else {
          // An older database: some meeting an hour off, as Node's ICU and other programs have it.
          expect(got, e.zone).toHaveLength(e.iana.length);
          expect(got, e.zone).not.toEqual(e.iana);
          old.push(e.zone);
        }
      });
      if (old.length)
        console.warn(
          `tcon tests: the system tz database is ${system}, before the change of ${old.join(', ')}: Python places those meetings by the old rules (checked to differ)`,
        );
    },
  );

  it("tcon check 2026-12-15T09:00 --zone America/Vancouver: 16:00 UTC, and a note that Node's own data says otherwise", async () => {
    const r = await tcon(['check', '2026-12-15T09:00', '--zone', 'America/Vancouver', '--regions', 'America/Edmonton,America/Inuvik']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Tue 15 Dec 2026 09:00-10:00 America/Vancouver (16:00-17:00 UTC), 60 min');
    expect(r.stdout).toMatch(/America\/Edmonton +America\/Edmonton +Tue 15 Dec 10:00-11:00/);
    expect(r.stdout).toMatch(/America\/Inuvik +America\/Inuvik +Tue 15 Dec 10:00-11:00/);
    // Node's ICU: one line per zone it places elsewhere than tzdata (none when Node has 2026d or later).
    const icu = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Vancouver', timeZoneName: 'longOffset' }).format(Date.UTC(2026, 11, 15, 16));
    const notes = r.stderr.split('\n').filter(Boolean);
    if (icu.endsWith('GMT-08:00')) {
      expect(notes).toContainEqual(
        expect.stringMatching(
          /^tcon: note: Node's own time-zone data \(ICU, tzdata \w+\) puts America\/Vancouver at UTC-08:00 on 2026-12-1\d, tzdata \w+ at UTC-07:00; tcon uses tzdata/,
        ),
      );
      expect(notes.filter((n) => n.includes('America/Vancouver'))).toHaveLength(1);
    } else {
      expect(notes.filter((n) => n.includes('America/Vancouver'))).toEqual([]);
    }
  });
});
