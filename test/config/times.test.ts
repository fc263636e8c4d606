import { describe, expect, it } from 'vitest';
import { parseGroup } from '../../src/config/parse.js';
import { parseRegions } from '../../src/config/parse.js';
import { parseSecretariat } from '../../src/config/secretariat.js';
import { formatProblem } from '../../src/config/problems.js';
import { buildSchedule } from '../../src/schedule/build.js';
import { normalizeClock } from '../../src/schedule/dates.js';
import { group, groupYaml } from '../helpers/group.js';

// "8:00" is 08:00, the same everywhere a time is read (the issue: a secretary's "8:00" was refused).

describe('times as people write them', () => {
  it.each([
    ['8:00', '08:00'],
    ['08:00', '08:00'],
    [' 9:30 ', '09:30'],
    ['23:59', '23:59'],
    ['24:00', undefined],
    ['8', undefined],
    ['8:0', undefined],
    ['8:60', undefined],
    ['08:00am', undefined],
  ])('normalizeClock(%j) = %j', (text, expected) => {
    expect(normalizeClock(text)).toBe(expected);
  });

  it('24:00 only as the end of a window', () => {
    expect(normalizeClock('24:00', { allow24: true })).toBe('24:00');
    expect(normalizeClock('24:30', { allow24: true })).toBeUndefined();
  });

  // America/Los_Angeles in 2027: PST (UTC-8) until Sunday 14 March, then PDT (UTC-7), as US law
  // (15 U.S.C. 260a: second Sunday in March) and the tz database say.
  const LA = (series: string, meetings?: string) => group(groupYaml({ timezone: 'America/Los_Angeles', series, meetings }));

  it('slots, one-offs and moves take "8:00"', () => {
    const g = LA(
      '  - from: 2027-01-14\n    rule: every month on the 2nd Thursday\n    slots: ["8:00", "16:00 Europe/London"]',
      '  2027-01-20: { add: "9:15" }\n  2027-02-11: { move: 2027-02-12T7:30 }',
    );
    expect(g.series[0]!.slots.map((s) => `${s.time} ${s.zone}`)).toEqual(['08:00 America/Los_Angeles', '16:00 Europe/London']);
    const occ = buildSchedule(g, { from: '2027-01-01', to: '2027-02-28' });
    expect(occ.map((o) => [o.start.toISO({ suppressMilliseconds: true }), o.status])).toEqual([
      ['2027-01-14T08:00:00-08:00', 'scheduled'],
      ['2027-01-20T09:15:00-08:00', 'added'],
      ['2027-02-12T07:30:00-08:00', 'moved'],
    ]);
  });

  it('rating windows and half days take "8:00" too', () => {
    const r = parseRegions('defaults: { good: "8:00-18:00", fair: "7:00-23:00" }\nregions:\n  x: { label: X, zone: UTC }\n', 'regions.yaml');
    expect(r.problems).toEqual([]);
    expect(r.regions!.defaults.good).toEqual({ from: 480, to: 1080 });
    const s = parseSecretariat('holidays:\n  corrections:\n    - { country: DE, date: "12-24", add: Christmas Eve, start: "9:00" }\n', 'tcon.yaml');
    expect(s.problems).toEqual([]);
    expect(s.settings!.holidays.corrections[0]!.start).toBe('09:00');
  });

  it('a slot "8:00" may name its zone and day offset; session hours take "8:00" too', () => {
    // "0:00 UTC +1d" in a Los Angeles group: the meeting of Wednesday 2027-03-17 is held at 00:00
    // UTC on Thursday the 18th, 17:00 PDT on the Wednesday (PDT, UTC-7, from 14 March 2027).
    const g = LA('  - from: 2027-03-03\n    rule: every Wednesday\n    slots: ["0:00 UTC +1d"]');
    expect(g.series[0]!.slots.map((x) => [x.time, x.zone, x.days])).toEqual([['00:00', 'UTC', 1]]);
    const occ = buildSchedule(g, { from: '2027-03-17', to: '2027-03-17' });
    expect(occ.map((o) => [o.date, o.start.toUTC().toISO({ suppressMilliseconds: true })])).toEqual([['2027-03-17', '2027-03-18T00:00:00Z']]);
    const s = group(
      groupYaml({
        timezone: 'Europe/Paris',
        series: '  - id: plenary\n    sessions:\n      - { from: 2027-03-08, to: 2027-03-09, hours: "8:00-17:00", zone: Asia/Tokyo }',
      }),
    );
    expect(s.series[0]!.slots[0]!.time).toBe('08:00');
    expect(s.series[0]!.duration).toBe(540);
  });

  it('a time that is no time of day still says what to write', () => {
    const { problems } = parseGroup(groupYaml({ series: '  - from: 2027-01-01\n    rule: FREQ=MONTHLY;BYDAY=3TU\n    slots: ["25:00"]' }), 'g.yaml');
    expect(problems.map(formatProblem)).toEqual(['g.yaml:8:13 series[0].slots[0]: slot time "25:00" is not a time of day (expected HH:mm, 00:00-23:59)']);
  });
});

