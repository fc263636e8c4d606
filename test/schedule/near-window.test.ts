/*
 * Expanding near the window (issue 14): expandDates starts from the rule's period that holds the
 * window, and countDates counts whole periods; both must agree with rrule walking every date
 * from DTSTART, for every rule form (defaults taken from DTSTART, intervals, WKST, ordinals,
 * BYSETPOS, BYMONTH, the 5th weekday, the 31st, leap days).
 */
import fc from 'fast-check';
import rrulePkg from 'rrule';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/schedule/dates.js';
import type { Occurrence } from '../../src/schedule/types.js';
import { group, groupYaml } from '../helpers/group.js';
import { buildSchedule } from '../../src/schedule/build.js';
import { countDates, expandDates, firstDateIn, parseRule } from '../../src/schedule/recurrence.js';

const { RRule } = rrulePkg;

/** rrule from DTSTART, every date: what expandDates gave before. */
function reference(rule: string, dtstart: string, from: string, to: string): string[] {
  const d = (s: string) => new Date(`${s}T00:00:00Z`);
  const rr = new RRule({ ...RRule.parseString(rule), dtstart: d(dtstart) });
  return rr.between(d(from), d(to), true).map((x) => x.toISOString().slice(0, 10));
}

const RULES = [
  'FREQ=WEEKLY',
  'FREQ=WEEKLY;BYDAY=WE',
  'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
  'FREQ=WEEKLY;INTERVAL=4;BYDAY=TU,TH',
  'FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SU,SA',
  'FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,WE,FR;BYSETPOS=-1',
  'FREQ=WEEKLY;BYDAY=FR;BYMONTH=1,7',
  'FREQ=MONTHLY',
  'FREQ=MONTHLY;BYDAY=3TU',
  'FREQ=MONTHLY;BYDAY=-1FR',
  'FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO,3MO',
  'FREQ=MONTHLY;BYDAY=5TH',
  'FREQ=MONTHLY;BYMONTHDAY=31',
  'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1,15',
  'FREQ=MONTHLY;BYMONTHDAY=-1',
  'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
  'FREQ=MONTHLY;BYDAY=1TU,-1TU',
  'FREQ=YEARLY',
  'FREQ=YEARLY;INTERVAL=2',
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
  'FREQ=YEARLY;BYWEEKNO=1,53;BYDAY=MO',
  // ISO-week rules as tcon import yaml2ical writes them (expanded without rrule): odd and even
  // weeks, every fourth, week 53 alone, weekdays of week 1 that fall in December.
  'FREQ=YEARLY;BYWEEKNO=1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31,33,35,37,39,41,43,45,47,49,51,53;BYDAY=TU',
  'FREQ=YEARLY;BYWEEKNO=2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32,34,36,38,40,42,44,46,48,50,52;BYDAY=MO,TH',
  'FREQ=YEARLY;BYWEEKNO=4,8,12,16,20,24,28,32,36,40,44,48,52;BYDAY=FR',
  'FREQ=YEARLY;BYWEEKNO=53;BYDAY=SU',
  'FREQ=YEARLY;BYWEEKNO=1,52;BYDAY=MO,TU,WE,TH,FR,SA,SU',
  'FREQ=YEARLY;WKST=SU;BYWEEKNO=1,2;BYDAY=SA',
  'FREQ=YEARLY;BYMONTH=3,9;BYDAY=2WE',
  'FREQ=DAILY',
  'FREQ=DAILY;INTERVAL=10',
  'FREQ=DAILY;INTERVAL=3;BYDAY=SA,SU',
  'FREQ=DAILY;INTERVAL=7',
  'FREQ=WEEKLY;WKST=WE;INTERVAL=3;BYDAY=TU,SU',
  'FREQ=WEEKLY;BYDAY=MO,MO,FR',
  'FREQ=MONTHLY;BYMONTHDAY=-28,-1',
  'FREQ=MONTHLY;BYMONTHDAY=1,28,15',
  'FREQ=MONTHLY;INTERVAL=5;BYDAY=-4SA,-1SU',
  'FREQ=MONTHLY;BYDAY=4WE,2WE',
];

const date = fc.integer({ min: 0, max: 365 * 60 }).map((n) => addDays('1990-01-01', n));

