// Golden messages: the invitation, update, cancellation and reminder one member of the mail
// fixture (test/fixtures/mail/wg-x.yaml, Aiko in Tokyo) gets, built by the command line's own path
// (the iTIP plan, the mail building, the outbox's bytes: what an SMTP server receives) with a fixed
// clock. The Message-ID comes from the message's key and the Date from --now, so both are fixed;
// only the MIME boundaries (a hash of the content) are normalised, so that a change in one body
// shows as that change alone. The calendar part, base64 on the wire, is also kept decoded beside
// it (.ics), to be read in a diff. Regenerate deliberately, then review `git diff test/golden`:
//   UPDATE_GOLDEN=1 npx vitest run test/mail/golden.test.ts
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';
import { calendarPart, contentTypes, mailSandbox, parse, type MailSandbox } from '../helpers/mail-config.js';

const MEMBER = 'aiko@example.org';

/** The message with its MIME boundaries (`--_NmP-<hash>-Part_N`) made content-independent. */
export function normaliseEml(raw: string): string {
  return raw.replace(/--_NmP-[0-9a-f]+-Part_/g, '--_NmP-BOUNDARY-Part_');
}

let box: MailSandbox;
const outbox = () => join(box.dir, 'outbox');
const seen = new Set<string>();

/** Runs a command on the sandbox and returns the member's new message in the outbox. */
async function step(argv: string[]): Promise<string> {
  const r = await tcon([...argv, '--config', box.config, '--group', 'wg-x', '--outbox', outbox()], { cwd: box.dir });
  expect(r.code, `${argv.join(' ')}\n${r.stderr}`).toBe(0);
  expect(r.stdout).toContain('sent 3, skipped 0 (already sent), failed 0');
  const fresh = (await readdir(outbox())).filter((f) => f.endsWith('.eml') && !seen.has(f));
  for (const f of fresh) seen.add(f);
  const mine = fresh.filter((f) => f.includes(`-${MEMBER}-`));
  expect(mine).toHaveLength(1);
  return readFile(join(outbox(), mine[0]!), 'utf8');
}

describe('golden messages of the mail fixture (Aiko, Asia/Tokyo)', () => {
  const messages = new Map<string, string>();
  beforeAll(async () => {
    box = await mailSandbox();
    messages.set('invitation', await step(['invite', '--year', '2027', '--now', '2026-12-01T00:00Z']));
    // A move, then the update it sends.
    const move = await tcon(['move', '2027-03-16', '--to', '2027-03-17', '--config', box.config, '--now', '2026-12-02T00:00Z'], { cwd: box.dir });
    expect(move.code, move.stderr).toBe(0);
    messages.set('update', await step(['invite', '--year', '2027', '--now', '2026-12-02T00:00Z']));
    messages.set('cancellation', await step(['cancel', '--date', '2027-05-18', '--reason', 'F2F week', '--now', '2026-12-03T00:00Z']));
    messages.set('reminder', await step(['remind', '--days', '7', '--now', '2027-04-13T12:00Z']));
  });
  afterAll(async () => box.cleanup());

  it.each([
    ['invitation', 'Tue, 01 Dec 2026 00:00:00 +0000', 'Invitation: Example WG-X Imaging (6 meetings', 'REQUEST'],
    ['update', 'Wed, 02 Dec 2026 00:00:00 +0000', 'Moved: Example WG-X Imaging call of Tue 16 Mar → Wed 17 Mar 09:00 US ET', 'REQUEST'],
    ['cancellation', 'Thu, 03 Dec 2026 00:00:00 +0000', 'Cancelled: Example WG-X Imaging, Tue 18 May 2027', 'CANCEL'],
    ['reminder', 'Tue, 13 Apr 2027 12:00:00 +0000', 'Reminder: Example WG-X Imaging in 7 days, Tue 20 Apr 2027', undefined],
  ] as const)('%s', async (kind, date, subject, method) => {
    const raw = messages.get(kind)!;
    expect(raw).toContain(`\r\nDate: ${date}\r\n`); // the clock of --now
    expect(raw.split('\n').every((l) => l === '' || l.endsWith('\r'))).toBe(true); // CRLF throughout
    const mail = await parse(Buffer.from(raw));
    expect(mail.to && 'value' in mail.to ? mail.to.value.map((a) => a.address) : []).toEqual([MEMBER]);
    expect(mail.messageId).toMatch(/^<tcon\.[0-9a-f]{16}\.\d+@example\.org>$/);
    expect(mail.subject).toContain(subject);
    if (method) {
      expect(contentTypes(raw)).toContain(`text/calendar; method=${method}`);
      const cal = calendarPart(mail);
      expect(cal.method).toBe(method);
      expectGolden(`wg-x-${kind}.ics`, cal.ics);
    } else {
      expect(mail.attachments).toEqual([]); // a reminder carries no calendar part
      expect(mail.text).toContain('https://wiki.example.org/wg-x/agenda/2027-04-20');
    }
    expectGolden(`wg-x-${kind}.eml`, normaliseEml(raw));
  });

  it('the normalisation leaves a message as it was but for its boundaries', () => {
    const raw = messages.get('invitation')!;
    const normal = normaliseEml(raw);
    expect(normal).not.toBe(raw);
    expect(normal.length).toBeLessThan(raw.length);
    expect(normal.replace(/BOUNDARY/g, '')).toBe(raw.replace(/--_NmP-[0-9a-f]+-Part_/g, '--_NmP--Part_'));
  });
});
