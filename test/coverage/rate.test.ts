import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseGroup, parseRegions } from '../../src/config/parse.js';
import { formatProblem } from '../../src/config/problems.js';
import { DEFAULT_REGION_SET, DEFAULT_WINDOWS } from '../../src/config/regions.js';
import { explainRating, localDate, localSpan, localTime, rateLocal, rateSpan } from '../../src/coverage/rate.js';
import { rateMeeting, resolveTargets } from '../../src/coverage/schedule.js';
import { offsetAt } from '../../src/schedule/zoned.js';
import { changedSince } from '../helpers/tzdb-news.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('rating windows (default: good 08-18, fair 07-23, weekdays)', () => {
  // Local spans written as wall times on Tuesday 2027-03-16 (a weekday) or Saturday 2027-03-20.
  it.each([
    ['2027-03-16T08:00', 60, 'good'],
    ['2027-03-16T17:00', 60, 'good'],
    ['2027-03-16T17:30', 60, 'fair'],
    ['2027-03-16T07:00', 60, 'fair'],
    ['2027-03-16T22:00', 60, 'fair'],
    ['2027-03-16T22:30', 60, 'poor'],
    ['2027-03-16T23:00', 60, 'poor'],
    ['2027-03-16T06:30', 60, 'poor'],
    ['2027-03-16T23:30', 60, 'poor'],
    ['2027-03-20T10:00', 60, 'poor'],
  ])('%s for %i min is %s', (wall, minutes, rating) => {
    const start = at(`${wall}Z`);
    expect(rateLocal(start, start + minutes * 60_000, DEFAULT_WINDOWS)).toBe(rating);
  });

  it.each([
    ['2027-03-16T23:30', 'runs past midnight'],
    ['2027-03-16T06:30', 'starts before 07:00'],
    ['2027-03-16T22:30', 'ends after 23:00'],
    ['2027-03-20T10:00', 'Saturday is a weekend day there'],
    ['2027-03-16T09:00', 'within working hours (08:00-18:00)'],
    ['2027-03-16T22:00', 'outside working hours (08:00-18:00) but within 07:00-23:00'],
  ])('explains %s: %s', (wall, reason) => {
    const start = at(`${wall}Z`);
    expect(explainRating(start, start + HOUR, DEFAULT_WINDOWS).reason).toBe(reason);
  });
});

describe('local times of real meetings (expected values written by hand)', () => {
  const [tokyo, la, kolkata, sydney, paris, london] = [
    'Asia/Tokyo',
    'America/Los_Angeles',
    'Asia/Kolkata',
    'Australia/Sydney',
    'Europe/Paris',
    'Europe/London',
  ];
  it.each([
    // The seed group: 9am ET is 23:00 in Tokyo in winter, 22:00 in summer; always 06:00 in LA.
    ['2027-01-19T09:00:00-05:00', tokyo, '2027-01-19', '23:00', 'poor'],
    ['2027-07-20T09:00:00-04:00', tokyo, '2027-07-20', '22:00', 'fair'],
    ['2027-01-19T09:00:00-05:00', la, '2027-01-19', '06:00', 'poor'],
    ['2027-07-20T09:00:00-04:00', la, '2027-07-20', '06:00', 'poor'],
    // 11am ET is past midnight in Tokyo (the next day).
    ['2027-02-16T11:00:00-05:00', tokyo, '2027-02-17', '01:00', 'poor'],
    ['2027-04-20T11:00:00-04:00', tokyo, '2027-04-21', '00:00', 'poor'],
    ['2027-02-16T11:00:00-05:00', la, '2027-02-16', '08:00', 'good'],
    // India, UTC+05:30 all year.
    ['2027-01-19T09:00:00-05:00', kolkata, '2027-01-19', '19:30', 'fair'],
    ['2027-07-20T09:00:00-04:00', kolkata, '2027-07-20', '18:30', 'fair'],
    // Southern hemisphere: Sydney is UTC+11 in January, UTC+10 in July.
    ['2027-01-19T17:00:00-05:00', sydney, '2027-01-20', '09:00', 'good'],
    ['2027-07-20T17:00:00-04:00', sydney, '2027-07-21', '07:00', 'fair'],
    ['2027-01-19T09:00:00-05:00', sydney, '2027-01-20', '01:00', 'poor'],
    // US/EU mismatch weeks of 2027: US on summer time from 14 March, Europe from 28 March.
    ['2027-03-16T09:00:00-04:00', paris, '2027-03-16', '14:00', 'good'],
    ['2027-03-16T09:00:00-04:00', london, '2027-03-16', '13:00', 'good'],
    ['2027-03-30T09:00:00-04:00', paris, '2027-03-30', '15:00', 'good'],
    // Europe back on winter time from 31 October, the US from 7 November.
    ['2027-11-02T09:00:00-04:00', paris, '2027-11-02', '14:00', 'good'],
    ['2027-11-09T09:00:00-05:00', paris, '2027-11-09', '15:00', 'good'],
    // Tuesday evening in the US is Wednesday morning in Asia.
    ['2027-03-16T19:00:00-04:00', tokyo, '2027-03-17', '08:00', 'good'],
    // Friday evening in the US is Saturday morning in Asia: a weekend day.
    ['2027-03-19T20:00:00-04:00', tokyo, '2027-03-20', '09:00', 'poor'],
  ])('%s in %s is %s %s (%s)', (iso, zone, date, time, rating) => {
    const start = at(iso);
    const span = localSpan(start, start + HOUR, zone);
    expect(localDate(span.start)).toBe(date);
    expect(localTime(span.start)).toBe(time);
    expect(rateSpan(start, start + HOUR, zone, DEFAULT_WINDOWS)).toBe(rating);
  });

  it('marks the day shift and the weekday of each region', () => {
    const { targets } = resolveTargets(DEFAULT_REGION_SET, ['japan', 'us-west', 'Europe/Paris']);
    const cells = rateMeeting(at('2027-03-19T20:00:00-04:00'), at('2027-03-19T21:00:00-04:00'), 'America/New_York', targets);
    expect(cells.map((c) => [c.target.id, c.dayShift, c.weekday, c.weekend, c.rating])).toEqual([
      ['japan-korea', 1, 6, true, 'poor'],
      ['us-west', 0, 5, false, 'good'],
      ['Europe/Paris', 1, 6, true, 'poor'],
    ]);
  });

  it('rates by the offset at each end when clocks change during the meeting', () => {
    // New York springs forward at 02:00 on 14 March 2027: 01:30 EST + 1h = 03:30 EDT.
    const start = at('2027-03-14T01:30:00-05:00');
    const span = localSpan(start, start + HOUR, 'America/New_York');
    expect([localTime(span.start), localTime(span.end), span.offset, span.endOffset]).toEqual(['01:30', '03:30', -300, -240]);
  });
});

