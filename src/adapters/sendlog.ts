import { closeSync, fdatasyncSync, fsyncSync, openSync, readFileSync, unlinkSync, writeSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { sendKeyId, type SendKey } from '../mail/types.js';

/**
 * The send log: one JSON line per message the server accepted (or the outbox wrote), appended
 * and fsynced before the next message goes out. Whatever is in it is never sent again; whatever
 * is not is sent by the next run. A crash can lose at most the line of the message in flight,
 * so that one message may go out twice; it carries the same UID, SEQUENCE and Message-ID, and
 * calendars show it once.
 *
 * A lock file next to the log (created with O_EXCL, holding the pid) keeps two runs from
 * interleaving; a lock whose process is gone (same host) is stale and taken over.
 */

export interface SendLogEntry extends SendKey {
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
   * Requests: how far this recipient's SEQUENCEs for the UID run above the group's (absent: 0).
   * Someone who left the roster had their copy cancelled above the group's SEQUENCE; if they come
   * back, everything sent to them stays above that CANCEL.
   */
  offset?: number | undefined;
}

/** What a batch planner may ask of the log (also served read-only for --dry-run). */
export interface SentIndex {
  has(key: SendKey): boolean;
  /** The highest SEQUENCE of `kind` sent to `recipient` for `uid`, or undefined. */
  lastSequence(recipient: string, uid: string, kind: string): number | undefined;
  /** The first entry of `kind` sent to `recipient` for `uid` (e.g. the invitation). */
  first(recipient: string, uid: string, kind: string): SendLogEntry | undefined;
  /** The entry of `kind` with the highest SEQUENCE sent to `recipient` for `uid` (the latest of equals). */
  last(recipient: string, uid: string, kind: string): SendLogEntry | undefined;
  /** Rule dates of every meeting of `uid` that any request to `recipient` listed. */
  told(recipient: string, uid: string): ReadonlySet<string>;
  /** Every recipient (lower case) sent a message of `kind` for `uid`. */
  recipients(uid: string, kind: string): ReadonlySet<string>;
  /** The highest SEQUENCE of `kind` sent to `recipient` for the whole of `uid` (no RECURRENCE-ID), or undefined. */
  lastWholeSequence(recipient: string, uid: string, kind: string): number | undefined;
}

/** An in-memory index of log entries. */
export class EntryIndex implements SentIndex {
  private readonly keys = new Set<string>();
  private readonly latest = new Map<string, number>();
  private readonly firsts = new Map<string, SendLogEntry>();
  private readonly lasts = new Map<string, SendLogEntry>();
  private readonly dates = new Map<string, Set<string>>();
  private readonly byUid = new Map<string, Set<string>>();
  private readonly wholes = new Map<string, number>();

  constructor(entries: readonly SendLogEntry[] = []) {
    for (const e of entries) this.add(e);
  }

  add(e: SendLogEntry): void {
    this.keys.add(sendKeyId(e));
    const k = JSON.stringify([e.recipient.toLowerCase(), e.uid, e.kind]);
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

  recipients(uid: string, kind: string): ReadonlySet<string> {
    return this.byUid.get(JSON.stringify([uid, kind])) ?? new Set();
  }

  lastWholeSequence(recipient: string, uid: string, kind: string): number | undefined {
    return this.wholes.get(JSON.stringify([recipient.toLowerCase(), uid, kind]));
  }

  lastSequence(recipient: string, uid: string, kind: string): number | undefined {
    return this.latest.get(JSON.stringify([recipient.toLowerCase(), uid, kind]));
  }

  first(recipient: string, uid: string, kind: string): SendLogEntry | undefined {
    return this.firsts.get(JSON.stringify([recipient.toLowerCase(), uid, kind]));
  }

  last(recipient: string, uid: string, kind: string): SendLogEntry | undefined {
    return this.lasts.get(JSON.stringify([recipient.toLowerCase(), uid, kind]));
  }
}

export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockError';
  }
}

interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function acquireLock(lockPath: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
      writeSync(fd, `${JSON.stringify(info)}\n`);
      fsyncSync(fd);
      closeSync(fd);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let info: LockInfo | undefined;
      try {
        info = JSON.parse(readFileSync(lockPath, 'utf8')) as LockInfo;
      } catch {
        info = undefined; // torn write of a crashed run: stale
      }
      const stale = !info || (info.host === hostname() && !alive(info.pid));
      if (!stale) {
        throw new LockError(
          `another tcon run (pid ${info!.pid} on ${info!.host}, since ${info!.since}) is using the send log; lock file ${lockPath}` +
            (info!.host === hostname() ? '' : ' (remove it if that run is over)'),
        );
      }
      try {
        unlinkSync(lockPath);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
  }
  throw new LockError(`could not take the send-log lock ${lockPath}`);
}

export class SendLog implements SentIndex {
  private readonly index: EntryIndex;
  private fd: number | undefined;
  private lockPath: string;

  private constructor(
    readonly path: string,
    entries: SendLogEntry[],
  ) {
    this.lockPath = `${path}.lock`;
    this.index = new EntryIndex(entries);
  }

  /** Opens (creating if needed) the log at `path` and takes its lock. Call close() when done. */
  static open(path: string): SendLog {
    mkdirSync(dirname(path), { recursive: true });
    acquireLock(`${path}.lock`);
    try {
      const log = new SendLog(path, readEntries(path));
      log.fd = openSync(path, 'a', 0o600);
      // A crash in the middle of a write leaves a torn last line: start on a fresh line.
      const text = safeRead(path);
      if (text.length && !text.endsWith('\n')) writeSync(log.fd, '\n');
      return log;
    } catch (e) {
      unlinkSync(`${path}.lock`);
      throw e;
    }
  }

  has(key: SendKey): boolean {
    return this.index.has(key);
  }

  lastSequence(recipient: string, uid: string, kind: string): number | undefined {
    return this.index.lastSequence(recipient, uid, kind);
  }

  first(recipient: string, uid: string, kind: string): SendLogEntry | undefined {
    return this.index.first(recipient, uid, kind);
  }

  last(recipient: string, uid: string, kind: string): SendLogEntry | undefined {
    return this.index.last(recipient, uid, kind);
  }

  told(recipient: string, uid: string): ReadonlySet<string> {
    return this.index.told(recipient, uid);
  }

  recipients(uid: string, kind: string): ReadonlySet<string> {
    return this.index.recipients(uid, kind);
  }

  lastWholeSequence(recipient: string, uid: string, kind: string): number | undefined {
    return this.index.lastWholeSequence(recipient, uid, kind);
  }

  /** Appends and fsyncs one entry: when this returns, the record survives a crash. */
  append(entry: SendLogEntry): void {
    if (this.fd === undefined) throw new Error('send log is closed');
    const e = { ...entry, recipient: entry.recipient.toLowerCase() };
    // One write call per line (O_APPEND): a line is never interleaved with another.
    writeSync(this.fd, `${JSON.stringify(e)}\n`);
    // fdatasync: the appended bytes and the new file size reach the disk (what a reader after a
    // crash needs); timestamps may lag, which saves a second disk write per message.
    fdatasyncSync(this.fd);
    this.index.add(e);
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    try {
      unlinkSync(this.lockPath);
    } catch {
      // already gone: nothing to release
    }
  }
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw e;
  }
}

/** Every complete entry of a log file; a torn (unparseable) line from a crash is ignored. */
export function readEntries(path: string): SendLogEntry[] {
  const out: SendLogEntry[] = [];
  for (const line of safeRead(path).split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as SendLogEntry;
      if (typeof e.recipient === 'string' && typeof e.uid === 'string' && typeof e.kind === 'string') out.push(e);
    } catch {
      // torn line: the message it recorded may be sent once more, which is the documented bound
    }
  }
  return out;
}
