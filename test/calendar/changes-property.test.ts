// Properties of change tracking over generated config changes (same group, other exceptions,
// sometimes other slots): idempotence, monotone SEQUENCE, overrides never below their master,
// a CANCEL for every meeting that vanished, nothing for an unchanged config.
// (Overrides are written at their event's SEQUENCE: see render.ts.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildCalendarModel, computeChanges, type CalendarModel } from '../../src/calendar/index.js';
import { parseGroup } from '../../src/config/parse.js';
import { addDays } from '../../src/schedule/dates.js';
import { configOf, groupArb, type Spec } from './generators.js';

function modelOf(spec: Spec): CalendarModel | undefined {
  const parsed = parseGroup(stringify(configOf(spec)), 'prop.yaml');
  if (!parsed.group) return undefined;
  const from = addDays('2026-01-01', spec.windowStart);
  return buildCalendarModel(parsed.group, { from, to: addDays(from, Math.min(spec.windowDays, 200)) });
}

/** uid#ruleDate of every meeting of a model. */
function keys(m: CalendarModel): Set<string> {
  return new Set(m.events.flatMap((e) => (e.kind === 'series' ? e.meetings : [e.meeting]).map((x) => `${e.uid}#${x.ruleDate}`)));
}

describe('change tracking properties', () => {
  it('holds for generated config changes', () => {
    let checked = 0;
    fc.assert(
      fc.property(groupArb, groupArb, fc.boolean(), (a, b, newSlots) => {
        const specA = a;
        const specB: Spec = { ...a, picks: b.picks, slots: newSlots ? b.slots : a.slots };
        const m1 = modelOf(specA);
        const m2 = modelOf(specB);
        fc.pre(m1 !== undefined && m2 !== undefined);
        const r1 = computeChanges(undefined, m1!);
        const r2 = computeChanges(r1.state, m2!);
        // Unchanged config: no change at all.
        expect(computeChanges(r1.state, m1!).changes).toEqual([]);
        // Idempotent: once recorded, the same config has nothing more to say.
        const r3 = computeChanges(r2.state, m2!);
        expect(r3.changes).toEqual([]);
        expect(r3.cancellations).toEqual([]);
        for (const e of m2!.events) {
          const seq = r2.sequences.event(e.uid);
          // SEQUENCE never goes down.
          const before = r1.state.events[e.uid];
          if (before) expect(seq).toBeGreaterThanOrEqual(before.sequence);
          // Every component is written at the event's SEQUENCE; a meeting's own (when it last
          // changed, what reminders are keyed by) is never above it.
          if (e.kind === 'series') {
            for (const m of e.meetings) expect(r2.sequences.meeting(e.uid, m.ruleDate)).toBeLessThanOrEqual(seq);
          }
        }
        // Every meeting that vanished gets a CANCEL (of itself or of its whole event), above what was sent.
        const now = keys(m2!);
        for (const k of keys(m1!)) {
          if (now.has(k)) continue;
          const [uid, ruleDate] = k.split('#') as [string, string];
          const c = r2.cancellations.find((x) => x.uid === uid && (x.ruleDate === ruleDate || x.recurrenceId === undefined));
          expect(c, `CANCEL for ${k}`).toBeDefined();
          expect(c!.sequence).toBeGreaterThan(r1.state.events[uid]!.meetings[ruleDate]?.sequence ?? -1);
        }
        // And nothing that is still there is cancelled.
        for (const c of r2.cancellations) {
          if (c.ruleDate !== undefined && c.recurrenceId !== undefined) expect(now.has(`${c.uid}#${c.ruleDate}`)).toBe(false);
          else expect(m2!.events.some((e) => e.uid === c.uid)).toBe(false);
        }
        checked++;
      }),
      { numRuns: Number(process.env.TCON_PROP_RUNS ?? 200), seed: Number(process.env.TCON_PROP_SEED ?? 4242) },
    );
    expect(checked).toBeGreaterThan(100);
  }, 120_000);
});
