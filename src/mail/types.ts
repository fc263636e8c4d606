/** What identifies a message in the send log: the same key is never sent twice. */
export interface SendKey {
  /** Lowercased email address. */
  recipient: string;
  /** iCalendar UID the message is about (for reminders: the meeting's UID). */
  uid: string;
  /** RECURRENCE-ID of one meeting, or null for a whole series. */
  recurrenceId: string | null;
  sequence: number;
  /** `request` (invitation or update), `cancel`, or `remind-<N>d`. */
  kind: string;
}

/** The canonical text of a key (send-log look-ups, file names, Message-IDs). */
export function sendKeyId(k: SendKey): string {
  return JSON.stringify([k.recipient.toLowerCase(), k.uid, k.recurrenceId, k.sequence, k.kind]);
}

export interface MailAddress {
  name: string;
  email: string;
}

/** An iMIP calendar part: `method` is the Content-Type method and always the ICS's METHOD. */
export interface CalendarPart {
  method: 'REQUEST' | 'CANCEL';
  ics: string;
}

export type TemplateName = 'invite' | 'update' | 'cancel' | 'reminder';

/** One mail, ready for a transport (nodemailer options are derived from it in the adapter). */
export interface MailMessage {
  key: SendKey;
  /** `<...@domain>`, derived from the key: a message re-sent after a crash keeps its Message-ID. */
  messageId: string;
  from: MailAddress;
  to: MailAddress;
  subject: string;
  text: string;
  html: string;
  calendar: CalendarPart | undefined;
  template: TemplateName;
  /** Why it is sent, in words (for --dry-run). */
  reason: string;
}
