import { readdir } from './fs-async.js';
import { isAbsolute, join, relative } from 'node:path';
import { ConfigError } from '../config/problems.js';
import { readConfigText, RESERVED_CONFIG_FILES } from './config-files.js';
import { defaultSecretariat, parseSecretariat, type Secretariat } from '../config/secretariat.js';
import type { ConfigProblem } from '../config/problems.js';

/**
 * Reads `<dir>/tcon.yaml`, the secretariat's settings; the built-in defaults when there is none.
 * Throws ConfigError with every problem when the file has errors.
 */
export async function loadSecretariat(dir: string, groupIds?: readonly string[]): Promise<{ settings: Secretariat; problems: ConfigProblem[] }> {
  const file = join(dir, 'tcon.yaml');
  // Named as group files are: relative to the working directory when inside it.
  const rel = relative(process.cwd(), file);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  const text = await readConfigText(file, shown).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (text === undefined) return { settings: defaultSecretariat(), problems: [] };
  // With --config FILE only that group is loaded: a blackout naming one of the directory's other
  // groups is not an error then, so group names are checked only against a whole directory.
  const complete = groupIds !== undefined && (await groupFileCount(dir)) === groupIds.length;
  const result = parseSecretariat(text, shown, complete ? groupIds : undefined);
  if (!result.settings) throw new ConfigError(result.problems);
  return { settings: result.settings, problems: result.problems };
}

async function groupFileCount(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => []);
  return names.filter((n) => /\.ya?ml$/.test(n) && !RESERVED_CONFIG_FILES.has(n) && !n.startsWith('.')).length;
}
