// Zone names on the command line and in config files (issue: `zone: CST` for a Beijing member was
// read as US Central): every place a zone is read accepts the IANA zones and links of the bundled
// database, the same set in every command, and refuses abbreviations and near misses with what
// to write instead, at file:line:col.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TZDB_VERSION } from '../../src/tzdb/index.js';
import { tcon } from '../helpers/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-zones-'));
  await copyFile(new URL('../../config/regions.yaml', import.meta.url), join(dir, 'regions.yaml'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A group file with the given zones, in its own config directory; returns that directory. */
async function groupWith(name: string, zones: { timezone?: string; member?: string; slot?: string; move?: string }): Promise<string> {
  const d = join(dir, name);
  await rm(d, { recursive: true, force: true });
  const { mkdir } = await import('node:fs/promises');
  await mkdir(d);
  await copyFile(join(dir, 'regions.yaml'), join(d, 'regions.yaml'));
  const text = [
    'id: zg',
    'title: Zone group',
    `timezone: ${zones.timezone ?? 'America/New_York'}`,
    'organizer: { name: Olga Organizer, email: olga@example.org }',
    'series:',
    '  - from: 2027-01-01',
    '    rule: FREQ=MONTHLY;BYDAY=2TH',
    `    slots: ["${zones.slot ?? '08:00'}", "16:00"]`,
    ...(zones.move ? ['meetings:', `  2027-03-11: { move: "${zones.move}" }`] : []),
    'members:',
    `  - { name: Wei Zhang, email: wei@example.org, zone: ${zones.member ?? 'Asia/Shanghai'} }`,
    '  - { name: Ann Chair, email: ann@example.org, role: chair, zone: America/Los_Angeles }',
    '',
  ].join('\n');
  await writeFile(join(d, 'zg.yaml'), text);
  return d;
}

const NOW = '2026-12-01T00:00Z';
/** The four commands that read a group's zones: each must accept and refuse the same names. */
const commands = (config: string) => [
  ['schedule', '--config', config, '--year', '2027', '--now', NOW],
  ['check', '--config', config, '--year', '2027', '--now', NOW],
  ['ics', '--config', config, '--year', '2027', '--no-state', '--now', NOW],
  ['invite', '--config', config, '--year', '2027', '--dry-run', '--now', NOW, '--outbox', join(config, 'outbox')],
];

describe('zone names in a group file', () => {
  it.each([
    [
      'timezone',
      { timezone: 'CST' },
      /zg\.yaml:3:11 \S+: time zone "CST" is an abbreviation, not a zone: China Standard Time \(Asia\/Shanghai\), US Central \(America\/Chicago\) or Cuba \(America\/Havana\)\? write one of them\n/,
    ],
    [
      "a member's zone",
      { member: 'CST' },
      /zg\.yaml:10:54 \S+: time zone "CST" is an abbreviation, not a zone: China Standard Time \(Asia\/Shanghai\), US Central \(America\/Chicago\) or Cuba \(America\/Havana\)\? write one of them or region: china-taiwan\n/,
    ],
    [
      "a member's zone, IST",
      { member: 'IST' },
      /zg\.yaml:10:54 \S+: time zone "IST" is an abbreviation, not a zone: India Standard Time \(Asia\/Kolkata\), Israel Standard Time \(Asia\/Jerusalem\) or Irish Standard Time \(Europe\/Dublin\)\? write one of them or region: india\n/,
    ],
    ['a slot zone', { slot: '08:00 PST' }, /zg\.yaml:8:\d+ \S+: time zone "PST" is an abbreviation, not a zone: US Pacific \(America\/Los_Angeles\)/],
    [
      'a move zone',
      { move: '2027-03-10T10:00 JST' },
      /zg\.yaml:10:\d+ \S+: time zone "JST" is an abbreviation, not a zone: Japan Standard Time \(Asia\/Tokyo\)\? write Asia\/Tokyo\n/,
    ],
    [
      'BST, a member',
      { member: 'BST' },
      /time zone "BST" is an abbreviation, not a zone: British Summer Time \(Europe\/London\) or Bangladesh Standard Time \(Asia\/Dhaka\)\? write one of them or region: uk\n/,
    ],
    ['EST, an IANA link that is not US Eastern', { timezone: 'EST' }, /time zone "EST" is an abbreviation, not a zone: US Eastern \(America\/New_York\)/],
  ])('%s: refused at file:line:col with what it could mean, by schedule, check, ics and invite alike', async (name, zones, message) => {
    const config = await groupWith(name.replace(/\W+/g, '-'), zones);
    for (const argv of commands(config)) {
      const r = await tcon(argv);
      expect([argv[0], r.code]).toEqual([argv[0], 2]);
      expect(r.stderr, argv[0]).toMatch(message);
      expect(r.stdout, argv[0]).toBe('');
    }
  });

  it.each([
    ['Asia/Bangalore', 'did you mean Asia/Kolkata? or region: india'],
    ['Asia/Beijing', 'did you mean Asia/Shanghai? or region: china-taiwan'],
    ['america/new_york', 'did you mean America/New_York? or region: us-east (zone names are case-sensitive)'],
  ])("near miss %s (a member's zone): %s", async (zone, hint) => {
    const config = await groupWith(`near-${zone.replace(/\W+/g, '-')}`, { member: zone });
    const r = await tcon(commands(config)[0]!);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`zg.yaml:10:54 members[0].zone: unknown time zone "${zone}": ${hint}\n`);
  });

  it("a session's zone, a slot with a day offset and a one-off's zone: the same check, at their line", async () => {
    const d = join(dir, 'sessions');
    await rm(d, { recursive: true, force: true });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(d);
    await copyFile(join(dir, 'regions.yaml'), join(d, 'regions.yaml'));
    const text = [
      'id: zs',
      'title: Zone sessions',
      'timezone: UTC',
      'series:',
      '  - id: plenary',
      '    sessions:',
      '      - { from: 2027-05-18, to: 2027-05-20, hours: "10:00-17:00", zone: JST }',
      '  - id: calls',
      '    from: 2027-01-01',
      '    rule: FREQ=WEEKLY;BYDAY=WE',
      '    slots: ["00:00 EST +1d"]',
      'meetings:',
      '  2027-06-01: { add: "09:00 Asia/Bangalore" }',
      '',
    ].join('\n');
    await writeFile(join(d, 'zs.yaml'), text);
    const r = await tcon(['schedule', '--config', d, '--year', '2027', '--now', NOW]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/zs\.yaml:7:\d+ \S+: time zone "JST" is an abbreviation, not a zone: Japan Standard Time \(Asia\/Tokyo\)\? write Asia\/Tokyo\n/);
    expect(r.stderr).toMatch(/zs\.yaml:11:\d+ \S+: time zone "EST" is an abbreviation, not a zone: US Eastern \(America\/New_York\)/);
    expect(r.stderr).toMatch(/zs\.yaml:13:\d+ \S+: unknown time zone "Asia\/Bangalore": did you mean Asia\/Kolkata\?\n/);
  });

  it('a region file with an abbreviation: its file and line', async () => {
    const config = await groupWith('regions', {});
    await writeFile(join(config, 'regions.yaml'), 'regions:\n  beijing: { label: Beijing, zone: CST }\n');
    const r = await tcon(commands(config)[0]!);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/regions\.yaml:2:36 \S+: time zone "CST" is an abbreviation, not a zone: China Standard Time \(Asia\/Shanghai\)/);
  });

  it('IANA names and links are accepted alike by schedule, check, ics and invite --dry-run', async () => {
    for (const [timezone, member] of [
      ['US/Pacific', 'Asia/Calcutta'],
      ['America/Vancouver', 'America/Nuuk'],
      ['Etc/GMT-14', 'Pacific/Chatham'],
      ['UTC', 'Europe/Kyiv'],
    ] as const) {
      const config = await groupWith(`ok-${timezone.replace(/\W+/g, '-')}`, { timezone, member, slot: '08:00 Europe/London' });
      for (const argv of commands(config)) {
        const r = await tcon(argv);
        expect([
          timezone,
          argv[0],
          r.code,
          r.stderr.split('\n').filter((l) => l && !l.startsWith('tcon: note: ') && !/^tcon: (warning|dry run)/.test(l)),
        ]).toEqual([timezone, argv[0], 0, []]);
      }
    }
  });
});

