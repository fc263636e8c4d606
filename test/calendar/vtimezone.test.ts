// The VTIMEZONEs tcon writes (src/calendar/vtimezone.ts), for every zone of the bundled database:
// a weekly 09:00 meeting 2026-2030 must be expanded to exactly `tcon schedule`'s instants by
// - ical.js and libical, two client libraries that compute instants from the embedded VTIMEZONE;
// - Python (icalendar + zoneinfo, test/fixtures/ics_expand.py), which reads the TZID with the
//   system's tz database: compared on the zones that did not change since that database's
//   release (test/helpers/tzdb-news.ts), the others listed.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildCalendarModel, renderPublish } from '../../src/calendar/index.js';
import { vtimezoneBlock } from '../../src/calendar/vtimezone.js';
import { buildSchedule } from '../../src/schedule/build.js';
import { offsetAt } from '../../src/schedule/zoned.js';
import { allZoneNames, transitionsBetween, TZDB_VERSION, zoneRules, type ZoneRules } from '../../src/tzdb/index.js';
import { acceptedZoneName } from '../../src/tzdb/names.js';
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
import { changedSince } from '../helpers/tzdb-news.js';

const ZONES = allZoneNames().filter(acceptedZoneName);
const NOW = DateTime.fromISO('2025-12-01T00:00:00Z', { zone: 'UTC' });
const WINDOW = { from: '2026-01-01', to: '2030-12-31' };
/** Hundreds of calendars of 261 meetings each, read by three parsers: minutes on a busy machine. */
const SLOW = { timeout: 300_000 };

interface Case {
  zone: string;
  text: string;
  /** [start, end] of every meeting held, as tcon schedules it. */
  expected: [number, number][];
}

let cases: Case[] | undefined;

/** One calendar per zone name: a weekly Thursday 09:00 meeting, 2026-2030. */
function allCases(): Case[] {
  return (cases ??= ZONES.map((zone) => {
    const g = group(`id: vtz\ntitle: VTZ\ntimezone: ${zone}\nseries:\n  - from: 2026-01-01\n    rule: FREQ=WEEKLY;BYDAY=TH\n    slots: ["09:00"]\n`);
    const schedule = buildSchedule(g, WINDOW);
    return {
      zone,
      text: renderPublish([buildCalendarModel(g, WINDOW, schedule)], { now: NOW }),
      expected: schedule.filter((o) => o.status !== 'skipped').map((o) => [o.start.toMillis(), o.end.toMillis()] as [number, number]),
    };
  }));
}

/**
 * The cases to read with a parser: one per set of names sharing their data (a link's calendar is
 * its zone's but for the TZID, which is checked as text). UTC is written in UTC form, on its own.
 */
