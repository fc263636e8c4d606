import { describe, expect, it } from 'vitest';
import { planGroups, planSchedule } from '../../src/plan/index.js';
import { context, group } from './fixtures.js';

const YEAR = { from: '2027-01-01', to: '2027-12-31' };

/** A US group meeting on the last Monday of the month: 31 May 2027 is Memorial Day. */
const usGroup = (policy: string) =>
  group(`
id: us-wg
title: US WG
timezone: America/New_York
series:
  - from: 2027-01-01
    rule: FREQ=MONTHLY;BYDAY=-1MO
    slots: ["11:00"]
holidays: { policy: ${policy} }
members:
  - { name: Ann Chair, email: ann@example.org, role: chair, zone: America/Chicago }
`);

describe('a US holiday (Memorial Day, Monday 31 May 2027)', () => {
  it('warn: the meeting stays and the plan reports it unresolved', () => {
    const result = planGroups([usGroup('warn')], YEAR, context(), { fix: true });
    const may = result.dates.filter((d) => d.occurrence.ruleDate === '2027-05-31');
    expect(may).toHaveLength(1);
    expect(may[0]!.status).toBe('unresolved');
    expect(may[0]!.issue.holidays.map((h) => [h.country, h.name])).toEqual([['US', 'Memorial Day']]);
    expect(result.unresolved).toBeGreaterThan(0);
    expect(result.groups[0]!.occurrences.find((o) => o.ruleDate === '2027-05-31')!.status).toBe('scheduled');
  });

  it('skip: the meeting is skipped, the holiday is the reason', () => {
    const { occurrences, changes } = planSchedule(usGroup('skip'), YEAR, context());
    const may = occurrences.find((o) => o.ruleDate === '2027-05-31')!;
    expect(may.status).toBe('skipped');
    expect(may.note).toBe('Memorial Day (US)');
    expect(changes.map((c) => [c.date, c.action])).toContainEqual(['2027-05-31', 'skipped']);
  });

  it('shift: the meeting moves to the same weekday a week later, and says why', () => {
    const { occurrences } = planSchedule(usGroup('shift'), YEAR, context());
    const may = occurrences.find((o) => o.ruleDate === '2027-05-31')!;
    expect(may.status).toBe('moved');
    expect(may.start.toISO()).toBe('2027-06-07T11:00:00.000-04:00');
    expect(may.originalStart!.toISODate()).toBe('2027-05-31');
    expect(may.note).toBe('moved from 31 May: Memorial Day (US)');
  });

  it('a plan with --fix and policy skip leaves nothing unresolved for that date', () => {
    const result = planGroups([usGroup('skip')], YEAR, context(), { fix: true });
    const may = result.dates.find((d) => d.occurrence.ruleDate === '2027-05-31')!;
    expect(may.status).toBe('skipped');
    // Other US holidays on last Mondays of 2027? None but Memorial Day.
    expect(result.unresolved).toBe(0);
  });

  it('without --fix the plan proposes what the policy would do', () => {
    const result = planGroups([usGroup('shift')], YEAR, context(), { fix: false });
    const may = result.dates.find((d) => d.occurrence.ruleDate === '2027-05-31')!;
    expect(may.status).toBe('unresolved');
    expect(may.proposal).toBe('move to 2027-06-07');
  });
});

describe('a Japanese holiday, read on the local date in Tokyo', () => {
  // Wednesday 10 February 2027 20:00 in New York is Thursday 11 February 10:00 in Tokyo:
  // Foundation Day there, an ordinary Wednesday evening in New York.
  const text = (members: string) => `
id: jp-wg
title: JP WG
timezone: America/New_York
series:
  - from: 2027-01-01
    rule: FREQ=MONTHLY;BYDAY=2WE
    slots: ["20:00"]
holidays: { policy: skip }
members:
${members}
`;

  it('a member in Tokyo makes Foundation Day a holiday of the group', () => {
    const g = group(text('  - { name: Kenji Ono, email: kenji@example.org, zone: Asia/Tokyo }'));
    const feb = planSchedule(g, YEAR, context()).occurrences.find((o) => o.ruleDate === '2027-02-10')!;
    expect(feb.status).toBe('skipped');
    expect(feb.note).toBe('Foundation Day (JP)');
  });

  it('an explicit country on the member counts too; without one the date is free', () => {
    const withCountry = group(text('  - { name: Kenji Ono, email: kenji@example.org, country: JP }'));
    const none = group(text('  - { name: Ann Chair, email: ann@example.org, zone: America/New_York }'));
    const f = (g: ReturnType<typeof group>) => planSchedule(g, YEAR, context()).occurrences.find((o) => o.ruleDate === '2027-02-10')!.status;
    expect(f(withCountry)).toBe('skipped');
    expect(f(none)).toBe('scheduled');
  });
});

