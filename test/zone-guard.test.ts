// The zone guard (test/helpers/zone-guard.ts) is what lets most of the suite run under one TZ:
// these tests show that it notices each way of reaching the process's zone, and nothing else.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';

const hits = () => (globalThis as { __tconZoneHits?: Map<string, number> }).__tconZoneHits!;

// The reads below are on purpose: forgotten after each test, or the guard would fail this file.
afterEach(() => hits().clear());

describe('the zone guard', () => {
  it('is active in the files that run only under TZ=UTC', () => {
    expect(hits()).toBeInstanceOf(Map);
  });

  it.each([
    ['new Date(year, month, ...)', () => new Date(2027, 2, 14)],
    ['new Date(a string without an offset)', () => new Date('2027-03-14T02:30')],
    ['Date.parse(a string without an offset)', () => Date.parse('March 14, 2027 02:30')],
    ['Date#getHours', () => new Date(0).getHours()],
    ['Date#setDate', () => new Date(0).setDate(2)],
    ['Date#getTimezoneOffset', () => new Date(0).getTimezoneOffset()],
    ['Date#toString', () => `${new Date(0)}`],
    ['Date#toLocaleString without a timeZone', () => new Date(0).toLocaleString('en-GB')],
    ['Intl.DateTimeFormat without a timeZone: format()', () => new Intl.DateTimeFormat('en-GB').format(0)],
    ['Intl.DateTimeFormat without a timeZone: resolvedOptions().timeZone', () => new Intl.DateTimeFormat().resolvedOptions().timeZone],
    // luxon's default zone is the process's: it asks Date for the offset.
    ['Date#getTimezoneOffset at node_modules/luxon', () => DateTime.fromISO('2027-03-14T02:30').toMillis()],
  ])('notices %s, and names this file as where it came from', (what, read) => {
    read();
    const keys = [...hits().keys()];
    expect(keys.some((k) => k.startsWith(what) && k.includes('test/zone-guard.test.ts'))).toBe(true);
  });

  it('lets through what does not depend on the zone', () => {
    const d = new Date(Date.UTC(2027, 2, 14, 2, 30));
    [
      d.getTime(),
      d.toISOString(),
      d.getUTCHours(),
      d.getMilliseconds(),
      Date.parse('2027-03-14T02:30Z'),
      Date.parse('2027-03-14'),
      new Date('2027-03-14T02:30+05:45'),
    ];
    [d.toLocaleString('en-GB', { timeZone: 'Asia/Kathmandu' }), new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC' }).format(d)];
    [
      DateTime.fromISO('2027-03-14T02:30', { zone: 'Pacific/Chatham' }).toISO(),
      DateTime.utc(2027, 3, 14).toISO(),
      DateTime.fromISO('2027-03-14T02:30Z', { setZone: true }).toISO(),
    ];
    // luxon asks Intl for the locale's defaults with a formatter made without a zone: not a read.
    DateTime.fromObject({ year: 2027 }, { zone: 'utc' }).toLocaleString();
    expect([...hits().keys()]).toEqual([]);
    expect(new Date(0)).toBeInstanceOf(Date);
    expect(new Date(0).constructor).toBe(Date);
  });
});
