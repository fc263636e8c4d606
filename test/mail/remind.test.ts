import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { contentTypes, mailSandbox, parse, type MailSandbox } from '../helpers/mail-config.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

let smtp: TestSmtp;
let box: MailSandbox;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => smtp.close());
beforeEach(async () => {
  smtp.received.length = 0;
  box = await mailSandbox();
});
afterEach(async () => box.cleanup());

const remind = (now: string, ...args: string[]) =>
  tcon(['remind', '--config', box.config, '--smtp', smtp.url, '--days', '7,1', '--now', now, '--retry-delay', '1', ...args], { cwd: box.dir });

async function take() {
  const out = await Promise.all(smtp.received.map(async (r) => ({ to: r.to, raw: r.raw, mail: await parse(r.raw) })));
  smtp.received.length = 0;
  return out;
}

describe('tcon remind', () => {
  it('a week before: one reminder per member, group and member zone, slot, join and agenda links; a second run the same day sends nothing', async () => {
    const run = await remind('2027-03-09T08:00Z');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sent 3, skipped 0');
    const mails = await take();
    const by = new Map(mails.map((m) => [m.to[0]!, m]));
    expect([...by.keys()].sort()).toEqual(['aiko@example.org', 'bill@example.org', 'kavya@example.org']);
    for (const { raw, mail } of mails) {
      // A reminder is not a calendar object: text and html only.
      expect(contentTypes(raw)).toEqual(['multipart/alternative', 'text/plain', 'text/html']);
      expect(mail.subject).toBe('Reminder: Example WG-X Imaging in 7 days, Tue 16 Mar 2027 09:00-10:00 US ET');
      expect(mail.text).toContain('Slot: Asia friendly');
      expect(mail.text).toMatch(/Regions: good for US East, Europe \(Central\), UK; fair for [^\n]*India[^\n]*Japan/);
      expect(mail.text).toContain('Join: https://meet.example.org/wg-x');
      expect(mail.text).toContain('Agenda: https://wiki.example.org/wg-x/agenda/2027-03-16');
      expect(mail.html).toContain('<a href="https://wiki.example.org/wg-x/agenda/2027-03-16">');
    }
    expect(by.get('aiko@example.org')!.mail.text).toContain('Tue 16 Mar 2027 22:00-23:00 your time (Asia/Tokyo)');
    expect(by.get('bill@example.org')!.mail.text).toContain('Tue 16 Mar 2027 06:00-07:00 your time (America/Los_Angeles)');
    expect(by.get('kavya@example.org')!.mail.text).toContain('Tue 16 Mar 2027 18:30-19:30 your time (Asia/Kolkata)');

    const again = await remind('2027-03-09T20:00Z');
    expect(again.stdout).toContain('sent 0, skipped 3');
    expect(smtp.received).toHaveLength(0);
    // Days later, still inside the 7-day offset: the 7-day reminder is not repeated.
    const later = await remind('2027-03-12T08:00Z');
    expect(later.stdout).toContain('sent 0, skipped 3');
    // The day before: the 1-day reminder, once.
    const dayBefore = await remind('2027-03-15T08:00Z');
    expect(dayBefore.stdout).toContain('sent 3, skipped 0');
    const last = await take();
    expect(last[0]!.mail.subject).toBe('Reminder: Example WG-X Imaging tomorrow, Tue 16 Mar 2027 09:00-10:00 US ET');
    const tokyoAfterMidnight = await remind('2027-02-15T08:00Z');
    expect(tokyoAfterMidnight.stdout).toContain('sent 3');
    const feb = new Map((await take()).map((m) => [m.to[0]!, m]));
    expect(feb.get('aiko@example.org')!.mail.text).toContain('Wed 17 Feb 2027 01:00-02:00 (+1 day) your time (Asia/Tokyo)');
    expect(feb.get('aiko@example.org')!.mail.text).toContain('Slot: US West friendly');
  });

  it('says what changed since the invitation', async () => {
    await tcon(['invite', '--config', box.config, '--smtp', smtp.url, '--year', '2027', '--now', '2026-12-01T00:00Z'], { cwd: box.dir });
    await take();
    await box.edit((t) => `${t}meetings:\n  2027-03-16: { move: 2027-03-17T10:00, note: room change }\n`);
    const run = await remind('2027-03-10T08:00Z');
    expect(run.code).toBe(0);
    const by = new Map((await take()).map((m) => [m.to[0]!, m]));
    expect(by.get('kavya@example.org')!.mail.text).toContain(
      'Changed since the invitation: Moved: Tue 16 Mar 2027, 09:00-10:00 US ET · Tue 16 Mar 18:30-19:30 your time (Asia/Kolkata) → now Wed 17 Mar 2027, 10:00-11:00 US ET · Wed 17 Mar 19:30-20:30 your time (Asia/Kolkata)',
    );
    expect(by.get('kavya@example.org')!.mail.text).toContain('Note: room change');
  });

  it('a move is said in the same words by the reminder and the update, and not again once the member received the update', async () => {
    await tcon(['invite', '--config', box.config, '--smtp', smtp.url, '--year', '2027', '--now', '2026-12-01T00:00Z'], { cwd: box.dir });
    await take();
    await box.edit((t) => `${t}meetings:\n  2027-03-16: { move: 2027-03-17T10:00 }\n`);
    // Not told yet: the reminder says the move.
    await remind('2027-03-10T08:00Z');
    const before = new Map((await take()).map((m) => [m.to[0]!, m.mail.text ?? '']));
    const said = /Changed since the invitation: (Moved: [^\n]*)/.exec(before.get('kavya@example.org')!)?.[1];
    expect(said).toMatch(/^Moved: Tue 16 Mar 2027, 09:00-10:00 US ET .* → now Wed 17 Mar 2027, 10:00-11:00 US ET/);
    // The update says it in the same words.
    const update = await tcon(['invite', '--config', box.config, '--smtp', smtp.url, '--year', '2027', '--now', '2027-03-11T00:00Z'], { cwd: box.dir });
    expect(update.code).toBe(0);
    const updates = new Map((await take()).map((m) => [m.to[0]!, m.mail.text ?? '']));
    expect(updates.get('kavya@example.org')).toContain(said!);
    // Told: the next reminder has nothing to say about the move.
    const dayBefore = await remind('2027-03-16T08:00Z');
    expect(dayBefore.code).toBe(0);
    const after = await take();
    expect(after.map((m) => m.to[0]).sort()).toEqual(['aiko@example.org', 'bill@example.org', 'kavya@example.org']);
    for (const m of after) {
      expect(m.mail.text).toContain('Wed 17 Mar 2027, 10:00-11:00 US ET');
      expect(m.mail.text).not.toContain('Changed since the invitation');
    }
  });

  it('to the list address once when the group has one', async () => {
    await box.edit((t) => t.replace('agenda:', 'list: wg-x@lists.example.org\nagenda:'));
    const run = await remind('2027-03-09T08:00Z');
    expect(run.stdout).toContain('sent 1, skipped 0');
    const [m] = await take();
    expect(m!.to).toEqual(['wg-x@lists.example.org']);
    expect(m!.mail.text).toContain('Dear Example WG-X Imaging members,');
    expect(m!.mail.text).toContain('  Tue 16 Mar 2027, 09:00-10:00 US ET\n');
  });

  it('takes the SMTP server and the sender from the group config (mail.smtp, mail.from)', async () => {
    await box.edit((t) =>
      t.replace('agenda:', `mail: { from: { name: WG-X Chair, email: chair@example.org }, smtp: "smtp://127.0.0.1:${smtp.port}" }\nagenda:`),
    );
    const run = await tcon(['remind', '--config', box.config, '--days', '7', '--now', '2027-03-09T08:00Z'], { cwd: box.dir });
    expect(run.stdout).toContain(`smtp://127.0.0.1:${smtp.port}: sent 3`);
    const [m] = await take();
    expect(m!.mail.from?.value).toEqual([{ address: 'chair@example.org', name: 'WG-X Chair' }]);
  });

  it('rejects a password in mail.smtp at config time', async () => {
    await box.edit((t) => t.replace('agenda:', 'mail: { smtp: "smtp://sec:pw@mail.example.org:587" }\nagenda:'));
    const run = await tcon(['remind', '--config', box.config, '--days', '7', '--now', '2027-03-09T08:00Z'], { cwd: box.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('mail.smtp: "smtp://***@mail.example.org:587" is not an SMTP server URL');
    expect(run.stderr).not.toContain('pw@');
  });

  it('--dry-run lists what would be sent and why, and sends nothing', async () => {
    const run = await remind('2027-03-09T08:00Z', '--dry-run');
    expect(run.stdout).toContain('would send reminder to aiko@example.org: reminder (7 days) of Tue 16 Mar 2027, 09:00-10:00 US ET');
    expect(run.stdout).toContain('wg-x: would send 3 reminders\n');
    expect(run.stdout).toContain('3 to send, 0 already sent');
    const verbose = await remind('2027-03-09T08:00Z', '--dry-run', '--verbose');
    expect(verbose.stdout).toContain('would send remind-7d to aiko@example.org: reminder (7 days) of Tue 16 Mar 2027, 09:00-10:00 US ET');
    expect(smtp.received).toHaveLength(0);
  });
});

describe('outbox (no SMTP configured)', () => {
  it('an outbox that cannot be written stops the batch at once (no retries), exit 1', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(box.dir, 'not-a-dir'), 'x');
    const run = await tcon(
      ['remind', '--config', box.config, '--days', '7', '--now', '2027-03-09T08:00Z', '--outbox', 'not-a-dir/sub', '--log', 'sent.jsonl'],
      { cwd: box.dir },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('sent 0, skipped 0 (already sent), failed 1, not attempted 2');
    expect(run.stdout).toMatch(/stopped: cannot write to the outbox .*not-a-dir\/sub/);
  });

  it('writes one .eml per message, named by recipient, kind and SEQUENCE; a rerun adds none', async () => {
    const run = await tcon(['remind', '--config', box.config, '--days', '7', '--now', '2027-03-09T08:00Z'], { cwd: box.dir });
    expect(run.code).toBe(0);
    const dir = join(box.dir, 'outbox');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.eml')).sort();
    expect(files).toHaveLength(3);
    expect(files[0]).toMatch(/^remind-7d-aiko@example\.org-AmericaNewYork20270316T090000-s0-[0-9a-f]{12}\.eml$/);
    const mail = await parse(await readFile(join(dir, files[0]!)));
    expect(mail.subject).toBe('Reminder: Example WG-X Imaging in 7 days, Tue 16 Mar 2027 09:00-10:00 US ET');
    const again = await tcon(['remind', '--config', box.config, '--days', '7', '--now', '2027-03-09T09:00Z'], { cwd: box.dir });
    expect(again.stdout).toContain('sent 0, skipped 3');
    expect((await readdir(dir)).filter((f) => f.endsWith('.eml'))).toHaveLength(3);
  });
});
