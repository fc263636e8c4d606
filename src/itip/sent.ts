/*
 * What each member was sent: the port through which iTIP planning reads the send log. The log
 * itself (a file of JSON lines, appended and synced per message) is an adapter
 * (adapters/sendlog.ts); this module only says what a planner may ask of it, and keeps an
 * in-memory index of entries for the adapter, --dry-run and the library.
 */
import { sendKeyId, type SendKey } from '../mail/types.js';

/** One message the server accepted (or the outbox wrote), as the send log keeps it. */
export interface SentEntry extends SendKey {
  group: string;
  messageId: string;
  /** ISO 8601 UTC time the server accepted it. */
  time: string;
  /** The server's reply ("250 OK: queued as ...") or the outbox file. */
  response: string;
  /** Requests: start (UTC ISO) of each meeting by rule date, as the recipient was told. */
  meetings?: Record<string, string> | undefined;
  /** Requests: the recipient's name and zone then, for a later message when they have left the roster. */
  name?: string | undefined;
  zone?: string | undefined;
  /**
   * Requests of the first format only: how far this recipient's SEQUENCEs ran above the
   * group's. Read for old logs; SEQUENCEs are now the event's own (see itip/invite.ts).
   */
  offset?: number | undefined;
  /** No reply to the end of data in time: the server may have it. Not resent unless asked. */
  unknown?: boolean | undefined;
}

/** What the planner records with a message beyond its key (the meetings a request told, to whom). */
export type SentRecord = Pick<SentEntry, 'meetings' | 'name' | 'zone'>;

/** What a batch planner may ask of the send log (the port; adapters/sendlog.ts implements it). */
export interface SentIndex {
  has(key: SendKey): boolean;
  /** The highest SEQUENCE of `kind` sent to `recipient` for `uid`, or undefined. */
  lastSequence(recipient: string, uid: string, kind: string): number | undefined;
  /** The first entry of `kind` sent to `recipient` for `uid` (e.g. the invitation). */
  first(recipient: string, uid: string, kind: string): SentEntry | undefined;
  /** The entry of `kind` with the highest SEQUENCE sent to `recipient` for `uid` (the latest of equals). */
  last(recipient: string, uid: string, kind: string): SentEntry | undefined;
  /** Rule dates of every meeting of `uid` that any request to `recipient` listed. */
  told(recipient: string, uid: string): ReadonlySet<string>;
  /** Every recipient (lower case) sent a message of `kind` for `uid`. */
  recipients(uid: string, kind: string): ReadonlySet<string>;
  /** The highest SEQUENCE of `kind` sent to `recipient` for the whole of `uid` (no RECURRENCE-ID), or undefined. */
  lastWholeSequence(recipient: string, uid: string, kind: string): number | undefined;
}

/** An in-memory index of sent entries (the log's, or none for a first run). */
export class EntryIndex implements SentIndex {
  private readonly keys = new Set<string>();
  private readonly latest = new Map<string, number>();
  private readonly firsts = new Map<string, SentEntry>();
  private readonly lasts = new Map<string, SentEntry>();
  private readonly dates = new Map<string, Set<string>>();
  private readonly byUid = new Map<string, Set<string>>();
  private readonly wholes = new Map<string, number>();
  private readonly sure = new Set<string>();

  constructor(entries: readonly SentEntry[] = []) {
    for (const e of entries) this.add(e);
  }

  add(e: SentEntry): void {
    this.keys.add(sendKeyId(e));
    if (!e.unknown) this.sure.add(sendKeyId(e));
    const k = JSON.stringify([e.recipient.toLowerCase(), e.uid, e.kind]);
    // First-format logs recorded a member's requests with an offset above the group's SEQUENCE.
    this.latest.set(k, Math.max(this.latest.get(k) ?? -1, e.sequence));
    if (!this.firsts.has(k)) this.firsts.set(k, e);
    const prev = this.lasts.get(k);
    if (!prev || e.sequence >= prev.sequence) this.lasts.set(k, e);
    const u = JSON.stringify([e.uid, e.kind]);
    let who = this.byUid.get(u);
    if (!who) this.byUid.set(u, (who = new Set()));
    who.add(e.recipient.toLowerCase());
    if (e.recurrenceId === null) this.wholes.set(k, Math.max(this.wholes.get(k) ?? -1, e.sequence));
    if (e.meetings) {
      const d = JSON.stringify([e.recipient.toLowerCase(), e.uid]);
      let set = this.dates.get(d);
      if (!set) this.dates.set(d, (set = new Set()));
      for (const date of Object.keys(e.meetings)) set.add(date);
    }
  }

  told(recipient: string, uid: string): ReadonlySet<string> {
    return this.dates.get(JSON.stringify([recipient.toLowerCase(), uid])) ?? new Set();
  }

  has(key: SendKey): boolean {
    return this.keys.has(sendKeyId(key));
  }

  /** Sent and answered: not only recorded as of unknown fate (see SentEntry.unknown). */
  confirmed(key: SendKey): boolean {
    return this.sure.has(sendKeyId(key));
  }

  recipients(uid: string, kind: string): ReadonlySet<string> {
    return this.byUid.get(JSON.stringify([uid, kind])) ?? new Set();
  }

  lastWholeSequence(recipient: string, uid: string, kind: string): number | undefined {
    return this.wholes.get(JSON.stringify([recipient.toLowerCase(), uid, kind]));
  }

  lastSequence(recipient: string, uid: string, kind: string): number | undefined {
    return this.latest.get(JSON.stringify([recipient.toLowerCase(), uid, kind]));
  }

  first(recipient: string, uid: string, kind: string): SentEntry | undefined {
    return this.firsts.get(JSON.stringify([recipient.toLowerCase(), uid, kind]));
  }

  last(recipient: string, uid: string, kind: string): SentEntry | undefined {
    return this.lasts.get(JSON.stringify([recipient.toLowerCase(), uid, kind]));
  }
}

/** The highest SEQUENCE of any request or CANCEL `recipient` was sent for `uid` (what their copy can hold), or -1. */
export function heldSequence(sent: SentIndex, recipient: string, uid: string): number {
  return Math.max(sent.lastSequence(recipient, uid, 'request') ?? -1, sent.lastSequence(recipient, uid, 'cancel') ?? -1);
}
