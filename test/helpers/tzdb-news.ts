// What each IANA release since 2025b changed for timestamps from 2025 on, from its NEWS file
// ("Changes to future timestamps"; the NEWS of 2026f is in Debian's tzdata 2026f-0+deb12u1,
// /usr/share/doc/tzdata/changelog.gz). A system tz database older than tcon's disagrees with it
// on these zones (and the links that share their data), and on no other: the tests that compare
// with Python's zoneinfo leave them out, saying so.
import { allZoneNames, zoneRules } from '../../src/tzdb/index.js';

/** The oldest release the table starts after: a system database older than this is not compared. */
export const NEWS_SINCE = '2025b';

export const FUTURE_CHANGES: readonly { release: string; zones: readonly string[]; news: string }[] = [
  // 2025c: "Changes to past timestamps" only (Baja California 1953-1975).
  { release: '2026a', zones: ['Europe/Chisinau'], news: 'Since 2022 Moldova has observed EU transition times' },
  { release: '2026b', zones: ['America/Vancouver'], news: 'British Columbia moved to permanent -07 on 2026-03-09' },
  {
    release: '2026c',
    zones: ['America/Edmonton', 'Africa/Casablanca', 'Africa/El_Aaiun'],
    news: 'Alberta moved to permanent -06 on 2026-06-18; Morocco moves to permanent +00 on 2026-09-20 (also Western Sahara)',
  },
  { release: '2026d', zones: ['America/Inuvik'], news: 'Canada’s Northwest Territories moved to permanent -06 on 2026-08-21' },
  { release: '2026e', zones: ['America/Winnipeg'], news: 'Manitoba moves to permanent -05 on 2026-10-31' },
  { release: '2026f', zones: ['America/Havana'], news: 'Cuba will not fall back 2026-11-01; stays on -04 through 2027-11-07' },
];

/**
 * Every name (zones and the links sharing their data) whose future changed in a release after
 * `version`; undefined when `version` is older than the table knows.
 */
export function changedSince(version: string): Set<string> | undefined {
  if (version < NEWS_SINCE) return undefined;
  const zones = FUTURE_CHANGES.filter((c) => c.release > version).flatMap((c) => c.zones);
  const data = new Set(zones.map((z) => zoneRules(z)));
  return new Set(allZoneNames().filter((n) => data.has(zoneRules(n))));
}
