// Where the features meet: `tcon invite`, `tcon ics --invite`, `tcon diff --invite` and
// `tcon cancel` share one state file, one set of UIDs and SEQUENCEs, and one (planned) schedule.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { expandIcs, parseIcs } from '../helpers/ical.js';
import { calendarPart, parse } from '../helpers/mail-config.js';

const group = (policy: string, extra = '') => `id: wg-delta
title: WG Delta
timezone: America/New_York
zone-label: US ET
organizer: { name: Delta Secretariat, email: delta-office@example.org }
link: https://meet.example.org/delta
series:
  - from: 2027-01-01
    rule: FREQ=MONTHLY;BYDAY=-1MO
    slots: ["12:00"]
holidays: { countries: [US], members: false, policy: ${policy} }
members:
  - { name: Ann Chair, email: ann@example.org, role: chair, zone: America/New_York }
  - { name: Kenji Ono, email: kenji@example.org, zone: Asia/Tokyo }
${extra}`;

const UID = 'wg-delta-s0-2027-01-01-2027@tcon.invalid';
const WINDOW = ['--from', '2027-05-01', '--to', '2027-08-31'];
const NOW = ['--now', '2027-04-01T00:00Z'];
let dir: string;
let config: string;
let outbox: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-seams-'));
  config = join(dir, 'config');
  outbox = join(dir, 'outbox');
  await mkdir(config);
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const write = (text: string) => writeFile(join(config, 'wg-delta.yaml'), text);
const run = (...argv: string[]) => tcon([...argv, '--config', config], { cwd: dir });
const mailRun = (cmd: string, ...argv: string[]) => run(cmd, '-g', 'wg-delta', '--outbox', outbox, ...NOW, ...argv);

/** The .eml files of the outbox, parsed, then removed. */
async function take(): Promise<{ file: string; mail: ParsedMail }[]> {
  const files = (await readdir(outbox)).filter((f) => f.endsWith('.eml')).sort();
  const out = await Promise.all(files.map(async (file) => ({ file, mail: await parse(await readFile(join(outbox, file))) })));
  await Promise.all(files.map((f) => rm(join(outbox, f))));
  return out;
}

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
const starts = (ics: string) => expandIcs(ics).map((i) => new Date(i.start).toISOString());

describe('tcon invite and tcon ics --invite', () => {
  it('share the state file, the UIDs and the SEQUENCEs', async () => {
    await write(group('shift'));
    const first = await mailRun('invite', ...WINDOW);
    expect(first.code).toBe(0);
    const mails = await take();
    expect(mails).toHaveLength(2);
    for (const { mail } of mails) expect(parseIcs(calendarPart(mail).ics).vevents.map((v) => v.getFirstPropertyValue('uid'))).toContain(UID);

    // A config move after the invitation; the file written by `ics --invite` sees it as an update.
    await write(group('shift', 'meetings:\n  2027-06-28: { move: 2027-06-29T12:00 }\n'));
    const ics = await run('ics', '-g', 'wg-delta', '--invite', ...WINDOW, ...NOW, '--out', join(dir, 'invite.ics'));
    expect(ics.code).toBe(0);
    expect(ics.stderr).toContain('wg-delta invite: meeting of 2027-06-28 moved');
    const file = await readFile(join(dir, 'invite.ics'), 'utf8');
    const override = parseIcs(file).vevents.find((v) => String(v.getFirstPropertyValue('recurrence-id')).startsWith('2027-06-28'))!;
    expect(override.getFirstPropertyValue('uid')).toBe(UID);
    expect(override.getFirstPropertyValue('sequence')).toBe(1);
    // The same state: nothing left for diff, and invite sends the update with the same SEQUENCE.
    const diff = await run('diff', '-g', 'wg-delta', '--invite', ...WINDOW, ...NOW);
    expect(diff.stdout).toContain('no changes');
    const update = await mailRun('invite', ...WINDOW);
    expect(update.stdout).toContain('sent 2, skipped 0');
    for (const { mail } of await take()) {
      // The subject says the move, from what the send log says this member was told too.
      expect(mail.subject).toBe('Moved: WG Delta call of Mon 28 Jun → Tue 29 Jun 12:00 US ET');
      // The state already had the move (ics --invite wrote it): the text comes from what the
      // send log says this member was told.
      expect(mail.text).toMatch(/Moved: Mon 28 Jun 2027, 12:00-13:00 US ET[^\n]* → now Tue 29 Jun 2027, 12:00-13:00 US ET/);
      const cal = calendarPart(mail).ics;
      const v = parseIcs(cal).vevents.find((x) => String(x.getFirstPropertyValue('recurrence-id')).startsWith('2027-06-28'))!;
      expect(v.getFirstPropertyValue('sequence')).toBe(1);
      expect(starts(cal)).toEqual(starts(file));
    }
  });
});

