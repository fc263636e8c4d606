import { findRegion } from '../config/regions.js';
import { startMs } from '../schedule/times.js';
import { isValidZone, offsetAt } from '../schedule/zoned.js';
import { formatClock } from '../schedule/when.js';
import type { Group, Member, Occurrence, RatingWindows, Region, RegionSet, RoleWeights } from '../schedule/types.js';
import { localDay, localSpan, localTime, rateLocal, weekdayLong, weekdayOfDay, type Rating } from './rate.js';

const MIN = 60_000;

/** What a meeting is judged for: a region, or a bare IANA zone with the default windows. */
export interface CoverageTarget {
  /** Region id, or the zone name for a bare zone. */
  id: string;
  label: string;
  zone: string;
  windows: RatingWindows;
  kind: 'region' | 'zone';
}

export function regionTarget(r: Region): CoverageTarget {
  return { id: r.id, label: r.label, zone: r.zone, windows: r.windows, kind: 'region' };
}

/**
 * Command-line names (region ids, aliases, IANA zones) → targets. Unknown names come back in
 * `unknown`; a name is a region before it is a zone.
 */
export function resolveTargets(set: RegionSet, names: readonly string[]): { targets: CoverageTarget[]; unknown: string[] } {
  const targets: CoverageTarget[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const region = findRegion(set, name);
    const t = region ? regionTarget(region) : isValidZone(name) ? zoneTarget(name, set.defaults) : undefined;
    if (!t) unknown.push(name);
    else if (!targets.some((x) => x.id === t.id)) targets.push(t);
  }
  return { targets, unknown };
}

export function zoneTarget(zone: string, windows: RatingWindows): CoverageTarget {
  return { id: zone, label: zone, zone, windows, kind: 'zone' };
}

/** The group's focus regions (`coverage.regions`, default every region). */
export function groupTargets(group: Group): CoverageTarget[] {
  return resolveTargets(group.coverage.regions, group.coverage.focus).targets;
}

/** One meeting as seen from one target. */
export interface CoverageCell {
  target: CoverageTarget;
  /** Local start and end as local milliseconds (see rate.ts); `offset` in minutes at the start. */
  start: number;
  end: number;
  offset: number;
  /** Offset (minutes) at the end: differs from `offset` when clocks change during the meeting. */
  endOffset: number;
  /** Local date minus the meeting's date in the reference zone: +1 = "next day". */
  dayShift: number;
  /** ISO weekday of the local start (1 = Monday). */
  weekday: number;
  weekend: boolean;
  rating: Rating;
}

/** Rates one meeting (instants) for each target; `refZone` is where dates are counted from. */
export function rateMeeting(startMs: number, endMs: number, refZone: string, targets: readonly CoverageTarget[]): CoverageCell[] {
  const refDay = localDay(startMs + offsetAt(refZone, startMs) * MIN);
  return targets.map((target) => {
    const span = localSpan(startMs, endMs, target.zone);
    const day = localDay(span.start);
    const weekday = weekdayOfDay(day);
    return {
      target,
      start: span.start,
      end: span.end,
      offset: span.offset,
      endOffset: span.endOffset,
      dayShift: day - refDay,
      weekday,
      weekend: target.windows.weekend.includes(weekday),
      rating: rateLocal(span.start, span.end, target.windows),
    };
  });
}

export interface Tally {
  meetings: number;
  good: number;
  fair: number;
  poor: number;
}

const emptyTally = (): Tally => ({ meetings: 0, good: 0, fair: 0, poor: 0 });

function count(t: Tally, r: Rating): void {
  t.meetings++;
  t[r]++;
}

/** Share of fair-or-better meetings, 0..1 (1 when there is no meeting). */
export function fairOrBetter(t: Tally): number {
  return t.meetings ? (t.good + t.fair) / t.meetings : 1;
}

export interface MeetingCoverage {
  occurrence: Occurrence;
  cells: CoverageCell[];
}

export interface RegionCoverage extends Tally {
  target: CoverageTarget;
}

export interface MemberCoverage extends Tally {
  member: Member & { zone: string };
  weight: number;
}

