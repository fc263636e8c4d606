import * as z from 'zod/mini';
import { meta } from './zod-setup.js';
import { COUNTRY, HolidayCorrectionsInput, HolidayKindsInput } from './holidays.js';

/*
 * The shape of a group file. Zod checks structure (types, required and unknown keys); the
 * meaning of values (zones, times, rules, dates) is checked in resolve.ts, which gives each
 * problem its own message. Patterns below are metadata for the JSON Schema (editor completion),
 * not validation.
 */

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const TIME = '^([01]?\\d|2[0-3]):[0-5]\\d( [^ +-][^ ]*)?( [+-]\\d+d)?$';
const HOURS = '^([01]?\\d|2[0-3]):[0-5]\\d-(([01]?\\d|2[0-3]):[0-5]\\d|24:00)$';

const policy = (description: string) => meta(z.enum(['warn', 'skip', 'shift']), { description });

const date = (description: string) => meta(z.string(), { pattern: DATE, description });
const zone = (description: string) => meta(z.string(), { description, examples: ['America/New_York', 'UTC'] });
const minutes = (description: string) => meta(z.number(), { description, minimum: 1 });

export const PersonInput = z.strictObject({
  name: meta(z.string(), { description: 'Display name' }),
  email: meta(z.string(), { description: 'Email address', format: 'email' }),
});

const WINDOW = '^([01]?\\d|2[0-3]):[0-5]\\d-(([01]?\\d|2[0-3]):[0-5]\\d|24:00)$';
const window = (description: string) => meta(z.string(), { pattern: WINDOW, description, examples: ['08:00-18:00'] });

export const WindowsInput = z.strictObject({
  good: z.optional(window('Local hours rated good on a working day, "HH:mm-HH:mm" (default 08:00-18:00)')),
  fair: z.optional(window('Local hours rated fair on a working day, "HH:mm-HH:mm" (default 07:00-23:00)')),
  weekend: z.optional(
    meta(z.array(meta(z.string(), { examples: ['sat', 'sun'] })), {
      description: 'Weekend days (no meeting is better than poor on them): mon, tue, ... sun (default [sat, sun])',
    }),
  ),
});

export const RegionInput = z.strictObject({
  label: z.optional(meta(z.string(), { description: 'Display name, e.g. "Japan/Korea" (default: the id)' })),
  zone: z.optional(zone('Representative IANA zone of the region (required for a new region)')),
  aliases: z.optional(meta(z.array(z.string()), { description: 'Other names accepted on the command line, e.g. [japan, korea]' })),
  ...WindowsInput.shape,
});

/** The regions file, `config/regions.yaml`. */
export const RegionsFileInput = z.strictObject({
  $schema: z.optional(z.string()),
  defaults: z.optional(meta(z.clone(WindowsInput), { description: 'Windows of every region and member that sets none' })),
  regions: meta(z.record(z.string(), RegionInput), { description: 'Regions by id (lowercase letters, digits, dashes)' }),
});

export const CoverageInput = z.strictObject({
  regions: z.optional(
    meta(z.array(z.string()), { description: "The regions (ids) this group's coverage is judged for, in display order (default: every region)" }),
  ),
  weights: z.optional(
    meta(
      z.strictObject({
        chair: z.optional(z.number()),
        voting: z.optional(z.number()),
        alternate: z.optional(z.number()),
        observer: z.optional(z.number()),
      }),
      { description: 'How much each role counts (default chair 1, voting 1, alternate 0.5, observer 0.25)' },
    ),
  ),
});

export const MemberInput = z.strictObject({
  name: meta(z.string(), { description: 'Display name' }),
  email: meta(z.string(), { description: 'Email address', format: 'email' }),
  organization: z.optional(z.string()),
  role: z.optional(meta(z.enum(['chair', 'voting', 'alternate', 'observer']), { description: 'default: voting' })),
  zone: z.optional(zone("The member's IANA zone")),
  region: z.optional(meta(z.string(), { description: 'Region id (regions.yaml); gives the zone when none is set, and the windows' })),
  windows: z.optional(meta(z.clone(WindowsInput), { description: "This member's own rating windows (default: the region's)" })),
  country: z.optional(
    meta(z.string(), {
      description: 'ISO 3166 country (or country-state, "US-CA") whose public holidays concern this member; default: the country of the member\'s zone',
      pattern: COUNTRY,
    }),
  ),
});

