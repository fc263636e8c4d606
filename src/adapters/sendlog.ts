import { EXIT, TconError } from '../errors.js';
import {
  closeSync,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  mkdirSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
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

/** A send log that cannot be read or written as one: says what is wrong and how to recover. */
export class SendLogError extends TconError {
  override name = 'SendLogError';
  constructor(message: string) {
    super(message, 'sendlog.damaged');
  }
}

/** The first line of a log tcon creates: an emptied log is then told from a new one. */
const HEADER = { tcon: 'send-log', version: 1 };

/** Another tcon holds the send log: nothing was delivered (exit code 1, try again later). */
export class LockError extends TconError {
  constructor(message: string) {
    super(message, 'sendlog.locked', EXIT.failed);
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

/**
 * When the process `pid` started (ms since the epoch), from Linux's /proc; undefined elsewhere.
 * A pid named by a lock but started after the lock was taken is another program that got the
 * number again: the run that held the lock is gone.
 */
function processStart(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    // USER_HZ is 100 on every Linux build that matters here.
    return Number.isFinite(ticks) && Number.isFinite(btime) ? btime * 1000 + ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

function acquireLock(lockPath: string, warn: (message: string) => void): void {
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
      const here = !!info && info.host === hostname();
      const since = info ? Date.parse(info.since) : NaN;
      const started = here ? processStart(info!.pid) : undefined;
      // Started more than a few seconds after the lock was taken: the pid was given to another program.
      const reused = here && alive(info!.pid) && started !== undefined && Number.isFinite(since) && started > since + 5_000;
      const stale = !info || (here && (!alive(info.pid) || reused));
      if (reused)
        warn(
          `the send-log lock ${lockPath} named pid ${info!.pid}, now another program (started after the lock was taken): the run that held it is gone; lock taken over`,
        );
      if (!stale) {
        throw new LockError(
          `another tcon run (pid ${info!.pid} on ${info!.host}, since ${info!.since}) is using the send log; lock file ${lockPath}. ` +
            `If no tcon run is going on (it ended on another machine, or pid ${info!.pid} now belongs to another program), remove ${lockPath} and run again`,
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
  private size = 0;
  private lockPath: string;

  private constructor(
    readonly path: string,
    entries: SendLogEntry[],
  ) {
    this.lockPath = `${path}.lock`;
    this.index = new EntryIndex(entries);
  }

  /**
   * Opens (creating if needed) the log at `path` and takes its lock. Call close() when done.
   * A torn last line (a crash in the middle of a write) is cut off, with a warning; any other
   * damage is a SendLogError saying how to recover (see readEntries).
   */
  static open(path: string, warn: (message: string) => void = () => undefined): SendLog {
    mkdirSync(dirname(path), { recursive: true });
    const info = statOrUndefined(path);
    if (info && !info.isFile())
      throw new SendLogError(
        `the send log ${path} is not a regular file (${info.isDirectory() ? 'a directory' : 'a device, FIFO or socket'}): give --log a file path`,
      );
    acquireLock(`${path}.lock`, warn);
    try {
      if (!info) {
        // A new log is born with its header (temporary file, then rename): an empty log is then
        // always one that was emptied.
        const tmp = `${path}.${randomBytes(9).toString('hex')}.new`;
        writeFileSync(tmp, `${JSON.stringify(HEADER)}\n`, { mode: 0o600, flag: 'wx' });
        renameSync(tmp, path);
      }
      const { entries, torn } = parseLog(path, safeRead(path));
      const log = new SendLog(path, entries);
      log.fd = openSync(path, 'a', 0o600);
      log.size = fstatSync(log.fd).size;
      if (torn) {
        ftruncateSync(log.fd, torn.at);
        fdatasyncSync(log.fd);
        log.size = torn.at;
        warn(`the send log ${path} ended in a torn line (a crash while writing it): cut off; the message it recorded, if any, may be sent once more`);
      }
      return log;
    } catch (e) {
      unlinkSync(`${path}.lock`);
      throw e;
    }
  }

  /** Sent and answered (not only recorded as of unknown fate). */
  confirmed(key: SendKey): boolean {
    return this.index.confirmed(key);
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
    this.write(`${JSON.stringify(e)}\n`);
    this.index.add(e);
  }

  /**
   * Writes one line and syncs it, or leaves the file as it was and throws SendLogError (a full
   * disk may take part of a line: that part is cut off again, so no torn line is left behind).
   */
  private write(line: string): void {
    const fd = this.fd!;
    const bytes = Buffer.from(line, 'utf8');
    try {
      // O_APPEND; a short write (a disk filling up) is continued, then fails with ENOSPC.
      for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
      // fdatasync: the appended bytes and the new file size reach the disk (what a reader after a
      // crash needs); timestamps may lag, which saves a second disk write per message.
      fdatasyncSync(fd);
      this.size += bytes.length;
    } catch (err) {
      try {
        ftruncateSync(fd, this.size);
      } catch {
        // the torn line is cut off on the next open
      }
      const code = (err as NodeJS.ErrnoException).code;
      throw new SendLogError(`${code === 'ENOSPC' ? 'no space left on the device' : code === 'EDQUOT' ? 'disk quota exceeded' : (err as Error).message}`);
    }
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

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function safeRead(path: string): string {
  const info = statOrUndefined(path);
  if (!info) return '';
  if (!info.isFile())
    throw new SendLogError(
      `the send log ${path} is not a regular file (${info.isDirectory() ? 'a directory' : 'a device, FIFO or socket'}): give --log a file path`,
    );
  return readFileSync(path, 'utf8');
}

function isEntry(e: unknown): e is SendLogEntry {
  if (!e || typeof e !== 'object') return false;
  const v = e as Record<string, unknown>;
  return (
    typeof v.recipient === 'string' &&
    typeof v.uid === 'string' &&
    typeof v.kind === 'string' &&
    typeof v.sequence === 'number' &&
    Number.isSafeInteger(v.sequence) &&
    v.sequence >= 0 &&
    (v.recurrenceId === null || typeof v.recurrenceId === 'string')
  );
}

/**
 * Reads a log's text. A last line without its newline is torn (a crash mid-write): it is left
 * out and reported as `torn` (open() cuts it off). A complete line that is not an entry (garbled,
 * NUL bytes from a crash of the file system), or a log emptied after tcon created it, is a
 * SendLogError: the log can no longer say who has what, and going on would resend to everyone.
 */
function parseLog(path: string, text: string): { entries: SendLogEntry[]; torn: { at: number } | undefined } {
  const out: SendLogEntry[] = [];
  let torn: { at: number } | undefined;
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) {
    // NULs are not a write cut short but the file system's loss of written lines.
    if (text.slice(end).includes('\u0000')) throw damaged(path, text.slice(0, end).split('\n').length, 'NUL bytes (the file system lost a write)');
    torn = { at: Buffer.byteLength(text.slice(0, end)) };
  }
  const body = text.slice(0, end);
  if (text.length === 0 && existsAsEmpty(path)) {
    throw new SendLogError(
      `the send log ${path} is empty, yet tcon starts every log with a header line: it was emptied, and every message it recorded would be sent again. ` +
        `Restore it from a backup (or from the outbox's files); if nothing was ever sent with it, delete it and run again`,
    );
  }
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    let parsed: unknown;
    let damage: string | undefined;
    if (line.includes('\u0000')) damage = 'NUL bytes (the file system lost a write)';
    else {
      try {
        parsed = JSON.parse(line);
      } catch {
        damage = 'not JSON';
      }
    }
    if (!damage && isEntry(parsed)) {
      out.push(parsed);
      continue;
    }
    if (!damage && parsed && typeof parsed === 'object' && (parsed as { tcon?: unknown }).tcon === 'send-log') continue;
    throw damaged(path, i + 1, damage ?? 'not a send-log entry');
  }
  return { entries: out, torn };
}

function damaged(path: string, line: number, what: string): SendLogError {
  return new SendLogError(
    `the send log ${path} is damaged at line ${line} (${what}): it can no longer say who was sent what. ` +
      `Restore it from a backup, or move it aside, delete the damaged lines from a copy and put that back (the message of a deleted line is sent again)`,
  );
}

function existsAsEmpty(path: string): boolean {
  const info = statOrUndefined(path);
  return !!info && info.size === 0;
}

/**
 * Every entry of a log file. A torn last line from a crash is left out (the message it recorded
 * may be sent once more, the documented bound); a damaged log is a SendLogError.
 */
export function readEntries(path: string): SendLogEntry[] {
  return parseLog(path, safeRead(path)).entries;
}
