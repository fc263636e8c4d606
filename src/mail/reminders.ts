import type { DateTime } from 'luxon';
import type { Group, Occurrence } from '../schedule/types.js';
import type { Recipient } from './messages.js';
import { zoneOf } from '../schedule/zoned.js';

/** A reminder due now: the meeting and the offset (in days) it answers to. */
export interface DueReminder {
  meeting: Occurrence;
  days: number;
}

function dayNumber(dt: DateTime): number {
  return Math.floor(Date.UTC(dt.year, dt.month - 1, dt.day) / 86_400_000);
}

/**
 * The meetings that need a reminder at `now`, given the offsets (`--days 7,1`). Days are counted
 * as calendar days in the group's zone (a cron job at 08:00 a week before a Tuesday call reminds
 * on the Tuesday before, whatever the hour of the call). A meeting gets the smallest offset that
 * is at least its distance: with 7,1, a call in 5 days answers to "7" (sent once: the log has
 * it the next day), a call tomorrow to "1". Meetings already started, and skipped ones, get none.
 */
export function dueReminders(group: Group, meetings: readonly Occurrence[], now: DateTime, offsets: readonly number[]): DueReminder[] {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const today = dayNumber(now.setZone(zoneOf(group.timezone)));
  const out: DueReminder[] = [];
  for (const m of meetings) {
    if (m.status === 'skipped' || m.start.toMillis() <= now.toMillis()) continue;
    const distance = dayNumber(m.start.setZone(zoneOf(group.timezone))) - today;
    const days = sorted.find((d) => d >= distance);
    if (days !== undefined) out.push({ meeting: m, days });
  }
  return out;
}

/** Who gets reminders: the group's list address when it has one, else every member. */
export function reminderRecipients(group: Group): Recipient[] {
  if (group.list) return [{ name: `${group.title} members`, email: group.list, zone: undefined }];
  return group.members.map((m) => ({ name: m.name, email: m.email, zone: m.zone }));
}