describe('offsetAt', () => {
  it.each([
    ['Asia/Kolkata', '2027-06-01T00:00:00Z', 330],
    ['Asia/Kathmandu', '2027-06-01T00:00:00Z', 345],
    ['America/St_Johns', '2027-01-10T00:00:00Z', -210],
    ['Australia/Lord_Howe', '2027-01-10T00:00:00Z', 660],
    ['Australia/Lord_Howe', '2027-07-10T00:00:00Z', 630],
    ['UTC', '2027-07-10T00:00:00Z', 0],
    ['Europe/London', '2027-03-28T00:59:59Z', 0],
    ['Europe/London', '2027-03-28T01:00:00Z', 60],
  ])('%s at %s is %i min', (zone, iso, minutes) => {
    expect(offsetAt(zone, at(iso))).toBe(minutes);
  });
});

describe('regions file', () => {
  it('the shipped config/regions.yaml is the built-in region set', () => {
    const text = readFileSync(new URL('../../config/regions.yaml', import.meta.url), 'utf8');
    const { regions, problems } = parseRegions(text, 'config/regions.yaml');
    expect(problems).toEqual([]);
    expect(regions).toEqual(DEFAULT_REGION_SET);
  });

  it('reports every problem with its position', () => {
    const text = [
      'defaults:',
      '  good: "08:00-19:00"',
      '  fair: "07:00-25:00"',
      'regions:',
      '  us-west: { label: US West, zone: America/LosAngeles }',
      '  apac: { label: APAC }',
      '  japan: { zone: Asia/Tokyo, weekend: [sat, sunday, funday] }',
      '  india: { zone: Asia/Kolkata, good: "09:00-20:00", fair: "10:00-22:00" }',
      '  Bad_Id: { zone: UTC }',
      '  uk: { zone: Europe/London, colour: red }',
    ].join('\n');
    const { regions, problems } = parseRegions(text, 'regions.yaml');
    expect(regions).toBeUndefined();
    // An unknown key is reported with every other problem, not instead of them.
    expect(problems.map(formatProblem)).toEqual([
      'regions.yaml:3:9 defaults.fair: "07:00-25:00" is not a window of local time (expected "HH:mm-HH:mm" within 00:00-24:00, start before end, e.g. "08:00-18:00")',
      'regions.yaml:5:36 regions.us-west.zone: unknown time zone "America/LosAngeles": did you mean America/Los_Angeles?',
      'regions.yaml:6:3 regions.apac: region "apac" is new: it needs a "zone" (its representative IANA zone)',
      'regions.yaml:7:53 regions.japan.weekend[2]: "funday" is not a day of the week (expected mon, tue, wed, thu, fri, sat or sun)',
      'regions.yaml:8:38 regions.india.good: the good window 09:00-20:00 must lie within the fair window 10:00-22:00',
      'regions.yaml:9:3 regions.Bad_Id: region id "Bad_Id" must be lowercase letters, digits and dashes (e.g. us-west)',
      'regions.yaml:10:30 regions.uk.colour: unknown key "colour" (known: label, zone, aliases, good, fair, weekend)',
    ]);
    const fixed = parseRegions(text.replace(', colour: red', ''), 'regions.yaml');
    expect(fixed.problems).toEqual(problems.slice(0, -1));
    // A value of the wrong type is reported and left out: the meaning checks of the rest still run.
    const typed = parseRegions(text.replace('colour: red', 'aliases: 3'), 'regions.yaml');
    expect(typed.regions).toBeUndefined();
    expect(typed.problems.map(formatProblem)).toEqual([
      ...problems.slice(0, -1).map(formatProblem),
      'regions.yaml:10:39 regions.uk.aliases: expected a list, found number 3',
    ]);
    // Unknown keys alone: reported, and still no region set.
    const onlyKey = parseRegions('regions:\n  uk: { zone: Europe/London, colour: red }\n', 'regions.yaml');
    expect(onlyKey.regions).toBeUndefined();
    expect(onlyKey.problems.map(formatProblem)).toEqual([
      'regions.yaml:2:30 regions.uk.colour: unknown key "colour" (known: label, zone, aliases, good, fair, weekend)',
    ]);
  });

  it("a group overrides a region, adds one, and checks its members' regions", () => {
    const group = [
      'id: g',
      'title: G',
      'timezone: America/New_York',
      'series: [{ rule: FREQ=MONTHLY;BYDAY=3TU, slots: ["09:00"] }]',
      'regions:',
      '  japan-korea: { good: "09:00-19:00" }',
      '  brazil: { label: Brazil, zone: America/Sao_Paulo }',
      'coverage: { regions: [japan, brazil], weights: { observer: 0 } }',
      'members:',
      '  - { name: Ana Lima, email: ana@example.org, region: brazil }',
      '  - { name: Ken Mori, email: ken@example.org, region: japan, windows: { fair: "06:00-23:30" } }',
      '  - { name: Pat Doe, email: pat@example.org, region: apac }',
    ].join('\n');
    const bad = parseGroup(group, 'g.yaml');
    expect(bad.problems.map(formatProblem)).toEqual([
      'g.yaml:12:54 members[2].region: unknown region "apac" (known: us-west, us-east, europe, uk, india, china-taiwan, japan-korea, australia-east, brazil)',
    ]);
    const { group: g } = parseGroup(group.split('\n').slice(0, -1).join('\n'), 'g.yaml');
    expect(g!.coverage.focus).toEqual(['japan-korea', 'brazil']);
    expect(g!.coverage.weights).toEqual({ chair: 1, voting: 1, alternate: 0.5, observer: 0 });
    const japan = g!.coverage.regions.regions.find((r) => r.id === 'japan-korea')!;
    expect(japan.windows).toEqual({ good: { from: 540, to: 1140 }, fair: { from: 420, to: 1380 }, weekend: [6, 7] });
    expect(g!.members.map((m) => [m.zone, m.region, m.windows.fair])).toEqual([
      ['America/Sao_Paulo', 'brazil', { from: 420, to: 1380 }],
      ['Asia/Tokyo', 'japan-korea', { from: 360, to: 1410 }],
    ]);
  });
});

