// Reads what tcon writes with ical.js, an independent parser (never tcon code).
import ICAL from 'ical.js';

export interface Instance {
  uid: string;
  /** Start and end instants (ms since epoch). */
  start: number;
  end: number;
  summary: string;
  sequence: number;
  status: string | null;
  /** RECURRENCE-ID as ical.js reads it (override instances only). */
  recurrenceId: string | null;
}

export interface ParsedIcs {
  method: string | null;
  calendar: ICAL.Component;
  vevents: ICAL.Component[];
}

/** Parses an iCalendar text, registering its VTIMEZONEs so TZID times resolve to instants. */
export function parseIcs(text: string): ParsedIcs {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  }
  return {
    method: (calendar.getFirstPropertyValue('method') as string | null) ?? null,
    calendar,
    vevents: calendar.getAllSubcomponents('vevent'),
  };
}

/**
 * Every instance the calendar describes, as a client expands it: masters with RRULE/EXDATE and
 * their RECURRENCE-ID overrides. Throws when an override matches no instance of its master (a
 * client would then show the meeting twice) or when a recurrence runs past `limit` instances.
 */
export function expandIcs(text: string, limit = 5000): Instance[] {
  const { vevents } = parseIcs(text);
  const byUid = new Map<string, ICAL.Component[]>();
  for (const v of vevents) {
    const uid = v.getFirstPropertyValue('uid') as string;
    byUid.set(uid, [...(byUid.get(uid) ?? []), v]);
  }
  const out: Instance[] = [];
  for (const [uid, comps] of byUid) {
    const masters = comps.filter((c) => !c.hasProperty('recurrence-id'));
    const overrides = comps.filter((c) => c.hasProperty('recurrence-id'));
    if (masters.length !== 1) throw new Error(`${uid}: ${masters.length} masters`);
    const master = new ICAL.Event(masters[0], { exceptions: overrides });
    const info = (ev: ICAL.Event, comp: ICAL.Component) => ({
      uid,
      summary: ev.summary,
      sequence: ev.sequence,
      status: (comp.getFirstPropertyValue('status') as string | null) ?? null,
    });
    if (!master.isRecurring()) {
      if (overrides.length) throw new Error(`${uid}: overrides of a non-recurring event`);
      out.push({ ...info(master, masters[0]!), start: master.startDate.toJSDate().getTime(), end: master.endDate.toJSDate().getTime(), recurrenceId: null });
      continue;
    }
    const matched = new Set<string>();
    const it = master.iterator();
    let n = 0;
    for (let next = it.next(); next; next = it.next()) {
      if (++n > limit) throw new Error(`${uid}: more than ${limit} instances (no UNTIL?)`);
      const d = master.getOccurrenceDetails(next);
      const item = d.item as ICAL.Event;
      const overridden = item !== master;
      if (overridden) matched.add(item.recurrenceId.toString());
      out.push({
        ...info(item, item.component),
        start: d.startDate.toJSDate().getTime(),
        end: d.endDate.toJSDate().getTime(),
        recurrenceId: overridden ? item.recurrenceId.toString() : null,
      });
    }
    for (const o of overrides) {
      const rid = new ICAL.Event(o).recurrenceId.toString();
      if (!matched.has(rid)) throw new Error(`${uid}: override RECURRENCE-ID ${rid} matches no instance`);
    }
  }
  return out.sort((a, b) => a.start - b.start || (a.uid < b.uid ? -1 : 1));
}