export const SlotInput = z.union([
  meta(z.string(), {
    pattern: TIME,
    description:
      'Wall time "HH:mm", optionally followed by an IANA zone ("14:00 UTC") and a day offset ("00:00 UTC +1d": the meeting of a rule date is held the next day in that zone); default zone: the group timezone',
  }),
  z.strictObject({
    time: meta(z.string(), { pattern: TIME, description: 'Wall time "HH:mm", optionally followed by a day offset ("00:00 +1d")' }),
    zone: z.optional(zone('IANA zone of this slot; default: the group timezone')),
    label: z.optional(meta(z.string(), { description: 'Short name of the slot, e.g. "Asia-friendly"' })),
  }),
]);

export const RotationInput = z.strictObject({
  mode: z.optional(
    meta(z.enum(['meeting', 'month', 'week', 'iso-week']), {
      description:
        'meeting: by meeting (default); month: by calendar month; week: by 7-day block from the anchor; iso-week: by ISO week number (two slots: odd weeks the first, even weeks the second)',
    }),
  ),
  'on-skip': z.optional(
    meta(z.enum(['keep', 'advance']), {
      description: "mode meeting: keep (default) gives a skipped meeting's slot to the next meeting held; advance uses up its turn",
    }),
  ),
  anchor: z.optional(date('month/week modes: the date whose month/week gets the first slot; default: the series "from"')),
});

export const OneOffInput = z.union([
  meta(z.string(), { pattern: TIME, description: 'Wall time "HH:mm", optionally followed by an IANA zone and a day offset' }),
  z.strictObject({
    time: meta(z.string(), { pattern: TIME, description: 'Wall time "HH:mm", optionally followed by an IANA zone and a day offset' }),
    title: z.optional(meta(z.string(), { description: "Title of this one-off (default: the date's title, else the group's)" })),
    link: z.optional(meta(z.string(), { description: 'Join link of this one-off' })),
    note: z.optional(meta(z.string(), { description: 'Note shown with this one-off' })),
    duration: z.optional(minutes('Length of this one-off in minutes')),
  }),
]);

export const MeetingInput = z.strictObject({
  skip: z.optional(meta(z.string(), { description: 'Skip the meeting of this date; the value is the reason' })),
  move: z.optional(
    meta(z.string(), {
      description:
        'Move the meeting of this date to "YYYY-MM-DDTHH:mm", a date alone ("YYYY-MM-DD": the slot\'s time is kept) or a time alone ("HH:mm": the same day); group zone, or followed by an IANA zone',
    }),
  ),
  add: z.optional(
    meta(z.union([z.string(), z.array(OneOffInput)]), {
      description:
        'Extra one-off meeting(s) on this date: "HH:mm" (optionally followed by a zone), or a list of times or { time, title, link, note, duration }',
    }),
  ),
  link: z.optional(meta(z.string(), { description: 'Join link for this meeting' })),
  note: z.optional(meta(z.string(), { description: 'Note shown with this meeting' })),
  title: z.optional(meta(z.string(), { description: 'Title of this meeting, if not the group title' })),
  duration: z.optional(minutes('Length of this meeting in minutes')),
});

export const SessionInput = z.strictObject({
  from: date('First day of the session, in the host zone'),
  to: z.optional(date('Last day of the session (inclusive, in the host zone); default: from')),
  hours: meta(z.string(), {
    pattern: HOURS,
    description: 'Daily hours in the host zone, "HH:mm-HH:mm" (an end before the start runs past midnight)',
    examples: ['10:00-17:00'],
  }),
  zone: z.optional(zone('The host zone the dates and hours are written in; default: the group timezone')),
  host: z.optional(meta(z.string(), { description: 'Who hosts it, shown beside the host\'s local time (default "host")' })),
  title: z.optional(meta(z.string(), { description: "Title of the session's meetings (default: the series' title, else the group's)" })),
  link: z.optional(meta(z.string(), { description: 'Join link of the session' })),
  note: z.optional(meta(z.string(), { description: 'Note shown with every meeting of the session' })),
});

