import { describe, expect, it } from 'vitest';
import type { PlanContext } from '../../src/plan/index.js';
import { planGroups, planSchedule } from '../../src/plan/index.js';
import type { Group } from '../../src/schedule/types.js';
import { context, group } from './fixtures.js';

/*
 * A `shift` never lands on another group's call that shares people or a bridge. US federal
 * holidays of 2027 (5 U.S.C. 6103): Memorial Day Monday 31 May; Independence Day, a Sunday,
 * observed Monday 5 July.
 */

const SUMMER = { from: '2027-05-01', to: '2027-07-31' };

/** A New York group meeting weekly at 11:00 on `days`; `extra` adds keys (organizer, bridge...). */
const weekly = (id: string, days: string, extra = '') =>
  group(`
id: ${id}
title: ${id}
timezone: America/New_York
series:
  - from: 2027-01-01
    rule: FREQ=WEEKLY;BYDAY=${days}
    slots: ["11:00"]
holidays: { policy: shift, shift-days: 1 }
${extra}
`);

const SHARED = 'organizer: { name: Office, email: office@example.org }';
const settings = 'holidays: { countries: [US] }';

function ctx(groups: Group[], yaml = settings): PlanContext {
  return { ...context(yaml), groups };
}

const held = (g: Group, c: PlanContext, date: string) => planSchedule(g, SUMMER, c).occurrences.find((o) => o.ruleDate === date)!;

describe('a shift avoids the calls of groups that share people', () => {
  const a = weekly('wg-a', 'MO', SHARED);
  const b = weekly('wg-b', 'TU', SHARED);

  it('alone, the Memorial Day call moves to Tuesday; beside a group meeting Tuesdays with the same organizer, to Wednesday', () => {
    expect(held(a, context(settings), '2027-05-31').start.toISO()).toBe('2027-06-01T11:00:00.000-04:00');
    const c = ctx([a, b]);
    expect(held(a, c, '2027-05-31')).toMatchObject({ status: 'moved', note: 'moved from 31 May: Memorial Day (US)' });
    expect(held(a, c, '2027-05-31').start.toISO()).toBe('2027-06-02T11:00:00.000-04:00');
    expect(held(a, c, '2027-07-05').start.toISO()).toBe('2027-07-07T11:00:00.000-04:00');
  });

  it('tcon plan --fix leaves no conflict the shifts made', () => {
    const alone = planGroups([a, b], SUMMER, { ...context(settings) }, { fix: true });
    expect(alone.conflicts).toEqual([]);
    expect(alone.groups[0]!.changes.map((c) => [c.date, c.to!.toISODate()])).toEqual([
      ['2027-05-31', '2027-06-02'],
      ['2027-07-05', '2027-07-07'],
    ]);
  });

  it('a group sharing nobody does not stand in the way', () => {
    const other = weekly('wg-c', 'TU', 'organizer: { name: Other, email: other@example.org }');
    expect(held(a, ctx([a, other]), '2027-05-31').start.toISO()).toBe('2027-06-01T11:00:00.000-04:00');
  });

  it('when every date within reach is taken, the call is skipped and the note says by whom', () => {
    const busy = weekly('wg-b', 'TU,WE,TH,FR', SHARED);
    const o = held(a, ctx([a, busy]), '2027-05-31');
    expect(o.status).toBe('skipped');
    expect(o.note).toBe(
      "Memorial Day (US); no free date to shift to before the next meeting (taken by another group's call: 2027-06-01 (wg-b), 2027-06-02 (wg-b), 2027-06-03 (wg-b), 2027-06-04 (wg-b))",
    );
  });
});

describe('a shift avoids the calls on its bridge', () => {
  const yaml = `${settings}\nbridges: [{ id: office-zoom, links: [zoom.example.org] }]`;
  it('two groups with no one in common but one Zoom account', () => {
    const a = weekly('wg-a', 'MO', 'link: https://zoom.example.org/j/1');
    const b = weekly('wg-b', 'TU', 'link: https://zoom.example.org/j/2');
    const c = weekly('wg-c', 'TU', 'link: https://other.example.org/j/3');
    expect(held(a, ctx([a, b], yaml), '2027-05-31').start.toISODate()).toBe('2027-06-02');
    expect(held(a, ctx([a, c], yaml), '2027-05-31').start.toISODate()).toBe('2027-06-01');
  });
});

describe('two groups that both shift', () => {
  // wg-b's Friday 28 May call is in its offsite: it shifts a day at a time (the weekend and
  // Memorial Day are out), to Tuesday 1 June, which is where wg-a's Memorial Day call would go.
  const yaml = `${settings}\nblackouts: [{ name: Offsite, from: 2027-05-28, to: 2027-05-28, policy: shift, groups: [wg-b] }]`;
  const a = weekly('wg-a', 'MO', SHARED);
  const b = weekly('wg-b', 'FR', SHARED);

  it("the group first in the config keeps clear of the other's shift, and the other of its", () => {
    const c = ctx([a, b], yaml);
    const result = planGroups([a, b], SUMMER, c, { fix: true });
    expect(result.conflicts).toEqual([]);
    expect(held(a, c, '2027-05-31').start.toISODate()).toBe('2027-06-02');
    expect(held(b, c, '2027-05-28').start.toISODate()).toBe('2027-06-01');
  });

  it('every command publishes the same dates, whichever group or window is asked first', () => {
    const c = ctx([a, b], yaml);
    // A reminder run's window of three days, asked for the later group first.
    const bShort = planSchedule(b, { from: '2027-06-01', to: '2027-06-03' }, c).occurrences.map((o) => [o.ruleDate, o.start.toISO()]);
    const aShort = planSchedule(a, { from: '2027-06-01', to: '2027-06-03' }, c).occurrences.map((o) => [o.ruleDate, o.start.toISO()]);
    expect(bShort).toEqual([['2027-05-28', '2027-06-01T11:00:00.000-04:00']]);
    expect(aShort).toEqual([['2027-05-31', '2027-06-02T11:00:00.000-04:00']]);
    const fresh = ctx([a, b], yaml);
    expect(planGroups([a, b], SUMMER, fresh, { fix: true }).groups.map((g) => g.changes.map((x) => x.to!.toISODate()))).toEqual([
      ['2027-06-02', '2027-07-06'],
      // Juneteenth, Friday 18 June: Monday 21 is wg-a's call, so Tuesday 22.
      ['2027-06-01', '2027-06-22'],
    ]);
  });
});