describe('a move may give a date alone or a time alone', () => {
  const series = '  - from: 2027-01-14\n    rule: every month on the 2nd Thursday\n    slots: ["08:00", "16:00"]';
  const LA = (meetings: string) => group(groupYaml({ timezone: 'America/Los_Angeles', series, meetings }));

  it('a date alone keeps the time the rotation gives the meeting', () => {
    // 11 March is the third meeting: slot 1 (08:00) again; 11 February the second (16:00).
    const occ = buildSchedule(LA('  2027-02-11: { move: 2027-02-10 }\n  2027-03-11: { move: 2027-03-10 }'), { from: '2027-02-01', to: '2027-03-31' });
    expect(occ.map((o) => [o.start.toISO({ suppressMilliseconds: true }), o.ruleDate, o.note])).toEqual([
      ['2027-02-10T16:00:00-08:00', '2027-02-11', 'moved from Thursday'],
      ['2027-03-10T08:00:00-08:00', '2027-03-11', 'moved from Thursday'],
    ]);
  });

  it('a date alone keeps a slot pinned to another zone in that zone', () => {
    const g = group(
      groupYaml({
        timezone: 'America/Los_Angeles',
        series: '  - from: 2027-03-01\n    rule: FREQ=WEEKLY;BYDAY=TH\n    slots: ["16:00 UTC"]',
        meetings: '  2027-03-18: { move: 2027-03-17 }',
      }),
    );
    const occ = buildSchedule(g, { from: '2027-03-17', to: '2027-03-17' });
    expect(occ.map((o) => o.start.toUTC().toISO({ suppressMilliseconds: true }))).toEqual(['2027-03-17T16:00:00Z']);
  });

  it("a date alone with a slot day offset: held that day in the group's zone, at the slot's time", () => {
    // "00:00 UTC +1d": the Wednesday meeting of 2027-03-17 is held at 00:00 UTC on the 18th (17:00
    // PDT on the 17th). Moved to Friday the 19th, it is held Friday in Los Angeles, at 00:00 UTC on
    // the 20th.
    const g = group(
      groupYaml({
        timezone: 'America/Los_Angeles',
        series: '  - from: 2027-03-03\n    rule: every Wednesday\n    slots: ["00:00 UTC +1d"]',
        meetings: '  2027-03-17: { move: 2027-03-19 }',
      }),
    );
    const occ = buildSchedule(g, { from: '2027-03-15', to: '2027-03-21' });
    expect(occ.map((o) => [o.date, o.status, o.start.toUTC().toISO({ suppressMilliseconds: true }), o.start.toISODate(), o.note])).toEqual([
      ['2027-03-17', 'moved', '2027-03-20T00:00:00Z', '2027-03-19', 'moved from Wednesday'],
    ]);
  });

  it("a date alone across a change of offset stays on that day in the group's zone", () => {
    // London: GMT until Sunday 28 March 2027, then BST (UTC+1; the Summer Time Order 2002: the last
    // Sunday in March). "23:30 UTC" is 23:30 on a Monday in March, but 00:30 on the Tuesday in
    // BST: moved to Monday 29 March, the meeting is held 23:30 UTC on the Sunday, 00:30 BST on
    // that Monday, not on the Tuesday.
    const g = group(
      groupYaml({
        timezone: 'Europe/London',
        series: '  - from: 2027-03-01\n    until: 2027-03-22\n    rule: every Monday\n    slots: ["23:30 UTC"]',
        meetings: '  2027-03-22: { move: 2027-03-29 }',
      }),
    );
    const occ = buildSchedule(g, { from: '2027-03-22', to: '2027-03-31' });
    expect(occ.map((o) => [o.date, o.status, o.start.toUTC().toISO({ suppressMilliseconds: true }), o.start.toISODate()])).toEqual([
      ['2027-03-22', 'moved', '2027-03-28T23:30:00Z', '2027-03-29'],
    ]);
  });

  it('a time alone is the same day', () => {
    const occ = buildSchedule(LA('  2027-04-08: { move: "9:30" }'), { from: '2027-04-01', to: '2027-04-30' });
    expect(occ.map((o) => [o.start.toISO({ suppressMilliseconds: true }), o.status, o.note])).toEqual([
      ['2027-04-08T09:30:00-07:00', 'moved', 'moved from 16:00'],
    ]);
  });

  it('"DATE TIME", with a zone, as well as DATETIME', () => {
    const occ = buildSchedule(LA('  2027-05-13: { move: "2027-05-12 17:00 UTC" }'), { from: '2027-05-01', to: '2027-05-31' });
    expect(occ.map((o) => o.start.toUTC().toISO({ suppressMilliseconds: true }))).toEqual(['2027-05-12T17:00:00Z']);
  });

  it('anything else says every form it takes', () => {
    const { problems } = parseGroup(groupYaml({ timezone: 'America/Los_Angeles', series, meetings: '  2027-05-13: { move: next week }' }), 'g.yaml');
    expect(problems.map((p) => p.message)).toEqual([
      '"next week" is not a date and time (expected YYYY-MM-DDTHH:mm, a date YYYY-MM-DD (the slot\'s time is kept) or a time HH:mm (the same day), optionally followed by an IANA zone)',
    ]);
  });
});

