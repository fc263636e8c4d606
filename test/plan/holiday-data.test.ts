import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createHolidayCalendar, planGroups, planSchedule } from '../../src/plan/index.js';
import { addDays } from '../../src/schedule/dates.js';
import { python3 } from '../helpers/python.js';
import { context, group } from './fixtures.js';

/*
 * The holiday data against independent sources: official announcements (dates copied from the
 * publication cited next to them), or dates computed here from the rule that makes them (the
 * Korean lunisolar calendar of ICU, the election law). None of it comes from tcon's sources.
 */

const calendar = createHolidayCalendar();

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

function publicDays(country: string, year: number): string[] {
  return days(`${year}-01-01`, `${year}-12-31`).filter((d) => calendar.holidays(country, d).some((h) => h.type === 'public'));
}

describe("mainland China: the State Council's arrangements", () => {
  // 国务院办公厅关于2026年部分节假日安排的通知 (State Council General Office, November 2025):
  // 元旦 1月1日至3日放假，1月4日（周日）上班；春节 2月15日至23日放假，2月14日（周六）、2月28日（周六）上班；
  // 清明节 4月4日至6日；劳动节 5月1日至5日放假，5月9日（周六）上班；端午节 6月19日至21日；
  // 中秋节 9月25日至27日；国庆节 10月1日至7日放假，9月20日（周日）、10月10日（周六）上班。
  const OFF_2026 = [
    ...days('2026-01-01', '2026-01-03'),
    ...days('2026-02-15', '2026-02-23'),
    ...days('2026-04-04', '2026-04-06'),
    ...days('2026-05-01', '2026-05-05'),
    ...days('2026-06-19', '2026-06-21'),
    ...days('2026-09-25', '2026-09-27'),
    ...days('2026-10-01', '2026-10-07'),
  ];
  const WORKED_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

  it('2026: the days off of the notice, and no other public day', () => {
    expect(publicDays('CN', 2026)).toEqual(OFF_2026);
    expect(calendar.sourceOf('CN', 2026)).toEqual({ source: 'chinese-days', note: undefined });
  });

  it('2026: the make-up working days of the notice', () => {
    expect(days('2026-01-01', '2026-12-31').filter((d) => calendar.workday('CN', d))).toEqual(WORKED_2026);
  });

  it("Women's, Youth, Army and Children's Days are for part of the population only (全国年节及纪念日放假办法, art. 3)", () => {
    const partial = (d: string) =>
      calendar
        .holidays('CN', d)
        .filter((h) => h.type === 'partial')
        .map((h) => [h.name, h.start]);
    expect(partial('2026-03-08')).toEqual([["International Women's Day", '12:00']]);
    expect(partial('2026-05-04')).toEqual([['Youth Day', '12:00']]);
    expect(partial('2026-06-01')).toEqual([["Children's Day", undefined]]);
    expect(partial('2026-08-01')).toEqual([['Army Day', '12:00']]);
  });

  it('a year the package has no arrangement for falls back to date-holidays, and says so', () => {
    const s = calendar.sourceOf('CN', 2035);
    expect(s.source).toBe('date-holidays');
    expect(s.note).toMatch(/^chinese-days has no 2035 arrangement yet; its last year is 20\d\d$/);
  });

  const shanghai = (members: string) =>
    group(`
id: cn-wg
title: CN WG
timezone: Asia/Shanghai
series:
  - from: 2026-01-01
    rule: FREQ=WEEKLY;BYDAY=TH
    slots: ["10:00"]
holidays: { policy: shift, shift-days: 1 }
members:
${members}
`);
  const blackout = 'blackouts: [{ name: Offsite, from: 2026-02-26, to: 2026-02-27, policy: shift }]';
  const feb26 = (g: ReturnType<typeof group>) =>
    planSchedule(g, { from: '2026-02-01', to: '2026-03-31' }, context(blackout)).occurrences.find((o) => o.ruleDate === '2026-02-26')!;

  it('a shift may land on a make-up Saturday when every place of the group works it', () => {
    const g = shanghai('  - { name: Li Wei, email: li@example.org, zone: Asia/Shanghai }');
    expect(feb26(g).start.toISO()).toBe('2026-02-28T10:00:00.000+08:00');
  });

  it('not when a member elsewhere has the weekend off', () => {
    const g = shanghai(
      '  - { name: Li Wei, email: li@example.org, zone: Asia/Shanghai }\n  - { name: Ann Chair, email: ann@example.org, zone: America/New_York }',
    );
    expect(feb26(g).start.toISO()).toBe('2026-03-02T10:00:00.000+08:00');
  });
});

