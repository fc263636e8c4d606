import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The real executable, as a shell runs it (dist/ is built by `npm test` before the suite).
const bin = new URL('../../bin/tcon.js', import.meta.url).pathname;

describe('bin/tcon.js', () => {
  it('a reader that goes away (tcon schedule | head) ends the run quietly, without a stack trace', async () => {
    const child = spawn(process.execPath, [bin, 'schedule', '--group', 'wg-14', '--year', '2027', '--format', 'json'], {
      cwd: new URL('../../', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closed before tcon has loaded: its first write meets a closed pipe (EPIPE).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
