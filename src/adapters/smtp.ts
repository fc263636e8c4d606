import nodemailer from 'nodemailer';
import { isIP } from 'node:net';
import type { MailMessage } from '../mail/types.js';
import { mailOptions, SendFailure, type FailureKind, type MailTransport } from './mail-transport.js';

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
  /** Socket timeouts in ms (short in tests). */
  timeoutMs?: number;
}

export class SmtpConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmtpConfigError';
  }
}

/** 127.0.0.0/8, ::1 and localhost: the only hosts tcon talks to without TLS unless --insecure. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
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
const FATAL_CODES = new Set(['EAUTH', 'ETLS', 'EREQUIRETLS', 'ENOAUTH', 'EENVELOPE_FATAL', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED']);

interface NodemailerError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** Sorts a nodemailer error into transient, permanent or fatal (see FailureKind). */
export function classify(e: NodemailerError): FailureKind {
  const code = e.code ?? '';
  if (code === 'EAUTH') return 'fatal';
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 400 && e.responseCode < 500) return 'transient';
    if (e.responseCode >= 500) return 'permanent';
  }
  if (FATAL_CODES.has(code) || /certificate|self[- ]signed|STARTTLS/i.test(e.message)) return 'fatal';
  if (TRANSIENT_CODES.has(code) || TRANSIENT_CODES.has((e as { errno?: string }).errno ?? '')) return 'transient';
  return 'transient';
}

/**
 * A pooled SMTP transport. One connection is reused for the whole batch; messages are handed
 * over one at a time (the send log is written between them), so a crash leaves at most one
 * message in flight. STARTTLS (or TLS) is required unless the host is loopback or --insecure.
 */
/** The nodemailer options: TLS policy, pool, timeouts, auth. */
export function transportOptions(s: SmtpSettings) {
  const { secure, host, port } = parseSmtpUrl(s.url);
  const loopback = isLoopback(host);
  const timeout = s.timeoutMs ?? 30_000;
  return {
    pool: true,
    maxConnections: 1,
    maxMessages: Infinity,
    // Retries are ours (with backoff and the send log); a silent requeue could not be logged.
    maxRequeues: 0,
    host,
    port,
    secure,
    requireTLS: !secure && !loopback && !s.insecure,
    ignoreTLS: false,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(s.user !== undefined ? { auth: { user: s.user, pass: s.password ?? '' }, authMethod: 'PLAIN' } : {}),
    tls: {
      servername: isIP(host) ? undefined : host,
      rejectUnauthorized: !s.insecure,
      ...(s.ca ? { ca: s.ca } : {}),
    },
    logger: false,
    debug: false,
  };
}

export function createSmtpTransport(s: SmtpSettings): MailTransport {
  const { secure, host, port } = parseSmtpUrl(s.url);
  if (s.password !== undefined && s.user === undefined) throw new SmtpConfigError('a password is set but no SMTP user (--user or mail.user)');
  const transport = nodemailer.createTransport(transportOptions(s));
  const name = `${secure ? 'smtps' : 'smtp'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    name,
    async send(message: MailMessage) {
      try {
        const info = await transport.sendMail(mailOptions(message, new Date()));
        if (info.rejected?.length) throw Object.assign(new Error(`recipient rejected: ${String(info.response ?? '')}`), { responseCode: 550 });
        return { response: redact(String(info.response ?? ''), s.password) };
      } catch (e) {
        const err = e as NodemailerError;
        const reply = err.response ? redact(err.response, s.password) : undefined;
        throw new SendFailure(redact(err.message, s.password), classify(err), reply);
      }
    },
    async close() {
      transport.close();
    },
  };
}
