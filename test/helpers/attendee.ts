/*
 * An attendee's calendar that applies iTIP messages (RFC 5546) in the order they arrive, read with
 * ical.js (never tcon code). It is what a member ends up seeing after a series of invitations,
 * updates and cancellations, under one of two client models:
 *
 * - `rfc`: a message is newer than what is held when its SEQUENCE is higher, or equal with a later
 *   DTSTAMP (RFC 5546 2.1.5; what Apple Calendar, Google and CalDAV servers do);
 * - `strict`: only a strictly higher SEQUENCE wins (Thunderbird, and Outlook for attendees who
 *   have not replied, keep the old copy on an equal SEQUENCE).
 *
 * Per UID it holds the master and the RECURRENCE-ID instances, each with its SEQUENCE and
 * DTSTAMP, and keeps what a CANCEL removed as a cancelled entry with its version (a client keeps a
 * cancelled event until a newer message brings it back; RFC 5546 3.2.5, 2.1.5), so an old REQUEST
 * arriving late cannot resurrect it.
 *
 * Rules (each component of a message is looked at only if the calendar's owner is one of its
 * ATTENDEEs: RFC 5546 3.2.2 and 3.2.5 list the attendees a REQUEST or CANCEL is for; a CANCEL that
 * removes someone names them):
 * - REQUEST with a master (no RECURRENCE-ID): replaces every component of that UID (master,
 *   instances, cancelled entries) by the message's components, if newer than the held master (or,
 *   with no master held, than every held instance; or nothing held);
 * - REQUEST with only RECURRENCE-ID components: each replaces or adds that instance if newer than
 *   what is held for it (its instance entry, else the master; or nothing held);
 * - CANCEL without RECURRENCE-ID: removes the whole UID if newer than the held master (as above);
 * - CANCEL with RECURRENCE-ID: removes that instance if newer than what is held for it;
 * - any other METHOD is ignored.
 * Instances are identified by the instant of their RECURRENCE-ID (RFC 5545 3.8.4.4: the value is
 * the original DTSTART of the instance), whatever TZID spells it.
 *
 * Every message or component that is not applied is recorded with the reason, so a failing test
 * can say which message was dropped and why. Problems a client would resolve in its own way (an
 * override whose RECURRENCE-ID matches no instance of its master: ical.js and Thunderbird hide it,
 * Google shows it; a TZID with no VTIMEZONE in its message) are recorded as anomalies.
 */
import ICAL from 'ical.js';

export type ClientModel = 'rfc' | 'strict';

export interface Version {
  sequence: number;
  /** DTSTAMP, ms since epoch (0 when absent). */
  stamp: number;
}

interface Part extends Version {
  /** The VEVENT as received, still attached to its VCALENDAR (so its TZIDs resolve to the VTIMEZONEs of its own message); null for a cancelled entry. */
  comp: ICAL.Component | null;
  source: string;
}

interface HeldUid {
  master: Part | null;
  /** Instance entries (overrides or cancelled instances) by RECURRENCE-ID instant. */
  instances: Map<number, Part>;
}

export interface LogEntry {
  source: string;
  method: string;
  uid: string;
  /** RECURRENCE-ID as an ISO instant, or null for the whole event. */
  recurrenceId: string | null;
  sequence: number;
  dtstamp: string;
  applied: boolean;
  /** Why it was ignored (or what it did, when applied). */
  reason: string;
}

export interface CalendarInstance {
  uid: string;
  /** Start and end instants, ms since epoch. */
  start: number;
  end: number;
  summary: string;
  /** RECURRENCE-ID instant of an override, null for an instance of the master's own rule or a single event. */
  recurrenceId: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');
const timeMs = (t: ICAL.Time) => t.toUnixTime() * 1000;

const describeVersion = (v: Version) => `SEQUENCE ${v.sequence}, DTSTAMP ${v.stamp ? iso(v.stamp) : 'none'}`;

export class AttendeeCalendar {
  readonly owner: string;
  readonly model: ClientModel;
  /** Every component looked at, applied or not, in order. */
  readonly log: LogEntry[] = [];
  /** Anomalies of the messages received (a TZID with no VTIMEZONE), in order. */
  readonly notes: string[] = [];
  private readonly held = new Map<string, HeldUid>();