export const SeriesInput = z.strictObject({
  id: z.optional(
    meta(z.string(), {
      description:
        'Identity of the series (lowercase letters, digits, dashes), used in calendar UIDs; series with ids may run side by side (parallel calls). Default: s<index>-<from>',
      pattern: '^[a-z0-9][a-z0-9-]*$',
    }),
  ),
  title: z.optional(meta(z.string(), { description: "Title of this series' meetings; default: the group title" })),
  link: z.optional(meta(z.string(), { description: "Join link of this series' meetings; default: the group link" })),
  bridge: z.optional(
    meta(z.string(), { description: "Conference-bridge account id of this series' meetings (an IRC channel, a Zoom account); default: the group's bridge" }),
  ),
  from: z.optional(date('First date of this series (inclusive); only the first series may leave it out')),
  until: z.optional(date('Last date of this series (inclusive); only the last series may leave it out')),
  rule: z.optional(
    meta(z.string(), {
      description:
        'A phrase ("2nd and 4th Tuesday of every month", "every other Wednesday"; every form is in docs/rule-phrases.md) or an RRULE without DTSTART/UNTIL/COUNT (FREQ=MONTHLY;BYDAY=3TU). Its dates are days in the group\'s zone',
    }),
  ),
  slots: z.optional(meta(z.array(SlotInput), { description: 'Slots in rotation order, first slot first' })),
  sessions: z.optional(
    meta(z.array(SessionInput), {
      description: 'Instead of rule and slots: a list of sessions (dates, daily hours, host zone), each held every day from its first to its last date',
    }),
  ),
  rotation: z.optional(RotationInput),
  duration: z.optional(minutes('Meeting length in minutes; default: the group duration')),
  meetings: z.optional(
    meta(z.record(meta(z.string(), { pattern: DATE }), MeetingInput), {
      description:
        "Per-date details and exceptions of this series' meetings, keyed by the meeting's date in the group zone (no add: one-offs belong to the group)",
    }),
  ),
});

export const MailInput = meta(
  z.strictObject({
    from: meta(z.optional(PersonInput), { description: 'Sender of invitations and reminders; default: the organizer' }),
    smtp: z.optional(
      meta(z.string(), {
        description:
          'SMTP server URL, smtp://host:587 (STARTTLS) or smtps://host:465 (TLS); no password here (TCON_SMTP_PASSWORD or --password-file). Default: write .eml files to ./outbox',
      }),
    ),
    user: z.optional(meta(z.string(), { description: 'SMTP user name' })),
  }),
  { description: 'How tcon sends mail (invite, cancel, remind); flags override these' },
);

export const DstInput = z.strictObject({
  gap: z.optional(
    meta(z.enum(['shift', 'skip']), {
      description: 'A slot time that does not exist (spring forward): shift (default, later by the gap, as RFC 5545) or skip',
    }),
  ),
  overlap: z.optional(
    meta(z.enum(['earlier', 'later']), { description: 'A slot time that exists twice (fall back): earlier (default, as RFC 5545) or later' }),
  ),
});

export const HolidaysInput = z.strictObject({
  policy: z.optional(
    policy('A meeting on a holiday or in a blackout: warn (keep it, report it), skip it, or shift it to the next free date (default: tcon.yaml, else warn)'),
  ),
  'shift-days': z.optional(
    meta(z.number(), { description: 'shift: step in days to the next free date (default 7: the same weekday a week later)', minimum: 1 }),
  ),
  countries: z.optional(
    meta(z.array(meta(z.string(), { pattern: COUNTRY })), {
      description: 'Countries (ISO 3166, or country-state "US-CA") whose public holidays the group observes, besides its members\' countries',
    }),
  ),
  members: z.optional(meta(z.boolean(), { description: "Also observe the holidays of every member's country (default: tcon.yaml, else true)" })),
  observances: z.optional(
    meta(z.boolean(), { description: "Count observances (Mother's Day...) too, not only public holidays (default: tcon.yaml, else false)" }),
  ),
  kinds: z.optional(HolidayKindsInput),
  corrections: z.optional(HolidayCorrectionsInput),
});

