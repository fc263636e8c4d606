// readWallMs and msReadsBack answer a zone that never changed (UTC, Etc/GMT+5) from its one
// offset: the same answers as sampling the zone's offsets, which every other zone goes through.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msReadsBack, readWallMs } from '../../src/calendar/wall.js';
import { fixedOffsetOf, offsetAt } from '../../src/schedule/zoned.js';

const HOUR = 3_600_000;

/** readWallMs as it reads any zone (src/calendar/wall.ts), by sampling offsets. */
function sampled(wall: number, zone: string): { ms: number; kind: string } {
  const before = offsetAt(zone, wall - 26 * HOUR);
  const after = offsetAt(zone, wall + 26 * HOUR);
  if (before === after && offsetAt(zone, wall - before * 60_000) === before) return { ms: wall - before * 60_000, kind: 'ok' };
  throw new Error('a fixed zone changed');
}

describe('walls of zones that never changed', () => {
  const zones = ['UTC', 'Etc/UTC', 'Etc/GMT+5', 'Etc/GMT-14', 'Etc/GMT-9'];

  it('are the zones with one offset; a zone with changes has none', () => {
    expect(zones.map(fixedOffsetOf)).toEqual([0, 0, -300, 840, 540]);
    expect(fixedOffsetOf('Europe/Paris')).toBeUndefined();
    expect(fixedOffsetOf('Asia/Kolkata')).toBeUndefined();
  });

  it('read as sampling their offsets reads them, at any instant of five centuries', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: -6e12, max: 1e13 }), (zone, n) => {
        const wall = Math.floor(n / 60_000) * 60_000;
        expect(readWallMs(wall, zone)).toEqual(sampled(wall, zone));
        const ms = n;
        const local = Math.floor((ms + offsetAt(zone, ms) * 60_000) / 60_000) * 60_000;
        expect(msReadsBack(ms, zone)).toBe(sampled(local, zone).ms === ms);
      }),
      { numRuns: 3000 },
    );
  });
});
