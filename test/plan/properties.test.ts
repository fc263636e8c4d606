import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateIssue, groupRules, planGroups, planSchedule } from '../../src/plan/index.js';
import { context, group } from './fixtures.js';

const ctx = context('blackouts: [{ name: Christmas to New Year, from: "12-24", to: "01-01" }, { name: F2F, from: 2027-06-07, to: 2027-06-11, policy: shift }]');
const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney', 'America/Los_Angeles'];
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR'];

describe('policies (property)', () => {
  it('after skip or shift, no meeting the rule placed is held on a holiday or in a blackout, and every change says why', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.subarray(ZONES, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...DAYS),
        fc.constantFrom('WEEKLY', 'MONTHLY'),
        fc.integer({ min: 6, max: 20 }),
        fc.constantFrom('skip', 'shift'),
        fc.constantFrom(1, 2, 7),
        (zone, memberZones, day, freq, hour, policy, step) => {
          const rule = freq === 'WEEKLY' ? `FREQ=WEEKLY;BYDAY=${day}` : `FREQ=MONTHLY;BYDAY=2${day}`;
          const g = group(`
id: p
title: P
timezone: ${zone}
series:
  - from: 2027-01-01
    rule: ${rule}
    slots: ["${String(hour).padStart(2, '0')}:00"]
holidays: { policy: ${policy}${policy === 'shift' ? `, shift-days: ${step}` : ''} }
members:
${memberZones.map((z, i) => `  - { name: M${i}, email: m${i}@example.org, zone: ${z} }`).join('\n')}
`);
          const window = { from: '2027-01-01', to: '2027-12-31' };
          const { occurrences, changes } = planSchedule(g, window, ctx);
          const rules = groupRules(g, ctx.settings, ctx.calendar);
          for (const o of occurrences) {
            if (o.status === 'skipped') {
              expect(o.note).toBeTruthy();
              continue;
            }
            expect(dateIssue(rules, ctx.calendar, o.start.toMillis(), o.start.toISODate()!), `${o.start.toISO()} ${o.status}`).toBeUndefined();
          }
          for (const c of changes) {
            const o = occurrences.find((x) => x.ruleDate === c.date)!;
            expect(o.note).toContain(c.reason);
            if (c.action === 'moved') {
              expect(o.note).toMatch(/^moved from \d{1,2} [A-Z][a-z]{2}: /);
              // A shift never passes the next meeting of the rule.
              const next = occurrences.find((x) => x.ruleDate > c.date);
              if (next) expect(o.start.toISODate()! < next.ruleDate).toBe(true);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('any window shows the meetings of the whole year in it: shifted in from before it, rotation after earlier skips', () => {
    const day = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.subarray(ZONES, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...DAYS),
        fc.constantFrom('WEEKLY', 'MONTHLY'),
        fc.constantFrom(['10:00'], ['08:00', '17:00'], ['07:00', '12:00', '20:00']),
        fc.constantFrom('skip', 'shift', 'warn'),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 60 }),
        (zone, memberZones, weekday, freq, slots, policy, offset, length) => {
          const rule = freq === 'WEEKLY' ? `FREQ=WEEKLY;BYDAY=${weekday}` : `FREQ=MONTHLY;BYDAY=2${weekday}`;
          const g = group(`
id: w
title: W
timezone: ${zone}
series:
  - from: 2027-01-01
    rule: ${rule}
    slots: [${slots.map((t) => `"${t}"`).join(', ')}]
holidays: { policy: ${policy} }
members:
${memberZones.map((z, i) => `  - { name: M${i}, email: m${i}@example.org, zone: ${z} }`).join('\n')}
`);
          const from = day('2027-01-15', offset);
          const to = [day(from, length), '2027-12-31'].sort()[0]!;
          const view = (o: { ruleDate: string; status: string; start: { toISO(): string | null }; slot: number | null; note: string | undefined }) =>
            `${o.ruleDate} ${o.status} ${o.start.toISO()} slot ${o.slot} ${o.note ?? ''}`;
          const year = planSchedule(g, { from: '2027-01-01', to: '2027-12-31' }, ctx).occurrences.filter((o) => {
            const d = o.start.toISODate()!;
            return d >= from && d <= to;
          });
          const part = planSchedule(g, { from, to }, ctx).occurrences;
          expect(part.map(view)).toEqual(year.map(view));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("a shift never lands on another group's call that shares people or a bridge", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            days: fc.subarray(DAYS, { minLength: 1, maxLength: 3 }),
            slots: fc.constantFrom(['10:00'], ['10:30'], ['10:00', '14:00'], ['09:00', '10:00', '14:00']),
            policy: fc.constantFrom('warn', 'skip', 'shift'),
            step: fc.constantFrom(1, 2, 7),
            organizer: fc.integer({ min: 0, max: 1 }),
            link: fc.constantFrom('https://zoom.example.org/j/1', 'https://meet.example.org/room'),
          }),
          { minLength: 2, maxLength: 4 },
        ),
        fc.constantFrom(...ZONES),
        fc.subarray(ZONES, { minLength: 1, maxLength: 2 }),
        (specs, zone, memberZones) => {
          const groups = specs.map((g, i) =>
            group(`
id: g${i}
title: G${i}
timezone: ${zone}
organizer: { name: Office, email: office${g.organizer}@example.org }
link: ${g.link}
series:
  - from: 2027-01-01
    rule: FREQ=WEEKLY;BYDAY=${g.days.join(',')}
    slots: [${g.slots.map((t) => `"${t}"`).join(', ')}]
holidays: { policy: ${g.policy}, shift-days: ${g.step} }
members:
${memberZones.map((z, j) => `  - { name: M${j}, email: m${i}-${j}@example.org, zone: ${z} }`).join('\n')}
`),
          );
          const plan = planGroups(
            groups,
            { from: '2027-04-01', to: '2027-07-31' },
            context('conflicts: { buffer: 10 }\nbridges: [{ id: zoom, links: [zoom.example.org] }]'),
            { fix: true },
          );
          const moved = plan.conflicts.filter((c) => [c.a, c.b].some((o) => o.status === 'moved'));
          expect(moved.map((c) => `${c.a.groupId} ${c.a.start.toISO()} / ${c.b.groupId} ${c.b.start.toISO()}`)).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });
});