  constructor(owner: string, model: ClientModel) {
    this.owner = owner.toLowerCase();
    this.model = model;
  }

  /** The entries that were not applied, with their reason. */
  ignored(): LogEntry[] {
    return this.log.filter((e) => !e.applied);
  }

  /** Whether `v` wins over what is held (RFC 5546 2.1.5, or only a higher SEQUENCE). */
  isNewer(v: Version, held: Version): boolean {
    if (v.sequence !== held.sequence) return v.sequence > held.sequence;
    return this.model === 'rfc' && v.stamp > held.stamp;
  }

  /** Applies one iTIP message (an iCalendar text), `source` naming it in the log. */
  receive(text: string, source: string): void {
    const cal = new ICAL.Component(ICAL.parse(text));
    const method = String(cal.getFirstPropertyValue('method') ?? '').toUpperCase();
    const vevents = cal.getAllSubcomponents('vevent');
    const zones = new Set(cal.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))));
    const byUid = new Map<string, ICAL.Component[]>();
    for (const v of vevents) {
      this.checkZones(v, zones, source);
      const uid = String(v.getFirstPropertyValue('uid'));
      byUid.set(uid, [...(byUid.get(uid) ?? []), v]);
    }
    for (const [uid, comps] of byUid) {
      const mine = comps.filter((c) => this.addressed(c));
      for (const c of comps) if (!mine.includes(c)) this.record(source, method, c, false, `not addressed to ${this.owner} (not an ATTENDEE)`);
      if (mine.length === 0) continue;
      if (method === 'REQUEST') this.request(uid, mine, source);
      else if (method === 'CANCEL') this.cancel(uid, mine, source);
      else for (const c of mine) this.record(source, method, c, false, `METHOD ${method || '(none)'} is not an iTIP REQUEST or CANCEL`);
    }
  }

  private request(uid: string, comps: ICAL.Component[], source: string): void {
    const held = this.held.get(uid);
    const master = comps.find((c) => !c.hasProperty('recurrence-id'));
    if (master) {
      const v = versionOf(master);
      const against = held ? this.wholeVersion(held) : null;
      if (against && !this.isNewer(v, against.version)) {
        for (const c of comps) this.record(source, 'REQUEST', c, false, `not newer than the held ${against.what} (${describeVersion(against.version)})`);
        return;
      }
      const instances = new Map<number, Part>();
      for (const c of comps) if (c !== master) instances.set(ridOf(c)!, { ...versionOf(c), comp: c, source });
      this.held.set(uid, { master: { ...v, comp: master, source }, instances });
      for (const c of comps)
        this.record(source, 'REQUEST', c, true, c === master ? (held ? 'replaces every held component of the UID' : 'new event') : 'override, with its master');
      return;
    }
    const entry = held ?? { master: null, instances: new Map<number, Part>() };
    this.held.set(uid, entry);
    for (const c of comps) {
      const rid = ridOf(c)!;
      const v = versionOf(c);
      const against = this.instanceVersion(entry, rid);
      if (against && !this.isNewer(v, against.version)) {
        this.record(source, 'REQUEST', c, false, `not newer than the held ${against.what} (${describeVersion(against.version)})`);
        continue;
      }
      entry.instances.set(rid, { ...v, comp: c, source });
      this.record(source, 'REQUEST', c, true, against ? `replaces the held ${against.what}` : 'new instance (no master held)');
    }
  }

  private cancel(uid: string, comps: ICAL.Component[], source: string): void {
    const held = this.held.get(uid);
    const whole = comps.find((c) => !c.hasProperty('recurrence-id'));
    if (whole) {
      const v = versionOf(whole);
      const against = held ? this.wholeVersion(held) : null;
      if (against && !this.isNewer(v, against.version)) {
        for (const c of comps) this.record(source, 'CANCEL', c, false, `not newer than the held ${against.what} (${describeVersion(against.version)})`);
        return;
      }
      this.held.set(uid, { master: { ...v, comp: null, source }, instances: new Map() });
      for (const c of comps) this.record(source, 'CANCEL', c, true, held ? 'removes the whole event' : 'removes the whole event (nothing held)');
      return;
    }
    const entry = held ?? { master: null, instances: new Map<number, Part>() };
    this.held.set(uid, entry);
    for (const c of comps) {
      const rid = ridOf(c)!;
      const v = versionOf(c);
      const against = this.instanceVersion(entry, rid);
      if (against && !this.isNewer(v, against.version)) {
        this.record(source, 'CANCEL', c, false, `not newer than the held ${against.what} (${describeVersion(against.version)})`);
        continue;
      }
      entry.instances.set(rid, { ...v, comp: null, source });
      this.record(source, 'CANCEL', c, true, against ? `removes the instance (was ${against.what})` : 'removes the instance (nothing held)');
    }
  }

  /** What a whole-event message is compared with: the master, else the newest instance entry. */
  private wholeVersion(held: HeldUid): { what: string; version: Version } | null {
    if (held.master) return { what: held.master.comp ? 'master' : 'cancelled event', version: held.master };
    let best: Part | null = null;
    for (const p of held.instances.values()) if (!best || this.isNewer(p, best)) best = p;
    return best ? { what: 'newest instance (no master held)', version: best } : null;
  }

  /** What an instance message is compared with: that instance's entry, else the master. */
  private instanceVersion(held: HeldUid, rid: number): { what: string; version: Version } | null {
    const inst = held.instances.get(rid);
    if (inst) return { what: inst.comp ? `override of ${iso(rid)}` : `cancelled instance ${iso(rid)}`, version: inst };
    if (held.master) return { what: held.master.comp ? 'master' : 'cancelled event', version: held.master };
    return null;
  }

  private addressed(c: ICAL.Component): boolean {
    return c.getAllProperties('attendee').some(
      (p) =>
        String(p.getFirstValue())
          .replace(/^mailto:/i, '')
          .toLowerCase() === this.owner,
    );
  }

  private checkZones(v: ICAL.Component, zones: Set<string>, source: string): void {
    for (const p of v.getAllProperties()) {
      const tzid = p.getParameter('tzid');
      if (typeof tzid === 'string' && !zones.has(tzid))
        this.notes.push(`${source}: ${String(v.getFirstPropertyValue('uid'))} ${p.name.toUpperCase()} has TZID ${tzid} with no VTIMEZONE in its message`);
    }
  }

  private record(source: string, method: string, c: ICAL.Component, applied: boolean, reason: string): void {
    const v = versionOf(c);
    const rid = ridOf(c);
    this.log.push({
      source,
      method,
      uid: String(c.getFirstPropertyValue('uid')),
      recurrenceId: rid === null ? null : iso(rid),
      sequence: v.sequence,
      dtstamp: v.stamp ? iso(v.stamp) : 'none',
      applied,
      reason,
    });
  }

  /**
   * Every instance the calendar shows with a start in [fromMs, toMs), sorted by start: each
   * master's recurrence set (RRULE, RDATE, EXDATE, expanded by ical.js in the zones of the
   * VTIMEZONEs it came with), its instance entries applied by RECURRENCE-ID instant (an override
   * replaces, a cancelled entry removes), and instance entries of a UID with no live master as
   * events of their own. An override matching no instance of a live master is hidden (as ical.js
   * and Thunderbird do) and listed by `anomalies()`.
   */
  instances(fromMs: number, toMs: number): CalendarInstance[] {
    const out: CalendarInstance[] = [];
    for (const [uid, held] of this.held) {
      const single = (p: Part, rid: number | null) => {
        const ev = new ICAL.Event(p.comp!);
        out.push({ uid, start: timeMs(ev.startDate), end: timeMs(ev.endDate), summary: ev.summary, recurrenceId: rid });
      };
      const master = held.master?.comp ? held.master : null;
      if (!master) {
        for (const [rid, p] of held.instances) if (p.comp) single(p, rid);
        continue;
      }
      const ev = new ICAL.Event(master.comp!);
      const length = timeMs(ev.endDate) - timeMs(ev.startDate);
      // Overrides may move an instance from after toMs into the range: expand up to the last one.
      const bound = Math.max(toMs, ...[...held.instances.keys()].map((rid) => rid + 1));
      const starts = occurrenceStarts(uid, ev, bound);
      for (const start of starts) {
        const inst = held.instances.get(start);
        if (!inst) out.push({ uid, start, end: start + length, summary: ev.summary, recurrenceId: null });
        else if (inst.comp) single(inst, start);
      }
    }
    return out.filter((i) => i.start >= fromMs && i.start < toMs).sort((a, b) => a.start - b.start || a.end - b.end || (a.uid < b.uid ? -1 : 1));
  }

  /** `notes` and the texts of `orphans()`. */
  anomalies(): string[] {
    return [...this.notes, ...this.orphans().map((o) => o.text)];
  }

  /**
   * Every held override or cancelled instance whose RECURRENCE-ID matches no instance of its live
   * master: such an override shows nowhere (ical.js and Thunderbird hide it, Google shows it),
   * such a CANCEL removed nothing (harmless when the instance is already gone, e.g. by EXDATE).
   */
  orphans(): { kind: 'override' | 'cancel'; text: string }[] {
    const out: { kind: 'override' | 'cancel'; text: string }[] = [];
    for (const [uid, held] of this.held) {
      const master = held.master?.comp;
      const entries = [...held.instances];
      if (!master || entries.length === 0) continue;
      const starts = new Set(occurrenceStarts(uid, new ICAL.Event(master), Math.max(...entries.map(([rid]) => rid + 1))));
      for (const [rid, p] of entries) {
        if (starts.has(rid)) continue;
        out.push(
          p.comp
            ? { kind: 'override', text: `${uid}: override RECURRENCE-ID ${iso(rid)} (from ${p.source}) matches no instance of the held master (hidden)` }
            : {
                kind: 'cancel',
                text: `${uid}: CANCEL of RECURRENCE-ID ${iso(rid)} (from ${p.source}) matches no instance of the held master (nothing removed)`,
              },
        );
      }
    }
    return out;
  }
}

/** The recurrence set's instance starts before `bound` (the master's own start for a single event). */
function occurrenceStarts(uid: string, ev: ICAL.Event, bound: number): number[] {
  if (!ev.isRecurring()) return [timeMs(ev.startDate)];
  const starts: number[] = [];
  const it = ev.iterator();
  for (let next = it.next(); next && timeMs(next) < bound; next = it.next()) {
    if (starts.length > 20000) throw new Error(`${uid}: more than 20000 instances before ${iso(bound)}`);
    starts.push(timeMs(next));
  }
  return starts;
}

function versionOf(c: ICAL.Component): Version {
  const seq = c.getFirstPropertyValue('sequence');
  const stamp = c.getFirstPropertyValue('dtstamp');
  return { sequence: seq === null || seq === undefined ? 0 : Number(seq), stamp: stamp instanceof ICAL.Time ? timeMs(stamp) : 0 };
}

function ridOf(c: ICAL.Component): number | null {
  const rid = c.getFirstPropertyValue('recurrence-id');
  return rid instanceof ICAL.Time ? timeMs(rid) : null;
}
