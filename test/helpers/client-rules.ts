/*
 * What calendar clients are known to require of an iCalendar object, as checks over the text
 * (no parser of tcon's: the rules read the content lines themselves; only the instance-order
 * rule expands RRULEs, with ical.js). Each rule
 * returns its violations (empty when the text complies) and names its source. Used by
 * test/interop/client-rules.test.ts on the feed, the invitation and the cancellation, and by
 * test/interop/mail.test.ts on the calendar part of every iMIP message.
 */
import ICAL from 'ical.js';

export type Method = 'PUBLISH' | 'REQUEST' | 'CANCEL';

export interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface Component {
  name: string;
  props: Prop[];
  children: Component[];
}

/** Unfolds (RFC 5545 3.1) and splits a content line into name, parameters and value. */
function contentLine(line: string): Prop {
  let i = 0;
  const name = /^[A-Za-z0-9-]+/.exec(line)?.[0] ?? '';
  i = name.length;
  const params: Record<string, string> = {};
  while (line[i] === ';') {
    const eq = line.indexOf('=', i);
    const key = line.slice(i + 1, eq).toUpperCase();
    i = eq + 1;
    let v = '';
    if (line[i] === '"') {
      const close = line.indexOf('"', i + 1);
      v = line.slice(i + 1, close);
      i = close + 1;
    } else {
      const m = /^[^;:]*/.exec(line.slice(i))![0];
      v = m;
      i += m.length;
    }
    params[key] = v;
  }
  if (line[i] !== ':') throw new Error(`malformed content line: ${line}`);
  return { name: name.toUpperCase(), params, value: line.slice(i + 1) };
}

export function parseComponents(text: string): Component {
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l !== '');
  const root: Component = { name: 'ROOT', props: [], children: [] };
  const stack = [root];
  for (const l of lines) {
    const p = contentLine(l);
    if (p.name === 'BEGIN') {
      const c: Component = { name: p.value.toUpperCase(), props: [], children: [] };
      stack[stack.length - 1]!.children.push(c);
      stack.push(c);
    } else if (p.name === 'END') {
      const c = stack.pop()!;
      if (c.name !== p.value.toUpperCase()) throw new Error(`END:${p.value} closes ${c.name}`);
    } else stack[stack.length - 1]!.props.push(p);
  }
  if (stack.length !== 1) throw new Error('unclosed component');
  return root;
}

const get = (c: Component, name: string) => c.props.filter((p) => p.name === name);
const one = (c: Component, name: string) => get(c, name)[0];
const uidOf = (c: Component) => one(c, 'UID')?.value ?? '?';
const seqOf = (c: Component) => Number(one(c, 'SEQUENCE')?.value ?? '0');

export interface Rule {
  /** What clients require, in words. */
  rule: string;
  /** Where that requirement comes from. */
  source: string;
  check(text: string, method: Method): string[];
}

function calendarOf(text: string): Component {
  const root = parseComponents(text);
  const cal = root.children.find((c) => c.name === 'VCALENDAR');
  if (!cal || root.children.length !== 1) throw new Error('not one VCALENDAR');
  return cal;
}

function events(text: string): Component[] {
  return calendarOf(text).children.filter((c) => c.name === 'VEVENT');
}

