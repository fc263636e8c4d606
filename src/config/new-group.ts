import { stringify } from 'yaml';
import type { MemberRole } from '../schedule/types.js';

/*
 * The text of a new group file (`tcon init`), with comments that say what each key does. Pure:
 * answers in, YAML text out; the caller checks the text with parseGroup, as every command reads it.
 */

export interface NewMember {
  name: string;
  email: string;
  /** An IANA zone, or a region id or alias (written as `region:`). */
  zone?: string | undefined;
  region?: string | undefined;
  role?: MemberRole | undefined;
}

export interface NewGroup {
  id: string;
  title: string;
  timezone: string;
  zoneLabel?: string | undefined;
  /** An RRULE or words rrule reads ("every month on the 2nd Thursday"). */
  rule: string;
  /** `HH:mm` each (optionally followed by a zone and a day offset), in rotation order. */
  slots: string[];
  duration: number;
  from: string;
  organizer?: { name: string; email: string } | undefined;
  link?: string | undefined;
  members: NewMember[];
}

/** A scalar as YAML writes it: quoted only when it must be (times always, so no reader takes 08:00 for a number). */
function scalar(value: string, quote = false): string {
  return quote ? JSON.stringify(value) : stringify(value, { lineWidth: 0 }).trim();
}

function flowMap(entries: [string, string | undefined][]): string {
  return `{ ${entries
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')} }`;
}

/** Columns for comments: the value part padded so that comments line up. */
function line(text: string, comment?: string): string {
  return comment ? `${text.padEnd(40)} # ${comment}` : text;
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}

/** The group file's text. `today` dates the header comment. */
export function renderNewGroup(g: NewGroup, today: string): string {
  const out: string[] = [];
  out.push(`# ${g.title.replace(/\s+/g, ' ')}: written by tcon init on ${today}. Every key is explained in tcon's docs/config.md`);
  out.push('# ("The group file"); `tcon schedule` shows the meetings, `tcon check` who they suit.');
  out.push(line(`id: ${scalar(g.id)}`, 'names the group in --group, calendar UIDs and mail'));
  out.push(line(`title: ${scalar(g.title)}`, "the meetings' title"));
  out.push(line(`timezone: ${scalar(g.timezone)}`, 'the zone slot times are written in (IANA name)'));
  if (g.zoneLabel) out.push(line(`zone-label: ${scalar(g.zoneLabel)}`, `how times name the zone: "9-10am ${g.zoneLabel}"`));
  out.push(line(`duration: ${g.duration}`, 'minutes'));
  if (g.organizer)
    out.push(
      line(
        `organizer: ${flowMap([
          ['name', scalar(g.organizer.name)],
          ['email', scalar(g.organizer.email)],
        ])}`,
        'sends the invitations',
      ),
    );
  if (g.link) out.push(line(`link: ${scalar(g.link)}`, 'the join link'));
  out.push('series:');
  out.push(line(`  - from: ${g.from}`, 'the first meeting: the rotation counts from it'));
  out.push(line(`    rule: ${scalar(g.rule)}`, 'an RRULE, or words such as "every month on the 2nd Thursday"'));
  const turns =
    g.slots.length > 1 ? `rotation order: ${g.slots.map((s, i) => `${ordinal(i + 1)} meeting ${s}`).join(', ')}, then again` : 'every meeting at this time';
  out.push(line(`    slots: [${g.slots.map((s) => scalar(s, true)).join(', ')}]`, turns));
  out.push("# Exceptions, keyed by the meeting's date in the group's zone, as tcon schedule prints it");
  out.push('# (or use tcon skip, tcon move, tcon add):');
  out.push('# meetings:');
  out.push('#   2027-08-12: { skip: summer break }        # no call that day');
  out.push('#   2027-03-11: { move: 2027-03-10 }          # held the day before, at its usual time');
  if (g.members.length) {
    out.push(line('members:', 'who is invited; zone (IANA) or region: whom the times suit'));
    for (const m of g.members) {
      out.push(
        `  - ${flowMap([
          ['name', scalar(m.name)],
          ['email', scalar(m.email)],
          ['role', m.role],
          ['zone', m.zone === undefined ? undefined : scalar(m.zone)],
          ['region', m.region === undefined ? undefined : scalar(m.region)],
        ])}`,
      );
    }
  } else {
    out.push('# members:                                 # who is invited (tcon invite); zone (IANA) or region');
    out.push('#   - { name: Ann Example, email: ann@example.org, zone: Asia/Tokyo }');
  }
  return `${out.join('\n')}\n`;
}

/** A group id from a title: "WG-27 Web" → "wg-27-web". */
export function idFromTitle(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'group'
  );
}
