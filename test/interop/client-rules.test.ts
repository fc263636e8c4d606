/*
 * The rules calendar clients (Outlook, Google, Apple, Thunderbird) are known to apply, each with
 * its source (test/helpers/client-rules.ts), over everything `tcon ics` writes for the example
 * config and the interop fixtures: public feed, invitation, cancellation of a meeting and of a
 * series. The iMIP side (Content-Type method, one UID per message) is in mail.test.ts.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';
import { CLIENT_RULES, clientRuleViolations, type Method } from '../helpers/client-rules.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const NOW = '2026-11-01T12:00Z';

/** What the command writes: standard output, or for invitations and cancellations every file (one per UID). */
async function run(argv: string[]): Promise<string[]> {
  const files = argv.includes('--invite') || argv.includes('--cancel');
  const dir = files ? await mkdtemp(join(tmpdir(), 'tcon-rules-')) : undefined;
  try {
    const r = await tcon([...argv, '--no-state', '--now', NOW, ...(dir ? ['--out-dir', dir] : [])], { cwd: ROOT });
    if (r.code !== 0) throw new Error(`tcon ${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
    if (!dir) return [r.stdout];
    return Promise.all((await readdir(dir)).sort().map((n) => readFile(join(dir, n), 'utf8')));
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

const FILES = { 'wg-14': 'config/wg-14.yaml', 'wg-syd': 'test/fixtures/interop/wg-syd.yaml', 'wg-kol': 'test/fixtures/interop/wg-kol.yaml' } as const;
const W1920 = ['--from', '2019-01-01', '--to', '2020-12-31'];
const W27 = ['--year', '2027'];

const CASES: [string, Method, string[]][] = [];
for (const [id, file] of Object.entries(FILES)) {
  for (const [wname, w] of [
    ['2019-2020', W1920],
    ['2027', W27],
  ] as const) {
    CASES.push([`${id} ${wname} feed`, 'PUBLISH', ['ics', '--config', file, ...w]]);
    CASES.push([`${id} ${wname} feed with links`, 'PUBLISH', ['ics', '--config', file, ...w, '--include-links']]);
    CASES.push([`${id} ${wname} invitation`, 'REQUEST', ['ics', '--config', file, ...w, '--invite']]);
  }
}
CASES.push(
  ['wg-14 cancel one meeting', 'CANCEL', ['ics', '--config', FILES['wg-14'], ...W27, '--group', 'wg-14', '--cancel', '2027-03-16']],
  ['wg-14 cancel the series', 'CANCEL', ['ics', '--config', FILES['wg-14'], ...W27, '--group', 'wg-14', '--cancel', 'all']],
  // A meeting on the Sydney fall-back night (02:30 exists twice) and one moved to London time.
  ['wg-syd cancel the overlap meeting', 'CANCEL', ['ics', '--config', FILES['wg-syd'], ...W1920, '--group', 'wg-syd', '--cancel', '2020-04-05']],
  ['wg-syd cancel a moved meeting', 'CANCEL', ['ics', '--config', FILES['wg-syd'], ...W1920, '--group', 'wg-syd', '--cancel', '2019-11-11']],
  ['wg-kol cancel a one-off', 'CANCEL', ['ics', '--config', FILES['wg-kol'], ...W27, '--group', 'wg-kol', '--cancel', '2027-06-15']],
);

describe('client rules over what tcon ics writes', () => {
  it.each(CASES)('%s (%s)', async (_name, method, argv) => {
    const texts = await run(argv);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(text).toContain('BEGIN:VEVENT');
      expect(clientRuleViolations(text, method)).toEqual([]);
    }
  });
});

describe('client rules over rules written as phrases', () => {
  // Phrases normalise with INTERVAL first (as rrule's English parser wrote them); the RRULE
  // written into iCalendar starts with FREQ all the same.
  it.each([
    ['every other Wednesday', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE'],
    ['quarterly on the 3rd Tuesday', 'FREQ=MONTHLY;INTERVAL=3;BYDAY=3TU'],
  ])('%s', async (phrase, written) => {
    const dir = await mkdtemp(join(tmpdir(), 'tcon-interop-phrase-'));
    try {
      const file = join(dir, 'wg-ph.yaml');
      await writeFile(
        file,
        [
          'id: wg-ph',
          'title: Phrase Group',
          'timezone: Europe/Berlin',
          'organizer: { name: Office, email: office@example.org }',
          'series:',
          '  - from: 2027-01-05',
          `    rule: ${phrase}`,
          '    slots: ["15:00"]',
          'members:',
          '  - { name: Lea Roux, email: lea@example.org }',
          '',
        ].join('\n'),
      );
      for (const [method, extra] of [
        ['PUBLISH', []],
        ['REQUEST', ['--invite']],
      ] as const) {
        const r = await tcon(['ics', '--config', file, '--year', '2027', '--no-state', '--now', NOW, ...extra], { cwd: dir });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain(`RRULE:${written};UNTIL=`);
        expect(clientRuleViolations(r.stdout, method)).toEqual([]);
      }
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe('folding of long non-ASCII text, on the bytes of the written file', () => {
  it('titles, names and notes in Japanese and accented Latin fold at 75 octets between characters', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tcon-interop-fold-'));
    try {
      const file = join(dir, 'wg-jp.yaml');
      const title = 'DICOM 作業部会 第十四分科会 セキュリティとプライバシー 定例電話会議 — Sécurité et confidentialité';
      await writeFile(
        file,
        [
          'id: wg-jp',
          `title: "${title}"`,
          'timezone: Asia/Tokyo',
          'organizer: { name: "事務局 Secrétariat général de l’organisation", email: office@example.org }',
          'series:',
          '  - from: 2027-01-01',
          '    rule: FREQ=MONTHLY;BYDAY=2TH',
          '    slots: ["21:00", "08:00 Europe/Paris"]',
          'meetings:',
          '  2027-03-11: { note: "議題：年次報告書の最終確認、次回対面会議の日程調整、その他の事項について議論します。Ordre du jour : rapport annuel." }',
          'members:',
          '  - { name: 山田 花子（議長）, email: hanako@example.org, role: chair }',
          '  - { name: Åsa Öberg-Ñúñez, email: asa@example.org }',
          '',
        ].join('\n'),
      );
      for (const [method, extra] of [
        ['PUBLISH', ['--include-links']],
        ['REQUEST', ['--invite']],
      ] as const) {
        const out = join(dir, `${method}.ics`);
        const r = await tcon(['ics', '--config', file, '--year', '2027', '--no-state', '--now', NOW, '--out', out, ...extra], { cwd: dir });
        expect(r.code, r.stderr).toBe(0);
        const bytes = await readFile(out);
        // Every physical line: at most 75 octets, and valid UTF-8 on its own (no split character).
        const lines = bytes.toString('latin1').split('\r\n');
        const decoder = new TextDecoder('utf-8', { fatal: true });
        for (const l of lines) {
          const b = Buffer.from(l, 'latin1');
          expect(b.length).toBeLessThanOrEqual(75);
          expect(() => decoder.decode(b)).not.toThrow();
        }
        expect(lines.some((l) => l.startsWith(' '))).toBe(true);
        const text = bytes.toString('utf8');
        expect(clientRuleViolations(text, method)).toEqual([]);
        expect(text.replace(/\r\n /g, '')).toContain(`SUMMARY:${title}`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// Each rule catches what it is about (so the table above cannot pass by checking nothing).
const GOOD =
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//t//t//EN',
    'METHOD:REQUEST',
    'BEGIN:VTIMEZONE',
    'TZID:Europe/Paris',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    'UID:u1',
    'SEQUENCE:1',
    'DTSTAMP:20270101T000000Z',
    'DTSTART;TZID=Europe/Paris:20270105T100000',
    'DTEND;TZID=Europe/Paris:20270105T110000',
    'RRULE:FREQ=MONTHLY;BYDAY=1TU;UNTIL=20271231T235959Z',
    'SUMMARY:S',
    'ORGANIZER;CN="A B":mailto:a@example.org',
    'ATTENDEE;CN=C:mailto:c@example.org',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:u1',
    'SEQUENCE:1',
    'DTSTAMP:20270101T000000Z',
    'RECURRENCE-ID;TZID=Europe/Paris:20270202T100000',
    'DTSTART;TZID=Europe/Paris:20270203T100000',
    'DTEND;TZID=Europe/Paris:20270203T110000',
    'SUMMARY:S',
    'ORGANIZER:mailto:a@example.org',
    'ATTENDEE:mailto:c@example.org',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n') + '\r\n';

describe('each client rule rejects its counter-example', () => {
  it('the reference object passes every rule', () => {
    expect(clientRuleViolations(GOOD, 'REQUEST')).toEqual([]);
  });
  const bad: [string, string, Method][] = [
    ['every line ends with CRLF', GOOD.replace('VERSION:2.0\r\n', 'VERSION:2.0\n'), 'REQUEST'],
    ['every line ends with CRLF', GOOD.replace('VERSION:2.0\r\n', 'VERSION:2.0\r\r\n'), 'REQUEST'],
    ['lines are at most 75 octets', GOOD.replace('SUMMARY:S', `SUMMARY:${'x'.repeat(70)}`), 'REQUEST'],
    ['lines are at most 75 octets', GOOD.replace('SUMMARY:S', 'SUMMARY:Tok\uFFFD\r\n \uFFFDyo'), 'REQUEST'],
    ['lines are at most 75 octets', GOOD.replace('SUMMARY:S', `SUMMARY:${'x'.repeat(60)}\ud83d\r\n \ude00`), 'REQUEST'],
    ['VERSION:2.0, PRODID and exactly one METHOD', GOOD, 'PUBLISH'],
    ['every TZID used has its VTIMEZONE', GOOD.replace('TZID:Europe/Paris', 'TZID:Europe/Rome'), 'REQUEST'],
    ['every VEVENT has UID, DTSTAMP in UTC', GOOD.replace('DTSTAMP:20270101T000000Z', 'DTSTAMP:20270101T000000'), 'REQUEST'],
    [
      'RECURRENCE-ID overrides',
      GOOD.replace(/SEQUENCE:1(?=[\s\S]*RECURRENCE-ID)/, 'SEQUENCE:2').replace(/(RECURRENCE-ID[\s\S]*?)SEQUENCE:\d/, '$1SEQUENCE:0'),
      'REQUEST',
    ],
    [
      'RECURRENCE-ID overrides',
      GOOD.replace('SEQUENCE:1\r\nDTSTAMP:20270101T000000Z\r\nRECURRENCE-ID', 'SEQUENCE:0\r\nDTSTAMP:20270101T000000Z\r\nRECURRENCE-ID'),
      'REQUEST',
    ],
    ['no RDATE', GOOD.replace('SUMMARY:S\r\nORGANIZER;', 'RDATE;TZID=Europe/Paris:20270301T100000\r\nSUMMARY:S\r\nORGANIZER;'), 'REQUEST'],
    ['RRULE in a form Outlook maps', GOOD.replace('BYDAY=1TU', 'BYDAY=5TU'), 'REQUEST'],
    ['RRULE in a form Outlook maps', GOOD.replace('BYDAY=1TU', 'BYDAY=+1TU'), 'REQUEST'],
    ['RRULE in a form Outlook maps', GOOD.replace('BYDAY=1TU', 'BYMONTHDAY=-1'), 'REQUEST'],
    ['RRULE in a form Outlook maps', GOOD.replace('UNTIL=20271231T235959Z', 'UNTIL=20271231T235959'), 'REQUEST'],
    ['REQUEST and CANCEL: ORGANIZER and ATTENDEEs', GOOD.replace('ORGANIZER:mailto:a@example.org', 'ORGANIZER:mailto:A <a@example.org>'), 'REQUEST'],
    ['REQUEST and CANCEL: ORGANIZER and ATTENDEEs', GOOD.replace('METHOD:REQUEST', 'METHOD:PUBLISH'), 'PUBLISH'],
    ['CANCEL: STATUS:CANCELLED', GOOD.replace('METHOD:REQUEST', 'METHOD:CANCEL'), 'CANCEL'],
    [
      'REQUEST and CANCEL: one UID per object',
      GOOD.replace(/UID:u1(?=[\s\S]*RECURRENCE-ID)/, 'UID:u1').replace(
        /(RECURRENCE-ID[\s\S]*?END:VEVENT)/,
        '$1\r\nBEGIN:VEVENT\r\nUID:u2\r\nSEQUENCE:0\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;TZID=Europe/Paris:20270301T100000\r\nSUMMARY:S\r\nORGANIZER:mailto:a@example.org\r\nATTENDEE:mailto:c@example.org\r\nEND:VEVENT',
      ),
      'REQUEST',
    ],
    // The February meeting moved onto the March meeting's day, then past it.
    [
      'a recurring event keeps Outlook',
      GOOD.replace('DTSTART;TZID=Europe/Paris:20270203T100000', 'DTSTART;TZID=Europe/Paris:20270302T080000').replace(
        'DTEND;TZID=Europe/Paris:20270203T110000',
        'DTEND;TZID=Europe/Paris:20270302T090000',
      ),
      'REQUEST',
    ],
    [
      'a recurring event keeps Outlook',
      GOOD.replace('DTSTART;TZID=Europe/Paris:20270203T100000', 'DTSTART;TZID=Europe/Paris:20270310T100000').replace(
        'DTEND;TZID=Europe/Paris:20270203T110000',
        'DTEND;TZID=Europe/Paris:20270310T110000',
      ),
      'REQUEST',
    ],
    // ... and onto the day before, overlapping the January meeting's end (moved back a month).
    [
      'a recurring event keeps Outlook',
      GOOD.replace('DTSTART;TZID=Europe/Paris:20270203T100000', 'DTSTART;TZID=Europe/Paris:20270105T103000').replace(
        'DTEND;TZID=Europe/Paris:20270203T110000',
        'DTEND;TZID=Europe/Paris:20270105T113000',
      ),
      'REQUEST',
    ],
  ];
  it.each(bad)('%s', (rule, text, method) => {
    const r = CLIENT_RULES.find((x) => x.rule.startsWith(rule))!;
    expect(r, rule).toBeDefined();
    expect(r.check(text, method).length).toBeGreaterThan(0);
  });
});
