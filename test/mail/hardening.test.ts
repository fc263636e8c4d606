import { spawn } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readEntries } from '../../src/adapters/sendlog.js';
import { tcon } from '../helpers/cli.js';
import { mailSandbox, type MailSandbox } from '../helpers/mail-config.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { canMountSmallDisk, smallDisk } from '../helpers/tmpfs.js';

// Delivery under faults, through the command line and a real SMTP server: what the recipient
// ends up with (copies per address) and what the user is told.

const MEMBERS = 20;
let smtp: TestSmtp;
let box: MailSandbox;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => smtp.close());
beforeEach(async () => {
  smtp.received.length = 0;
  smtp.verdict = () => ({ accept: true });
  smtp.delayMs = 0;
  smtp.starttlsReply = undefined;
  const roster = Array.from({ length: MEMBERS }, (_, i) => `  - { name: Member ${i}, email: m${i}@example.org, zone: Asia/Tokyo }`).join('\n');
  box = await mailSandbox((t) => t.replace(/members:[\s\S]*$/, `members:\n${roster}\n`));
});
afterEach(async () => box.cleanup());

const inviteVia = (url: string, ...extra: string[]) => [
  'invite',
  '--config',
  box.config,
  '--year',
  '2027',
  '--now',
  '2026-12-01T00:00Z',
  '--smtp',
  url,
  '--retries',
  '3',
  '--retry-delay',
  '5',
  ...extra,
];
const invite = (...extra: string[]) => inviteVia(smtp.url, ...extra);

function copies(): Map<string, number> {
  return smtp.countByRecipient();
}

describe('a send log that cannot be written', () => {
  const mountable = canMountSmallDisk();
  it.skipIf(!mountable)(
    `a full disk: the batch stops at once, names the recipient who may have the message, never resends it${mountable ? '' : ' [skipped: no tmpfs (root needed)]'}`,
    async () => {
      const disk = smallDisk(8192);
      const log = join(disk!.dir, 'sent.jsonl');
      try {
        const first = await tcon(invite('--log', log), { cwd: box.dir });
        expect(first.code).toBe(1);
        const logged = readEntries(log);
        // The disk took a few lines (one 4 KiB page), then refused the next.
        expect(logged.length).toBeGreaterThan(0);
        expect(logged.length).toBeLessThan(MEMBERS);
        const unrecorded = `m${logged.length}@example.org`;
        expect(first.stdout).toContain(`unknown: ${unrecorded} (request`);
        expect(first.stdout).toMatch(
          new RegExp(`stopped: the send log ${log} cannot be written \\(no space left on the device\\): ${unrecorded} may have the message`),
        );
        expect(first.stdout).toContain(`not attempted ${MEMBERS - logged.length - 1}`);
        // Accepted once, not retried: no recipient has two copies, nobody after the failure has any.
        expect(smtp.received).toHaveLength(logged.length + 1);
        for (const n of copies().values()) expect(n).toBe(1);
        // No torn line was left behind: the log reads whole.
        expect((await readFile(log, 'utf8')).endsWith('\n')).toBe(true);

        // Space again (the log moved to a roomy disk): the rerun sends what is missing.
        const roomy = join(box.dir, 'sent.jsonl');
        await copyFile(log, roomy);
        const second = await tcon(invite('--log', roomy), { cwd: box.dir });
        expect(second.code, second.stdout + second.stderr).toBe(0);
        const counts = copies();
        for (let i = 0; i < MEMBERS; i++) expect(counts.get(`m${i}@example.org`), `m${i}`).toBe(`m${i}@example.org` === unrecorded ? 2 : 1);
      } finally {
        disk!.unmount();
      }
    },
  );
});

