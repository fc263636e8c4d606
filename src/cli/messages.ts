/**
 * Every user-facing message of the command line, written once as a function of its arguments
 * (as src/config/messages.ts is for the config, and temporal-polyfill's errorMessages.ts): the
 * usage errors, the warnings and notes. A test (test/cli/messages.test.ts) checks that src/cli
 * writes no usage error inline. Kept free of imports: main.ts loads it at start-up.
 */

const list = (items: readonly string[]) => items.join(', ');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Usage errors (exit 2): what was wrong with the command line, and what to give instead. */
export const usage = {
  // Options that contradict each other (src/cli/options.ts, run.ts).
  groupAndAll: () => '--group and --all exclude each other',
  yearAndRange: () => '--year and --from/--to exclude each other',
  nextAndRange: () => '--next counts meetings from now: it excludes --year and --from/--to',
  toBeforeFrom: (to: string, from: string) => `--to ${to} is before --from ${from}`,
  badNow: (value: string) => `--now ${value}: expected an ISO date-time with an offset, e.g. 2027-03-09T08:00Z`,
  unknownPlaces: (flag: string, reasons: readonly string[]) => `${flag}: ${reasons.join('; ')}`,

  // Option values (src/cli/parsers.ts, main.ts).
  badYear: (value: string) => `--year ${value}: expected a year such as 2027`,
  badDate: (flag: string, value: string) => `${flag} ${value}: expected a date YYYY-MM-DD`,
  notPositive: (flag: string, value: string) => `${flag} ${value}: expected a positive whole number`,
  atMost: (flag: string, value: string, max: number) => `${flag} ${value}: at most ${max}`,
  notPositiveMs: (flag: string, value: string) => `${flag} ${value}: expected a positive whole number of milliseconds`,
  tooLongMs: (flag: string, value: string, max: number) => `${flag} ${value}: at most ${max} ms (about 24 days), the longest a timer holds`,
  notOneOf: (flag: string, value: string, allowed: readonly string[]) => `${flag} ${value}: expected one of ${list(allowed)}`,
  badDays: (value: string) => `--days ${value}: expected whole numbers of days, e.g. 7,1`,
  tooManyDays: (value: string) => `--days ${value}: at most 366 days ahead`,
  badClock: (flag: string, value: string) => `${flag} ${value}: expected a time HH:mm`,

  // One group, one meeting (src/cli/group-edit.ts: move, skip, add).
  severalGroups: (dir: string, ids: readonly string[]) => `${dir} has ${ids.length} groups: name one with --group (${list(ids)})`,
  noSuchSeries: (name: string, group: string, names: readonly string[], entries: number) =>
    `--series ${name}: ${group} has no such series (its series: ${list(names)}; or 1 to ${entries}, the entries of series:)`,
  severalMeetings: (group: string, count: number, date: string, which: string, owners: readonly string[]) =>
    `${group} has ${count} meetings on ${date} (${which}): name one with --series (${list(owners)})`,
  noMeetingOn: (group: string, date: string, series: string | undefined, near: readonly string[]) =>
    `${group} has no meeting${series === undefined ? '' : ` of --series ${series}`} on ${date}${near.length ? `; meetings near it: ${list(near)}` : ''}`,
  badAddTime: (when: string) => `${when}: expected a date and time, 2027-03-10T10:00 (or "2027-03-10 10:00"), optionally followed by a zone`,
  badMoveTo: (to: string) =>
    `--to ${to}: expected a date and time (2027-03-10T10:00), a date (2027-03-10: the slot's time is kept) or a time (10:00: the same day), optionally followed by a zone`,

  // tcon check.
  checkNeedsZone: () => "--zone is needed with a start time (the zone it is written in), or --group to use the group's zone",
  badZone: (problem: string) => `--zone: ${problem}`,
  badCheckStart: (start: string) => `${start}: expected a start date and time YYYY-MM-DDTHH:mm (read in --zone)`,
  notADateTime: (start: string) => `${start}: not a date and time`,
  zoneWithoutStart: () => '--zone goes with a start time (tcon check 2027-03-16T09:00 --zone America/New_York)',
  durationWithoutStart: () => "--duration goes with a start time; a schedule check uses each meeting's own length",

  // tcon ics.
  noCancelOn: (target: string, group: string) => `--cancel ${target}: ${group} has no meeting on that date in the window`,
  badCancelTarget: (target: string, known: readonly string[]) =>
    `--cancel ${target}: expected a date YYYY-MM-DD, a series id (${list(known) || 'none in the window'}) or "all"`,
  inviteNeedsFiles: (group: string, events: readonly string[]) =>
    `the invitation of ${group} holds ${events.length} events (${list(events)}), one file each (Outlook reads one event per file): give --out FILE or --out-dir DIR`,
  cancelNeedsOut: (group: string, kind: string) =>
    `${group}: ${kind === 'removed' ? 'members left the roster' : 'meetings vanished from the config'}; their CANCEL needs --out or --out-dir (written next to the invitation as <name>-${kind}.ics)`,
  outAndOutDir: () => '--out and --out-dir exclude each other',
  cancelNeedsGroup: () => '--cancel needs --group',
  inviteNeedsOrganizer: (groups: readonly string[]) => `${list(groups)}: an invitation needs an "organizer" (name and email) in the group config`,
  alreadyCancelled: (target: string) => `--cancel ${target}: nothing left to cancel (already cancelled)`,
  cancelNeedsFiles: (target: string, events: number) => `--cancel ${target} cancels ${events} events, one file each: give --out FILE or --out-dir DIR`,
  inviteNeedsOutDir: () => '--invite for several groups needs --out-dir (one file per event)',

  // tcon cancel.
  noSuchSeriesEntry: (n: number, group: string, count: number) => `--series ${n}: group ${group} has ${count} series`,
  dateOrSeries: () => 'give either --date YYYY-MM-DD (one meeting) or --series N (a whole series)',
  noMeetingToCancel: (group: string, date: string) =>
    `group ${group} has no meeting on ${date} (see: tcon schedule --group ${group} --year ${date.slice(0, 4)})`,
  seriesNotSent: (n: number, group: string) => `nothing to cancel: series ${n} of ${group} was never sent, or is cancelled already`,
  notOnSchedule: (what: string) => `nothing to cancel: ${what} is not on the schedule`,

  // Mail (src/cli/mail-common.ts).
  noOrganizer: (group: string, source: string) => `group ${group} has no organizer: invitations (iTIP) need one (${source})`,
  passwordFile: (file: string, reason: string) => `--password-file ${file}: ${reason}`,
  severalSmtpServers: (servers: readonly string[]) => `the groups name different SMTP servers (${list(servers)}): pick one with --group or --smtp`,
  smtpAndOutbox: () => '--smtp and --outbox: choose one',
  noPassword: (user: string) => `SMTP user ${user} but no password: set TCON_SMTP_PASSWORD or use --password-file`,
  badCa: (file: string, reason: string) => `--ca ${file}: ${reason}`,

  // tcon suggest.
  badZoneWeight: (entry: string) => `--zones ${entry}: expected ZONE or REGION, optionally =WEIGHT (e.g. Asia/Tokyo=2)`,
  suggestOneGroup: (ids: readonly string[]) => `suggest works on one group: name it with --group (groups: ${list(ids)})`,
  latestBeforeEarliest: (latest: string, earliest: string) => `--latest ${latest} must be after --earliest ${earliest}`,
  nobodyToServe: () => 'nobody to serve: every member or zone has weight 0',
  noMeetingInYear: (group: string, year: number) => `${group} has no meeting in ${year}: choose another --year`,
  nothingFits: (minutes: number, earliest: string, latest: string) => `no ${minutes}-minute meeting fits between ${earliest} and ${latest}`,
  tooManyCombinations: (combos: number) =>
    `${combos.toLocaleString('en-US')} combinations: too many; use a larger --step, narrower --earliest/--latest or fewer --slots`,

  // tcon roster import.
  cannotRead: (what: string, path: string, reason: string) => `${what} ${path}: ${reason}`,
  noAttendanceTable: (file: string) => `${file}: no attendance table found (tab-separated lines: present mark, first name, last name, organization, role)`,

  // tcon import.
  wouldReplace: (shown: readonly string[]) =>
    `${plural(shown.length, 'file')} would be replaced: ${list(shown)} (nothing written: add --force to replace them, or choose another --out-dir)`,
  bridgesNotABlockList: (file: string, bridges: readonly string[]) =>
    `${file}: its "bridges" is not a block list tcon can add to: add these bridges by hand, then import again: ${list(bridges)}`,
  badGroupId: (id: string) => `--group ${id}: a group id is lowercase letters, digits and dashes`,
  notAZone: (zone: string) => `--zone ${zone}: not an IANA zone name (such as America/New_York, Europe/Paris, UTC)`,

  // tcon init.
  badPerson: (what: string, text: string) =>
    `${what} "${text}": expected "Name <email>"${what === '--member' ? ' and optionally a zone or region and a role: "Ann Example <ann@example.org> Asia/Tokyo voting"' : ''}`,
  noMoreAnswers: () => 'tcon init: no more answers (the input ended)',
  configIsAFile: (config: string) => `--config ${config}: a file, not a directory (name a new .yaml file or a directory)`,
  noRegions: (dir: string) => `cannot read the regions of ${dir}`,
  initNeeds: (flags: readonly string[]) => `tcon init needs ${list(flags)} (or run it on a terminal to be asked); see tcon help init`,
  fileExists: (shown: string) => `${shown} exists: tcon init never overwrites a file (choose another --id, or edit that file)`,
};

