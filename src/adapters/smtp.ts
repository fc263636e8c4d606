import { TconError } from '../errors.js';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { MailMessage } from '../mail/types.js';
import { END_OF_DATA_TIMEOUT_MS, STEP_TIMEOUT_MS } from './delivery-defaults.js';
import { composeRaw, SendFailure, type FailureKind, type MailTransport } from './mail-transport.js';

/*
 * SMTP delivery, one connection for the whole batch, one message at a time (the send log is
 * written between messages, so a crash leaves at most one message in flight).
 *
 * Traps, and how they are avoided here:
 * - A timeout after the final "." is not a failure: the server may have queued the message and
 *   not answered yet. Resending gives the recipient a copy per retry. RFC 5321 4.5.3.2.6 gives
 *   the reply to the end of data 10 minutes; a timeout there is reported as `unknown`, which the
 *   delivery loop records and does not resend. Every other step (connect, greeting, STARTTLS,
 *   AUTH, MAIL, RCPT, DATA, sending the body) has the short --timeout, and failing there is safe
 *   to retry: the server cannot have accepted a message whose end it never received.
 * - "Loopback" is a property of the address connected to, not of the name: `x.localhost` can
 *   resolve anywhere. The name is resolved once, the policy decided on the addresses, and the
 *   connection made to those very addresses (a second lookup could answer otherwise).
 * - nodemailer reports a refused STARTTLS (454, 502) with the reply's code: sorted by code it
 *   would look like a transient or a per-recipient failure. It is a TLS failure: it stops the batch.
 * - The bytes sent are those of composeRaw, the outbox's bytes: what a test reads from the outbox
 *   is what the server gets.
 */

export interface SmtpSettings {
  /** smtp://host[:port] (STARTTLS, default port 587) or smtps://host[:port] (TLS, default 465). */
  url: string;
  user: string | undefined;
  /** From TCON_SMTP_PASSWORD or --password-file; never from config, never printed. */
  password: string | undefined;
  /** Allow a non-loopback server without TLS (and skip certificate checks). */
  insecure: boolean;
  /** PEM text of a CA to trust (a self-signed server certificate). */
  ca: string | undefined;
  /** Timeout of every step but the reply to the end of data, in ms (default 30 s). */
  timeoutMs?: number | undefined;
  /** How long the reply to the end of data may take, in ms (default RFC 5321's 10 minutes). */
  dataTimeoutMs?: number | undefined;
  /** The Date header (default: now when composed). */
  clock?: (() => Date) | undefined;
  /** Name resolution (tests). */
  lookup?: ((host: string) => Promise<{ address: string }[]>) | undefined;
}

export { END_OF_DATA_TIMEOUT_MS, STEP_TIMEOUT_MS } from './delivery-defaults.js';
/** The longest delay a Node timer holds (2^31-1 ms); above it setTimeout fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export class SmtpConfigError extends TconError {
  constructor(message: string) {
    super(message, 'smtp.config');
    this.name = 'SmtpConfigError';
  }
}

/** Whether an IP address is loopback: 127.0.0.0/8, ::1, or ::ffff:127.x.y.z. Names are not addresses: see resolveServer. */
export function isLoopbackAddress(address: string): boolean {
  const h = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

export interface ParsedSmtpUrl {
  secure: boolean;
  host: string;
  port: number;
}

export function parseSmtpUrl(url: string): ParsedSmtpUrl {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SmtpConfigError(`--smtp ${url}: expected smtp://host:587 or smtps://host:465`);
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new SmtpConfigError(`--smtp ${redactUrl(url)}: the scheme must be smtp: or smtps:`);
  // A password in the URL would end up in shell history and process lists: refuse it.
  if (u.password) throw new SmtpConfigError('--smtp: no password in the URL; use TCON_SMTP_PASSWORD or --password-file');
  if (u.username) throw new SmtpConfigError('--smtp: give the user with --user (or mail.user), not in the URL');
  if (!u.hostname) throw new SmtpConfigError(`--smtp ${url}: no host name`);
  const secure = u.protocol === 'smtps:';
  return { secure, host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : secure ? 465 : 587 };
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** Replaces every occurrence of the secret in a text (error messages, server replies). */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let out = text.split(secret).join('***');
  // AUTH PLAIN sends base64("\0user\0password"); a server echoing it must not leak it either.
  const b64 = Buffer.from(secret).toString('base64').replace(/=+$/, '');
  if (b64.length >= 4) out = out.split(b64).join('***');
  return out;
}

const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'EPROTOCOL', 'EDNS', 'EAI_AGAIN']);
const FATAL_CODES = new Set([
  'EAUTH',
  'ETLS',
  'EREQUIRETLS',
  'ENOAUTH',
  'EENVELOPE_FATAL',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'ENOTFOUND',
]);

