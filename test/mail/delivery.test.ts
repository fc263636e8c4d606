import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/adapters/config-files.js';
import { deliver, type DeliveryJob } from '../../src/adapters/delivery.js';
import { LockError, SendLog, readEntries } from '../../src/adapters/sendlog.js';
import { connectionPlan, createSmtpTransport, isLoopbackAddress, redact } from '../../src/adapters/smtp.js';
import { loadTemplates } from '../../src/adapters/templates.js';
import { buildReminder } from '../../src/mail/messages.js';
import { buildSchedule } from '../../src/schedule/build.js';
import type { Group } from '../../src/schedule/types.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

const FIXTURE = new URL('../fixtures/mail/wg-x.yaml', import.meta.url).pathname;
let smtp: TestSmtp;
let group: Group;
let dir: string;

beforeAll(async () => {
  smtp = await startSmtp();
  group = (await loadConfig(FIXTURE)).groups[0]!;
});
afterAll(async () => smtp.close());
beforeEach(async () => {
  smtp.received.length = 0;
  smtp.verdict = () => ({ accept: true });
  smtp.rcptVerdict = () => undefined;
  dir = await mkdtemp(join(tmpdir(), 'tcon-delivery-'));
  return async () => rm(dir, { recursive: true, force: true });
});

/** One reminder per recipient: 20 made-up addresses plus the fixture's members. */
function jobs(count: number, sequence = 0): DeliveryJob[] {
  const templates = loadTemplates(join(FIXTURE, '..'), group.id);
  const meeting = buildSchedule(group, { from: '2027-03-16', to: '2027-03-16' })[0]!;
  return Array.from({ length: count }, (_, i) => {
    const to = { name: `Member ${i}`, email: `m${i}@example.org`, zone: 'Asia/Tokyo' };
    const key = { recipient: to.email, uid: 'wg-x-test@tcon.invalid', recurrenceId: '20270316T090000', sequence, kind: 'remind-7d' };
    return {
      key,
      group: group.id,
      reason: 'test',
      what: 'reminder' as const,
      plain: 'test',
      build: () =>
        buildReminder({
          group,
          to,
          templates,
          key,
          reason: 'test',
          meeting,
          now: DateTime.fromISO('2027-03-09T08:00Z', { zone: 'utc' }),
          days: 7,
          regions: '',
          changes: [],
        }),
    };
  });
}

const fast = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 };

async function run(list: DeliveryJob[], logPath = join(dir, 'sent.jsonl'), timeoutMs = 2000, dataTimeoutMs = 2000) {
  const transport = createSmtpTransport({ url: smtp.url, user: undefined, password: undefined, insecure: false, ca: undefined, timeoutMs, dataTimeoutMs });
  const log = SendLog.open(logPath);
  try {
    return await deliver(list, { transport, log, retry: fast, clock: () => new Date('2027-03-09T08:00:00Z') });
  } finally {
    log.close();
    await transport.close();
  }
}

function expectEachOnce(n: number) {
  const counts = smtp.countByRecipient();
  for (let i = 0; i < n; i++) expect(counts.get(`m${i}@example.org`), `m${i}`).toBe(1);
  expect(smtp.received).toHaveLength(n);
}

describe('delivery through a real SMTP server', () => {
  it('sends each message once and records it; a second run sends nothing', async () => {
    const first = await run(jobs(5));
    expect(first).toMatchObject({ sent: 5, skipped: 0, failed: [] });
    const entries = readEntries(join(dir, 'sent.jsonl'));
    expect(entries.map((e) => e.recipient)).toEqual(['m0@example.org', 'm1@example.org', 'm2@example.org', 'm3@example.org', 'm4@example.org']);
    expect(entries[0]).toMatchObject({
      uid: 'wg-x-test@tcon.invalid',
      recurrenceId: '20270316T090000',
      sequence: 0,
      kind: 'remind-7d',
      group: 'wg-x',
      time: '2027-03-09T08:00:00.000Z',
    });
    expect(entries[0]!.messageId).toMatch(/^<tcon\.[0-9a-f]{16}\.0@example\.org>$/);
    const second = await run(jobs(5));
    expect(second).toMatchObject({ sent: 0, skipped: 5, failed: [] });
    expectEachOnce(5);
  });

  it('451 after 3 messages, for two attempts, then recovers: retried, every recipient once', async () => {
    smtp.verdict = (n) => (n === 4 || n === 5 ? { code: 451, message: '4.3.0 try again later' } : { accept: true });
    const s = await run(jobs(8));
    expect(s).toMatchObject({ sent: 8, failed: [] });
    expectEachOnce(8);
  });

  it('a dropped connection is retried on a new connection', async () => {
    smtp.verdict = (n) => (n === 3 ? { drop: true } : { accept: true });
    const s = await run(jobs(6));
    expect(s).toMatchObject({ sent: 6, failed: [] });
    expectEachOnce(6);
  });

  it('no reply to the end of data: recorded as of unknown fate, never retried, not resent unless asked', async () => {
    // The server takes the message and answers after the client gave up (a slow queue).
    smtp.verdict = (_n, rcpt) => (rcpt === 'm1@example.org' ? { stall: true } : { accept: true });
    const s = await run(jobs(4), join(dir, 'sent.jsonl'), 2000, 300);
    expect(s).toMatchObject({ sent: 3, failed: [] });
    expect(s.uncertain).toEqual([
      expect.objectContaining({ recipient: 'm1@example.org', reason: expect.stringMatching(/no reply to the end of the message data within 300 ms/) }),
    ]);
    // One attempt only: the stalled message reached the server once, and nothing else was resent.
    expect(smtp.received).toHaveLength(3);
    const logged = readEntries(join(dir, 'sent.jsonl'));
    expect(logged.filter((e) => e.unknown).map((e) => e.recipient)).toEqual(['m1@example.org']);
    smtp.verdict = () => ({ accept: true });
    const again = await run(jobs(4));
    expect(again).toMatchObject({ sent: 0, skipped: 4 });
  });

  it('a server that never answers the end of the data: three unknowns in a row stop the batch', async () => {
    smtp.verdict = () => ({ stall: true });
    const s = await run(jobs(6), join(dir, 'sent.jsonl'), 2000, 100);
    expect(s.uncertain).toHaveLength(3);
    expect(s.notAttempted).toBe(3);
    expect(s.aborted).toBe('3 messages in a row got no reply to the end of the data: the server is not answering');
  });

  it('550 for one recipient: recorded with the reply, the batch goes on, a rerun sends only what is missing', async () => {
    smtp.rcptVerdict = (r) => (r === 'm2@example.org' ? { code: 550, message: '5.1.1 no such user' } : undefined);
    const s = await run(jobs(5));
    expect(s.sent).toBe(4);
    expect(s.failed).toHaveLength(1);
    expect(s.failed[0]).toMatchObject({ recipient: 'm2@example.org', kind: 'remind-7d' });
    expect(s.failed[0]!.reply).toMatch(/550.*no such user/);
    smtp.rcptVerdict = () => undefined;
    const again = await run(jobs(5));
    expect(again).toMatchObject({ sent: 1, skipped: 4, failed: [] });
    expectEachOnce(5);
  });

  it('a server that stays down: bounded retries, then the batch stops and says so', async () => {
    smtp.verdict = () => ({ code: 421, message: '4.3.2 shutting down' });
    const s = await run(jobs(10));
    expect(s.sent).toBe(0);
    expect(s.failed).toHaveLength(3);
    expect(s.notAttempted).toBe(7);
    expect(s.aborted).toMatch(/3 messages in a row failed after 4 attempts/);
  });

  it('a new SEQUENCE is a new message; the same one is not', async () => {
    await run(jobs(2, 0));
    const s = await run(jobs(2, 1));
    expect(s).toMatchObject({ sent: 2, skipped: 0 });
    expect(smtp.received).toHaveLength(4);
  });
});