/** Warnings and notes: said on standard error ("tcon: warning: ..."), the run goes on. */
export const warn = {
  insecure: () => '--insecure: TLS is not required and certificates are not checked',
  orphanGroup: (id: string, dir: string) =>
    `group ${id} was sent invitations to meetings still ahead, but it is no longer in ${dir}: its members keep them. To cancel them, put the group file back and run tcon cancel --group ${id} --series N for each series`,
};

/** What a command says on standard error besides its output ("tcon: ...", "tcon: note: ..."). */
export const say = {
  configErrors: (n: number) => `${plural(n, 'error')} in the configuration`,
  wrote: (path: string) => `wrote ${path}`,
  wroteSite: (files: number, out: string, pages: number, feeds: number) => `wrote ${files} files to ${out} (${plural(pages, 'group page')}, ${feeds} feeds)`,
  change: (group: string, channel: string, line: string) => `${group} ${channel}: ${line}`,
  stillInConfig: (target: string, isDate: boolean, source: string) =>
    `the config still has this; ${isDate ? `add "skip: <reason>" under meetings: ${target}` : 'give the series an "until" or remove it'} in ${source}, or the next invitation brings it back (tcon cancel does both)`,
  noMeetingInWindow: (group: string) => `${group}: no meeting in this window`,
  editInvalid: (source: string) => `${source} not changed: the edit would make it invalid:`,
  initInvalid: (shown: string) => `nothing written: ${shown} would not be a valid group file:`,
  inputErrors: (n: number, what: string) => `${plural(n, 'error')} in ${what}, nothing written`,
  rosterImported: (n: number, out: string | undefined) =>
    `${plural(n, 'member')} imported${out ? ` to ${out}` : ''}; emails are placeholders (@unknown.invalid)`,
  listedTwice: (file: string, line: number, name: string) => `${file}:${line}: ${name} is listed twice (kept once)`,
  roleUnknown: (file: string, line: number, name: string, role: string | undefined) =>
    `${file}:${line}: ${name}: role ${role ? `"${role}" not understood` : 'not given'}, imported as observer`,
  zoneUnknown: (count: number, orgs: string | undefined) =>
    `zone unknown for ${plural(count, 'member')} (organization not in ${orgs ?? 'a mapping: use --orgs FILE'}):`,
  notCounted: (names: readonly string[]) => `not counted (no zone or region): ${list(names)}`,
};