describe('a Golden Week call (Tokyo, Tuesday 4 May 2027, Greenery Day)', () => {
  const tokyo = (holidays: string) =>
    group(`
id: gw-wg
title: GW WG
timezone: Asia/Tokyo
series:
  - from: 2027-04-01
    until: 2027-05-31
    rule: FREQ=WEEKLY;BYDAY=TU
    slots: ["09:00"]
holidays: ${holidays}
members:
  - { name: Kenji Ono, email: kenji@example.org, zone: Asia/Tokyo }
`);

  it.each([
    ['warn', '{ policy: warn }', 'scheduled', '2027-05-04T09:00:00.000+09:00', undefined],
    ['skip', '{ policy: skip }', 'skipped', '2027-05-04T09:00:00.000+09:00', 'Greenery Day (JP)'],
    // One day at a time: Wednesday 5 May is Children's Day, so Thursday 6 May.
    ['shift by 1 day', '{ policy: shift, shift-days: 1 }', 'moved', '2027-05-06T09:00:00.000+09:00', 'moved from 4 May: Greenery Day (JP)'],
  ])('%s', (_name, holidays, status, start, note) => {
    const result = planGroups([tokyo(holidays)], { from: '2027-04-01', to: '2027-05-31' }, context(), { fix: true });
    const occ = result.groups[0]!.occurrences.find((o) => o.ruleDate === '2027-05-04')!;
    expect(occ.status).toBe(status);
    expect(occ.start.toISO()).toBe(start);
    expect(occ.note).toBe(note);
    const finding = result.dates.find((d) => d.occurrence.ruleDate === '2027-05-04')!;
    expect(finding.status).toBe(status === 'scheduled' ? 'unresolved' : status);
  });

  it('a weekly shift (default 7 days) cannot pass the next meeting, so the call is skipped and says why', () => {
    const occ = planSchedule(tokyo('{ policy: shift }'), { from: '2027-04-01', to: '2027-05-31' }, context()).occurrences.find(
      (o) => o.ruleDate === '2027-05-04',
    )!;
    expect(occ.status).toBe('skipped');
    expect(occ.note).toBe('Greenery Day (JP); no free date to shift to before the next meeting');
  });
});

describe('group and secretariat holiday settings', () => {
  it('secretariat countries apply to every group; observances only when asked', () => {
    const g = group(`
id: obs
title: Obs
timezone: America/New_York
series:
  - from: 2027-01-01
    rule: FREQ=YEARLY;BYMONTH=5;BYDAY=2SU
    slots: ["12:00"]
`);
    // Mother's Day (2nd Sunday of May) is an observance in the US.
    const plain = planGroups([g], YEAR, context('holidays: { countries: [US] }'), { fix: false });
    const obs = planGroups([g], YEAR, context('holidays: { countries: [US], observances: true }'), { fix: false });
    expect(plain.dates).toEqual([]);
    expect(obs.dates.map((d) => d.issue.reason)).toEqual(["Mother's Day (US)"]);
  });
});

describe('holidays per region', () => {
  // Wednesday 14 July 2027, the 2nd Wednesday: a public holiday in France, not in Germany.
  const g = group(`
id: eu-wg
title: EU WG
timezone: Europe/Berlin
series:
  - from: 2027-01-01
    rule: FREQ=MONTHLY;BYDAY=2WE
    slots: ["14:00"]
members:
  - { name: Lea Roux, email: lea@example.org, region: europe }
`);
  const july = (yaml?: string) =>
    planGroups([g], YEAR, context(yaml), { fix: false })
      .dates.filter((d) => d.occurrence.ruleDate === '2027-07-14')
      .map((d) => d.issue.reason);

  it("a member known by region only observes the country of the region's zone (europe: Europe/Paris)", () => {
    expect(july()).toEqual(['Bastille Day (FR)']);
  });

  it('tcon.yaml can map a region to its countries', () => {
    expect(july('holidays: { regions: { europe: [DE] } }')).toEqual([]);
    expect(july('holidays: { regions: { europe: [DE, FR] } }')).toEqual(['Bastille Day (FR)']);
  });
});

describe('a shift across the end of the window', () => {
  it('is reported with the window of its rule date, and the meeting leaves the window', () => {
    // Tuesday 28 December 2027 is in the Christmas blackout; with shift, Tuesday 4 January 2028.
    const g = group(`
id: dec
title: Dec
timezone: Europe/Berlin
series:
  - from: 2027-01-01
    rule: FREQ=MONTHLY;BYDAY=-1TU
    slots: ["10:00"]
`);
    const result = planGroups([g], YEAR, context('blackouts: [{ name: Christmas to New Year, from: "12-24", to: "01-01", policy: shift }]'), { fix: true });
    const change = result.groups[0]!.changes.find((c) => c.date === '2027-12-28')!;
    expect(change.to!.toISODate()).toBe('2028-01-04');
    expect(result.dates.find((d) => d.occurrence.ruleDate === '2027-12-28')!.status).toBe('moved');
    expect(result.groups[0]!.occurrences.some((o) => o.ruleDate === '2027-12-28')).toBe(false);
  });
});
