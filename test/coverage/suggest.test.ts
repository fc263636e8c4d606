import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseGroup } from '../../src/config/parse.js';
import { DEFAULT_REGION_SET, DEFAULT_WINDOWS } from '../../src/config/regions.js';
import {
  compareRotations,
  describeTradeoff,
  placesFromMembers,
  regionOfZone,
  suggestionInputForGroup,
  suggestRotations,
  type RotationScore,
  type SuggestInput,
  type SuggestPlace,
} from '../../src/coverage/suggest.js';
import { buildSchedule } from '../../src/schedule/build.js';

// The third Tuesdays of 2027.
const DATES = [
  '2027-01-19',
  '2027-02-16',
  '2027-03-16',
  '2027-04-20',
  '2027-05-18',
  '2027-06-15',
  '2027-07-20',
  '2027-08-17',
  '2027-09-21',
  '2027-10-19',
  '2027-11-16',
  '2027-12-21',
];
const place = (region: string, zone: string, weight = 1): SuggestPlace => ({ region, label: region, zone, windows: DEFAULT_WINDOWS, weight });
const range = (from: number, to: number, step: number) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

describe('suggestRotations', () => {
  const input: SuggestInput = {
    zone: 'America/New_York',
    dates: DATES,
    slotOf: DATES.map(() => 0),
    slots: 1,
    duration: 60,
    candidates: range(7 * 60, 20 * 60, 15),
    current: [9 * 60],
    places: [place('Japan', 'Asia/Tokyo'), place('US West', 'America/Los_Angeles')],
  };

  it('finds the slots good in both Tokyo and Los Angeles all year (worked out by hand)', () => {
    // 19:00-20:00 ET is 16:00 in LA and 08:00 (summer) or 09:00 (winter) next morning in Tokyo;
    // 20:00 ET is the latest start that ends by 18:00 in LA. Ties go to the least change from 09:00.
    const { suggestions, combinations, meetings } = suggestRotations(input);
    expect(combinations).toBe(53);
    expect(meetings).toBe(12);
    expect(suggestions.map((s) => s.times)).toEqual([[1140], [1155], [1170], [1185], [1200]]);
    expect(suggestions.map((s) => [s.worst, s.coverage, s.change])).toEqual([
      [1, 24, 600],
      [1, 24, 615],
      [1, 24, 630],
      [1, 24, 645],
      [1, 24, 660],
    ]);
  });

  it('scores the current rotation and says what a suggestion trades', () => {
    const { suggestions, current } = suggestRotations(input);
    // 09:00 ET: 06:00 in LA (poor); 23:00 in Tokyo in Jan, Feb, Nov, Dec (poor), 22:00 otherwise (fair).
    expect(current!.regions.map((r) => [r.region, r.meetings])).toEqual([
      ['Japan', 8],
      ['US West', 0],
    ]);
    expect(current!.worst).toBe(0);
    expect(describeTradeoff(suggestions[0]!, current, ['Asia friendly'])).toBe(
      'moves slot 1 (Asia friendly) 10h later (09:00 → 19:00): Japan gains 4 meetings, US West gains 12 meetings',
    );
    expect(describeTradeoff(current!, current, [])).toBe('keeps the current slots');
  });

  it('scores current slots that are off the candidate grid', () => {
    const { current } = suggestRotations({ ...input, candidates: range(12 * 60, 14 * 60, 60) });
    expect(current!.times).toEqual([540]);
    expect(current!.regions.map((r) => r.meetings)).toEqual([8, 0]);
  });

  // An independent, slow reference: luxon DateTimes for every combination, date and place.
  function reference(inp: SuggestInput): RotationScore[] {
    const rate = (start: DateTime, zone: string): 'good' | 'fair' | 'poor' => {
      const s = start.setZone(zone);
      const e = s.plus({ minutes: inp.duration });
      if (s.weekday >= 6) return 'poor';
      const from = s.hour * 60 + s.minute;
      const to = e.hour * 60 + e.minute + (e.toISODate() !== s.toISODate() ? 1440 : 0);
      if (from >= 480 && to <= 1080) return 'good';
      if (from >= 420 && to <= 1380) return 'fair';
      return 'poor';
    };
    const out: RotationScore[] = [];
    const k = inp.slots;
    const total = inp.candidates.length ** k;
    for (let n = 0; n < total; n++) {
      const idx: number[] = [];
      for (let j = k - 1, x = n; j >= 0; j--, x = Math.floor(x / inp.candidates.length)) idx[j] = x % inp.candidates.length;
      const times = idx.map((i) => inp.candidates[i]!);
      const regions = new Map<string, { ok: number; good: number; w: number }>();
      let coverage = 0;
      for (const p of inp.places) {
        const r = regions.get(p.region) ?? { ok: 0, good: 0, w: 0 };
        r.w += p.weight;
        inp.dates.forEach((d, di) => {
          const t = times[inp.slotOf[di]!]!;
          const start = DateTime.fromISO(`${d}T00:00`, { zone: inp.zone }).set({ hour: Math.floor(t / 60), minute: t % 60 });
          const rating = rate(start, p.zone);
          if (rating !== 'poor') r.ok += p.weight;
          if (rating === 'good') r.good += p.weight;
          coverage += p.weight * (rating === 'good' ? 1 : rating === 'fair' ? 0.5 : 0);
        });
        regions.set(p.region, r);
      }
      let worst = Infinity;
      let worstRegion = '';
      for (const [id, r] of regions) {
        const share = r.ok / (r.w * inp.dates.length);
        if (share < worst) [worst, worstRegion] = [share, id];
      }
      const change = times.reduce((s, t, j) => s + Math.abs(t - (inp.current?.[j] ?? t)), 0);
      out.push({ times, worst, worstRegion, coverage, change, regions: [] });
    }
    return out.sort(compareRotations).slice(0, inp.top ?? 5);
  }

  it('ranks like a slow luxon reference (2 slots, four places, DST included)', () => {
    const two: SuggestInput = {
      zone: 'America/New_York',
      dates: DATES,
      slotOf: DATES.map((_, i) => (i + 1) % 2),
      slots: 2,
      duration: 60,
      candidates: range(6 * 60, 20 * 60, 60),
      current: [11 * 60, 9 * 60],
      places: [
        place('Japan', 'Asia/Tokyo', 2),
        place('US West', 'America/Los_Angeles'),
        place('Europe', 'Europe/Paris', 0.5),
        place('Europe', 'Europe/London', 0.5),
        place('Australia', 'Australia/Sydney'),
        place('India', 'Asia/Kolkata', 0.25),
      ],
      top: 5,
    };
    const fast = suggestRotations(two).suggestions;
    const slow = reference(two);
    expect(fast.map((s) => [s.times, s.change])).toEqual(slow.map((s) => [s.times, s.change]));
    fast.forEach((s, i) => {
      expect(s.worst).toBeCloseTo(slow[i]!.worst, 9);
      expect(s.coverage).toBeCloseTo(slow[i]!.coverage, 9);
    });
  });
});

