// The local texts of `check` (isoLocal, localDate) are made from kept pieces: they must be the
// texts of the Date formulas they replaced, for any instant and offset.
import { describe, expect, it } from 'vitest';
import { isoLocal } from '../../src/coverage/present.js';
import { localDate } from '../../src/coverage/rate.js';
import { offsetClock } from '../../src/schedule/dates.js';

const byDate = (local: number, offset: number) => `${new Date(Math.floor(local / 1000) * 1000).toISOString().slice(0, 19)}${offsetClock(offset)}`;
const dateByDate = (local: number) => new Date(Math.floor(local / 86_400_000) * 86_400_000).toISOString().slice(0, 10);

/** A small deterministic generator (no Math.random: the same cases every run). */
function* instants(n: number): Generator<number> {
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    // From about 0500 to 10500: years of four digits and those around them.
    yield Math.floor(((x >>> 0) / 2 ** 32) * 3.2e14) - 4.8e13 + (i % 1000);
  }
}

describe('local texts of check', () => {
  it('isoLocal and localDate are the Date formulas, for 20,000 instants and offsets (whole, half-hour and LMT fractions)', () => {
    const offsets = [0, 60, -300, 330, 345, -570, 765, -(4 * 60 + 56 + 2 / 60), 24 * 60 - 1];
    let k = 0;
    for (const local of instants(20_000)) {
      const offset = offsets[k++ % offsets.length]!;
      expect(isoLocal(local, offset)).toBe(byDate(local, offset));
      expect(localDate(local)).toBe(dateByDate(local));
    }
  });

  it('at the edges of a day and of the years the kept texts cover', () => {
    for (const local of [
      0,
      -1,
      86_399_999,
      86_400_000,
      Date.UTC(1000, 0, 1),
      Date.UTC(1000, 0, 1) - 1,
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10000, 0, 1),
    ]) {
      expect(isoLocal(local, 60)).toBe(byDate(local, 60));
      expect(localDate(local)).toBe(dateByDate(local));
    }
  });
});
