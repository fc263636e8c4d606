// The planned schedule (holiday policies applied) reaches every command that publishes or
// judges meetings: invitations, reminders, cancellations, coverage checks. Read back with
// independent parsers (mailparser, ical.js).
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { expandIcs } from '../helpers/ical.js';
import { calendarPart, parse } from '../helpers/mail-config.js';

// Last Monday of the month at noon US Eastern; Memorial Day (31 May 2027) is a US holiday the
// group shifts away from: the meeting is held on Monday 7 June instead.
const GROUP = `id: wg-delta
title: WG Delta
timezone: America/New_York
zone-label: US ET
organizer: { name: Delta Secretariat, email: delta-office@example.org }
link: https://meet.example.org/delta
series:
  - from: 2027-01-01
    rule: FREQ=MONTHLY;BYDAY=-1MO
    slots: ["12:00"]
holidays: { countries: [US], members: false, policy: shift }
members:
  - { name: Ann Chair, email: ann@example.org, role: chair, zone: America/New_York }
  - { name: Kenji Ono, email: kenji@example.org, zone: Asia/Tokyo }
`;

const REASON = 'moved from 31 May: Memorial Day (US)';
let dir: string;
let config: string;
let outbox: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-planned-'));
  config = join(dir, 'config');
  outbox = join(dir, 'outbox');
  await mkdir(config);
  await writeFile(join(config, 'wg-delta.yaml'), GROUP);
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => tcon([...argv, '--config', config], { cwd: dir });

/** The .eml files of the outbox whose name starts with `kind`, parsed; then removed. */
async function take(kind: string): Promise<{ file: string; mail: ParsedMail }[]> {
  const files = (await readdir(outbox)).filter((f) => f.startsWith(kind) && f.endsWith('.eml')).sort();
  const out = await Promise.all(files.map(async (file) => ({ file, mail: await parse(await readFile(join(outbox, file))) })));
  await Promise.all(files.map((f) => rm(join(outbox, f))));
  return out;
}

describe('mail and checks use the planned schedule', () => {
  it('tcon invite: the meeting is invited where the holiday policy moved it, and the text says why', async () => {
    const r = await run('invite', '-g', 'wg-delta', '--from', '2027-05-01', '--to', '2027-06-30', '--outbox', outbox, '--now', '2027-04-01T00:00Z');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sent 2, skipped 0 (already sent), failed 0');
    const mails = await take('request');
    expect(mails.map((m) => (m.mail.to && 'value' in m.mail.to ? m.mail.to.value[0]!.address : '')).sort()).toEqual(['ann@example.org', 'kenji@example.org']);
    for (const { mail } of mails) {
      const cal = calendarPart(mail);
      expect(cal.method).toBe('REQUEST');
      const starts = expandIcs(cal.ics).map((i) => new Date(i.start).toISOString());
      // 7 June 12:00 EDT, not Memorial Day; then 28 June as the rule has it.
      expect(starts).toEqual(['2027-06-07T16:00:00.000Z', '2027-06-28T16:00:00.000Z']);
      expect(cal.ics.replace(/\r\n[ \t]/g, '')).toContain(REASON);
      expect(mail.text).toContain(`Mon 7 Jun 2027, 12:00-13:00 US ET`);
      expect(mail.text).toContain(REASON);
      expect(mail.html).toContain(REASON);
      expect(mail.text).not.toContain('31 May 2027');
    }
  });

  it('tcon remind: reminders go out for the shifted meeting, with the reason, none for the holiday', async () => {
    // Memorial Day, 08:00 in New York: the unplanned meeting would be today at noon; the
    // planned one is a week ahead.
    const first = await run('remind', '--days', '7,1', '--outbox', outbox, '--now', '2027-05-31T12:00Z');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('sent 2, skipped 0');
    for (const { mail } of await take('remind-7d')) {
      expect(mail.subject).toBe('Reminder: WG Delta in 7 days, Mon 7 Jun 2027 12:00-13:00 US ET');
      expect(mail.text).toContain(`Note: ${REASON}`);
      expect(mail.html).toContain(REASON);
    }
    expect(await readdir(outbox)).not.toContainEqual(expect.stringMatching(/\.eml$/));
    // Sunday 6 June: the rule date (31 May) lies before the reminder run's window, the meeting in it.
    const r = await run('remind', '--days', '7,1', '--outbox', outbox, '--now', '2027-06-06T12:00Z');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('sent 2, skipped 0');
    const mails = await take('remind-1d');
    expect(mails).toHaveLength(2);
    for (const { mail } of mails) {
      expect(mail.subject).toBe('Reminder: WG Delta tomorrow, Mon 7 Jun 2027 12:00-13:00 US ET');
      expect(mail.text).toContain(`Note: ${REASON}`);
    }
  });

  it('tcon check --format json rates the meeting on the date it is held', async () => {
    const r = await run('check', '-g', 'wg-delta', '--from', '2027-05-01', '--to', '2027-06-30', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { results: { date: string; start: string; status: string; note: string | null; region: string }[] };
    const starts = [...new Set(json.results.map((x) => x.start))];
    expect(starts).toEqual(['2027-06-07T12:00:00-04:00', '2027-06-28T12:00:00-04:00']);
    const moved = json.results.find((x) => x.start.startsWith('2027-06-07'))!;
    expect(moved).toMatchObject({ date: '2027-05-31', status: 'moved', note: REASON });
    // The matrix's columns are the days the meetings are held.
    const table = await run('check', '-g', 'wg-delta', '--from', '2027-05-01', '--to', '2027-06-30');
    expect(table.stdout).toMatch(/^ +06-07 06-28$/m);
  });
});
