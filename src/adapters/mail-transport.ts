import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailMessage } from '../mail/types.js';

/** What the delivery loop needs of a transport: send one message, or fail with a classified error. */
export interface MailTransport {
  /** "smtp://host:587" or "outbox ./outbox", for the summary. */
  readonly name: string;
  send(message: MailMessage): Promise<{ response: string }>;
  close(): Promise<void>;
}

/**
 * How a failure is handled: `transient` (4xx, dropped connection, timeout before the end of the
 * data) is retried with backoff; `permanent` (5xx) is recorded for that recipient and the batch
 * goes on; `fatal` (authentication, TLS, no such host) stops the batch, since every message would
 * fail alike; `unknown` (no reply to the end of data in time: the server may have accepted it) is
 * recorded as possibly delivered and not resent unless asked (--resend-unknown).
 */
export type FailureKind = 'transient' | 'permanent' | 'fatal' | 'unknown';

export class SendFailure extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind,
    /** The server's reply, when there was one ("550 5.1.1 no such user"). */
    readonly reply: string | undefined,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}

/**
 * The nodemailer message for a MailMessage. The calendar part goes in `icalEvent`: nodemailer
 * then writes multipart/mixed [ multipart/alternative [ text/plain, text/html,
 * text/calendar; method=X ], application/ics attachment ], the shape Outlook and Gmail expect
 * for iMIP (RFC 6047; Outlook looks for iMIP only in the first child of multipart/mixed). Names and subjects were made header-safe by src/mail; nodemailer encodes
 * non-ASCII ones as RFC 2047 encoded words.
 */
export function mailOptions(m: MailMessage, date: Date) {
  return {
    from: { name: m.from.name, address: m.from.email },
    to: [{ name: m.to.name, address: m.to.email }],
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: m.messageId,
    date,
    headers: { 'Auto-Submitted': 'auto-generated' },
    // Boundaries from a hash of the message, not random: the same message is the same bytes,
    // whether it goes to the outbox or over SMTP, now or on a rerun. Hashed over the content too,
    // so that no text from the config can contain the boundary (it would have to hold its own hash).
    baseBoundary: createHash('sha256')
      .update(JSON.stringify([m.messageId, m.subject, m.text, m.html, m.calendar?.ics ?? '']))
      .digest('hex')
      .slice(0, 24),
    // base64, not the quoted-printable nodemailer picks for non-ASCII text: QP line breaks decode
    // to the reader's newline (Python's email package gives LF), losing the CRLF RFC 5545 3.1
    // requires; base64 carries the object byte for byte, as Outlook itself sends it.
    ...(m.calendar
      ? { icalEvent: { method: m.calendar.method, content: m.calendar.ics, filename: 'invite.ics', contentTransferEncoding: 'base64' as const } }
      : {}),
  };
}

/**
 * The message as RFC 5322 bytes, the same for the outbox and SMTP. nodemailer leaves the line
 * breaks of text bodies as they are (bare LF); an SMTP client turns them into CRLF on the wire,
 * so a file written as composed would differ from what the server got. Every line ends in CRLF
 * here (RFC 5322 2.1), and the message ends with one (the server's copy does).
 */
export async function composeRaw(m: MailMessage, date: Date): Promise<Buffer> {
  const node = new MailComposer(mailOptions(m, date)).compile();
  const built = await node.build();
  // latin1 maps bytes 1:1; in UTF-8 no byte of a multi-byte character is CR or LF.
  let text = built.toString('latin1').replace(/\r?\n|\r/g, '\r\n');
  if (!text.endsWith('\r\n')) text += '\r\n';
  return Buffer.from(text, 'latin1');
}
