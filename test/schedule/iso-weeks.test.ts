// isoWeekOf (src/schedule/recurrence.ts), which rules of ISO weeks are expanded with, must give
// luxon's ISO week number on every day of two centuries, and around every new year.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../src/schedule/recurrence.js';

describe('ISO week numbers of day numbers', () => {
  it("agree with luxon's weekNumber on every day from 1950 to 2149", () => {
    const from = Date.UTC(1950, 0, 1) / 86_400_000;
    const to = Date.UTC(2150, 0, 1) / 86_400_000;
    const wrong: number[] = [];
    for (let d = from; d < to; d++) if (isoWeekOf(d) !== DateTime.fromMillis(d * 86_400_000, { zone: 'utc' }).weekNumber) wrong.push(d);
    expect(wrong).toEqual([]);
  });

  it("agree with luxon's weekNumber around each new year (weeks 52, 53 and 1)", () => {
    for (let year = 1990; year <= 2060; year++) {
      for (let k = -10; k <= 10; k++) {
        const day = Date.UTC(year, 0, 1) / 86_400_000 + k;
        expect(isoWeekOf(day), `${year} ${k}`).toBe(DateTime.fromMillis(day * 86_400_000, { zone: 'utc' }).weekNumber);
      }
    }
  });
});
