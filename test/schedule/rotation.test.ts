import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../../src/schedule/build.js';
import { group, groupYaml } from '../helpers/group.js';
import { parseGroup } from '../../src/config/parse.js';
import { addDays } from '../../src/schedule/dates.js';
import { hasWeek53, isoWeek } from '../../src/schedule/rotation.js';
import { PYTHON_ICAL_SKIP_NOTE, pythonWithIcal, ruleDatesWithPython } from '../helpers/python.js';

const slots = (yaml: string, from: string, to: string) =>
  buildSchedule(group(yaml), { from, to }).map((o) => `${o.ruleDate} ${o.status === 'skipped' ? 'skip' : o.start.toFormat('HH:mm')}`);

describe('rotation', () => {
  const weekly = (rotation: string, meetings?: string) =>
    groupYaml({
      series: `  - from: 2027-01-05\n    rule: FREQ=WEEKLY;BYDAY=TU\n    slots: ["09:00", "11:00"]\n    rotation: ${rotation}`,
      meetings,
    });

  it('by meeting, on-skip keep (default): the skipped turn goes to the next meeting held', () => {
    expect(slots(weekly('{ mode: meeting }', '  2027-01-12: { skip: F2F week }'), '2027-01-05', '2027-02-02')).toEqual([
      '2027-01-05 09:00',
      '2027-01-12 skip',
      '2027-01-19 11:00',
      '2027-01-26 09:00',
      '2027-02-02 11:00',
    ]);
  });

  it('by meeting, on-skip advance: the skipped meeting uses up its turn', () => {
    expect(slots(weekly('{ mode: meeting, on-skip: advance }', '  2027-01-12: { skip: F2F week }'), '2027-01-05', '2027-02-02')).toEqual([
      '2027-01-05 09:00',
      '2027-01-12 skip',
      '2027-01-19 09:00',
      '2027-01-26 11:00',
      '2027-02-02 09:00',
    ]);
  });

  it('by calendar month: every meeting of a month shares its slot, counted from the anchor month', () => {
    expect(slots(weekly('{ mode: month, anchor: 2027-02-01 }'), '2027-01-19', '2027-02-09')).toEqual([
      '2027-01-19 11:00',
      '2027-01-26 11:00',
      '2027-02-02 09:00',
      '2027-02-09 09:00',
    ]);
  });

  it('by week from an anchor alternates across a year with 53 ISO weeks (2026), unlike ISO-week parity', () => {
    // 2026-12-29 is in ISO week 53 and 2027-01-05 in ISO week 1: both odd, so ISO parity would repeat a slot.
    const yaml = groupYaml({
      series: '  - from: 2026-12-01\n    rule: FREQ=WEEKLY;BYDAY=TU\n    slots: ["09:00", "11:00"]\n    rotation: { mode: week, anchor: 2026-12-01 }',
    });
    expect(slots(yaml, '2026-12-15', '2027-01-12')).toEqual([
      '2026-12-15 09:00',
      '2026-12-22 11:00',
      '2026-12-29 09:00',
      '2027-01-05 11:00',
      '2027-01-12 09:00',
    ]);
  });

  it("by week: the anchor's week gets the first slot, weeks before it count backwards", () => {
    const yaml = groupYaml({
      series: '  - from: 2027-01-05\n    rule: FREQ=WEEKLY;BYDAY=TU,TH\n    slots: ["09:00", "11:00"]\n    rotation: { mode: week, anchor: 2027-01-12 }',
    });
    expect(slots(yaml, '2027-01-01', '2027-01-21')).toEqual([
      '2027-01-05 11:00',
      '2027-01-07 11:00',
      '2027-01-12 09:00',
      '2027-01-14 09:00',
      '2027-01-19 11:00',
      '2027-01-21 11:00',
    ]);
  });

  it('three slots go round in order, and a window shows the same slots whatever its start', () => {
    const yaml = groupYaml({ series: '  - from: 2027-01-01\n    rule: FREQ=MONTHLY;BYDAY=1MO\n    slots: ["08:00", "12:00", "16:00"]' });
    const year = slots(yaml, '2027-01-01', '2027-12-31');
    expect(year.slice(0, 4)).toEqual(['2027-01-04 08:00', '2027-02-01 12:00', '2027-03-01 16:00', '2027-04-05 08:00']);
    expect(slots(yaml, '2027-06-01', '2027-08-31')).toEqual(year.slice(5, 8));
  });
});

