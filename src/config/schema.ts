import './zod-setup.js';
import * as z from 'zod';
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

const policy = (description: string) => z.enum(['warn', 'skip', 'shift']).meta({ description });

const date = (description: string) => z.string().meta({ pattern: DATE, description });
const zone = (description: string) => z.string().meta({ description, examples: ['America/New_York', 'UTC'] });
const minutes = (description: string) => z.number().meta({ description, minimum: 1 });

export const PersonInput = z.strictObject({
  name: z.string().meta({ description: 'Display name' }),
  email: z.string().meta({ description: 'Email address', format: 'email' }),
});

const WINDOW = '^([01]?\\d|2[0-3]):[0-5]\\d-(([01]?\\d|2[0-3]):[0-5]\\d|24:00)$';
const window = (description: string) => z.string().meta({ pattern: WINDOW, description, examples: ['08:00-18:00'] });

export const WindowsInput = z.strictObject({
  good: window('Local hours rated good on a working day, "HH:mm-HH:mm" (default 08:00-18:00)').optional(),
  fair: window('Local hours rated fair on a working day, "HH:mm-HH:mm" (default 07:00-23:00)').optional(),
  weekend: z
    .array(z.string().meta({ examples: ['sat', 'sun'] }))
    .meta({ description: 'Weekend days (no meeting is better than poor on them): mon, tue, ... sun (default [sat, sun])' })
    .optional(),
});

export const RegionInput = z.strictObject({
  label: z.string().meta({ description: 'Display name, e.g. "Japan/Korea" (default: the id)' }).optional(),
  zone: zone('Representative IANA zone of the region (required for a new region)').optional(),
  aliases: z.array(z.string()).meta({ description: 'Other names accepted on the command line, e.g. [japan, korea]' }).optional(),
  ...WindowsInput.shape,
});

/** The regions file, `config/regions.yaml`. */
export const RegionsFileInput = z.strictObject({
  $schema: z.string().optional(),
  defaults: WindowsInput.meta({ description: 'Windows of every region and member that sets none' }).optional(),
  regions: z.record(z.string(), RegionInput).meta({ description: 'Regions by id (lowercase letters, digits, dashes)' }),
});

export const CoverageInput = z.strictObject({
  regions: z
    .array(z.string())
    .meta({ description: "The regions (ids) this group's coverage is judged for, in display order (default: every region)" })
    .optional(),
  weights: z
    .strictObject({
      chair: z.number().optional(),
      voting: z.number().optional(),
      alternate: z.number().optional(),
      observer: z.number().optional(),
    })
    .meta({ description: 'How much each role counts (default chair 1, voting 1, alternate 0.5, observer 0.25)' })
    .optional(),
});

export const MemberInput = z.strictObject({
  name: z.string().meta({ description: 'Display name' }),
  email: z.string().meta({ description: 'Email address', format: 'email' }),
  organization: z.string().optional(),
  role: z.enum(['chair', 'voting', 'alternate', 'observer']).meta({ description: 'default: voting' }).optional(),
  zone: zone("The member's IANA zone").optional(),
  region: z.string().meta({ description: 'Region id (regions.yaml); gives the zone when none is set, and the windows' }).optional(),
  windows: WindowsInput.meta({ description: "This member's own rating windows (default: the region's)" }).optional(),
  country: z
    .string()
    .meta({
      description: 'ISO 3166 country (or country-state, "US-CA") whose public holidays concern this member; default: the country of the member\'s zone',
      pattern: COUNTRY,
    })
    .optional(),
});

export const SlotInput = z.union([
  z.string().meta({
    pattern: TIME,
    description:
      'Wall time "HH:mm", optionally followed by an IANA zone ("14:00 UTC") and a day offset ("00:00 UTC +1d": the meeting of a rule date is held the next day in that zone); default zone: the group timezone',
  }),
  z.strictObject({
    time: z.string().meta({ pattern: TIME, description: 'Wall time "HH:mm", optionally followed by a day offset ("00:00 +1d")' }),
    zone: zone('IANA zone of this slot; default: the group timezone').optional(),
    label: z.string().meta({ description: 'Short name of the slot, e.g. "Asia-friendly"' }).optional(),
  }),
]);

export const RotationInput = z.strictObject({
  mode: z
    .enum(['meeting', 'month', 'week', 'iso-week'])
    .meta({
      description:
        'meeting: by meeting (default); month: by calendar month; week: by 7-day block from the anchor; iso-week: by ISO week number (two slots: odd weeks the first, even weeks the second)',
    })
    .optional(),
  'on-skip': z
    .enum(['keep', 'advance'])
    .meta({
      description: "mode meeting: keep (default) gives a skipped meeting's slot to the next meeting held; advance uses up its turn",
    })
    .optional(),
  anchor: date('month/week modes: the date whose month/week gets the first slot; default: the series "from"').optional(),
});

