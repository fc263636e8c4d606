import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../../src/schedule/build.js';
import { endMs, startMs } from '../../src/schedule/times.js';
import { zoneOf } from '../../src/schedule/zoned.js';
import { group, groupYaml } from '../helpers/group.js';

// Occurrences carry start/end/originalStart as own enumerable accessors over epoch ms (src/schedule/times.ts, issue 14).
describe("a meeting's instants (schedule/times.ts)", () => {
  const g = group(
    groupYaml({
      series: '  - from: 2027-01-01\n    rule: FREQ=WEEKLY;BYDAY=TU\n    slots: ["09:00"]',
      meetings: '  2027-01-12: { move: 2027-01-13T10:00 }',
    }),
  );
  const occ = buildSchedule(g, { from: '2027-01-05', to: '2027-01-19' });

  it('reads as DateTimes in the group zone, the same one each time; startMs/endMs give their instants', () => {
    expect(occ.map((o) => o.status)).toEqual(['scheduled', 'moved', 'scheduled']);
    for (const o of occ) {
      expect(DateTime.isDateTime(o.start)).toBe(true);
      expect(o.start).toBe(o.start);
      expect(o.start.zone).toBe(zoneOf(g.timezone));
      expect(startMs(o)).toBe(o.start.toMillis());
      expect(endMs(o)).toBe(o.end.toMillis());
      expect(o.end.toMillis() - o.start.toMillis()).toBe(60 * 60_000);
    }
    expect(occ[1]!.originalStart!.toISO()).toBe('2027-01-12T09:00:00.000-05:00');
    expect(occ[1]!.start.toISO()).toBe('2027-01-13T10:00:00.000-05:00');
    expect(occ[0]!.originalStart).toBeUndefined();
  });

  it('are own enumerable keys in their usual order: spreads, JSON and deep equality see them', () => {
    const o = occ[1]!;
    expect(Object.keys(o)).toEqual([
      'groupId',
      'title',
      'date',
      'ruleDate',
      'seriesIndex',
      'seriesId',
      'slot',
      'slotLabel',
      'start',
      'end',
      'originalStart',
      'slotZone',
      'status',
      'note',
      'link',
      'warnings',
    ]);
    const copy = { ...o };
    expect(Object.getOwnPropertyDescriptor(copy, 'start')!.value).toBe(o.start);
    expect(copy).toEqual(o);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(o));
  });

  it('a write replaces the instant; a spread copy is read through its own DateTimes', () => {
    const o = { ...occ[0]! };
    const [a] = buildSchedule(g, { from: '2027-01-05', to: '2027-01-05' });
    const later = a!.start.plus({ hours: 2 });
    a!.start = later;
    expect(a!.start).toBe(later);
    expect(startMs(a!)).toBe(later.toMillis());
    const copy = { ...a! };
    copy.end = later.plus({ hours: 1 });
    expect(endMs(copy)).toBe(later.toMillis() + 3_600_000);
    expect(endMs(a!)).toBe(o.end.toMillis());
  });
});
