import { join, resolve, sep } from 'node:path';
import { writeFileAtomic } from './files.js';

/**
 * Writes the site's files under `outDir`, each atomically (temporary file, then rename), so a
 * web server never serves half a page. Paths are relative to `outDir` and must stay inside it.
 */
export async function writeSite(outDir: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const root = resolve(outDir);
  const written: string[] = [];
  for (const [rel, content] of files) {
    const path = resolve(join(root, rel));
    if (!path.startsWith(root + sep)) throw new Error(`site file ${rel} would be written outside ${root}`);
    await writeFileAtomic(path, content);
    written.push(path);
  }
  return written;
}