/** A bare calendar address: "mailto:" and an address, nothing else (no display name, no <>). */
const BARE_MAILTO = /^mailto:[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+$/i;

// Outlook's recurrence templates (MS-OXCICAL 2.1.3.2.2): daily, weekly on a weekday list,
// monthly on one day or on the nth (1..4, -1) weekday, yearly likewise; optional INTERVAL,
// UNTIL or COUNT (not both), WKST, BYHOUR/BYMINUTE.
const OUTLOOK_RRULE_KEYS = new Set(['FREQ', 'INTERVAL', 'UNTIL', 'COUNT', 'WKST', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'BYHOUR', 'BYMINUTE']);

function rruleProblems(value: string, dtstart: Prop | undefined): string[] {
  const parts = new Map(value.split(';').map((kv) => kv.split('=') as [string, string]));
  const out: string[] = [];
  const freq = parts.get('FREQ');
  if (!freq || !['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) out.push(`FREQ=${freq} has no Outlook template`);
  // RFC 5545 3.3.10: FREQ MUST be the first rule part, for applications that predate the RFC.
  if (!value.startsWith('FREQ=')) out.push(`${value}: FREQ is not the first rule part`);
  for (const k of parts.keys()) if (!OUTLOOK_RRULE_KEYS.has(k)) out.push(`${k} has no Outlook template`);
  if (parts.has('UNTIL') && parts.has('COUNT')) out.push('UNTIL and COUNT together');
  const until = parts.get('UNTIL');
  // RFC 5545 3.3.10: with a TZID DTSTART, UNTIL MUST be in UTC.
  if (until && dtstart?.params.TZID && !/^\d{8}T\d{6}Z$/.test(until)) out.push(`UNTIL=${until} is not UTC`);
  for (const d of (parts.get('BYDAY') ?? '').split(',').filter(Boolean)) {
    const m = /^([+-]?\d+)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d);
    if (!m) out.push(`BYDAY=${d} malformed`);
    // MS-OXCICAL weeknum: "-1" / "1" / "2" / "3" / "4" (no "+", no 5th).
    else if (m[1] && !['1', '2', '3', '4', '-1'].includes(m[1])) out.push(`BYDAY=${d}: Outlook's templates know 1..4 and -1, unsigned`);
    else if (m[1] && freq === 'WEEKLY') out.push(`BYDAY=${d}: an ordinal in a weekly rule`);
  }
  if ((parts.get('BYDAY') ?? '').includes(',') && /\d/.test(parts.get('BYDAY') ?? '')) out.push('several ordinal weekdays');
  const md = parts.get('BYMONTHDAY');
  if (md && (md.includes(',') || Number(md) < 1 || Number(md) > 28)) out.push(`BYMONTHDAY=${md}: Outlook reads it otherwise (one day, 1-28)`);
  // techcommunity.microsoft.com "Outlook not parsing ics invites with rrule BYMONTHDAY=-1 or BYSETPOS=-1".
  if (parts.get('BYSETPOS') === '-1') out.push('BYSETPOS=-1: "not supported calendar message" in Outlook');
  return out;
}

/** Every rule, each with its source. */
export const CLIENT_RULES: Rule[] = [
  {
    rule: 'every line ends with CRLF; no bare CR or LF, no CR CR LF',
    // RFC 5545 3.1; icalendar/icalendar#255: an extra CR (CR CR LF) stopped Google from adding the event.
    source: 'RFC 5545 3.1; github.com/icalendar/icalendar/issues/255',
    check(text) {
      const out: string[] = [];
      if (!text.endsWith('\r\n')) out.push('does not end with CRLF');
      if (/\r(?!\n)/.test(text)) out.push('bare CR');
      if (/(?<!\r)\n/.test(text)) out.push('bare LF');
      if (/\r\r\n/.test(text)) out.push('CR CR LF');
      return out;
    },
  },
  {
    rule: 'lines are at most 75 octets, folded with one space, never inside a UTF-8 sequence',
    // RFC 5545 3.1 ("SHOULD NOT be longer than 75 octets"; "multi-octet characters MUST NOT be split");
    // strict parsers drop objects with longer lines (bulwarkmail/webmail#200).
    source: 'RFC 5545 3.1; github.com/bulwarkmail/webmail/pull/200',
    check(text) {
      const out: string[] = [];
      const bytes = Buffer.from(text, 'utf8');
      const decoder = new TextDecoder('utf-8', { fatal: true });
      // A character split by a fold comes out of a decoder (or a JS string) as U+FFFD.
      if (text.includes('\uFFFD')) out.push('U+FFFD: a UTF-8 sequence was split');
      if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) out.push('a fold splits a surrogate pair');
      let start = 0;
      for (let i = 0; i < bytes.length - 1; i++) {
        if (bytes[i] !== 0x0d || bytes[i + 1] !== 0x0a) continue;
        const line = bytes.subarray(start, i);
        if (line.length > 75) out.push(`${line.length} octets: ${line.toString('utf8').slice(0, 40)}...`);
        try {
          decoder.decode(line);
        } catch {
          out.push(`a fold splits a UTF-8 sequence: ${line.toString('utf8').slice(0, 40)}`);
        }
        start = i + 2;
      }
      return out;
    },
  },
  {
    rule: 'VERSION:2.0, PRODID and exactly one METHOD, the expected one',
    // RFC 5545 3.6 (VERSION, PRODID required); RFC 5546 1.4 / RFC 6047 2.4: an iTIP object has
    // METHOD; Outlook and Google show no invitation without it (stackoverflow 19523861).
    source: 'RFC 5545 3.6; RFC 5546 1.4; stackoverflow.com/questions/19523861',
    check(text, method) {
      const cal = calendarOf(text);
      const out: string[] = [];
      if (one(cal, 'VERSION')?.value !== '2.0') out.push('VERSION is not 2.0');
      if (!one(cal, 'PRODID')) out.push('no PRODID');
      const methods = get(cal, 'METHOD').map((p) => p.value);
      if (methods.length !== 1 || methods[0] !== method) out.push(`METHOD ${methods.join(',') || 'missing'}, expected ${method}`);
      return out;
    },
  },
  {
    rule: 'every TZID used has its VTIMEZONE in the object',
    // RFC 5545 3.2.19 ("An individual VTIMEZONE calendar component MUST be specified for each
    // unique TZID parameter value"); Outlook reads the zone from the VTIMEZONE, not the name.
    source: 'RFC 5545 3.2.19; MS-OXCICAL 2.1.3.1.1.19',
    check(text) {
      const cal = calendarOf(text);
      const defined = new Set(cal.children.filter((c) => c.name === 'VTIMEZONE').map((c) => one(c, 'TZID')?.value));
      const out: string[] = [];
      for (const ev of cal.children.filter((c) => c.name === 'VEVENT')) {
        for (const p of ev.props) if (p.params.TZID && !defined.has(p.params.TZID)) out.push(`${p.name};TZID=${p.params.TZID} has no VTIMEZONE`);
      }
      return out;
    },
  },
  {
    rule: 'every VEVENT has UID, DTSTAMP in UTC, DTSTART, SUMMARY; DTSTART and DTEND share a zone',
    // RFC 5545 3.8.7.2 ("the value MUST be specified in the UTC time format"); RFC 5546 3.2.x
    // presence tables (UID, DTSTAMP, DTSTART, SUMMARY required for PUBLISH, REQUEST, CANCEL).
    source: 'RFC 5545 3.8.7.2; RFC 5546 3.2.1, 3.2.2, 3.2.5',
    check(text) {
      const out: string[] = [];
      for (const ev of events(text)) {
        for (const name of ['UID', 'DTSTAMP', 'DTSTART', 'SUMMARY']) if (get(ev, name).length !== 1) out.push(`${uidOf(ev)}: ${get(ev, name).length} ${name}`);
        const stamp = one(ev, 'DTSTAMP');
        if (stamp && (stamp.params.TZID || !/^\d{8}T\d{6}Z$/.test(stamp.value))) out.push(`${uidOf(ev)}: DTSTAMP ${stamp.value} not UTC`);
        const s = one(ev, 'DTSTART');
        const e = one(ev, 'DTEND');
        if (s && e && (s.params.TZID ?? 'Z') !== (e.params.TZID ?? 'Z')) out.push(`${uidOf(ev)}: DTSTART and DTEND in different zones`);
        if (e && get(ev, 'DURATION').length) out.push(`${uidOf(ev)}: both DTEND and DURATION`);
      }
      return out;
    },
  },
  {
    rule: 'RECURRENCE-ID overrides: the master in the same object, same UID, same TZID, SEQUENCE >= the master, no RRULE',
    // RFC 5545 3.8.4.4; RFC 5546 2.1.5 (a newer SEQUENCE wins: an override older than its master
    // is dropped); MS-OXCICAL 2.1.3.2.2: RRULE MUST NOT be exported for exceptions.
    source: 'RFC 5545 3.8.4.4; RFC 5546 2.1.5; MS-OXCICAL 2.1.3.2.2',
    check(text, method) {
      const out: string[] = [];
      const evs = events(text);
      for (const o of evs.filter((e) => one(e, 'RECURRENCE-ID'))) {
        if (one(o, 'RRULE')) out.push(`${uidOf(o)}: override with an RRULE`);
        const master = evs.find((m) => uidOf(m) === uidOf(o) && !one(m, 'RECURRENCE-ID'));
        if (!master) {
          // A CANCEL of one meeting carries the override alone (RFC 5546 3.2.5).
          if (method !== 'CANCEL') out.push(`${uidOf(o)}: override without its master`);
          continue;
        }
        if (seqOf(o) < seqOf(master)) out.push(`${uidOf(o)}: override SEQUENCE ${seqOf(o)} < master ${seqOf(master)}`);
        const rid = one(o, 'RECURRENCE-ID')!;
        const ms = one(master, 'DTSTART')!;
        if ((rid.params.TZID ?? 'Z') !== (ms.params.TZID ?? 'Z') && !rid.value.endsWith('Z'))
          out.push(`${uidOf(o)}: RECURRENCE-ID in another zone than the master`);
      }
      return out;
    },
  },
  {
    rule: "no RDATE; EXDATE in the master's zone",
    // Outlook maps only RRULE templates into a recurrence pattern (MS-OXCICAL 2.1.3.2.2); tcon
    // writes extra meetings as events of their own. RFC 5545 3.8.5.1: EXDATE values match instances.
    source: 'MS-OXCICAL 2.1.3.2.2; RFC 5545 3.8.5.1',
    check(text) {
      const out: string[] = [];
      for (const ev of events(text)) {
        if (get(ev, 'RDATE').length) out.push(`${uidOf(ev)}: RDATE`);
        const tz = one(ev, 'DTSTART')?.params.TZID;
        for (const x of get(ev, 'EXDATE')) if (x.params.TZID !== tz) out.push(`${uidOf(ev)}: EXDATE;TZID=${x.params.TZID} vs DTSTART;TZID=${tz}`);
      }
      return out;
    },
  },
  {
    rule: 'RRULE in a form Outlook maps (MS-OXCICAL templates), UNTIL in UTC',
    source: 'MS-OXCICAL 2.1.3.2.2; RFC 5545 3.3.10; techcommunity.microsoft.com/discussions/outlookgeneral/4403885',
    check(text) {
      const out: string[] = [];
      for (const ev of events(text)) {
        const rr = get(ev, 'RRULE');
        if (rr.length > 1) out.push(`${uidOf(ev)}: ${rr.length} RRULEs`);
        for (const r of rr) out.push(...rruleProblems(r.value, one(ev, 'DTSTART')).map((p) => `${uidOf(ev)}: ${p}`));
      }
      return out;
    },
  },
  {
    rule: 'REQUEST and CANCEL: ORGANIZER and ATTENDEEs as bare mailto: addresses; PUBLISH: no ATTENDEE, no ORGANIZER',
    // RFC 5546 3.2.2 / 3.2.5 (ORGANIZER 1, ATTENDEE 1+), 3.2.1 (PUBLISH: ATTENDEE 0). Gmail
    // merges an invitation only when ORGANIZER is a bare mailto: URI (AI-Shipping-Labs/website#1088).
    // tcon's feed leaves ORGANIZER out too (a public feed publishes no address; subscriptions ignore it).
    source: 'RFC 5546 3.2.1, 3.2.2, 3.2.5; github.com/AI-Shipping-Labs/website/issues/1088',
    check(text, method) {
      const out: string[] = [];
      for (const ev of events(text)) {
        const org = get(ev, 'ORGANIZER');
        const att = get(ev, 'ATTENDEE');
        if (method === 'PUBLISH') {
          if (org.length || att.length) out.push(`${uidOf(ev)}: ORGANIZER/ATTENDEE in a PUBLISH`);
          continue;
        }
        if (org.length !== 1) out.push(`${uidOf(ev)}: ${org.length} ORGANIZER`);
        if (att.length === 0) out.push(`${uidOf(ev)}: no ATTENDEE`);
        for (const p of [...org, ...att]) if (!BARE_MAILTO.test(p.value)) out.push(`${uidOf(ev)}: ${p.name} ${p.value} is not a bare mailto:`);
      }
      return out;
    },
  },
  {
    rule: 'CANCEL: STATUS:CANCELLED and a SEQUENCE above the one sent (0 when nothing was recorded)',
    // RFC 5546 3.2.5 (STATUS MUST be CANCELLED; SEQUENCE incremented); Outlook ignores a CANCEL
    // whose SEQUENCE is older than what it holds (MS-OXCICAL 2.1.3.1.1.20.24).
    source: 'RFC 5546 3.2.5; MS-OXCICAL 2.1.3.1.1.20.24',
    check(text, method) {
      if (method !== 'CANCEL') return [];
      const out: string[] = [];
      for (const ev of events(text)) {
        if (one(ev, 'STATUS')?.value !== 'CANCELLED') out.push(`${uidOf(ev)}: STATUS ${one(ev, 'STATUS')?.value}`);
        if (!(seqOf(ev) >= 1)) out.push(`${uidOf(ev)}: SEQUENCE ${seqOf(ev)} not incremented`);
      }
      return out;
    },
  },
];

/**
 * The instances of each recurring event as a client lays them out (ical.js, a parser that is not
 * tcon's: the rule needs the RRULE expanded): RECURRENCE-ID, start and end of each, with
 * overrides applied and EXDATEs left out, in rule order.
 */
function instancesByUid(text: string): Map<string, { rid: string; start: ICAL.Time; end: ICAL.Time }[]> {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  const out = new Map<string, { rid: string; start: ICAL.Time; end: ICAL.Time }[]>();
  const vevents = cal.getAllSubcomponents('vevent');
  for (const master of vevents.filter((v) => v.hasProperty('rrule') && !v.hasProperty('recurrence-id'))) {
    const uid = String(master.getFirstPropertyValue('uid'));
    const ev = new ICAL.Event(master, { exceptions: vevents.filter((v) => v.hasProperty('recurrence-id') && v.getFirstPropertyValue('uid') === uid) });
    const list: { rid: string; start: ICAL.Time; end: ICAL.Time }[] = [];
    const it = ev.iterator();
    for (let next = it.next(), n = 0; next && n < 2000; next = it.next(), n++) {
      const d = ev.getOccurrenceDetails(next);
      list.push({ rid: d.recurrenceId.toString(), start: d.startDate, end: d.endDate });
    }
    out.set(uid, list);
  }
  return out;
}

/** The date of `t` in the zone of `zoneOf` (the master's DTSTART zone: Outlook's recurrence zone). */
function localDate(t: ICAL.Time, zoneOf: ICAL.Time): string {
  const z = zoneOf.zone && zoneOf.zone.tzid !== 'floating' ? t.convertToZone(zoneOf.zone) : t;
  return `${z.year}-${String(z.month).padStart(2, '0')}-${String(z.day).padStart(2, '0')}`;
}

CLIENT_RULES.push(
  {
    rule: 'REQUEST and CANCEL: one UID per object',
    // RFC 5546 3.2 (the components of an iTIP message share one UID); Outlook reads only the first
    // event of an invitation that holds several.
    source: 'RFC 5546 3.2; learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxcical',
    check(text, method) {
      if (method === 'PUBLISH') return [];
      const uids = uidsOf(text);
      return uids.length > 1 ? [`${uids.length} UIDs: ${uids.join(', ')}`] : [];
    },
  },
  {
    rule: "a recurring event keeps Outlook's order: no two instances on one day, a moved instance after the end of the one before it and before the start of the next",
    // MS-OXOCAL / PidLidAppointmentRecur: "Multiple instances must not start on the same day. ...
    // an exception that modifies the start date of an instance ... must occur on a date that is
    // after the end of the prior instance and [before] the start of the next instance ... The
    // same is true if the prior or next instances ... are exceptions." Outlook cannot hold such
    // a move as an exception: it must be an event of its own.
    source:
      'MS-OXOCAL 2.2.1.44 (PidLidAppointmentRecur); learn.microsoft.com/en-us/office/client-developer/outlook/mapi/pidlidappointmentrecur-canonical-property',
    check(text) {
      const out: string[] = [];
      for (const [uid, list] of instancesByUid(text)) {
        const zoneOf = list[0]?.start;
        if (!zoneOf) continue;
        for (let i = 1; i < list.length; i++) {
          const a = list[i - 1]!;
          const b = list[i]!;
          if (localDate(a.start, zoneOf) >= localDate(b.start, zoneOf))
            out.push(`${uid}: instances ${a.rid} and ${b.rid} start on ${localDate(a.start, zoneOf)} and ${localDate(b.start, zoneOf)} (not on later days)`);
          else if (a.end.compare(b.start) > 0) out.push(`${uid}: instance ${a.rid} ends after ${b.rid} starts`);
        }
      }
      return out;
    },
  },
);

/** Every violation of every rule, prefixed by the rule. */
export function clientRuleViolations(text: string, method: Method): string[] {
  return CLIENT_RULES.flatMap((r) => r.check(text, method).map((v) => `${r.rule}: ${v}`));
}

/** The UIDs of an object (an iMIP message carries one: RFC 5546 3.2; Outlook reads only the first). */
export function uidsOf(text: string): string[] {
  return [...new Set(events(text).map(uidOf))];
}
