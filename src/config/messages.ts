/*
 * Every user-facing config message, written once as a function of its arguments, and its code.
 * The code is derived from the catalogue name, so it cannot drift from it: `config.` and the
 * name in kebab case (msg.unknownZone → `config.unknown-zone`, msg.notUtf8 → `config.not-utf-8`).
 * Codes are a contract for scripts and tests (test/config/codes.test.ts lists them all): a
 * renamed entry is a changed code.
 */

/** A user-facing message and its stable code. */
export interface Message {
  readonly code: string;
  readonly text: string;
}

/** The code of the catalogue entry `name`: `config.` and the name in kebab case. */
export function messageCode(name: string): string {
  return `config.${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/(?<=[a-z])(?=\d)/g, '-')}`;
}

/** "A, B or C". */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

type Catalogue<T> = { readonly [K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: A) => Message : never };

/** Each text function, returning its text with the code of its name. */
function coded<T extends Record<string, (...args: never) => string>>(texts: T): Catalogue<T> {
  const out: Record<string, (...args: unknown[]) => Message> = {};
  for (const [name, text] of Object.entries(texts)) {
    const code = messageCode(name);
    out[name] = (...args) => ({ code, text: (text as (...a: unknown[]) => string)(...args) });
  }
  return out as Catalogue<T>;
}