describe('a missing "from" says which date to write', () => {
  const noFrom = groupYaml({ timezone: 'America/Los_Angeles', series: '  - rule: every month on the 2nd Thursday\n    slots: ["08:00", "16:00"]' });

  it("the rule's first date on or after today, in the group's zone", () => {
    // 2026-12-11T05:00Z is still Thursday 10 December in Los Angeles: the 2nd Thursday is today.
    const at = (iso: string) => parseGroup(noFrom, 'g.yaml', undefined, { now: Date.parse(iso) }).problems.map((p) => p.message);
    expect(at('2026-12-11T05:00:00Z')).toEqual([
      'this series needs a "from" date: a rotation by meeting counts its turns from it; write from: 2026-12-10 (the rule\'s first date on or after today)',
    ]);
    expect(at('2026-12-11T09:00:00Z')).toEqual([
      'this series needs a "from" date: a rotation by meeting counts its turns from it; write from: 2027-01-14 (the rule\'s first date on or after today)',
    ]);
  });

  it("a later series: the rule's first date after the series before it", () => {
    const text = groupYaml({
      series: '  - until: 2027-03-31\n    rule: FREQ=MONTHLY;BYDAY=3TU\n    slots: ["09:00"]\n  - rule: FREQ=MONTHLY;BYDAY=1WE\n    slots: ["09:00"]',
    });
    expect(parseGroup(text, 'g.yaml').problems.map((p) => p.message)).toEqual([
      'only the first series may leave out "from"; write from: 2027-04-07 (the rule\'s first date after the series before it ends)',
    ]);
  });
});