describe('property: rateSpan agrees with a luxon reading of the local clock', () => {
  // luxon reads zones with Node's ICU data: the zones IANA changed since ICU's release are left out.
  const changed = changedSince(process.versions.tz ?? '') ?? new Set<string>();
  const zones = Intl.supportedValuesOf('timeZone').filter((z) => !changed.has(z));
  // Independent reference: luxon DateTimes in the zone, compared field by field.
  const reference = (start: number, minutes: number, zone: string): string => {
    const s = DateTime.fromMillis(start, { zone });
    const e = DateTime.fromMillis(start + minutes * 60_000, { zone });
    if (s.weekday >= 6) return 'poor';
    const from = s.hour * 60 + s.minute;
    const sameDay = e.toISODate() === s.toISODate();
    const nextMidnight = e.hour === 0 && e.minute === 0 && e.toISODate() === s.plus({ days: 1 }).toISODate();
    if (!sameDay && !nextMidnight) return 'poor';
    const to = sameDay ? e.hour * 60 + e.minute : 1440;
    if (from >= 480 && to <= 1080) return 'good';
    if (from >= 420 && to <= 1380) return 'fair';
    return 'poor';
  };
  it('for random zones, instants (2020-2035, minute precision) and lengths', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: zones.length - 1 }),
        fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2035, 0, 1) / 60_000 }),
        fc.integer({ min: 15, max: 180 }),
        (zi, minute, length) => {
          const zone = zones[zi]!;
          const start = minute * 60_000;
          expect(rateSpan(start, start + length * 60_000, zone, DEFAULT_WINDOWS)).toBe(reference(start, length, zone));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
