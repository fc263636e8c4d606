import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { mailSandbox, type MailSandbox } from '../helpers/mail-config.js';

// Bad input of every kind, through the command line: exit 2 with a message naming the place,
// never "internal error", never a hang.

function clean(stderr: string) {
  expect(stderr).not.toMatch(/internal error|\n\s+at /);
}

async function withBox(edit: (t: string) => string, fn: (box: MailSandbox) => Promise<void>) {
  const box = await mailSandbox(edit);
  try {
    await fn(box);
  } finally {
    await box.cleanup();
  }
}

describe('meetings on top of each other are a config error', () => {
  it.each([
    [
      'a meeting moved onto another meeting',
      '  2027-02-16: { move: "2027-03-16T09:30" }',
      /meetings\["2027-02-16"\]\.move: the moved meeting would overlap the meeting of 2027-03-16 at 2027-03-16 09:00/,
    ],
    [
      'two identical one-offs',
      '  2027-03-05: { add: ["08:00", "08:00"] }',
      /meetings\["2027-03-05"\]\.add: the added meeting would overlap the one-off at 2027-03-05 08:00/,
    ],
    [
      'a one-off at the time of a meeting',
      '  2027-01-19: { add: "09:00" }',
      /meetings\["2027-01-19"\]\.add: the added meeting would overlap the meeting of 2027-01-19 at 2027-01-19 09:00/,
    ],
  ])('%s: schedule and plan exit 2 with file:line:col (plan never says "All clear")', async (_what, entry, message) => {
    await withBox(
      (t) => t.replace('members:', `meetings:\n${entry}\nmembers:`),
      async (box) => {
        for (const cmd of [
          ['schedule', '--year', '2027'],
          ['plan', '--year', '2027'],
        ]) {
          const r = await tcon([...cmd, '--config', box.config], { cwd: box.dir });
          expect(r.code).toBe(2);
          // Line and column of the entry's value, counted in the text.
          const lines = (await readFile(box.file, 'utf8')).split('\n');
          const line = lines.indexOf(entry);
          const col = entry.indexOf(entry.includes('move') ? '"2027' : entry.includes('[') ? '[' : '"09') + 1;
          expect(r.stderr).toMatch(new RegExp(`^config/wg-x\\.yaml:${line + 1}:${col} `));
          expect(r.stderr).toMatch(message);
          expect(r.stdout).not.toContain('All clear');
          clean(r.stderr);
        }
      },
    );
  });

  it('a move to a free time of the same day, and one-offs at different times, stay fine', async () => {
    await withBox(
      (t) => t.replace('members:', 'meetings:\n  2027-02-16: { move: "2027-03-16T14:00" }\n  2027-03-05: { add: ["08:00", "10:00"] }\nmembers:'),
      async (box) => {
        const r = await tcon(['schedule', '--year', '2027', '--config', box.config, '--no-holidays'], { cwd: box.dir });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
      },
    );
  });
});

