import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConflicts, planGroups } from '../../src/plan/index.js';
import { buildSchedule } from '../../src/schedule/build.js';
import { context, group } from './fixtures.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'plan');
const groups = readdirSync(DIR)
  .filter((f) => f.startsWith('wg-'))
  .map((f) => group(readFileSync(join(DIR, f), 'utf8'), f));
const tconYaml = readFileSync(join(DIR, 'tcon.yaml'), 'utf8');
const YEAR = { from: '2027-01-01', to: '2027-12-31' };

describe('three groups sharing a chair', () => {
  it('finds the deliberate overlap: alpha 10:00-11:00 and beta 10:30-11:30 share chair ann@example.org', () => {
    const result = planGroups(groups, YEAR, context(tconYaml), { fix: false });
    const pairs = new Set(result.conflicts.map((c) => `${c.a.groupId}+${c.b.groupId}`));
    expect([...pairs]).toEqual(['wg-alpha+wg-beta']);
    // Every third Tuesday of 2027.
    expect(result.conflicts).toHaveLength(12);
    const first = result.conflicts[0]!;
    expect(first.a.start.toISO()).toBe('2027-01-19T10:00:00.000-05:00');
    expect(first.b.start.toISO()).toBe('2027-01-19T10:30:00.000-05:00');
    // Ann is chair of alpha (roster role) and of beta (chairs list).
    expect(first.shared).toEqual([{ kind: 'chair', id: 'ann@example.org' }]);
  });

  it('gamma meets at the same time as alpha but shares nobody: no conflict', () => {
    const result = planGroups(groups, YEAR, context(tconYaml), { fix: false });
    expect(result.conflicts.some((c) => c.a.groupId === 'wg-gamma' || c.b.groupId === 'wg-gamma')).toBe(false);
  });

  it('with --fix, meetings the policies moved or skipped no longer conflict', () => {
    const result = planGroups(groups, YEAR, context(tconYaml), { fix: true });
    const dates = result.conflicts.map((c) => c.a.ruleDate);
    expect(dates).not.toContain('2027-03-16'); // alpha moved out of the F2F week
    expect(dates).not.toContain('2027-08-17'); // August break: both skipped
    expect(result.conflicts).toHaveLength(10);
    expect(result.unresolved).toBe(10);
  });
});

const at = (id: string, time: string, extra = '') =>
  group(`
id: ${id}
title: ${id}
timezone: Europe/Paris
series:
  - from: 2027-01-01
    until: 2027-01-31
    rule: FREQ=WEEKLY;BYDAY=MO
    slots: ["${time}"]
${extra}
`);

describe('conflict rules', () => {
  const run = (gs: ReturnType<typeof at>[], buffer: number, bridges: { id: string; name: undefined; links: string[] }[] = []) =>
    findConflicts(
      gs.map((g) => ({ group: g, occurrences: buildSchedule(g, { from: '2027-01-01', to: '2027-01-31' }) })),
      buffer,
      bridges,
    );

  const sharedMember = 'members: [{ name: Zoe Park, email: Zoe@Example.org }]';
  it.each([
    // a 10:00-11:00; b starts at...
    ['11:00', 0, 0],
    ['11:00', 15, 4],
    ['11:20', 15, 0],
    ['10:59', 0, 4],
  ])('b at %s with a %i-minute buffer: %i conflicts', (time, buffer, n) => {
    const a = at('a', '10:00', sharedMember);
    const b = at('b', time, 'members: [{ name: Zoe Park, email: zoe@example.org }]');
    const found = run([a, b], buffer);
    expect(found).toHaveLength(n);
    if (n) expect(found[0]!.shared).toEqual([{ kind: 'member', id: 'zoe@example.org' }]);
  });

  it('a shared organizer conflicts', () => {
    const org = 'organizer: { name: Office, email: office@example.org }';
    expect(run([at('a', '10:00', org), at('b', '10:00', org)], 0)[0]!.shared).toEqual([{ kind: 'organizer', id: 'office@example.org' }]);
  });

  it('a bridge account: the same configured id, or join links on one configured account', () => {
    const byId = run([at('a', '10:00', 'bridge: zoom-1'), at('b', '10:00', 'bridge: zoom-1')], 0);
    expect(byId[0]!.shared).toEqual([{ kind: 'bridge', id: 'zoom-1' }]);
    const accounts = [{ id: 'office-zoom', name: undefined, links: ['zoom.example.org'] }];
    const byHost = run([at('a', '10:00', 'link: https://zoom.example.org/j/111'), at('b', '10:00', 'link: https://zoom.example.org/j/222')], 0, accounts);
    expect(byHost[0]!.shared).toEqual([{ kind: 'bridge', id: 'office-zoom' }]);
    // Different rooms on a host that is no configured account share nothing.
    expect(run([at('a', '10:00', 'link: https://meet.example.org/a'), at('b', '10:00', 'link: https://meet.example.org/b')], 0, accounts)).toEqual([]);
    // The very same room does.
    expect(run([at('a', '10:00', 'link: https://meet.example.org/a'), at('b', '10:00', 'link: https://meet.example.org/a')], 0)).toHaveLength(4);
  });

  it('skipped meetings never conflict', () => {
    const a = at('a', '10:00', `${sharedMember}\nmeetings: { 2027-01-04: { skip: no call } }`);
    const b = at('b', '10:00', sharedMember);
    expect(run([a, b], 0).map((c) => c.a.ruleDate)).toEqual(['2027-01-11', '2027-01-18', '2027-01-25']);
  });
});

