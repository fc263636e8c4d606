import type { DateTime } from 'luxon';
import { localTime, type ScheduleCoverage } from '../coverage/index.js';
import { rulesInWords, slotZoneTime } from '../schedule/present.js';
import { formatHours } from '../schedule/when.js';
import type { Group, Occurrence, OccurrenceStatus, Window } from '../schedule/types.js';

/*
 * What a page shows, computed from the planned schedule, the coverage and the feeds. Pure;
 * render.ts turns it into HTML.
 */

export interface SiteMeeting {
  /** Start and end instants (UTC ISO), for the reader's-zone column computed in the browser. */
  startUtc: string;
  endUtc: string;
  /** The date in the group zone, ISO and in words ("Tue 19 Jan 2027"). */
  date: string;
  dateText: string;
  /** "10:00–11:00" in the group zone. */
  time: string;
  /** The meeting's own time where its slot keeps another zone's ("00:00–01:00 UTC", "10:00–17:00 HST, host"). */
  slotTime: string | undefined;
  /** The meeting's title where it is not the group's (a series or one-off of its own). */
  title: string | undefined;
  status: OccurrenceStatus;
  note: string | undefined;
  slotLabel: string | undefined;
  /** Join link; only on private pages. */
  link: string | undefined;
}

export type HeatRating = 'good' | 'fair' | 'poor';

export interface HeatMap {
  regions: { id: string; label: string; zone: string }[];
  meetings: { label: string; date: string }[];
  /** cells[region][meeting]: the rating and the local start ("00:00 +1d"). */
  cells: { rating: HeatRating; local: string }[][];
}

export interface SiteGroup {
  id: string;
  title: string;
  zone: string;
  zoneLabel: string;
  /** The rules of the series shown, in words ("3rd Tuesday of every month (from 2019-09-01)"). */
  rule: string;
  meetings: SiteMeeting[];
  heatmap: HeatMap | undefined;
  /** Subscribe link (relative to the site root), when a feed was generated. */
  feed: string | undefined;
  /** Whether join links are shown. */
  private: boolean;
  /** Zones of the roster, offered first in the zone picker. */
  memberZones: string[];
}

export interface SiteModel {
  title: string;
  from: string;
  to: string;
  groups: SiteGroup[];
  /** One feed of every group, when generated. */
  allFeed: string | undefined;
}

const utc = (dt: DateTime) => dt.toUTC().toISO({ suppressMilliseconds: true })!;

function localLabel(hm: string, dayShift: number): string {
  return dayShift === 0 ? hm : `${hm} ${dayShift > 0 ? '+' : '−'}${Math.abs(dayShift)}d`;
}

/** The heat map of a group's coverage: focus regions (rows) x held meetings (columns). */
export function heatMapOf(cov: ScheduleCoverage): HeatMap | undefined {
  if (!cov.targets.length || !cov.meetings.length) return undefined;
  return {
    regions: cov.targets.map((t) => ({ id: t.id, label: t.label, zone: t.zone })),
    meetings: cov.meetings.map((m) => ({ label: m.occurrence.start.setLocale('en-US').toFormat('d LLL HH:mm'), date: m.occurrence.start.toISODate()! })),
    cells: cov.targets.map((_, ti) =>
      cov.meetings.map((m) => {
        const c = m.cells[ti]!;
        return { rating: c.rating, local: localLabel(localTime(c.start), c.dayShift) };
      }),
    ),
  };
}

export function siteGroup(
  group: Group,
  occurrences: readonly Occurrence[],
  opts: { coverage?: ScheduleCoverage | undefined; feed?: string | undefined; private: boolean; window?: Window | undefined },
): SiteGroup {
  return {
    id: group.id,
    title: group.title,
    zone: group.timezone,
    zoneLabel: group.zoneLabel,
    rule: rulesInWords(group, opts.window),
    meetings: occurrences.map((o) => {
      const s = o.start.setLocale('en-US');
      return {
        startUtc: utc(o.start),
        endUtc: utc(o.end),
        date: s.toISODate()!,
        dateText: s.toFormat('ccc d LLL yyyy'),
        time: formatHours(o.start, o.end, '–'),
        slotTime: slotZoneTime(o, group, (a, b) => formatHours(a, b, '–')),
        title: o.title !== group.title ? o.title : undefined,
        status: o.status,
        note: o.note,
        slotLabel: o.slotLabel,
        link: opts.private ? o.link : undefined,
      };
    }),
    heatmap: opts.coverage ? heatMapOf(opts.coverage) : undefined,
    feed: opts.feed,
    private: opts.private,
    memberZones: [...new Set(group.members.flatMap((m) => (m.zone ? [m.zone] : [])))].sort(),
  };
}
