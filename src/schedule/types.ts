import type { DateTime } from 'luxon';

/** A calendar date written `YYYY-MM-DD`, meant as a wall-clock date (no zone). */
export type IsoDate = string;

/** What to do with a slot time that does not exist (spring-forward gap) in its zone. */
export type GapPolicy = 'shift' | 'skip';
/** Which instant to take when a slot time exists twice (fall-back overlap) in its zone. */
export type OverlapPolicy = 'earlier' | 'later';

export interface DstPolicy {
  gap: GapPolicy;
  overlap: OverlapPolicy;
}

/** One slot of a rotation: a wall time in a zone. */
export interface Slot {
  /** 0-based position in the rotation. */
  index: number;
  /** Wall time `HH:mm`. */
  time: string;
  hour: number;
  minute: number;
  /** IANA zone the wall time is read in. */
  zone: string;
  label: string | undefined;
  /**
   * Day offset: the meeting of rule date D is held at `time` on D + `days` in `zone` (`"00:00 UTC
   * +1d"` in a Los Angeles group: Wednesday's meeting is held at 00:00 UTC on Thursday, 17:00
   * Wednesday in Los Angeles). 0 unless written.
   */
  days: number;
  /** Whether the offset was written (`+0d` included): a slot that crosses the date line of the group's zone says it. */
  daysGiven: boolean;
}

/**
 * How a series hands out its slots.
 * - `meeting`: by meeting; with `onSkip: 'keep'` a skipped meeting hands its slot to the next
 *   meeting held (counts held meetings), with `onSkip: 'advance'` it uses up its turn.
 * - `month`: by calendar month, counted from the anchor's month.
 * - `week`: by week, counted in whole 7-day blocks from the anchor date (never ISO weeks).
 * - `iso-week`: by ISO 8601 week number: week 1 gets the first slot, week 2 the second, ... (with
 *   two slots: odd weeks the first, even weeks the second). A year with 53 ISO weeks gives the
 *   same slot to week 53 and the next week 1 (a warning names those years).
 */
export type Rotation =
  { mode: 'meeting'; onSkip: 'keep' | 'advance' } | { mode: 'month'; anchor: IsoDate } | { mode: 'week'; anchor: IsoDate } | { mode: 'iso-week' };

export interface Series {
  /** 0-based position in the group's `series` list (sessions of one entry share it). */
  index: number;
  /**
   * Stable identity of the series, unique in the group (used in UIDs): the `id` written in the
   * config; else `s<index>-<from or 'start'>`; a session of a list `<list id>-<first date>`.
   */
  id: string;
  /** Whether `id` was written in the config: such series may run side by side (parallel calls). */
  named: boolean;
  /** The meetings' title and join link (default: the group's), and a note shown with each (sessions). */
  title: string | undefined;
  link: string | undefined;
  note?: string | undefined;
  /** The conference-bridge account of this series' meetings (default: the group's `bridge`). */
  bridge?: string | undefined;
  /** Per-date settings of this series' meetings (`series[].meetings`), by the meeting's date. */
  exceptions: Map<IsoDate, MeetingException>;
  /**
   * A session of a `sessions:` list (daily meetings at the host's hours), not a rule written by
   * the user: the host's name, and the list's id and title.
   */
  session?: { host: string | undefined; list: string; title: string | undefined } | undefined;
  from: IsoDate | undefined;
  until: IsoDate | undefined;
  /** The normalised RRULE text, without DTSTART (e.g. `FREQ=MONTHLY;BYDAY=+3TU`). */
  rule: string;
  slots: Slot[];
  rotation: Rotation;
  duration: number;
}

export interface Person {
  name: string;
  email: string;
}

export type MemberRole = 'chair' | 'voting' | 'alternate' | 'observer';

/** A range of local clock time, in minutes from local midnight; `to` may be 1440 (24:00). */
export interface TimeWindow {
  from: number;
  to: number;
}

/**
 * How a place judges a meeting by its whole local span: `good` if it lies within `good` on a
 * working day, `fair` within `fair` on a working day, `poor` otherwise.
 */