describe('from a group', () => {
  const seed = parseGroup(readFileSync(new URL('../../config/wg-14.yaml', import.meta.url), 'utf8'), 'wg-14.yaml').group!;

  it('groups members by region: same offsets all year count as the same region', () => {
    expect(regionOfZone(DEFAULT_REGION_SET, 'Asia/Taipei', 2027)?.id).toBe('china-taiwan');
    expect(regionOfZone(DEFAULT_REGION_SET, 'Europe/Rome', 2027)?.id).toBe('europe');
    expect(regionOfZone(DEFAULT_REGION_SET, 'Asia/Seoul', 2027)?.id).toBe('japan-korea');
    expect(regionOfZone(DEFAULT_REGION_SET, 'America/Sao_Paulo', 2027)).toBeUndefined();
    const { places } = placesFromMembers(seed.members, seed.coverage.regions, seed.coverage.weights, 2027, seed.coverage.focus);
    expect(places.map((p) => [p.region, p.zone, p.weight])).toEqual([
      ['us-east', 'America/New_York', 1],
      ['us-west', 'America/Los_Angeles', 1],
      ['europe', 'Europe/Rome', 1],
      ['japan-korea', 'Asia/Tokyo', 1],
      ['china-taiwan', 'Asia/Taipei', 1],
      ['india', 'Asia/Kolkata', 0.25],
      ['europe', 'Europe/Berlin', 0.5],
    ]);
  });

  it("uses the real dates, the group's own rotation and its current slots", () => {
    const occ = buildSchedule(seed, { from: '2027-01-01', to: '2027-12-31' });
    const { input, slotNames } = suggestionInputForGroup(seed, occ, { places: [], earliest: 7 * 60, latest: 19 * 60 });
    expect(input.dates).toEqual(DATES);
    expect(input.slotOf).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
    expect(input.current).toEqual([660, 540]);
    expect(slotNames).toEqual(['US West friendly', 'Asia friendly']);
    expect(input.candidates[0]).toBe(420);
    expect(input.candidates[input.candidates.length - 1]).toBe(1080);
    const three = suggestionInputForGroup(seed, occ, { places: [], slots: 3 });
    expect(three.input.current).toBeUndefined();
    expect(three.input.slotOf.slice(0, 4)).toEqual([0, 1, 2, 0]);
    expect(three.input.current).toBeUndefined();
  });

  it("a year that spans a change of rule keeps each series' own slots only where they fit", () => {
    const g = parseGroup(
      `id: two
title: Two
timezone: America/New_York
series:
  - { from: 2027-01-01, until: 2027-04-30, rule: FREQ=MONTHLY;BYDAY=3TU, slots: ["08:00", "12:00", "16:00"] }
  - { from: 2027-05-01, rule: FREQ=MONTHLY;BYDAY=3TU, slots: ["09:00", "11:00"] }
`,
      'two.yaml',
    ).group!;
    const { input } = suggestionInputForGroup(g, buildSchedule(g, { from: '2027-01-01', to: '2027-12-31' }), { places: [] });
    expect(input.slots).toBe(2);
    // January-April (three slots) go round by meeting; from May the series' own rotation.
    expect(input.slotOf).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(input.current).toEqual([540, 660]);
  });
});
