// Which zone names a user may write (src/tzdb/names.ts) and what tcon says of the others
// (src/config/zones.ts): IANA zones and links of the bundled database only, no abbreviations.
import { describe, expect, it } from 'vitest';
import { DEFAULT_REGION_SET } from '../../src/config/regions.js';
import { zoneError } from '../../src/config/zones.js';
import { allZoneNames, isZoneName, TZDB_SOURCE, TZDB_VERSION, zoneRules } from '../../src/tzdb/index.js';
import { ABBREVIATIONS, acceptedZoneName, CITIES, zoneNameProblem } from '../../src/tzdb/names.js';

const member = { regions: DEFAULT_REGION_SET, regionHint: 'key' as const };

describe('the bundled database', () => {
  it('is a current IANA release from moment-timezone, with zones and links', () => {
    expect(TZDB_VERSION).toMatch(/^20\d\d[a-z]$/);
    expect(TZDB_VERSION >= '2026d').toBe(true);
    expect(TZDB_SOURCE).toMatch(/^moment-timezone@\d+\.\d+\.\d+$/);
    // The canonical zones and a few of IANA's backward links.
    for (const name of [
      'America/New_York',
      'Asia/Kolkata',
      'Europe/Kyiv',
      'America/Nuuk',
      'Pacific/Kanton',
      'UTC',
      'Etc/GMT-14',
      'Asia/Calcutta',
      'US/Pacific',
      'Europe/Kiev',
    ]) {
      expect(isZoneName(name), name).toBe(true);
    }
    expect(isZoneName('america/new_york')).toBe(false);
    expect(isZoneName('constructor')).toBe(false);
    expect(allZoneNames().length).toBeGreaterThan(590);
  });

  it("a link has its zone's data", () => {
    expect(zoneRules('Asia/Calcutta')).toBe(zoneRules('Asia/Kolkata'));
    expect(zoneRules('US/Pacific')).toBe(zoneRules('America/Los_Angeles'));
  });
});

