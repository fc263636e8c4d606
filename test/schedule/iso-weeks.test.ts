// isoWeekOf (src/schedule/recurrence.ts) computes ISO week numbers with integers alone: it must
// agree with the Date-based formula it replaced, and with luxon, on every day of six centuries.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../src/schedule/recurrence.js';

function byDate(day: number): number {
  const thursday = day - ((((day + 3) % 7) + 7) % 7) + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  return Math.floor((thursday - Date.UTC(year, 0, 1) / 86_400_000) / 7) + 1;
}

describe('ISO week numbers of day numbers', () => {
  it('agree with the Date formula on every day from 1700 to 2299', () => {
    const from = Date.UTC(1700, 0, 1) / 86_400_000;
    const to = Date.UTC(2300, 0, 1) / 86_400_000;
    const wrong: number[] = [];
    for (let d = from; d < to; d++) if (isoWeekOf(d) !== byDate(d)) wrong.push(d);
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
