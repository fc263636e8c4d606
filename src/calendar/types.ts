// The calendar's types: the model of a group's events (model.ts builds it), the chunks of a
// series (chunks.ts), the SEQUENCEs and cancellations rendering takes (render.ts) and the state
// change tracking keeps (changes.ts). In a module of their own, so that those modules import
// each other one way only.
import type { DateTime } from 'luxon';
import type { Group, IsoDate, Occurrence, Series, Window } from '../schedule/types.js';
import type { Wall } from './wall.js';

/** A date-time value as written: a wall time with TZID, or an instant in UTC form. */
export type IcsTime = { tzid: string; wall: string } | { utc: string };

/** One meeting as change tracking sees it. */
export interface Meeting {
  /** The rule date (key of `meetings:` in the config); for one-offs, their date. */
  ruleDate: IsoDate;
  start: DateTime;
  end: DateTime;
  /** RECURRENCE-ID of this meeting within its series (undefined for events of their own). */
  recurrenceId: IcsTime | undefined;
  occurrence: Occurrence;
}

interface EventBase {
  uid: string;
  seriesId: string | null;
  title: string;
  note: string | undefined;
  link: string | undefined;
  /** TZID of DTSTART/DTEND (and RECURRENCE-ID, EXDATE); 'UTC' means the UTC form. */
  zone: string;
}

/** A recurring series: one master VEVENT with RRULE, EXDATEs and its overrides. */
export interface SeriesEvent extends EventBase {
  kind: 'series';
  series: Series;
  /** Which part of the series' life this event carries (chunks.ts). */
  chunk: Chunk;
  /** DTSTART: the first rule date at the first slot's wall time, in `zone` (the slot's zone). */
  dtstart: Wall;
  /** The master instance's length: DTEND = DTSTART + duration. */
  duration: number;
  /** The RRULE as written, UNTIL included (UNTIL in UTC, as RFC 5545 asks with a TZID DTSTART). */
  rrule: string;
  /** Wall times (in `zone`) of rule instances that are not held in the window. */
  exdates: Wall[];
  /** Instances that differ from the master (other slot, moved, own title/note/link/length). */
  overrides: OverrideEvent[];
  /** Every meeting held, by rule date, overridden or not. */
  meetings: Meeting[];
}

/** A RECURRENCE-ID instance of a series. */
export interface OverrideEvent extends EventBase {
  kind: 'override';
  recurrenceId: IcsTime;
  meeting: Meeting;
}

/** An event of its own: an added one-off, or a meeting of a series no client form can express. */
export interface SingleEvent extends EventBase {
  kind: 'single';
  meeting: Meeting;
}

export type CalendarEvent = SeriesEvent | SingleEvent;

export interface CalendarModel {
  group: Group;
  window: Window;
  /** The chunks of the series this run writes (each a series event unless it holds no meeting). */
  chunks: Chunk[];
  events: CalendarEvent[];
  /** Things the calendar could not say the preferred way (e.g. a rule Outlook cannot map). */
  warnings: string[];
}

/** One event of a series: the meetings whose dates lie in `from`..`to`, under `uid`. */
export interface Chunk {
  uid: string;
  seriesId: string;
  /** The calendar year the chunk belongs to; undefined for an event of the first format (fixed span). */
  year: number | undefined;
  from: IsoDate;
  to: IsoDate;
}

/** SEQUENCE numbers (see computeChanges). */
export interface Sequences {
  /** The SEQUENCE every component of the event is written with. */
  event(uid: string): number;
  /** The SEQUENCE at which one meeting last changed (reminders are keyed by it). */
  meeting(uid: string, ruleDate: string): number;
}

/** One meeting or a whole series (or event of its own) to cancel. */
export interface Cancellation {
  uid: string;
  /** The meeting's RECURRENCE-ID; undefined cancels the whole event (series or one-off). */
  recurrenceId: IcsTime | undefined;
  /** The new SEQUENCE (one above what was last sent). */
  sequence: number;
  title: string;
  /** Start and end of the cancelled meeting (for a series: of its first meeting). */
  start: DateTime;
  end: DateTime;
  /** Zone DTSTART is written in ('UTC' for the UTC form). */
  zone: string;
  /** The rule date of the cancelled meeting, for messages. */
  ruleDate: string | undefined;
}

/** What was last written for one meeting (by rule date within its series, or a one-off). */
export interface MeetingState {
  /** The SEQUENCE at which this meeting last changed (for a cancelled one: its CANCEL's). */
  sequence: number;
  /** Start and end instants, ISO in UTC. */
  start: string;
  end: string;
  /** The date windows select the meeting by (its rule date; a moved one's day in the group zone). */
  date: IsoDate;
  recurrenceId?: IcsTime | undefined;
  /** The zone DTSTART was written in. */
  zone: string;
  cancelled?: boolean | undefined;
}

/** What was last written for one UID. */
export interface EventState {
  kind: 'series' | 'single';
  /** The SEQUENCE of the event's current content: what a member who is up to date holds. */
  sequence: number;
  /**
   * The highest SEQUENCE any message about the event carried (a CANCEL of one meeting, the
   * CANCEL or new invitation of a member who left or came back); absent: `sequence`. Every
   * change of the content goes above it, so no member ever holds a higher one.
   */
  top?: number | undefined;
  /** The significant content (rule, first slot, zone, length, series dates; or the times). */
  fingerprint: string;
  title: string;
  cancelled?: boolean | undefined;
  /** Series events: the series (its id) and the span of its dates the event carries (chunks.ts). */
  series?: string | undefined;
  year?: number | undefined;
  span?: { from: IsoDate; to: IsoDate } | undefined;
  /** Series: every meeting by rule date. Single: its one meeting under its date. */
  meetings: Record<IsoDate, MeetingState>;
  /**
   * Who the last invitation file (`tcon ics --invite`) named as ATTENDEE (lower-case addresses):
   * someone no longer on the roster gets a CANCEL naming them (RFC 5546 3.2.5). Mail keeps this
   * in its send log instead.
   */
  attendees?: string[] | undefined;
}

export interface GroupState {
  events: Record<string, EventState>;
}

/**
 * Where a calendar went: a feed (`tcon ics`, METHOD:PUBLISH) or invitations (`tcon ics --invite`,
 * `tcon invite`, METHOD:REQUEST/CANCEL). Tracked apart: a subscriber and an invitee have seen
 * different things, and a CANCEL owed to invitees must not be forgotten because a feed ran first.
 */
export type Channel = 'feed' | 'invite';

/** The state file's content: per channel, per group, per UID. */
export interface CalendarState {
  version: 1;
  feed: Record<string, GroupState>;
  invite: Record<string, GroupState>;
}
