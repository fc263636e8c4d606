import type { IsoDate } from '../schedule/types.js';
import type { CalendarModel, Meeting } from './model.js';
import { zoneOf } from '../schedule/zoned.js';

/**
 * The meeting of `model` held on `date` (its start date in the group zone) or whose rule date
 * is `date` (a moved meeting is found by either), with the UID of the event it belongs to.
 */
export function findMeeting(model: CalendarModel, date: IsoDate): { uid: string; meeting: Meeting; series: boolean } | undefined {
  const zone = model.group.timezone;
  for (const pass of ['start', 'rule'] as const) {
    for (const e of model.events) {
      const meetings = e.kind === 'series' ? e.meetings : [e.meeting];
      const m = meetings.find((x) => (pass === 'start' ? x.start.setZone(zoneOf(zone)).toISODate() === date : x.ruleDate === date));
      if (m) return { uid: e.uid, meeting: m, series: e.kind === 'series' };
    }
  }
  return undefined;
}