describe('send log', () => {
  it('a second run cannot take the lock while the first holds it; a stale lock is taken over', async () => {
    const path = join(dir, 'sent.jsonl');
    const a = SendLog.open(path);
    expect(() => SendLog.open(path)).toThrow(LockError);
    a.close();
    // A lock left by a process that no longer exists.
    const { writeFileSync } = await import('node:fs');
    const { hostname } = await import('node:os');
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: '2027-01-01T00:00:00Z' }));
    const b = SendLog.open(path);
    b.close();
  });

  it('cuts off a torn last line (crash mid-write), with a warning, and goes on after the last whole line', async () => {
    const path = join(dir, 'sent.jsonl');
    const { writeFileSync } = await import('node:fs');
    const good = {
      recipient: 'a@example.org',
      uid: 'u',
      recurrenceId: null,
      sequence: 0,
      kind: 'request',
      group: 'g',
      messageId: '<x@y>',
      time: 't',
      response: '250',
    };
    writeFileSync(path, `${JSON.stringify(good)}\n{"recipient":"b@exa`);
    const warnings: string[] = [];
    const log = SendLog.open(path, (w) => warnings.push(w));
    expect(warnings).toEqual([expect.stringMatching(/ended in a torn line .*cut off/)]);
    expect(log.has(good)).toBe(true);
    log.append({ ...good, recipient: 'c@example.org' });
    log.close();
    expect(readEntries(path).map((e) => e.recipient)).toEqual(['a@example.org', 'c@example.org']);
    expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(3);
  });
});

describe('smtp settings', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', false],
    ['128.0.0.1', false],
    ['mail.example.org', false],
    ['10.0.0.1', false],
    ['::2', false],
  ])('loopback address %s: %s', (host, yes) => expect(isLoopbackAddress(host)).toBe(yes));

  it.each([
    // A name is loopback only when every address it resolves to is: "*.localhost" proves nothing.
    ['smtp://evil.localhost:2525', ['192.0.2.10'], { loopback: false, requireTLS: true, addresses: ['192.0.2.10'], servername: 'evil.localhost' }],
    ['smtp://localhost:2525', ['::1', '127.0.0.1'], { loopback: true, requireTLS: false, addresses: ['::1', '127.0.0.1'], servername: 'localhost' }],
    ['smtp://mixed.example.org:2525', ['127.0.0.1', '192.0.2.10'], { loopback: false, requireTLS: true }],
    ['smtp://127.0.0.1:2525', [], { loopback: true, requireTLS: false, addresses: ['127.0.0.1'], servername: undefined }],
  ])('%s resolving to %j', async (url, addresses, want) => {
    const plan = await connectionPlan({
      url,
      user: undefined,
      password: undefined,
      insecure: false,
      ca: undefined,
      lookup: async () => addresses.map((address) => ({ address })),
    });
    expect(plan).toMatchObject(want);
  });

  it('redacts the password and its base64 form', () => {
    expect(redact('auth failed for s3cret-pw (czNjcmV0LXB3)', 's3cret-pw')).toBe('auth failed for *** (***)');
  });

  it('refuses a password in the URL and STARTTLS-less plain text to a non-loopback host', async () => {
    expect(() => createSmtpTransport({ url: 'smtp://u:pw@mail.example.org', user: undefined, password: undefined, insecure: false, ca: undefined })).toThrow(
      /no password in the URL/,
    );
  });
});