describe('tcon diff --invite and tcon invite --dry-run', () => {
  it('agree on a meeting the holiday policy moved after the invitation', async () => {
    await write(group('warn'));
    expect((await mailRun('invite', ...WINDOW)).code).toBe(0);
    expect(starts(calendarPart((await take())[0]!.mail).ics)[0]).toBe('2027-05-31T16:00:00.000Z');

    await write(group('shift'));
    const diff = await run('diff', '-g', 'wg-delta', '--invite', '--json', ...WINDOW, ...NOW);
    const changes = (
      JSON.parse(diff.stdout) as { changes: { kind: string; ruleDate: string; uid: string; sequence: number; after: { start: string } }[] }[]
    )[0]!.changes;
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'changed',
        scope: 'meeting',
        uid: UID,
        ruleDate: '2027-05-31',
        sequence: 1,
        after: expect.objectContaining({ start: '2027-06-07T12:00:00-04:00' }),
      }),
    ]);

    const dry = await mailRun('invite', ...WINDOW, '--dry-run');
    const lines = dry.stdout.split('\n').filter((l) => l.startsWith('would send'));
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^would send update to \S+: Moved: Mon 31 May 2027, 12:00-13:00 US ET → now Mon 7 Jun 2027, 12:00-13:00 US ET$/);
    expect(dry.stdout).toContain('wg-delta: would send 2 updates\n');
    const verbose = await mailRun('invite', ...WINDOW, '--dry-run', '--verbose');
    const keyed = verbose.stdout.split('\n').filter((l) => l.startsWith('would send'));
    expect(keyed).toHaveLength(2);
    for (const l of keyed) {
      expect(l).toContain(`update of ${UID}, SEQUENCE 0 -> 1: Moved: Mon 31 May 2027, 12:00-13:00 US ET → now Mon 7 Jun 2027, 12:00-13:00 US ET`);
    }
    const real = await mailRun('invite', ...WINDOW);
    expect(real.stdout).toContain('sent 2, skipped 0');
    for (const { mail } of await take()) {
      expect(mail.text).toContain('Moved: Mon 31 May 2027, 12:00-13:00 US ET');
      expect(mail.text).toContain('moved from 31 May: Memorial Day (US)');
      expect(starts(calendarPart(mail).ics)[0]).toBe('2027-06-07T16:00:00.000Z');
    }
    expect((await run('diff', '-g', 'wg-delta', '--invite', ...WINDOW, ...NOW)).stdout).toContain('no changes');
  });
});

