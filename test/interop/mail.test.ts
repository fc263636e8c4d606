/*
 * The invitation, update, cancellation and reminder messages, received by a real SMTP server on
 * 127.0.0.1, read by three MIME parsers that share no code: mailparser (the one test/mail uses),
 * postal-mime (Cloudflare's email workers use it) and Python's standard library email package.
 * They must agree on the headers, the decoded names and subject, and the calendar part; and each
 * message must follow iMIP (RFC 6047) and the clients' known rules (sources in the comments).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { clientRuleViolations, parseComponents, uidsOf, type Method } from '../helpers/client-rules.js';
import { calendarPart, mailSandbox, parse, type MailSandbox } from '../helpers/mail-config.js';
import { expandManyWithPython, python3, pythonWithIcal, PYTHON_SKIP_NOTE } from '../helpers/python.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

interface Sent {
  step: 'invite' | 'update' | 'cancel' | 'remind' | 'leave' | 'rejoin';
  to: string;
  raw: Buffer;
}

interface PySummary {
  tree: { type: string; parts?: PySummary['tree'][] };
  from: { name: string; address: string }[] | null;
  to: { name: string; address: string }[] | null;
  subject: string | null;
  messageId: string | null;
  date: string | null;
  mimeVersion: string | null;
  calendars: {
    type: string;
    method: string | null;
    charset: string | null;
    encoding: string | null;
    disposition: string | null;
    filename: string | null;
    text: string;
  }[];
  defects: string[];
}

const ORGANIZER = 'Secrétariat Exemple';
const NAMES: Record<string, string> = { 'aiko@example.org': 'Aiko Tanaka', 'bill@example.org': 'Zoë Ångström', 'kavya@example.org': '山田 太郎' };
const TITLE = 'Example WG-X Imaging — Société';

let smtp: TestSmtp;
let box: MailSandbox;
const sent: Sent[] = [];
let outdir = '';
let py: PySummary[] = [];

beforeAll(async () => {
  smtp = await startSmtp();
  // Non-ASCII sender, recipients and title: encoded words in From, To and Subject, UTF-8 in the ICS.
  box = await mailSandbox((t) =>
    t
      .replace('title: Example WG-X Imaging', `title: "${TITLE}"`)
      .replace('name: Example Secretariat', `name: "${ORGANIZER}"`)
      .replace('name: Bill Lopez', `name: "${NAMES['bill@example.org']}"`)
      .replace('name: Kavya Rao', `name: ${NAMES['kavya@example.org']}`),
  );
  const send = async (step: Sent['step'], argv: string[]) => {
    const r = await tcon([argv[0]!, '--config', box.config, '--smtp', smtp.url, '--retry-delay', '1', ...argv.slice(1)], { cwd: box.dir });
    if (r.code !== 0) throw new Error(`tcon ${argv.join(' ')}: ${r.code} ${r.stderr}`);
    sent.push(...smtp.received.map((m) => ({ step, to: m.to[0]!, raw: m.raw })));
    smtp.received.length = 0;
  };
  await send('invite', ['invite', '--group', 'wg-x', '--year', '2027', '--now', '2026-12-01T00:00Z']);
  await box.edit((t) => `${t}meetings:\n  2027-03-16: { move: 2027-03-17T10:00 }\n  2027-05-18: { skip: F2F week }\n`);
  await send('update', ['invite', '--group', 'wg-x', '--year', '2027', '--now', '2026-12-02T00:00Z']);
  await send('cancel', ['cancel', '--group', 'wg-x', '--date', '2027-04-20', '--reason', 'F2F week', '--now', '2027-01-05T00:00Z']);
  await send('remind', ['remind', '--days', '7', '--now', '2027-01-12T08:00Z']);
  // A member leaves the roster (a CANCEL of her copy, greeted by the name her invitation had),
  // then comes back (an invitation above that CANCEL).
  const kavya = `  - { name: ${NAMES['kavya@example.org']}, email: kavya@example.org, zone: Asia/Kolkata }\n`;
  await box.edit((t) => {
    if (!t.includes(kavya)) throw new Error('the scenario expects the roster line of kavya@example.org');
    return t.replace(kavya, '');
  });
  await send('leave', ['invite', '--group', 'wg-x', '--year', '2027', '--now', '2027-01-13T00:00Z']);
  await box.edit((t) => t.replace('members:\n', `members:\n${kavya}`));
  await send('rejoin', ['invite', '--group', 'wg-x', '--year', '2027', '--now', '2027-01-14T00:00Z']);
  outdir = await mkdtemp(join(tmpdir(), 'tcon-interop-'));
  const files = await Promise.all(
    sent.map(async (s, i) => {
      const f = join(outdir, `${i}.eml`);
      await writeFile(f, s.raw);
      return f;
    }),
  );
  if (python3)
    py = JSON.parse(
      execFileSync(python3, [new URL('../fixtures/eml_summary.py', import.meta.url).pathname, ...files], { maxBuffer: 64 << 20 }).toString(),
    ) as PySummary[];
});

afterAll(async () => {
  await smtp?.close();
  await box?.cleanup();
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

const methodOf = (ics: string) => /^METHOD:(.*)\r$/m.exec(ics)?.[1];
const decodeText = (c: ArrayBuffer | Uint8Array | string) => (typeof c === 'string' ? c : Buffer.from(c as ArrayBuffer).toString('utf8'));

/** Header block of the message and of each MIME part, as raw lines (unfolded). */
function partHeaders(raw: Buffer): Record<string, string>[] {
  const text = raw.toString('latin1');
  const blocks: Record<string, string>[] = [];
  const heads = [text.split('\r\n\r\n')[0]!, ...[...text.matchAll(/\r\n--[^\r\n]+\r\n([\s\S]*?)\r\n\r\n/g)].map((m) => m[1]!)];
  for (const h of heads) {
    const o: Record<string, string> = {};
    for (const line of h.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
      const i = line.indexOf(':');
      if (i > 0) o[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
    }
    blocks.push(o);
  }
  return blocks;
}

describe(`iMIP messages read by mailparser, postal-mime and Python email${PYTHON_SKIP_NOTE}`, () => {
  it('sends what the scenario expects: invitations, updates with a CANCEL, a cancellation, reminders', () => {
    const count = (step: Sent['step']) => sent.filter((s) => s.step === step).length;
    expect(count('invite')).toBe(3);
    expect(count('update')).toBeGreaterThanOrEqual(3);
    expect(count('cancel')).toBe(3);
    expect(count('remind')).toBe(3);
    // The leaving run also brings the others the rotation change of the cancelled meeting's skip.
    expect(
      sent
        .filter((s) => s.step === 'leave')
        .map((s) => s.to)
        .sort(),
    ).toEqual(['aiko@example.org', 'bill@example.org', 'kavya@example.org']);
    expect(sent.filter((s) => s.step === 'rejoin').map((s) => s.to)).toEqual(['kavya@example.org']);
  });

  it('every message has Message-ID, Date, From, To and MIME-Version, with the same decoded names in every parser', async () => {
    for (const [i, s] of sent.entries()) {
      const head = partHeaders(s.raw)[0]!;
      // RFC 5322 3.6 (Date and From required, Message-ID SHOULD); RFC 2045 4 (MIME-Version).
      for (const h of ['message-id', 'date', 'from', 'to', 'mime-version', 'subject']) expect(head[h], `${h} in message ${i}`).toBeTruthy();
      // Non-ASCII only as RFC 2047 encoded words: the header block is 7-bit.
      expect(/[^\x00-\x7f]/.test(s.raw.toString('latin1').split('\r\n\r\n')[0]!)).toBe(false);
      const pm = await PostalMime.parse(s.raw);
      const mp = await parse(s.raw);
      expect(pm.messageId).toBe(mp.messageId);
      expect(pm.subject).toBe(mp.subject);
      expect(pm.subject).toContain(TITLE);
      expect(pm.from).toMatchObject({ name: ORGANIZER, address: 'secretariat@example.org' });
      expect(pm.to).toEqual([{ name: NAMES[s.to], address: s.to }]);
      expect(new Date(pm.date!).getTime()).toBe(mp.date!.getTime());
      expect(pm.headers.find((h) => h.key === 'mime-version')?.value).toBe('1.0');
      if (python3) {
        const p = py[i]!;
        expect(p.defects).toEqual([]);
        expect(p.messageId).toBe(mp.messageId);
        expect(p.subject).toBe(mp.subject);
        expect(p.from).toEqual([{ name: ORGANIZER, address: 'secretariat@example.org' }]);
        expect(p.to).toEqual([{ name: NAMES[s.to], address: s.to }]);
        expect(new Date(p.date!).getTime()).toBe(mp.date!.getTime());
        expect(p.mimeVersion).toBe('1.0');
      }
    }
  });

  it('calendar messages: text/calendar inside multipart/alternative, first child of multipart/mixed, plus the application/ics copy', async () => {
    for (const [i, s] of sent.entries()) {
      if (s.step === 'remind') continue;
      if (python3) {
        // MS-OXCMAIL 2.2.3.4 (the calendar part an alternative of the body); MS-OXCICAL V0343:
        // Outlook looks for iMIP only in the first child of multipart/mixed. Google sends the
        // same shape, with an application/ics copy for clients that read attachments only.
        expect(py[i]!.tree).toEqual({
          type: 'multipart/mixed',
          parts: [
            { type: 'multipart/alternative', parts: [{ type: 'text/plain' }, { type: 'text/html' }, { type: 'text/calendar' }] },
            { type: 'application/ics' },
          ],
        });
      }
      const pm = await PostalMime.parse(s.raw);
      expect(pm.attachments.map((a) => a.mimeType).sort()).toEqual(['application/ics', 'text/calendar']);
    }
  });

  it('reminders carry no calendar part in any parser', async () => {
    for (const [i, s] of sent.entries()) {
      if (s.step !== 'remind') continue;
      const pm = await PostalMime.parse(s.raw);
      expect(pm.attachments).toEqual([]);
      expect(pm.subject).toMatch(/^Reminder: /);
      if (python3) {
        expect(py[i]!.tree).toEqual({ type: 'multipart/alternative', parts: [{ type: 'text/plain' }, { type: 'text/html' }] });
        expect(py[i]!.calendars).toEqual([]);
      }
    }
  });

  it('the calendar part: method= equals METHOD, charset utf-8, base64, no disposition, one UID, identical in every parser, client rules hold', async () => {
    for (const [i, s] of sent.entries()) {
      if (s.step === 'remind') continue;
      const mp = calendarPart(await parse(s.raw));
      const pm = await PostalMime.parse(s.raw, { attachmentEncoding: 'utf8' });
      const pmCal = pm.attachments.find((a) => a.mimeType === 'text/calendar')!;
      const pmIcs = pm.attachments.find((a) => a.mimeType === 'application/ics')!;
      const ics = mp.ics;
      const method = methodOf(ics) as Method;
      expect(['REQUEST', 'CANCEL']).toContain(method);
      const leaving = s.step === 'leave' && s.to === 'kavya@example.org';
      expect(method).toBe(s.step === 'cancel' || leaving ? 'CANCEL' : s.step === 'invite' || s.step === 'rejoin' ? 'REQUEST' : method);
      // RFC 6047 2.4: method MUST equal METHOD (Outlook: "Inbound Mime method and ICAL method
      // mismatch", maevsi/vibetype#2368); Thunderbird shows no invitation without it
      // (thunderbird/appointment#773).
      expect(mp.method).toBe(method);
      expect(pmCal.method).toBe(method);
      // A text/calendar part with a Content-Disposition (or Content-ID) is shown as a file by
      // Thunderbird, not as an invitation (PHPMailer/PHPMailer#175).
      expect(pmCal.disposition).toBeNull();
      expect(pmCal.contentId).toBeUndefined();
      expect(pmIcs.disposition).toBe('attachment');
      // The copy is named invite.ics, as Google names it (an Outlook 365 CANCEL was reported to be
      // processed only under that name: MadeiraData/sql-clr-ics#11).
      expect(pmIcs.filename).toBe('invite.ics');
      const calHead = partHeaders(s.raw).find((h) => /^text\/calendar/i.test(h['content-type'] ?? ''))!;
      // RFC 6047 2.2 / 2.4: charset; 7bit, quoted-printable or base64 (never 8bit/binary on a
      // server that may lack 8BITMIME). tcon uses base64 so the CRLFs arrive byte for byte.
      expect(calHead['content-type']).toMatch(/;\s*charset="?utf-8"?/i);
      expect(calHead['content-transfer-encoding']).toBe('base64');
      // The same object in every parser, byte for byte, and in the attachment copy (postal-mime
      // hands calendar parts out with LF line ends by design: compared after the same step).
      expect(decodeText(pmCal.content)).toBe(ics.replace(/\r\n/g, '\n'));
      expect(decodeText(pmIcs.content)).toBe(ics.replace(/\r\n/g, '\n'));
      if (python3) {
        const cals = py[i]!.calendars;
        const cal = cals.find((c) => c.type === 'text/calendar')!;
        expect(cal.method).toBe(method);
        expect(cal.charset).toBe('utf-8');
        expect(cal.disposition).toBeNull();
        expect(cal.text).toBe(ics);
        expect(cals.find((c) => c.type === 'application/ics')!.text).toBe(ics);
        expect(cals.find((c) => c.type === 'application/ics')!.filename).toBe('invite.ics');
      }
      // RFC 5546 3.2 / Outlook reads the first event only: one UID per message.
      expect(uidsOf(ics)).toHaveLength(1);
      expect(clientRuleViolations(ics, method)).toEqual([]);
      // RFC 6047 3.1: the message comes from the ORGANIZER (clients warn or refuse otherwise);
      // the fixture sets no mail.from, so From is the organizer.
      const vevents = parseComponents(ics).children[0]!.children.filter((c) => c.name === 'VEVENT');
      const organizers = vevents.flatMap((e) => e.props.filter((p) => p.name === 'ORGANIZER').map((p) => p.value.toLowerCase()));
      expect(new Set(organizers)).toEqual(new Set(['mailto:secretariat@example.org']));
      expect(pm.from).toMatchObject({ address: 'secretariat@example.org' });
      // The recipient is the one ATTENDEE, as a bare mailto: (its name in CN).
      const attendees = vevents.flatMap((e) => e.props.filter((p) => p.name === 'ATTENDEE'));
      expect(new Set(attendees.map((a) => a.value.toLowerCase()))).toEqual(new Set([`mailto:${s.to}`]));
      expect(new Set(attendees.map((a) => a.params.CN))).toEqual(new Set([NAMES[s.to]]));
    }
  });

  it('a CANCEL has a SEQUENCE above what the recipient holds for that meeting', async () => {
    /** SEQUENCE by RECURRENCE-ID ('' for the master or a whole event) of each VEVENT of an object. */
    const sequences = (ics: string) =>
      new Map(
        parseComponents(ics)
          .children[0]!.children.filter((c) => c.name === 'VEVENT')
          .map((e) => [e.props.find((p) => p.name === 'RECURRENCE-ID')?.value ?? '', Number(e.props.find((p) => p.name === 'SEQUENCE')?.value ?? '0')]),
      );
    // What each recipient's calendar holds, per UID: the last REQUEST's SEQUENCE per instance
    // (an instance without an override has the master's), raised by each CANCEL it got.
    const held = new Map<string, Map<string, number>>();
    let cancels = 0;
    for (const s of sent) {
      if (s.step === 'remind') continue;
      const ics = calendarPart(await parse(s.raw)).ics;
      const key = `${s.to} ${uidsOf(ics)[0]}`;
      const seqs = sequences(ics);
      if (methodOf(ics) === 'REQUEST') {
        held.set(key, seqs);
        continue;
      }
      cancels++;
      const mine = held.get(key);
      expect(mine, `${key}: a CANCEL of something never sent`).toBeDefined();
      for (const [rid, seq] of seqs) {
        const before = mine!.get(rid) ?? mine!.get('')!;
        // RFC 5546 2.1.5 / 3.2.5: a CANCEL whose SEQUENCE is not above the revision the attendee
        // holds is stale (Outlook says the cancellation is out of date and leaves the meeting).
        expect(seq, `${s.step} ${key} ${rid || 'whole'}`).toBeGreaterThan(before);
        mine!.set(rid, seq);
      }
      for (const m of ics.matchAll(/^STATUS:(.*)\r$/gm)) expect(m[1]).toBe('CANCELLED');
    }
    expect(cancels).toBeGreaterThanOrEqual(6);
  });
});

// The interop fixtures (Sydney with its DST gap and overlap and slots on Los Angeles time, Kolkata
// with slots on New York time, moves and one-offs in other zones) sent to an outbox: every message
// follows the rules, and the calendars one member receives, expanded by Python, are the schedule.
describe(`invitations of the interop fixtures, written to an outbox${PYTHON_SKIP_NOTE}`, () => {
  it.each([
    ['wg-syd', ['--from', '2019-01-01', '--to', '2020-12-31'], 'olivia@example.org'],
    ['wg-syd', ['--year', '2027'], 'ramon@example.org'],
    ['wg-kol', ['--from', '2019-01-01', '--to', '2020-12-31'], 'joerg@example.org'],
    ['wg-kol', ['--year', '2027'], 'grace@example.org'],
  ])('%s %j: one REQUEST per event and member; what %s gets expands to the schedule', async (id, window, member) => {
    const dir = await mkdtemp(join(tmpdir(), 'tcon-interop-outbox-'));
    try {
      const file = new URL(`../fixtures/interop/${id}.yaml`, import.meta.url).pathname;
      const outbox = join(dir, 'outbox');
      const run = await tcon(
        [
          'invite',
          '--config',
          file,
          '--group',
          id,
          ...window,
          '--now',
          '2018-12-01T00:00Z',
          '--outbox',
          outbox,
          '--state',
          join(dir, 'state.json'),
          '--log',
          join(dir, 'sent.jsonl'),
        ],
        { cwd: dir },
      );
      expect(run.stderr.replace(/^tcon: warning: .*\n/gm, '')).toBe('');
      expect(run.code).toBe(0);
      const schedule = JSON.parse((await tcon(['schedule', '--config', file, ...window, '--format', 'json', '--no-holidays'], { cwd: dir })).stdout) as {
        status: string;
        startUtc: string;
        endUtc: string;
      }[];
      const want = schedule
        .filter((r) => r.status !== 'skipped')
        .map((r) => ({ start: r.startUtc, end: r.endUtc }))
        .sort((a, b) => (a.start < b.start ? -1 : 1));
      const files = (await readdir(outbox)).filter((f) => f.endsWith('.eml')).map((f) => join(outbox, f));
      expect(files.length).toBeGreaterThan(0);
      const mine: string[] = [];
      for (const f of files) {
        const raw = await readFile(f);
        const pm = await PostalMime.parse(raw);
        const cal = calendarPart(await parse(raw));
        expect(cal.method).toBe('REQUEST');
        expect(pm.attachments.find((a) => a.mimeType === 'text/calendar')?.method).toBe('REQUEST');
        expect(uidsOf(cal.ics)).toHaveLength(1);
        expect(clientRuleViolations(cal.ics, 'REQUEST')).toEqual([]);
        if (pm.to?.[0] && 'address' in pm.to[0] && pm.to[0].address === member) mine.push(cal.ics);
      }
      expect(mine.length).toBeGreaterThan(0);
      if (python3) {
        const summaries = JSON.parse(
          execFileSync(python3, [new URL('../fixtures/eml_summary.py', import.meta.url).pathname, ...files], { maxBuffer: 256 << 20 }).toString(),
        ) as PySummary[];
        for (const s of summaries) expect(s.defects).toEqual([]);
        if (pythonWithIcal) {
          const got = expandManyWithPython(mine).flatMap((r) => {
            expect(r.errors).toEqual([]);
            return r.instances.map((i) => ({ start: i.start, end: i.end }));
          });
          expect(got.sort((a, b) => (a.start < b.start ? -1 : 1))).toEqual(want);
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