export type CoverageWarning =
  | { kind: 'dst-mismatch'; date: string; regions: string[]; message: string }
  | { kind: 'no-coverage'; date: string; until: string; regions: string[]; meetings: number; message: string }
  | { kind: 'weekend'; date: string; regions: string[]; message: string };

/** Coverage of a group's meetings: what `tcon check --group` prints, and `plan` summarises. */
export interface ScheduleCoverage {
  groupId: string;
  targets: CoverageTarget[];
  /** Held meetings (not skipped), in order, with one cell per target. */
  meetings: MeetingCoverage[];
  regions: RegionCoverage[];
  /** Members with a zone (given or from their region). */
  members: MemberCoverage[];
  /** Members without any zone: not counted. */
  membersWithoutZone: Member[];
  warnings: CoverageWarning[];
}

export interface CoverageOptions {
  /** Default: the group's focus regions. */
  targets?: readonly CoverageTarget[];
  /** Default: the group's roster. */
  members?: readonly Member[];
  weights?: RoleWeights;
}

/**
 * Rates every held meeting for every target and member, tallies good/fair/poor, and finds the
 * warnings: DST mismatch weeks, regions with no fair-or-better meeting in a whole rotation, and
 * meetings on a region's weekend. Pure; offsets come from the running Node's zone data.
 */
export function coverageOfSchedule(group: Group, occurrences: readonly Occurrence[], options: CoverageOptions = {}): ScheduleCoverage {
  const targets = [...(options.targets ?? groupTargets(group))];
  const weights = options.weights ?? group.coverage.weights;
  const held = occurrences.filter((o) => o.status !== 'skipped');
  const meetings = held.map((occurrence) => ({
    occurrence,
    cells: rateMeeting(occurrence.start.toMillis(), occurrence.end.toMillis(), group.timezone, targets),
  }));
  const regions = targets.map((target, i) => {
    const t: RegionCoverage = { target, ...emptyTally() };
    for (const m of meetings) count(t, m.cells[i]!.rating);
    return t;
  });
  const { members, membersWithoutZone } = memberCoverage(held, options.members ?? group.members, weights);
  const warnings = [...dstMismatches(group, meetings), ...uncoveredRotations(group, meetings, targets), ...weekendMeetings(group, meetings)];
  warnings.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { groupId: group.id, targets, meetings, regions, members, membersWithoutZone, warnings };
}

/** Members rated per distinct (zone, windows): a roster of hundreds has only a few dozen. */
function memberCoverage(held: readonly Occurrence[], roster: readonly Member[], weights: RoleWeights) {
  const spans = held.map((o) => [o.start.toMillis(), o.end.toMillis()] as const);
  const byKey = new Map<string, Tally>();
  const members: MemberCoverage[] = [];
  const membersWithoutZone: Member[] = [];
  for (const member of roster) {
    if (!member.zone) {
      membersWithoutZone.push(member);
      continue;
    }
    const key = `${member.zone}|${JSON.stringify(member.windows)}`;
    let tally = byKey.get(key);
    if (!tally) {
      tally = emptyTally();
      for (const [s, e] of spans) {
        const span = localSpan(s, e, member.zone);
        count(tally, rateLocal(span.start, span.end, member.windows));
      }
      byKey.set(key, tally);
    }
    members.push({ member: member as Member & { zone: string }, weight: weights[member.role], ...tally });
  }
  return { members, membersWithoutZone };
}

const hours = (min: number) => {
  const h = Math.abs(min) / 60;
  return `${Number.isInteger(h) ? h : h.toFixed(1)}h`;
};

/**
 * DST mismatch: the offset between the slot's zone and a target's zone normally takes its
 * January or its July value; on the weeks when one side has changed its clocks and the other
 * has not (US in March before Europe, Europe in late October before the US), it takes a third
 * value, and the meeting is an hour off its usual local time there.
 */
