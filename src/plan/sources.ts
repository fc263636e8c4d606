import cnDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import * as krYears from '@hyunbinseo/holidays-kr/all';
import type { IsoDate } from '../schedule/types.js';

/*
 * Official holiday arrangements, for the countries where date-holidays' rules cannot know them
 * and a well-kept package publishes them each year (see docs/holidays.md):
 *
 * - CN, chinese-days: the days off and the make-up working days of the State Council's yearly
 *   notice (国务院办公厅关于部分节假日安排的通知), by the package's own update job after each
 *   notice. Its JSON is read, not its functions: those mix UTC and the machine's local time.
 * - KR, @hyunbinseo/holidays-kr: the public holidays of the yearly almanac (월력요항) in the
 *   official gazette, with substitute holidays and election days; names are in Korean and are
 *   put in English here (an unknown name is kept as it is).
 *
 * Each covers whole years; a year it does not list (the next year before its notice is out) is
 * left to date-holidays, and the plan says so.
 */

export interface OfficialDay {
  date: IsoDate;
  name: string;
}

export interface OfficialYear {
  /** Days off for everyone, with their English names. */
  holidays: OfficialDay[];
  /** Make-up working days (weekend days worked for a bridge day off). */
  workdays: OfficialDay[];
}

export interface OfficialSource {
  /** The npm package the data comes from. */
  id: string;
  country: string;
  /** The years the source lists, in order. */
  years: readonly number[];
  year(y: number): OfficialYear | undefined;
}

/** "Spring Festival,春节,4" → "Spring Festival". */
function cnName(value: string): string {
  return value.split(',')[0]!.trim();
}

function chineseDays(): OfficialSource {
  const data = cnDays as { holidays: Record<string, string>; workdays: Record<string, string>; inLieuDays: Record<string, string> };
  const byYear = new Map<number, OfficialYear>();
  const yearOf = (d: string) => {
    const y = Number(d.slice(0, 4));
    let e = byYear.get(y);
    if (!e) byYear.set(y, (e = { holidays: [], workdays: [] }));
    return e;
  };
  for (const [date, v] of Object.entries(data.holidays)) {
    // A day off in lieu is a working day given off for a worked weekend day: say so.
    const name = data.inLieuDays[date] !== undefined ? `${cnName(v)} (day off in lieu)` : cnName(v);
    yearOf(date).holidays.push({ date, name });
  }
  for (const [date, v] of Object.entries(data.workdays)) yearOf(date).workdays.push({ date, name: `${cnName(v)} make-up working day` });
  for (const e of byYear.values()) {
    e.holidays.sort((a, b) => (a.date < b.date ? -1 : 1));
    e.workdays.sort((a, b) => (a.date < b.date ? -1 : 1));
  }
  return { id: 'chinese-days', country: 'CN', years: [...byYear.keys()].sort(), year: (y) => byYear.get(y) };
}

/** Korean names of the gazette → English (the names date-holidays uses where it has them). */
const KR_NAMES: Readonly<Record<string, string>> = {
  '1월 1일': "New Year's Day",
  '설날 전날': 'Seollal (eve)',
  설날: 'Seollal',
  '설날 다음 날': 'Seollal (day after)',
  '3ㆍ1절': 'Independence Movement Day',
  노동절: 'Labour Day',
  어린이날: "Children's Day",
  '부처님 오신 날': "Buddha's Birthday",
  현충일: 'Memorial Day',
  제헌절: 'Constitution Day',
  광복절: 'Liberation Day',
  '추석 전날': 'Chuseok (eve)',
  추석: 'Chuseok',
  '추석 다음 날': 'Chuseok (day after)',
  개천절: 'National Foundation Day',
  한글날: 'Hangul Day',
  기독탄신일: 'Christmas Day',
  전국동시지방선거: 'Local elections',
  대통령선거: 'Presidential election',
  임시공휴일: 'Temporary public holiday',
};

// Built from strings, not regex literals: esbuild writes the bundle in ASCII (charset: 'ascii')
// but cannot escape a regex literal, and one non-ASCII character made the whole 2 MB bundle a
// two-byte string at every start (scripts/bundle.js checks that the bundle is ASCII).
const KR_WRAPPED = new RegExp('^(대체공휴일|임시공휴일)\\((.+)\\)$');

/** An English name for a name of the Korean gazette. */
export function krName(name: string): string {
  const known = KR_NAMES[name];
  if (known) return known;
  const wrapped = KR_WRAPPED.exec(name);
  if (wrapped) return `${krName(wrapped[2]!)} (${wrapped[1] === '대체공휴일' ? 'substitute day' : 'temporary public holiday'})`;
  // "제21대 국회의원선거", "제22대국회의원선거": the National Assembly election.
  if (name.endsWith('국회의원선거')) return 'National Assembly election';
  return name;
}

function holidaysKr(): OfficialSource {
  const byYear = new Map<number, OfficialYear>();
  for (const [key, days] of Object.entries(krYears as Record<string, Readonly<Record<string, readonly string[]>>>)) {
    const y = Number(key.replace(/^y/, ''));
    if (!Number.isInteger(y)) continue;
    const holidays = Object.entries(days).flatMap(([date, names]) => names.map((n) => ({ date, name: krName(n) })));
    byYear.set(y, { holidays: holidays.sort((a, b) => (a.date < b.date ? -1 : 1)), workdays: [] });
  }
  return { id: '@hyunbinseo/holidays-kr', country: 'KR', years: [...byYear.keys()].sort(), year: (y) => byYear.get(y) };
}

let sources: Map<string, OfficialSource> | undefined;

/** The official source of a country (CN, KR), if any. Built once, on first use. */
export function officialSource(country: string): OfficialSource | undefined {
  sources ??= new Map([chineseDays(), holidaysKr()].map((s) => [s.country, s]));
  return sources.get(country);
}