export const OneOffInput = z.union([
  z.string().meta({ pattern: TIME, description: 'Wall time "HH:mm", optionally followed by an IANA zone and a day offset' }),
  z.strictObject({
    time: z.string().meta({ pattern: TIME, description: 'Wall time "HH:mm", optionally followed by an IANA zone and a day offset' }),
    title: z.string().meta({ description: "Title of this one-off (default: the date's title, else the group's)" }).optional(),
    link: z.string().meta({ description: 'Join link of this one-off' }).optional(),
    note: z.string().meta({ description: 'Note shown with this one-off' }).optional(),
    duration: minutes('Length of this one-off in minutes').optional(),
  }),
]);

export const MeetingInput = z.strictObject({
  skip: z.string().meta({ description: 'Skip the meeting of this date; the value is the reason' }).optional(),
  move: z
    .string()
    .meta({
      description:
        'Move the meeting of this date to "YYYY-MM-DDTHH:mm", a date alone ("YYYY-MM-DD": the slot\'s time is kept) or a time alone ("HH:mm": the same day); group zone, or followed by an IANA zone',
    })
    .optional(),
  add: z
    .union([z.string(), z.array(OneOffInput)])
    .meta({
      description:
        'Extra one-off meeting(s) on this date: "HH:mm" (optionally followed by a zone), or a list of times or { time, title, link, note, duration }',
    })
    .optional(),
  link: z.string().meta({ description: 'Join link for this meeting' }).optional(),
  note: z.string().meta({ description: 'Note shown with this meeting' }).optional(),
  title: z.string().meta({ description: 'Title of this meeting, if not the group title' }).optional(),
  duration: minutes('Length of this meeting in minutes').optional(),
});

export const SessionInput = z.strictObject({
  from: date('First day of the session, in the host zone'),
  to: date('Last day of the session (inclusive, in the host zone); default: from').optional(),
  hours: z.string().meta({
    pattern: HOURS,
    description: 'Daily hours in the host zone, "HH:mm-HH:mm" (an end before the start runs past midnight)',
    examples: ['10:00-17:00'],
  }),
  zone: zone('The host zone the dates and hours are written in; default: the group timezone').optional(),
  host: z.string().meta({ description: 'Who hosts it, shown beside the host\'s local time (default "host")' }).optional(),
  title: z.string().meta({ description: "Title of the session's meetings (default: the series' title, else the group's)" }).optional(),
  link: z.string().meta({ description: 'Join link of the session' }).optional(),
  note: z.string().meta({ description: 'Note shown with every meeting of the session' }).optional(),
});

export const SeriesInput = z.strictObject({
  id: z
    .string()
    .meta({
      description:
        'Identity of the series (lowercase letters, digits, dashes), used in calendar UIDs; series with ids may run side by side (parallel calls). Default: s<index>-<from>',
      pattern: '^[a-z0-9][a-z0-9-]*$',
    })
    .optional(),
  title: z.string().meta({ description: "Title of this series' meetings; default: the group title" }).optional(),
  link: z.string().meta({ description: "Join link of this series' meetings; default: the group link" }).optional(),
  bridge: z
    .string()
    .meta({ description: "Conference-bridge account id of this series' meetings (an IRC channel, a Zoom account); default: the group's bridge" })
    .optional(),
  from: date('First date of this series (inclusive); only the first series may leave it out').optional(),
  until: date('Last date of this series (inclusive); only the last series may leave it out').optional(),
  rule: z
    .string()
    .meta({
      description:
        'A phrase ("2nd and 4th Tuesday of every month", "every other Wednesday"; every form is in docs/rule-phrases.md) or an RRULE without DTSTART/UNTIL/COUNT (FREQ=MONTHLY;BYDAY=3TU). Its dates are days in the group\'s zone',
    })
    .optional(),
  slots: z.array(SlotInput).meta({ description: 'Slots in rotation order, first slot first' }).optional(),
  sessions: z
    .array(SessionInput)
    .meta({ description: 'Instead of rule and slots: a list of sessions (dates, daily hours, host zone), each held every day from its first to its last date' })
    .optional(),
  rotation: RotationInput.optional(),
  duration: minutes('Meeting length in minutes; default: the group duration').optional(),
  meetings: z
    .record(z.string().meta({ pattern: DATE }), MeetingInput)
    .meta({
      description:
        "Per-date details and exceptions of this series' meetings, keyed by the meeting's date in the group zone (no add: one-offs belong to the group)",
    })
    .optional(),
});