describe('moves, one-offs and per-meeting details', () => {
  const yaml = groupYaml({
    extra: 'link: https://meet.example.org/g',
    series: '  - from: 2020-01-01\n    rule: FREQ=MONTHLY;BYDAY=3TU\n    slots: ["11:00", "09:00"]',
    meetings: [
      '  2020-02-18: { move: 2020-02-19T10:00 }',
      '  2020-03-05: { add: "08:00", note: extra call on the CP ballot }',
      '  2020-04-21: { move: "2020-04-22T15:00 UTC", note: moved for the ballot }',
      '  2020-05-19: { link: "https://meet.example.org/special", title: "Joint call with WG-6" }',
    ].join('\n'),
  });

  it('gives moved, added and detailed meetings, keeping the rotation', () => {
    const occ = buildSchedule(group(yaml), { from: '2020-01-01', to: '2020-05-31' });
    expect(
      occ.map((o) => [o.start.toISO({ suppressMilliseconds: true }), o.status, o.slot, o.note ?? null, o.originalStart?.toFormat('yyyy-MM-dd HH:mm') ?? null]),
    ).toEqual([
      ['2020-01-21T11:00:00.000-05:00'.replace('.000', ''), 'scheduled', 0, null, null],
      // Moved to the next day: the note names the weekday and the time it had.
      ['2020-02-19T10:00:00-05:00', 'moved', 1, 'moved from Tuesday 09:00', '2020-02-18 09:00'],
      ['2020-03-05T08:00:00-05:00', 'added', null, 'extra call on the CP ballot', null],
      ['2020-03-17T11:00:00-04:00', 'scheduled', 0, null, null],
      ['2020-04-22T11:00:00-04:00', 'moved', 1, 'moved for the ballot', '2020-04-21 09:00'],
      ['2020-05-19T11:00:00-04:00', 'scheduled', 0, null, null],
    ]);
    expect(occ[5]).toMatchObject({ link: 'https://meet.example.org/special', title: 'Joint call with WG-6' });
    expect(occ[0]!.link).toBe('https://meet.example.org/g');
  });

  it('a meeting moved out of the window leaves it, one moved into the window enters it', () => {
    const occ = buildSchedule(group(yaml), { from: '2020-02-19', to: '2020-02-29' });
    expect(occ.map((o) => o.status)).toEqual(['moved']);
    expect(buildSchedule(group(yaml), { from: '2020-02-01', to: '2020-02-18' })).toEqual([]);
  });
});

describe.skipIf(!pythonWithIcal)(`ISO week parity (rotation mode iso-week), checked against Python's isocalendar()${PYTHON_ICAL_SKIP_NOTE}`, () => {
  it('isoWeek and the 53-week years agree with Python from 2003 to 2033', () => {
    const days = Array.from({ length: 31 * 366 }, (_, i) => addDays('2003-01-01', i)).filter((d) => d <= '2033-12-31');
    // Weeks 1 and 2 of each year hold every date whose week number is odd/even: the predicates
    // list, per parity, the dates Python puts there.
    const [odd, w53] = ruleDatesWithPython([
      { predicate: 'iso_week(d)%2==1', from: '2003-01-01', to: '2033-12-31' },
      { predicate: 'iso_week(d)==53 and d.month==12 and d.day==28', from: '2003-01-01', to: '2033-12-31' },
    ]);
    const oddSet = new Set(odd);
    expect(days.filter((d) => isoWeek(d)[1] % 2 === 1)).toEqual(days.filter((d) => oddSet.has(d)));
    const years = Array.from({ length: 31 }, (_, i) => 2003 + i);
    expect(years.filter(hasWeek53)).toEqual(w53!.map((d) => Number(d.slice(0, 4))));
    expect(years.filter(hasWeek53)).toEqual([2004, 2009, 2015, 2020, 2026, 2032]);
  });

  it('two slots: odd ISO weeks the first, even weeks the second, across 2026-W53 (two odd weeks in a row)', () => {
    const yaml = groupYaml({
      series:
        '  - from: 2026-10-01\n    until: 2027-03-31\n    rule: every Tuesday and Thursday\n    slots: ["09:00", "17:00"]\n    rotation: { mode: iso-week }',
    });
    const { group: g, problems } = parseGroup(yaml, 'iso.yaml');
    expect(problems.map((p) => `${p.severity} ${p.field}: ${p.message}`)).toEqual([
      'warning series[0].rotation: ISO week parity: 2026 has 53 ISO weeks, so week 53 and the next year\'s week 1 are both odd and both get slot 1 ("09:00"), two weeks in a row; rotation: { mode: week } alternates 7-day blocks without a break',
    ]);
    const occ = buildSchedule(g!, { from: '2026-10-01', to: '2027-03-31' });
    const [oddDates, evenDates] = ruleDatesWithPython([
      { predicate: "wd(d,'TU','TH') and iso_week(d)%2==1", from: '2026-10-01', to: '2027-03-31' },
      { predicate: "wd(d,'TU','TH') and iso_week(d)%2==0", from: '2026-10-01', to: '2027-03-31' },
    ]);
    expect(occ.filter((o) => o.slot === 0).map((o) => o.date)).toEqual(oddDates);
    expect(occ.filter((o) => o.slot === 1).map((o) => o.date)).toEqual(evenDates);
    // 2026-12-29 (week 53) and 2027-01-05 (week 1): the first slot both times.
    expect(slots(yaml, '2026-12-22', '2027-01-12')).toEqual([
      '2026-12-22 17:00',
      '2026-12-24 17:00',
      '2026-12-29 09:00',
      '2026-12-31 09:00',
      '2027-01-05 09:00',
      '2027-01-07 09:00',
      '2027-01-12 17:00',
    ]);
  });

  it('a series that crosses no 53-week year gets no warning', () => {
    const yaml = groupYaml({
      series: '  - from: 2027-01-04\n    until: 2027-12-20\n    rule: every Monday\n    slots: ["09:00", "17:00"]\n    rotation: { mode: iso-week }',
    });
    expect(parseGroup(yaml, 'iso.yaml').problems).toEqual([]);
  });
});
