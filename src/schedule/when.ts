/*
 * A meeting time in words (pure): the one module mail, updates, reminders, `tcon diff`, the
 * minutes and the site say a time with. Day and month names are written by hand and digits never
 * come from the machine's locale (luxon's toFormat would use it: Arabic-Indic digits under an
 * Arabic locale), and zones are always explicit (never the machine's).
 */
import type { DateTime } from 'luxon';
import { clockText, dayText, monthName, weekdayName, type WallDay } from './dates.js';
import type { Group } from './types.js';
import { zoneOf } from './zoned.js';

/** "Tue 16 Mar 2027" (`year: false`: "Tue 16 Mar"; three-letter months: "Sep", never "Sept"). */
export function formatDay(dt: WallDay, opts: { year?: boolean } = {}): string {
  return dayText(dt, opts);
}

/** "Tuesday 17 September 2019". */
export function formatLongDate(dt: WallDay): string {
  return `${weekdayName(dt.weekday)} ${dt.day} ${monthName(dt.month)} ${dt.year}`;
}

/** "09:05" of a time in its zone. */
export function formatClock(dt: { hour: number; minute: number }): string {
  return clockText(dt.hour * 60 + dt.minute);
}

/** "09:00-10:00" (`dash`: the separator, "–" on the site). */
export function formatHours(start: DateTime, end: DateTime, dash = '-'): string {
  return `${formatClock(start)}${dash}${formatClock(end)}`;
}

/** "9am", "9:30am", "12pm". */
function h12(dt: DateTime): { text: string; suffix: 'am' | 'pm' } {
  const h = dt.hour % 12 || 12;
  const m = dt.minute ? `:${String(dt.minute).padStart(2, '0')}` : '';
  return { text: `${h}${m}`, suffix: dt.hour < 12 ? 'am' : 'pm' };
}

/** The minutes' style: "9-10am", "11am-12pm", "9:30-10:30am". */
export function formatTimeRange(start: DateTime, end: DateTime): string {
  const a = h12(start);
  const b = h12(end);
  return a.suffix === b.suffix ? `${a.text}-${b.text}${b.suffix}` : `${a.text}${a.suffix}-${b.text}${b.suffix}`;
}

/** "Tue 16 Mar 2027 09:00-10:00 US ET": a span in its zone with the zone's label, on one line. */
export function spanText(start: DateTime, end: DateTime, zoneLabel: string): string {
  return `${formatDay(start)} ${formatHours(start, end)} ${zoneLabel}`;
}

/** Whole calendar days between the wall dates of two DateTimes (each in its own zone). */
export function dayShift(from: WallDay, to: WallDay): number {
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

/** "in 3 hours", "today", "tomorrow", "in 7 days": how far `start` is from `now`, in `start`'s zone. */
export function whenText(now: DateTime, start: DateTime): string {
  const hours = start.diff(now, 'hours').hours;
  if (hours < 12) return `in ${Math.max(1, Math.round(hours))} hour${Math.round(hours) === 1 ? '' : 's'}`;
  const a = now.setZone(start.zone);
  const days = Math.round(start.startOf('day').diff(a.startOf('day'), 'days').days);
  if (days <= 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
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
 * A meeting in the group zone and in the reader's zone. `zone` undefined (or the group zone)
 * gives the group-zone part only.
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
  const local = `${formatDay(ls, { year: false })} ${localTime}${shift ? ` (${shift})` : ''}`;
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
