import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readEntries } from '../../src/adapters/sendlog.js';
import { tcon } from '../helpers/cli.js';
import { expandIcs, parseIcs } from '../helpers/ical.js';
import { calendarPart, contentTypes, mailSandbox, parse, type MailSandbox } from '../helpers/mail-config.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

// One real SMTP server for this file (127.0.0.1, random port).
let smtp: TestSmtp;
let box: MailSandbox;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => smtp.close());
beforeEach(async () => {
  smtp.received.length = 0;
  smtp.verdict = () => ({ accept: true });
  smtp.rcptVerdict = () => undefined;
  box = await mailSandbox();
});
afterEach(async () => box.cleanup());

const UID = 'wg-x-s0-2027-01-01-2027@tcon.invalid';
const send = (cmd: string, ...args: string[]) =>
  tcon([cmd, '--config', box.config, '--smtp', smtp.url, '--retry-delay', '1', '--timeout', '3000', ...args], { cwd: box.dir });
const invite = (...args: string[]) => send('invite', '--group', 'wg-x', '--year', '2027', '--now', '2026-12-01T00:00Z', ...args);

async function take(): Promise<{ raw: Buffer; to: string[]; mail: ParsedMail }[]> {
  const out = await Promise.all(smtp.received.map(async (r) => ({ raw: r.raw, to: r.to, mail: await parse(r.raw) })));
  smtp.received.length = 0;
  return out;
}

function byRecipient<T extends { to: string[] }>(list: T[]): Map<string, T> {
  return new Map(list.map((x) => [x.to[0]!, x]));
}

