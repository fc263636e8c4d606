import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/schedule/dates.js';
import { buildSchedule } from '../../src/schedule/build.js';
import { group } from '../helpers/group.js';

const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tehran',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Santiago',
  'UTC',
];
const RULES = [
  'FREQ=WEEKLY;BYDAY=TU',
  'FREQ=WEEKLY;BYDAY=SU',
  'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
  'FREQ=MONTHLY;BYDAY=3TU',
  'FREQ=MONTHLY;BYDAY=-1FR',
  'FREQ=MONTHLY;BYMONTHDAY=15',
  'FREQ=MONTHLY;BYDAY=1SU',
  'FREQ=DAILY;INTERVAL=5',
  'FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
];

const hm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const day = fc.integer({ min: 0, max: 365 * 6 }).map((n) => addDays('2024-01-01', n));

const config = fc.record({
  zone: fc.constantFrom(...ZONES),
  rule: fc.constantFrom(...RULES),
  slots: fc.array(fc.tuple(hm, fc.option(fc.constantFrom(...ZONES), { nil: undefined })), { minLength: 1, maxLength: 3 }),
  from: day,
  onSkip: fc.constantFrom('keep', 'advance'),
  gap: fc.constantFrom('shift', 'skip'),
  windowStart: fc.integer({ min: -60, max: 500 }),
  windowDays: fc.integer({ min: 0, max: 400 }),
  skipEvery: fc.integer({ min: 2, max: 7 }),
});

type Cfg = typeof config extends fc.Arbitrary<infer T> ? T : never;

function build(c: Cfg, withSkips: boolean) {
  const slots = c.slots.map(([t, z]) => (z ? `"${t} ${z} +0d"` : `"${t}"`)).join(', ');
  const base = `id: prop\ntitle: Property\ntimezone: ${c.zone}\ndst: { gap: ${c.gap} }\nseries:\n  - from: ${c.from}\n    rule: ${c.rule}\n    slots: [${slots}]\n    rotation: { mode: meeting, on-skip: ${c.onSkip} }\n`;
  const window = { from: addDays(c.from, c.windowStart), to: addDays(c.from, c.windowStart + c.windowDays) };
  let g = group(base);
  if (withSkips) {
    // Keys name a meeting by its date: its day in the group's zone (a slot in another zone can
    // put it on another day than its rule date; the slot is written "+0d", knowingly). With
    // slots on different days there, a skip (on-skip keep) can change the dates of the meetings
    // after it: skips are chosen in order, each in the schedule the ones before it made.
    const skips: string[] = [];
    const span = { from: c.from, to: window.to };
    let list = buildSchedule(g, span);
    for (let i = 1; i < list.length; i += c.skipEvery) {
      const date = list[i]!.date;
      skips.push(date);
      g.exceptions.set(date, {
        date,
        skip: 'test',
        move: undefined,
        moveZone: c.zone,
        add: [],
        link: undefined,
        note: undefined,
        title: undefined,
        duration: undefined,
      });
      list = buildSchedule(g, span);
    }
    if (skips.length) g = group(`${base}meetings:\n${skips.map((d) => `  ${d}: { skip: test }`).join('\n')}\n`);
  }
  return { g, window, occ: buildSchedule(g, window) };
}

describe('schedule invariants (property tests)', () => {
  it('every meeting starts at its slot wall time in its slot zone, or says why not', () => {
    fc.assert(
      fc.property(config, (c) => {
        const { g, occ } = build(c, false);
        for (const o of occ) {
          const slot = g.series[0]!.slots[o.slot!]!;
          const local = o.start.setZone(slot.zone);
          if (o.warnings.length === 0) expect(local.toFormat('HH:mm')).toBe(slot.time);
          else expect(o.warnings[0]).toMatch(/does not exist|occurs twice/);
          if (o.status !== 'skipped' && !o.warnings.some((w) => w.includes('does not exist'))) {
            expect(local.toFormat('HH:mm')).toBe(slot.time);
            expect(local.toISODate()).toBe(o.ruleDate);
          }
          expect(o.end.diff(o.start, 'minutes').minutes).toBe(60);
          expect(o.start.zoneName).toBe(c.zone);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('meetings are sorted, unique and inside the window', () => {
    fc.assert(
      fc.property(config, fc.boolean(), (c, skips) => {
        const { occ, window } = build(c, skips);
        for (let i = 1; i < occ.length; i++) expect(occ[i]!.start.toMillis()).toBeGreaterThan(occ[i - 1]!.start.toMillis());
        expect(new Set(occ.map((o) => o.ruleDate)).size).toBe(occ.length);
        expect(new Set(occ.map((o) => o.date)).size).toBe(occ.length);
        for (const o of occ) {
          // One date per meeting: the day the table prints (in the group's zone) is the date
          // windows select by.
          expect(o.date).toBe(o.start.setZone(c.zone).toISODate());
          expect(o.date >= window.from && o.date <= window.to).toBe(true);
          expect(o.ruleDate >= c.from).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('in rotation by meeting (on-skip keep), any two slots are held equally often, within one, over any window', () => {
    fc.assert(
      fc.property(config, (c) => {
        const { g, occ } = build({ ...c, onSkip: 'keep' }, true);
        const n = g.series[0]!.slots.length;
        // Every skip acts on the meeting of the date it names (its day in the group's zone).
        const keys = new Set(g.exceptions.keys());
        for (const o of occ) expect(o.status === 'skipped' && o.note === 'test').toBe(keys.has(o.date));
        const held = occ.filter((o) => o.status !== 'skipped').map((o) => o.slot!);
        // Held meetings take the slots in strict round-robin order...
        for (let i = 1; i < held.length; i++) expect(held[i]).toBe((held[i - 1]! + 1) % n);
        // ...so every run of consecutive meetings has slot counts within one of each other.
        for (let a = 0; a < held.length; a += 3) {
          for (let b = a + 1; b <= held.length; b += 5) {
            const counts = Array.from({ length: n }, (_, s) => held.slice(a, b).filter((x) => x === s).length);
            expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
