// 1,000 invitations (distinct recipients) through `tcon invite` to a loopback SMTP server with a
// single SMTP connection. Target: under 10 s, memory flat (messages are built as they are sent).
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { runCli } from '../dist/cli/main.js';

const FIXTURE = new URL('../test/fixtures/mail/wg-x.yaml', import.meta.url);
const ZONES = ['Asia/Tokyo', 'America/Los_Angeles', 'Asia/Kolkata', 'Europe/Berlin', 'Australia/Sydney'];

async function startServer() {
  let accepted = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    closeTimeout: 100,
    onData(stream, _session, cb) {
      stream.on('data', () => {});
      stream.on('end', () => {
        accepted++;
        cb(null, 'queued');
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.server.address().port, accepted: () => accepted, close: () => new Promise((r) => server.close(r)) };
}

async function run(n) {
  const dir = await mkdtemp(join(tmpdir(), 'tcon-bench-mail-'));
  try {
    await mkdir(join(dir, 'config'));
    const roster = Array.from({ length: n }, (_, i) => `  - { name: Member ${i}, email: m${i}@example.org, zone: ${ZONES[i % ZONES.length]} }`).join('\n');
    const text = (await readFile(FIXTURE, 'utf8')).replace(/members:[\s\S]*$/, `members:\n${roster}\n`);
    await writeFile(join(dir, 'config', 'wg-x.yaml'), text);
    const server = await startServer();
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 100);
    let out = '';
    const io = { stdout: { write: (s) => (out += s) }, stderr: { write: (s) => (out += s) }, env: {}, cwd: dir };
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const code = await runCli(
      ['invite', '--config', join(dir, 'config'), '--year', '2027', '--now', '2026-12-01T00:00Z', '--smtp', `smtp://127.0.0.1:${server.port}`],
      io,
    );
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(timer);
    await server.close();
    if (code !== 0 || server.accepted() !== n) throw new Error(`bench run failed (exit ${code}, accepted ${server.accepted()}):\n${out}`);
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, peakMb: (peak - before) / 1e6, perMsg: ms / n };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export default async function () {
  const lines = [];
  for (const n of [250, 1000]) {
    const r = await run(n);
    // CPU time covers tcon and the in-process test server; on a busy machine the wall time is
    // what the other processes leave of the cores.
    lines.push(
      `invite ${n} recipients, loopback SMTP (one connection): ${(r.ms / 1000).toFixed(2)} s (${r.perMsg.toFixed(2)} ms/message, CPU ${(r.cpuMs / 1000).toFixed(2)} s incl. the server, send log synced after each), peak heap growth ${r.peakMb.toFixed(1)} MB`,
    );
  }
  return lines;
}