describe('tcon cancel --date on a meeting the plan moved', () => {
  it('cancels the meeting where it is held, names its rule date in the config, and says where it is held', async () => {
    await write(group('shift'));
    expect((await mailRun('invite', ...WINDOW)).code).toBe(0);
    await take();
    // By its rule date (the holiday): the dry run says which meeting that is.
    const dry = await mailRun('cancel', '--date', '2027-05-31', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would send cancellation to ann@example.org: the meeting of 2027-05-31, held Mon 7 Jun 2027, 12:00-13:00 US ET\n');
    const verbose = await mailRun('cancel', '--date', '2027-05-31', '--dry-run', '--verbose');
    expect(verbose.stdout).toContain(`cancellation of the meeting of 2027-05-31, held Mon 7 Jun 2027, 12:00-13:00 US ET (${UID}), SEQUENCE 1`);
    // By the day it is held.
    const c = await mailRun('cancel', '--date', '2027-06-07', '--reason', 'chair away');
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('sent 2, skipped 0');
    expect(c.stdout).toContain('meetings.2027-05-31.skip: chair away');
    for (const { mail } of await take()) {
      expect(mail.subject).toBe('Cancelled: WG Delta, Mon 7 Jun 2027 12:00-13:00 US ET');
      const cal = calendarPart(mail);
      expect(cal.method).toBe('CANCEL');
      const v = parseIcs(cal.ics).vevents[0]!;
      expect(v.getFirstPropertyValue('uid')).toBe(UID);
      expect(unfold(cal.ics)).toContain('RECURRENCE-ID;TZID=America/New_York:20270531T120000');
      expect(String(v.getFirstPropertyValue('dtstart'))).toBe('2027-06-07T12:00:00');
      expect(v.getFirstPropertyValue('sequence')).toBe(1);
    }
    const sched = JSON.parse((await run('schedule', '-g', 'wg-delta', ...WINDOW, '--format', 'json')).stdout) as {
      date: string;
      status: string;
      note: string | null;
    }[];
    expect(sched.find((o) => o.date === '2027-05-31')).toMatchObject({ status: 'skipped', note: 'chair away' });
    // Nothing is owed any more: no request comes back, no CANCEL is sent twice.
    const again = await mailRun('invite', ...WINDOW);
    expect(again.stdout).toContain('sent 0, skipped 4');
    expect((await run('diff', '-g', 'wg-delta', '--invite', ...WINDOW, ...NOW)).stdout).toContain('no changes');
  });
});

describe('a meeting the holiday policy skips after the invitation', () => {
  it('gets a CANCEL that gives the holiday as the reason', async () => {
    await write(group('warn'));
    expect((await mailRun('invite', ...WINDOW)).code).toBe(0);
    await take();
    await write(group('skip'));
    const dry = await mailRun('invite', ...WINDOW, '--dry-run');
    expect(dry.stdout).toContain('would send cancellation to ann@example.org: the meeting of Mon 31 May 2027, 12:00-13:00 US ET: Memorial Day (US)\n');
    const verbose = await mailRun('invite', ...WINDOW, '--dry-run', '--verbose');
    expect(verbose.stdout).toContain(`would send cancel to ann@example.org: cancellation of the meeting of 2027-05-31 (${UID}), SEQUENCE 1: Memorial Day (US)`);
    const r = await mailRun('invite', ...WINDOW);
    // The CANCELs; the series itself is unchanged (the requests were sent already).
    expect(r.stdout).toContain('sent 2, skipped 2 (already sent)');
    const mails = await take();
    expect(mails).toHaveLength(2);
    for (const { mail } of mails) {
      expect(mail.subject).toBe('Cancelled: WG Delta, Mon 31 May 2027 12:00-13:00 US ET');
      expect(mail.text).toContain('Reason: Memorial Day (US)');
      const cal = calendarPart(mail);
      expect(cal.method).toBe('CANCEL');
      expect(unfold(cal.ics)).toContain('RECURRENCE-ID;TZID=America/New_York:20270531T120000');
    }
  });
});

describe('calendar warnings', () => {
  it('tcon invite says what tcon ics --invite says about a rule with no Outlook form', async () => {
    await write(group('warn').replace('FREQ=MONTHLY;BYDAY=-1MO', 'FREQ=MONTHLY;BYMONTHDAY=30'));
    const ics = await run('ics', '-g', 'wg-delta', '--invite', ...WINDOW, ...NOW, '--no-state');
    const inv = await mailRun('invite', ...WINDOW, '--dry-run');
    const warning =
      'tcon: warning: wg-delta series s0-2027-01-01 (FREQ=MONTHLY;BYMONTHDAY=30): BYMONTHDAY other than one day 1..28; written as one event per meeting\n';
    expect(ics.stderr).toContain(warning);
    expect(inv.stderr).toBe(warning);
  });
});
