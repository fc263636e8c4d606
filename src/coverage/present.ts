import { isPlainDay, offsetClock, plainDayText } from '../schedule/dates.js';
import type { Group } from '../schedule/types.js';
import { localDate, localTime, type Rating } from './rate.js';
import { fairOrBetter, type CoverageCell, type ScheduleCoverage, type Tally } from './schedule.js';

/*
 * The JSON contract of `tcon check --format json` (documented in docs/json.md, schema/check.output.schema.json). Fields are only
 * ever added, never renamed. `plan` and other tools read it.
 */

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const formatOffset = (min: number) => offsetClock(min);

const clockTexts = new Map<number, string>();
const offsetTexts = new Map<number, string>();

/**
 * Local milliseconds + offset → ISO 8601 with the offset: `2027-03-16T22:00:00+09:00`. Made from
 * the texts of the day, the time of day (at most 86,400) and the offset, each kept once made: a
 * Date and its ISO text per meeting and region were 8% of `check --all` of 1,000 groups.
 */
export function isoLocal(local: number, offsetMinutes: number): string {
  const seconds = Math.floor(local / 1000);
  const day = Math.floor(seconds / 86_400);
  if (!isPlainDay(day)) return `${new Date(seconds * 1000).toISOString().slice(0, 19)}${formatOffset(offsetMinutes)}`;
  const second = seconds - day * 86_400;
  let clock = clockTexts.get(second);
  if (clock === undefined) clockTexts.set(second, (clock = new Date(second * 1000).toISOString().slice(11, 19)));
  let offset = offsetTexts.get(offsetMinutes);
  if (offset === undefined) {
    if (offsetTexts.size > 1000) offsetTexts.clear();
    offsetTexts.set(offsetMinutes, (offset = formatOffset(offsetMinutes)));
  }
  return `${plainDayText(day)}T${clock}${offset}`;
}

/** One meeting as seen from one region or zone. */
export interface CellJson {
  /** Region id, or the IANA zone when a bare zone was asked for. */
  region: string;
  label: string;
  kind: 'region' | 'zone';
  zone: string;
  /** Local start and end, ISO 8601 with the local offset. */
  local: string;
  localEnd: string;
  localDate: string;
  /** `HH:mm-HH:mm` local. */
  localTime: string;
  /** Local date minus the meeting's date in its reference zone: 1 = next day, -1 = day before. */
  dayShift: number;
  weekday: string;
  weekend: boolean;
  rating: Rating;
}

export function cellToJson(c: CoverageCell): CellJson {
  return {
    region: c.target.id,
    label: c.target.label,
    kind: c.target.kind,
    zone: c.target.zone,
    local: isoLocal(c.start, c.offset),
    localEnd: isoLocal(c.end, c.endOffset),
    localDate: localDate(c.start),
    localTime: `${localTime(c.start)}-${localTime(c.end)}`,
    dayShift: c.dayShift,
    weekday: WEEKDAYS[c.weekday - 1]!,
    weekend: c.weekend,
    rating: c.rating,
  };
}

export interface TallyJson {
  meetings: number;
  good: number;
  fair: number;
  poor: number;
  /** Share of fair-or-better meetings, 0..1, rounded to 3 decimals. */
  fairOrBetter: number;
}

export function tallyToJson(t: Tally): TallyJson {
  return { meetings: t.meetings, good: t.good, fair: t.fair, poor: t.poor, fairOrBetter: Math.round(fairOrBetter(t) * 1000) / 1000 };
}

export interface ScheduleCellJson extends CellJson {
  group: string;
  /** The meeting's rule date, its start in the group zone and in UTC, its slot. */
  date: string;
  start: string;
  startUtc: string;
  slot: number | null;
  slotLabel: string | null;
  /** `scheduled`, `moved` or `added` (a moved meeting is rated where it is held) and its note. */
  status: string;
  note: string | null;
}

export interface ScheduleSummaryJson {
  regions: (TallyJson & { group: string; region: string; label: string; zone: string })[];
  members: (TallyJson & { group: string; name: string; email: string; role: string; weight: number; zone: string; region: string | null })[];
  membersWithoutZone: { group: string; name: string; email: string }[];
  warnings: { group: string; kind: string; date: string; until?: string; regions: string[]; message: string }[];
}

/** A group's coverage → the rows (one per meeting and region) and the summary of the contract. */
export function scheduleCoverageToJson(cov: ScheduleCoverage, group: Group): { results: ScheduleCellJson[]; summary: ScheduleSummaryJson } {
  const results: ScheduleCellJson[] = [];
  for (const m of cov.meetings) {
    const o = m.occurrence;
    const head = {
      group: group.id,
      date: o.date,
      start: o.start.toISO({ suppressMilliseconds: true })!,
      startUtc: o.start.toUTC().toISO({ suppressMilliseconds: true })!,
      slot: o.slot,
      slotLabel: o.slotLabel ?? null,
      status: o.status,
      note: o.note ?? null,
    };
    // One object literal per row (spreading head and cell into each of a hundred thousand rows
    // made them slow to build and to stringify: issue 14). The keys in the contract's order.
    for (const c of m.cells) {
      const cell = cellToJson(c);
      results.push({
        group: head.group,
        date: head.date,
        start: head.start,
        startUtc: head.startUtc,
        slot: head.slot,
        slotLabel: head.slotLabel,
        status: head.status,
        note: head.note,
        region: cell.region,
        label: cell.label,
        kind: cell.kind,
        zone: cell.zone,
        local: cell.local,
        localEnd: cell.localEnd,
        localDate: cell.localDate,
        localTime: cell.localTime,
        dayShift: cell.dayShift,
        weekday: cell.weekday,
        weekend: cell.weekend,
        rating: cell.rating,
      });
    }
  }
  return {
    results,
    summary: {
      regions: cov.regions.map((r) => ({ group: group.id, region: r.target.id, label: r.target.label, zone: r.target.zone, ...tallyToJson(r) })),
      members: cov.members.map((m) => ({
        group: group.id,
        name: m.member.name,
        email: m.member.email,
        role: m.member.role,
        weight: m.weight,
        zone: m.member.zone,
        region: m.member.region ?? null,
        ...tallyToJson(m),
      })),
      membersWithoutZone: cov.membersWithoutZone.map((m) => ({ group: group.id, name: m.name, email: m.email })),
      warnings: cov.warnings.map((w) => ({ group: group.id, ...w })),
    },
  };
}

/**
 * A group's coverage in one line, for overviews (`plan`): the focus regions' shares of
 * fair-or-better meetings, worst first, and the number of warnings.
 * "12 meetings: Japan/Korea 33%, US West 50%, China/Taiwan 50%, India 100%, ... fair or better; 3 warnings"
 */
export function summarizeCoverage(cov: ScheduleCoverage): string {
  const n = cov.meetings.length;
  if (n === 0) return 'no meeting';
  const regions = [...cov.regions]
    .map((r) => ({ label: r.target.label, share: fairOrBetter(r) }))
    .sort((a, b) => a.share - b.share)
    .map((r) => `${r.label} ${Math.round(r.share * 100)}%`);
  const w = cov.warnings.length;
  return `${n} meeting${n === 1 ? '' : 's'}: ${regions.join(', ')} fair or better${w ? `; ${w} warning${w === 1 ? '' : 's'}` : ''}`;
}
