import { TconError } from '../errors.js';
import { randomBytes } from 'node:crypto';
import { lstat, readdir, rename, rm } from './fs-async.js';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ensureDir, NotARegularFileError, writeFileAtomic } from './files.js';

/** Marks a directory as a tcon site: only such a directory (or an empty one) is replaced. */
export const SITE_MARKER = '.tcon-site';

/**
 * Writes the site under `outDir` as a whole: every file into a fresh directory next to it, then
 * that directory swapped in for the old one (two renames), so a web server never serves half a
 * page and a killed run never leaves a mix of two runs (at worst the old site, or, between the
 * two renames, the old one kept as `.<name>.<random>.old` beside it). Only a directory tcon wrote
 * (it holds `.tcon-site`) or an empty one is replaced; paths must stay inside `outDir`.
 */
export async function writeSite(outDir: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const root = resolve(outDir);
  const parent = dirname(root);
  await ensureDir(parent);
  const old = await lstat(root).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (old && !old.isDirectory()) throw new NotARegularFileError(root, old.isSymbolicLink() ? 'a symbolic link' : 'a file');
  if (old) {
    const names = await readdir(root);
    if (names.length && !names.includes(SITE_MARKER)) {
      throw new TconError(
        `cannot write the site to ${root}: it holds files tcon did not write (no ${SITE_MARKER}); tcon replaces the whole directory, so give an empty or new one`,
        'site.not-ours',
      );
    }
  }
  const tag = randomBytes(9).toString('hex');
  const fresh = join(parent, `.${basename(root)}.${tag}.new`);
  const written: string[] = [];
  try {
    await ensureDir(fresh);
    for (const [rel, content] of [...files, [SITE_MARKER, 'written by tcon site; this directory is replaced as a whole on each run\n'] as const]) {
      const path = resolve(join(fresh, rel));
      if (!path.startsWith(fresh + sep)) throw new Error(`site file ${rel} would be written outside ${root}`);
      await writeFileAtomic(path, content);
      if (rel !== SITE_MARKER) written.push(join(root, rel));
    }
    if (old) {
      const aside = join(parent, `.${basename(root)}.${tag}.old`);
      await rename(root, aside);
      await rename(fresh, root);
      await rm(aside, { recursive: true, force: true });
    } else await rename(fresh, root);
  } catch (e) {
    await rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    const err = e as NodeJS.ErrnoException;
    // A failure inside the fresh directory is said of the site's own path.
    if (typeof err.path === 'string' && err.path.startsWith(fresh)) err.path = root + err.path.slice(fresh.length);
    throw e;
  }
  return written;
}
