// Property: expanding what tcon writes (ical.js) gives exactly the instants of buildSchedule,
// for generated groups: rules, slots in several zones, rotations, DST policies, skips, moves,
// per-meeting texts and one-offs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../../src/schedule/build.js';
import { buildCalendarModel, renderPublish, renderRequest } from '../../src/calendar/index.js';
import { expandIcs } from '../helpers/ical.js';
import { generatedCase, groupArb, NOW } from './generators.js';

describe('round trip of generated configs', () => {
  it('ical.js expansion = buildSchedule (held meetings, instants and lengths)', () => {
    let checked = 0;
    fc.assert(
      fc.property(groupArb, (spec) => {
        const c = generatedCase(spec);
        fc.pre(c !== undefined);
        const { group, window } = c!;
        const expected = c!.held.map((o) => [o.start.toMillis(), o.end.toMillis()]);
        const model = buildCalendarModel(group, window);
        for (const text of [renderPublish([model], { now: NOW, includeLinks: true }), renderRequest(model, { now: NOW })]) {
          const got = expandIcs(text).map((i) => [i.start, i.end]);
          expect(got).toEqual(expected);
        }
        checked++;
      }),
      { numRuns: Number(process.env.TCON_PROP_RUNS ?? 300), seed: Number(process.env.TCON_PROP_SEED ?? 20271), endOnFailure: true },
    );
    expect(checked).toBeGreaterThan(150);
  }, 120_000);
});
