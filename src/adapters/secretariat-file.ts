import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../config/problems.js';
import { defaultSecretariat, parseSecretariat, type Secretariat } from '../config/secretariat.js';
import type { ConfigProblem } from '../config/problems.js';

/**
 * Reads `<dir>/tcon.yaml`, the secretariat's settings; the built-in defaults when there is none.
 * Throws ConfigError with every problem when the file has errors.
 */
export async function loadSecretariat(dir: string, groupIds?: readonly string[]): Promise<{ settings: Secretariat; problems: ConfigProblem[] }> {
  const file = join(dir, 'tcon.yaml');
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (text === undefined) return { settings: defaultSecretariat(), problems: [] };
  const result = parseSecretariat(text, file, groupIds);
  if (!result.settings) throw new ConfigError(result.problems);
  return { settings: result.settings, problems: result.problems };
}