interface NodemailerError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/** Sorts a nodemailer error into transient, permanent or fatal (see FailureKind). */
export function classify(e: NodemailerError): FailureKind {
  const code = e.code ?? '';
  // TLS and authentication first: a refused STARTTLS carries the reply's code (454, 502), yet
  // every message would meet the same refusal.
  if (FATAL_CODES.has(code) || e.command === 'STARTTLS') return 'fatal';
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 400 && e.responseCode < 500) return 'transient';
    if (e.responseCode >= 500) return 'permanent';
  }
  if (/certificate|self[- ]signed|STARTTLS/i.test(e.message)) return 'fatal';
  if (TRANSIENT_CODES.has(code) || TRANSIENT_CODES.has((e as { errno?: string }).errno ?? '')) return 'transient';
  return 'transient';
}

/** Where and how to connect: decided on the resolved addresses (see the header). */
export interface ConnectionPlan {
  secure: boolean;
  port: number;
  /** The addresses to try, in order (the name's, resolved once). */
  addresses: string[];
  /** Every address is loopback. */
  loopback: boolean;
  /** STARTTLS required (not smtps:, not loopback, not --insecure). */
  requireTLS: boolean;
  /** The name certificates are checked against (undefined for an IP literal). */
  servername: string | undefined;
}

async function systemLookup(host: string): Promise<{ address: string }[]> {
  return dnsLookup(host, { all: true, verbatim: true });
}

/** Resolves the server's name once and decides the TLS policy on the addresses found. */
export async function connectionPlan(s: SmtpSettings): Promise<ConnectionPlan> {
  const { secure, host, port } = parseSmtpUrl(s.url);
  const literal = isIP(host) !== 0;
  const addresses = literal ? [host] : [...new Set((await (s.lookup ?? systemLookup)(host)).map((a) => a.address))];
  if (!addresses.length) throw Object.assign(new Error(`${host}: the name has no address`), { code: 'ENOTFOUND' });
  const loopback = addresses.every(isLoopbackAddress);
  return { secure, port, addresses, loopback, requireTLS: !secure && !loopback && !s.insecure, servername: literal ? undefined : host };
}

/** The options of one SMTPConnection to `address`. */
export function connectionOptions(s: SmtpSettings, plan: ConnectionPlan, address: string) {
  const timeout = Math.min(s.timeoutMs ?? STEP_TIMEOUT_MS, MAX_TIMER_MS);
  const data = Math.min(s.dataTimeoutMs ?? END_OF_DATA_TIMEOUT_MS, MAX_TIMER_MS);
  return {
    host: address,
    port: plan.port,
    secure: plan.secure,
    requireTLS: plan.requireTLS,
    ignoreTLS: false,
    opportunisticTLS: false,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    // Our own timers bound every step (see step()); the socket's idle timeout is only a backstop.
    socketTimeout: Math.min(Math.max(timeout, data) + 5_000, MAX_TIMER_MS),
    servername: plan.servername,
    tls: {
      ...(plan.servername ? { servername: plan.servername } : {}),
      rejectUnauthorized: !s.insecure,
      ...(s.ca ? { ca: s.ca } : {}),
    },
    logger: false,
    debug: false,
  };
}

class StepTimeout extends Error {
  constructor(
    readonly what: string,
    ms: number,
  ) {
    super(`no reply to ${what} within ${formatMs(ms)}`);
    this.name = 'StepTimeout';
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * Runs one step of a connection with a deadline: settles with the step's callback, with an error
 * the connection emits or a close, or with StepTimeout (the connection is then closed).
 */
function step<T>(conn: SMTPConnection, run: (done: (err: Error | null | undefined, value?: T) => void) => void, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | null | undefined, value?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      conn.removeListener('error', onError);
      conn.removeListener('end', onEnd);
      if (err) reject(err);
      else resolve(value as T);
    };
    const onError = (e: Error) => finish(e);
    const onEnd = () => finish(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' }));
    const timer = setTimeout(() => {
      finish(new StepTimeout(what, ms));
      conn.close();
    }, ms);
    conn.on('error', onError);
    conn.once('end', onEnd);
    run(finish);
  });
}

