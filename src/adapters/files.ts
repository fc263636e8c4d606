import { TconError } from '../errors.js';
import { close, closeSync, constants, fsync, lstatSync, openSync, readSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { link, lstat, mkdir, open, rename, rm, stat, type FileHandle } from './fs-async.js';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Random bytes for temporary names, from the system's generator: /dev/urandom where there is one
 * (a pool of bytes read at once, each byte used once), else node:crypto. Loading node:crypto cost
 * 2-3 ms of a run that writes files, and most commands (schedule, check, plan to standard output)
 * never write one.
 */
let pool: Buffer | undefined;
let used = 0;
function randomHex(bytes: number): string {
  if (!pool || used + bytes > pool.length) {
    pool = systemRandom(Math.max(bytes, 4096));
    used = 0;
  }
  used += bytes;
  return pool.toString('hex', used - bytes, used);
}

function systemRandom(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  try {
    const fd = openSync('/dev/urandom', 'r');
    try {
      if (readSync(fd, out, 0, bytes, null) === bytes) return out;
    } finally {
      closeSync(fd);
    }
  } catch {
    // No /dev/urandom (Windows): the same generator through node:crypto.
  }
  return (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).randomBytes(bytes);
}

function notADirectory(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: 'ENOTDIR', syscall: 'mkdir', path });
}

/**
 * Creates `dir` and its missing parents, one level at a time. Node's `mkdir(dir, { recursive:
 * true })` never returns for some unwritable paths (under /proc it retries ENOENT forever), and a
 * user's `--out` may point anywhere; this fails with the first level that cannot be made.
 */
export async function ensureDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = resolve(dir); ;) {
    const info = await stat(d).catch((e: NodeJS.ErrnoException) => {
      // ENOTDIR: a file further up is in the way; the walk up finds it and names it.
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
      throw e;
    });
    if (info) {
      if (!info.isDirectory()) throw notADirectory(d);
      break;
    }
    missing.push(d);
    const parent = dirname(d);
    if (parent === d) break;
    d = parent;
  }
  for (const d of missing.reverse()) {
    await mkdir(d).catch(async (e: NodeJS.ErrnoException) => {
      // Made meanwhile by another run: fine if it is a directory.
      if (e.code !== 'EEXIST' || !(await stat(d)).isDirectory()) throw e;
    });
  }
}

/** A path tcon must not replace: a device, FIFO, socket, directory or symbolic link. */
export class NotARegularFileError extends TconError {
  constructor(
    readonly path: string,
    what: string,
  ) {
    super(`cannot write ${path}: it is ${what}, not a regular file (tcon replaces only regular files: give another path)`, 'ENOTREG');
    this.name = 'NotARegularFileError';
  }
}

