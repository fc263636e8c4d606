/*
 * Calendar model -> iCalendar text, through ical-generator. Its traps, and how they are avoided
 * (each pinned by a test in test/calendar):
 * - A calendar-level timezone makes ical-generator write DTSTAMP (and CREATED, LAST-MODIFIED)
 *   as local time without Z: we never set one. Zones are set per event, and the VTIMEZONE
 *   generator is attached to a calendar timezone whose name is null.
 * - With a zone set, JS Dates are formatted with the machine's local zone, and luxon DateTimes
 *   are converted with setZone(TZID), i.e. with the runtime's ICU data: times with a TZID are
 *   passed as explicit wall-time values (`RawWall`, computed with the bundled tz database),
 *   times in UTC as luxon DateTimes.
 * - luxon normalises a wall time in a DST gap (02:30 -> 03:30), but an RRULE anchor or a
 *   RECURRENCE-ID/EXDATE must be the exact wall time the rule produces: those are passed as
 *   `RawWall` values, which ical-generator formats through its dayjs-style `format()` path.
 * - EXDATE with a TZID and RDATE-free recurrence: ical-generator takes a recurrence string of
 *   several lines (RRULE + EXDATE), the form rrule.js's RRuleSet prints; we write it ourselves
 *   so that UNTIL is UTC and EXDATE carries the master's TZID and exact wall times.
 * - NAME/X-WR-CALNAME are written unescaped, URL;VALUE=URI is escaped like TEXT and quoted
 *   parameters (CN) escape quotes with a backslash RFC 5545 does not know: every config string
 *   is cleaned here (control characters, quotes in parameters) and escaped where it does not.
 * - Folding counts UTF-8 octets and never splits a character (pinned with a Japanese title).
 *
 * Feeds (renderPublishChunks) are written by tcon itself, frame and events, as ical-generator
 * writes them (see "A feed's events, written here" below): at registry scale its objects and its
 * per-character folding were most of the rendering. Invitations and CANCELs use ical-generator.
 */