describe('unknown holiday countries are config errors in every command', () => {
  it.each([
    // Columns counted by hand: `holidays: { countries: [US, ` is 28 characters.
    [
      'the group',
      (t: string) => t.replace('members:', 'holidays: { countries: [US, XQ] }\nmembers:'),
      'config/wg-x.yaml:16:29 holidays.countries[1]: unknown holiday country "XQ"',
    ],
    [
      'a member',
      (t: string) => t.replace('zone: Asia/Kolkata }', 'zone: Asia/Kolkata, country: US-ZZ }'),
      `config/wg-x.yaml:19:${'  - { name: Kavya Rao, email: kavya@example.org, zone: Asia/Kolkata, country: '.length + 1} members[2].country: unknown holiday country "US-ZZ"`,
    ],
  ])('in %s: schedule, ics, invite --dry-run and site exit 2', async (_where, edit, message) => {
    await withBox(edit, async (box) => {
      for (const cmd of [
        ['schedule', '--year', '2027'],
        ['ics', '--year', '2027', '--no-state', '--now', '2026-12-01T00:00Z'],
        ['invite', '--year', '2027', '--dry-run', '--now', '2026-12-01T00:00Z'],
        ['site', '--out', join(box.dir, 'public'), '--year', '2027', '--now', '2026-12-01T00:00Z'],
      ]) {
        const r = await tcon([...cmd, '--config', box.config], { cwd: box.dir });
        expect(r.code, cmd[0]).toBe(2);
        expect(r.stderr).toContain(message);
      }
    });
  });

  it('in tcon.yaml: schedule exits 2 with its position', async () => {
    await withBox(
      (t) => t,
      async (box) => {
        await writeFile(join(box.config, 'tcon.yaml'), 'holidays:\n  countries: [US]\n  regions: { europe: [DE, QQ] }\n');
        const r = await tcon(['schedule', '--year', '2027', '--config', box.config, '--no-holidays'], { cwd: box.dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('config/tcon.yaml:3:27 holidays.regions.europe[1]: unknown holiday country "QQ"');
      },
    );
  });
});

describe('numbers beyond what the program can hold', () => {
  it('a duration of 1e9 minutes (group and check --duration)', async () => {
    await withBox(
      (t) => t.replace('organizer:', 'duration: 1000000000\norganizer:'),
      async (box) => {
        const r = await tcon(['schedule', '--year', '2027', '--config', box.config, '--no-holidays'], { cwd: box.dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('config/wg-x.yaml:6:11 duration: duration 1000000000 minutes is longer than a day (at most 1440)');
      },
    );
    const check = await tcon(['check', '2027-03-16T09:00', '--zone', 'UTC', '--duration', '1000000000']);
    expect(check.code).toBe(2);
    expect(check.stderr).toBe('tcon: --duration 1000000000: at most 1440\n');
  });

  it.each([
    [['remind', '--days', '99999999', '--dry-run'], 'tcon: --days 99999999: at most 366 days ahead\n'],
    [['invite', '--timeout', '9999999999', '--dry-run'], 'tcon: --timeout 9999999999: at most 2147483647 ms (about 24 days), the longest a timer holds\n'],
    [
      ['invite', '--data-timeout', '2147483648', '--dry-run'],
      'tcon: --data-timeout 2147483648: at most 2147483647 ms (about 24 days), the longest a timer holds\n',
    ],
    [
      ['invite', '--retry-delay', '99999999999999999999', '--dry-run'],
      'tcon: --retry-delay 99999999999999999999: at most 2147483647 ms (about 24 days), the longest a timer holds\n',
    ],
    [['schedule', '--next', '99999999999999999999'], 'tcon: --next 99999999999999999999: at most 9007199254740991\n'],
  ])('%j: exit 2', async (argv, message) => {
    const r = await tcon(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(message);
  });
});

describe('config files that are not text files', () => {
  it('a directory and a FIFO named *.yaml: exit 2 at once, naming each (a FIFO used to hang every command)', async () => {
    await withBox(
      (t) => t,
      async (box) => {
        await mkdir(join(box.config, 'archive.yaml'));
        execFileSync('mkfifo', [join(box.config, 'pipe.yaml')]);
        for (const cmd of [['schedule'], ['plan'], ['invite', '--dry-run']]) {
          const r = await tcon([...cmd, '--year', '2027', '--config', box.config], { cwd: box.dir });
          expect(r.code).toBe(2);
          expect(r.stderr).toContain('config/archive.yaml: a directory, not a regular file: a config file must be a file');
          expect(r.stderr).toContain('config/pipe.yaml: a FIFO, not a regular file: a config file must be a file');
        }
        execFileSync('rm', [join(box.config, 'pipe.yaml')]);
        execFileSync('mkfifo', [join(box.config, 'regions.yaml')]);
        const regions = await tcon(['schedule', '--year', '2027', '--config', box.config, '--no-holidays'], { cwd: box.dir });
        expect(regions.code).toBe(2);
        expect(regions.stderr).toContain('config/regions.yaml: a FIFO, not a regular file');
      },
    );
  });

  it('a file above 4 MB: a clear error, read no further', async () => {
    await withBox(
      (t) => t + `# ${'x'.repeat(4 * 1024 * 1024)}\n`,
      async (box) => {
        const r = await tcon(['schedule', '--year', '2027', '--config', box.config, '--no-holidays'], { cwd: box.dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('config/wg-x.yaml: the file is 4.0 MB; a config file is at most 4 MB');
      },
    );
  });
});

describe('cancel --reason with a line break', () => {
  it('edits only its own line of the group file; the reason reads back whole', async () => {
    await withBox(
      (t) => t.replace('members:', 'meetings:\n  2027-01-19: { note: first call }\n  2027-05-18: { note: last call }\nmembers:'),
      async (box) => {
        const before = (await readFile(box.file, 'utf8')).split('\n');
        const reason = 'F2F week\nBcc: x@example.org\r\n  2027-06-15: { skip: injected }\n- item';
        const r = await tcon(['cancel', '--group', 'wg-x', '--date', '2027-03-16', '--reason', reason, '--config', box.config, '--now', '2027-01-05T00:00Z'], {
          cwd: box.dir,
        });
        expect(r.code, r.stderr).toBe(0);
        const after = (await readFile(box.file, 'utf8')).split('\n');
        expect(after).toHaveLength(before.length + 1);
        const added = after.filter((l) => !before.includes(l));
        expect(added).toEqual(['  2027-03-16: { skip: "F2F week\\nBcc: x@example.org\\r\\n  2027-06-15: { skip: injected }\\n- item" }']);
        const schedule = await tcon(['schedule', '--year', '2027', '--format', 'json', '--config', box.config, '--no-holidays'], { cwd: box.dir });
        const rows = JSON.parse(schedule.stdout) as { date: string; status: string; note: string | null }[];
        expect(rows.find((x) => x.date === '2027-03-16')).toMatchObject({ status: 'skipped', note: reason });
        expect(rows.find((x) => x.date === '2027-06-15')).toMatchObject({ status: 'scheduled' });
      },
    );
  });
});

describe('a 10,000-member roster', () => {
  it('parses in seconds, with memory in proportion to the file', async () => {
    await withBox(
      (t) => {
        const zones = ['Asia/Tokyo', 'America/Los_Angeles', 'Europe/Paris', 'Asia/Kolkata', 'America/New_York'];
        const roster = Array.from(
          { length: 10_000 },
          (_, i) => `  - { name: Member ${i}, email: m${i}@example.org, zone: ${zones[i % 5]}, organization: Org ${i % 50} }`,
        ).join('\n');
        return t.replace(/members:[\s\S]*$/, `members:\n${roster}\n`);
      },
      async (box) => {
        // In a child process of its own, for its peak memory (maxRSS).
        const main = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
        const script = `const { runCli } = await import(${JSON.stringify(main)}); const t = Date.now(); let out = ''; const code = await runCli(['schedule', '--year', '2027', '--config', ${JSON.stringify(box.config)}], { stdout: { write: (s) => (out += s) }, stderr: { write: (s) => (out += s) }, env: {}, cwd: ${JSON.stringify(box.dir)} }); console.log(JSON.stringify({ code, ms: Date.now() - t, rss: process.resourceUsage().maxRSS, out: out.slice(0, 200) }));`;
        const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
        const r = JSON.parse(child.stdout) as { code: number; ms: number; rss: number; out: string };
        expect(r.code, r.out).toBe(0);
        // Measured on the 2-core machine: about 4 s and 190 MB (1.1 MB file); bounds with room for load.
        expect(r.ms).toBeLessThan(20_000);
        expect(r.rss / 1024).toBeLessThan(600);
      },
    );
  }, 60_000);
});
