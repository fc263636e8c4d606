import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/adapters/config-files.js';
import { buildSchedule } from '../../src/schedule/build.js';
import { tcon } from '../helpers/cli.js';

// The four meetings the July 2019 WG-14 minutes list under "Next Meetings - tcons".
describe('the seed schedule, from the shipped example config', () => {
  it('gives exactly the four meetings of the minutes, as markdown', async () => {
    const r = await tcon(['schedule', '--group', 'wg-14', '--from', '2019-08-01', '--to', '2019-11-30', '--format', 'markdown', '--no-holidays']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '**Wednesday 21 August 2019, 9-10am US ET**',
        '',
        '<https://global.gotomeeting.com/join/490836789>',
        '',
        '**Tuesday 17 September 2019, 11am-12pm US ET**',
        '',
        '<https://global.gotomeeting.com/join/208165389>',
        '',
        '**Tuesday 15 October 2019, 9-10am US ET**',
        '',
        '<https://global.gotomeeting.com/join/647966269>',
        '',
        '**Tuesday 19 November 2019, 11am-12pm US ET**',
        '',
        '<https://global.gotomeeting.com/join/734478813>',
        '',
      ].join('\n'),
    );
  });

  it('gives the same meetings in the JSON contract, with offsets and UTC', async () => {
    const r = await tcon(['schedule', '--group', 'wg-14', '--from', '2019-08-01', '--to', '2019-11-30', '--format', 'json', '--no-holidays']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.map((m) => [m.start, m.end, m.startUtc, m.slot, m.status])).toEqual([
      ['2019-08-21T09:00:00-04:00', '2019-08-21T10:00:00-04:00', '2019-08-21T13:00:00Z', 0, 'scheduled'],
      ['2019-09-17T11:00:00-04:00', '2019-09-17T12:00:00-04:00', '2019-09-17T15:00:00Z', 0, 'scheduled'],
      ['2019-10-15T09:00:00-04:00', '2019-10-15T10:00:00-04:00', '2019-10-15T13:00:00Z', 1, 'scheduled'],
      ['2019-11-19T11:00:00-05:00', '2019-11-19T12:00:00-05:00', '2019-11-19T16:00:00Z', 0, 'scheduled'],
    ]);
    expect(rows[0]).toMatchObject({ group: 'wg-14', title: 'DICOM WG-14 Security', zone: 'America/New_York', slotLabel: null, note: null });
    expect(rows[2]).toMatchObject({ slotLabel: 'Asia friendly', link: 'https://global.gotomeeting.com/join/647966269' });
  });

  it('is the same through the library API, and the December holiday break is skipped', async () => {
    const { groups } = await loadConfig('config');
    const wg14 = groups.find((g) => g.id === 'wg-14')!;
    const occ = buildSchedule(wg14, { from: '2019-12-01', to: '2020-01-31' });
    expect(occ.map((o) => [o.ruleDate, o.status, o.note, o.start.toFormat('HH:mm')])).toEqual([
      ['2019-12-17', 'skipped', 'Holiday break', '09:00'],
      // on-skip "keep": the skipped 09:00 turn passes to the next meeting held.
      ['2020-01-21', 'scheduled', undefined, '09:00'],
    ]);
  });

  it('lists 2027 alternating 9am and 11am on third Tuesdays', async () => {
    const r = await tcon(['schedule', '--group', 'wg-14', '--year', '2027', '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('group,title,date,start,end,startUtc,endUtc,zone,slot,slotLabel,status,note,link,warnings');
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual([
      '2027-01-19T09:00:00-05:00',
      '2027-02-16T11:00:00-05:00',
      '2027-03-16T09:00:00-04:00',
      '2027-04-20T11:00:00-04:00',
      '2027-05-18T09:00:00-04:00',
      '2027-06-15T11:00:00-04:00',
      '2027-07-20T09:00:00-04:00',
      '2027-08-17T11:00:00-04:00',
      '2027-09-21T09:00:00-04:00',
      '2027-10-19T11:00:00-04:00',
      '2027-11-16T09:00:00-05:00',
      '2027-12-21T11:00:00-05:00',
    ]);
  });
});