describe('blackouts', () => {
  const weekly = group(`
id: weekly
title: Weekly
timezone: America/New_York
series:
  - from: 2027-01-01
    rule: FREQ=WEEKLY;BYDAY=TU
    slots: ["09:00"]
`);

  it('a yearly Christmas-to-New-Year range skips the calls inside it, across the year end', () => {
    const result = planGroups(
      [weekly],
      { from: '2027-12-01', to: '2028-01-31' },
      context('blackouts: [{ name: Christmas to New Year, from: "12-24", to: "01-01" }]'),
      { fix: true },
    );
    const skipped = result.groups[0]!.occurrences.filter((o) => o.status === 'skipped').map((o) => [o.ruleDate, o.note]);
    expect(skipped).toEqual([['2027-12-28', 'Christmas to New Year']]);
    expect(result.unresolved).toBe(0);
  });

  it('a dated F2F week for one group, with policy shift, moves that group only', () => {
    const other = { ...weekly, id: 'other' };
    const yaml = 'blackouts: [{ name: "F2F week, Rome", from: 2027-04-12, to: 2027-04-16, policy: shift, groups: [weekly] }]';
    const result = planGroups([weekly, other], { from: '2027-04-01', to: '2027-04-30' }, context(yaml), { fix: true });
    const apr13 = (i: number) => result.groups[i]!.occurrences.find((o) => o.ruleDate === '2027-04-13')!;
    // The next Tuesday, 20 April, is already a meeting: no free date before the next meeting.
    expect(apr13(0).status).toBe('skipped');
    expect(apr13(0).note).toBe('F2F week, Rome; no free date to shift to before the next meeting');
    expect(apr13(1).status).toBe('scheduled');
  });

  it('a dated blackout with shift-days 1 moves the call to the first day after the range', () => {
    const g = { ...weekly, holidays: { policy: undefined, shiftDays: 1, countries: [], members: undefined, observances: undefined } };
    const yaml = 'blackouts: [{ name: "F2F week, Rome", from: 2027-04-12, to: 2027-04-16, policy: shift }]';
    const occ = planGroups([g], { from: '2027-04-01', to: '2027-04-30' }, context(yaml), { fix: true }).groups[0]!.occurrences.find(
      (o) => o.ruleDate === '2027-04-13',
    )!;
    // Wed-Fri are in the range, Sat/Sun are weekend: Monday 19 April.
    expect(occ.status).toBe('moved');
    expect(occ.start.toISO()).toBe('2027-04-19T09:00:00.000-04:00');
    expect(occ.note).toBe('moved from 13 Apr: F2F week, Rome');
  });
});
