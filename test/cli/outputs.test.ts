import { execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { mailSandbox } from '../helpers/mail-config.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { canMountSmallDisk, smallDisk } from '../helpers/tmpfs.js';

// Every file tcon writes (--out, the outbox, the state file, the site) replaces only a regular
// file, through an exclusive temporary file in the same directory; real devices, FIFOs,
// symbolic links and a really full disk.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-outputs-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const ics = (out: string, ...extra: string[]) =>
  tcon(['ics', '--group', 'wg-14', '--year', '2027', '--no-state', '--now', '2027-01-05T08:00Z', '--out', out, ...extra]);

function noTrace(stderr: string) {
  expect(stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('--out replaces only a regular file', () => {
  it('a device (/dev/full) is refused and left a device', async () => {
    const r = await ics('/dev/full');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('tcon: cannot write /dev/full: it is a device, not a regular file (tcon replaces only regular files: give another path)\n');
    expect((await lstat('/dev/full')).isCharacterDevice()).toBe(true);
  });

  it('a FIFO is refused at once (no hang) and left a FIFO', async () => {
    const fifo = join(dir, 'feed.ics');
    execFileSync('mkfifo', [fifo]);
    const r = await ics(fifo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot write ${fifo}: it is a FIFO, not a regular file`);
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });

  it('a planted symbolic link is not followed: the file it points to is untouched', async () => {
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'precious\n');
    const link = join(dir, 'feed.ics');
    await symlink(victim, link);
    const r = await ics(link);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot write ${link}: it is a symbolic link, not a regular file`);
    expect(await readFile(victim, 'utf8')).toBe('precious\n');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['feed.ics', 'victim.txt']);
  });

  it('a regular file is replaced, keeping its permissions; no temporary file is left', async () => {
    const out = join(dir, 'feed.ics');
    await writeFile(out, 'old', { mode: 0o640 });
    const r = await ics(out);
    expect(r.code).toBe(0);
    expect(await readFile(out, 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect((await stat(out)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['feed.ics']);
  });

  const mountable = canMountSmallDisk();
  it.skipIf(!mountable)(
    `a full disk: exit 2 naming the path, no temporary file left, the old file whole${mountable ? '' : ' [skipped: no tmpfs (root needed)]'}`,
    async () => {
      const disk = smallDisk(4096);
      try {
        const out = join(disk!.dir, 'all.ics');
        await writeFile(out, 'the previous feed\n');
        const r = await tcon(['ics', '--all', '--year', '2027', '--no-state', '--now', '2027-01-05T08:00Z', '--out', out, '--include-links']);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(`tcon: cannot write ${out}: no space left on the device\n`);
        expect(await readdir(disk!.dir)).toEqual(['all.ics']);
        expect(await readFile(out, 'utf8')).toBe('the previous feed\n');
        // The state file goes the same way.
        const state = join(disk!.dir, 'state.json');
        const s = await tcon(['ics', '--all', '--year', '2027', '--now', '2027-01-05T08:00Z', '--out', join(dir, 'x.ics'), '--state', state]);
        expect(s.code).toBe(2);
        expect(s.stderr).toContain(`cannot write ${state}: no space left on the device`);
        noTrace(s.stderr);
        expect(await readdir(disk!.dir)).toEqual(['all.ics']);
      } finally {
        disk!.unmount();
      }
    },
  );
});

describe('the site is written whole into a fresh directory and swapped in', () => {
  const site = (out: string) => tcon(['site', '--out', out, '--year', '2027', '--now', '2027-01-01T00:00Z']);

  it('a rerun replaces the whole site: nothing of the previous run is left, no temporary directory', async () => {
    const out = join(dir, 'public');
    expect((await site(out)).code).toBe(0);
    const first = (await readdir(out)).sort();
    expect(first).toContain('index.html');
    expect(first).toContain('.tcon-site');
    await writeFile(join(out, 'stale-from-an-old-run.html'), 'old');
    expect((await site(out)).code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(first);
    expect(await readdir(dir)).toEqual(['public']);
  });

  it('a directory holding files tcon did not write is refused, untouched', async () => {
    const out = join(dir, 'mine');
    await mkdir(out);
    await writeFile(join(out, 'notes.txt'), 'mine');
    const r = await site(out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `tcon: cannot write the site to ${out}: it holds files tcon did not write (no .tcon-site); tcon replaces the whole directory, so give an empty or new one\n`,
    );
    expect(await readdir(out)).toEqual(['notes.txt']);
    expect(await readdir(dir)).toEqual(['mine']);
  });

  it('a symbolic link as --out is refused', async () => {
    await mkdir(join(dir, 'real'));
    await symlink(join(dir, 'real'), join(dir, 'public'));
    const r = await site(join(dir, 'public'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it is a symbolic link, not a regular file');
    expect(await readdir(join(dir, 'real'))).toEqual([]);
  });
});

describe('the outbox', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => smtp.close());

  it('holds, byte for byte, what an SMTP server receives for the same message: CRLF in every part', async () => {
    const box = await mailSandbox();
    try {
      const args = ['invite', '--config', box.config, '--year', '2027', '--now', '2026-12-01T00:00Z'];
      const viaOutbox = await tcon([...args, '--outbox', join(box.dir, 'outbox')], { cwd: box.dir });
      expect(viaOutbox.code).toBe(0);
      const viaSmtp = await tcon([...args, '--smtp', smtp.url], { cwd: box.dir });
      expect(viaSmtp.code).toBe(0);
      const names = (await readdir(join(box.dir, 'outbox'))).filter((n) => n.endsWith('.eml')).sort();
      expect(names).toHaveLength(3);
      expect(smtp.received).toHaveLength(3);
      for (const received of smtp.received) {
        const name = names.find((n) => n.includes(received.to[0]!.replace(/[^a-z0-9@._-]/g, '_')))!;
        const file = await readFile(join(box.dir, 'outbox', name));
        expect(file.equals(received.raw), name).toBe(true);
        const text = file.toString('latin1');
        expect(text).not.toMatch(/(?<!\r)\n|\r(?!\n)/);
        expect(text.endsWith('\r\n')).toBe(true);
      }
    } finally {
      await box.cleanup();
    }
  });

  it("a planted symbolic link at a message's name stops the batch; its target is untouched", async () => {
    const box = await mailSandbox();
    try {
      const outbox = join(box.dir, 'outbox');
      const args = ['invite', '--config', box.config, '--year', '2027', '--now', '2026-12-01T00:00Z', '--outbox', outbox];
      const dry = await tcon([...args, '--dry-run'], { cwd: box.dir });
      expect(dry.code).toBe(0);
      // Learn the names from a first run elsewhere, then plant a link at the first one.
      const probe = await tcon([...args.slice(0, -1), join(box.dir, 'probe')], { cwd: box.dir });
      expect(probe.code).toBe(0);
      const first = (await readdir(join(box.dir, 'probe'))).filter((n) => n.endsWith('.eml')).sort()[0]!;
      await mkdir(outbox);
      const victim = join(box.dir, 'victim.txt');
      await writeFile(victim, 'precious\n');
      await symlink(victim, join(outbox, first));
      const r = await tcon(args, { cwd: box.dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/stopped: cannot write to the outbox .*it is a symbolic link, not a regular file/);
      expect(await readFile(victim, 'utf8')).toBe('precious\n');
      expect((await readdir(outbox)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    } finally {
      await box.cleanup();
    }
  });
});
