import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { zoneShortName } from '../../src/schedule/present.js';

// The short zone name beside a slot's own time: an abbreviation where US English has one (as
// CLDR's en-US names zones: North America's, GMT, UTC), else the IANA name. The abbreviations are
// the tz database's (IANA's Zone and Rule lines); British Columbia's and Alberta's of winter
// 2026-27 come from IANA 2026's changes (permanent UTC-07:00 "MST" and UTC-06:00 "CST").
describe('zoneShortName', () => {
  it.each([
    ['America/Los_Angeles', '2027-07-15T12:00Z', 'PDT'],
    ['America/Los_Angeles', '2027-01-15T12:00Z', 'PST'],
    ['America/New_York', '2027-01-15T12:00Z', 'EST'],
    ['Pacific/Honolulu', '2027-01-15T12:00Z', 'HST'],
    ['America/Anchorage', '2027-07-15T12:00Z', 'AKDT'],
    ['America/Halifax', '2027-07-15T12:00Z', 'ADT'],
    ['US/Pacific', '2027-07-15T12:00Z', 'PDT'],
    ['UTC', '2027-07-15T12:00Z', 'UTC'],
    ['Etc/UTC', '2027-07-15T12:00Z', 'UTC'],
    ['Europe/London', '2027-01-15T12:00Z', 'GMT'],
    // British Summer Time is not US English's: the name, as for Irish Standard Time.
    ['Europe/London', '2027-07-15T12:00Z', 'Europe/London'],
    ['Europe/Dublin', '2027-07-15T12:00Z', 'Europe/Dublin'],
    ['America/Vancouver', '2025-07-15T12:00Z', 'PDT'],
    ['America/Vancouver', '2027-01-15T12:00Z', 'MST'],
    ['America/Edmonton', '2027-01-15T12:00Z', 'CST'],
    // Ambiguous or not English: the name.
    ['Asia/Tokyo', '2027-01-15T12:00Z', 'Asia/Tokyo'],
    ['Asia/Kolkata', '2027-01-15T12:00Z', 'Asia/Kolkata'],
    ['Asia/Shanghai', '2027-01-15T12:00Z', 'Asia/Shanghai'],
    ['Asia/Manila', '2027-01-15T12:00Z', 'Asia/Manila'],
    ['America/Havana', '2027-01-15T12:00Z', 'America/Havana'],
    ['Europe/Paris', '2027-01-15T12:00Z', 'Europe/Paris'],
    ['America/Sao_Paulo', '2027-01-15T12:00Z', 'America/Sao_Paulo'],
  ])('%s at %s: %s', (zone, at, want) => {
    expect(zoneShortName(DateTime.fromISO(at, { zone: 'utc' }), zone)).toBe(want);
  });
});
