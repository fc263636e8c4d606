// The comparison of the zones a command used with Node's own ICU data (src/adapters/icu-tz.ts):
// the build lists the zones ICU disagrees on (dist/icu-zones.json), so that the common case costs
// no ICU formatter; the zones IANA changed since ICU's release (from IANA's NEWS) must be on it.
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeIcuDisagreement, icuDisagreements, type IcuZoneList } from '../../src/adapters/icu-tz.js';
import { TZDB_VERSION } from '../../src/tzdb/index.js';
import { changedSince } from '../helpers/tzdb-news.js';

const LIST = new URL('../../dist/icu-zones.json', import.meta.url);
const span = (from: string, to: string) => ({ from: Date.parse(from), to: Date.parse(to) });

afterEach(() => vi.restoreAllMocks());

describe("Node's ICU against the bundled tz database", () => {
  it("the build lists every zone IANA changed since the release of Node's ICU data", () => {
    expect(existsSync(LIST), 'npm run build writes dist/icu-zones.json').toBe(true);
    const list = JSON.parse(readFileSync(LIST, 'utf8')) as IcuZoneList;
    expect([list.icu, list.tz, list.tzdata]).toEqual([process.versions.icu, process.versions.tz, TZDB_VERSION]);
    const changed = changedSince(process.versions.tz ?? '');
    expect(changed, `ICU's release ${process.versions.tz} is in the NEWS table`).toBeDefined();
    for (const z of changed!) expect(list.zones, z).toContain(z);
  });

  it('a zone ICU agrees on is not compared at run time: no ICU formatter at all', () => {
    const spy = vi.spyOn(Intl, 'DateTimeFormat');
    expect(icuDisagreements(new Map([['America/New_York', span('2027-01-01T00:00Z', '2027-12-31T00:00Z')]]))).toEqual([]);
    expect(spy).not.toHaveBeenCalled();
  });

  it('Vancouver in winter 2026-27: one disagreement, in words; none in summer 2026 (both say UTC-07:00)', () => {
    const found = icuDisagreements(new Map([['America/Vancouver', span('2026-12-01T00:00Z', '2027-02-28T00:00Z')]]));
    if (process.versions.tz! >= '2026b') {
      expect(found).toEqual([]); // a Node with British Columbia's change: nothing to say
      return;
    }
    const [d, ...more] = found;
    expect(more).toEqual([]);
    expect([d!.zone, d!.icu, d!.tzdb, new Date(d!.at).toISOString()]).toEqual(['America/Vancouver', -480, -420, '2026-12-01T00:00:00.000Z']);
    expect(describeIcuDisagreement(d!)).toBe(
      `tcon: note: Node's own time-zone data (ICU, tzdata ${process.versions.tz}) puts America/Vancouver at UTC-08:00 on 2026-11-30, tzdata ${TZDB_VERSION} at UTC-07:00; tcon uses tzdata ${TZDB_VERSION} (programs that use Node's or an older system's data may show other times)`,
    );
    expect(icuDisagreements(new Map([['America/Vancouver', span('2026-06-01T00:00Z', '2026-08-31T00:00Z')]]))).toEqual([]);
  });

  it('nothing to compare when Node has the same release', () => {
    expect(icuDisagreements(new Map([['America/Vancouver', span('2026-12-01T00:00Z', '2027-02-28T00:00Z')]]), TZDB_VERSION)).toEqual([]);
  });
});
