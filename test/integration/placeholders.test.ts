// Members imported by `tcon roster import` without a known address get a placeholder under the
// reserved `.invalid` TLD. Mail commands never send there: they leave such members out, list
// them once in the summary, and count them neither as sent nor as failed.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEntries } from '../../src/adapters/sendlog.js';
import { tcon } from '../helpers/cli.js';
import { parseIcs } from '../helpers/ical.js';
import { parse } from '../helpers/mail-config.js';

const HEAD = `id: wg-eps
title: WG Epsilon
timezone: America/New_York
zone-label: US ET
organizer: { name: Epsilon Secretariat, email: eps-office@example.org }
link: https://meet.example.org/eps
series:
  - from: 2027-01-01
    until: 2027-06-30
    rule: FREQ=MONTHLY;BYDAY=3TU
    slots: ["10:00"]
`;
// Tab-separated attendance table, as in the minutes (made-up people).
const ATTENDANCE = 'Present\tBo\tBrandt\tExample Imaging\tVoting\n\tDaiki\tDoi\tExample Medical Asia\tVoting\n\tEva\tEng\tExample Imaging\tObserver\n';
const ORGS = 'Example Imaging: America/New_York\nExample Medical Asia: japan\n';

let dir: string;
let config: string;
let outbox: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-placeholder-'));
  config = join(dir, 'config');
  outbox = join(dir, 'outbox');
  await mkdir(config);
  await writeFile(join(dir, 'minutes.txt'), ATTENDANCE);
  await writeFile(join(dir, 'orgs.yaml'), ORGS);
  // The roster as `tcon roster import` writes it; the secretary knows one address so far.
  const imported = await tcon(['roster', 'import', 'minutes.txt', '--orgs', 'orgs.yaml', '--config', config], { cwd: dir });
  expect(imported.code).toBe(0);
  expect(imported.stdout).toContain('daiki.doi@unknown.invalid');
  await writeFile(join(config, 'wg-eps.yaml'), HEAD + imported.stdout.replace('bo.brandt@unknown.invalid', 'bo@example.org'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => tcon([...argv, '--config', config, '--outbox', outbox], { cwd: dir });
const emls = async () => (await readdir(outbox).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
const NOT_SENT = 'not sent: no email address: Daiki Doi, Eva Eng';

describe('placeholder addresses (@unknown.invalid) are never sent to', () => {
  it('invite: only the member with an address gets mail; the others are listed once, neither sent nor failed', async () => {
    const dry = await run('invite', '-g', 'wg-eps', '--year', '2027', '--now', '2026-12-01T00:00Z', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would send invitation to bo@example.org');
    expect(dry.stdout).toContain('wg-eps: would send 1 invitation for ');
    expect(dry.stdout).not.toContain('unknown.invalid');
    expect(dry.stdout).toContain(`${NOT_SENT}\n`);
    expect(dry.stdout).toContain('dry run (outbox');
    expect(dry.stdout).toContain('1 to send, 0 already sent');

    const r = await run('invite', '-g', 'wg-eps', '--year', '2027', '--now', '2026-12-01T00:00Z');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sent 1, skipped 0 (already sent), failed 0\n');
    expect(r.stdout.split(NOT_SENT)).toHaveLength(2);
    const files = await emls();
    expect(files).toHaveLength(1);
    const mail = await parse(await readFile(join(outbox, files[0]!)));
    expect(mail.to && 'value' in mail.to ? mail.to.value.map((a) => a.address) : []).toEqual(['bo@example.org']);
    expect(readEntries(join(outbox, '.sent.jsonl')).map((e) => e.recipient)).toEqual(['bo@example.org']);
    // The rerun still names them (they still have nothing), and sends nothing new.
    const again = await run('invite', '-g', 'wg-eps', '--year', '2027', '--now', '2026-12-01T00:00Z');
    expect(again.stdout).toContain('sent 0, skipped 1 (already sent), failed 0\n');
    expect(again.stdout).toContain(NOT_SENT);
  });

  it('remind and cancel leave them out the same way', async () => {
    const rem = await run('remind', '--days', '7', '--now', '2027-03-10T12:00Z');
    expect(rem.code).toBe(0);
    expect(rem.stdout).toContain('sent 1, skipped 0 (already sent), failed 0\n');
    expect(rem.stdout).toContain(NOT_SENT);
    expect((await emls()).every((f) => f.includes('bo@example.org'))).toBe(true);

    await run('invite', '-g', 'wg-eps', '--year', '2027', '--now', '2026-12-01T00:00Z');
    const dry = await run('cancel', '-g', 'wg-eps', '--date', '2027-04-20', '--now', '2027-03-01T00:00Z', '--dry-run');
    expect(dry.stdout).toContain('would send cancellation to bo@example.org');
    expect(dry.stdout).not.toContain('unknown.invalid');
    expect(dry.stdout).toContain(NOT_SENT);
    const c = await run('cancel', '-g', 'wg-eps', '--date', '2027-04-20', '--now', '2027-03-01T00:00Z', '--reason', 'F2F');
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('sent 1, skipped 0 (already sent), failed 0\n');
    expect(c.stdout).toContain(NOT_SENT);
    expect(readEntries(join(outbox, '.sent.jsonl')).every((e) => e.recipient === 'bo@example.org')).toBe(true);
  });

  it('tcon ics --invite lists only members with an address as attendees (a client importing it would mail them)', async () => {
    const r = await tcon(['ics', '--config', config, '-g', 'wg-eps', '--year', '2027', '--invite', '--now', '2026-12-01T00:00Z'], { cwd: dir });
    expect(r.code).toBe(0);
    const { vevents } = parseIcs(r.stdout);
    expect(vevents.length).toBeGreaterThan(0);
    for (const v of vevents) expect(v.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase())).toEqual(['mailto:bo@example.org']);
  });
});