export const SiteInput = z.strictObject({
  private: z.optional(meta(z.boolean(), { description: 'The group page may show join links (default: tcon.yaml site.private, else false)' })),
});

export const GroupInput = z.strictObject({
  $schema: z.optional(z.string()),
  id: meta(z.string(), { description: 'Group id: lowercase letters, digits, dashes', pattern: '^[a-z0-9][a-z0-9-]*$' }),
  title: meta(z.string(), { description: 'Title of the meetings' }),
  timezone: zone('The zone slot times are written in'),
  'zone-label': z.optional(meta(z.string(), { description: 'How minutes name the zone, e.g. "US ET"; default: the zone name' })),
  duration: z.optional(minutes('Meeting length in minutes (default 60)')),
  organizer: z.optional(PersonInput),
  link: z.optional(meta(z.string(), { description: 'Default join link' })),
  agenda: z.optional(meta(z.string(), { description: 'Agenda link shown in reminders; "{{date}}" in it is replaced by the meeting date (YYYY-MM-DD)' })),
  list: z.optional(meta(z.string(), { description: 'Mailing-list address: reminders go to it (once) instead of to every member', format: 'email' })),
  mail: z.optional(MailInput),
  dst: z.optional(DstInput),
  rotation: meta(z.optional(RotationInput), { description: 'Default rotation of every series' }),
  series: meta(z.array(SeriesInput), {
    description:
      'Consecutive rules (a group changes its rule over time), and series with ids that run side by side; an empty list: a group of one-off meetings only',
  }),
  alarms: z.optional(
    meta(z.array(meta(z.string(), { pattern: '^\\d+[wdhm]$', examples: ['1d', '15m'] })), {
      description: 'Reminders in the public calendar feed (VALARM), before each meeting: "1d", "2h", "15m", "1w"',
    }),
  ),
  members: z.optional(meta(z.array(MemberInput), { description: 'The roster: who is invited' })),
  chairs: z.optional(
    meta(z.array(PersonInput), {
      description: 'Chairs (besides roster members with role chair); a chair shared with another group makes overlapping calls a conflict',
    }),
  ),
  bridge: z.optional(
    meta(z.string(), { description: 'Conference-bridge account id (see tcon.yaml bridges); groups sharing an account cannot meet at the same time' }),
  ),
  holidays: z.optional(HolidaysInput),
  site: z.optional(SiteInput),
  regions: z.optional(
    meta(z.record(z.string(), RegionInput), { description: "Overrides of regions.yaml for this group: change a region's windows or zone, or add a region" }),
  ),
  coverage: z.optional(meta(z.clone(CoverageInput), { description: 'Which regions coverage is judged for, and role weights' })),
  meetings: z.optional(
    meta(z.record(meta(z.string(), { pattern: DATE }), MeetingInput), {
      description: "Per-date details and exceptions, keyed by the meeting's date (YYYY-MM-DD) in the group zone",
    }),
  ),
});

export type GroupInput = z.infer<typeof GroupInput>;
export type SeriesInput = z.infer<typeof SeriesInput>;
export type SlotInput = z.infer<typeof SlotInput>;
export type MeetingInput = z.infer<typeof MeetingInput>;
export type SessionInput = z.infer<typeof SessionInput>;
export type OneOffInput = z.infer<typeof OneOffInput>;
export type HolidaysInput = z.infer<typeof HolidaysInput>;
export type WindowsInput = z.infer<typeof WindowsInput>;
export type RegionInput = z.infer<typeof RegionInput>;
export type RegionsFileInput = z.infer<typeof RegionsFileInput>;

/** The JSON Schema shipped in `schema/group.schema.json` for editors. */
export function groupJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(GroupInput, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://example.org/tcon/group.schema.json', title: 'tcon group configuration' };
}

/** The JSON Schema shipped in `schema/regions.schema.json` for `config/regions.yaml`. */
export function regionsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RegionsFileInput, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://example.org/tcon/regions.schema.json', title: 'tcon regions (config/regions.yaml)' };
}