/** What a path that is not a regular file is, in words ("a FIFO"). */
export function kindOf(info: Stats): string {
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * What is at `path` now, without following a symbolic link: undefined when nothing is; throws
 * NotARegularFileError for anything but a regular file.
 */
export async function existingRegularFile(path: string): Promise<Stats | undefined> {
  const info = await lstat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (info && !info.isFile()) throw new NotARegularFileError(path, kindOf(info));
  return info;
}

/** A temporary name next to `path`: hidden, unpredictable (a planted file or link cannot be guessed). */
export function temporaryName(path: string, suffix = 'tmp'): string {
  return join(dirname(path), `.${basename(path)}.${randomHex(9)}.${suffix}`);
}

/**
 * Writes a text given whole or in pieces (a long output is never made one string: pieces are
 * gathered into writes of about GATHER characters).
 */
async function writeContent(fh: FileHandle, content: string | Uint8Array | readonly string[]): Promise<void> {
  if (typeof content === 'string' || content instanceof Uint8Array) return fh.writeFile(content);
  let batch = '';
  for (const piece of content) {
    batch += piece;
    if (batch.length >= GATHER) {
      await fh.writeFile(batch);
      batch = '';
    }
  }
  if (batch) await fh.writeFile(batch);
}

/**
 * Writes `content` to `path` atomically: a temporary file of an unpredictable name created
 * exclusively (O_EXCL: never through a planted symbolic link) in the same directory, written,
 * synced, then renamed over `path`. A reader (a web server serving a feed) never sees half a
 * file, a crash leaves the old file whole, and a full disk leaves no temporary file behind.
 * Only a regular file is replaced: `--out /dev/full`, a FIFO or a symbolic link is refused
 * (NotARegularFileError). A failure names `path` (the temporary file is tcon's, not the user's).
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array | readonly string[]): Promise<void> {
  await ensureDir(dirname(path));
  await commit(await stage(path, content));
}

/**
 * Writes a new file whole, never replacing one: a temporary file of an unpredictable name created
 * exclusively (as writeFileAtomic's), written and synced, then hard-linked to `path` (which fails
 * with EEXIST when `path` exists, even if it appeared a moment ago, and never follows a symbolic
 * link planted there), then the temporary name goes. A reader never sees half a file, nothing
 * existing is overwritten, and a full disk leaves no temporary file behind.
 */
export async function writeNewFile(path: string, content: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await ensureDir(dir);
  const tmp = temporaryName(path);
  let fh: FileHandle | undefined;
  try {
    fh = await open(tmp, 'wx', 0o644);
    await fh.writeFile(content);
    await fh.sync();
    await fh.close();
    fh = undefined;
    await link(tmp, path);
  } catch (e) {
    await fh?.close().catch(() => undefined);
    throw (e as NodeJS.ErrnoException).syscall === 'link' ? e : aboutTarget(e, path);
  } finally {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}

/** A failure while writing the temporary file, said of the file the user named. */
function aboutTarget(e: unknown, path: string): unknown {
  if (e instanceof NotARegularFileError || !(e instanceof Error)) return e;
  const err = e as NodeJS.ErrnoException;
  if (err.syscall === 'rename' || err.syscall === 'mkdir') return e;
  return Object.assign(new Error(`${err.code ?? 'error'}: ${err.message}`), { code: err.code, syscall: 'write', path });
}

/**
 * How much text a long output gathers before it is written (characters). Small enough that the
 * gathered text, the string V8 makes flat for the write and the buffer Node copies it into stay
 * in memory already in use: a string or buffer of more than 128 KB gets pages of its own, touched
 * anew each time: on a virtual machine, page faults were most of the time of writing 129 MB of
 * JSON in pieces of a megabyte (issue 14; JsonArrayWriter.pieces makes its pieces as small).
 */
export const GATHER = 1 << 15;

/** A stream as CliIo's stdout is: `write`, and (a Node stream) `once('drain')` when its buffer is full. */
export interface ChunkSink {
  write(chunk: string): unknown;
  once?(event: 'drain', listener: () => void): unknown;
  writableNeedDrain?: boolean;
}

/** When a long output last let the event loop turn (epoch ms). */
let lastTurn = Date.now();

/**
 * Writes `chunk` to `out`, then waits until the stream has taken it when its buffer is full: a
 * long output written in pieces stays in memory a piece at a time, not whole. A file or /dev/null
 * takes every write at once, and a run writing one would otherwise keep the event loop from its
 * timers until the end (bin/tcon.js gives V8's young generation room to grow after a second): such
 * a run lets the loop turn once every 100 ms.
 */
export async function writeChunk(out: ChunkSink, chunk: string): Promise<void> {
  if (chunk === '') return;
  const ok = out.write(chunk);
  if (ok === false && typeof out.once === 'function') await new Promise<void>((done) => out.once!('drain', done));
  else if (Date.now() - lastTurn < 100) return;
  else await new Promise<void>((done) => setImmediate(done));
  lastTurn = Date.now();
}

/** A file written and synced under a temporary name, not yet renamed over its target. */
interface Staged {
  path: string;
  tmp: string;
}

/**
 * The first half of writeFileAtomic: the temporary file created exclusively next to `path`,
 * written and synced (its data on disk), closed. Nothing is at `path` yet; on failure no
 * temporary file is left and the error names `path`.
 */
async function stage(path: string, content: string | Uint8Array | readonly string[]): Promise<Staged> {
  const before = await existingRegularFile(path);
  const tmp = temporaryName(path);
  let fh: FileHandle | undefined;
  try {
    fh = await open(tmp, 'wx', before ? before.mode & 0o777 : 0o644);
    await writeContent(fh, content);
    await fh.sync();
    await fh.close();
    fh = undefined;
    return { path, tmp };
  } catch (e) {
    await fh?.close().catch(() => undefined);
    await rm(tmp, { force: true }).catch(() => undefined);
    throw aboutTarget(e, path);
  }
}

/** The second half: the synced temporary file renamed over its target (checked again first). */
async function commit(s: Staged): Promise<void> {
  try {
    // Checked again just before the rename: something planted meanwhile is not replaced either.
    await existingRegularFile(s.path);
    await rename(s.tmp, s.path);
  } catch (e) {
    await rm(s.tmp, { force: true }).catch(() => undefined);
    throw aboutTarget(e, s.path);
  }
}

/**
 * Syncs a directory, so that the renames into it survive a crash. Best effort: some systems
 * cannot open or sync a directory (Windows), and the files themselves are synced already.
 */
async function syncDir(dir: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    // Not supported here: the renames are as durable as the system makes them.
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** existingRegularFile, synchronously. */
function existingRegularFileSync(path: string): Stats | undefined {
  const info = lstatSync(path, { throwIfNoEntry: false });
  if (info && !info.isFile()) throw new NotARegularFileError(path, kindOf(info));
  return info;
}

/** A temporary file being written for writeFilesAtomic: its target, name and descriptor. */
interface Open extends Staged {
  fd: number;
}

/**
 * writeFilesAtomic's first step for one file, without waiting on the disk: the temporary file
 * created exclusively next to `path` and written (synchronously: a few system calls that take
 * microseconds each, where a round trip through libuv's thread pool costs more on a loaded
 * machine), not yet synced. On failure nothing is left and the error names `path`.
 */
function createWritten(path: string, content: string | Uint8Array | readonly string[]): Open {
  const before = existingRegularFileSync(path);
  const tmp = temporaryName(path);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', before ? before.mode & 0o777 : 0o644);
    if (typeof content === 'string' || content instanceof Uint8Array) writeFileSync(fd, content);
    else {
      let batch = '';
      for (const piece of content) {
        batch += piece;
        if (batch.length >= GATHER) {
          writeFileSync(fd, batch);
          batch = '';
        }
      }
      if (batch) writeFileSync(fd, batch);
    }
    return { path, tmp, fd };
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    drop(tmp);
    throw aboutTarget(e, path);
  }
}

/** Removes a temporary file, quietly (it may not exist, and a failure has been reported already). */
function drop(tmp: string): void {
  try {
    rmSync(tmp, { force: true });
  } catch {
    // Nothing more can be done about it here.
  }
}

/** fsync(2) of a descriptor, on libuv's thread pool (several at once wait on the disk together). */
function syncFd(fd: number): Promise<void> {
  return new Promise((done, fail) => fsync(fd, (e) => (e ? fail(e) : done())));
}

/**
 * Writes several files, each whole or not at all as with writeFileAtomic, in three steps: every
 * file is written under a temporary name and synced, then all are renamed over their targets,
 * then each directory is synced once. Each file's fsync starts as soon as it is written, on
 * libuv's thread pool: the fsyncs wait on the disk together, and while the next files are made,
 * not one after the other (ninety-four feeds of a registry, issue 14). At most `parallel` files
 * are open at once: each holds its descriptor until synced. `done` is told of each file written,
 * in the order given, once all are in place. On a failure the files before the first that
 * failed are put in place and told, no later one is written, no temporary file is left, and the
 * failure is thrown.
 */
export async function writeFilesAtomic(
  files: readonly { path: string; content: string | Uint8Array | readonly string[] }[],
  done: (path: string) => void = () => {},
  parallel = 64,
): Promise<void> {
  const dirs = [...new Set(files.map((f) => dirname(f.path)))];
  for (const dir of dirs) await ensureDir(dir);
  let failedAt = files.length;
  let failure: unknown;
  const fail = (i: number, e: unknown) => {
    if (i < failedAt) [failedAt, failure] = [i, e];
  };
  /** The files written, in order, each with its fsync; the first `closed` of them are synced and closed. */
  const written: (Open & { i: number; synced: Promise<unknown> })[] = [];
  let closed = 0;
  const closeNext = async () => {
    const o = written[closed++]!;
    let e = await o.synced;
    try {
      closeSync(o.fd);
    } catch (c) {
      e ??= c;
    }
    if (e !== undefined) fail(o.i, aboutTarget(e, o.path));
  };
  for (let i = 0; i < failedAt; i++) {
    if (written.length - closed >= parallel) {
      await closeNext();
      if (i >= failedAt) break;
    }
    try {
      const o = createWritten(files[i]!.path, files[i]!.content);
      const synced = syncFd(o.fd).then(
        () => undefined,
        (e: unknown) => e,
      );
      written.push({ ...o, i, synced });
    } catch (e) {
      fail(i, e);
    }
  }
  while (closed < written.length) await closeNext();
  // Files past the first failure are not put in place: their temporary files go.
  const staged: Staged[] = [];
  for (const o of written) {
    if (o.i < failedAt) staged.push(o);
    else drop(o.tmp);
  }
  const put = await placeInOrder(staged, parallel);
  if (put.placed < staged.length) [failedAt, failure] = [put.placed, put.failure];
  await Promise.all([put.released, ...dirs.map(syncDir)]);
  for (let i = 0; i < put.placed; i++) done(files[i]!.path);
  if (failedAt < files.length) throw failure;
}

/** Opening a file to hold it: read-only, never through a symbolic link, never waiting (a FIFO). */
const HOLD = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * Renames each staged file over its target, in order: the first that cannot be renamed stops
 * the rest (their temporary files go). Returns how many were placed, the failure if any, and
 * when the files replaced are let go.
 *
 * On Linux the file each one replaces is held open across the rename, then closed on libuv's
 * thread pool, in batches of `parallel` descriptors (at most two batches open at once). A file's
 * blocks are freed when its last name and descriptor go, and on a disk mounted with `discard`
 * (the virtual machine the benchmarks ran on: ext4 without a journal) the kernel waits for the
 * disk to discard them: 0.2-0.5 ms a file, which each rename waited for in turn (15-40 ms of a
 * registry's 94 feeds; issue 14). Held, the renames take microseconds, and the pool's four
 * threads let the files go, several at once.
 */
async function placeInOrder(staged: readonly Staged[], parallel: number): Promise<{ placed: number; failure?: unknown; released: Promise<unknown> }> {
  const hold = process.platform === 'linux';
  let placed = 0;
  let failure: unknown;
  let letGo: Promise<unknown> = Promise.resolve();
  for (let at = 0; at < staged.length && failure === undefined; at += parallel) {
    const held: number[] = [];
    for (const s of staged.slice(at, at + parallel)) {
      try {
        // Checked again just before the rename: something planted meanwhile is not replaced either.
        const before = existingRegularFileSync(s.path);
        if (before && hold) held.push(openToHold(s.path));
        renameSync(s.tmp, s.path);
        placed++;
      } catch (e) {
        failure = aboutTarget(e, s.path);
        break;
      }
    }
    // At most two batches' descriptors are open at once.
    await letGo;
    letGo = Promise.all(held.filter((fd) => fd >= 0).map((fd) => new Promise((done) => close(fd, done))));
  }
  for (const rest of staged.slice(placed)) drop(rest.tmp);
  return { placed, failure, released: letGo };
}

/** A descriptor of the file at `path`, or -1 when it cannot be opened (it is then not held). */
function openToHold(path: string): number {
  try {
    return openSync(path, HOLD);
  } catch {
    return -1;
  }
}

/** Writes pieces of text to `out`, gathered into writes of about GATHER characters (writeChunk each). */
export async function writeChunks(out: ChunkSink, pieces: string | readonly string[]): Promise<void> {
  if (typeof pieces === 'string') return writeChunk(out, pieces);
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= GATHER) {
      await writeChunk(out, batch);
      batch = '';
    }
  }
  await writeChunk(out, batch);
}