function distinctCases(): { read: Case[]; wrong: string[] } {
  const byData = new Map<ZoneRules, Case>();
  const wrong: string[] = [];
  const tzidFree = (c: Case) => c.text.replaceAll(`TZID:${c.zone}\r\n`, 'TZID:?\r\n').replaceAll(`TZID=${c.zone}:`, 'TZID=?:');
  const read: Case[] = [];
  for (const c of allCases()) {
    const same = c.zone === 'UTC' ? undefined : byData.get(zoneRules(c.zone));
    if (same) {
      if (tzidFree(c) !== tzidFree(same)) wrong.push(`${c.zone}: another calendar than ${same.zone}, whose data it shares`);
      continue;
    }
    if (c.zone !== 'UTC') byData.set(zoneRules(c.zone), c);
    read.push(c);
  }
  return { read, wrong };
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function compare(c: Case, got: [string, string][]): string | undefined {
  const want = c.expected.map(([s, e]) => [iso(s), iso(e)]);
  if (want.length === 261 && JSON.stringify(got) === JSON.stringify(want)) return undefined;
  const i = want.findIndex((w, k) => JSON.stringify(w) !== JSON.stringify(got[k]));
  return `${c.zone}: ${got.length}/${want.length} instances, first difference: ${JSON.stringify(got[i])} instead of ${JSON.stringify(want[i])}`;
}

/** ical.js's reading of a VTIMEZONE block. */
function icalZone(block: string): ICAL.Timezone {
  const cal = new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n${block}\r\nEND:VCALENDAR`));
  return new ICAL.Timezone(cal.getFirstSubcomponent('vtimezone')!);
}

describe(`VTIMEZONEs from the bundled tz database (${TZDB_VERSION}), every zone (${ZONES.length} names), a weekly 09:00 meeting 2026-2030`, () => {
  it("ical.js expands exactly tcon's instants", SLOW, () => {
    const { read, wrong } = distinctCases();
    expect(read.length).toBeGreaterThan(300);
    for (const c of read) {
      const problem = compare(
        c,
        expandIcs(c.text, 1000).map((i) => [iso(i.start), iso(i.end)]),
      );
      if (problem) wrong.push(problem);
    }
    expect(wrong).toEqual([]);
  });

  it.skipIf(!pythonWithLibical)(`libical expands exactly tcon's instants, from the file's own VTIMEZONE${LIBICAL_SKIP_NOTE}`, SLOW, () => {
    const { read, wrong } = distinctCases();
    const results = expandManyWithLibical(read.map((c) => c.text));
    read.forEach((c, i) => {
      const r = results[i]!;
      if (r.errors.length) wrong.push(`${c.zone}: ${r.errors.join('; ')}`);
      const problem = compare(
        c,
        r.instances.map((x) => [x.start, x.end]),
      );
      if (problem) wrong.push(problem);
    });
    expect(wrong).toEqual([]);
  });

  it.skipIf(!pythonWithIcal)(
    `Python (icalendar + zoneinfo, the system's tz database) gives the same instants for every zone unchanged since its release${PYTHON_ICAL_SKIP_NOTE}`,
    SLOW,
    () => {
      const version = pythonTzdataVersion();
      expect(version, 'the release of the system tz database (tzdata.zi)').toMatch(/^\d{4}[a-z]$/);
      const changed = version! >= TZDB_VERSION ? new Set<string>() : changedSince(version!);
      if (!changed) {
        console.warn(`tcon tests: the system tz database is ${version}, older than the releases test/helpers/tzdb-news.ts knows: not compared with Python`);
        return;
      }
      if (changed.size) {
        console.warn(
          `tcon tests: the system tz database is ${version}, tcon's ${TZDB_VERSION}: Python is not compared on ${changed.size} names whose future changed since (${[...changed].sort().join(', ')})`,
        );
      }
      const compared = allCases().filter((c) => !changed.has(c.zone));
      const results = expandManyWithPython(compared.map((c) => c.text));
      const wrong: string[] = [];
      compared.forEach((c, i) => {
        const r = results[i]!;
        if (r.errors.length) wrong.push(`${c.zone}: ${r.errors.join('; ')}`);
        const problem = compare(
          c,
          r.instances.map((x) => [x.start, x.end]),
        );
        if (problem) wrong.push(problem);
      });
      expect(compared.length).toBeGreaterThan(ZONES.length - 40);
      expect(wrong).toEqual([]);
    },
  );

  it.each([
    // The years timezones-ical-library (today's rules only) got wrong, so tcon used to warn:
    ['America/Sao_Paulo', '2017-01-01', '2019-12-31'], // Brazil's DST until February 2019
    ['America/Mexico_City', '2021-01-01', '2023-12-31'], // Mexico's DST until October 2022
    ['Africa/Casablanca', '2019-01-01', '2026-12-31'], // Morocco's Ramadan hours, then +00 from 2026-09-20
  ])('%s %s to %s, a monthly meeting: ical.js and libical read past rules as tzdata has them, and nothing is warned', (zone, from, to) => {
    const g = group(`id: past\ntitle: Past\ntimezone: ${zone}\nseries:\n  - from: ${from}\n    rule: FREQ=MONTHLY;BYDAY=+3TU\n    slots: ["11:00"]\n`);
    const window = { from, to };
    const schedule = buildSchedule(g, window);
    const model = buildCalendarModel(g, window, schedule);
    expect(model.warnings).toEqual([]);
    const text = renderPublish([model], { now: NOW });
    const want = schedule.map((o) => iso(o.start.toMillis()));
    expect(expandIcs(text).map((i) => iso(i.start))).toEqual(want);
    if (pythonWithLibical) expect(expandManyWithLibical([text])[0]!.instances.map((i) => i.start)).toEqual(want);
  });

  it('ical.js: local times just before and just after each change read as the instants tcon computes', SLOW, () => {
    // Clients read event times as local times in the TZID: probe the block the same way, at the
    // first unambiguous minutes on each side of every change (outside its gap or overlap).
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2031, 0, 1);
    const wrong: string[] = [];
    let checked = 0;
    const seen = new Set<ZoneRules>();
    for (const zone of ZONES) {
      if (seen.has(zoneRules(zone))) continue;
      seen.add(zoneRules(zone));
      const tz = icalZone(vtimezoneBlock(zone, from, to));
      const probes = [from, to - 60_000];
      for (const t of transitionsBetween(zone, from, to)) {
        const jump = Math.abs(t.to - t.from) * 60_000 + 60_000;
        probes.push(t.at - jump, t.at + jump);
      }
      for (const ms of probes) {
        const local = new Date(ms + offsetAt(zone, ms) * 60_000);
        const time = new ICAL.Time(
          {
            year: local.getUTCFullYear(),
            month: local.getUTCMonth() + 1,
            day: local.getUTCDate(),
            hour: local.getUTCHours(),
            minute: local.getUTCMinutes(),
            second: 0,
          },
          tz,
        );
        const got = time.toUnixTime() * 1000;
        checked++;
        if (got !== ms) wrong.push(`${zone}: ${local.toISOString().slice(0, 16)} local is ${iso(got)} for ical.js, ${iso(ms)} for tzdata`);
      }
    }
    expect(checked).toBeGreaterThan(seen.size * 2);
    expect(wrong).toEqual([]);
  });
});
