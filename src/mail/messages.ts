import { TconError } from '../errors.js';
import type { DateTime } from 'luxon';
import type { Group, Occurrence, Person } from '../schedule/types.js';
import { monthName } from '../schedule/dates.js';
import { zoneOf } from '../schedule/zoned.js';
import { meetingTimes, whenText } from '../schedule/when.js';
import { renderTemplate, type TemplateScope } from './template.js';
import type { TemplateSet } from './templates.js';
import { addressProblem } from '../schedule/address.js';
import { escapeHtml, fnv1a64, headerSafe, isPlaceholderAddress } from './text.js';
import { sendKeyId, type CalendarPart, type MailAddress, type MailMessage, type SendKey, type TemplateName } from './types.js';

/** Who a message goes to: a member (with a zone) or the group's list (no zone). */
export interface Recipient {
  name: string;
  email: string;
  zone: string | undefined;
}

export class MailError extends TconError {
  constructor(message: string) {
    super(message, 'mail.invalid');
    this.name = 'MailError';
  }
}

/** The sender: `mail.from`, else the organizer. */
export function senderOf(group: Group): Person {
  const from = group.mail?.from ?? group.organizer;
  if (!from) throw new MailError(`group ${group.id} has no sender: set "organizer" or "mail.from" in ${group.source}`);
  return from;
}

function address(p: { name: string; email: string }, role: string): MailAddress {
  const email = p.email.trim();
  // The config layer checks addresses already; this guards the library API, where a caller could
  // hand in "a@b.org\r\nBcc: ..." and get an extra header.
  const why = addressProblem(email);
  if (why) throw new MailError(`${role} address "${headerSafe(email)}" is not a plain email address: ${headerSafe(why)}`);
  // Callers leave placeholder members out (listed as "not sent"); this guards the library API.
  if (isPlaceholderAddress(email))
    throw new MailError(`${role} ${headerSafe(p.name)} has no email address ("${headerSafe(email)}" is a placeholder): nothing is sent to .invalid`);
  return { name: headerSafe(p.name), email };
}

// Members share zones: a batch of a thousand invitations formats each meeting once per zone,
// not once per member. Keyed weakly by the occurrence, so nothing outlives the run.
const scopes = new WeakMap<Occurrence, Map<string, TemplateScope>>();

/** Variables of one meeting, for a reader in `zone`. */
export function meetingScope(group: Group, o: Occurrence, zone: string | undefined): TemplateScope {
  let byZone = scopes.get(o);
  if (!byZone) scopes.set(o, (byZone = new Map()));
  const key = `${group.timezone}|${group.zoneLabel}|${group.link ?? ''}|${zone ?? ''}`;
  let scope = byZone.get(key);
  if (!scope) byZone.set(key, (scope = formatMeeting(group, o, zone)));
  return scope;
}

function formatMeeting(group: Group, o: Occurrence, zone: string | undefined): TemplateScope {
  const t = meetingTimes(group, o.start, o.end, zone);
  return {
    ...t,
    slot: o.slotLabel ?? '',
    status: o.status,
    note: o.note ?? '',
    link: o.link ?? group.link ?? '',
    meetingTitle: o.title,
  };
}

function commonScope(group: Group, to: Recipient, sender: Person): TemplateScope {
  return {
    title: group.title,
    group: group.id,
    zone: group.timezone,
    zoneLabel: group.zoneLabel,
    name: to.name,
    email: to.email,
    yourZone: to.zone && to.zone !== group.timezone ? to.zone : '',
    link: group.link ?? '',
    organizer: group.organizer?.name ?? '',
    sender: sender.name,
  };
}

function messageId(key: SendKey, from: MailAddress): string {
  const domain = from.email.slice(from.email.lastIndexOf('@') + 1);
  return `<tcon.${fnv1a64(sendKeyId(key))}.${key.sequence}@${domain}>`;
}

function methodOf(ics: string): string | undefined {
  return /^METHOD:([^\r\n]*)/m.exec(ics)?.[1]?.trim().toUpperCase();
}

interface Common {
  group: Group;
  to: Recipient;
  templates: TemplateSet;
  key: SendKey;
  reason: string;
}

function render(c: Common, name: TemplateName, scope: TemplateScope, calendar: CalendarPart | undefined): MailMessage {
  if (calendar && methodOf(calendar.ics) !== calendar.method) {
    // RFC 6047 2.4: the Content-Type method must equal the METHOD of the iCalendar object.
    throw new MailError(`calendar part says method=${calendar.method} but its METHOD is ${methodOf(calendar.ics) ?? 'missing'}`);
  }
  const sender = senderOf(c.group);
  const from = address(sender, 'sender');
  const to = address(c.to, 'recipient');
  const full = { ...commonScope(c.group, c.to, sender), ...scope };
  const t = c.templates[name];
  return {
    key: { ...c.key, recipient: to.email.toLowerCase() },
    messageId: messageId(c.key, from),
    from,
    to,
    subject: headerSafe(renderTemplate(t.subject, full)),
    text: renderTemplate(t.txt, full),
    html: renderTemplate(t.html, full, escapeHtml),
    calendar,
    template: name,
    reason: c.reason,
  };
}

