// Property: generated groups (test/calendar/generators.ts: rules, slots in several zones,
// rotations, DST policies, skips, moves, texts, one-offs) written by tcon and expanded by Python
// (icalendar + dateutil + zoneinfo) give the instants of buildSchedule; and every client rule
// holds. The ical.js half of this property is test/calendar/property.test.ts.
//
// node-ical is not used here: besides its overlap misreading (test/helpers/node-ical.ts), its
// expansion (rrule-temporal) of a monthly rule at 02:00 keeps the standard offset through the next
// DST season: DTSTART;TZID=Australia/Sydney:20271215T020000 with FREQ=MONTHLY;BYMONTHDAY=15 gives
// 2028-10-14T16:00Z (RFC 5545, ical.js, Python: 15:00Z); at 09:00, or weekly, it is right. Found
// by this property (Sydney, Adelaide); the fixtures of parsers.test.ts do not hit it.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseGroup } from '../../src/config/parse.js';
import { buildSchedule } from '../../src/schedule/build.js';
import { buildCalendarModel, renderPublish, renderRequest } from '../../src/calendar/index.js';
import { readWall } from '../../src/calendar/wall.js';
import { clientRuleViolations } from '../helpers/client-rules.js';
import { expandIcs } from '../helpers/ical.js';
import { expandManyWithPython, pythonWithIcal, PYTHON_ICAL_SKIP_NOTE } from '../helpers/python.js';
import { generatedCase, groupArb, NOW } from '../calendar/generators.js';

const RUNS = Number(process.env.TCON_PROP_RUNS ?? 120);
const SEED = Number(process.env.TCON_PROP_SEED ?? 20272);

interface Case {
  /** The feed, and the invitation of every event in one object (for expansion). */
  texts: [string, 'PUBLISH' | 'REQUEST'][];
  /** The invitation as iTIP sends it: one object per UID. */
  requests: string[];
  expected: { start: string; end: string }[];
}

const iso = (ms: number) => DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat("yyyy-LL-dd'T'HH:mm:ss'Z'");
const sorted = (l: { start: string; end: string }[]) =>
  l.map(({ start, end }) => ({ start, end })).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));

function cases(): Case[] {
  const out: Case[] = [];
  fc.assert(
    fc.property(groupArb, (spec) => {
      const c = generatedCase(spec);
      fc.pre(c !== undefined);
      const { group, window } = c!;
      const expected = c!.held.map((o) => ({ start: iso(o.start.toMillis()), end: iso(o.end.toMillis()) }));
      const model = buildCalendarModel(group, window);
      out.push({
        texts: [
          [renderPublish([model], { now: NOW, includeLinks: true }), 'PUBLISH'],
          [renderRequest(model, { now: NOW }), 'REQUEST'],
        ],
        requests: model.events.map((e) => renderRequest(model, { now: NOW, uid: e.uid })),
        expected: sorted(expected),
      });
    }),
    { numRuns: RUNS, seed: SEED },
  );
  return out;
}

describe('generated groups read by other parsers', () => {
  const all = cases();

  it('every client rule holds', () => {
    expect(all.length).toBeGreaterThan(RUNS / 2);
    for (const c of all) {
      expect(clientRuleViolations(c.texts[0]![0], 'PUBLISH')).toEqual([]);
      for (const text of c.requests) expect(clientRuleViolations(text, 'REQUEST')).toEqual([]);
    }
  });

  it.skipIf(!pythonWithIcal)(
    `Python expands them to the schedule${PYTHON_ICAL_SKIP_NOTE}`,
    () => {
      const texts = all.flatMap((c) => c.texts.map(([t]) => t));
      const results = expandManyWithPython(texts);
      let i = 0;
      for (const c of all) {
        for (const [, method] of c.texts) {
          const r = results[i++]!;
          expect(r.errors).toEqual([]);
          expect(r.method).toBe(method);
          expect(sorted(r.instances)).toEqual(c.expected);
        }
      }
    },
    120_000,
  );
});

// Found by the property above: tcon's readWall sampled the zone's offset 12 hours either side of a
// wall time, too close for zones east of +12, so Auckland's repeated 02:30 (first Sunday of April)
// read as unambiguous and a meeting set to the later 02:30 was left to the rule, which every
// RFC 5545 client reads as the earlier one.
describe('wall times in zones east of +12 (regression)', () => {
  it.each([
    ['Pacific/Auckland', '2026-04-05', 2, 30],
    ['Pacific/Chatham', '2026-04-05', 3, 0],
  ])('%s %s %i:%i is an overlap', (zone, date, hour, minute) => {
    expect(readWall({ date, hour, minute }, zone).kind).toBe('overlap');
  });

  it.skipIf(!pythonWithIcal)(`a weekly 02:30 Auckland meeting set to the later 02:30 is read there by Python and ical.js${PYTHON_ICAL_SKIP_NOTE}`, () => {
    const group = parseGroup(
      stringify({
        id: 'akl',
        title: 'AKL',
        timezone: 'Pacific/Auckland',
        organizer: { name: 'O', email: 'o@example.org' },
        dst: { overlap: 'later' },
        series: [{ from: '2026-03-01', rule: 'FREQ=WEEKLY;BYDAY=SU', slots: ['02:30'] }],
        members: [{ name: 'A', email: 'a@example.org' }],
      }),
      'akl.yaml',
    ).group!;
    const window = { from: '2026-03-01', to: '2026-05-01' };
    const want = sorted(buildSchedule(group, window).map((o) => ({ start: iso(o.start.toMillis()), end: iso(o.end.toMillis()) })));
    expect(want).toContainEqual({ start: '2026-04-04T14:30:00Z', end: '2026-04-04T15:30:00Z' });
    const text = renderRequest(buildCalendarModel(group, window), { now: NOW });
    expect(sorted(expandManyWithPython([text])[0]!.instances)).toEqual(want);
    expect(sorted(expandIcs(text).map((i) => ({ start: iso(i.start), end: iso(i.end) })))).toEqual(want);
  });
});
