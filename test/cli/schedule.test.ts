import { describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';

// The schedule's dates and options. Without the holidays that touch a meeting (--no-holidays):
// looking them up reads the process's zone (date-holidays), and they have their own tests
// (schedule-holidays.test.ts), run under every zone.
describe('tcon schedule', () => {
  it('prints a table with date, weekday, group-zone time, slot label and notes', async () => {
    const r = await tcon(['schedule', '--group', 'wg-14', '--from', '2019-08-01', '--to', '2019-12-31', '--no-holidays']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'wg-14 rule: 3rd Wednesday of every month (until 2019-08-31); then 3rd Tuesday of every month (from 2019-09-01)',
        '',
        'Date        Day  Time               Slot                  Status     Note',
        '----------  ---  -----------------  --------------------  ---------  -------------',
        '2019-08-21  Wed  09:00-10:00 US ET                        scheduled',
        '2019-09-17  Tue  11:00-12:00 US ET  1/2 US West friendly  scheduled',
        '2019-10-15  Tue  09:00-10:00 US ET  2/2 Asia friendly     scheduled',
        '2019-11-19  Tue  11:00-12:00 US ET  1/2 US West friendly  scheduled',
        '2019-12-17  Tue  09:00-10:00 US ET  2/2 Asia friendly     skipped    Holiday break',
        '',
      ].join('\n'),
    );
  });

  it('--next N counts meetings held from --now, across year ends', async () => {
    const r = await tcon(['schedule', '--group', 'wg-14', '--next', '3', '--now', '2019-11-20T12:00Z', '--format', 'json', '--no-holidays']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { date: string; status: string }[];
    expect(rows.map((x) => `${x.date} ${x.status}`)).toEqual(['2019-12-17 skipped', '2020-01-21 scheduled', '2020-02-18 scheduled', '2020-03-17 scheduled']);
  });

  it('--now is an instant: a meeting still running is listed, one that has ended is not', async () => {
    // The 19 Nov 2019 meeting runs 11:00-12:00 US ET (16:00-17:00Z).
    const during = await tcon(['schedule', '--group', 'wg-14', '--next', '1', '--now', '2019-11-19T11:30-05:00', '--format', 'json', '--no-holidays']);
    expect((JSON.parse(during.stdout) as { date: string }[]).map((x) => x.date)).toEqual(['2019-11-19']);
    const after = await tcon(['schedule', '--group', 'wg-14', '--next', '1', '--now', '2019-11-19T17:00Z', '--format', 'json', '--no-holidays']);
    expect((JSON.parse(after.stdout) as { date: string }[]).map((x) => x.date)).toEqual(['2019-12-17', '2020-01-21']);
  });

  it('--help names every option, --version prints the version', async () => {
    const help = await tcon(['schedule', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--group', '--all', '--year', '--from', '--to', '--next', '--now', '--format', '--config']) expect(help.stdout).toContain(flag);
    const v = await tcon(['--version']);
    expect(v.code).toBe(0);
    // The package version and the IANA release tcon computes with.
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+ \(tzdata \d{4}[a-z]\)\n$/);
  });

  it('rejects an unknown format and an unknown command with exit 2', async () => {
    expect((await tcon(['schedule', '--format', 'xml'])).code).toBe(2);
    expect((await tcon(['frobnicate'])).code).toBe(2);
  });
});
