import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../../src/schedule/build.js';
import { group, groupYaml } from '../helpers/group.js';

const iso = (o: { start: { toISO(o: object): string | null } }) => o.start.toISO({ suppressMilliseconds: true });
const utc = (o: { start: { toUTC(): { toISO(o: object): string | null } } }) => o.start.toUTC().toISO({ suppressMilliseconds: true });

// Expected instants below were read from the IANA database with Python's zoneinfo, not from luxon.
describe('wall times across DST changes', () => {
  it.each([
    // zone, rule, slot, window, expected starts (local, with offset)
    ['America/New_York', 'FREQ=WEEKLY;BYDAY=TU', '09:00', '2027-03-09', '2027-03-16', ['2027-03-09T09:00:00-05:00', '2027-03-16T09:00:00-04:00']],
    ['America/New_York', 'FREQ=WEEKLY;BYDAY=TU', '09:00', '2027-11-02', '2027-11-09', ['2027-11-02T09:00:00-04:00', '2027-11-09T09:00:00-05:00']],
    ['Australia/Sydney', 'FREQ=WEEKLY;BYDAY=TU', '10:00', '2027-03-30', '2027-04-06', ['2027-03-30T10:00:00+11:00', '2027-04-06T10:00:00+10:00']],
    ['Australia/Sydney', 'FREQ=WEEKLY;BYDAY=TU', '10:00', '2027-09-28', '2027-10-05', ['2027-09-28T10:00:00+10:00', '2027-10-05T10:00:00+11:00']],
    ['Asia/Kolkata', 'FREQ=MONTHLY;BYDAY=3TU', '09:00', '2027-03-01', '2027-03-31', ['2027-03-16T09:00:00+05:30']],
    ['Asia/Kathmandu', 'FREQ=MONTHLY;BYDAY=3TU', '09:00', '2027-03-01', '2027-03-31', ['2027-03-16T09:00:00+05:45']],
    ['Australia/Adelaide', 'FREQ=WEEKLY;BYDAY=TU', '09:00', '2027-01-12', '2027-01-12', ['2027-01-12T09:00:00+10:30']],
    ['Australia/Lord_Howe', 'FREQ=WEEKLY;BYDAY=TU', '09:00', '2027-01-12', '2027-01-12', ['2027-01-12T09:00:00+11:00']],
  ])('%s %s at %s from %s to %s', (timezone, rule, slot, from, to, expected) => {
    const g = group(groupYaml({ timezone, series: `  - from: 2027-01-01\n    rule: ${rule}\n    slots: ["${slot}"]` }));
    const occ = buildSchedule(g, { from, to });
    expect(occ.map(iso)).toEqual(expected);
    expect(occ.every((o) => o.warnings.length === 0)).toBe(true);
  });

  it('the US-Eastern slot moves for Europe in the weeks the US has switched and Europe has not', () => {
    const g = group(groupYaml({ series: '  - from: 2027-01-01\n    rule: FREQ=WEEKLY;BYDAY=TU\n    slots: ["09:00"]' }));
    const paris = buildSchedule(g, { from: '2027-03-09', to: '2027-03-30' }).map((o) => o.start.setZone('Europe/Paris').toFormat('yyyy-MM-dd HH:mm'));
    expect(paris).toEqual(['2027-03-09 15:00', '2027-03-16 14:00', '2027-03-23 14:00', '2027-03-30 15:00']);
  });
});