function dstMismatches(group: Group, meetings: readonly MeetingCoverage[]): CoverageWarning[] {
  const out: CoverageWarning[] = [];
  // January's and July's offset differences, by slot zone, target zone and year (maps in maps:
  // no key text made per meeting and region, which was most of this function in `check --all`).
  const seasonal = new Map<string, Map<string, Map<number, [number, number]>>>();
  const diffAt = (a: string, b: string, ms: number) => offsetAt(b, ms) - offsetAt(a, ms);
  for (let i = 0; i < meetings.length; i++) {
    const { occurrence: o, cells } = meetings[i]!;
    const ms = startMs(o);
    const ref = o.slotZone;
    const refOffset = offsetAt(ref, ms);
    const year = o.start.year;
    const off: string[] = [];
    const ids: string[] = [];
    let byZone = seasonal.get(ref);
    if (!byZone) seasonal.set(ref, (byZone = new Map()));
    for (let k = 0; k < cells.length; k++) {
      const cell = cells[k]!;
      let byYear = byZone.get(cell.target.zone);
      if (!byYear) byZone.set(cell.target.zone, (byYear = new Map()));
      let s = byYear.get(year);
      if (!s) {
        s = [diffAt(ref, cell.target.zone, Date.UTC(year, 0, 15, 12)), diffAt(ref, cell.target.zone, Date.UTC(year, 6, 15, 12))];
        byYear.set(year, s);
      }
      const d = cell.offset - refOffset;
      if (d === s[0] || d === s[1]) continue;
      const now = localTime(cell.start);
      const usual = [...new Set(s)].map((u) => localTime(cell.start + (u - d) * MIN));
      const shift = s[0] === s[1] ? ` ${hours(d - s[0])} ${d < s[0] ? 'earlier' : 'later'} than usual,` : '';
      off.push(`${cell.target.label} (${now},${shift} usually ${usual.join(' or ')})`);
      ids.push(cell.target.id);
    }
    if (!ids.length) continue;
    out.push({
      kind: 'dst-mismatch',
      date: o.start.toISODate()!,
      regions: ids,
      message: `${o.start.toISODate()} ${formatClock(o.start)} ${group.zoneLabel}: DST mismatch week, the meeting is an hour off its usual local time in ${off.join(', ')}`,
    });
  }
  return out;
}

/**
 * A target with no fair-or-better meeting in a whole rotation cycle: a run of consecutive
 * poor meetings of one series at least as long as its rotation (number of slots).
 */
function uncoveredRotations(group: Group, meetings: readonly MeetingCoverage[], targets: readonly CoverageTarget[]): CoverageWarning[] {
  const out: CoverageWarning[] = [];
  for (const series of group.series) {
    const own = meetings.filter((m) => m.occurrence.seriesId === series.id);
    const k = series.slots.length;
    targets.forEach((target, i) => {
      let run: MeetingCoverage[] = [];
      const flush = () => {
        if (run.length >= k && run.length > 0) {
          const first = run[0]!.occurrence.start.toISODate()!;
          const last = run[run.length - 1]!.occurrence.start.toISODate()!;
          const what = k > 1 ? `a whole rotation of ${k} slots` : 'its only slot';
          out.push({
            kind: 'no-coverage',
            date: first,
            until: last,
            regions: [target.id],
            meetings: run.length,
            message: `${target.label}: no fair-or-better meeting in ${run.length} consecutive meeting${run.length === 1 ? '' : 's'}${run.length > 1 ? `, ${first} to ${last}` : ` on ${first}`} (${what})`,
          });
        }
        run = [];
      };
      for (const m of own) {
        if (m.cells[i]!.rating === 'poor') run.push(m);
        else flush();
      }
      flush();
    });
  }
  return out;
}

function weekendMeetings(group: Group, meetings: readonly MeetingCoverage[]): CoverageWarning[] {
  const out: CoverageWarning[] = [];
  for (const { occurrence: o, cells } of meetings) {
    const weekend = cells.filter((c) => c.weekend);
    if (!weekend.length) continue;
    const where = weekend.map((c) => `${weekdayLong(c.weekday)} ${localTime(c.start)} in ${c.target.label}`).join(', ');
    out.push({
      kind: 'weekend',
      date: o.start.toISODate()!,
      regions: weekend.map((c) => c.target.id),
      message: `${o.start.toISODate()} ${o.start.setLocale('en-US').toFormat('ccc HH:mm')} ${group.zoneLabel} is on a weekend day: ${where}`,
    });
  }
  return out;
}