export interface RatingWindows {
  good: TimeWindow;
  fair: TimeWindow;
  /** Weekend days, luxon/ISO numbering: 1 = Monday ... 7 = Sunday. */
  weekend: number[];
}

/** A coverage region: a representative zone and the windows its members work in. */
export interface Region {
  id: string;
  label: string;
  zone: string;
  windows: RatingWindows;
  /** Other names accepted for it on the command line (`japan` for `japan-korea`). */
  aliases: string[];
}

/** The regions file (`config/regions.yaml`) after validation. */
export interface RegionSet {
  /** Windows of a region or member that sets none. */
  defaults: RatingWindows;
  regions: Region[];
}

/** How much each role counts in coverage. */
export type RoleWeights = Record<MemberRole, number>;

/** A group's coverage settings (`coverage:` and `regions:` keys). */
export interface CoverageSettings {
  /** Every region known to this group: the regions file with the group's overrides and additions. */
  regions: RegionSet;
  /** The regions its coverage is judged for (ids), in display order. */
  focus: string[];
  weights: RoleWeights;
}

/** A roster member. `zone` is the member's own IANA zone, or the zone of their region. */
export interface Member extends Person {
  organization: string | undefined;
  role: MemberRole;
  /** IANA zone, when known (given, or the region's representative zone). */
  zone: string | undefined;
  /** Region id, when given. */
  region: string | undefined;
  /** The member's own rating windows (given, else the region's, else the defaults). */
  windows: RatingWindows;
  /** ISO 3166 country (or country-state) for holidays, when given. */
  country?: string | undefined;
}

export type HolidayPolicy = 'warn' | 'skip' | 'shift';

/**
 * What kind of day a holiday is: a public day off for everyone; a bank holiday (banks and some
 * offices close); an optional (restricted) holiday a person may take; an observance (a named day,
 * no day off); a school holiday; a day off for part of the population only (China's Women's Day
 * afternoon, Youth Day for people aged 14 to 28).
 */
export type HolidayKind = 'public' | 'bank' | 'optional' | 'observance' | 'school' | 'partial';

export const HOLIDAY_KINDS: readonly HolidayKind[] = ['public', 'bank', 'optional', 'observance', 'school', 'partial'];

/**
 * A correction of the holiday data, from tcon.yaml or a group file: a day off the data lacks
 * (`add`), a date it has wrong (`remove`), or a make-up working day of an official swap
 * (`workday`: never a holiday there, and a weekend day that is one counts as a working day).
 */
export interface HolidayCorrection {
  action: 'add' | 'remove' | 'workday';
  /** Country or country-subdivision ("CN", "US-CA"); a country's correction covers its subdivisions. */
  country: string;
  /** First and last date, `YYYY-MM-DD`, or `MM-DD` when `yearly`. */
  from: string;
  to: string;
  yearly: boolean;
  /** The holiday's name (add), or why the date is not one (remove, workday). */
  name: string;
  /** add: the holiday's kind (default public). */
  kind: HolidayKind;
  /** add: local start time `HH:mm` of a holiday that begins during the day (a half day). */
  start: string | undefined;
  /** Where it is written: the file, and `tcon.yaml` or the group id. */
  file: string;
  scope: string;
}

/** A group's own holiday settings; unset fields fall back to the secretariat's (tcon.yaml). */
export interface GroupHolidays {
  policy: HolidayPolicy | undefined;
  shiftDays: number | undefined;
  countries: string[];
  members: boolean | undefined;
  observances: boolean | undefined;
  /** The kinds of holiday that count (default: tcon.yaml's, else public only). */
  kinds?: HolidayKind[] | undefined;
  /** This group's corrections, applied after tcon.yaml's. */
  corrections?: HolidayCorrection[];
}

/** An extra one-off meeting (`meetings.DATE.add`). */
export interface OneOff {
  /** Wall time `HH:mm` in `zone`, on the key date + `days`. */
  time: string;
  zone: string;
  days: number;
  title: string | undefined;
  link: string | undefined;
  note: string | undefined;
  duration: number | undefined;
}

/**
 * Per-date settings and exceptions, keyed by the meeting's date: its day in the group's zone
 * (the date every output prints).
 */