describe('tcon invite', () => {
  it('one iMIP message per member per series: text, html and a REQUEST calendar part with the series UID', async () => {
    const run = await invite();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sent 3, skipped 0 (already sent), failed 0');
    const mails = await take();
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['aiko@example.org', 'bill@example.org', 'kavya@example.org']);
    for (const { raw, mail, to } of mails) {
      // multipart/mixed [ multipart/alternative [ plain, html, calendar ], application/ics ]
      expect(contentTypes(raw)).toEqual([
        'multipart/mixed',
        'multipart/alternative',
        'text/plain',
        'text/html',
        'text/calendar; method=REQUEST',
        'application/ics',
      ]);
      expect(mail.subject).toBe('Invitation: Example WG-X Imaging (6 meetings, Tue 19 Jan 2027 to Tue 15 Jun 2027)');
      expect(mail.from?.value).toEqual([{ address: 'secretariat@example.org', name: 'Example Secretariat' }]);
      expect(mail.messageId).toMatch(/^<tcon\.[0-9a-f]{16}\.0@example\.org>$/);
      expect(mail.text).toContain('Join: https://meet.example.org/wg-x');
      expect(mail.html).toContain('<a href="https://meet.example.org/wg-x">');
      const cal = calendarPart(mail);
      expect(cal.method).toBe('REQUEST');
      const ics = parseIcs(cal.ics);
      expect(ics.method).toBe('REQUEST');
      const master = ics.vevents.find((v) => !v.hasProperty('recurrence-id'))!;
      expect(master.getFirstPropertyValue('uid')).toBe(UID);
      expect(master.getFirstPropertyValue('sequence')).toBe(0);
      expect(String(master.getFirstPropertyValue('organizer'))).toBe('mailto:secretariat@example.org');
      expect(master.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase())).toEqual([`mailto:${to[0]}`]);
      const starts = expandIcs(cal.ics).map((i) => new Date(i.start).toISOString());
      expect(starts).toEqual([
        '2027-01-19T14:00:00.000Z',
        '2027-02-16T16:00:00.000Z',
        '2027-03-16T13:00:00.000Z',
        '2027-04-20T15:00:00.000Z',
        '2027-05-18T13:00:00.000Z',
        '2027-06-15T15:00:00.000Z',
      ]);
    }
    const r = byRecipient(mails);
    // Every meeting in the group zone and the member's own, with day marks.
    const tokyo = r.get('aiko@example.org')!.mail;
    expect(tokyo.text).toContain('Tue 16 Mar 2027, 09:00-10:00 US ET · Tue 16 Mar 22:00-23:00 your time (Asia/Tokyo)');
    expect(tokyo.text).toContain('Tue 16 Feb 2027, 11:00-12:00 US ET · Wed 17 Feb 01:00-02:00 (+1 day) your time (Asia/Tokyo)');
    expect(tokyo.text).toContain('Tue 19 Jan 2027, 09:00-10:00 US ET · Tue 19 Jan 23:00-00:00 your time (Asia/Tokyo)');
    expect(tokyo.html).toContain('<td>Wed 17 Feb 2027 01:00-02:00 +1 day</td>');
    const la = r.get('bill@example.org')!.mail;
    expect(la.text).toContain('Tue 16 Mar 2027, 09:00-10:00 US ET · Tue 16 Mar 06:00-07:00 your time (America/Los_Angeles)');
    expect(la.text).toContain('Tue 19 Jan 2027, 09:00-10:00 US ET · Tue 19 Jan 06:00-07:00 your time (America/Los_Angeles)');
    const india = r.get('kavya@example.org')!.mail;
    expect(india.text).toContain('Tue 16 Mar 2027, 09:00-10:00 US ET · Tue 16 Mar 18:30-19:30 your time (Asia/Kolkata)');
    expect(india.text).toContain('Tue 20 Apr 2027, 11:00-12:00 US ET · Tue 20 Apr 20:30-21:30 your time (Asia/Kolkata)');

    // The send log holds each, with what the member was told.
    const log = readEntries(join(box.config, '.tcon', 'sent.jsonl'));
    expect(log.map((e) => [e.recipient, e.kind, e.uid, e.sequence])).toEqual([
      ['aiko@example.org', 'request', UID, 0],
      ['bill@example.org', 'request', UID, 0],
      ['kavya@example.org', 'request', UID, 0],
    ]);
    expect(log[0]!.meetings?.['2027-03-16']).toBe('2027-03-16T13:00:00Z');

    // A second run sends nothing.
    const again = await invite();
    expect(again.stdout).toContain('sent 0, skipped 3 (already sent), failed 0');
    expect(smtp.received).toHaveLength(0);
  });

  it('after a config change: only the changed series (SEQUENCE bumped) and CANCELs for removed meetings, each member once', async () => {
    await invite();
    await take();
    // Move one meeting, skip another.
    await box.edit((t) => `${t}meetings:\n  2027-03-16: { move: 2027-03-17T10:00 }\n  2027-05-18: { skip: F2F week }\n`);
    // The dry run in plain words: what each member gets and why, no UID or SEQUENCE...
    const dry = await invite('--dry-run');
    expect(dry.stdout).toContain('would send update to aiko@example.org: Moved: Tue 16 Mar 2027, 09:00-10:00 US ET → now Wed 17 Mar 2027, 10:00-11:00 US ET');
    expect(dry.stdout).toContain('would send cancellation to kavya@example.org: the meeting of Tue 18 May 2027, 09:00-10:00 US ET: F2F week');
    expect(dry.stdout).toContain('wg-x: would send 3 updates, 3 cancellations\n');
    expect(dry.stdout).toContain('6 to send, 0 already sent');
    expect(dry.stdout).not.toMatch(/@tcon\.invalid|SEQUENCE/);
    // ... which --verbose adds, as the send log keys them.
    const verbose = await invite('--dry-run', '--verbose');
    expect(verbose.stdout).toContain(
      'would send request to aiko@example.org: update of wg-x-s0-2027-01-01-2027@tcon.invalid, SEQUENCE 0 -> 2: Moved: Tue 16 Mar 2027, 09:00-10:00 US ET → now Wed 17 Mar 2027, 10:00-11:00 US ET',
    );
    expect(verbose.stdout).toContain('would send cancel to kavya@example.org: cancellation of the meeting of 2027-05-18');
    expect(smtp.received).toHaveLength(0);

    const run = await invite();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sent 6, skipped 0');
    const mails = await take();
    // The update's subject says what changed: the move first, then how many more changes (the
    // skip of 18 May gives its slot to June's meeting, which moves to 09:00; and 18 May itself).
    const updates = mails.filter((m) => m.mail.subject?.startsWith('Moved:'));
    const cancels = mails.filter((m) => m.mail.subject?.startsWith('Cancelled'));
    expect(new Set(updates.map((m) => m.mail.subject))).toEqual(
      new Set(['Moved: Example WG-X Imaging call of Tue 16 Mar → Wed 17 Mar 10:00 US ET (and 2 more changes)']),
    );
    expect(updates.map((m) => m.to[0]).sort()).toEqual(['aiko@example.org', 'bill@example.org', 'kavya@example.org']);
    expect(cancels.map((m) => m.to[0]).sort()).toEqual(['aiko@example.org', 'bill@example.org', 'kavya@example.org']);

    const tokyo = byRecipient(updates).get('aiko@example.org')!;
    expect(contentTypes(tokyo.raw)).toContain('text/calendar; method=REQUEST');
    expect(tokyo.mail.text).toContain(
      '- Moved: Tue 16 Mar 2027, 09:00-10:00 US ET · Tue 16 Mar 22:00-23:00 your time (Asia/Tokyo) → now Wed 17 Mar 2027, 10:00-11:00 US ET · Wed 17 Mar 23:00-00:00 your time (Asia/Tokyo)',
    );
    const ics = calendarPart(tokyo.mail).ics;
    const moved = expandIcs(ics).find((i) => i.recurrenceId !== null && i.start === Date.parse('2027-03-17T14:00:00Z'));
    // Every component of the update at one SEQUENCE, above the CANCEL of 18 May (1).
    expect(moved?.sequence).toBe(2);
    expect(new Set(parseIcs(ics).vevents.map((v) => v.getFirstPropertyValue('sequence')))).toEqual(new Set([2]));
    expect(expandIcs(ics).some((i) => i.start === Date.parse('2027-05-18T13:00:00Z'))).toBe(false);

    const cancel = byRecipient(cancels).get('bill@example.org')!;
    expect(contentTypes(cancel.raw)).toEqual([
      'multipart/mixed',
      'multipart/alternative',
      'text/plain',
      'text/html',
      'text/calendar; method=CANCEL',
      'application/ics',
    ]);
    expect(cancel.mail.subject).toBe('Cancelled: Example WG-X Imaging, Tue 18 May 2027 09:00-10:00 US ET');
    expect(cancel.mail.text).toContain('Tue 18 May 2027, 09:00-10:00 US ET · Tue 18 May 06:00-07:00 your time (America/Los_Angeles) is cancelled');
    const c = parseIcs(calendarPart(cancel.mail).ics);
    expect(c.method).toBe('CANCEL');
    const ev = new ICAL.Event(c.vevents[0]!);
    expect(ev.uid).toBe(UID);
    expect(c.vevents[0]!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(ev.recurrenceId.toJSDate().toISOString()).toBe('2027-05-18T13:00:00.000Z');
    expect(ev.sequence).toBeGreaterThanOrEqual(1);

    // Nothing more on a third run.
    const again = await invite();
    expect(again.stdout).toContain('sent 0, skipped 6');
    expect(smtp.received).toHaveLength(0);
  });

  it('says what changed: the months with no call, the subject of an update, where a moved meeting was', async () => {
    await box.edit((t) => `${t}meetings:\n  2027-04-20: { skip: F2F week }\n`);
    expect((await invite()).code).toBe(0);
    const first = byRecipient(await take()).get('bill@example.org')!.mail;
    expect(first.subject).toBe('Invitation: Example WG-X Imaging (5 meetings, Tue 19 Jan 2027 to Tue 15 Jun 2027)');
    expect(first.text).toContain('\nNo call in April (F2F week).\n');
    expect(first.html).toContain('<p>No call in April (F2F week).</p>');
    // Moved to the Wednesday, at the time its slot gives it (a move written as a date alone).
    await box.edit((t) => t.replace('meetings:\n', 'meetings:\n  2027-03-16: { move: 2027-03-17 }\n'));
    expect((await invite()).stdout).toContain('sent 3, skipped 0');
    const update = byRecipient(await take()).get('bill@example.org')!.mail;
    expect(update.subject).toBe('Moved: Example WG-X Imaging call of Tue 16 Mar → Wed 17 Mar 09:00 US ET');
    expect(update.text).toContain(
      '- Wed 17 Mar 2027, 09:00-10:00 US ET · Wed 17 Mar 06:00-07:00 your time (America/Los_Angeles) [Asia friendly] (moved from Tuesday)\n',
    );
    expect(update.text).toContain('No call in April (F2F week).');
    // Then an hour and a half later the same Wednesday: the subject says the hours; the note
    // still says where the rule had it.
    await box.edit((t) => t.replace('2027-03-16: { move: 2027-03-17 }', '2027-03-16: { move: 2027-03-17T10:30 }'));
    expect((await invite()).stdout).toContain('sent 3, skipped 0');
    const again = byRecipient(await take()).get('bill@example.org')!.mail;
    expect(again.subject).toBe('Moved: Example WG-X Imaging call of Wed 17 Mar, 09:00 → 10:30 US ET');
    expect(again.text).toContain(
      '- Wed 17 Mar 2027, 10:30-11:30 US ET · Wed 17 Mar 07:30-08:30 your time (America/Los_Angeles) [Asia friendly] (moved from Tuesday 09:00)\n',
    );
  });

  it('a second meeting moved after a first one is an update too (each change has a SEQUENCE above all before it)', async () => {
    await invite();
    await box.edit((t) => `${t}meetings:\n  2027-03-16: { move: 2027-03-17T10:00 }\n`);
    expect((await invite()).stdout).toContain('sent 3, skipped 0');
    await take();
    await box.edit((t) => t.replace('meetings:\n', 'meetings:\n  2027-04-20: { move: 2027-04-21T11:00 }\n'));
    const run = await invite();
    expect(run.stdout).toContain('sent 3, skipped 0');
    const mails = await take();
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['aiko@example.org', 'bill@example.org', 'kavya@example.org']);
    const bill = byRecipient(mails).get('bill@example.org')!.mail;
    // The subject names this change only (March's move was told in the update before).
    expect(bill.subject).toBe('Moved: Example WG-X Imaging call of Tue 20 Apr → Wed 21 Apr 11:00 US ET');
    expect(bill.text).toContain(
      '- Moved: Tue 20 Apr 2027, 11:00-12:00 US ET · Tue 20 Apr 08:00-09:00 your time (America/Los_Angeles) → now Wed 21 Apr 2027, 11:00-12:00 US ET',
    );
    const seqs = parseIcs(calendarPart(bill).ics).vevents.map((v) => Number(v.getFirstPropertyValue('sequence')));
    expect(Math.max(...seqs)).toBe(2);
  });

  it('a one-off meeting is its own invitation; removing it sends a CANCEL of that meeting', async () => {
    await box.edit((t) => `${t}meetings:\n  2027-03-25: { add: "08:00", note: extra call on the ballot }\n`);
    const run = await invite();
    expect(run.stdout).toContain('sent 6, skipped 0');
    const mails = await take();
    const oneOff = mails.filter((m) => m.mail.subject === 'Invitation: Example WG-X Imaging, Thu 25 Mar 2027');
    expect(oneOff).toHaveLength(3);
    const tokyo = byRecipient(oneOff).get('aiko@example.org')!.mail;
    expect(tokyo.text).toContain('You are invited to the Example WG-X Imaging teleconference of Thu 25 Mar 2027.');
    expect(tokyo.text).toContain('- Thu 25 Mar 2027, 08:00-09:00 US ET · Thu 25 Mar 21:00-22:00 your time (Asia/Tokyo) (extra call on the ballot)');
    const ev = parseIcs(calendarPart(tokyo).ics).vevents;
    expect(ev).toHaveLength(1);
    expect(ev[0]!.hasProperty('rrule')).toBe(false);
    await box.edit((t) => t.replace(/meetings:\n  2027-03-25: .*\n/, ''));
    const removed = await invite();
    expect(removed.stdout).toContain('sent 3, skipped 3');
    const cancels = await take();
    const bill = byRecipient(cancels).get('bill@example.org')!.mail;
    expect(bill.subject).toBe('Cancelled: Example WG-X Imaging, Thu 25 Mar 2027 08:00-09:00 US ET');
    expect(bill.text).toContain(
      'The Example WG-X Imaging meeting of Thu 25 Mar 2027, 08:00-09:00 US ET · Thu 25 Mar 05:00-06:00 your time (America/Los_Angeles) is cancelled.',
    );
    const c = parseIcs(calendarPart(bill).ics);
    expect(c.method).toBe('CANCEL');
    expect(c.vevents[0]!.hasProperty('recurrence-id')).toBe(false);
  });

  it('a member who joins later gets the current version as an invitation, and no CANCEL of what they never had', async () => {
    await invite();
    await box.edit((t) => `${t}meetings:\n  2027-05-18: { skip: F2F week }\n`);
    await invite();
    expect(smtp.received).toHaveLength(3 + 6);
    await take();
    await box.edit((t) => t.replace('members:\n', 'members:\n  - { name: Dana Park, email: dana@example.org, zone: Asia/Seoul }\n'));
    const run = await invite();
    expect(run.stdout).toContain('sent 1, skipped 6');
    const [m] = await take();
    expect(m!.to).toEqual(['dana@example.org']);
    expect(m!.mail.subject).toMatch(/^Invitation: /);
    expect(m!.mail.text).not.toContain('18 May');
    expect(m!.mail.text).toContain('Tue 16 Mar 2027, 09:00-10:00 US ET · Tue 16 Mar 22:00-23:00 your time (Asia/Seoul)');
  });

  it('a member who leaves the roster gets one CANCEL of the whole series; back on it, an invitation above that CANCEL', async () => {
    const BILL = '  - { name: Bill Lopez, email: bill@example.org, zone: America/Los_Angeles }\n';
    await invite();
    await take();
    await box.edit((t) => t.replace(BILL, ''));
    const dry = await invite('--dry-run');
    expect(dry.stdout).toContain(
      'would send cancellation to bill@example.org: left the roster: the 6 meetings ahead taken off their calendar\nwg-x: would send 1 cancellation\n',
    );
    expect(dry.stdout).toContain('1 to send, 2 already sent');
    const verbose = await invite('--dry-run', '--verbose');
    expect(verbose.stdout).toContain(
      `would send cancel to bill@example.org: cancellation of Example WG-X Imaging (${UID}), the 6 meetings ahead for bill@example.org, who left the roster, SEQUENCE 1`,
    );
    const run = await invite();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sent 1, skipped 2');
    const [gone] = await take();
    expect(gone!.to).toEqual(['bill@example.org']);
    expect(contentTypes(gone!.raw)).toContain('text/calendar; method=CANCEL');
    expect(gone!.mail.subject).toBe('Removed from your calendar: Example WG-X Imaging (all meetings from Tue 19 Jan 2027)');
    // Greeted by name, the times in his zone: both as his last invitation had them.
    expect(gone!.mail.text).toContain('Dear Bill Lopez,');
    expect(gone!.mail.text).toContain('You are no longer on the roster of Example WG-X Imaging: its 6 remaining meetings are taken off your calendar.');
    expect(gone!.mail.text).toContain('- Tue 16 Feb 2027, 11:00-12:00 US ET · Tue 16 Feb 08:00-09:00 your time (America/Los_Angeles)');
    expect(gone!.mail.html).toContain('You are no longer on the roster of <strong>Example WG-X Imaging</strong>');
    const c = parseIcs(calendarPart(gone!.mail).ics);
    expect(c.method).toBe('CANCEL');
    expect(c.vevents).toHaveLength(1);
    const ev = c.vevents[0]!;
    expect(ev.getFirstPropertyValue('uid')).toBe(UID);
    expect(ev.hasProperty('recurrence-id')).toBe(false);
    expect(ev.getFirstPropertyValue('sequence')).toBe(1); // above the 0 he holds
    expect(ev.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(ev.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase())).toEqual(['mailto:bill@example.org']);
    // Once only; the others' SEQUENCE did not move.
    expect((await invite()).stdout).toContain('sent 0, skipped 2');

    // While he is away the schedule changes: the others get the update, above his CANCEL too
    // (SEQUENCE 2: every SEQUENCE used for the event stays below the next change), he nothing.
    await box.edit((t) => `${t}meetings:\n  2027-03-16: { move: 2027-03-17T10:00 }\n`);
    expect((await invite()).stdout).toContain('sent 2, skipped 0');
    const update = await take();
    expect(update.map((m) => m.to[0]).sort()).toEqual(['aiko@example.org', 'kavya@example.org']);
    expect(new Set(parseIcs(calendarPart(update[0]!.mail).ics).vevents.map((v) => v.getFirstPropertyValue('sequence')))).toEqual(new Set([2]));

    // Back on the roster: a new invitation above the CANCEL he got (1), every component at the
    // event's SEQUENCE, 2.
    await box.edit((t) => t.replace('members:\n', `members:\n${BILL}`));
    const back = await invite();
    expect(back.stdout).toContain('sent 1, skipped 2');
    const [again] = await take();
    expect(again!.to).toEqual(['bill@example.org']);
    expect(again!.mail.subject).toMatch(/^Invitation: /);
    const vevents = parseIcs(calendarPart(again!.mail).ics).vevents;
    expect(vevents.length).toBeGreaterThan(1); // the master and the moved meeting
    expect(new Set(vevents.map((v) => v.getFirstPropertyValue('sequence')))).toEqual(new Set([2]));
    expect(expandIcs(calendarPart(again!.mail).ics)).toHaveLength(6);

    // Later changes go to everyone alike, above everything anyone holds. Skipping a meeting
    // cancels it and moves the next one to the other slot (the rotation goes on): the CANCEL
    // at one SEQUENCE, the update one above it.
    await box.edit((t) => t.replace('meetings:\n', 'meetings:\n  2027-05-18: { skip: F2F week }\n'));
    expect((await invite()).stdout).toContain('sent 6, skipped 0');
    const sequences = (mails: Awaited<ReturnType<typeof take>>, method: string) =>
      Object.fromEntries(
        mails
          .filter((m) => calendarPart(m.mail).method === method)
          .map((m) => [m.to[0]!, Math.max(...parseIcs(calendarPart(m.mail).ics).vevents.map((v) => Number(v.getFirstPropertyValue('sequence'))))]),
      );
    const skipped = await take();
    expect(sequences(skipped, 'CANCEL')).toEqual({ 'aiko@example.org': 3, 'bill@example.org': 3, 'kavya@example.org': 3 });
    expect(sequences(skipped, 'REQUEST')).toEqual({ 'aiko@example.org': 4, 'bill@example.org': 4, 'kavya@example.org': 4 });
    await box.edit((t) => t.replace('meetings:\n', 'meetings:\n  2027-04-20: { move: 2027-04-21T11:00 }\n'));
    expect((await invite()).stdout).toContain('sent 3, skipped 3');
    expect(sequences(await take(), 'REQUEST')).toEqual({ 'aiko@example.org': 5, 'bill@example.org': 5, 'kavya@example.org': 5 });
    expect((await invite()).stdout).toContain('sent 0, skipped 6');
  });

  it('a member who leaves in the same change that removes a one-off gets a CANCEL of it too', async () => {
    await box.edit((t) => `${t}meetings:\n  2027-03-25: { add: "08:00" }\n`);
    expect((await invite()).stdout).toContain('sent 6, skipped 0');
    await take();
    await box.edit((t) =>
      t.replace('  - { name: Bill Lopez, email: bill@example.org, zone: America/Los_Angeles }\n', '').replace(/meetings:\n  2027-03-25: .*\n/, ''),
    );
    expect((await invite()).stdout).toContain('sent 4, skipped 2');
    const mails = await take();
    const bill = mails
      .filter((m) => m.to[0] === 'bill@example.org')
      .map((m) => m.mail.subject)
      .sort();
    expect(bill).toEqual([
      'Removed from your calendar: Example WG-X Imaging (all meetings from Tue 19 Jan 2027)',
      'Removed from your calendar: Example WG-X Imaging, Thu 25 Mar 2027 08:00-09:00 US ET',
    ]);
    expect(mails.filter((m) => m.to[0] !== 'bill@example.org').map((m) => m.mail.subject)).toEqual([
      'Cancelled: Example WG-X Imaging, Thu 25 Mar 2027 08:00-09:00 US ET',
      'Cancelled: Example WG-X Imaging, Thu 25 Mar 2027 08:00-09:00 US ET',
    ]);
    expect((await invite()).stdout).toContain('sent 0, skipped 4');
  });

  it('a group whose file is gone, with invitations to meetings ahead, is a warning: its members keep them', async () => {
    const other = join(box.config, 'wg-z.yaml');
    await writeFile(other, (await readFile(box.file, 'utf8')).replace('id: wg-x', 'id: wg-z'));
    expect((await send('invite', '--year', '2027', '--now', '2026-12-01T00:00Z')).stdout).toContain('sent 6, skipped 0');
    await rm(other);
    const run = await invite();
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      `tcon: warning: group wg-z was sent invitations to meetings still ahead, but it is no longer in ${box.config}: its members keep them.`,
    );
    // One group file read alone says nothing of the directory's others; after the meetings, nothing either.
    expect((await send('invite', '--config', box.file, '--year', '2027', '--now', '2026-12-01T00:00Z')).stderr).toBe('');
    expect((await invite('--now', '2028-01-01T00:00Z')).stderr).not.toContain('wg-z');
  });

  it('tcon cancel --date: a CANCEL to every member, the skip written to the config, the CANCEL never sent twice', async () => {
    await invite();
    await take();
    const run = await send('cancel', '--group', 'wg-x', '--date', '2027-04-20', '--reason', 'F2F week', '--now', '2027-01-05T00:00Z');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sent 3, skipped 0');
    const mails = await take();
    expect(mails).toHaveLength(3);
    const tokyo = byRecipient(mails).get('aiko@example.org')!;
    expect(tokyo.mail.subject).toBe('Cancelled: Example WG-X Imaging, Tue 20 Apr 2027 11:00-12:00 US ET');
    expect(tokyo.mail.text).toContain('Tue 20 Apr 2027, 11:00-12:00 US ET · Wed 21 Apr 00:00-01:00 (+1 day) your time (Asia/Tokyo) is cancelled');
    expect(tokyo.mail.text).toContain('Reason: F2F week');
    const c = parseIcs(calendarPart(tokyo.mail).ics);
    expect(c.method).toBe('CANCEL');
    // RECURRENCE-ID names the rule's instance (the master's 09:00), the override moved it to 11:00.
    expect(new ICAL.Event(c.vevents[0]!).recurrenceId.toJSDate().toISOString()).toBe('2027-04-20T13:00:00.000Z');
    expect(await readFile(box.file, 'utf8')).toMatch(/2027-04-20:\s*\{?\s*skip: F2F week/);
    // The skip hands the 11:00 slot on to May (rotation by meeting held, on-skip: keep), so the
    // next invite updates the series; the CANCEL is not sent again.
    const next = await invite();
    expect(next.stdout).toContain('sent 3, skipped 3');
    const updates = await take();
    expect(new Set(updates.map((m) => m.mail.subject))).toEqual(
      new Set(['Moved: Example WG-X Imaging call of Tue 18 May, 09:00 → 11:00 US ET (and 1 more change)']),
    );
    expect(updates).toHaveLength(3);
    expect(byRecipient(updates).get('bill@example.org')!.mail.text).toContain(
      '- Moved: Tue 18 May 2027, 09:00-10:00 US ET · Tue 18 May 06:00-07:00 your time (America/Los_Angeles) → now Tue 18 May 2027, 11:00-12:00 US ET',
    );
    const again = await invite();
    expect(again.stdout).toContain('sent 0, skipped 6');
    expect(smtp.received).toHaveLength(0);
  });

  it('tcon cancel --dry-run says what would be sent and changes nothing', async () => {
    await invite();
    await take();
    const before = await readFile(box.file, 'utf8');
    const run = await send('cancel', '--group', 'wg-x', '--date', '2027-04-20', '--reason', 'F2F week', '--now', '2027-01-05T00:00Z', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('would send cancellation to aiko@example.org: the meeting of Tue 20 Apr 2027, 11:00-12:00 US ET: F2F week\n');
    expect(run.stdout).toContain('wg-x: would send 3 cancellations\n');
    expect(run.stdout).toContain('3 to send, 0 already sent');
    expect(run.stdout).not.toContain('SEQUENCE');
    const verbose = await send(
      'cancel',
      '--group',
      'wg-x',
      '--date',
      '2027-04-20',
      '--reason',
      'F2F week',
      '--now',
      '2027-01-05T00:00Z',
      '--dry-run',
      '--verbose',
    );
    expect(verbose.stdout).toContain(
      'would send cancel to aiko@example.org: cancellation of the meeting of 2027-04-20 (wg-x-s0-2027-01-01-2027@tcon.invalid), SEQUENCE 1: F2F week',
    );
    expect(smtp.received).toHaveLength(0);
    expect(await readFile(box.file, 'utf8')).toBe(before);
    // Nothing was recorded: the real run sends all three.
    const real = await send('cancel', '--group', 'wg-x', '--date', '2027-04-20', '--reason', 'F2F week', '--now', '2027-01-05T00:00Z');
    expect(real.stdout).toContain('sent 3, skipped 0');
  });

  it('tcon cancel rerun after a failure sends the CANCEL only to whoever is missing it', async () => {
    await invite();
    await take();
    smtp.rcptVerdict = (r) => (r === 'bill@example.org' ? { code: 550, message: '5.2.2 mailbox full' } : undefined);
    const cancel = () => send('cancel', '--group', 'wg-x', '--date', '2027-04-20', '--reason', 'F2F week', '--now', '2027-01-05T00:00Z');
    const first = await cancel();
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('sent 2, skipped 0 (already sent), failed 1');
    smtp.rcptVerdict = () => undefined;
    // The config already says skip: the meeting is found in the change-tracking state.
    const second = await cancel();
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('sent 1, skipped 2');
    const mails = await take();
    expect(mails.map((m) => m.to[0])).toEqual(['aiko@example.org', 'kavya@example.org', 'bill@example.org']);
    const seqs = mails.map((m) => parseIcs(calendarPart(m.mail).ics).vevents[0]!.getFirstPropertyValue('sequence'));
    expect(new Set(seqs).size).toBe(1);
  });

  it('tcon cancel --series: one CANCEL of the whole series (no RECURRENCE-ID)', async () => {
    await invite();
    await take();
    const run = await send('cancel', '--group', 'wg-x', '--series', '1', '--reason', 'the group closes', '--now', '2027-01-05T00:00Z');
    expect(run.code).toBe(0);
    const mails = await take();
    expect(mails).toHaveLength(3);
    const m = mails[0]!.mail;
    expect(m.subject).toBe('Cancelled: Example WG-X Imaging (all meetings from Tue 19 Jan 2027)');
    const c = parseIcs(calendarPart(m).ics);
    expect(c.vevents).toHaveLength(1);
    expect(c.vevents[0]!.hasProperty('recurrence-id')).toBe(false);
    expect(c.vevents[0]!.getFirstPropertyValue('uid')).toBe(UID);
    expect(c.vevents[0]!.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('a 550 for one member: reported with the reply, exit 1, the rest delivered; the rerun sends only that one', async () => {
    smtp.rcptVerdict = (r) => (r === 'bill@example.org' ? { code: 550, message: '5.1.1 mailbox unavailable' } : undefined);
    const run = await invite();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('sent 2, skipped 0 (already sent), failed 1');
    expect(run.stdout).toMatch(/failed: bill@example\.org \(request wg-x-s0-2027-01-01-2027@tcon\.invalid\): 550 5\.1\.1 mailbox unavailable/);
    smtp.rcptVerdict = () => undefined;
    const again = await invite();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('sent 1, skipped 2');
    expect(smtp.countByRecipient()).toEqual(
      new Map([
        ['aiko@example.org', 1],
        ['bill@example.org', 1],
        ['kavya@example.org', 1],
      ]),
    );
  });

  it('451 after two messages then recovery, and a dropped connection: every member holds the latest version once', async () => {
    smtp.verdict = (n) => (n === 3 ? { code: 451, message: '4.7.1 greylisted' } : n === 5 ? { drop: true } : { accept: true });
    const run = await invite();
    expect(run.stdout).toContain('sent 3, skipped 0 (already sent), failed 0');
    await box.edit((t) => `${t}meetings:\n  2027-03-16: { move: 2027-03-17T10:00 }\n`);
    smtp.verdict = (n) => (n === 7 ? { drop: true } : { accept: true });
    const update = await invite();
    expect(update.code).toBe(0);
    const seqs = new Map<string, number[]>();
    for (const { to, mail } of await take()) {
      const ics = parseIcs(calendarPart(mail).ics);
      const max = Math.max(...ics.vevents.map((v) => Number(v.getFirstPropertyValue('sequence'))));
      seqs.set(to[0]!, [...(seqs.get(to[0]!) ?? []), max]);
    }
    expect(seqs).toEqual(
      new Map([
        ['aiko@example.org', [0, 1]],
        ['bill@example.org', [0, 1]],
        ['kavya@example.org', [0, 1]],
      ]),
    );
  });
});

describe('header injection and encoded words', () => {
  it('CR/LF in a member name or the title is a config error (nothing sent); non-ASCII names are encoded words', async () => {
    const original = await readFile(box.file, 'utf8');
    await box.edit((t) =>
      t
        .replace('title: Example WG-X Imaging', 'title: "WG-X\\r\\nBcc: evil@example.org\\r\\nX-Injected: yes"')
        .replace('name: Aiko Tanaka', 'name: "Aiko\\r\\nBcc: evil2@example.org"'),
    );
    const refused = await invite();
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^config\/wg-x\.yaml:3:8 title: this title cannot go into a mail header: it contains a line break/m);
    expect(refused.stderr).toMatch(/members\[0\]\.name: this name cannot go into a mail header: it contains a line break/);
    expect(await take()).toHaveLength(0);
    await box.edit(() =>
      original
        .replace('title: Example WG-X Imaging', 'title: "WG-X: Bcc evil@example.org"')
        .replace('name: Bill Lopez', 'name: "Zoë Ångström"')
        .replace('name: Kavya Rao', 'name: 山田 太郎'),
    );
    const run = await invite();
    expect(run.code).toBe(0);
    const mails = await take();
    expect(mails.flatMap((m) => m.to).sort()).toEqual(['aiko@example.org', 'bill@example.org', 'kavya@example.org']);
    for (const { raw, mail } of mails) {
      expect(mail.headers.has('bcc')).toBe(false);
      expect(mail.subject).toBe('Invitation: WG-X: Bcc evil@example.org (6 meetings, Tue 19 Jan 2027 to Tue 15 Jun 2027)');
      const head = raw.toString().split('\r\n\r\n')[0]!;
      expect(head).not.toMatch(/^(Bcc|X-Injected):/im);
    }
    const r = byRecipient(mails);
    const zoe = r.get('bill@example.org')!;
    expect(zoe.raw.toString()).toMatch(/^To: =\?UTF-8\?[BQ]\?/m);
    expect(zoe.mail.to).toMatchObject({ value: [{ address: 'bill@example.org', name: 'Zoë Ångström' }] });
    const yamada = r.get('kavya@example.org')!;
    expect(yamada.raw.toString()).toMatch(/^To: =\?UTF-8\?[BQ]\?/m);
    expect(yamada.mail.to).toMatchObject({ value: [{ address: 'kavya@example.org', name: '山田 太郎' }] });
    expect(yamada.mail.text).toContain('Dear 山田 太郎,');
  });

  it('HTML bodies escape config text', async () => {
    await box.edit((t) => t.replace('name: Bill Lopez', 'name: "<b>Bill</b> & \\"co\\""'));
    await invite();
    const bill = byRecipient(await take()).get('bill@example.org')!;
    expect(bill.mail.html).toContain('<p>Dear &lt;b&gt;Bill&lt;/b&gt; &amp; &quot;co&quot;,</p>');
  });
});
