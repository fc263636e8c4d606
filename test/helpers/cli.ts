import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs tcon in-process, as the shell would, with captured output. Without the holiday cache
 * (TCON_HOLIDAY_CACHE=off, unless `env` says otherwise): a test sees the holidays computed, never
 * a cache an earlier run left in config/.tcon/ (test/cli/holiday-cache.test.ts tests the cache).
 */
export async function tcon(argv: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; tty?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: { TCON_HOLIDAY_CACHE: 'off', ...opts.env },
    cwd: opts.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}