function span(meetings: readonly TemplateScope[]): { count: number; single: boolean; first: string; last: string } {
  return {
    count: meetings.length,
    single: meetings.length === 1,
    first: String(meetings[0]?.date ?? ''),
    last: String(meetings[meetings.length - 1]?.date ?? ''),
  };
}

export interface RequestInput extends Common {
  /** The meetings of the series (skipped ones are left out of the list, and say which months have no call). */
  meetings: readonly Occurrence[];
  calendar: CalendarPart;
  /** undefined: a first invitation; otherwise an update and what changed, in words. */
  changes: readonly string[] | undefined;
  /** An update: what changed in a few words, for the subject ("Moved: WG-27 call of Thu 11 Mar → Wed 10 Mar 10:00 US PT"). */
  headline?: string | undefined;
}

/**
 * The months with no call: those whose meetings are all skipped, in the group's zone, in words
 * with the reason when one is given ("August (summer break) and December"), or ''.
 */
export function monthsWithoutCall(group: Group, occurrences: readonly Occurrence[]): string {
  const months = new Map<string, { month: number; held: boolean; reasons: Set<string> }>();
  for (const o of occurrences) {
    const s = o.start.setZone(zoneOf(group.timezone));
    const key = `${s.year}-${s.month}`;
    const m = months.get(key) ?? { month: s.month, held: false, reasons: new Set<string>() };
    if (o.status !== 'skipped') m.held = true;
    else if (o.note) m.reasons.add(o.note);
    months.set(key, m);
  }
  const off = [...months.values()].filter((m) => !m.held).map((m) => `${monthName(m.month)}${m.reasons.size ? ` (${[...m.reasons].join('; ')})` : ''}`);
  return off.length > 1 ? `${off.slice(0, -1).join(', ')} and ${off[off.length - 1]}` : (off[0] ?? '');
}

/** An invitation (or update) to one series: every meeting listed in the group's and the reader's zone. */
export function buildRequest(input: RequestInput): MailMessage {
  const meetings = input.meetings.filter((o) => o.status !== 'skipped').map((o) => meetingScope(input.group, o, input.to.zone));
  const scope: TemplateScope = { meetings, ...span(meetings), noCall: headerSafe(monthsWithoutCall(input.group, input.meetings)) };
  if (input.changes) {
    scope.changes = input.changes.map((text) => ({ text: headerSafe(text) }));
    scope.headline = headerSafe(input.headline ?? '');
  }
  return render(input, input.changes ? 'update' : 'invite', scope, input.calendar);
}

export interface CancelInput extends Common {
  /** The cancelled meetings (one, or every meeting of a cancelled series). */
  meetings: readonly Occurrence[];
  whole: boolean;
  /** Sent because the recipient left the roster: the meetings go on without them. */
  removed?: boolean | undefined;
  reason: string;
  /** The reason given to the members (`--reason`), '' when none. */
  why: string;
  calendar: CalendarPart;
}

export function buildCancel(input: CancelInput): MailMessage {
  const meetings = input.meetings.map((o) => meetingScope(input.group, o, input.to.zone));
  const first = meetings[0] ?? {};
  const scope: TemplateScope = { ...first, meetings, count: meetings.length, whole: input.whole, removed: !!input.removed, reason: headerSafe(input.why) };
  return render(input, 'cancel', scope, input.calendar);
}

export interface ReminderInput extends Common {
  meeting: Occurrence;
  now: DateTime;
  /** The reminder offset that applies (7 for a week before). */
  days: number;
  /** What changed since the invitation, in words. */
  changes: readonly string[];
  /** Which regions the meeting suits, in words ("good for US East; fair for Japan"), or ''. */
  regions: string;
}

/** How far the meeting is ("tomorrow"): the one module of meeting times in words. */
export { whenText } from '../schedule/when.js';

/** The agenda link of a meeting: the group's `agenda`, with `{{date}}` replaced by the rule date. */
export function agendaLink(group: Group, o: Occurrence): string {
  return group.agenda ? group.agenda.replaceAll('{{date}}', o.date) : '';
}

export function buildReminder(input: ReminderInput): MailMessage {
  const m = meetingScope(input.group, input.meeting, input.to.zone);
  const scope: TemplateScope = {
    ...m,
    when: whenText(input.now, input.meeting.start),
    days: input.days,
    agenda: agendaLink(input.group, input.meeting),
    regions: input.regions,
    changes: input.changes.map((text) => ({ text: headerSafe(text) })),
  };
  return render(input, 'reminder', scope, undefined);
}