export function createSmtpTransport(s: SmtpSettings): MailTransport {
  const { secure, host, port } = parseSmtpUrl(s.url);
  if (s.password !== undefined && s.user === undefined) throw new SmtpConfigError('a password is set but no SMTP user (--user or mail.user)');
  const timeout = Math.min(s.timeoutMs ?? STEP_TIMEOUT_MS, MAX_TIMER_MS);
  const dataTimeout = Math.min(s.dataTimeoutMs ?? END_OF_DATA_TIMEOUT_MS, MAX_TIMER_MS);
  const name = `${secure ? 'smtps' : 'smtp'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const clock = s.clock ?? (() => new Date());
  let plan: ConnectionPlan | undefined;
  let conn: SMTPConnection | undefined;

  const fail = (e: unknown, kind?: FailureKind): SendFailure => {
    if (e instanceof SendFailure) return e;
    const err = e as NodemailerError;
    const reply = err.response ? redact(err.response, s.password) : undefined;
    return new SendFailure(redact(err.message, s.password), kind ?? classify(err), reply);
  };

  const drop = () => {
    const c = conn;
    conn = undefined;
    c?.close();
  };

  async function open(): Promise<SMTPConnection> {
    if (conn && !(conn as unknown as { _destroyed?: boolean })._destroyed) return conn;
    conn = undefined;
    try {
      plan ??= await connectionPlan(s);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw fail(Object.assign(new Error(`cannot resolve ${host}: ${(e as Error).message}`), { code }), code === 'EAI_AGAIN' ? 'transient' : 'fatal');
    }
    let last: unknown;
    // Each address of the name in turn (localhost may be ::1 and 127.0.0.1), the same ones the policy was decided on.
    for (const address of plan.addresses) {
      const c = new SMTPConnection(connectionOptions(s, plan, address));
      c.on('error', () => undefined); // reported through step(); an unlistened 'error' would crash
      c.once('end', () => {
        if (conn === c) conn = undefined;
      });
      try {
        await step<void>(c, (done) => c.connect(() => done(null)), timeout * 2, 'the connection and greeting');
      } catch (e) {
        c.close();
        last = e;
        const code = (e as NodemailerError).code;
        if (code === 'ECONNREFUSED' || code === 'ECONNECTION' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || e instanceof StepTimeout) continue;
        throw fail(e);
      }
      if (s.user !== undefined) {
        try {
          await step<void>(c, (done) => c.login({ user: s.user, pass: s.password ?? '', method: 'PLAIN' }, (err) => done(err)), timeout, 'AUTH');
        } catch (e) {
          c.close();
          throw fail(e, e instanceof StepTimeout ? 'transient' : undefined);
        }
      }
      conn = c;
      return c;
    }
    throw fail(last instanceof StepTimeout ? Object.assign(new Error(last.message), { code: 'ETIMEDOUT' }) : last);
  }

  return {
    name,
    async send(message: MailMessage) {
      const raw = await composeRaw(message, clock());
      const c = await open();
      // The body is handed over as a stream we end ourselves: once it has ended, the final "."
      // is on its way, and only the 10-minute end-of-data deadline applies.
      let sentBody = false;
      const body = new Readable({
        read() {
          this.push(raw);
          this.push(null);
        },
      });
      body.once('end', () => (sentBody = true));
      try {
        const info = await new Promise<{ response?: string; rejected?: unknown[] }>((resolve, reject) => {
          let settled = false;
          const settle = (err: Error | null, value?: { response?: string; rejected?: unknown[] }) => {
            if (settled) return;
            settled = true;
            clearTimeout(shortTimer);
            clearTimeout(dataTimer);
            c.removeListener('error', onError);
            c.removeListener('end', onEnd);
            if (err) reject(err);
            else resolve(value!);
          };
          const onError = (e: Error) => settle(e);
          const onEnd = () => settle(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' }));
          let dataTimer: NodeJS.Timeout | undefined;
          const shortTimer = setTimeout(() => {
            if (sentBody) return;
            settle(Object.assign(new StepTimeout('the envelope or the message data', timeout), { code: 'ETIMEDOUT' }));
            drop();
          }, timeout);
          body.once('end', () => {
            clearTimeout(shortTimer);
            dataTimer = setTimeout(() => {
              settle(
                new SendFailure(
                  `no reply to the end of the message data within ${formatMs(dataTimeout)}: the server may have accepted it`,
                  'unknown',
                  undefined,
                ),
              );
              drop();
            }, dataTimeout);
          });
          c.on('error', onError);
          c.once('end', onEnd);
          c.send({ from: message.from.email, to: [message.to.email] }, body, (err, info) => settle(err, info as { response?: string }));
        });
        if (info.rejected?.length) throw Object.assign(new Error(`recipient rejected: ${String(info.response ?? '')}`), { responseCode: 550 });
        return { response: redact(String(info.response ?? ''), s.password) };
      } catch (e) {
        // A failed transaction may leave the session in any state: start the next on a new one.
        drop();
        throw fail(e);
      }
    },
    async close() {
      const c = conn;
      conn = undefined;
      if (c) c.quit();
    },
  };
}
