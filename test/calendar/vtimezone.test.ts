// The VTIMEZONEs tcon writes (src/calendar/vtimezone.ts) read by ical.js, a client library that
// computes instants from the embedded VTIMEZONE: for every zone of the bundled database, they
// must place every meeting where `tcon schedule` does, and every instant around each change of
// offset in the span must read back to the same local time.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendarModel, renderPublish } from '../../src/calendar/index.js';
import { vtimezoneBlock } from '../../src/calendar/vtimezone.js';
import { buildSchedule } from '../../src/schedule/build.js';
import { offsetAt } from '../../src/schedule/zoned.js';
import { allZoneNames, transitionsBetween, zoneRules, type ZoneRules } from '../../src/tzdb/index.js';
import { acceptedZoneName } from '../../src/tzdb/names.js';
import { expandIcs } from '../helpers/ical.js';
import { group } from '../helpers/group.js';
import { DateTime } from 'luxon';

const ZONES = allZoneNames().filter(acceptedZoneName);
const NOW = DateTime.fromISO('2025-12-01T00:00:00Z', { zone: 'UTC' });
const WINDOW = { from: '2026-01-01', to: '2030-12-31' };

function weekly(zone: string) {
  return group(`id: vtz\ntitle: VTZ\ntimezone: ${zone}\nseries:\n  - from: 2026-01-01\n    rule: FREQ=WEEKLY;BYDAY=TH\n    slots: ["09:00"]\n`);
}

/** ical.js's reading of a VTIMEZONE block. */
function icalZone(block: string): ICAL.Timezone {
  const cal = new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n${block}\r\nEND:VCALENDAR`));
  return new ICAL.Timezone(cal.getFirstSubcomponent('vtimezone')!);
}

describe('VTIMEZONEs from the bundled tz database, read by ical.js', () => {
  it(`a weekly 09:00 meeting 2026-2030 in every zone of the database (${ZONES.length} names): ical.js expands exactly tcon's instants`, () => {
    // Names that share their data (links) get the same calendar but for the TZID: ical.js reads
    // one of them, the others are compared as text.
    const read = new Map<ZoneRules, { zone: string; text: string }>();
    const wrong: string[] = [];
    for (const zone of ZONES) {
      const g = weekly(zone);
      const schedule = buildSchedule(g, WINDOW);
      const text = renderPublish([buildCalendarModel(g, WINDOW, schedule)], { now: NOW });
      // UTC is written in UTC form (no TZID), so it is read on its own.
      const same = zone === 'UTC' ? undefined : read.get(zoneRules(zone));
      if (same) {
        if (text.replaceAll(`TZID:${zone}`, 'TZID:?').replaceAll(`TZID=${zone}:`, 'TZID=?:') !== same.text.replaceAll(`TZID:${same.zone}`, 'TZID:?').replaceAll(`TZID=${same.zone}:`, 'TZID=?:')) {
          wrong.push(`${zone}: another calendar than ${same.zone}, whose data it shares`);
        }
        continue;
      }
      if (zone !== 'UTC') read.set(zoneRules(zone), { zone, text });
      const expected = schedule.filter((o) => o.status !== 'skipped').map((o) => [o.start.toMillis(), o.end.toMillis()]);
      const got = expandIcs(text, 1000).map((i) => [i.start, i.end]);
      if (expected.length !== 261 || JSON.stringify(got) !== JSON.stringify(expected)) {
        const first = expected.findIndex((e, i) => JSON.stringify(e) !== JSON.stringify(got[i]));
        wrong.push(`${zone}: ${got.length}/${expected.length} instances, first difference at ${new Date(expected[first]?.[0] ?? 0).toISOString()}`);
      }
    }
    expect(read.size).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
  });

  it('every zone: local times just before and just after each change in 2026-2030 read as the instants tcon computes', () => {
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
        const time = new ICAL.Time({ year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes(), second: 0 }, tz);
        const got = time.toUnixTime() * 1000;
        checked++;
        if (got !== ms) wrong.push(`${zone}: ${local.toISOString().slice(0, 16)} local is ${new Date(got).toISOString()} for ical.js, ${new Date(ms).toISOString()} for tzdata`);
      }
    }
    expect(checked).toBeGreaterThan(seen.size * 2);
    expect(wrong).toEqual([]);
  });
});
