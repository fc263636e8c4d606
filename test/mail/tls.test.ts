import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { mailSandbox, parse, type MailSandbox } from '../helpers/mail-config.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

// One server for this file: STARTTLS with a certificate made here, AUTH PLAIN required.
const PASSWORD = 'correct horse battery staple';
let smtp: TestSmtp;
let certDir: string;
let caFile: string;
let box: MailSandbox;
const auths: { method: string; user: string | undefined; secure: boolean }[] = [];

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: 'tcon test CA' }], {
    keySize: 2048,
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  certDir = await mkdtemp(join(tmpdir(), 'tcon-tls-'));
  caFile = join(certDir, 'ca.pem');
  await writeFile(caFile, pems.cert);
  smtp = await startSmtp({
    disabledCommands: [],
    key: pems.private,
    cert: pems.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: false,
    onAuth(auth, session, callback) {
      auths.push({ method: auth.method, user: auth.username, secure: session.secure });
      if (auth.username === 'sec@example.org' && auth.password === PASSWORD) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('5.7.8 authentication failed'), { responseCode: 535 }));
    },
  });
});
afterAll(async () => {
  await smtp.close();
  await rm(certDir, { recursive: true, force: true });
});
beforeEach(async () => {
  smtp.received.length = 0;
  auths.length = 0;
  box = await mailSandbox();
});
afterEach(async () => box.cleanup());

const base = () => [
  'invite',
  '--config',
  box.config,
  '--year',
  '2027',
  '--now',
  '2026-12-01T00:00Z',
  '--smtp',
  `smtp://localhost:${smtp.port}`,
  '--user',
  'sec@example.org',
  '--retries',
  '1',
  '--timeout',
  '3000',
];

describe('STARTTLS and AUTH PLAIN', () => {
  it('upgrades with STARTTLS, trusts the self-signed certificate given with --ca, authenticates with AUTH PLAIN', async () => {
    const run = await tcon([...base(), '--ca', caFile], { cwd: box.dir, env: { TCON_SMTP_PASSWORD: PASSWORD } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(smtp.received).toHaveLength(3);
    expect(smtp.received.every((r) => r.secure && r.user === 'sec@example.org')).toBe(true);
    expect(auths[0]).toEqual({ method: 'PLAIN', user: 'sec@example.org', secure: true });
    const mail = await parse(smtp.received[0]!.raw);
    expect(mail.subject).toMatch(/^Invitation: /);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  });

  it('reads the password from --password-file', async () => {
    const file = join(box.dir, 'pw');
    await writeFile(file, `${PASSWORD}\n`);
    const run = await tcon([...base(), '--ca', caFile, '--password-file', file], { cwd: box.dir });
    expect(run.code).toBe(0);
    expect(smtp.received).toHaveLength(3);
  });

  it('without --ca the self-signed certificate is refused: the batch stops, nothing is sent or logged', async () => {
    const run = await tcon(base(), { cwd: box.dir, env: { TCON_SMTP_PASSWORD: PASSWORD } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/failed 1, not attempted 2/);
    expect(run.stdout).toMatch(/stopped: .*(certificate|self[- ]signed)/i);
    expect(smtp.received).toHaveLength(0);
  });

  it('a wrong password stops the batch at once and is never printed', async () => {
    const wrong = 'hunter2-wrong-password';
    const run = await tcon([...base(), '--ca', caFile], { cwd: box.dir, env: { TCON_SMTP_PASSWORD: wrong } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/535/);
    expect(run.stdout).toContain('not attempted 2');
    expect(run.stdout + run.stderr).not.toContain(wrong);
    expect(smtp.received).toHaveLength(0);
  });

  it('a user without a password is a usage error; a password in the URL is refused', async () => {
    const run = await tcon([...base(), '--ca', caFile], { cwd: box.dir, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SMTP user sec@example.org but no password: set TCON_SMTP_PASSWORD or use --password-file');
    // A dry run sends nothing and needs no password.
    const dry = await tcon([...base(), '--ca', caFile, '--dry-run'], { cwd: box.dir, env: {} });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^would send invitation to aiko@example\.org: 6 meetings, Tue 19 Jan 2027 to Tue 15 Jun 2027$/m);
    expect(dry.stdout).toMatch(/dry run \(smtp:\/\/localhost:\d+\): 3 to send, 0 already sent/);
    expect(smtp.received).toHaveLength(0);
    const url = await tcon(['invite', '--config', box.config, '--smtp', `smtp://u:${PASSWORD}@localhost:${smtp.port}`], { cwd: box.dir });
    expect(url.code).toBe(2);
    expect(url.stderr).toContain('no password in the URL');
    expect(url.stderr).not.toContain(PASSWORD);
  });

  it.each([
    ['smtp://mail.example.org:587', false, { requireTLS: true, secure: false, rejectUnauthorized: true }],
    ['smtp://mail.example.org:587', true, { requireTLS: false, secure: false, rejectUnauthorized: false }],
    ['smtps://mail.example.org', false, { requireTLS: false, secure: true, rejectUnauthorized: true, port: 465 }],
    ['smtp://127.0.0.1:2525', false, { requireTLS: false, secure: false, rejectUnauthorized: true }],
    ['smtp://[::1]:2525', false, { requireTLS: false, secure: false, rejectUnauthorized: true }],
  ])('TLS policy of %s (insecure %s): STARTTLS required unless loopback or --insecure', async (url, insecure, want) => {
    const { connectionOptions, connectionPlan } = await import('../../src/adapters/smtp.js');
    // mail.example.org stands for a name that resolves to a public address (TEST-NET, RFC 5737).
    const s = { url, user: undefined, password: undefined, insecure, ca: undefined, lookup: async () => [{ address: '192.0.2.25' }] };
    const plan = await connectionPlan(s);
    const o = connectionOptions(s, plan, plan.addresses[0]!);
    expect({ requireTLS: o.requireTLS, secure: o.secure, rejectUnauthorized: o.tls.rejectUnauthorized, ...('port' in want ? { port: o.port } : {}) }).toEqual(
      want,
    );
  });
});
