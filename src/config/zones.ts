/*
 * The one check of a zone name, wherever one is read: a group's `timezone`, a member's `zone`,
 * slot, move and add zones ("14:00 UTC", "00:00 UTC +1d"), a session's `zone`, regions.yaml,
 * the command line (`--zone`, `--regions`, `--zones`), the organization map of `tcon roster
 * import`. Accepted: the IANA zones and links of the bundled database (src/tzdb/names.ts), the
 * names src/plan/zones.ts maps to holiday countries; refused with what the name could mean and,
 * where a region may be written instead, the region that fits.
 */
import type { RegionSet } from '../schedule/types.js';
import { zoneNameProblem } from '../tzdb/names.js';
import { msg, orList, type Message } from './messages.js';

export interface ZoneCheckOptions {
  /** Regions to suggest: those whose zone is one the name may mean. */
  regions?: RegionSet | undefined;
  /** How a region is written where the name was read: `region: india` (a member), `india` (the command line); none: no region hint. */
  regionHint?: 'key' | 'name' | undefined;
}

function regionHint(zones: readonly string[], opts: ZoneCheckOptions): string {
  if (!opts.regions || !opts.regionHint) return '';
  const ids = [...new Set(zones.flatMap((z) => opts.regions!.regions.filter((r) => r.zone === z).map((r) => r.id)))];
  if (ids.length === 0) return '';
  return opts.regionHint === 'key' ? ` or ${orList(ids.map((id) => `region: ${id}`))}` : ` or the region ${orList(ids)}`;
}

/**
 * Why `name` is not a zone a user may write, in words, with what to write instead; undefined
 * when it is one.
 */
export function zoneError(name: string, opts: ZoneCheckOptions = {}): string | undefined {
  return zoneMessage(name, opts)?.text;
}

/** zoneError's message with its code (config.zone-abbreviation, config.zone-offset, config.unknown-zone). */
export function zoneMessage(name: string, opts: ZoneCheckOptions = {}): Message | undefined {
  const p = zoneNameProblem(name);
  if (!p) return undefined;
  switch (p.kind) {
    case 'abbreviation':
      return msg.zoneAbbreviation(
        name,
        p.meanings,
        regionHint(
          p.meanings.map((m) => m.zone),
          opts,
        ),
      );
    case 'offset':
      return msg.zoneOffset(name, p.etc);
    case 'unknown':
      return msg.unknownZone(name, p.suggestions, regionHint(p.suggestions, opts), p.caseOnly);
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