/** Gregorian dates of a day of the Korean lunisolar calendar (ICU's `dangi`), in a year. */
function lunar(year: number, month: number, day: number): string {
  const f = new Intl.DateTimeFormat('en-u-ca-dangi', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
  const hit = days(`${year}-01-01`, `${year}-12-31`).find((d) => {
    const parts = f.formatToParts(new Date(`${d}T00:00:00Z`));
    return parts.find((p) => p.type === 'month')!.value === String(month) && parts.find((p) => p.type === 'day')!.value === String(day);
  });
  return hit!;
}

describe("South Korea: the official gazette's holidays", () => {
  // Seollal is lunar 1/1 with the day before and after, Chuseok lunar 8/15 likewise, Buddha's
  // Birthday lunar 4/8 (관공서의 공휴일에 관한 규정, art. 2).
  it.each([2026, 2027])('%i: Seollal and Chuseok are the three days around lunar 1/1 and 8/15', (year) => {
    const seollal = lunar(year, 1, 1);
    const chuseok = lunar(year, 8, 15);
    for (const d of [addDays(seollal, -1), seollal, addDays(seollal, 1)])
      expect(
        calendar
          .holidays('KR', d)
          .map((h) => h.name)
          .join(),
      ).toMatch(/Seollal/);
    for (const d of [addDays(chuseok, -1), chuseok, addDays(chuseok, 1)])
      expect(
        calendar
          .holidays('KR', d)
          .map((h) => h.name)
          .join(),
      ).toMatch(/Chuseok/);
    expect(calendar.holidays('KR', lunar(year, 4, 8)).map((h) => h.name)).toContain("Buddha's Birthday");
    expect(calendar.sourceOf('KR', year).source).toBe('@hyunbinseo/holidays-kr');
  });

  it('2026: the local elections, on the first Wednesday of June of their year (공직선거법, art. 34), are a day off', () => {
    const firstWednesday = days('2026-06-01', '2026-06-07').find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 3)!;
    expect(calendar.holidays('KR', firstWednesday).map((h) => [h.name, h.type])).toEqual([['Local elections', 'public']]);
  });
});

describe('kinds and half days', () => {
  const berlin = (slot: string, kinds: string) =>
    group(`
id: de-wg
title: DE WG
timezone: Europe/Berlin
series:
  - from: 2027-12-01
    until: 2027-12-31
    rule: FREQ=WEEKLY;BYDAY=FR
    slots: ["${slot}"]
holidays: { kinds: ${kinds} }
members:
  - { name: Jonas Berg, email: jonas@example.org, zone: Europe/Berlin }
`);
  const dec24 = (slot: string, kinds = '[public, bank]') =>
    planGroups([berlin(slot, kinds)], { from: '2027-12-01', to: '2027-12-31' }, context(), { fix: false })
      .dates.filter((d) => d.occurrence.ruleDate === '2027-12-24')
      .map((d) => d.issue.reason);

  // Christmas Eve in Germany: shops and banks close at 14:00 (a bank holiday from 14:00).
  it.each([
    ['09:00', []],
    ['13:00', []],
    ['13:30', ['Christmas Eve (DE)']],
    ['14:00', ['Christmas Eve (DE)']],
  ])('a one-hour call at %s Berlin on 24 December: %j', (slot, reasons) => {
    expect(dec24(slot)).toEqual(reasons);
  });

  it('by default only public days off count: the bank half day does not', () => {
    expect(dec24('15:00', '[public]')).toEqual([]);
    expect(
      planGroups([berlin('15:00', '[public]')], { from: '2027-12-01', to: '2027-12-31' }, context(), { fix: false }).dates.map((d) => d.issue.reason),
    ).toEqual([]);
  });

  it.skipIf(!python3)("the start time is local to the holiday's country: a New York call at the instant Berlin reaches 14:00", () => {
    // Where the New York wall clock is when Berlin's is 14:00 and 13:00 on 24 December 2027, by zoneinfo.
    const ny = (berlinTime: string) =>
      execFileSync(
        python3!,
        [
          '-c',
          `from datetime import datetime; from zoneinfo import ZoneInfo; print(datetime.fromisoformat('2027-12-24T${berlinTime}').replace(tzinfo=ZoneInfo('Europe/Berlin')).astimezone(ZoneInfo('America/New_York')).strftime('%H:%M'))`,
        ],
        { encoding: 'utf8' },
      ).trim();
    const nyGroup = (slot: string) =>
      group(`
id: ny-wg
title: NY WG
timezone: America/New_York
series:
  - from: 2027-12-01
    until: 2027-12-31
    rule: FREQ=WEEKLY;BYDAY=FR
    slots: ["${slot}"]
holidays: { kinds: [public, bank] }
members:
  - { name: Jonas Berg, email: jonas@example.org, zone: Europe/Berlin }
`);
    const reasons = (slot: string) =>
      planGroups([nyGroup(slot)], { from: '2027-12-01', to: '2027-12-31' }, context(), { fix: false })
        .dates.filter((d) => d.occurrence.ruleDate === '2027-12-24')
        .map((d) => d.issue.reason);
    expect(reasons(ny('14:00'))).toEqual(['Christmas Eve (DE)']);
    expect(reasons(ny('13:00'))).toEqual([]);
  });
});
