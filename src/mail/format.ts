import type { DateTime } from 'luxon';
import { dayText } from '../schedule/dates.js';
import type { Group } from '../schedule/types.js';
import { zoneOf } from '../schedule/zoned.js';

/*
 * Meeting times in words for mail: always English month and day names (setLocale), whatever the
 * machine's locale, and always in explicit zones (never the machine's).
 */

const en = (dt: DateTime) => dt.setLocale('en-GB');

/** "Tue 16 Mar 2027" (three-letter months: "Sep", never "Sept"). */
export function formatDay(dt: DateTime): string {
  return dayText(dt);
}

/** "09:00-10:00". */
export function formatHours(start: DateTime, end: DateTime): string {
  return `${en(start).toFormat('HH:mm')}-${en(end).toFormat('HH:mm')}`;
}

/** Whole calendar days between the wall dates of two DateTimes (each in its own zone). */
export function dayShift(from: DateTime, to: DateTime): number {
  const a = Date.UTC(from.year, from.month - 1, from.day);
  const b = Date.UTC(to.year, to.month - 1, to.day);
  return Math.round((b - a) / 86_400_000);
}

/** "+1 day", "-1 day", "+2 days", or "" when the date is the same. */
export function dayMark(shift: number): string {
  if (shift === 0) return '';
  const n = Math.abs(shift);
  return `${shift > 0 ? '+' : '-'}${n} day${n === 1 ? '' : 's'}`;
}

export interface MeetingTimes {
  /** "Tue 16 Mar 2027" in the group zone. */
  date: string;
  /** "09:00-10:00 US ET". */
  time: string;
  /** "Tue 16 Mar 22:00-23:00 (Asia/Tokyo)", with "(+1 day)" when the date differs; "" when the zones agree. */
  local: string;
  /** The date in the member's zone, "Tue 16 Mar 2027". */
  localDate: string;
  /** "22:00-23:00" in the member's zone. */
  localTime: string;
  /** "+1 day" / "-1 day" / "". */
  localShift: string;
  /** The whole line: "Tue 16 Mar 2027, 09:00-10:00 US ET · Tue 16 Mar 22:00-23:00 your time (Asia/Tokyo)". */
  line: string;
  /** The start in UTC, ISO 8601. */
  startUtc: string;
}

/**
 * A meeting in the group zone and in the reader's zone. `zone` undefined (or the group zone's
 * offset at both ends) gives the group-zone part only.
 */
export function meetingTimes(group: Pick<Group, 'timezone' | 'zoneLabel'>, start: DateTime, end: DateTime, zone: string | undefined): MeetingTimes {
  const gs = start.setZone(zoneOf(group.timezone));
  const ge = end.setZone(zoneOf(group.timezone));
  const date = formatDay(gs);
  const time = `${formatHours(gs, ge)} ${group.zoneLabel}`;
  const startUtc = gs.toUTC().toISO({ suppressMilliseconds: true })!;
  if (!zone || zone === group.timezone) {
    return { date, time, local: '', localDate: date, localTime: formatHours(gs, ge), localShift: '', line: `${date}, ${time}`, startUtc };
  }
  const ls = start.setZone(zoneOf(zone));
  const le = end.setZone(zoneOf(zone));
  const shift = dayMark(dayShift(gs, ls));
  const localTime = formatHours(ls, le);
  const local = `${dayText(ls, { year: false })} ${localTime}${shift ? ` (${shift})` : ''}`;
  return {
    date,
    time,
    local: `${local} (${zone})`,
    localDate: formatDay(ls),
    localTime,
    localShift: shift,
    line: `${date}, ${time} · ${local} your time (${zone})`,
    startUtc,
  };
}