export interface MeetingException {
  date: IsoDate;
  skip: string | undefined;
  /** Wall date-time `YYYY-MM-DDTHH:mm` in `moveZone`. */
  move: string | undefined;
  moveZone: string;
  /**
   * A move to another date at the slot's own wall time (`move: 2027-03-10`, a date alone): the
   * meeting is held on that date (its day in the group's zone) at the time its slot gives it, in
   * the slot's zone (with the slot's day offset). `move` is undefined then.
   */
  moveDate?: IsoDate | undefined;
  /** Extra one-off meetings on this date. */
  add: OneOff[];
  link: string | undefined;
  note: string | undefined;
  title: string | undefined;
  duration: number | undefined;
}

export interface MailSettings {
  /** Sender; default: the organizer. */
  from: Person | undefined;
  /** smtp://host:port or smtps://host:port; undefined = write to the outbox. */
  smtp: string | undefined;
  user: string | undefined;
}

export interface Group {
  id: string;
  title: string;
  timezone: string;
  zoneLabel: string;
  duration: number;
  organizer: Person | undefined;
  link: string | undefined;
  /** Agenda link for reminders; `{{date}}` in it stands for the meeting date. */
  agenda?: string | undefined;
  /** Mailing-list address: reminders go there instead of to each member. */
  list?: string | undefined;
  /** Mail settings (no secrets: the SMTP password never comes from config). */
  mail?: MailSettings | undefined;
  dst: DstPolicy;
  series: Series[];
  exceptions: Map<IsoDate, MeetingException>;
  /** The roster: who is invited. */
  members: Member[];
  /** Regions, focus regions and role weights for coverage. */
  coverage: CoverageSettings;
  /** Reminders of the public feed (VALARM), in minutes before the start; from `alarms: [1d, 15m]`. */
  alarms: number[];
  /** The file the group was read from, for messages. */
  source: string;
  /** Chairs named besides roster members with role chair. */
  chairs?: Person[];
  /** Conference-bridge account id. */
  bridge?: string | undefined;
  /** Holiday settings of the group (defaults: tcon.yaml). */
  holidays?: GroupHolidays;
  /** Whether the group's site page may show join links (undefined: tcon.yaml decides). */
  sitePrivate?: boolean | undefined;
}

export type OccurrenceStatus = 'scheduled' | 'moved' | 'skipped' | 'added';

export interface Occurrence {
  groupId: string;
  title: string;
  /**
   * The meeting's date: its day in the group's zone where the rule placed it (for a moved
   * meeting, the day it was moved from; for a one-off, its key). Key of `meetings:`, and the
   * date every output prints. `meetingDate` (calendar) says the day it is held.
   */
  date: IsoDate;
  /**
   * The date the rule produced, the instance's identity in calendars (RECURRENCE-ID, state,
   * UIDs of meetings written alone). The same as `date` unless a slot's wall time falls on
   * another day in the group's zone than its rule date (a slot in another zone written without
   * a day offset, or a session's host date).
   */
  ruleDate: IsoDate;
  seriesIndex: number | null;
  seriesId: string | null;
  /** Slot of the rotation this meeting belongs to; null for added one-offs. */
  slot: number | null;
  slotLabel: string | undefined;
  /**
   * Start and end, in the group's zone. For skipped meetings: when it would have been. In a
   * schedule tcon builds, these (and originalStart) are made when first read: schedule/times.ts
   * keeps the instants, which `startMs`/`endMs` read without a DateTime.
   */
  start: DateTime;
  end: DateTime;
  /** When the rule placed it before a move (moved meetings only), in the group's zone. */
  originalStart: DateTime | undefined;
  /** Zone of the slot's wall time (the group zone unless the slot names its own). */
  slotZone: string;
  status: OccurrenceStatus;
  note: string | undefined;
  link: string | undefined;
  /** DST adjustments and similar, in words. */
  warnings: string[];
}

export interface Window {
  /** Inclusive first date, in the group's zone. */
  from: IsoDate;
  /** Inclusive last date, in the group's zone. */
  to: IsoDate;
}