describe('zone names on the command line', () => {
  it('--zone: an abbreviation is refused with its meanings', async () => {
    const r = await tcon(['check', '2027-03-16T09:00', '--zone', 'IST']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'tcon: --zone: time zone "IST" is an abbreviation, not a zone: India Standard Time (Asia/Kolkata), Israel Standard Time (Asia/Jerusalem) or Irish Standard Time (Europe/Dublin)? write one of them\n',
    );
  });

  it('--regions and --zones: region ids suggested where one fits', async () => {
    const r = await tcon(['check', '2027-03-16T09:00', '--zone', 'America/New_York', '--regions', 'japan,JST,Asia/Bangalore']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'tcon: --regions: time zone "JST" is an abbreviation, not a zone: Japan Standard Time (Asia/Tokyo)? write Asia/Tokyo or the region japan-korea; unknown region or time zone "Asia/Bangalore": did you mean Asia/Kolkata? or the region india\n',
    );
    const s = await tcon(['suggest', '--group', 'wg-14', '--zones', 'PST=2,india', '--now', NOW]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/^tcon: --zones: time zone "PST" is an abbreviation, not a zone: US Pacific \(America\/Los_Angeles\).* or the region us-west\n$/);
  });

  it(`--version names the tz database (${TZDB_VERSION})`, async () => {
    const r = await tcon(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^\\d+\\.\\d+\\.\\d+ \\(tzdata ${TZDB_VERSION}\\)\\n$`));
  });
});
