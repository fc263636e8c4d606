/*
 * The one check of a zone name, wherever one is read: a group's `timezone`, a member's `zone`,
 * slot, move and add zones ("14:00 UTC", "00:00 UTC +1d"), a session's `zone`, regions.yaml,
 * the command line (`--zone`, `--regions`, `--zones`), the organization map of `tcon roster
 * import`. Accepted: the IANA zones and links of the bundled database (src/tzdb/names.ts), the
 * names src/plan/zones.ts maps to holiday countries; refused with what the name could mean and,
 * where a region may be written instead, the region that fits.
 */
import type { RegionSet } from '../schedule/types.js';
import { zoneNameProblem, type ZoneMeaning } from '../tzdb/names.js';

export interface ZoneCheckOptions {
  /** Regions to suggest: those whose zone is one the name may mean. */
  regions?: RegionSet | undefined;
  /** How a region is written where the name was read: `region: india` (a member), `india` (the command line); none: no region hint. */
  regionHint?: 'key' | 'name' | undefined;
}

/** "A, B or C". */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function regionHint(zones: readonly string[], opts: ZoneCheckOptions): string {
  if (!opts.regions || !opts.regionHint) return '';
  const ids = [...new Set(zones.flatMap((z) => opts.regions!.regions.filter((r) => r.zone === z).map((r) => r.id)))];
  if (ids.length === 0) return '';
  return opts.regionHint === 'key' ? ` or ${orList(ids.map((id) => `region: ${id}`))}` : ` or the region ${orList(ids)}`;
}

function meaning(m: ZoneMeaning): string {
  return `${m.label} (${m.zone})`;
}

/**
 * Why `name` is not a zone a user may write, in words, with what to write instead; undefined
 * when it is one.
 */
export function zoneError(name: string, opts: ZoneCheckOptions = {}): string | undefined {
  const p = zoneNameProblem(name);
  if (!p) return undefined;
  switch (p.kind) {
    case 'abbreviation': {
      if (p.meanings.length === 0)
        return `time zone "${name}" is an abbreviation, which names no zone: write the IANA zone of the place, such as America/New_York or Asia/Tokyo`;
      const zones = p.meanings.map((m) => m.zone);
      const what = p.meanings.length === 1 ? `write ${zones[0]}` : 'write one of them';
      return `time zone "${name}" is an abbreviation, not a zone: ${orList(p.meanings.map(meaning))}? ${what}${regionHint(zones, opts)}`;
    }
    case 'offset':
      return `time zone "${name}" is a fixed offset: write the zone of the place (America/New_York, Europe/Paris), so that its daylight saving is followed${
        p.etc === 'UTC' ? ', or UTC' : p.etc ? `, or ${p.etc} for that offset all year (IANA's Etc/GMT names have the opposite sign)` : ''
      }`;
    case 'unknown': {
      if (p.suggestions.length === 0) return `unknown time zone "${name}" (expected an IANA zone name such as America/New_York, Europe/Paris, UTC)`;
      const why = p.caseOnly ? ' (zone names are case-sensitive)' : '';
      return `unknown time zone "${name}": did you mean ${orList(p.suggestions)}?${regionHint(p.suggestions, opts)}${why}`;
    }
  }
}

/**
 * Why `name`, read where a region id or a zone may be written (`--regions`, `--zones`, the
 * organization map of `tcon roster import`), is neither: as `zoneError` says it, with the
 * regions that fit, or the list of regions when nothing does.
 */
export function placeError(name: string, regions: RegionSet): string {
  const why = (zoneError(name, { regions, regionHint: 'name' }) ?? `unknown time zone "${name}"`).replace(/^unknown time zone/, 'unknown region or time zone');
  return why.includes('(expected an IANA')
    ? `unknown region or time zone "${name}" (regions: ${regions.regions.map((r) => r.id).join(', ')}; or an IANA zone such as Asia/Tokyo)`
    : why;
}
