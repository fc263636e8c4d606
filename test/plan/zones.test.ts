import { existsSync, readFileSync } from 'node:fs';
import { getAllTimezones } from 'countries-and-timezones';
import { describe, expect, it } from 'vitest';
import { countryOfZone, zoneCountry } from '../../src/plan/zones.js';
import { allZoneNames, TZDB_VERSION } from '../../src/tzdb/index.js';

/*
 * The country of every IANA zone and link, checked against the system's tz database (Debian's
 * tzdata: zone.tab names one country per zone, tzdata.zi has every zone and link), which shares
 * nothing with the countries-and-timezones package tcon reads, nor with ICU.
 */

const ZONEINFO = '/usr/share/zoneinfo';
const have = existsSync(`${ZONEINFO}/zone.tab`) && existsSync(`${ZONEINFO}/tzdata.zi`);
if (!have && process.env.CI) throw new Error(`${ZONEINFO}/zone.tab and tzdata.zi are missing: install Debian's tzdata`);

/**
 * Backward-compatibility links whose target lies in another country than the name: tzdata's
 * `backzone` file keeps each of them as a zone under its own country's heading.
 */
const BACKZONE: Record<string, string> = {
  'Africa/Asmera': 'ER',
  'Africa/Timbuktu': 'ML',
  'America/Coral_Harbour': 'CA',
  'America/Virgin': 'VI',
  'Antarctica/South_Pole': 'AQ',
  'Atlantic/Jan_Mayen': 'SJ',
  Iceland: 'IS',
  'Pacific/Johnston': 'UM',
  'Pacific/Ponape': 'FM',
  'Pacific/Truk': 'FM',
  'Pacific/Yap': 'FM',
};

/** Names that stand for no country: UTC and its aliases, Etc/*, and the POSIX-style zones. */
const NO_COUNTRY = /^(Etc\/.*|UTC|UCT|GMT.*|Greenwich|Universal|Zulu|Factory|CET|MET|EET|WET|EST|MST|HST|EST5EDT|CST6CDT|MST7MDT|PST8PDT)$/;

function tzdata(): { tab: Map<string, string>; links: Map<string, string>; names: string[] } {
  const tab = new Map<string, string>();
  for (const line of readFileSync(`${ZONEINFO}/zone.tab`, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [country, , zone] = line.split('\t');
    tab.set(zone!, country!);
  }
  const links = new Map<string, string>();
  const names: string[] = [];
  for (const line of readFileSync(`${ZONEINFO}/tzdata.zi`, 'utf8').split('\n')) {
    const [kind, a, b] = line.split(' ');
    if (kind === 'Z') names.push(a!);
    if (kind === 'L') {
      links.set(b!, a!);
      names.push(b!);
    }
  }
  return { tab, links, names };
}

function expected(name: string, db: ReturnType<typeof tzdata>): string | undefined {
  if (NO_COUNTRY.test(name)) return undefined;
  let z: string | undefined = name;
  for (let i = 0; z && i < 5; i++) {
    const found = db.tab.get(z) ?? BACKZONE[z];
    if (found) return found;
    z = db.links.get(z);
  }
  return undefined;
}

describe.skipIf(!have)('zone → country, against the system tz database', () => {
  const db = have ? tzdata() : { tab: new Map(), links: new Map(), names: [] };

  it('every zone and link of tzdata.zi gets its zone.tab country (links followed), or none for Etc/*, UTC, CET...', () => {
    expect(db.names.length).toBeGreaterThan(550);
    const wrong = db.names.map((n) => [n, countryOfZone(n), expected(n, db)]).filter(([, got, want]) => got !== want);
    expect(wrong).toEqual([]);
  });
});

describe('zone → country', () => {
  it.each([
    // Links of tzdata's `backward` file: old names members still have in their systems.
    ['Asia/Calcutta', 'IN'],
    ['Asia/Kolkata', 'IN'],
    ['Asia/Saigon', 'VN'],
    ['Asia/Rangoon', 'MM'],
    ['Asia/Katmandu', 'NP'],
    ['Asia/Chongqing', 'CN'],
    ['Asia/Harbin', 'CN'],
    ['ROC', 'TW'],
    ['ROK', 'KR'],
    ['PRC', 'CN'],
    ['Japan', 'JP'],
    ['Europe/Kiev', 'UA'],
    ['US/Pacific', 'US'],
    ['America/Buenos_Aires', 'AR'],
    // Zones merged into another country's since tzdata 2022b keep their own country.
    ['Europe/Copenhagen', 'DK'],
    ['Europe/Oslo', 'NO'],
    ['Asia/Kuala_Lumpur', 'MY'],
    ['Europe/Simferopol', 'UA'],
    ['Etc/UTC', undefined],
    ['UTC', undefined],
    ['EST5EDT', undefined],
    ['CET', undefined],
    ['Mars/Olympus_Mons', undefined],
  ])('%s → %s', (zone, country) => {
    expect(countryOfZone(zone)).toBe(country);
  });

  it('every zone the running Node knows names a country, except UTC and Etc/*', () => {
    const none = Intl.supportedValuesOf('timeZone').filter((z) => !countryOfZone(z) && !NO_COUNTRY.test(z));
    expect(none).toEqual([]);
  });
});

describe(`zone → country over the bundled tz database (${TZDB_VERSION}), the names tcon checks zones against`, () => {
  const bundled = allZoneNames();

  it('every zone and link of it names a country, but for UTC, Etc/* and the POSIX-style names (exactly those)', () => {
    expect(bundled.length).toBeGreaterThan(550);
    expect(bundled.filter((z) => !countryOfZone(z))).toEqual(bundled.filter((z) => NO_COUNTRY.test(z)));
    expect(bundled.filter((z) => 'missing' in zoneCountry(z) && (zoneCountry(z) as { missing: string }).missing === 'unknown-zone')).toEqual([]);
  });

  it("the country package knows the same names (but tzdata's Factory, which moment-timezone's data leaves out)", () => {
    const known = Object.keys(getAllTimezones({ deprecated: true }));
    const names = new Set(bundled);
    expect(known.filter((z) => !names.has(z))).toEqual(['Factory']);
    expect(bundled.filter((z) => !known.includes(z))).toEqual([]);
  });

  it('a name outside the bundled database is an unknown zone, whatever the country package says', () => {
    expect(zoneCountry('Factory')).toEqual({ missing: 'unknown-zone' });
    expect(zoneCountry('asia/kolkata')).toEqual({ missing: 'unknown-zone' });
    expect(zoneCountry('Asia/Kolkata')).toEqual({ country: 'IN' });
  });
});
