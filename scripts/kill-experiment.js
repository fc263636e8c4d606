// Kill experiment (docs/mail.md, "Reliability"): SIGKILL `tcon invite`, `cancel` and `remind` at random
// moments of a batch, again and again, against a loopback smtp-server, then let a last run
// finish; counts the distinct messages delivered and the copies beyond one.
// Run after npm run build: MEMBERS=300 KILLS=15 LO=700 SPAN=1800 node scripts/kill-experiment.js
// (LO..LO+SPAN: the kill moment in ms after start).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
const root = new URL('..', import.meta.url).pathname;
const require = createRequire(join(root, 'package.json'));
const { SMTPServer } = require('smtp-server');
const counts = new Map();
const server = new SMTPServer({
  disabledCommands: ['STARTTLS'],
  authOptional: true,
  logger: false,
  onData(stream, session, cb) {
    let raw = '';
    stream.on('data', (d) => (raw += d));
    stream.on('end', () =>
      setTimeout(() => {
        const id = /^Message-ID: (.*)$/im.exec(raw)?.[1] ?? '?';
        const key = `${session.envelope.rcptTo[0].address} ${id}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        cb(null, 'queued');
      }, 10),
    );
  },
});
server.on('error', () => {});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.server.address().port;
const MEMBERS = Number(process.env.MEMBERS ?? 300);
const KILLS = Number(process.env.KILLS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'killexp-'));
const cfg = join(dir, 'config');
cpSync(join(root, 'test/fixtures/mail'), cfg, { recursive: true });
const base = readFileSync(join(cfg, 'wg-x.yaml'), 'utf8');
const roster = Array.from({ length: MEMBERS }, (_, i) => `  - { name: Member ${i}, email: m${i}@example.org, zone: Asia/Tokyo }`).join('\n');
writeFileSync(join(cfg, 'wg-x.yaml'), base.replace(/members:[\s\S]*$/, `members:\n${roster}\n`));
function run(args, killAfter) {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [join(root, 'bin/tcon.js'), ...args, '--config', cfg, '--smtp', `smtp://127.0.0.1:${port}`], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (out += d));
    const t = killAfter ? setTimeout(() => c.kill('SIGKILL'), killAfter) : undefined;
    c.on('exit', (code, sig) => {
      clearTimeout(t);
      resolve({ code, sig, out });
    });
  });
}
const phases = [
  ['invite', ['invite', '--year', '2027', '--now', '2026-12-01T00:00Z']],
  ['cancel', ['cancel', '--group', 'wg-x', '--date', '2027-03-16', '--reason', 'F2F week', '--now', '2027-01-05T00:00Z']],
  ['remind', ['remind', '--days', '7', '--now', '2027-04-13T08:00Z']],
];
let totalKills = 0;
for (const [name, args] of phases) {
  const before = new Map(counts);
  let kills = 0;
  for (let i = 0; i < KILLS; i++) {
    const r = await run(args, Math.floor(Number(process.env.LO ?? 1200) + Math.random() * Number(process.env.SPAN ?? 3000)));
    if (r.sig === 'SIGKILL') kills++;
    else if (r.code !== 0) console.log(name, 'exit', r.code, r.out.slice(0, 300));
  }
  const fin = await run(args);
  if (fin.code !== 0) console.log(name, 'final exit', fin.code, fin.out.slice(-500));
  let messages = 0,
    dups = 0,
    maxDup = 0;
  for (const [k, n] of counts) {
    const was = before.get(k) ?? 0;
    if (n - was <= 0) continue;
    messages++;
    dups += n - was - 1;
    maxDup = Math.max(maxDup, n - was - 1);
  }
  totalKills += kills;
  console.log(
    JSON.stringify({ phase: name, kills, distinctMessages: messages, duplicates: dups, maxCopiesOfOne: maxDup + 1, final: fin.out.trim().split('\n')[0] }),
  );
}
console.log('total kills', totalKills);
server.close();
rmSync(dir, { recursive: true, force: true });
