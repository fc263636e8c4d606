import { closeSync, fdatasyncSync, fsyncSync, openSync, readFileSync, unlinkSync, writeSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { EntryIndex, type SentEntry, type SentIndex } from '../itip/sent.js';
import type { SendKey } from '../mail/types.js';

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

/** A send-log entry (the record iTIP planning reads through the SentIndex port). */
export type SendLogEntry = SentEntry;
export type { SentIndex };
export { EntryIndex };

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