describe('the reply to the end of the data', () => {
  it('a server that answers after the data timeout: each message once, reported unknown, recorded, not resent unless asked; three in a row stop the batch', async () => {
    smtp.delayMs = 300; // accepts, but late
    const first = await tcon(invite('--data-timeout', '100', '--group', 'wg-x'), { cwd: box.dir });
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/sent 0, skipped 0 \(already sent\), failed 0, not attempted 17\n/);
    expect(
      first.stdout.match(
        /^ {2}unknown: m\d+@example\.org \(request .*no reply to the end of the message data within 100 ms: the server may have accepted it; recorded as possibly delivered \(--resend-unknown sends it again\)$/gm,
      ),
    ).toHaveLength(3);
    expect(first.stdout).toContain('stopped: 3 messages in a row got no reply to the end of the data: the server is not answering');
    await new Promise((r) => setTimeout(r, 500));
    // The server got each of the three once (late): nothing was retried.
    expect(smtp.received).toHaveLength(3);
    for (const n of copies().values()) expect(n).toBe(1);
    const logged = readEntries(join(box.config, '.tcon', 'sent.jsonl'));
    expect(logged).toHaveLength(3);
    expect(logged.every((e) => e.unknown === true)).toBe(true);

    smtp.delayMs = 0;
    const again = await tcon(invite(), { cwd: box.dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`sent ${MEMBERS - 3}, skipped 3 (already sent), failed 0`);
    expect(smtp.received).toHaveLength(MEMBERS);
    for (const n of copies().values()) expect(n).toBe(1);
    const dry = await tcon(invite('--dry-run', '--resend-unknown'), { cwd: box.dir });
    expect(dry.stdout).toContain(`3 to send, ${MEMBERS - 3} already sent`);
    const resent = await tcon(invite('--resend-unknown'), { cwd: box.dir });
    expect(resent.code).toBe(0);
    expect(resent.stdout).toContain(`sent 3, skipped ${MEMBERS - 3}`);
    expect(smtp.received).toHaveLength(MEMBERS + 3);
  });

  it("the default data timeout is RFC 5321's 10 minutes, the other steps keep --timeout", async () => {
    const help = await tcon(['invite', '--help']);
    expect(help.stdout).toMatch(/--data-timeout <ms>[\s\S]*\(default:\s+600000\)/);
    const { connectionOptions, connectionPlan, END_OF_DATA_TIMEOUT_MS } = await import('../../src/adapters/smtp.js');
    expect(END_OF_DATA_TIMEOUT_MS).toBe(10 * 60 * 1000);
    const s = { url: smtp.url, user: undefined, password: undefined, insecure: false, ca: undefined, timeoutMs: 30_000 };
    const o = connectionOptions(s, await connectionPlan(s), '127.0.0.1');
    expect([o.connectionTimeout, o.greetingTimeout]).toEqual([30_000, 30_000]);
  });
});

describe('STARTTLS refused', () => {
  it.each([
    [454, '4.7.0 TLS not available due to temporary reason'],
    [502, '5.5.1 Command not implemented'],
  ])('%i: the batch ends like a TLS failure, nothing sent, one failed line', async (code, message) => {
    // STARTTLS advertised: the client tries it on loopback too, and the server refuses it.
    const tls = await startSmtp({ disabledCommands: [] });
    try {
      tls.starttlsReply = { code, message };
      const r = await tcon(inviteVia(tls.url), { cwd: box.dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`failed 1, not attempted ${MEMBERS - 1}`);
      expect(r.stdout).toMatch(/stopped: .*STARTTLS/);
      expect(r.stdout).toContain(`${code} ${message}`);
      expect(r.stdout.match(/^ {2}failed: /gm)).toHaveLength(1);
      expect(tls.received).toHaveLength(0);
    } finally {
      await tls.close();
    }
  });
});

describe('loopback is the address, not the name', () => {
  it('localhost is resolved (to 127.0.0.1) and may go without TLS; a *.localhost name is not trusted by its name', async () => {
    const ok = await tcon(['invite', '--config', box.config, '--year', '2027', '--now', '2026-12-01T00:00Z', '--smtp', `smtp://localhost:${smtp.port}`], {
      cwd: box.dir,
    });
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(smtp.received).toHaveLength(MEMBERS);
    // Unresolvable here: tcon says so and sends nothing (no password, no message) anywhere.
    const name = await tcon(
      [
        'invite',
        '--config',
        box.config,
        '--year',
        '2027',
        '--now',
        '2026-12-01T00:00Z',
        '--smtp',
        `smtp://tcon-test.localhost:${smtp.port}`,
        '--user',
        'sec@example.org',
        '--log',
        join(box.dir, 'other.jsonl'),
      ],
      {
        cwd: box.dir,
        env: { TCON_SMTP_PASSWORD: 'pw-never-sent' },
      },
    );
    expect(name.code).toBe(1);
    expect(name.stdout).toMatch(/stopped: cannot resolve tcon-test\.localhost/);
    expect(name.stdout + name.stderr).not.toContain('pw-never-sent');
    expect(smtp.received).toHaveLength(MEMBERS);
  });
});

describe('a damaged send log is a clear error, never a resend to everyone', () => {
  const good = (i: number) =>
    JSON.stringify({
      recipient: `m${i}@example.org`,
      uid: 'u@tcon.invalid',
      recurrenceId: null,
      sequence: 0,
      kind: 'request',
      group: 'wg-x',
      messageId: '<x@y>',
      time: '2026-12-01T00:00:00.000Z',
      response: '250',
    });
  const logPath = () => join(box.config, '.tcon', 'sent.jsonl');
  const writeLog = async (text: string) => {
    await mkdir(join(box.config, '.tcon'), { recursive: true });
    await writeFile(logPath(), text);
  };

  it.each([
    ['a garbled line', () => `${good(0)}\n{"recipient": garbage\n${good(1)}\n`, /damaged at line 2 \(not JSON\)/],
    ['NUL bytes', () => `${good(0)}\n${'\u0000'.repeat(200)}\n`, /damaged at line 2 \(NUL bytes/],
    ['NUL bytes at the end', () => `${good(0)}\n${'\u0000'.repeat(200)}`, /damaged at line 2 \(NUL bytes/],
    [
      'an entry with a bad SEQUENCE',
      () => `${good(0)}\n${good(1).replace('"sequence":0', '"sequence":1e308')}\n`,
      /damaged at line 2 \(not a send-log entry\)/,
    ],
    ['an emptied log', () => '', /is empty, yet tcon starts every log with a header line: it was emptied/],
  ])('%s: exit 2, what to do, nothing sent (also for --dry-run)', async (_what, text, message) => {
    await writeLog(text());
    for (const extra of [[], ['--dry-run']]) {
      const r = await tcon(invite(...extra), { cwd: box.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/Restore it from a backup/);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
    expect(smtp.received).toHaveLength(0);
  });

  it('a torn last line is cut off with a warning; the others are not sent again', async () => {
    await writeLog(`${good(0)}\n${good(1).slice(0, 40)}`);
    const r = await tcon(invite('--dry-run'), { cwd: box.dir });
    expect(r.code).toBe(0);
    const run = await tcon(invite(), { cwd: box.dir });
    expect(run.stderr).toMatch(/warning: the send log .* ended in a torn line .*cut off/);
    expect(run.code, run.stdout).toBe(0);
  });

  it('a send log that is a directory: exit 2 naming it', async () => {
    await mkdir(join(box.dir, 'logdir'));
    const r = await tcon(invite('--log', join(box.dir, 'logdir')), { cwd: box.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tcon: the send log ${join(box.dir, 'logdir')} is not a regular file (a directory): give --log a file path\n`);
  });
});

describe('the send-log lock', () => {
  it('held by a pid now used by another program (started after the lock): taken over with a warning; held by a live run: says how to clear it', async () => {
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 100));
      const lock = join(box.config, '.tcon', 'sent.jsonl.lock');
      await mkdir(join(box.config, '.tcon'), { recursive: true });
      await writeFile(lock, JSON.stringify({ pid: other.pid, host: hostname(), since: new Date(Date.now() - 3_600_000).toISOString() }));
      const reused = await tcon(invite('--group', 'wg-x', '--dry-run'), { cwd: box.dir });
      expect(reused.code).toBe(0);
      const run = await tcon(invite('--group', 'wg-x'), { cwd: box.dir });
      expect(run.stderr).toMatch(new RegExp(`named pid ${other.pid}, now another program .*lock taken over`));
      expect(run.code).toBe(0);

      await writeFile(lock, JSON.stringify({ pid: other.pid, host: hostname(), since: new Date(Date.now() + 60_000).toISOString() }));
      const held = await tcon(invite('--group', 'wg-x'), { cwd: box.dir });
      expect(held.code).toBe(1);
      expect(held.stderr).toContain(
        `If no tcon run is going on (it ended on another machine, or pid ${other.pid} now belongs to another program), remove ${lock} and run again`,
      );
    } finally {
      other.kill();
    }
  });
});
