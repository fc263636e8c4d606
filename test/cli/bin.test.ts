import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('bin/tcon.js: standard error', () => {
  const root = new URL('../../', import.meta.url).pathname;

  async function withClosedStderr(args: string[]): Promise<number | null> {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.destroy();
    return new Promise<number | null>((done) => child.on('close', (c) => done(c)));
  }

  it('is written line by line, in order, to a pipe', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcon-stderr-'));
    const child = spawn(process.execPath, [bin, 'ics', '--all', '--year', '2027', '--no-state', '--now', '2026-11-28T00:00Z', '--out-dir', dir], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await new Promise<number | null>((done) => child.on('close', (c) => done(c)))).toBe(0);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ics'));
    expect(stderr.split('\n').filter((l) => l.startsWith('tcon: wrote '))).toHaveLength(files.length);
    expect(stderr.endsWith(`tcon: wrote ${join(dir, 'all.ics')}\n`)).toBe(true);
  });

  it('a reader of the messages that goes away does not change what the run does or its exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcon-stderr-'));
    expect(await withClosedStderr(['ics', '--all', '--year', '2027', '--no-state', '--now', '2026-11-28T00:00Z', '--out-dir', dir])).toBe(0);
    expect(readdirSync(dir)).toContain('all.ics');
    expect(await withClosedStderr(['no-such-command'])).toBe(2);
  });
});

describe('bin/tcon.js: libraries bundled apart (dist/bundle/vendor-*.cjs)', () => {
  const root = new URL('../../', import.meta.url).pathname;

  it('tcon import ics reads an export with ical.js and checks it, as from the sources', async () => {
    const child = spawn(
      process.execPath,
      [bin, 'import', 'ics', join(root, 'test/fixtures/ics-import/outlook.ics'), '--dry-run', '--now', '2026-12-01T00:00Z'],
      { cwd: root },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    expect(await new Promise<number | null>((done) => child.on('close', (c) => done(c))), out).toBe(0);
    expect(out).toMatch(/identical/);
    expect(out).toMatch(/^series:/m);
  });
});