describe('expandDates and countDates near the window', () => {
  it('every rule form: the same dates in any window, and the same count before any date, as rrule from DTSTART', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RULES),
        date,
        fc.integer({ min: -400, max: 365 * 30 }),
        fc.integer({ min: 0, max: 800 }),
        (text, dtstart, offset, span) => {
          const parsed = parseRule(text);
          if (!parsed.ok) throw new Error(text);
          const from = addDays(dtstart, offset);
          const to = addDays(from, span);
          const want = reference(parsed.rule, dtstart, from, to);
          expect(expandDates(parsed.rule, dtstart, from, to)).toEqual(want);
          expect(firstDateIn(parsed.rule, dtstart, from, to)).toBe(want[0]);
          expect(countDates(parsed.rule, dtstart, from)).toBe(from <= dtstart ? 0 : reference(parsed.rule, dtstart, dtstart, addDays(from, -1)).length);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("ISO-week rules (expanded without rrule) give rrule's dates in every year 1990-2060, across every year boundary", () => {
    const sets = [
      Array.from({ length: 27 }, (_, i) => 2 * i + 1),
      Array.from({ length: 26 }, (_, i) => 2 * i + 2),
      Array.from({ length: 13 }, (_, i) => 4 * i + 1),
      Array.from({ length: 13 }, (_, i) => 4 * i + 4),
      [53],
      [1, 52, 53],
    ];
    for (const weeks of sets) {
      for (const day of ['MO', 'TU', 'WE', 'TH', 'FR', 'MO,FR']) {
        const rule = (parseRule(`FREQ=YEARLY;BYWEEKNO=${weeks.join(',')};BYDAY=${day}`) as { rule: string }).rule;
        for (let y = 1990; y <= 2060; y += 1) {
          const from = `${y}-12-01`;
          const to = `${y + 1}-01-31`;
          expect(expandDates(rule, '1989-06-01', from, to), `${rule} ${from}`).toEqual(reference(rule, '1989-06-01', from, to));
        }
        expect(expandDates(rule, '1989-06-01', '1990-01-01', '2060-12-31')).toEqual(reference(rule, '1989-06-01', '1990-01-01', '2060-12-31'));
      }
    }
  });

  it("a Saturday or Sunday rule of ISO weeks keeps rrule's reckoning (python-dateutil's: 1994-01-01 in week 53 of 1993)", () => {
    const rule = (parseRule('FREQ=YEARLY;BYWEEKNO=53;BYDAY=SA') as { rule: string }).rule;
    // 1993 had 52 ISO weeks (1994-01-01 is in ISO week 52 of 1993), but rrule, as dateutil, puts the
    // first days of 1994 in a week 53; tcon's dates are rrule's, and such rules still go through it.
    expect(expandDates(rule, '1990-01-01', '1993-12-01', '1994-01-31')).toEqual(reference(rule, '1990-01-01', '1993-12-01', '1994-01-31'));
    expect(reference(rule, '1990-01-01', '1993-12-01', '1994-01-31')).toEqual(['1994-01-01']);
  });

  it('a 2-weekly series begun in 2013 gives its 2027 dates (the weeks counted from 2013)', () => {
    const rule = (parseRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO') as { rule: string }).rule;
    const got = expandDates(rule, '2013-05-01', '2027-01-01', '2027-02-28');
    expect(got).toEqual(reference(rule, '2013-05-01', '2027-01-01', '2027-02-28'));
    expect(got.length).toBe(4);
    expect(countDates(rule, '2013-05-01', '2027-01-01')).toBe(reference(rule, '2013-05-01', '2013-05-01', '2026-12-31').length);
  });
});

describe('buildSchedule of a series begun long before the window', () => {
  const rotations = [
    '',
    'rotation: { mode: meeting, on-skip: advance }',
    'rotation: { mode: meeting, on-skip: keep }',
    'rotation: { mode: month, anchor: 2013-01-01 }',
    'rotation: { mode: week, anchor: 2013-01-07 }',
    'rotation: { mode: iso-week }',
  ];
  const rules = [
    'FREQ=WEEKLY;BYDAY=WE',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
    'FREQ=MONTHLY;BYDAY=3TU',
    'FREQ=MONTHLY;BYDAY=5FR',
    'FREQ=MONTHLY;BYMONTHDAY=31',
  ];
  const key = (o: Occurrence) => `${o.seriesId} ${o.ruleDate} ${o.date} ${o.slot} ${o.status} ${o.start.toMillis()} ${o.end.toMillis()}`;
  // In Auckland the UTC slot's meetings fall on the day after their rule dates (the meeting's date is not its rule date).
  const zones = [
    ['Europe/Paris', '14:00 UTC'],
    ['Pacific/Auckland', '22:00 UTC +0d'],
  ] as const;
  it.each(rules.flatMap((r) => rotations.flatMap((rot) => zones.map(([zone, slot]) => [r, rot, zone, slot] as const))))(
    '%s %s in %s: the 2027 meetings are those of the 2013-2027 schedule in 2027, slot for slot',
    (rule, rot, zone, utcSlot) => {
      const yaml = (meetings?: string) =>
        groupYaml({
          timezone: zone,
          series: `  - from: 2013-05-06\n    rule: ${rule}\n    slots: ["09:00", "${utcSlot}", "17:00"]${rot ? `\n    ${rot}` : ''}`,
          meetings,
        });
      const schedule = (meetings?: string) => buildSchedule(group(yaml(meetings), 'near.yaml'), { from: '2013-01-01', to: '2027-12-31' });
      const lastBefore = (occ: Occurrence[]) => occ.filter((o) => o.date < '2027-01-01').at(-1)!.date;
      // A skip years before the window, the window's first meeting moved out of it, the last one before it moved in
      // (dates as the skip leaves them: it moves later slots); then a skip of the last meeting before the window
      // alone (a rotation that keeps a skipped turn must see it).
      const plain = schedule();
      const skip = `  ${plain.find((o) => o.date >= '2014-03-01')!.date}: { skip: off }\n`;
      const skipped = schedule(skip);
      const first = skipped.find((o) => o.date >= '2027-01-01')!.date;
      for (const meetings of [
        undefined,
        `${skip}  ${first}: { move: 2026-12-30T06:00 }\n  ${lastBefore(skipped)}: { move: 2027-01-01T06:00 }\n`,
        `  ${lastBefore(plain)}: { skip: off }\n`,
      ]) {
        const g = group(yaml(meetings), 'near.yaml');
        const all = buildSchedule(g, { from: '2013-01-01', to: '2027-12-31' }).filter(
          (o) => (o.status === 'moved' ? o.start.toISODate()! : o.date) >= '2027-01-01',
        );
        const near = buildSchedule(g, { from: '2027-01-01', to: '2027-12-31' });
        expect(near.length).toBeGreaterThan(3);
        expect(near.map(key)).toEqual(all.map(key));
      }
    },
  );
});
