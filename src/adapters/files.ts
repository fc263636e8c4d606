import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

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
  for (let d = resolve(dir); ; ) {
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

/**
 * Writes `content` to `path` atomically: a temporary file in the same directory, then rename,
 * so a reader (a web server serving a feed) never sees half a file. Creates the directory.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const dir = dirname(path);
  await ensureDir(dir);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, content, 'utf8');
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Writes a new file whole, never replacing one: a temporary file, then a hard link to `path`
 * (which fails with EEXIST when `path` exists, even if it appeared a moment ago), then the
 * temporary name goes. A reader never sees half a file, and nothing existing is overwritten.
 */
export async function writeNewFile(path: string, content: string): Promise<void> {
  const dir = dirname(path);
  await ensureDir(dir);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, content, 'utf8');
    await link(tmp, path);
  } finally {
    await rm(tmp, { force: true });
  }
}