const texts = {
  notAConfigFile: (kind: string) => `${kind}, not a regular file: a config file must be a file`,
  configTooLarge: (size: number, max: number) =>
    `the file is ${(size / 1048576).toFixed(1)} MB; a config file is at most ${max / 1048576} MB (split a huge roster, or check that this is the right file)`,
  notUtf8: (byte: number) => `the file is not UTF-8 text (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} here): save it as UTF-8`,
  yamlSyntax: (detail: string) => `YAML syntax error: ${detail}`,
  yamlKey: () => 'a key must be a plain word or string (not a list, a map or nothing)',
  yamlTag: (tag: string) => `YAML tag ${tag.replace(/^tag:yaml\.org,2002:/, '!!')} is not allowed in a tcon config (write the plain value)`,
  unknownAlias: (name: string) => `alias *${name} names no anchor (&${name}) before it`,
  tooManyAliases: (max: number, detail?: string) => `more than ${max} aliases (*name): an alias bomb, not a config${detail ? ` (${detail})` : ''}`,
  controlCharacter: (code: number) =>
    `the file contains a ${code === 0 ? 'NUL byte' : `control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`}: it is not a text file, or it is damaged`,
  notAMapping: () => 'expected a mapping of keys (a group config), found something else',
  unknownKey: (key: string, known: readonly string[]) => `unknown key "${key}" (known: ${known.join(', ')})`,
  missingKey: (key: string) => `missing required key "${key}"`,
  expectedType: (expected: string, found: string) => `expected ${expected}, found ${found}`,
  expectedOneOf: (found: string, allowed: readonly string[]) => `"${found}" is not allowed (expected one of: ${allowed.join(', ')})`,
  badDate: (value: string) => `"${value}" is not a date (expected YYYY-MM-DD)`,
  badTime: (value: string) => `slot time "${value}" is not a time of day (expected HH:mm, 00:00-23:59)`,
  badSlot: (value: string) => `slot "${value}" is not a slot (expected "HH:mm" optionally followed by an IANA zone, e.g. "14:00 UTC")`,
  badDateTime: (value: string) =>
    `"${value}" is not a date and time (expected YYYY-MM-DDTHH:mm, a date YYYY-MM-DD (the slot's time is kept) or a time HH:mm (the same day), optionally followed by an IANA zone)`,
  badRule: (rule: string, detail: string) =>
    `cannot read rule "${rule}": ${detail} (expected an RRULE such as FREQ=MONTHLY;BYDAY=3TU, or a phrase such as "every month on the 3rd Tuesday")`,
  badPhrase: (rule: string, detail: string, nearest: readonly string[]) =>
    `cannot read rule "${rule}": ${detail}${nearest.length ? ` (nearest phrases tcon reads: ${nearest.map((p) => `"${p}"`).join(', ')})` : ''}; every phrase tcon reads is listed in docs/rule-phrases.md, or write an RRULE such as FREQ=MONTHLY;BYDAY=3TU`,
  intervalFirstPeriod: (from: string, unit: string, interval: number, first: string | undefined, sooner: string | undefined) =>
    `this rule repeats every ${interval} ${unit}s counted from the ${unit} of "from" (${from}), which has no meeting on or after ${from}: ${first ? `the first meeting is ${first}` : 'there is no meeting soon after it'}${sooner ? `; to start with ${sooner}, set "from: ${sooner}"` : ''}`,
  ruleHasDtstart: () => 'the rule must not carry DTSTART, UNTIL or COUNT: use the series keys "from" and "until"',
  ruleYieldsNothing: (rule: string, from: string, until: string | undefined) =>
    until ? `rule "${rule}" yields no meeting between ${from} and ${until}` : `rule "${rule}" yields no meeting in the four years from ${from}`,
  untilBeforeFrom: (from: string, until: string) => `"until" ${until} is before "from" ${from}`,
  seriesOverlap: (other: number, otherRange: string) =>
    `this series overlaps series[${other}] (${otherRange}): series without an id follow one another in time (end series[${other}] with "until" before this "from"); to hold both side by side (parallel calls), give each an id ("id: plenary", "id: breakout-a")`,
  badSeriesId: (value: string) => `series id "${value}" must be lowercase letters, digits and dashes (e.g. plenary, breakout-a)`,
  reservedSeriesId: (value: string) => `series id "${value}" is reserved (one-off meetings' calendar UIDs use it); choose another`,
  duplicateSeriesId: (id: string, other: number) => `series id "${id}" is also used by series[${other}]: ids name calendar events, so each must be unique`,
  badDayOffset: (value: string) =>
    `"${value}": a day offset is "+1d" or "-1d" (or "+2d", "-2d", "+0d"): the days between the rule date and the slot's date in its zone`,
  badHours: (value: string) => `"${value}" is not a span of hours (expected "HH:mm-HH:mm", e.g. "10:00-17:00"; an end before the start runs past midnight)`,
  sessionsExclude: (key: string) => `"${key}" does not go with "sessions": each session has its own dates (from, to) and hours`,
  emptySessions: () => 'a session list needs at least one session ({ from, to, hours, zone })',
  sessionTwice: (from: string, other: number) => `another session (sessions[${other}]) also starts on ${from}: sessions are named by their first day`,
  sessionOverlap: (other: number, from: string, to: string) =>
    `this session overlaps sessions[${other}] (${from} to ${to}): a list's sessions are held one after another`,
  addInSeries: () => 'one-off meetings ("add") belong to the group\'s meetings:, not to a series\' (give them a title to tell them apart)',
  keyOfSlotZone: (key: string, slot: string, held: string, zone: string, date: string, taken: boolean) =>
    `the meeting of rule date ${key} ("${slot}") is held ${held} in ${zone}: tcon dates every meeting by its day in the group's zone, so write ${date}${taken ? ` (${key} now names the meeting held that day in ${zone})` : ''}, or give the slot its day offset ("... +0d") to say that its dates are the rule's`,
  noSeriesMeetingOnDate: (date: string) =>
    `no meeting of this series falls on ${date} (the meeting's day in the group's zone): "skip" and "move" need a meeting of that date`,
  moveOfShared: (date: string, series: readonly { id: string; index: number }[]) =>
    `meetings of several series fall on ${date} (${series.map((s) => `${s.id}, series[${s.index}]`).join('; ')}): move one under its series' own meetings: (series[${series[0]!.index}].meetings.${date}.move)`,
  oneOffOtherDay: (key: string, written: string, day: string, zone: string, form: string) =>
    `the one-off "${written}" of ${key} is held on ${day} in ${zone}: a meeting is dated by its day in the group's zone, so write it under ${day} as "${form}"`,
  slotOtherDay: (written: string, rule: string, day: string, held: string, zone: string, both: boolean, fix: string | undefined, keep: string | undefined) =>
    `slot "${written}" holds the meeting of rule date ${rule} on ${day} in ${zone} (${held}): a meeting's date is its day in the group's zone (the date tables print; keys of meetings:, --from/--to, blackouts and holidays use it), so this rule's meetings fall on other days than it names${both ? ', and on which day depends on daylight saving time (choose a time that keeps one day there)' : ''}.${fix ? ` To hold them on the rule's day in ${zone}, write "${fix}" (and the rule for that day).` : ''}${keep ? ` To keep these dates, say so: "${keep}".` : ''}`,
  isoWeek53: (years: readonly number[], open: boolean, repeat: { index: number; time: string | undefined } | undefined) =>
    `ISO week parity: ${years.length === 1 ? `${years[0]} has` : `${years.join(', ')} have`} 53 ISO weeks${open ? ' (and one year in five or six after)' : ''}${repeat ? `, so week 53 and the next year's week 1 are both ${repeat.index % 2 === 0 ? 'odd' : 'even'} and both get slot ${repeat.index + 1}${repeat.time ? ` ("${repeat.time}")` : ''}, two weeks in a row` : ''}; rotation: { mode: week } alternates 7-day blocks without a break`,
  keepAcrossWeekdays: (days: readonly string[]) =>
    `rotation by meeting with on-skip: keep, on a rule of several weekdays (${days.join(', ')}): one skipped meeting hands its slot to the next, so every later meeting changes slot and each weekday gets another weekday's time; to keep every meeting's slot, set rotation: { on-skip: advance } (or mode: week)`,
  seriesNeedsFrom: (why: string, first: string | undefined) =>
    `this series needs a "from" date: ${why}; ${first ? `write from: ${first} (the rule's first date on or after today)` : 'write from: YYYY-MM-DD, the date of its first meeting'}`,
  seriesOpenStart: (first: string | undefined) =>
    `only the first series may leave out "from"; ${first ? `write from: ${first} (the rule's first date after the series before it ends)` : 'write from: YYYY-MM-DD, the date of its first meeting'}`,
  seriesOpenEnd: () =>
    'only the last series may leave out "until": series without an id follow one another in time; to hold series side by side (parallel calls), give each an id ("id: plenary", "id: breakout-a")',
  moveOntoSkipped: (target: string) => `move onto ${target}, a date whose meeting is skipped`,
  skipAndMove: () => 'a meeting cannot be both skipped and moved',
  noMeetingOnDate: (date: string) =>
    `no meeting of any series falls on ${date} (the meeting's day in the group's zone): "skip" and "move" need a meeting of that date (use "add" for a one-off)`,
  meetingCollision: (what: string, when: string, other: string) =>
    `the ${what} meeting would overlap the ${other} at ${when}: a group holds one call at a time (skip one of them, or pick another time)`,
  tooLong: (value: number, max: number) => `duration ${value} minutes is longer than a day (at most ${max})`,
  positiveMinutes: (value: unknown) => `duration ${String(value)} is not a positive whole number of minutes`,
  anchorNeeded: (mode: string) => `rotation mode "${mode}" needs an "anchor" date`,
  emptySlots: () => 'a series needs at least one slot',
  badEmail: (value: string, why?: string) => `${JSON.stringify(value)} is not an email address${why ? `: ${why}` : ''}`,
  badHeaderText: (what: string, why: string) => `this ${what} cannot go into a mail header: ${why}`,
  badUrl: (value: string) => `"${value}" is not an http(s) URL`,
  badSmtpUrl: (value: string) =>
    // A user:password written into the URL is not echoed back.
    `"${value.replace(/\/\/[^/]*@/, '//***@')}" is not an SMTP server URL (expected smtp://host:587 or smtps://host:465, without user or password: use mail.user and TCON_SMTP_PASSWORD)`,
  duplicateGroup: (id: string, other: string) => `group id "${id}" is also used by ${other}`,
  groupIdTaken: (id: string, source: string) => `group id "${id}" is already used by ${source}`,
  noConfig: () => 'no such config directory or group file (see --config)',
  noGroups: (where: string) => `no group config (*.yaml) found in ${where}`,
  unknownGroup: (id: string, known: readonly string[]) => `unknown group "${id}" (known: ${known.length ? known.join(', ') : 'none'})`,
  badCountry: (value: string) => `"${value}" is not a country code (expected ISO 3166 such as US, JP, or country-state such as US-CA)`,
  unknownCountry: (value: string) => `unknown holiday country "${value}" (expected a country the date-holidays package knows, such as US, JP, DE, or US-CA)`,
  badShiftDays: (value: unknown) => `shift-days ${String(value)} is not a positive whole number of days`,
  shiftDaysWithoutShift: (policy: string) => `"shift-days" has no effect with policy "${policy}"`,
  correctionAction: () => 'a correction says exactly one of add: NAME, remove: WHY or workday: WHY',
  correctionDates: () => 'a correction needs "date", or "from" and "to"',
  correctionDate: (value: string) => `"${value}" is not a date (expected YYYY-MM-DD, or MM-DD for every year)`,
  correctionMixed: () => 'a correction is either yearly (MM-DD) or dated (YYYY-MM-DD) at both ends',
  correctionBackwards: (from: string, to: string) => `correction ends (${to}) before it starts (${from})`,
  correctionAddOnly: (key: string) => `"${key}" goes with add (the kind and start time of the holiday added)`,
  correctionStart: (value: string) => `start "${value}" is not a time of day (expected HH:mm, 00:00-23:59)`,
  correctionEmptyName: (key: string) => `${key} needs a name or a reason (shown in notes and in tcon plan)`,
  duplicateKind: (kind: string) => `kind "${kind}" is listed twice`,
  memberWithoutCountry: (who: string, zone: string | undefined, reason: string, country: string | undefined) =>
    reason === 'no-zone'
      ? `member ${who} has no country, zone or region: their holidays are not observed (add country: XX)`
      : reason === 'unknown-country'
        ? `member ${who}: zone ${zone} is in ${country}, a country the holiday data does not know: their holidays are not observed (add country:, or holidays.corrections for ${country})`
        : reason === 'unknown-zone'
          ? `member ${who}: zone ${zone} is not one of the tz database's zone names, so it gives no country: their holidays are not observed (add country: XX)`
          : `member ${who}: zone ${zone} names no country: their holidays are not observed (add country: XX)`,
  notSettings: () => 'expected a mapping of keys (the secretariat settings), found something else',
  badBlackoutDate: (value: string) => `"${value}" is not a date (expected YYYY-MM-DD, or MM-DD for every year)`,
  blackoutMixed: () => 'a blackout is either yearly (MM-DD) or dated (YYYY-MM-DD) at both ends',
  blackoutBackwards: (from: string, to: string) => `blackout ends (${to}) before it starts (${from})`,
  unknownBlackoutGroup: (id: string) =>
    `blackout names group "${id}", which no group file defines: it holds for the other groups it names (remove "${id}" from the list to silence this)`,
  badBuffer: (value: unknown) => `buffer ${String(value)} is not a whole number of minutes (0 or more)`,
  duplicateBridge: (id: string) => `bridge account "${id}" is defined twice`,
  badWindow: (value: string) => `"${value}" is not a window of local time (expected "HH:mm-HH:mm" within 00:00-24:00, start before end, e.g. "08:00-18:00")`,
  goodOutsideFair: (good: string, fair: string) => `the good window ${good} must lie within the fair window ${fair}`,
  badWeekday: (value: string) => `"${value}" is not a day of the week (expected mon, tue, wed, thu, fri, sat or sun)`,
  unknownRegion: (id: string, known: readonly string[]) => `unknown region "${id}" (known: ${known.join(', ')})`,
  regionNeedsZone: (id: string) => `region "${id}" is new: it needs a "zone" (its representative IANA zone)`,
  badRegionId: (id: string) => `region id "${id}" must be lowercase letters, digits and dashes (e.g. us-west)`,
  aliasTaken: (alias: string, other: string) => `"${alias}" already names region "${other}"`,
  badWeight: (value: unknown) => `weight ${String(value)} is not a number from 0 to 100`,
  notARegionsFile: () => 'expected a mapping with a "regions" key (a regions file), found something else',
  badAlarm: (value: string) => `alarm "${value}" is not a reminder time (expected a number and a unit: "1d", "2h", "15m", "1w")`,
  duplicateAlarm: (value: string) => `alarm "${value}" is given twice`,
  badId: (value: string) => `group id "${value}" must be lowercase letters, digits and dashes (e.g. wg-14)`,
  duplicateMember: (email: string, other: number) => `"${email}" is also members[${other}]`,
  /** A structural rule of the schema with no message of its own (zod's text). */
  schemaRule: (detail: string) => detail,
  zoneAbbreviation: (name: string, meanings: readonly { label: string; zone: string }[], hint: string) =>
    meanings.length === 0
      ? `time zone "${name}" is an abbreviation, which names no zone: write the IANA zone of the place, such as America/New_York or Asia/Tokyo`
      : `time zone "${name}" is an abbreviation, not a zone: ${orList(meanings.map((m) => `${m.label} (${m.zone})`))}? ${meanings.length === 1 ? `write ${meanings[0]!.zone}` : 'write one of them'}${hint}`,
  zoneOffset: (name: string, etc: string | undefined) =>
    `time zone "${name}" is a fixed offset: write the zone of the place (America/New_York, Europe/Paris), so that its daylight saving is followed${
      etc === 'UTC' ? ', or UTC' : etc ? `, or ${etc} for that offset all year (IANA's Etc/GMT names have the opposite sign)` : ''
    }`,
  unknownZone: (name: string, suggestions: readonly string[], hint: string, caseOnly: boolean) =>
    suggestions.length === 0
      ? `unknown time zone "${name}" (expected an IANA zone name such as America/New_York, Europe/Paris, UTC)`
      : `unknown time zone "${name}": did you mean ${orList(suggestions)}?${hint}${caseOnly ? ' (zone names are case-sensitive)' : ''}`,
};

/** The config messages: `msg.badDate(value)` is `{ code: 'config.bad-date', text }`. */
export const msg = coded(texts);

/** Every code of the catalogue, in its order. */
export const MESSAGE_CODES: readonly string[] = Object.keys(texts).map(messageCode);
