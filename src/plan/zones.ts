import { getTimezone } from 'countries-and-timezones';
import { isZoneName } from '../tzdb/index.js';

/*
 * The country of an IANA zone, for members known by their zone only. The mapping is the tz
 * database's own (zone.tab, with the `backward` links), as the countries-and-timezones package
 * ships it, not ICU's: every zone and link resolves, Asia/Calcutta as Asia/Kolkata (IN),
 * Asia/Saigon as Asia/Ho_Chi_Minh (VN), and a link that names a place of another country than
 * its target keeps its own (Europe/Copenhagen, a link to Europe/Berlin since tzdata 2022b, is DK;
 * Iceland, a link to Africa/Abidjan, is IS). The zone database itself (offsets) comes from
 * elsewhere; only the names are read here.
 *
 * Zones that name no country: Etc/*, UTC and its aliases, and the POSIX-style zones tzdata keeps
 * for compatibility (CET, EST5EDT, ...): countries-and-timezones maps the latter to the zone they
 * became links to in tzdata 2024b (CET to Brussels, EST to Panama), which says nothing of where
 * a member writing "CET" lives.
 *
 * Which names are zones is the bundled tz database's answer (src/tzdb, the one list tcon checks
 * names against), not the package's: test/plan/zones.test.ts checks that the two lists agree and
 * that every bundled zone and link gets a country or is one of the names above.
 */

const GENERIC = new Set(['CET', 'MET', 'EET', 'WET', 'EST', 'MST', 'HST', 'EST5EDT', 'CST6CDT', 'MST7MDT', 'PST8PDT']);

/**
 * zone.tab's country where countries-and-timezones lists another first (Europe/Simferopol: the
 * package lists RU, UA; zone.tab, which names one country per zone, UA).
 */
const ZONE_TAB: Readonly<Record<string, string>> = { 'Europe/Simferopol': 'UA' };

/** Why a zone gives no country: a name the bundled tz database does not have, or one that stands for no country. */
export type NoCountry = 'unknown-zone' | 'no-country';

/** The ISO 3166 country of an IANA zone or link; undefined for Etc/*, UTC, CET, EST5EDT... */
export function countryOfZone(zone: string): string | undefined {
  const r = zoneCountry(zone);
  return 'country' in r ? r.country : undefined;
}

/** The country of a zone, or why there is none. */
export function zoneCountry(zone: string): { country: string } | { missing: NoCountry } {
  if (!isZoneName(zone)) return { missing: 'unknown-zone' };
  if (GENERIC.has(zone)) return { missing: 'no-country' };
  const fixed = ZONE_TAB[zone];
  if (fixed) return { country: fixed };
  const first = getTimezone(zone)?.countries[0];
  return first ? { country: first } : { missing: 'no-country' };
}
