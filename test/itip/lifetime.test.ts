// Runs of a series' life that the replay does not spell out: next year's diff, a CANCEL after the
// group's zone changed (it names the meeting as members hold it).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { parseIcs } from '../helpers/ical.js';

let dir: string;
let file: string;
const CONFIG = (zone: string) =>
  [
    'id: wg-l',
    'title: WG L',
    `timezone: ${zone}`,
    'organizer: { name: Example Secretariat, email: secretariat@example.org }',
    'series:',
    '  - from: 2027-01-01',
    '    rule: FREQ=MONTHLY;BYDAY=3TU',
    '    slots: ["09:00", "11:00"]',
    'members:',
    '  - { name: Ana Example, email: ana@example.org, zone: Asia/Tokyo }',
    '',
  ].join('\n');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-life-'));
  file = join(dir, 'wg-l.yaml');
  await writeFile(file, CONFIG('America/New_York'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const run = (...args: string[]) => tcon([...args, '--config', file, '--state', join(dir, 'state.json')], { cwd: dir });

describe('the lifetime of a series', () => {
  it('after the 2027 invitations, diff --invite --year 2028 says next year is new, and invite sends it', async () => {
    expect((await run('invite', '--year', '2027', '--now', '2026-12-01T00:00Z', '--outbox', 'out')).code).toBe(0);
    const diff = await run('diff', '--invite', '--year', '2028');
    expect(diff.stdout).toContain('new series "WG L" starting Tue 18 Jan 2028 09:00-10:00 America/New_York (SEQUENCE 0)');
    const sent = await run('invite', '--year', '2028', '--now', '2027-12-01T00:00Z', '--outbox', 'out');
    expect(sent.stdout).toContain('sent 1, skipped 0');
    const files = (await readdir(join(dir, 'out'))).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(2);
  });

  it('a CANCEL after the zone changed names the meeting as members hold it (old TZID and time)', async () => {
    expect((await run('invite', '--year', '2027', '--now', '2026-12-01T00:00Z', '--outbox', 'out')).code).toBe(0);
    await writeFile(file, CONFIG('Europe/Berlin'));
    const c = await run('cancel', '--group', 'wg-l', '--date', '2027-05-18', '--reason', 'F2F', '--now', '2027-01-05T00:00Z', '--outbox', 'out');
    expect(c.code, c.stderr).toBe(0);
    const eml = (await readdir(join(dir, 'out'))).find((f) => f.startsWith('cancel-'))!;
    const mail = await simpleParser(await readFile(join(dir, 'out', eml)));
    const ics = mail.attachments.find((a) => a.contentType === 'application/ics')!.content.toString('utf8');
    const v = parseIcs(ics).vevents[0]!;
    expect(ics.replace(/\r\n /g, '')).toContain('RECURRENCE-ID;TZID=America/New_York:20270518T090000');
    expect(new ICAL.Event(v).recurrenceId.toJSDate().toISOString()).toBe('2027-05-18T13:00:00.000Z');
    expect(mail.subject).toBe('Cancelled: WG L, Tue 18 May 2027 15:00-16:00 Europe/Berlin');
  });
});
