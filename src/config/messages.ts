/** Every user-facing config message, written once as a function of its arguments. */
export const msg = {
  yamlSyntax: (detail: string) => `YAML syntax error: ${detail}`,
  notAMapping: () => 'expected a mapping of keys (a group config), found something else',
  unknownKey: (key: string, known: readonly string[]) => `unknown key "${key}" (known: ${known.join(', ')})`,
  missingKey: (key: string) => `missing required key "${key}"`,
  expectedType: (expected: string, found: string) => `expected ${expected}, found ${found}`,
  expectedOneOf: (found: string, allowed: readonly string[]) =>
    `"${found}" is not allowed (expected one of: ${allowed.join(', ')})`,
  badDate: (value: string) => `"${value}" is not a date (expected YYYY-MM-DD)`,
  badTime: (value: string) => `slot time "${value}" is not a time of day (expected HH:mm, 00:00-23:59)`,
  badSlot: (value: string) =>
    `slot "${value}" is not a slot (expected "HH:mm" optionally followed by an IANA zone, e.g. "14:00 UTC")`,
  badDateTime: (value: string) =>
    `"${value}" is not a date and time (expected YYYY-MM-DDTHH:mm, optionally followed by an IANA zone)`,
  badRule: (rule: string, detail: string) =>
    `cannot read rule "${rule}": ${detail} (expected an RRULE such as FREQ=MONTHLY;BYDAY=3TU, or a phrase such as "every month on the 3rd Tuesday")`,
  ruleHasDtstart: () => 'the rule must not carry DTSTART, UNTIL or COUNT: use the series keys "from" and "until"',
  ruleYieldsNothing: (rule: string, from: string, until: string | undefined) =>
    until ? `rule "${rule}" yields no meeting between ${from} and ${until}` : `rule "${rule}" yields no meeting in the four years from ${from}`,
  untilBeforeFrom: (from: string, until: string) => `"until" ${until} is before "from" ${from}`,
  seriesOverlap: (other: number, otherRange: string) =>
    `this series overlaps series[${other}] (${otherRange}): series must follow one another in time`,
  seriesNeedsFrom: (why: string) => `this series needs a "from" date: ${why}`,
  seriesOpenStart: () => 'only the first series may leave out "from"',
  seriesOpenEnd: () => 'only the last series may leave out "until"',
  moveOntoSkipped: (target: string) => `move onto ${target}, a date whose meeting is skipped`,
  skipAndMove: () => 'a meeting cannot be both skipped and moved',
  noMeetingOnDate: (date: string) =>
    `no meeting of any series falls on ${date}: "skip" and "move" need a rule date (use "add" for a one-off)`,
  positiveMinutes: (value: unknown) => `duration ${String(value)} is not a positive whole number of minutes`,
  anchorNeeded: (mode: string) => `rotation mode "${mode}" needs an "anchor" date`,
  emptySlots: () => 'a series needs at least one slot',
  badEmail: (value: string) => `"${value}" is not an email address`,
  badUrl: (value: string) => `"${value}" is not an http(s) URL`,
  badSmtpUrl: (value: string) =>
    // A user:password written into the URL is not echoed back.
    `"${value.replace(/\/\/[^/]*@/, '//***@')}" is not an SMTP server URL (expected smtp://host:587 or smtps://host:465, without user or password: use mail.user and TCON_SMTP_PASSWORD)`,
  duplicateGroup: (id: string, other: string) => `group id "${id}" is also used by ${other}`,
  noGroups: (where: string) => `no group config (*.yaml) found in ${where}`,
  unknownGroup: (id: string, known: readonly string[]) =>
    `unknown group "${id}" (known: ${known.length ? known.join(', ') : 'none'})`,
  badCountry: (value: string) => `"${value}" is not a country code (expected ISO 3166 such as US, JP, or country-state such as US-CA)`,
  unknownCountry: (value: string) => `unknown holiday country "${value}" (expected a country the date-holidays package knows, such as US, JP, DE, or US-CA)`,
  badShiftDays: (value: unknown) => `shift-days ${String(value)} is not a positive whole number of days`,
  shiftDaysWithoutShift: (policy: string) => `"shift-days" has no effect with policy "${policy}"`,
  notSettings: () => 'expected a mapping of keys (the secretariat settings), found something else',
  badBlackoutDate: (value: string) => `"${value}" is not a date (expected YYYY-MM-DD, or MM-DD for every year)`,
  blackoutMixed: () => 'a blackout is either yearly (MM-DD) or dated (YYYY-MM-DD) at both ends',
  blackoutBackwards: (from: string, to: string) => `blackout ends (${to}) before it starts (${from})`,
  unknownBlackoutGroup: (id: string) => `blackout names group "${id}", which no group file defines`,
  badBuffer: (value: unknown) => `buffer ${String(value)} is not a whole number of minutes (0 or more)`,
  duplicateBridge: (id: string) => `bridge account "${id}" is defined twice`,
  unknownBridge: (id: string, known: readonly string[]) =>
    `unknown bridge account "${id}" (known in tcon.yaml: ${known.length ? known.join(', ') : 'none'})`,
  badWindow: (value: string) =>
    `"${value}" is not a window of local time (expected "HH:mm-HH:mm" within 00:00-24:00, start before end, e.g. "08:00-18:00")`,
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
};
