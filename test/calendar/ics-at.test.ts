// icsAt writes `YYYYMMDDTHHMMSS` by hand (whole minutes from kept texts, seconds from the
// arithmetic): it must be what toISOString's fields say, milliseconds dropped, for any instant
// of a plain year and any offset.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { icsAt } from '../../src/calendar/wall.js';

const viaIso = (ms: number, offset: number) => {
  const s = new Date(ms + offset * 60_000).toISOString();
  return `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}T${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}`;
};

describe('icsAt', () => {
  it("is toISOString's wall clock, to the second, for instants with seconds and milliseconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1001, 0, 1), max: Date.UTC(9998, 11, 31) }), fc.integer({ min: -1440, max: 1440 }), (ms, offset) => {
        expect(icsAt(ms, offset)).toBe(viaIso(ms, offset));
      }),
      { numRuns: 5000 },
    );
  });

  it('writes the last second of a day, and whole minutes, as before', () => {
    expect(icsAt(Date.UTC(2027, 11, 31, 23, 59, 59), 0)).toBe('20271231T235959');
    expect(icsAt(Date.UTC(2027, 11, 31, 23, 59, 59, 999), 0)).toBe('20271231T235959');
    expect(icsAt(Date.UTC(2027, 0, 1, 0, 0, 1), -1)).toBe('20261231T235901');
    expect(icsAt(Date.UTC(2027, 2, 9, 8, 0), 330)).toBe('20270309T133000');
    expect(icsAt(Date.UTC(1969, 11, 31, 23, 59, 59), 0)).toBe('19691231T235959');
  });
});
