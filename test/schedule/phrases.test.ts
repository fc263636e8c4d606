import rrulePkg from 'rrule';
import { describe, expect, it } from 'vitest';
import { describeRule } from '../../src/schedule/describe.js';
import { expandDates, parseRule } from '../../src/schedule/recurrence.js';
import { PYTHON_ICAL_SKIP_NOTE, pythonWithIcal, ruleDatesWithPython } from '../helpers/python.js';

const { RRule } = rrulePkg;

// The RRULEs are written out by hand from RFC 5545; only the two week-number lists are built.
const ODD = `BYWEEKNO=${Array.from({ length: 27 }, (_, i) => 2 * i + 1).join(',')}`;
const EVEN = `BYWEEKNO=${Array.from({ length: 26 }, (_, i) => 2 * i + 2).join(',')}`;

/** [phrase, the RRULE it must give]. */
const ACCEPTED: [string, string][] = [
  // The nth weekday of the month
  ['3rd Tuesday of every month', 'FREQ=MONTHLY;BYDAY=+3TU'],
  ['every month on the 3rd Tuesday', 'FREQ=MONTHLY;BYDAY=+3TU'],
  ['the third Tuesday of the month', 'FREQ=MONTHLY;BYDAY=+3TU'],
  ['monthly on the 3rd Tuesday', 'FREQ=MONTHLY;BYDAY=+3TU'],
  ['3rd Tuesday', 'FREQ=MONTHLY;BYDAY=+3TU'],
  ['The 3rd Tuesday of each month.', 'FREQ=MONTHLY;BYDAY=+3TU'],
  ['on the third Tuesday of every month', 'FREQ=MONTHLY;BYDAY=+3TU'],
  ['every third Tuesday of the month', 'FREQ=MONTHLY;BYDAY=+3TU'],
  ['3rd Tues of every month', 'FREQ=MONTHLY;BYDAY=+3TU'],
  ['3RD TUESDAY OF EVERY MONTH', 'FREQ=MONTHLY;BYDAY=+3TU'],
  ['  3rd   Tuesday,  every month ', 'FREQ=MONTHLY;BYDAY=+3TU'],
  ['every month on the fourth Tuesday', 'FREQ=MONTHLY;BYDAY=+4TU'],
  ['every month on the 4th Tuesday', 'FREQ=MONTHLY;BYDAY=+4TU'],
  ['every month on the fifth Tuesday', 'FREQ=MONTHLY;BYDAY=+5TU'],
  ['5th Friday of every month', 'FREQ=MONTHLY;BYDAY=+5FR'],
  ['1st Monday of every month', 'FREQ=MONTHLY;BYDAY=+1MO'],
  ['first Monday of the month', 'FREQ=MONTHLY;BYDAY=+1MO'],
  ['every first Monday', 'FREQ=MONTHLY;BYDAY=+1MO'],
  ['second Wednesday of each month', 'FREQ=MONTHLY;BYDAY=+2WE'],
  ['the 2nd Wed of the month', 'FREQ=MONTHLY;BYDAY=+2WE'],
  ['every second Wednesday of the month', 'FREQ=MONTHLY;BYDAY=+2WE'],
  ['last Friday of every month', 'FREQ=MONTHLY;BYDAY=-1FR'],
  ['the last Friday of the month', 'FREQ=MONTHLY;BYDAY=-1FR'],
  ['every last Friday', 'FREQ=MONTHLY;BYDAY=-1FR'],
  ['monthly on the last Friday', 'FREQ=MONTHLY;BYDAY=-1FR'],
  ['every month on the last Fri', 'FREQ=MONTHLY;BYDAY=-1FR'],
  ['second-to-last Thursday of the month', 'FREQ=MONTHLY;BYDAY=-2TH'],
  ['second to last Thursday of every month', 'FREQ=MONTHLY;BYDAY=-2TH'],
  ['2nd-to-last Thursday of every month', 'FREQ=MONTHLY;BYDAY=-2TH'],
  ['next-to-last Thursday of the month', 'FREQ=MONTHLY;BYDAY=-2TH'],
  ['penultimate Thursday of the month', 'FREQ=MONTHLY;BYDAY=-2TH'],
  ['second last Thursday of the month', 'FREQ=MONTHLY;BYDAY=-2TH'],
  ['third-to-last Monday of the month', 'FREQ=MONTHLY;BYDAY=-3MO'],
  // Several ordinals and weekdays
  ['2nd and 4th Tuesday', 'FREQ=MONTHLY;BYDAY=+2TU,+4TU'],
  ['the 2nd and 4th Tuesday of every month', 'FREQ=MONTHLY;BYDAY=+2TU,+4TU'],
  ['every month on the 2nd Tuesday and the 4th Tuesday', 'FREQ=MONTHLY;BYDAY=+2TU,+4TU'],
  ['every month on the 2nd and 4th Tuesday', 'FREQ=MONTHLY;BYDAY=+2TU,+4TU'],
  ['second and fourth Tuesdays', 'FREQ=MONTHLY;BYDAY=+2TU,+4TU'],
  ['2nd & 4th Tuesday of the month', 'FREQ=MONTHLY;BYDAY=+2TU,+4TU'],
  ['2nd/4th Tuesday', 'FREQ=MONTHLY;BYDAY=+2TU,+4TU'],
  ['2nd, 4th Tuesday', 'FREQ=MONTHLY;BYDAY=+2TU,+4TU'],
  ['the second and the fourth Tuesday of each month', 'FREQ=MONTHLY;BYDAY=+2TU,+4TU'],
  ['4th and 2nd Tuesday', 'FREQ=MONTHLY;BYDAY=+4TU,+2TU'],
  ['every 2nd and 4th Tuesday', 'FREQ=MONTHLY;BYDAY=+2TU,+4TU'],
  ['1st Monday and 3rd Thursday', 'FREQ=MONTHLY;BYDAY=+1MO,+3TH'],
  ['the 1st Monday and the 3rd Thursday of every month', 'FREQ=MONTHLY;BYDAY=+1MO,+3TH'],
  ['first Monday and third Thursday of each month', 'FREQ=MONTHLY;BYDAY=+1MO,+3TH'],
  ['3rd Thursday and 1st Monday', 'FREQ=MONTHLY;BYDAY=+3TH,+1MO'],
  ['1st and 3rd Monday', 'FREQ=MONTHLY;BYDAY=+1MO,+3MO'],
  ['first and third Mondays of the month', 'FREQ=MONTHLY;BYDAY=+1MO,+3MO'],
  ['1st, 3rd and 5th Wednesday', 'FREQ=MONTHLY;BYDAY=+1WE,+3WE,+5WE'],
  ['1st and last Monday of the month', 'FREQ=MONTHLY;BYDAY=+1MO,-1MO'],
  ['the 2nd and last Tuesday', 'FREQ=MONTHLY;BYDAY=+2TU,-1TU'],
  ['2nd and 4th Tuesday and Thursday', 'FREQ=MONTHLY;BYDAY=+2TU,+4TU,+2TH,+4TH'],
  ['1st Tuesday and 1st Thursday', 'FREQ=MONTHLY;BYDAY=+1TU,+1TH'],
  ['1st Tuesday and Thursday of every month', 'FREQ=MONTHLY;BYDAY=+1TU,+1TH'],
  ['every month on the 1st Monday, 2nd Tuesday and 3rd Wednesday', 'FREQ=MONTHLY;BYDAY=+1MO,+2TU,+3WE'],
  // The nth weekday (Monday to Friday) of the month
  ['last weekday of the month', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'],
  ['the last working day of every month', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'],
  ['last business day of each month', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'],
  ['first weekday of the month', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1'],
  ['the 1st and last weekday of the month', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1'],
  // Every other month, quarterly, named months
  ['3rd Tuesday of every other month', 'INTERVAL=2;FREQ=MONTHLY;BYDAY=+3TU'],
  ['every 2 months on the 3rd Tuesday', 'INTERVAL=2;FREQ=MONTHLY;BYDAY=+3TU'],
  ['every other month on the 3rd Tuesday', 'INTERVAL=2;FREQ=MONTHLY;BYDAY=+3TU'],
  ['3rd Tuesday of every second month', 'INTERVAL=2;FREQ=MONTHLY;BYDAY=+3TU'],
  ['3rd Tuesday, every other month', 'INTERVAL=2;FREQ=MONTHLY;BYDAY=+3TU'],
  ['quarterly on the 3rd Tuesday', 'INTERVAL=3;FREQ=MONTHLY;BYDAY=+3TU'],
  ['3rd Tuesday of every third month', 'INTERVAL=3;FREQ=MONTHLY;BYDAY=+3TU'],
  ['every 3 months on the third Tuesday', 'INTERVAL=3;FREQ=MONTHLY;BYDAY=+3TU'],
  ['every quarter on the 3rd Tuesday', 'INTERVAL=3;FREQ=MONTHLY;BYDAY=+3TU'],
  ['3rd Tuesday quarterly', 'INTERVAL=3;FREQ=MONTHLY;BYDAY=+3TU'],
  ['the third Tuesday of every quarter', 'INTERVAL=3;FREQ=MONTHLY;BYDAY=+3TU'],
  ['every three months on the 3rd Tuesday', 'INTERVAL=3;FREQ=MONTHLY;BYDAY=+3TU'],
  ['every 6 months on the 1st Monday', 'INTERVAL=6;FREQ=MONTHLY;BYDAY=+1MO'],
  ['last Friday of every other month', 'INTERVAL=2;FREQ=MONTHLY;BYDAY=-1FR'],
  ['2nd and 4th Tuesday of every other month', 'INTERVAL=2;FREQ=MONTHLY;BYDAY=+2TU,+4TU'],
  ['3rd Tuesday of January, April, July and October', 'FREQ=MONTHLY;BYMONTH=1,4,7,10;BYDAY=+3TU'],
  ['3rd Tuesday in Jan, Apr, Jul and Oct', 'FREQ=MONTHLY;BYMONTH=1,4,7,10;BYDAY=+3TU'],
  ['the 2nd Wednesday of March and September', 'FREQ=MONTHLY;BYMONTH=3,9;BYDAY=+2WE'],
  ['last Thursday of November', 'FREQ=MONTHLY;BYMONTH=11;BYDAY=-1TH'],
  ['1st Monday of Sept', 'FREQ=MONTHLY;BYMONTH=9;BYDAY=+1MO'],
  // A day of the month
  ['the 15th of every month', 'FREQ=MONTHLY;BYMONTHDAY=15'],
  ['every month on the 15th', 'FREQ=MONTHLY;BYMONTHDAY=15'],
  ['monthly on day 15', 'FREQ=MONTHLY;BYMONTHDAY=15'],
  ['day 15 of every month', 'FREQ=MONTHLY;BYMONTHDAY=15'],
  ['on the 15th of each month', 'FREQ=MONTHLY;BYMONTHDAY=15'],
  ['monthly on the 15th', 'FREQ=MONTHLY;BYMONTHDAY=15'],
  ['every month on day 15', 'FREQ=MONTHLY;BYMONTHDAY=15'],
  ['the 1st of every month', 'FREQ=MONTHLY;BYMONTHDAY=1'],
  ['the first of every month', 'FREQ=MONTHLY;BYMONTHDAY=1'],
  ['first day of the month', 'FREQ=MONTHLY;BYMONTHDAY=1'],
  ['the 1st and 15th of every month', 'FREQ=MONTHLY;BYMONTHDAY=1,15'],
  ['days 1 and 15 of every month', 'FREQ=MONTHLY;BYMONTHDAY=1,15'],
  ['monthly on the 1st and the 15th', 'FREQ=MONTHLY;BYMONTHDAY=1,15'],
  ['the last day of every month', 'FREQ=MONTHLY;BYMONTHDAY=-1'],
  ['last day of the month', 'FREQ=MONTHLY;BYMONTHDAY=-1'],
  ['monthly on the last day', 'FREQ=MONTHLY;BYMONTHDAY=-1'],
  ['the second-to-last day of every month', 'FREQ=MONTHLY;BYMONTHDAY=-2'],
  ['the 1st and last day of each month', 'FREQ=MONTHLY;BYMONTHDAY=1,-1'],
  ['the 28th of every month', 'FREQ=MONTHLY;BYMONTHDAY=28'],
  ['quarterly on the 15th', 'INTERVAL=3;FREQ=MONTHLY;BYMONTHDAY=15'],
  ['the 10th of every other month', 'INTERVAL=2;FREQ=MONTHLY;BYMONTHDAY=10'],
  ['the 15th of March and September', 'FREQ=MONTHLY;BYMONTH=3,9;BYMONTHDAY=15'],
  // Weekly
  ['every Tuesday', 'FREQ=WEEKLY;BYDAY=TU'],
  ['Tuesdays', 'FREQ=WEEKLY;BYDAY=TU'],
  ['on Tuesdays', 'FREQ=WEEKLY;BYDAY=TU'],
  ['every week on Tuesday', 'FREQ=WEEKLY;BYDAY=TU'],
  ['weekly on Tuesday', 'FREQ=WEEKLY;BYDAY=TU'],
  ['weekly on Tuesdays', 'FREQ=WEEKLY;BYDAY=TU'],
  ['each Tuesday', 'FREQ=WEEKLY;BYDAY=TU'],
  ['Tuesday every week', 'FREQ=WEEKLY;BYDAY=TU'],
  ['Tuesdays, weekly', 'FREQ=WEEKLY;BYDAY=TU'],
  ['every tue', 'FREQ=WEEKLY;BYDAY=TU'],
  ['EVERY TUESDAY.', 'FREQ=WEEKLY;BYDAY=TU'],
  ['every Monday and Thursday', 'FREQ=WEEKLY;BYDAY=MO,TH'],
  ['Mondays and Thursdays', 'FREQ=WEEKLY;BYDAY=MO,TH'],
  ['every Thursday and Monday', 'FREQ=WEEKLY;BYDAY=TH,MO'],
  ['every week on Monday and Thursday', 'FREQ=WEEKLY;BYDAY=MO,TH'],
  ['weekly on Mon & Thu', 'FREQ=WEEKLY;BYDAY=MO,TH'],
  ['every Monday, Wednesday and Friday', 'FREQ=WEEKLY;BYDAY=MO,WE,FR'],
  ['every Monday, Wednesday, and Friday', 'FREQ=WEEKLY;BYDAY=MO,WE,FR'],
  ['Mon/Wed/Fri', 'FREQ=WEEKLY;BYDAY=MO,WE,FR'],
  ['every Mon, Wed, Fri', 'FREQ=WEEKLY;BYDAY=MO,WE,FR'],
  ['every Saturday and Sunday', 'FREQ=WEEKLY;BYDAY=SA,SU'],
  ['every weekday', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  ['weekdays', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  ['every working day', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  ['every business day', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  ['Monday to Friday', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  ['Monday through Friday', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  ['Monday-Friday', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  ['every weekday (Monday to Friday)', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  ['every Monday to Thursday', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH'],
  ['Tuesday to Thursday', 'FREQ=WEEKLY;BYDAY=TU,WE,TH'],
  // Every other week, every N weeks
  ['every other Wednesday', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['biweekly on Wednesday', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['bi-weekly on Wednesdays', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['fortnightly on Wednesday', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['every 2 weeks on Wednesday', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['every two weeks on Wednesday', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['every second week on Wednesday', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['every 2nd week on Wednesday', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['every other week on Wednesday', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['every fortnight on Wednesday', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['alternate Wednesdays', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['on alternate Wednesdays', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['Wednesday every other week', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['Wednesdays, biweekly', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['every Wednesday, every other week', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['Every other Wednesday.', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=WE'],
  ['every other week on Tuesday and Thursday', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=TU,TH'],
  ['every other Tuesday and Thursday', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=TU,TH'],
  ['biweekly on Mondays and Thursdays', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=MO,TH'],
  ['every other week on weekdays', 'INTERVAL=2;FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  ['every 3 weeks on Monday', 'INTERVAL=3;FREQ=WEEKLY;BYDAY=MO'],
  ['every three weeks on Monday', 'INTERVAL=3;FREQ=WEEKLY;BYDAY=MO'],
  ['every third week on Monday', 'INTERVAL=3;FREQ=WEEKLY;BYDAY=MO'],
  ['every 4 weeks on Friday', 'INTERVAL=4;FREQ=WEEKLY;BYDAY=FR'],
  // Written with a number, the interval is kept as rrule's English parser wrote it (see below).
  ['every 1 week on Tuesday', 'INTERVAL=1;FREQ=WEEKLY;BYDAY=TU'],
  // A repeated item is read once (and a long list of them is read in linear time: each "the" may
  // belong to the separator or the item, which once made 2^n readings).
  ['the 1st Monday and the 1st Monday and the 1st Monday and the 1st Monday and the 1st Monday and the 1st Monday', 'FREQ=MONTHLY;BYDAY=+1MO'],
  // ISO week parity
  ['every Tuesday in odd ISO weeks', `FREQ=YEARLY;${ODD};BYDAY=TU`],
  ['every Tuesday in odd weeks', `FREQ=YEARLY;${ODD};BYDAY=TU`],
  ['Tuesdays in odd weeks', `FREQ=YEARLY;${ODD};BYDAY=TU`],
  ['Tuesday of odd ISO weeks', `FREQ=YEARLY;${ODD};BYDAY=TU`],
  ['every Tuesday (odd ISO weeks)', `FREQ=YEARLY;${ODD};BYDAY=TU`],
  ['odd weeks on Tuesday', `FREQ=YEARLY;${ODD};BYDAY=TU`],
  ['every odd week on Tuesday', `FREQ=YEARLY;${ODD};BYDAY=TU`],
  ['in odd-numbered weeks on Tuesday', `FREQ=YEARLY;${ODD};BYDAY=TU`],
  ['every Tuesday in odd-numbered ISO weeks', `FREQ=YEARLY;${ODD};BYDAY=TU`],
  ['every Tuesday in ISO odd weeks', `FREQ=YEARLY;${ODD};BYDAY=TU`],
  ['every Tuesday in odd ISO week numbers', `FREQ=YEARLY;${ODD};BYDAY=TU`],
  ['every Tuesday in even ISO weeks', `FREQ=YEARLY;${EVEN};BYDAY=TU`],
  ['Mondays and Thursdays in even weeks', `FREQ=YEARLY;${EVEN};BYDAY=MO,TH`],
  ['every even week on Friday', `FREQ=YEARLY;${EVEN};BYDAY=FR`],
  ['every weekday in odd weeks', `FREQ=YEARLY;${ODD};BYDAY=MO,TU,WE,TH,FR`],
  // Daily
  ['daily', 'FREQ=DAILY'],
  ['every day', 'FREQ=DAILY'],
  ['each day', 'FREQ=DAILY'],
  ['every other day', 'INTERVAL=2;FREQ=DAILY'],
  ['every 3 days', 'INTERVAL=3;FREQ=DAILY'],
  ['every third day', 'INTERVAL=3;FREQ=DAILY'],
];

/** [phrase, the reason it must give, a phrase its suggestions must include]. */
const REFUSED: [string, string, string][] = [
  ['every 2nd Tuesday', 'it can mean "every other Tuesday" or "2nd Tuesday of every month": say which', 'every other Tuesday'],
  ['every second Tuesday', 'it can mean "every other Tuesday" or "2nd Tuesday of every month": say which', '2nd Tuesday of every month'],
  ['every third Thursday', 'it can mean "every 3 weeks on Thursday" or "3rd Thursday of every month": say which', 'every 3 weeks on Thursday'],
  ['every month', 'it names no day of the month', '3rd Tuesday of every month'],
  ['monthly', 'it names no day of the month', 'monthly on day 1'],
  ['quarterly', 'it names no day of the month', '3rd Tuesday of every month'],
  ['every week', 'it names no weekday', 'every Tuesday'],
  ['biweekly', 'it names no weekday', 'every other Wednesday'],
  ['every other week', 'it names no weekday', 'every other Wednesday'],
  ['every 2 weeks', 'it names no weekday', 'every other Wednesday'],
  ['bimonthly', '"bimonthly" and "twice a month" mean different things to different readers: name the days', '2nd and 4th Tuesday of every month'],
  [
    'bi-monthly on the 3rd Tuesday',
    '"bimonthly" and "twice a month" mean different things to different readers: name the days',
    '3rd Tuesday of every other month',
  ],
  ['twice a month', '"bimonthly" and "twice a month" mean different things to different readers: name the days', '2nd and 4th Tuesday of every month'],
  ['semi-monthly', '"bimonthly" and "twice a month" mean different things to different readers: name the days', '2nd and 4th Tuesday of every month'],
  [
    'monthly on day 31',
    'day 31 is missing from some months, which would have no meeting: for the month\'s end write "the last day of every month"; to skip the short months on purpose, write the RRULE FREQ=MONTHLY;BYMONTHDAY=31',
    'the last day of every month',
  ],
  [
    'the 30th of every month',
    'day 30 is missing from some months, which would have no meeting: for the month\'s end write "the last day of every month"; to skip the short months on purpose, write the RRULE FREQ=MONTHLY;BYMONTHDAY=30',
    'the last day of every month',
  ],
  ['6th Tuesday of every month', 'a month has at most five Tuesdays, so no 6th', 'last Tuesday of every month'],
  [
    'every Saturday in odd weeks',
    'Saturday of odd or even ISO weeks cannot be written exactly: RRULE engines (rrule, python-dateutil) count 1-2 January in week 53 of a year that has none (Saturday 2022-01-01 would count as odd, but it is in week 52 of 2021); use "every other Saturday", which counts from the series\' "from"',
    'every other Saturday',
  ],
  [
    'Sundays in even ISO weeks',
    'Sunday of odd or even ISO weeks cannot be written exactly: RRULE engines (rrule, python-dateutil) count 1-2 January in week 53 of a year that has none (Saturday 2022-01-01 would count as odd, but it is in week 52 of 2021); use "every other Sunday", which counts from the series\' "from"',
    'every other Sunday',
  ],
  [
    'every other weekday',
    '"every other weekday" can mean alternate working days or the weekdays of every other week: name the days',
    'every other week on weekdays',
  ],
  ['2nd or 4th Tuesday', 'a rule cannot choose between dates: write "and" for meetings on each of them', '2nd and 4th Tuesday'],
  ['every Tuesday at 14:00', 'times of day belong in the series\' "slots", not in the rule', 'every Tuesday'],
  ['every Tuesday at 9am', 'times of day belong in the series\' "slots", not in the rule', 'every Tuesday'],
  ['every Tuesday until June', 'a rule has no start, end or count: the series keys "from" and "until" bound it', 'every Tuesday'],
  ['every Tuesday from 2027-01-05', 'a rule has no start, end or count: the series keys "from" and "until" bound it', 'every Tuesday'],
  ['every Tuesday for 10 weeks', 'a rule has no start, end or count: the series keys "from" and "until" bound it', 'every Tuesday'],
  [
    '3rd Tuesday except August',
    'a rule has no exceptions: list the months ("3rd Tuesday of January, February, ..."), or skip dates under "meetings:" (DATE: { skip: reason })',
    '3rd Tuesday of every month',
  ],
  [
    'every year',
    'yearly rules are written with their months ("3rd Tuesday of March"), or as an RRULE (FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15)',
    '3rd Tuesday of March',
  ],
  [
    'annually on the 3rd Tuesday of March',
    'yearly rules are written with their months ("3rd Tuesday of March"), or as an RRULE (FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15)',
    '3rd Tuesday of March',
  ],
  [
    'once a month on the 3rd Tuesday',
    '"once a month", "per week" and the like are not needed: name the days ("3rd Tuesday of every month", "every Monday")',
    'every month on the 3rd Tuesday',
  ],
  ['Tuesday', 'a weekday alone does not say how often: write "every Tuesday" (weekly), or with an ordinal, "1st Tuesday of every month"', 'every Tuesday'],
  ['every montth on the 3rd Tuesday', 'unknown word "montth"', 'every month on the 3rd Tuesday'],
  ['every month on the 3rd Tusday', 'unknown word "Tusday"', 'every month on the 3rd Tuesday'],
  ['3rd Tuesday of evry month', 'unknown word "evry"', '3rd Tuesday of every month'],
  ['evrey other Wensday', 'unknown word "evrey"', 'every other Wednesday'],
  ['whenever the chair feels like it', 'unknown word "whenever"', '3rd Tuesday of every month'],
  ['every Friday to Monday', 'cannot read "to Monday" here', 'every Friday and Monday'],
  ['every Tuesday and', 'the phrase stops short after "every Tuesday and"', 'every Tuesday'],
  ['every month on the', 'the phrase stops short after "every month on the"', 'every month on the 3rd Tuesday'],
  ['', 'the rule is empty', '3rd Tuesday of every month'],
  ['every Tuesday *', '"*" is not part of any phrase', 'every Tuesday'],
  [
    Array(14).fill('the 1st Monday').join(' and '),
    'a phrase of more than 40 words and signs is too long to be a rule: write an RRULE',
    '1st Monday of every month',
  ],
];

const FROM = '2026-06-03';
const TO = '2027-06-30'; // a year across 2026-W53 (28 Dec 2026 - 3 Jan 2027)

function ruleOf(phrase: string): string {
  const r = parseRule(phrase);
  if (!r.ok) throw new Error(`${phrase}: ${r.error}`);
  return r.rule;
}

describe('rule phrases', () => {
  it(`the table holds at least 150 phrases, each once`, () => {
    expect(ACCEPTED.length).toBeGreaterThanOrEqual(150);
    expect(new Set(ACCEPTED.map(([p]) => p)).size).toBe(ACCEPTED.length);
  });

  it.each(ACCEPTED)('%j reads as %s', (phrase, rule) => {
    expect(parseRule(phrase)).toEqual({ ok: true, rule });
  });

  it.each(REFUSED)('%j is refused: %s', (phrase, error, suggestion) => {
    const r = parseRule(phrase);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe(error);
    expect(r.suggestions).toContain(suggestion);
    // Every phrase offered instead is one tcon reads, and none is the rejected text again.
    expect(r.suggestions!.length).toBeGreaterThan(0);
    expect(r.suggestions!.length).toBeLessThanOrEqual(3);
    for (const s of r.suggestions!) expect(parseRule(s).ok, s).toBe(true);
  });

  it('an error points at the word it is about', () => {
    const at = (phrase: string) => {
      const r = parseRule(phrase);
      return r.ok ? -1 : r.at;
    };
    expect(at('every montth on the 3rd Tuesday')).toBe('every '.length);
    expect(at('every Tuesday at 14:00')).toBe('every Tuesday at '.length);
    expect(at('2nd or 4th Tuesday')).toBe('2nd '.length);
    expect(at('every Friday to Monday')).toBe('every Friday '.length);
  });

  it('RRULE text is read as before: normalised by rrule, DTSTART/UNTIL/COUNT and times refused', () => {
    expect(parseRule('FREQ=MONTHLY;BYDAY=3TU')).toEqual({ ok: true, rule: 'FREQ=MONTHLY;BYDAY=+3TU' });
    expect(parseRule('RRULE:freq=weekly;interval=2;byday=we')).toEqual({ ok: true, rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE' });
    expect(parseRule('FREQ=WEEKLY;BYDAY=TU;COUNT=3')).toMatchObject({ ok: false, forbidden: true });
    expect(parseRule('FREQ=WEEKLY;BYDAY=TU;BYHOUR=9')).toMatchObject({ ok: false });
    expect(parseRule('FREQ=MONTHLY;BYDAY=3XX')).toMatchObject({ ok: false });
  });
});

describe.skipIf(!pythonWithIcal)(`phrase RRULEs against Python${PYTHON_ICAL_SKIP_NOTE}`, () => {
  it('every RRULE of the table gives the same dates in tcon (rrule) and in python-dateutil over a year', () => {
    const rules = [...new Set(ACCEPTED.map(([, r]) => r))];
    const python = ruleDatesWithPython(rules.map((rule) => ({ rule, from: FROM, to: TO })));
    rules.forEach((rule, i) => {
      expect(expandDates(rule, FROM, FROM, TO), rule).toEqual(python[i]);
      expect(python[i]!.length, rule).toBeGreaterThan(0);
    });
  });

  // What each phrase means, written in Python from its English words (helpers in
  // test/fixtures/rule_dates.py; weeks and months of an interval count from `start`, the
  // series' "from", as the README says). [phrase, predicate, from]
  const MEANING: [string, string, string][] = [
    ['3rd Tuesday of every month', "wd(d,'TU') and nth(d)==3", FROM],
    ['every month on the fourth Tuesday', "wd(d,'TU') and nth(d)==4", FROM],
    ['every month on the fifth Tuesday', "wd(d,'TU') and nth(d)==5", FROM],
    ['last Friday of every month', "wd(d,'FR') and nth_last(d)==-1", FROM],
    ['second-to-last Thursday of the month', "wd(d,'TH') and nth_last(d)==-2", FROM],
    ['2nd and 4th Tuesday', "wd(d,'TU') and nth(d) in (2,4)", FROM],
    ['every month on the 2nd Tuesday and the 4th Tuesday', "wd(d,'TU') and nth(d) in (2,4)", FROM],
    ['1st Monday and 3rd Thursday', "(wd(d,'MO') and nth(d)==1) or (wd(d,'TH') and nth(d)==3)", FROM],
    ['1st and last Monday of the month', "wd(d,'MO') and (nth(d)==1 or nth_last(d)==-1)", FROM],
    ['2nd and 4th Tuesday and Thursday', "wd(d,'TU','TH') and nth(d) in (2,4)", FROM],
    [
      'every month on the 1st Monday, 2nd Tuesday and 3rd Wednesday',
      "(wd(d,'MO') and nth(d)==1) or (wd(d,'TU') and nth(d)==2) or (wd(d,'WE') and nth(d)==3)",
      FROM,
    ],
    ['last weekday of the month', 'last_workday(d)', FROM],
    ['first weekday of the month', 'first_workday(d)', FROM],
    ['3rd Tuesday of every other month', "wd(d,'TU') and nth(d)==3 and months_from(d)%2==0", FROM],
    ['quarterly on the 3rd Tuesday', "wd(d,'TU') and nth(d)==3 and months_from(d)%3==0", '2027-01-01'],
    ['quarterly on the 3rd Tuesday', "wd(d,'TU') and nth(d)==3 and months_from(d)%3==0", '2027-01-25'],
    ['3rd Tuesday of January, April, July and October', "wd(d,'TU') and nth(d)==3 and d.month in (1,4,7,10)", FROM],
    ['last Thursday of November', "wd(d,'TH') and nth_last(d)==-1 and d.month==11", FROM],
    ['the 15th of every month', 'd.day==15', FROM],
    ['the 1st and 15th of every month', 'd.day in (1,15)', FROM],
    ['the last day of every month', 'd.day==month_length(d)', FROM],
    ['the second-to-last day of every month', 'd.day==month_length(d)-1', FROM],
    ['the 1st and last day of each month', 'd.day==1 or d.day==month_length(d)', FROM],
    ['quarterly on the 15th', 'd.day==15 and months_from(d)%3==0', FROM],
    ['the 15th of March and September', 'd.day==15 and d.month in (3,9)', FROM],
    ['every Tuesday', "wd(d,'TU')", FROM],
    ['every Monday, Wednesday and Friday', "wd(d,'MO','WE','FR')", FROM],
    ['every weekday', 'd.weekday()<5', FROM],
    ['Monday to Friday', 'd.weekday()<5', FROM],
    ['every Saturday and Sunday', 'd.weekday()>=5', FROM],
    ['every other Wednesday', "wd(d,'WE') and weeks_from(d)%2==0", '2027-01-06'],
    ['every other Wednesday', "wd(d,'WE') and weeks_from(d)%2==0", '2027-01-04'],
    ['every other Wednesday', "wd(d,'WE') and weeks_from(d)%2==0", '2027-01-07'],
    ['biweekly on Tuesday', "wd(d,'TU') and weeks_from(d)%2==0", '2026-12-31'],
    ['every other week on Tuesday and Thursday', "wd(d,'TU','TH') and weeks_from(d)%2==0", '2027-01-06'],
    ['every other Sunday', "wd(d,'SU') and weeks_from(d)%2==0", '2027-01-06'],
    ['every 3 weeks on Monday', "wd(d,'MO') and weeks_from(d)%3==0", '2027-01-05'],
    ['every 4 weeks on Friday', "wd(d,'FR') and weeks_from(d)%4==0", FROM],
    ['every Tuesday in odd ISO weeks', "wd(d,'TU') and iso_week(d)%2==1", FROM],
    ['every Monday and Thursday in even weeks', "wd(d,'MO','TH') and iso_week(d)%2==0", FROM],
    ['every weekday in odd weeks', 'd.weekday()<5 and iso_week(d)%2==1', FROM],
    ['daily', 'True', FROM],
    ['every other day', 'days_from(d)%2==0', FROM],
    ['every 3 days', 'days_from(d)%3==0', FROM],
  ];

  it('a sample of phrases gives the dates their words mean, computed in Python over a year', () => {
    const jobs = MEANING.map(([, predicate, from]) => ({ predicate, from, to: TO < from ? '2027-12-31' : from > FROM ? '2027-12-31' : TO }));
    const python = ruleDatesWithPython(jobs);
    MEANING.forEach(([phrase, , from], i) => {
      const rule = ruleOf(phrase);
      expect(expandDates(rule, from, from, jobs[i]!.to), `${phrase} from ${from}`).toEqual(python[i]);
      expect(python[i]!.length).toBeGreaterThan(0);
    });
  });

  // 2003-2033: seven 53-week years (2004, 2009, 2015, 2020, 2026, 2032), each with its turn of
  // parity; a wider span only repeats the same cases (and took 13 s under load).
  it('odd and even ISO weeks, Monday to Friday, are exact from 2003 to 2033 (Python isocalendar)', () => {
    const cases = (['MO', 'TU', 'WE', 'TH', 'FR'] as const).flatMap((wd) => (['odd', 'even'] as const).map((p) => ({ wd, p })));
    const name = { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday' };
    const jobs = cases.map(({ wd, p }) => ({ predicate: `wd(d,'${wd}') and iso_week(d)%2==${p === 'odd' ? 1 : 0}`, from: '2003-01-01', to: '2033-12-31' }));
    const python = ruleDatesWithPython(jobs);
    cases.forEach(({ wd, p }, i) => {
      const rule = ruleOf(`every ${name[wd]} in ${p} ISO weeks`);
      expect(expandDates(rule, '2003-01-01', '2003-01-01', '2033-12-31')).toEqual(python[i]);
    });
  });

  it('why Saturdays and Sundays of odd weeks are refused: dateutil (like rrule) puts Sat 2022-01-01 in an odd week', () => {
    const [dateutil, iso] = ruleDatesWithPython([
      { rule: `FREQ=YEARLY;${ODD};BYDAY=SA`, from: '2021-12-01', to: '2022-01-31' },
      { predicate: "wd(d,'SA') and iso_week(d)%2==1", from: '2021-12-01', to: '2022-01-31' },
    ]);
    expect(dateutil).toContain('2022-01-01');
    expect(iso).not.toContain('2022-01-01');
    expect(expandDates(`FREQ=YEARLY;${ODD};BYDAY=SA`, '2021-12-01', '2021-12-01', '2022-01-31')).toContain('2022-01-01');
  });
});

describe('compatibility with the phrases rrule used to read', () => {
  // What tcon did before: rrule's English parser, then rrule's normalisation.
  const legacy = (phrase: string): string | undefined => {
    try {
      const options = RRule.parseText(phrase);
      if (!options || options.freq === undefined) return undefined;
      return new RRule({ ...options, dtstart: null }).toString().replace(/^RRULE:/, '');
    } catch {
      return undefined;
    }
  };
  const span = (rule: string) => expandDates(rule, '2026-01-05', '2026-01-05', '2029-12-31');

  it('where rrule read a phrase right, the normalised RRULE is unchanged (state fingerprints, SEQUENCE)', () => {
    let same = 0;
    for (const [phrase, rule] of ACCEPTED) {
      const old = legacy(phrase);
      if (old === undefined || JSON.stringify(span(old)) !== JSON.stringify(span(rule))) continue;
      expect(rule, phrase).toBe(old);
      same++;
    }
    expect(same).toBeGreaterThanOrEqual(15);
  });

  it.each([
    ['every month on the fourth Tuesday', 'FREQ=MONTHLY'],
    ['every month on the 2nd Tuesday and the 4th Tuesday', 'FREQ=MONTHLY;BYDAY=+2TU'],
  ])('rrule misread %j as %s; tcon reads it whole', (phrase, old) => {
    expect(legacy(phrase)).toBe(old);
    expect(ruleOf(phrase)).not.toBe(old);
  });

  it('the bundled example keeps its meaning', () => {
    expect(ruleOf('every month on the 3rd Tuesday')).toBe(legacy('every month on the 3rd Tuesday'));
    expect(ruleOf('every month on the 3rd Tuesday')).toBe('FREQ=MONTHLY;BYDAY=+3TU');
  });
});

describe('describeRule: the rule in words', () => {
  it.each([
    ['FREQ=MONTHLY;BYDAY=+3TU', undefined, '3rd Tuesday of every month'],
    ['FREQ=MONTHLY;BYDAY=3TU', undefined, '3rd Tuesday of every month'],
    ['FREQ=MONTHLY;BYDAY=+2TU,+4TU', undefined, '2nd and 4th Tuesday of every month'],
    ['FREQ=MONTHLY;BYDAY=+1MO,+3TH', undefined, '1st Monday and 3rd Thursday of every month'],
    ['FREQ=MONTHLY;BYDAY=+2TU,+4TU,+2TH,+4TH', undefined, '2nd and 4th Tuesday and Thursday of every month'],
    ['FREQ=MONTHLY;BYDAY=-1FR', undefined, 'last Friday of every month'],
    ['FREQ=MONTHLY;BYDAY=-2TH', undefined, '2nd-to-last Thursday of every month'],
    ['FREQ=MONTHLY;BYDAY=+1MO,-1MO', undefined, '1st and last Monday of every month'],
    ['FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3', undefined, '3rd Tuesday of every month'],
    ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', undefined, 'last weekday of every month'],
    ['FREQ=MONTHLY;BYMONTHDAY=15', undefined, 'the 15th of every month'],
    ['FREQ=MONTHLY;BYMONTHDAY=1,15', undefined, 'the 1st and 15th of every month'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', undefined, 'the last day of every month'],
    ['FREQ=MONTHLY;BYMONTHDAY=31', undefined, 'the 31st of every month (no meeting in months without a 31st)'],
    ['FREQ=MONTHLY', '2027-01-31', 'the 31st of every month (no meeting in months without a 31st)'],
    ['FREQ=MONTHLY;BYMONTH=1,4,7,10;BYDAY=+3TU', undefined, '3rd Tuesday of January, April, July and October'],
    ['FREQ=YEARLY;BYMONTH=3;BYDAY=+2WE', undefined, '2nd Wednesday of March'],
    ['FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15', undefined, 'the 15th of March'],
    ['INTERVAL=3;FREQ=MONTHLY;BYDAY=+3TU', '2027-01-01', '3rd Tuesday of every third month (January, April, July and October) from 2027-01-19'],
    ['FREQ=MONTHLY;INTERVAL=3;BYDAY=3TU', '2027-01-25', '3rd Tuesday of every third month (January, April, July and October) from 2027-04-20'],
    [
      'INTERVAL=2;FREQ=MONTHLY;BYMONTHDAY=10',
      '2027-02-01',
      'the 10th of every other month (February, April, June, August, October and December) from 2027-02-10',
    ],
    ['FREQ=WEEKLY;BYDAY=TU', undefined, 'every Tuesday'],
    ['FREQ=WEEKLY;BYDAY=TH,MO', undefined, 'every Monday and Thursday'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', undefined, 'every weekday'],
    ['FREQ=WEEKLY', '2027-01-06', 'every Wednesday'],
    ['INTERVAL=2;FREQ=WEEKLY;BYDAY=WE', '2027-01-06', 'every other Wednesday from 2027-01-06'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=WE', '2027-01-07', 'every other Wednesday from 2027-01-20'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH', undefined, 'every other Tuesday and Thursday'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR', undefined, 'every other week on weekdays'],
    ['FREQ=WEEKLY;INTERVAL=3;BYDAY=MO', '2027-01-04', 'every 3 weeks on Monday from 2027-01-04'],
    [`FREQ=YEARLY;${ODD};BYDAY=TU`, undefined, 'every Tuesday in odd ISO weeks'],
    [`FREQ=YEARLY;${EVEN};BYDAY=MO,TH`, undefined, 'every Monday and Thursday in even ISO weeks'],
    ['FREQ=YEARLY;BYWEEKNO=1,20;BYDAY=MO', undefined, 'every Monday in ISO weeks 1 and 20'],
    ['FREQ=DAILY', undefined, 'every day'],
    ['FREQ=DAILY;INTERVAL=3', '2027-01-01', 'every 3 days from 2027-01-01'],
    ['FREQ=YEARLY', '2027-03-15', 'the 15th of March'],
    ['FREQ=YEARLY;BYMONTH=1,7', '2027-03-15', 'the 15th of January and July'],
    ['FREQ=YEARLY;BYDAY=MO', '2027-03-15', 'every Monday'],
    ['FREQ=YEARLY;BYMONTHDAY=15', '2027-03-15', 'the 15th of every month'],
    ['FREQ=WEEKLY;BYMONTH=1,7;BYDAY=TU', undefined, 'every Tuesday in January and July'],
    ['FREQ=DAILY;BYMONTH=8', undefined, 'every day in August'],
    ['FREQ=YEARLY;BYDAY=+1MO', '2027-03-15', 'RRULE FREQ=YEARLY;BYDAY=+1MO'],
    // Parts the words would get wrong are shown as the RRULE.
    ['FREQ=YEARLY;BYYEARDAY=100', undefined, 'RRULE FREQ=YEARLY;BYYEARDAY=100'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;WKST=SU', '2027-01-05', 'RRULE FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;WKST=SU'],
    ['FREQ=MONTHLY;BYDAY=TU,TH;BYSETPOS=2', undefined, 'RRULE FREQ=MONTHLY;BYDAY=TU,TH;BYSETPOS=2'],
  ])('%s (from %s): %s', (text, from, words) => {
    const rule = ruleOf(text);
    expect(describeRule(rule, from)).toBe(words);
    // Words tcon reads back give the same dates (a rule's own "from" and notes aside).
    const back = parseRule(words.replace(/ from \d{4}-\d\d-\d\d$/, '').replace(/ \([^)]*\)/g, ''));
    if (back.ok) {
      const start = from ?? '2027-01-04';
      expect(expandDates(back.rule, start, start, '2029-12-31'), words).toEqual(expandDates(rule, start, start, '2029-12-31'));
    }
  });

  it('the words of every phrase of the table read back to the same dates', () => {
    for (const [phrase, rule] of ACCEPTED) {
      const words = describeRule(rule);
      const back = parseRule(words);
      expect(back.ok, `${phrase} -> ${words}`).toBe(true);
      if (!back.ok) continue;
      const from = '2026-01-05';
      expect(expandDates(back.rule, from, from, '2029-12-31'), `${phrase} -> ${words}`).toEqual(expandDates(rule, from, from, '2029-12-31'));
    }
  });
});
