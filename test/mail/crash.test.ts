import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readEntries } from '../../src/adapters/sendlog.js';
import { mailSandbox, type MailSandbox } from '../helpers/mail-config.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

const BIN = fileURLToPath(new URL('../../bin/tcon.js', import.meta.url));
const MEMBERS = 40;

let smtp: TestSmtp;
let box: MailSandbox;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => smtp.close());
beforeEach(async () => {
  smtp.received.length = 0;
  const roster = Array.from({ length: MEMBERS }, (_, i) => `  - { name: Member ${i}, email: m${i}@example.org, zone: Asia/Tokyo }`).join('\n');
  box = await mailSandbox((t) => t.replace(/members:[\s\S]*$/, `members:\n${roster}\n`));
});
afterEach(async () => box.cleanup());

function start() {
  const args = [BIN, 'invite', '--config', box.config, '--year', '2027', '--now', '2026-12-01T00:00Z', '--smtp', smtp.url];
  const child = spawn(process.execPath, args, { cwd: box.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, output: () => out };
}

describe('crash in the middle of a batch', () => {
  it('SIGKILL mid-batch, then a rerun: no message lost, at most one sent twice', async () => {
    expect(existsSync(join(BIN, '..', '..', 'dist', 'cli', 'main.js')), 'run npm run build first').toBe(true);
    smtp.delayMs = 25;
    const first = start();
    const deadline = Date.now() + 15_000;
    while (smtp.received.length < 12 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    await first.exit;
    const atKill = smtp.received.length;
    expect(atKill, first.output()).toBeGreaterThanOrEqual(12);
    expect(atKill).toBeLessThan(MEMBERS);
    const logged = readEntries(join(box.config, '.tcon', 'sent.jsonl')).length;
    // Everything logged was delivered; at most the one in flight was delivered and not logged.
    expect(atKill - logged).toBeGreaterThanOrEqual(0);
    expect(atKill - logged).toBeLessThanOrEqual(1);

    smtp.delayMs = 0;
    const second = start();
    expect(await second.exit, second.output()).toBe(0);
    // The lock of the killed run was stale and taken over.
    expect(second.output()).toContain(`sent ${MEMBERS - logged}, skipped ${logged} (already sent), failed 0`);
    const counts = smtp.countByRecipient();
    for (let i = 0; i < MEMBERS; i++) expect(counts.get(`m${i}@example.org`) ?? 0, `m${i}`).toBeGreaterThanOrEqual(1);
    expect(smtp.received.length).toBeLessThanOrEqual(MEMBERS + 1);
    expect(readEntries(join(box.config, '.tcon', 'sent.jsonl'))).toHaveLength(MEMBERS);
  });
});