import icalPkg, {
  ICalAlarmType,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalCalendar,
  type ICalDayJsStub,
  type ICalEvent,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { addressProblem, isPlaceholderAddress } from '../schedule/address.js';
import { offsetAt } from '../schedule/zoned.js';
import { endMs, startMs } from '../schedule/times.js';
import type { Group, Member, Person } from '../schedule/types.js';
import type { CalendarEvent, CalendarModel, Cancellation, IcsTime, OverrideEvent, Sequences, SeriesEvent, SingleEvent } from './types.js';

export type { Cancellation, Sequences } from './types.js';
import { foldLines } from './fold.js';
import { readWallText, ZoneSpans, zoneSpans } from './vtimezone.js';
import { addWallMinutes, icsAt, icsUtcMs, icsWall, readWall, type Wall } from './wall.js';
import { icsText } from '../schedule/text.js';

const ical = icalPkg as unknown as (data?: object) => ICalCalendar;

export const ZERO_SEQUENCES: Sequences = { event: () => 0, meeting: () => 0 };

export interface RenderOptions {
  /** DTSTAMP (written in UTC). */
  now: DateTime;
  sequences?: Sequences | undefined;
}

export interface PublishOptions extends RenderOptions {
  /** Write join links (LOCATION, URL, DESCRIPTION); off by default: a feed is often public. */
  includeLinks?: boolean | undefined;
  /** X-WR-CALNAME; default: the group title (or "tcon" for several groups). */
  name?: string | undefined;
  /** REFRESH-INTERVAL and X-PUBLISHED-TTL, in seconds (default 12 hours). */
  refreshSeconds?: number | undefined;
}

export interface RequestOptions extends RenderOptions {
  /** The attendees to list; default: every roster member. */
  attendees?: readonly Member[] | undefined;
  /**
   * Only the event with this UID (a series with its overrides, or a one-off). An iMIP message
   * carries one UID (RFC 5546 3.2: the components of a REQUEST share one UID; Outlook reads only
   * the first event otherwise), so mail sends one message per UID; a file may hold them all.
   */
  uid?: string | undefined;
}

/** What an ATTENDEE line says of a person. */
export type Attendee = Pick<Member, 'name' | 'email' | 'role'>;

export interface CancelOptions extends RenderOptions {
  /** The attendees to list; default: every roster member (a CANCEL may go to someone who left it). */
  attendees?: readonly Attendee[] | undefined;
}

// ---------------------------------------------------------------------------------------------
// Text hygiene

/** A config string made safe for any iCalendar TEXT value: the one rule of that target (schedule/text.ts). */
export const cleanText = icsText;

/** Escapes a TEXT value (RFC 5545 3.3.11) for the places ical-generator writes unescaped. */
export function escapeText(s: string): string {
  return cleanText(s)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/** A value for a quoted parameter (CN): one line, no double quote (RFC 5545 has no escape for it). */
function paramText(s: string): string {
  return cleanText(s).replace(/\n/g, ' ').replace(/"/g, "'");
}

/**
 * An email for a mailto: value. The config's address rule (schedule/address.ts) is checked
 * again here for library callers: an address is written as it is, or refused, never altered
 * (stripping characters turned `a,b@x` into another person's `ab@x`).
 */
function address(s: string): string {
  const why = addressProblem(s);
  if (why) throw new Error(`"${cleanText(s)}" is not an email address: ${why}`);
  return s;
}

/**
 * A URI for URL;VALUE=URI. ical-generator escapes it like TEXT (a comma would become "\,", which
 * is not part of a URI), so the characters it would escape are percent-encoded first.
 */
function uri(s: string): string {
  return cleanText(s).replace(/[\s\\;,"]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

// ---------------------------------------------------------------------------------------------
// Zones

/** The TZID written for `zone`: its name as configured (the VTIMEZONE is tcon's own, from the bundled tz database). */
export function tzidOf(zone: string): string {
  return zone;
}

/** A calendar whose VTIMEZONEs (one per TZID used) cover `spans` (vtimezone.ts). */
/** The VTIMEZONE blocks of a calendar, written by finish() in place of their placeholder lines. */
const zoneBlocks = new WeakMap<ICalCalendar, string[]>();

function newCalendar(method: ICalCalendarMethod, spans: ZoneSpans): ICalCalendar {
  const cal = ical({ prodId: { company: 'tcon', product: 'tcon', language: 'EN' } });
  cal.method(method);
  const blocks: string[] = [];
  zoneBlocks.set(cal, blocks);
  // A timezone with a generator but no name: VTIMEZONEs for every event's TZID, and DTSTAMP
  // stays UTC (a named calendar timezone would turn DTSTAMP into a floating local time).
  cal.timezone({
    name: null,
    generator: (tzid: string) => {
      const block = spans.block(tzid);
      if (!block) throw new Error(`internal: no instant of the calendar in time zone "${tzid}"`);
      // What ical-generator does with a block: CRLF line ends, trimmed (finish folds it).
      blocks.push(`${block.replace(/\r\n/g, '\n').replace(/\n/g, '\r\n').trim()}\r\n`);
      return `X-TCON-TZ-${blocks.length - 1}`;
    },
  } as unknown as Parameters<ICalCalendar['timezone']>[0] & object);
  return cal;
}

/**
 * A wall time written exactly as given (see the header). ical-generator formats non-luxon,
 * non-moment objects through `format('YYYYMMDD')` and `format('HHmmss')`.
 */
class RawWall implements ICalDayJsStub {
  constructor(
    private readonly wall: string,
    private readonly instant: number,
  ) {}
  format(f?: string): string {
    if (f === 'YYYYMMDD') return this.wall.slice(0, 8);
    if (f === 'HHmmss') return this.wall.slice(9, 15);
    throw new Error(`RawWall: unexpected format ${String(f)}`);
  }
  isValid(): boolean {
    return true;
  }
  toDate(): Date {
    return new Date(this.instant);
  }
  toJSON(): string {
    return this.wall;
  }
}

/**
 * An instant in UTC form, written as given: ical-generator formats a luxon DateTime through
 * setZone and toFormat (a token parser per call), a stub through `utc()` and `format()`. The
 * text comes from epoch milliseconds (wall.ts), so no luxon object is made per value.
 */
class RawUtc implements ICalDayJsStub {
  private readonly text: string;
  constructor(private readonly instant: number) {
    this.text = icsAt(instant, 0);
  }
  format(f?: string): string {
    if (f === 'YYYYMMDD') return this.text.slice(0, 8);
    if (f === 'HHmmss') return this.text.slice(9, 15);
    throw new Error(`RawUtc: unexpected format ${String(f)}`);
  }
  utc(): RawUtc {
    return this;
  }
  isValid(): boolean {
    return true;
  }
  toDate(): Date {
    return new Date(this.instant);
  }
  toJSON(): string {
    return `${this.text}Z`;
  }
}

/** A VEVENT with DTSTART/DTEND at a meeting's instants, in `zone` (UTC form for 'UTC'). */
function timedEvent(cal: ICalCalendar, head: { id: string; stamp: RawUtc; sequence: number }, zone: string, start: DateTime, end: DateTime): ICalEvent {
  if (zone === 'UTC') return cal.createEvent({ ...head, timezone: null, start: new RawUtc(start.toMillis()), end: new RawUtc(end.toMillis()) });
  // Wall times computed here from the bundled tz database's offsets (ical-generator would
  // convert a luxon DateTime with setZone(TZID), i.e. with ICU's data).
  const wall = (dt: DateTime) => {
    const ms = dt.toMillis();
    return new RawWall(icsAt(ms, offsetAt(zone, ms)), ms);
  };
  return cal.createEvent({ ...head, timezone: tzidOf(zone), start: wall(start), end: wall(end) });
}

function setRecurrenceId(ev: ICalEvent, rid: IcsTime, zone: string): void {
  if ('utc' in rid) {
    if (zone !== 'UTC') throw new Error('internal: UTC RECURRENCE-ID on a TZID override');
    ev.recurrenceId(new RawUtc(icsUtcMs(rid.utc)));
    return;
  }
  // The override's DTSTART is in the same TZID (model.ts guarantees it).
  if (zone !== rid.tzid) throw new Error('internal: RECURRENCE-ID and DTSTART in different zones');
  const w = rid.wall;
  const wall: Wall = { date: `${w.slice(0, 4)}-${w.slice(4, 6)}-${w.slice(6, 8)}`, hour: Number(w.slice(9, 11)), minute: Number(w.slice(11, 13)) };
  ev.recurrenceId(new RawWall(rid.wall, readWall(wall, rid.tzid).ms));
}

// ---------------------------------------------------------------------------------------------
// Events

type Mode = { kind: 'publish'; links: boolean; alarms: number[] } | { kind: 'request'; organizer: Person; attendees: readonly Member[] };

function description(note: string | undefined, link: string | undefined, links: boolean): string | undefined {
  const lines = [note ? cleanText(note) : undefined, links && link ? `Join: ${cleanText(link)}` : undefined].filter(Boolean);
  return lines.length ? lines.join('\n\n') : undefined;
}

const ROLE: Record<Member['role'], ICalAttendeeRole> = {
  chair: ICalAttendeeRole.CHAIR,
  voting: ICalAttendeeRole.REQ,
  alternate: ICalAttendeeRole.OPT,
  observer: ICalAttendeeRole.OPT,
};

function people(ev: ICalEvent, organizer: Person, attendees: readonly Attendee[], rsvp: boolean): void {
  ev.organizer({ name: paramText(organizer.name), email: address(organizer.email) });
  for (const m of attendees) {
    ev.createAttendee({
      name: paramText(m.name),
      email: address(m.email),
      role: ROLE[m.role],
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp,
    });
  }
}

function decorate(ev: ICalEvent, texts: { title: string; note: string | undefined; link: string | undefined }, mode: Mode): void {
  ev.summary(cleanText(texts.title));
  ev.status(ICalEventStatus.CONFIRMED);
  const links = mode.kind === 'request' || mode.links;
  const desc = description(texts.note, texts.link, links);
  if (desc) ev.description(desc);
  if (links && texts.link) {
    ev.location(cleanText(texts.link));
    ev.url(uri(texts.link));
  }
  if (mode.kind === 'publish') {
    for (const minutes of mode.alarms) {
      ev.createAlarm({ type: ICalAlarmType.display, triggerBefore: minutes * 60, description: cleanText(texts.title) });
    }
  } else {
    people(ev, mode.organizer, mode.attendees, true);
  }
}

function writeSeries(cal: ICalCalendar, e: SeriesEvent, mode: Mode, seq: Sequences, stamp: RawUtc): void {
  const start = readWall(e.dtstart, e.zone);
  const ev = cal.createEvent({ id: e.uid, stamp, sequence: seq.event(e.uid), start: new RawUtc(start.ms) });
  const endWall = addWallMinutes(e.dtstart, e.duration);
  const end = readWall(endWall, e.zone);
  const lines = [`RRULE:${e.rrule}`];
  if (e.zone === 'UTC') {
    ev.timezone(null);
    ev.start(new RawUtc(start.ms));
    ev.end(new RawUtc(start.ms + e.duration * 60_000));
    if (e.exdates.length) lines.push(`EXDATE:${e.exdates.map((w) => `${icsWall(w)}Z`).join(',')}`);
  } else {
    const tzid = tzidOf(e.zone);
    ev.timezone(tzid);
    // DTSTART is the rule's anchor: its exact wall time, even in a DST gap.
    ev.start(new RawWall(icsWall(e.dtstart), start.ms));
    if (start.kind === 'ok' && end.kind === 'ok' && end.ms - start.ms === e.duration * 60_000) {
      ev.end(new RawWall(icsWall(endWall), end.ms));
    } else {
      // DTEND's wall time would be read with another length (the first meeting touches a DST
      // change): DURATION gives every instance its exact length instead (RFC 5545 3.8.2.5).
      lines.push(`DURATION:PT${e.duration}M`);
    }
    // EXDATE values are rule instances: the master's TZID and exact wall times (RFC 5545 3.8.5.1).
    if (e.exdates.length) lines.push(`EXDATE;TZID=${tzid}:${e.exdates.map(icsWall).join(',')}`);
  }
  // A multi-line string is written as given (the RRuleSet form); every part of it is generated
  // here from validated values (a normalised RRULE, zone names, digits), never config text.
  ev.repeating(lines.join('\n'));
  decorate(ev, e, mode);
  for (const o of e.overrides) writeOverride(cal, o, mode, seq, stamp);
}

function writeOverride(cal: ICalCalendar, o: OverrideEvent, mode: Mode, seq: Sequences, stamp: RawUtc): void {
  // Every component of an event carries the event's SEQUENCE: a client that compares the master
  // (Thunderbird) or an override (others) with what it holds sees one version of the event.
  const sequence = seq.event(o.uid);
  const ev = timedEvent(cal, { id: o.uid, stamp, sequence }, o.zone, o.meeting.start, o.meeting.end);
  setRecurrenceId(ev, o.recurrenceId, o.zone);
  decorate(ev, o, mode);
}

function writeSingle(cal: ICalCalendar, s: SingleEvent, mode: Mode, seq: Sequences, stamp: RawUtc): void {
  const ev = timedEvent(cal, { id: s.uid, stamp, sequence: seq.event(s.uid) }, s.zone, s.meeting.start, s.meeting.end);
  decorate(ev, s, mode);
}

function writeModel(cal: ICalCalendar, model: CalendarModel, mode: Mode, opts: RenderOptions & { uid?: string | undefined }): void {
  const seq = opts.sequences ?? ZERO_SEQUENCES;
  const stamp = new RawUtc(opts.now.toMillis());
  const events = opts.uid === undefined ? model.events : model.events.filter((e) => e.uid === opts.uid);
  if (events.length === 0 && opts.uid !== undefined) throw new Error(`no event with UID ${opts.uid} in the calendar of ${model.group.id}`);
  for (const e of events) {
    if (e.kind === 'series') writeSeries(cal, e, mode, seq, stamp);
    else writeSingle(cal, e, mode, seq, stamp);
  }
}

/**
 * The calendar's text. ical-generator folds the whole of it one character at a time, each
 * through a new TextEncoder (fold.ts): the events are written first (unfolded: ical-generator
 * folds only the calendar), the calendar is written with one placeholder line where its events
 * go (ical-generator writes them one after the other) and one for each VTIMEZONE (newCalendar),
 * and those texts, folded by fold.ts, take the placeholders' places.
 */
function finish(cal: ICalCalendar): string {
  return finishChunks(cal).join('');
}

/** finish()'s text in pieces: the frame before the events, each event, the rest (never one string however many events). */
function finishChunks(cal: ICalCalendar): string[] {
  const events = cal.events();
  const texts = events.map((e) => foldLines(e.toString()));
  events.forEach((e, i) => {
    e.toString = () => (i === 0 ? 'X-TCON-EVENTS\r\n' : '');
  });
  const frame = cal.toString();
  for (const e of events) delete (e as { toString?: unknown }).toString;
  const blocks = zoneBlocks.get(cal) ?? [];
  const zones = (text: string) => text.replace(/(?<=^|\r\n)X-TCON-TZ-(\d+)\r\n/g, (_, i: string) => foldLines(blocks[Number(i)]!));
  const at = /(?<=^|\r\n)X-TCON-EVENTS\r\n/.exec(frame);
  if (!at) return [`${zones(frame)}\r\n`];
  return [zones(frame.slice(0, at.index)), ...texts, `${zones(frame.slice(at.index + at[0].length))}\r\n`];
}

// ---------------------------------------------------------------------------------------------
// Public renderers

/**
 * A public feed (METHOD:PUBLISH) of one or more groups: no attendees, no join links unless
 * `includeLinks`, VALARMs from each group's `alarms`.
 */
export function renderPublish(models: readonly CalendarModel[], opts: PublishOptions): string {
  return renderPublishChunks(models, opts).join('');
}

/**
 * renderPublish's text in pieces (one per event, and the calendar's frame around them), for a
 * feed written to a file or stream without ever being one string (a feed of a thousand groups
 * over decades passes V8's largest string).
 */
export function renderPublishChunks(models: readonly CalendarModel[], opts: PublishOptions): string[] {
  const body: FeedBody = { texts: [], tzids: [] };
  for (const m of models) publishModel(body, m, opts, opts.sequences ?? ZERO_SEQUENCES);
  return publishFrame(body, zoneSpans(models.flatMap((m) => m.events)), opts.name ?? (models.length === 1 ? models[0]!.group.title : 'tcon'), opts);
}

/**
 * The feeds of a run that writes each group's feed and the feed of them all (`tcon ics --all
 * --out-dir`): a group is added as its run is made, its events written once for both feeds, and
 * its model may go at once (a registry's models were most of what a run kept until it wrote its
 * files: issue 14). Each feed is as renderPublishChunks writes it.
 */
export class CombinedFeed {
  readonly #opts: PublishOptions;
  readonly #body: FeedBody = { texts: [], tzids: [] };
  readonly #spans = new ZoneSpans();
  #groups = 0;
  #title = '';

  constructor(opts: PublishOptions) {
    this.#opts = opts;
  }

  /**
   * Writes the events of `model` with `sequences`, kept for all(); returns the group's own feed
   * (renderPublishChunks of `model` alone) when `own` is set.
   */
  add(model: CalendarModel, sequences: Sequences = ZERO_SEQUENCES, own = false): string[] | undefined {
    const body: FeedBody = { texts: [], tzids: [] };
    publishModel(body, model, this.#opts, sequences);
    const spans = zoneSpans(model.events);
    this.#spans.merge(spans);
    for (let k = 0; k < body.texts.length; k++) this.#body.texts.push(body.texts[k]!);
    for (let k = 0; k < body.tzids.length; k++) noteZone(this.#body.tzids, body.tzids[k]!);
    this.#groups++;
    this.#title = model.group.title;
    return own ? publishFrame(body, spans, this.#opts.name ?? model.group.title, this.#opts) : undefined;
  }

  /** The feed of every group added, named `name` (default: as renderPublishChunks names it). */
  all(name?: string): string[] {
    return publishFrame(this.#body, this.#spans, name ?? this.#opts.name ?? (this.#groups === 1 ? this.#title : 'tcon'), this.#opts);
  }
}

/** A feed's events: their folded texts, and the TZIDs they use in the order first used. */
interface FeedBody {
  texts: string[];
  tzids: (string | null)[];
}

/** The events of `model`, written onto `body`. */
function publishModel(body: FeedBody, m: CalendarModel, opts: PublishOptions, seq: Sequences): void {
  const stamp = `${icsAt(opts.now.toMillis(), 0)}Z`;
  const mode = { links: opts.includeLinks ?? false, alarms: m.group.alarms };
  // Indexed: a for-of in code V8 has not optimized makes an iterator result per event.
  for (let i = 0; i < m.events.length; i++) publishEvent(body.texts, body.tzids, m.events[i]!, mode, seq, stamp);
}

/** The calendar around `body`'s events, as ical-generator 10.2's ICalCalendar.toString writes it for a feed (see below). */
function publishFrame(body: FeedBody, spans: ZoneSpans, title: string, opts: PublishOptions): string[] {
  const name = escapeText(title);
  const ttl = opts.refreshSeconds ?? 12 * 3600;
  let head = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-${PRODID}\r\nMETHOD:PUBLISH\r\n`;
  if (name) head += `NAME:${name}\r\nX-WR-CALNAME:${name}\r\n`;
  head = foldLines(head);
  for (const tzid of body.tzids) {
    if (tzid === null) continue;
    const block = spans.block(tzid);
    if (!block) throw new Error(`internal: no instant of the calendar in time zone "${tzid}"`);
    head += foldLines(`${block.replace(/\r\n/g, '\n').replace(/\n/g, '\r\n').trim()}\r\n`);
  }
  if (ttl > 0) head += `REFRESH-INTERVAL;VALUE=DURATION:${igDuration(ttl)}\r\nX-PUBLISHED-TTL:${igDuration(ttl)}\r\n`;
  return body.texts.length ? [head, ...body.texts, 'END:VCALENDAR\r\n'] : [`${head}END:VCALENDAR\r\n`];
}

/**
 * renderPublishChunks through ical-generator's own event objects, as feeds were written before
 * their events were written here: the oracle the events written here are tested against
 * (test/calendar/publish-writer.test.ts). Not for other use.
 */
export function renderPublishChunksWithGenerator(models: readonly CalendarModel[], opts: PublishOptions): string[] {
  const cal = newCalendar(ICalCalendarMethod.PUBLISH, zoneSpans(models.flatMap((m) => m.events)));
  const name = opts.name ?? (models.length === 1 ? models[0]!.group.title : 'tcon');
  cal.name(escapeText(name));
  cal.ttl(opts.refreshSeconds ?? 12 * 3600);
  for (const m of models) writeModel(cal, m, { kind: 'publish', links: opts.includeLinks ?? false, alarms: m.group.alarms }, opts);
  return finishChunks(cal);
}

// ---------------------------------------------------------------------------------------------
// A feed's events, written here
//
// A feed holds every meeting of every group: ical-generator's event objects (a setter call per
// property, its date formatting per value, a toString per event) were a third of a registry-sized
// feed's rendering, and its calendar's toString folds the frame one character at a time, each
// through a new TextEncoder (a feed of 94 files spent 15 ms on their few header lines). Feeds
// (METHOD:PUBLISH) therefore write their text here, property for property as ical-generator
// 10.2's ICalEvent.toString and ICalCalendar.toString write it for what a feed sets: UID,
// SEQUENCE, DTSTAMP, DTSTART/DTEND, the recurrence lines, RECURRENCE-ID, SUMMARY, LOCATION,
// DESCRIPTION, VALARMs, URL, STATUS; VERSION, PRODID, METHOD, NAME, the VTIMEZONEs in the order
// the events first use their TZIDs, REFRESH-INTERVAL. Invitations and CANCELs (one group, with
// attendees) stay on ical-generator. renderPublishChunksWithGenerator, the former path, is the
// oracle the text is tested against byte for byte (test/calendar/publish-writer.test.ts).

/** PRODID's value after "-", as ical-generator makes it from newCalendar's prodId. */
const PRODID = '//tcon//tcon//EN';

/** ical-generator's TEXT escaping (its `escape(str, false)`). */
function igText(s: string | null): string {
  return String(s)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/(?:\r\n|\r|\n)/g, '\\n');
}

/** ical-generator's DURATION text (its `toDurationString`) of a whole number of seconds. */
function igDuration(seconds: number): string {
  let s = seconds;
  let out = '';
  if (s < 0) {
    out = '-';
    s *= -1;
  }
  out += 'P';
  if (s >= 86400) {
    out += `${Math.floor(s / 86400)}D`;
    s %= 86400;
  }
  if (!s && out.length > 1) return out;
  out += 'T';
  if (s >= 3600) {
    out += `${Math.floor(s / 3600)}H`;
    s %= 3600;
  }
  if (s >= 60) {
    out += `${Math.floor(s / 60)}M`;
    s %= 60;
  }
  if (s > 0) out += `${s}S`;
  else if (out.length <= 2) out += '0S';
  return out;
}

/** A time property: `NAME;TZID=tzid:wall` (the wall time in `zone`) or `NAME:utcZ` (ical-generator's zone 'UTC' is none). */
function timeLine(name: string, tzid: string | null, zone: string, ms: number): string {
  return tzid === null ? `${name}:${icsAt(ms, 0)}Z\r\n` : `${name};TZID=${tzid}:${icsAt(ms, offsetAt(zone, ms))}\r\n`;
}

/** The part of a VEVENT after its times (decorate()'s properties in ical-generator's order). */
function publishTail(
  texts: { title: string; note: string | undefined; link: string | undefined },
  mode: { links: boolean; alarms: readonly number[] },
  status: string,
): string {
  const summary = cleanText(texts.title) || null;
  let out = `SUMMARY:${igText(summary)}\r\n`;
  const location = mode.links && texts.link ? cleanText(texts.link) : '';
  if (location) out += `LOCATION:${igText(location)}\r\n`;
  const desc = description(texts.note, texts.link, mode.links);
  if (desc) out += `DESCRIPTION:${igText(desc)}\r\n`;
  for (const minutes of mode.alarms) {
    out += `BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:${igDuration(-minutes * 60)}\r\nDESCRIPTION:${igText(summary)}\r\nEND:VALARM\r\n`;
  }
  const url = mode.links && texts.link ? uri(texts.link) : '';
  if (url) out += `URL;VALUE=URI:${igText(url)}\r\n`;
  return `${out}STATUS:${status}\r\nEND:VEVENT\r\n`;
}

/** The TZID an event is written with (null: UTC form), as ical-generator's `timezone()` keeps it. */
const tzidFor = (zone: string): string | null => (zone === 'UTC' ? null : tzidOf(zone));

function noteZone(tzids: (string | null)[], tzid: string | null): void {
  if (!tzids.includes(tzid)) tzids.push(tzid);
}

/** A timed VEVENT's head: DTSTART/DTEND at the instants, the earlier first (ical-generator swaps them). */
function timedHead(uid: string, sequence: number, stamp: string, zone: string, start: number, end: number): string {
  const tzid = tzidFor(zone);
  const a = start > end ? end : start;
  const b = start > end ? start : end;
  return `BEGIN:VEVENT\r\nUID:${uid}\r\nSEQUENCE:${sequence}\r\nDTSTAMP:${stamp}\r\n${timeLine('DTSTART', tzid, zone, a)}${timeLine('DTEND', tzid, zone, b)}`;
}

/** One event of a feed (a series with its overrides, or an event of its own), folded, onto `texts`. */
function publishEvent(
  texts: string[],
  tzids: (string | null)[],
  e: CalendarEvent,
  mode: { links: boolean; alarms: readonly number[] },
  seq: Sequences,
  stamp: string,
): void {
  const sequence = seq.event(e.uid);
  if (e.kind === 'single') {
    const tzid = tzidFor(e.zone);
    noteZone(tzids, tzid);
    texts.push(foldLines(timedHead(e.uid, sequence, stamp, e.zone, startMs(e.meeting), endMs(e.meeting)) + publishTail(e, mode, 'CONFIRMED')));
    return;
  }
  const tzid = tzidFor(e.zone);
  noteZone(tzids, tzid);
  const start = readWall(e.dtstart, e.zone);
  const lines = [`RRULE:${e.rrule}`];
  let times: string;
  if (tzid === null) {
    // As writeSeries: the UTC form's DTSTART is the instant, DTEND the length after it.
    times = `DTSTART:${icsAt(start.ms, 0)}Z\r\nDTEND:${icsAt(start.ms + e.duration * 60_000, 0)}Z\r\n`;
    if (e.exdates.length) lines.push(`EXDATE:${e.exdates.map((w) => `${icsWall(w)}Z`).join(',')}`);
  } else {
    const endWall = addWallMinutes(e.dtstart, e.duration);
    const end = readWall(endWall, e.zone);
    times = `DTSTART;TZID=${tzid}:${icsWall(e.dtstart)}\r\n`;
    if (start.kind === 'ok' && end.kind === 'ok' && end.ms - start.ms === e.duration * 60_000) times += `DTEND;TZID=${tzid}:${icsWall(endWall)}\r\n`;
    else lines.push(`DURATION:PT${e.duration}M`);
    if (e.exdates.length) lines.push(`EXDATE;TZID=${tzid}:${e.exdates.map(icsWall).join(',')}`);
  }
  // The tail of the last texts written (overrides of a rotation mostly carry the series' texts), folded.
  let tailTexts: { title: string; note: string | undefined; link: string | undefined } = e;
  let tail = foldLines(publishTail(e, mode, 'CONFIRMED'));
  texts.push(foldLines(`BEGIN:VEVENT\r\nUID:${e.uid}\r\nSEQUENCE:${sequence}\r\nDTSTAMP:${stamp}\r\n${times}${lines.join('\r\n')}\r\n`) + tail);
  for (const o of e.overrides) {
    const oz = tzidFor(o.zone);
    noteZone(tzids, oz);
    const rid = o.recurrenceId;
    let ridLine: string;
    if ('utc' in rid) {
      if (o.zone !== 'UTC') throw new Error('internal: UTC RECURRENCE-ID on a TZID override');
      ridLine = `RECURRENCE-ID:${rid.utc}\r\n`;
    } else {
      if (o.zone !== rid.tzid) throw new Error('internal: RECURRENCE-ID and DTSTART in different zones');
      ridLine = `RECURRENCE-ID;TZID=${tzidOf(rid.tzid)}:${rid.wall}\r\n`;
    }
    if (o.title !== tailTexts.title || o.note !== tailTexts.note || o.link !== tailTexts.link) {
      tailTexts = o;
      tail = foldLines(publishTail(o, mode, 'CONFIRMED'));
    }
    // Folding works line by line: the head (ending in CRLF) and the tail fold apart.
    texts.push(foldLines(timedHead(o.uid, seq.event(o.uid), stamp, o.zone, startMs(o.meeting), endMs(o.meeting)) + ridLine) + tail);
  }
}

function organizerOf(group: Group): Person {
  if (!group.organizer) throw new Error(`group ${group.id} has no organizer: an invitation (iTIP REQUEST/CANCEL) needs one`);
  return group.organizer;
}

/**
 * The roster as attendees: members with an address. A placeholder (`@unknown.invalid`, from
 * `tcon roster import`) is left out: a client that imports the file would send it the iTIP
 * messages, as `tcon invite` never does.
 */
function rosterAttendees(group: Group): Member[] {
  return group.members.filter((m) => !isPlaceholderAddress(m.email));
}

/**
 * The invitation (METHOD:REQUEST) of a group's series and one-offs: ORGANIZER, every roster
 * member (or `attendees`) as ATTENDEE with RSVP, join link and notes in DESCRIPTION, LOCATION
 * and URL. Throws when the group has no organizer.
 */
export function renderRequest(model: CalendarModel, opts: RequestOptions): string {
  const cal = newCalendar(ICalCalendarMethod.REQUEST, zoneSpans(model.events));
  writeModel(cal, model, { kind: 'request', organizer: organizerOf(model.group), attendees: opts.attendees ?? rosterAttendees(model.group) }, opts);
  return finish(cal);
}

/**
 * A cancellation (METHOD:CANCEL, STATUS:CANCELLED) of meetings (RECURRENCE-ID) or whole series,
 * with their new SEQUENCE. Throws when the group has no organizer.
 */
export function renderCancel(group: Group, cancellations: readonly Cancellation[], opts: CancelOptions): string {
  // Like a REQUEST, an iMIP CANCEL is for one UID: mail groups `cancellations` by `uid` first.
  const zoneOfCancel = (c: Cancellation) => (c.recurrenceId ? ('utc' in c.recurrenceId ? 'UTC' : c.recurrenceId.tzid) : c.zone);
  const spans = new ZoneSpans();
  for (const c of cancellations) {
    spans.add(zoneOfCancel(c), c.start.toMillis(), c.end.toMillis());
    // A moved meeting's RECURRENCE-ID (its rule date's wall time) may lie weeks from its start.
    if (c.recurrenceId && 'tzid' in c.recurrenceId) spans.add(c.recurrenceId.tzid, readWallText(c.recurrenceId.wall, c.recurrenceId.tzid));
  }
  const cal = newCalendar(ICalCalendarMethod.CANCEL, spans);
  const organizer = organizerOf(group);
  const attendees = opts.attendees ?? rosterAttendees(group);
  for (const c of cancellations) {
    const zone = zoneOfCancel(c);
    const ev = timedEvent(cal, { id: c.uid, stamp: new RawUtc(opts.now.toMillis()), sequence: c.sequence }, zone, c.start, c.end);
    if (c.recurrenceId) setRecurrenceId(ev, c.recurrenceId, zone);
    ev.summary(cleanText(c.title));
    ev.status(ICalEventStatus.CANCELLED);
    people(ev, organizer, attendees, false);
  }
  return finish(cal);
}