describe('DST gaps and overlaps', () => {
  const sunday = (slot: string, extra = '', timezone = 'America/New_York', from = '2027-03-14') =>
    group(groupYaml({ timezone, extra, series: `  - from: ${from}\n    rule: FREQ=WEEKLY;BYDAY=SU\n    slots: ["${slot}"]` }));

  it('a 02:30 slot on the spring-forward Sunday is held at 03:30 (RFC 5545) and reported', () => {
    const [o] = buildSchedule(sunday('02:30'), { from: '2027-03-14', to: '2027-03-14' });
    expect(iso(o!)).toBe('2027-03-14T03:30:00-04:00');
    expect(utc(o!)).toBe('2027-03-14T07:30:00Z');
    expect(o!.status).toBe('scheduled');
    expect(o!.warnings).toEqual(['02:30 does not exist in America/New_York on 2027-03-14 (clocks go forward): held at 03:30 UTC-4']);
  });

  it('with dst.gap "skip" the meeting is skipped, with the reason', () => {
    const occ = buildSchedule(sunday('02:30', 'dst: { gap: skip }'), { from: '2027-03-14', to: '2027-03-21' });
    expect(occ.map((o) => [o.ruleDate, o.status])).toEqual([
      ['2027-03-14', 'skipped'],
      ['2027-03-21', 'scheduled'],
    ]);
    expect(occ[0]!.note).toBe('02:30 does not exist in America/New_York on 2027-03-14 (clocks go forward): meeting skipped');
  });

  it('a 01:30 slot on the fall-back Sunday takes the earlier instant by default, the later one on request', () => {
    const [early] = buildSchedule(sunday('01:30', '', 'America/New_York', '2027-11-07'), { from: '2027-11-07', to: '2027-11-07' });
    expect(iso(early!)).toBe('2027-11-07T01:30:00-04:00');
    expect(early!.warnings).toEqual(['01:30 occurs twice in America/New_York on 2027-11-07 (clocks go back): held at the earlier one, 01:30 UTC-4']);
    const [late] = buildSchedule(sunday('01:30', 'dst: { overlap: later }', 'America/New_York', '2027-11-07'), { from: '2027-11-07', to: '2027-11-07' });
    expect(iso(late!)).toBe('2027-11-07T01:30:00-05:00');
  });

  it('southern hemisphere: Sydney springs forward on 3 Oct 2027 and falls back on 4 Apr 2027', () => {
    const [gap] = buildSchedule(sunday('02:30', '', 'Australia/Sydney', '2027-10-03'), { from: '2027-10-03', to: '2027-10-03' });
    expect(iso(gap!)).toBe('2027-10-03T03:30:00+11:00');
    expect(gap!.warnings[0]).toContain('does not exist in Australia/Sydney');
    const [overlap] = buildSchedule(sunday('02:30', '', 'Australia/Sydney', '2027-04-04'), { from: '2027-04-04', to: '2027-04-04' });
    expect(iso(overlap!)).toBe('2027-04-04T02:30:00+11:00');
    expect(overlap!.warnings[0]).toContain('occurs twice in Australia/Sydney');
  });

  it('a slot kept in UTC stays at the same instant while the group zone shifts', () => {
    const g = group(groupYaml({ series: '  - from: 2027-03-09\n    rule: FREQ=WEEKLY;BYDAY=TU\n    slots: ["14:00 UTC", "09:00 America/Los_Angeles"]' }));
    const occ = buildSchedule(g, { from: '2027-03-09', to: '2027-03-30' });
    expect(occ.map((o) => [utc(o), o.slotZone])).toEqual([
      ['2027-03-09T14:00:00Z', 'UTC'],
      ['2027-03-16T16:00:00Z', 'America/Los_Angeles'],
      ['2027-03-23T14:00:00Z', 'UTC'],
      ['2027-03-30T16:00:00Z', 'America/Los_Angeles'],
    ]);
    // Start is always expressed in the group zone.
    expect(iso(occ[0]!)).toBe('2027-03-09T09:00:00-05:00');
  });
});

describe('calendar edge cases', () => {
  it('a 5th-Tuesday rule meets only in months that have one', () => {
    const g = group(groupYaml({ series: '  - from: 2027-01-01\n    rule: FREQ=MONTHLY;BYDAY=5TU\n    slots: ["10:00"]' }));
    expect(buildSchedule(g, { from: '2027-01-01', to: '2027-12-31' }).map((o) => o.ruleDate)).toEqual(['2027-03-30', '2027-06-29', '2027-08-31', '2027-11-30']);
  });

  it('a leap day: the last day of February, and the 29th only in leap years', () => {
    const last = group(groupYaml({ series: '  - from: 2027-01-01\n    rule: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1\n    slots: ["10:00"]' }));
    expect(buildSchedule(last, { from: '2027-01-01', to: '2029-12-31' }).map((o) => o.ruleDate)).toEqual(['2027-02-28', '2028-02-29', '2029-02-28']);
    const d29 = group(groupYaml({ series: '  - from: 2027-01-01\n    rule: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29\n    slots: ["10:00"]' }));
    expect(buildSchedule(d29, { from: '2027-01-01', to: '2032-12-31' }).map((o) => o.ruleDate)).toEqual(['2028-02-29', '2032-02-29']);
  });
});

describe('zones east of UTC+12', () => {
  const sunday = (slot: string, timezone: string, from: string) =>
    group(groupYaml({ timezone, series: `  - from: ${from}\n    rule: FREQ=WEEKLY;BYDAY=SU\n    slots: ["${slot}"]` }));

  it.each([
    // Auckland falls back at 03:00 NZDT on 6 Apr 2025 (02:00-02:59 twice) and springs forward at 02:00 NZST on 28 Sep 2025.
    ['Pacific/Auckland', '02:00', '2025-04-06', '2025-04-06T02:00:00+13:00', 'occurs twice'],
    ['Pacific/Auckland', '02:00', '2025-09-28', '2025-09-28T03:00:00+13:00', 'does not exist'],
    // Chatham is 45 minutes ahead of Auckland: its transitions are at 02:45 local.
    ['Pacific/Chatham', '02:45', '2025-09-28', '2025-09-28T03:45:00+13:45', 'does not exist'],
  ])('%s %s on %s', (zone, slot, date, expected, warning) => {
    const [o] = buildSchedule(sunday(slot, zone, date), { from: date, to: date });
    expect(iso(o!)).toBe(expected);
    expect(o!.warnings[0]).toContain(warning);
  });
});