describe('zone names a user may write', () => {
  it.each(['America/New_York', 'Asia/Calcutta', 'US/Pacific', 'Japan', 'UTC', 'Etc/UTC', 'Etc/GMT+5', 'Zulu'])('%s is accepted', (name) => {
    expect(acceptedZoneName(name)).toBe(true);
    expect(zoneError(name)).toBeUndefined();
  });

  it.each([
    [
      'CST',
      'time zone "CST" is an abbreviation, not a zone: China Standard Time (Asia/Shanghai), US Central (America/Chicago) or Cuba (America/Havana)? write one of them or region: china-taiwan',
    ],
    [
      'EST',
      'time zone "EST" is an abbreviation, not a zone: US Eastern (America/New_York), Australian Eastern (Australia/Sydney) or UTC-05:00 all year, IANA\'s EST (America/Panama)? write one of them or region: us-east or region: australia-east',
    ],
    [
      'PST',
      'time zone "PST" is an abbreviation, not a zone: US Pacific (America/Los_Angeles), Philippine Standard Time (Asia/Manila) or Pakistan Standard Time (Asia/Karachi)? write one of them or region: us-west',
    ],
    ['JST', 'time zone "JST" is an abbreviation, not a zone: Japan Standard Time (Asia/Tokyo)? write Asia/Tokyo or region: japan-korea'],
    [
      'IST',
      'time zone "IST" is an abbreviation, not a zone: India Standard Time (Asia/Kolkata), Israel Standard Time (Asia/Jerusalem) or Irish Standard Time (Europe/Dublin)? write one of them or region: india',
    ],
    [
      'BST',
      'time zone "BST" is an abbreviation, not a zone: British Summer Time (Europe/London) or Bangladesh Standard Time (Asia/Dhaka)? write one of them or region: uk',
    ],
  ])('%s is refused with what it could mean', (name, message) => {
    expect(acceptedZoneName(name)).toBe(false);
    expect(zoneError(name, member)).toBe(message);
  });

  it("IANA's abbreviation-like links (EST, MST, HST, GMT, CET, PRC, EST5EDT...) are refused: they do not say what people mean by them", () => {
    const legacy = allZoneNames().filter((n) => isZoneName(n) && !n.includes('/') && /^[A-Z][A-Z0-9+-]*$/.test(n) && n !== 'UTC');
    expect(legacy).toEqual(expect.arrayContaining(['EST', 'MST', 'HST', 'GMT', 'CET', 'PRC', 'EST5EDT', 'GB', 'NZ', 'ROC']));
    for (const n of legacy) {
      expect(acceptedZoneName(n), n).toBe(false);
      if (/^GMT[+-]0$/.test(n)) {
        expect(zoneError(n), n).toMatch(/is a fixed offset: .*, or UTC$/);
        continue;
      }
      expect(zoneNameProblem(n)?.kind, n).toBe('abbreviation');
      expect(zoneError(n), n).toMatch(/is an abbreviation, not a zone: .*\((\w+\/\w+|UTC)\)\? write/);
    }
  });

  it('an abbreviation in other letter case, and one the table does not know, are still abbreviations', () => {
    expect(zoneError('cst')).toMatch(/^time zone "cst" is an abbreviation, not a zone: China Standard Time/);
    expect(zoneError('XYZT')).toBe(
      'time zone "XYZT" is an abbreviation, which names no zone: write the IANA zone of the place, such as America/New_York or Asia/Tokyo',
    );
  });

  it('a fixed offset is refused, with the Etc name of that offset (sign inverted)', () => {
    expect(zoneError('UTC+2')).toBe(
      'time zone "UTC+2" is a fixed offset: write the zone of the place (America/New_York, Europe/Paris), so that its daylight saving is followed, or Etc/GMT-2 for that offset all year (IANA\'s Etc/GMT names have the opposite sign)',
    );
    expect(zoneError('GMT-05:00')).toContain('or Etc/GMT+5 for that offset all year');
    expect(zoneError('UTC+05:30')).not.toContain('Etc/');
  });

  it.each([
    ['Asia/Bangalore', 'unknown time zone "Asia/Bangalore": did you mean Asia/Kolkata? or region: india'],
    ['Asia/Beijing', 'unknown time zone "Asia/Beijing": did you mean Asia/Shanghai? or region: china-taiwan'],
    ['america/new_york', 'unknown time zone "america/new_york": did you mean America/New_York? or region: us-east (zone names are case-sensitive)'],
    ['Europe/Pariss', 'unknown time zone "Europe/Pariss": did you mean Europe/Paris? or region: europe'],
    ['Europe/Tokyo', 'unknown time zone "Europe/Tokyo": did you mean Asia/Tokyo? or region: japan-korea'],
    ['New York', 'unknown time zone "New York": did you mean America/New_York? or region: us-east'],
    ['Australia/Sidney', 'unknown time zone "Australia/Sidney": did you mean Australia/Sydney? or region: australia-east'],
    ['Mars/Olympus', 'unknown time zone "Mars/Olympus" (expected an IANA zone name such as America/New_York, Europe/Paris, UTC)'],
  ])('near miss %s', (name, message) => {
    expect(zoneError(name, member)).toBe(message);
  });

  it("without regions (a group's timezone, a slot zone), no region is suggested", () => {
    expect(zoneError('Asia/Bangalore')).toBe('unknown time zone "Asia/Bangalore": did you mean Asia/Kolkata?');
    expect(zoneError('IST', { regions: DEFAULT_REGION_SET, regionHint: 'name' })).toMatch(/write one of them or the region india$/);
  });

  it('every zone a message may suggest is one a user may write', () => {
    for (const [abbr, meanings] of Object.entries(ABBREVIATIONS)) {
      expect(zoneNameProblem(abbr)?.kind, abbr).toBe('abbreviation');
      for (const m of meanings) expect(acceptedZoneName(m.zone), `${abbr}: ${m.zone}`).toBe(true);
    }
    for (const [city, zone] of Object.entries(CITIES)) {
      expect(acceptedZoneName(zone), `${city}: ${zone}`).toBe(true);
      expect(isZoneName(`Asia/${city}`), city).toBe(false);
    }
  });
});