export const MailInput = z
  .strictObject({
    from: PersonInput.optional().meta({ description: 'Sender of invitations and reminders; default: the organizer' }),
    smtp: z
      .string()
      .meta({
        description:
          'SMTP server URL, smtp://host:587 (STARTTLS) or smtps://host:465 (TLS); no password here (TCON_SMTP_PASSWORD or --password-file). Default: write .eml files to ./outbox',
      })
      .optional(),
    user: z.string().meta({ description: 'SMTP user name' }).optional(),
  })
  .meta({ description: 'How tcon sends mail (invite, cancel, remind); flags override these' });

export const DstInput = z.strictObject({
  gap: z
    .enum(['shift', 'skip'])
    .meta({ description: 'A slot time that does not exist (spring forward): shift (default, later by the gap, as RFC 5545) or skip' })
    .optional(),
  overlap: z.enum(['earlier', 'later']).meta({ description: 'A slot time that exists twice (fall back): earlier (default, as RFC 5545) or later' }).optional(),
});

export const HolidaysInput = z.strictObject({
  policy: policy(
    'A meeting on a holiday or in a blackout: warn (keep it, report it), skip it, or shift it to the next free date (default: tcon.yaml, else warn)',
  ).optional(),
  'shift-days': z.number().meta({ description: 'shift: step in days to the next free date (default 7: the same weekday a week later)', minimum: 1 }).optional(),
  countries: z
    .array(z.string().meta({ pattern: COUNTRY }))
    .meta({ description: 'Countries (ISO 3166, or country-state "US-CA") whose public holidays the group observes, besides its members\' countries' })
    .optional(),
  members: z.boolean().meta({ description: "Also observe the holidays of every member's country (default: tcon.yaml, else true)" }).optional(),
  observances: z
    .boolean()
    .meta({ description: "Count observances (Mother's Day...) too, not only public holidays (default: tcon.yaml, else false)" })
    .optional(),
  kinds: HolidayKindsInput.optional(),
  corrections: HolidayCorrectionsInput.optional(),
});

export const SiteInput = z.strictObject({
  private: z.boolean().meta({ description: 'The group page may show join links (default: tcon.yaml site.private, else false)' }).optional(),
});

export const GroupInput = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().meta({ description: 'Group id: lowercase letters, digits, dashes', pattern: '^[a-z0-9][a-z0-9-]*$' }),
  title: z.string().meta({ description: 'Title of the meetings' }),
  timezone: zone('The zone slot times are written in'),
  'zone-label': z.string().meta({ description: 'How minutes name the zone, e.g. "US ET"; default: the zone name' }).optional(),
  duration: minutes('Meeting length in minutes (default 60)').optional(),
  organizer: PersonInput.optional(),
  link: z.string().meta({ description: 'Default join link' }).optional(),
  agenda: z.string().meta({ description: 'Agenda link shown in reminders; "{{date}}" in it is replaced by the meeting date (YYYY-MM-DD)' }).optional(),
  list: z.string().meta({ description: 'Mailing-list address: reminders go to it (once) instead of to every member', format: 'email' }).optional(),
  mail: MailInput.optional(),
  dst: DstInput.optional(),
  rotation: RotationInput.optional().meta({ description: 'Default rotation of every series' }),
  series: z.array(SeriesInput).meta({
    description:
      'Consecutive rules (a group changes its rule over time), and series with ids that run side by side; an empty list: a group of one-off meetings only',
  }),
  alarms: z
    .array(z.string().meta({ pattern: '^\\d+[wdhm]$', examples: ['1d', '15m'] }))
    .meta({ description: 'Reminders in the public calendar feed (VALARM), before each meeting: "1d", "2h", "15m", "1w"' })
    .optional(),
  members: z.array(MemberInput).meta({ description: 'The roster: who is invited' }).optional(),
  chairs: z
    .array(PersonInput)
    .meta({ description: 'Chairs (besides roster members with role chair); a chair shared with another group makes overlapping calls a conflict' })
    .optional(),
  bridge: z
    .string()
    .meta({ description: 'Conference-bridge account id (see tcon.yaml bridges); groups sharing an account cannot meet at the same time' })
    .optional(),
  holidays: HolidaysInput.optional(),
  site: SiteInput.optional(),
  regions: z
    .record(z.string(), RegionInput)
    .meta({ description: "Overrides of regions.yaml for this group: change a region's windows or zone, or add a region" })
    .optional(),
  coverage: CoverageInput.meta({ description: 'Which regions coverage is judged for, and role weights' }).optional(),
  meetings: z
    .record(z.string().meta({ pattern: DATE }), MeetingInput)
    .meta({ description: "Per-date details and exceptions, keyed by the meeting's date (YYYY-MM-DD) in the group zone" })
    .optional(),
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
