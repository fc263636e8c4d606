/*
 * tcon's own reading of rule phrases: "2nd and 4th Tuesday of every month", "every other
 * Wednesday", "every Tuesday in odd ISO weeks". docs/rule-phrases.md lists every form.
 *
 * Why not rrule's English parser (RRule.parseText): it reads what it knows and drops the rest
 * without a word. "every month on the fourth Tuesday" became FREQ=MONTHLY (the day of the month
 * of the series start), "every month on the 2nd Tuesday and the 4th Tuesday" only the 2nd
 * Tuesday. A secretary trusts the rule they wrote, so this grammar either reads the whole phrase
 * or refuses it, saying where it stopped and which phrases come nearest.
 *
 * How it works: the text becomes tokens (words, numbers, "3rd", separators) with their positions;
 * a small backtracking grammar (every parse of every production, so that "1st Monday and 3rd
 * Thursday" and "2nd and 4th Tuesday" need no lookahead rules) must consume every token. Some
 * productions exist only to refuse a known trap with its reason ("every 2nd Tuesday": every other
 * Tuesday, or the 2nd of the month?). Pure: no rrule, no clock; recurrence.ts turns the result
 * into RRULE text.
 */

export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
export const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const WORKDAYS: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

/** What a phrase means, before it is written as RRULE text (recurrence.ts). */
export interface RuleSpec {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  /** Set when the phrase gives an interval ("every 2 weeks", "every other", "quarterly"). */
  interval?: number;
  bymonth?: number[];
  byweekno?: number[];
  bymonthday?: number[];
  /** Weekdays, with an ordinal within the month for monthly rules (3 = 3rd, -1 = last). */
  byday?: { n?: number; wd: Weekday }[];
  bysetpos?: number[];
}

export type PhraseReading =
  { ok: true; spec: RuleSpec } | { ok: false; error: string; /** Index in the text where the problem is. */ at: number; suggestions: string[] };

// ---------------------------------------------------------------------------------------------
// Words

type Lex =
  | { k: 'wd'; wd: Weekday; plural: boolean }
  | { k: 'ord'; n: number; digits: boolean }
  | { k: 'num'; n: number; digits: boolean }
  | { k: 'month'; m: number }
  | { k: 'kw'; w: string }
  | { k: 'sep'; s: string }
  | { k: 'dash' }
  | { k: 'time' };

interface Tok {
  at: number;
  raw: string;
  lx: Lex;
}

const WEEKDAY_WORDS: Record<string, Weekday> = {
  monday: 'MO',
  mon: 'MO',
  tuesday: 'TU',
  tue: 'TU',
  tues: 'TU',
  wednesday: 'WE',
  wed: 'WE',
  weds: 'WE',
  thursday: 'TH',
  thu: 'TH',
  thur: 'TH',
  thurs: 'TH',
  friday: 'FR',
  fri: 'FR',
  saturday: 'SA',
  sat: 'SA',
  sunday: 'SU',
  sun: 'SU',
};
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_WORDS: Record<string, number> = Object.fromEntries([
  ...MONTH_NAMES.map((m, i) => [m.toLowerCase(), i + 1] as const),
  ...MONTH_NAMES.map((m, i) => [m.slice(0, 3).toLowerCase(), i + 1] as const),
  ['sept', 9],
]);
const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
export const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];

/** Keywords, each with the spellings that mean it. */
const KEYWORDS: Record<string, string[]> = {
  every: ['every', 'each'],
  other: ['other'],
  alternate: ['alternate', 'alternating'],
  week: ['week', 'weeks'],
  month: ['month', 'months'],
  day: ['day', 'days'],
  quarter: ['quarter', 'quarters'],
  weekly: ['weekly'],
  biweekly: ['biweekly', 'fortnightly'],
  fortnight: ['fortnight', 'fortnights'],
  monthly: ['monthly'],
  quarterly: ['quarterly'],
  daily: ['daily'],
  on: ['on'],
  the: ['the'],
  of: ['of'],
  in: ['in', 'during'],
  to: ['to', 'through', 'thru', 'till'],
  odd: ['odd'],
  even: ['even'],
  iso: ['iso'],
  numbered: ['numbered', 'number', 'numbers'],
  last: ['last'],
  penultimate: ['penultimate'],
  next: ['next'],
  weekdays: ['weekday', 'weekdays', 'workday', 'workdays'],
  working: ['working', 'business', 'work'],
  // Words read only to refuse them with a reason.
  or: ['or'],
  except: ['except', 'excluding', 'but', 'not'],
  at: ['at', 'am', 'pm', 'noon'],
  until: ['until', 'from', 'starting', 'since', 'beginning', 'ending', 'for', 'times', 'occurrences', 'count'],
  bimonthly: ['bimonthly', 'semimonthly', 'twice'],
  year: ['year', 'years', 'yearly', 'annually', 'annual'],
  once: ['once', 'a', 'per'],
};
const KEYWORD_OF = new Map(Object.entries(KEYWORDS).flatMap(([k, words]) => words.map((w) => [w, k] as const)));

/** Every word the grammar knows, for "did you mean" repairs of misspellings. */
const VOCABULARY = [
  ...Object.values(WEEKDAY_NAMES).map((w) => w.toLowerCase()),
  ...MONTH_NAMES.map((m) => m.toLowerCase()),
  ...NUMBER_WORDS,
  ...ORDINAL_WORDS,
  ...Object.values(KEYWORDS).flat(),
  'and',
];

function lexWord(word: string): Lex | undefined {
  const w = word.toLowerCase();
  const wd = WEEKDAY_WORDS[w];
  if (wd) return { k: 'wd', wd, plural: false };
  if (w.endsWith('s') && WEEKDAY_WORDS[w.slice(0, -1)] && w.length > 4) return { k: 'wd', wd: WEEKDAY_WORDS[w.slice(0, -1)]!, plural: true };
  const m = MONTH_WORDS[w];
  if (m) return { k: 'month', m };
  const num = NUMBER_WORDS.indexOf(w);
  if (num >= 0) return { k: 'num', n: num + 1, digits: false };
  const ord = ORDINAL_WORDS.indexOf(w);
  if (ord >= 0) return { k: 'ord', n: ord + 1, digits: false };
  if (w === 'and') return { k: 'sep', s: 'and' };
  const kw = KEYWORD_OF.get(w);
  return kw ? { k: 'kw', w: kw } : undefined;
}

interface Lexed {
  tokens: Tok[];
  /** Words the grammar does not know, with their positions. */
  unknown: { at: number; raw: string }[];
}

const TOKEN_RE =
  /(\d{1,2}(?:[:.h]\d{2})?\s*(?:am|pm)\b|\d{1,2}[:.h]\d{2}\b)|(\d+)(st|nd|rd|th)?(?![a-z])|([a-z]+)|([,&/;+])|([-\u2010-\u2015])|([().!:'"\u2018\u2019\u201c\u201d?])|(\S)/gi;

function lex(text: string): Lexed {
  const tokens: Tok[] = [];
  const unknown: { at: number; raw: string }[] = [];
  const re = new RegExp(TOKEN_RE.source, 'gi');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const raw = m[0];
    const at = m.index;
    if (m[1]) tokens.push({ at, raw, lx: { k: 'time' } });
    else if (m[2]) tokens.push({ at, raw, lx: m[3] ? { k: 'ord', n: Number(m[2]), digits: true } : { k: 'num', n: Number(m[2]), digits: true } });
    else if (m[4]) {
      const lx = lexWord(m[4]);
      if (lx) tokens.push({ at, raw, lx });
      else unknown.push({ at, raw });
    } else if (m[5]) tokens.push({ at, raw, lx: { k: 'sep', s: raw === '&' || raw === '+' ? 'and' : raw } });
    else if (m[6]) tokens.push({ at, raw, lx: { k: 'dash' } });
    else if (m[7])
      continue; // brackets, stops, quotes: tolerated anywhere
    else unknown.push({ at, raw });
  }
  return { tokens, unknown: mergePrefixes(text, tokens, unknown) };
}

/** "bi-weekly", "bi weekly", "semi-monthly" lex as "bi" (unknown), "-" and "weekly": make them one word. */
function mergePrefixes(text: string, tokens: Tok[], unknown: { at: number; raw: string }[]): { at: number; raw: string }[] {
  return unknown.filter((u) => {
    const m = /^[-\u2010-\u2015\s]*([a-z]+)/i.exec(text.slice(u.at + u.raw.length));
    const lx = m ? lexWord(u.raw + m[1]!) : undefined;
    if (!m || !lx || !/^(bi|semi)$/i.test(u.raw)) return true;
    const end = u.at + u.raw.length + m[0].length;
    const inside = tokens.filter((t) => t.at > u.at && t.at < end);
    tokens.splice(tokens.indexOf(inside[0]!), inside.length, { at: u.at, raw: text.slice(u.at, end), lx });
    return false;
  });
}

// ---------------------------------------------------------------------------------------------
// Grammar: every parser returns every way it can read tokens from position i.

type Reading = { spec: RuleSpec } | { refuse: string; suggestions?: string[] };
type Res<T> = { v: T; i: number };
type P<T> = (i: number) => Res<T>[];

class Grammar {
  /** The furthest token a terminal was tried at: where the phrase stopped making sense. */
  furthest = 0;
  constructor(readonly toks: readonly Tok[]) {}

  term<T>(f: (lx: Lex) => T | undefined): P<T> {
    return (i) => {
      const t = this.toks[i];
      const v = t ? f(t.lx) : undefined;
      if (v === undefined) {
        if (i > this.furthest) this.furthest = i;
        return [];
      }
      return [{ v, i: i + 1 }];
    };
  }
}

function seq<A, B, R>(a: P<A>, b: P<B>, f: (a: A, b: B) => R | undefined): P<R> {
  return (i) =>
    a(i).flatMap((ra) =>
      b(ra.i).flatMap((rb) => {
        const v = f(ra.v, rb.v);
        return v === undefined ? [] : [{ v, i: rb.i }];
      }),
    );
}
/** A sequence whose parts' values are collected in a tuple. */
function all<T extends unknown[]>(...ps: { [K in keyof T]: P<T[K]> }): P<T> {
  return (i) => {
    let acc: Res<unknown[]>[] = [{ v: [], i }];
    for (const p of ps as P<unknown>[]) acc = acc.flatMap((r) => p(r.i).map((x) => ({ v: [...r.v, x.v], i: x.i })));
    return acc as Res<T>[];
  };
}
function alt<T>(...ps: P<T>[]): P<T> {
  return (i) => ps.flatMap((p) => p(i));
}
function opt<T>(p: P<T>): P<T | undefined> {
  return (i) => [{ v: undefined, i }, ...p(i)];
}
function map<A, R>(p: P<A>, f: (a: A) => R | undefined): P<R> {
  return (i) =>
    p(i).flatMap((r) => {
      const v = f(r.v);
      return v === undefined ? [] : [{ v, i: r.i }];
    });
}
/** Drops readings that are the same value ending at the same token (so lists stay linear). */
function distinct<T>(rs: Res<T>[]): Res<T>[] {
  const seen = new Set<string>();
  return rs.filter((r) => {
    const key = `${r.i} ${JSON.stringify(r.v)}`;
    return !seen.has(key) && !!seen.add(key);
  });
}
/** One or more items with separators between them. */
function listOf<T>(item: P<T>, sep: P<unknown>): P<T[]> {
  return (i) => {
    const out: Res<T[]>[] = [];
    let frontier: Res<T[]>[] = distinct(item(i).map((r) => ({ v: [r.v], i: r.i })));
    while (frontier.length) {
      out.push(...frontier);
      frontier = distinct(frontier.flatMap((r) => sep(r.i).flatMap((s) => item(s.i).map((x) => ({ v: [...r.v, x.v], i: x.i })))));
    }
    return out;
  };
}

/*
 * Lists keep the order they were written in (duplicates dropped): rrule's English parser did the
 * same, so "every Thursday and Monday" keeps the RRULE it had (BYDAY=TH,MO), and with it the
 * state fingerprint of configs written that way.
 */
const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];

function grammar(g: Grammar): P<Reading> {
  const kw = (...ws: string[]) => g.term((lx) => (lx.k === 'kw' && ws.includes(lx.w) ? lx.w : undefined));
  const dash = g.term((lx) => (lx.k === 'dash' ? true : undefined));
  const comma = g.term((lx) => (lx.k === 'sep' && lx.s === ',' ? true : undefined));
  const and = g.term((lx) => (lx.k === 'sep' && (lx.s === 'and' || lx.s === '/') ? true : undefined));
  const gap = opt(comma);
  // ", and" / "and" / "," / "&" / "/" (a "the" after it belongs to the next item)
  const sep = alt<unknown>(all(comma, opt(and)), and);
  const the = opt(kw('the'));
  const on = opt(kw('on'));
  const every = kw('every');
  const num = (lo: number, hi: number) => g.term((lx) => (lx.k === 'num' && lx.n >= lo && lx.n <= hi ? lx : undefined));
  const ord = (lo: number, hi: number) => g.term((lx) => (lx.k === 'ord' && lx.n >= lo && lx.n <= hi ? lx : undefined));
  const wd = g.term((lx) => (lx.k === 'wd' ? lx : undefined));
  const month = g.term((lx) => (lx.k === 'month' ? lx.m : undefined));

  // Weekdays -------------------------------------------------------------------------------
  /** `weekdays`: said with the word "weekdays" (or "working days"), not day by day. */
  type Days = { days: Weekday[]; plural: boolean; weekdays?: true };
  const workdays: P<Days> = alt(
    map(kw('weekdays'), () => ({ days: WORKDAYS, plural: true, weekdays: true as const })),
    map(all(kw('working'), kw('day')), () => ({ days: WORKDAYS, plural: true, weekdays: true as const })),
  );
  const dayItem: P<Days> = alt(
    map(wd, (w) => ({ days: [w.wd], plural: w.plural })),
    workdays,
  );
  const dayRange: P<Days> = seq(wd, all(alt<unknown>(kw('to'), dash), wd), (a, [, b]) => {
    const from = WEEKDAYS.indexOf(a.wd);
    const to = WEEKDAYS.indexOf(b.wd);
    return to > from ? { days: WEEKDAYS.slice(from, to + 1), plural: true } : undefined;
  });
  const dayList: P<Days> = alt(
    map(listOf(dayItem, sep), (items) => ({
      days: unique(items.flatMap((d) => d.days)),
      plural: items.some((d) => d.plural) || items.length > 1,
      ...(items.length === 1 && items[0]!.weekdays ? { weekdays: true as const } : {}),
    })),
    dayRange,
    // "every weekday (Monday to Friday)": brackets are dropped, the range says the same again.
    map(all(workdays, dayRange), ([w, r]) => (r.days.join() === w.days.join() ? w : undefined)),
  );
  // Weekdays named one by one (no "weekdays"): what an ordinal can go with.
  const namedDays: P<Weekday[]> = map(
    listOf(
      map(wd, (w) => w.wd),
      sep,
    ),
    unique,
  );

  // Ordinals -------------------------------------------------------------------------------
  const toLast = all(opt(dash), kw('to'), opt(dash), kw('last'));
  const ordinal: P<number> = alt(
    map(ord(1, 5), (o) => o.n),
    map(kw('last'), () => -1),
    map(kw('penultimate'), () => -2),
    map(all(ord(2, 5), toLast), ([o]) => -o.n),
    map(all(kw('next'), toLast), () => -2),
    map(all(ord(2, 5), opt(dash), kw('last')), ([o]) => -o.n),
  );
  const ordinals: P<number[]> = map(
    listOf(
      map(all(opt(kw('the')), ordinal), ([, n]) => n),
      sep,
    ),
    unique,
  );

  // Intervals: "every <N> weeks", "every other week", "every second week", "every fortnight" ----
  const intervalOf = (unit: string): P<number> =>
    alt(
      map(all(kw('other'), kw(unit)), () => 2),
      map(all(num(1, 99), kw(unit)), ([n]) => n.n),
      map(all(ord(2, 12), kw(unit)), ([o]) => o.n),
    );

  // Month context ---------------------------------------------------------------------------
  type MonthCtx = { interval?: number; bymonth?: number[] };
  const monthList: P<number[]> = map(listOf(month, sep), (ms) => unique(ms));
  /** "every month", "every other month", "every 3 months", "every quarter". */
  const everyMonthNoun: P<MonthCtx> = alt(
    map(all(every, kw('month')), () => ({})),
    map(all(every, kw('quarter')), () => ({ interval: 3 })),
    map(all(kw('every'), intervalOf('month')), ([, n]) => ({ interval: n })),
  );
  const everyMonth: P<MonthCtx> = alt(
    everyMonthNoun,
    map(kw('monthly'), () => ({})),
    map(kw('quarterly'), () => ({ interval: 3 })),
  );
  // (A "the" after it belongs to the ordinal or the day that follows.)
  const monthPrefix: P<MonthCtx> = map(all(everyMonth, gap, on), ([c]) => c);
  const monthSuffix: P<MonthCtx> = alt(
    map(
      all(
        gap,
        alt(kw('of'), kw('in')),
        alt(
          everyMonthNoun,
          map(all(kw('the'), kw('month')), () => ({})),
        ),
      ),
      ([, , c]) => c,
    ),
    map(all(gap, everyMonth), ([, c]) => c),
    map(all(gap, alt(kw('of'), kw('in')), the, monthList), ([, , , ms]) => ({ bymonth: ms })),
  );
  /** At most one interval and one month list, from before and after the core. */
  const joinCtx = (a: MonthCtx | undefined, b: MonthCtx | undefined): MonthCtx | undefined => {
    if (a?.interval !== undefined && b?.interval !== undefined) return undefined;
    if ((a?.bymonth || b?.bymonth) && (a?.interval ?? b?.interval) !== undefined) return undefined;
    return { interval: a?.interval ?? b?.interval, bymonth: a?.bymonth ?? b?.bymonth };
  };
  const monthly = (ctx: MonthCtx, rest: Omit<RuleSpec, 'freq'>): Reading => ({
    spec: { ...(ctx.interval !== undefined ? { interval: ctx.interval } : {}), freq: 'MONTHLY', ...(ctx.bymonth ? { bymonth: ctx.bymonth } : {}), ...rest },
  });

  // "2nd and 4th Tuesday", "1st Monday and 3rd Thursday", "the last weekday" ------------------
  type Nth = { byday: { n: number; wd: Weekday }[] } | { setpos: number[] };
  const nthItem: P<Nth> = alt<Nth>(
    map(all(ordinals, namedDays), ([ns, ds]) => ({ byday: ds.flatMap((d) => ns.map((n) => ({ n, wd: d }))) })),
    map(all(ordinals, workdays), ([ns]) => ({ setpos: ns })),
  );
  const nthList: P<Nth> = map(listOf(nthItem, sep), (items) => {
    if (items.length === 1) return items[0];
    if (items.some((x) => 'setpos' in x)) return undefined; // "1st Monday and last weekday": no single RRULE
    const all = items.flatMap((x) => ('byday' in x ? x.byday : []));
    return { byday: all };
  });
  const nthReading = (ctx: MonthCtx, nth: Nth): Reading => {
    if ('setpos' in nth) return monthly(ctx, { byday: WORKDAYS.map((wd) => ({ wd })), bysetpos: nth.setpos });
    const seen = new Set<string>();
    const byday = nth.byday.filter((d) => !seen.has(`${d.n}${d.wd}`) && seen.add(`${d.n}${d.wd}`));
    return monthly(ctx, { byday });
  };
  const nthMonthly: P<Reading> = alt(
    map(all(opt(monthPrefix), on, nthList, opt(monthSuffix)), ([pre, , nth, suf]) => {
      const ctx = joinCtx(pre, suf);
      return ctx ? nthReading(ctx, nth) : undefined;
    }),
    map(all(every, nthList, monthSuffix), ([, nth, suf]) => nthReading(suf, nth)),
    // "every 1st Monday", "every last Friday": only "of the month" makes sense. "every 2nd
    // Tuesday" is every other Tuesday to some readers, the 2nd of the month to others.
    map(all(every, nthList), ([, nth]) => {
      if ('setpos' in nth || nth.byday.length !== new Set(nth.byday.map((d) => d.wd)).size) return nthReading({}, nth);
      const ns = [...new Set(nth.byday.map((d) => d.n))];
      if (ns.length === 1 && ns[0]! >= 2) {
        const days = nth.byday.map((d) => d.wd);
        return { refuse: ambiguousEvery(ns[0]!, days), suggestions: ambiguousReadings(ns[0]!, days) };
      }
      return nthReading({}, nth);
    }),
  );

  // "the 15th of every month", "monthly on day 1", "the last day of the month" ----------------
  const monthDay: P<number> = alt(
    map(ord(1, 31), (o) => o.n),
    map(all(kw('last'), opt(kw('day'))), () => -1),
    map(all(ordinal, kw('day')), ([n]) => (n < 0 ? n : undefined)),
  );
  const dayNumbers: P<number[]> = alt(
    map(
      all(
        kw('day'),
        listOf(
          map(num(1, 31), (n) => (n.digits ? n.n : undefined)),
          sep,
        ),
      ),
      ([, ns]) => ns,
    ),
    map(
      listOf(
        map(all(the, monthDay, opt(kw('day'))), ([, n]) => n),
        sep,
      ),
      (ns) => ns,
    ),
  );
  const dayMonthly: P<Reading> = alt(
    map(all(monthPrefix, dayNumbers, opt(monthSuffix)), ([pre, ds, suf]) => dayReading(joinCtx(pre, suf), ds)),
    map(all(on, dayNumbers, monthSuffix), ([, ds, suf]) => dayReading(joinCtx(undefined, suf), ds)),
  );
  function dayReading(ctx: MonthCtx | undefined, days: number[]): Reading | undefined {
    if (!ctx) return undefined;
    const late = days.filter((d) => d > 28);
    if (late.length) return { refuse: lateDay(late[0]!), suggestions: ['the last day of every month'] };
    return monthly(ctx, { bymonthday: unique(days) });
  }

  // Weeks --------------------------------------------------------------------------------------
  const weekly = (interval: number | undefined, days: Weekday[]): Reading => ({
    spec: { ...(interval !== undefined ? { interval } : {}), freq: 'WEEKLY', byday: days.map((wd) => ({ wd })) },
  });
  /** "every week" (no interval written), "every 2 weeks" (INTERVAL=2), "biweekly", "every fortnight". */
  const everyWeek: P<number | undefined> = alt(
    map(all(every, kw('week')), () => 0),
    map(kw('weekly'), () => 0),
    map(kw('biweekly'), () => 2),
    map(all(every, kw('fortnight')), () => 2),
    map(all(kw('every'), intervalOf('week')), ([, n]) => n),
  );
  const wk = (n: number | undefined) => (n === 0 ? undefined : n);
  const otherWeekday: Reading = { refuse: OTHER_WEEKDAY, suggestions: ['every other week on weekdays', 'every Monday, Wednesday and Friday'] };
  const weeklyForms: P<Reading> = alt(
    // every Tuesday, every Monday and Thursday, every weekday
    map(all(every, dayList), ([, d]) => weekly(undefined, d.days)),
    // every week on Tuesday, biweekly on Tuesday, every 2 weeks on Monday and Thursday
    map(all(everyWeek, gap, on, dayList), ([n, , , d]) => weekly(wk(n), d.days)),
    // Tuesdays every other week, Tuesday weekly, every Wednesday biweekly
    map(all(on, dayList, gap, everyWeek), ([, d, , n]) => weekly(wk(n), d.days)),
    map(all(every, dayList, gap, everyWeek), ([, d, , n]) => weekly(wk(n), d.days)),
    // Tuesdays, Mondays and Thursdays, weekdays, Monday to Friday
    map(all(on, dayList), ([, d]) =>
      d.plural ? weekly(undefined, d.days) : { refuse: singularDay(d.days), suggestions: [`every ${WEEKDAY_NAMES[d.days[0]!]}`] },
    ),
    // every other Wednesday, alternate Wednesdays
    // ("every other weekday": alternate working days, or the weekdays of every other week?)
    map(all(every, kw('other'), dayList), ([, , d]) => (d.weekdays ? otherWeekday : weekly(2, d.days))),
    map(all(on, kw('alternate'), dayList), ([, , d]) => (d.weekdays ? otherWeekday : weekly(2, d.days))),
  );

  // Days ---------------------------------------------------------------------------------------
  const dailyForms: P<Reading> = alt(
    map(kw('daily'), () => ({ spec: { freq: 'DAILY' } })),
    map(all(every, kw('day')), () => ({ spec: { freq: 'DAILY' } })),
    map(all(kw('every'), intervalOf('day')), ([, n]) => ({ spec: { interval: n, freq: 'DAILY' } })),
  );

  // ISO week parity ----------------------------------------------------------------------------
  const iso = all(kw('iso'), opt(dash));
  const parityCore: P<'odd' | 'even'> = map(
    all(opt(iso), alt(kw('odd'), kw('even')), opt(dash), opt(kw('numbered')), opt(iso), kw('week'), opt(kw('numbered'))),
    ([, p]) => p as 'odd' | 'even',
  );
  const paritySuffix: P<'odd' | 'even'> = map(all(gap, opt(alt(kw('in'), kw('of'), kw('on'))), the, parityCore), ([, , , p]) => p);
  const parityForms: P<Reading> = alt(
    map(all(every, dayList, paritySuffix), ([, d, p]) => parity(p, d.days)),
    map(all(on, dayList, paritySuffix), ([, d, p]) => parity(p, d.days)),
    map(all(opt(alt(every, kw('in'), kw('on'))), the, parityCore, gap, on, dayList), ([, , p, , , d]) => parity(p, d.days)),
  );

  // Phrases that say too little, or that mean two things: refused with the reason. --------------
  const refusals: P<Reading> = alt(
    map(all(opt(monthPrefix), the, ord(6, 31), namedDays, opt(monthSuffix)), ([, , o, ds]) => ({
      refuse: `a month has at most five ${dayNames(ds)}s, so no ${ordinalText(o.n)}`,
      suggestions: [`5th ${dayNames(ds)} of every month`, `last ${dayNames(ds)} of every month`],
    })),
    map(all(everyMonth), () => ({
      refuse: 'it names no day of the month',
      suggestions: ['3rd Tuesday of every month', 'monthly on day 1', 'the last day of every month'],
    })),
    map(all(everyWeek), () => ({ refuse: 'it names no weekday', suggestions: ['every Tuesday', 'every other Wednesday', 'every 3 weeks on Monday'] })),
    map(all(opt(every), kw('bimonthly'), opt(kw('month')), opt(kw('monthly'))), () => ({
      refuse: BIMONTHLY,
      suggestions: ['2nd and 4th Tuesday of every month', '3rd Tuesday of every other month'],
    })),
  );

  return alt(nthMonthly, dayMonthly, weeklyForms, dailyForms, parityForms, refusals);
}

function parity(p: 'odd' | 'even', days: Weekday[]): Reading {
  const weekend = days.filter((d) => d === 'SA' || d === 'SU');
  if (weekend.length) return { refuse: weekendParity(weekend), suggestions: [`every other ${WEEKDAY_NAMES[weekend[0]!]}`] };
  const weeks = Array.from({ length: 53 }, (_, i) => i + 1).filter((w) => w % 2 === (p === 'odd' ? 1 : 0));
  return { spec: { freq: 'YEARLY', byweekno: weeks, byday: days.map((wd) => ({ wd })) } };
}

// ---------------------------------------------------------------------------------------------
// Reasons (each written once)

export function ordinalText(n: number): string {
  if (n === -1) return 'last';
  if (n < 0) return `${ordinalText(-n)}-to-last`;
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${s}`;
}
const dayNames = (days: readonly Weekday[]) => joinAnd(days.map((d) => WEEKDAY_NAMES[d]));
export function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function ambiguousReadings(n: number, days: Weekday[]): string[] {
  const names = dayNames(days);
  return [`${ordinalText(n)} ${names} of every month`, n === 2 ? `every other ${names}` : `every ${n} weeks on ${names}`];
}
function ambiguousEvery(n: number, days: Weekday[]): string {
  const [monthly, weekly] = ambiguousReadings(n, days);
  return `it can mean "${weekly}" or "${monthly}": say which`;
}
const OTHER_WEEKDAY = '"every other weekday" can mean alternate working days or the weekdays of every other week: name the days';
const lateDay = (d: number) =>
  `day ${d} is missing from some months, which would have no meeting: for the month's end write "the last day of every month"; to skip the short months on purpose, write the RRULE FREQ=MONTHLY;BYMONTHDAY=${d}`;
const singularDay = (days: Weekday[]) =>
  `a weekday alone does not say how often: write "every ${WEEKDAY_NAMES[days[0]!]}" (weekly), or with an ordinal, "1st ${WEEKDAY_NAMES[days[0]!]} of every month"`;
const BIMONTHLY = '"bimonthly" and "twice a month" mean different things to different readers: name the days';
const YEARLY = 'yearly rules are written with their months ("3rd Tuesday of March"), or as an RRULE (FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15)';
const weekendParity = (days: Weekday[]) =>
  `${dayNames(days)} of odd or even ISO weeks cannot be written exactly: RRULE engines (rrule, python-dateutil) count 1-2 January in week 53 of a year that has none (Saturday 2022-01-01 would count as odd, but it is in week 52 of 2021); use "every other ${WEEKDAY_NAMES[days[0]!]}", which counts from the series' "from"`;

const REFUSED_SUGGESTIONS: Record<string, string[]> = {
  bimonthly: ['2nd and 4th Tuesday of every month', '3rd Tuesday of every other month'],
  year: ['3rd Tuesday of March', 'the 15th of March'],
};

/** Words that are read only to be refused, with their reason. */
const REFUSED_WORD: Record<string, string> = {
  or: 'a rule cannot choose between dates: write "and" for meetings on each of them',
  except: 'a rule has no exceptions: list the months ("3rd Tuesday of January, February, ..."), or skip dates under "meetings:" (DATE: { skip: reason })',
  at: 'times of day belong in the series\' "slots", not in the rule',
  until: 'a rule has no start, end or count: the series keys "from" and "until" bound it',
  bimonthly: BIMONTHLY,
  year: YEARLY,
  once: '"once a month", "per week" and the like are not needed: name the days ("3rd Tuesday of every month", "every Monday")',
};

// ---------------------------------------------------------------------------------------------
// Reading

/** Reads a phrase. `text` is the rule as written; positions in errors are indices into it. */
export function readPhrase(text: string): PhraseReading {
  const spec = quickSpec(text);
  return spec ? { ok: true, spec } : readWithGrammar(text);
}

/** readPhrase through the grammar alone (the oracle quickSpec is tested against). */
export function readWithGrammar(text: string): PhraseReading {
  const r = readCore(text);
  if (r.ok) return r;
  const { tokens, unknown } = lex(text);
  return { ok: false, error: r.error, at: r.at, suggestions: suggestions(text, tokens, unknown, r.suggestions) };
}

/** The weekdays and ordinals quickSpec reads, written in full. */
const QUICK_DAYS: Record<string, Weekday> = { monday: 'MO', tuesday: 'TU', wednesday: 'WE', thursday: 'TH', friday: 'FR', saturday: 'SA', sunday: 'SU' };
const QUICK_ORDINALS: Record<string, number> = {
  '1st': 1,
  '2nd': 2,
  '3rd': 3,
  '4th': 4,
  '5th': 5,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  last: -1,
};
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * The forms most configs write, and `tcon import` writes: "every Tuesday", "every other
 * Wednesday", "every Monday in odd ISO weeks", "3rd Tuesday of every month", "last Friday of
 * every month" (weekdays and ordinals in full, any case and spacing), read without the grammar.
 * The grammar tries every production of every phrase in code that is cold at each run: 0.3-0.5 ms
 * and about 150 KB of garbage a distinct phrase, 17 of them in an imported registry of 93 groups
 * (issue 14). Undefined for any other text, and for what the grammar refuses ("every Saturday in
 * odd ISO weeks"), which readWithGrammar then reads. test/schedule/phrases-quick.test.ts checks
 * every form, day, ordinal and parity against the grammar.
 */
export function quickSpec(text: string): RuleSpec | undefined {
  // Its words (split at any whitespace, as the grammar's lexer splits them): no regular
  // expression of the forms, whose compilation was most of the reading of a few phrases.
  const w = text.trim().toLowerCase().split(/\s+/);
  if (w[0] === 'every') {
    if (w.length === 2 && has(QUICK_DAYS, w[1]!)) return { freq: 'WEEKLY', byday: [{ wd: QUICK_DAYS[w[1]!]! }] };
    if (w.length === 3 && w[1] === 'other' && has(QUICK_DAYS, w[2]!)) return { interval: 2, freq: 'WEEKLY', byday: [{ wd: QUICK_DAYS[w[2]!]! }] };
    if (w.length === 6 && has(QUICK_DAYS, w[1]!) && w[2] === 'in' && (w[3] === 'odd' || w[3] === 'even') && w[4] === 'iso' && w[5] === 'weeks') {
      const r = parity(w[3], [QUICK_DAYS[w[1]!]!]);
      return 'spec' in r ? r.spec : undefined;
    }
    return undefined;
  }
  if (w.length === 5 && has(QUICK_ORDINALS, w[0]!) && has(QUICK_DAYS, w[1]!) && w[2] === 'of' && w[3] === 'every' && w[4] === 'month') {
    return { freq: 'MONTHLY', byday: [{ n: QUICK_ORDINALS[w[0]!]!, wd: QUICK_DAYS[w[1]!]! }] };
  }
  return undefined;
}

/**
 * The normalised RRULE text of a quickSpec reading, as recurrence.ts's rrule round trip writes it
 * (INTERVAL first, as the phrases' options are made; an ordinal with its sign), without rrule:
 * test/schedule/phrases-quick.test.ts compares every form with the round trip.
 */
export function quickRuleText(spec: RuleSpec): string {
  let text = spec.interval !== undefined ? `INTERVAL=${spec.interval};FREQ=${spec.freq}` : `FREQ=${spec.freq}`;
  if (spec.byweekno) text += `;BYWEEKNO=${spec.byweekno.join(',')}`;
  if (spec.byday) text += `;BYDAY=${spec.byday.map((d) => (d.n === undefined ? d.wd : `${d.n > 0 ? '+' : ''}${d.n}${d.wd}`)).join(',')}`;
  return text;
}

/** readPhrase without the search for suggestions (the refusal's own ones only). */
function readCore(text: string): PhraseReading {
  const { tokens, unknown } = lex(text);
  const fail = (error: string, at: number, extra: string[] = []): PhraseReading => ({ ok: false, error, at, suggestions: extra });
  if (tokens.length === 0 && unknown.length === 0) return fail('the rule is empty', 0, STARTERS.slice(0, 3));
  if (tokens.length > MAX_TOKENS)
    return fail(`a phrase of more than ${MAX_TOKENS} words and signs is too long to be a rule: write an RRULE`, tokens[MAX_TOKENS]!.at);
  if (unknown.length) {
    const u = unknown[0]!;
    return fail(/^\d/.test(u.raw) || u.raw.length === 1 ? `"${u.raw}" is not part of any phrase` : `unknown word "${u.raw}"`, u.at);
  }
  const time = tokens.find((t) => t.lx.k === 'time');
  if (time) return fail(REFUSED_WORD.at!, time.at);
  const g = new Grammar(tokens);
  const results = grammar(g)(0).filter((r) => r.i === tokens.length);
  const specs = new Map<string, RuleSpec>();
  for (const r of results) if ('spec' in r.v) specs.set(JSON.stringify(r.v.spec), r.v.spec);
  if (specs.size === 1) return { ok: true, spec: [...specs.values()][0]! };
  if (specs.size > 1) return fail('the phrase can be read in more than one way', 0);
  const refusal = results.find((r) => 'refuse' in r.v)?.v as { refuse: string; suggestions?: string[] } | undefined;
  if (refusal) return fail(refusal.refuse, tokens[0]!.at, refusal.suggestions);
  const refused = tokens.find((t) => t.lx.k === 'kw' && REFUSED_WORD[t.lx.w] !== undefined);
  if (refused && refused.lx.k === 'kw') return fail(REFUSED_WORD[refused.lx.w]!, refused.at, REFUSED_SUGGESTIONS[refused.lx.w]);
  const stop = tokens[g.furthest];
  if (!stop) return fail(`the phrase stops short after "${text.trim()}"`, text.trimEnd().length);
  return fail(`cannot read "${text.slice(stop.at).trim()}" here`, stop.at);
}

// ---------------------------------------------------------------------------------------------
// Suggestions: the phrases tcon reads that come nearest to what was written

/** Longer phrases are refused: they are not what a rule looks like, and parsing stays cheap. */
const MAX_TOKENS = 40;

/** Shown when nothing in the text hints at a form. */
const STARTERS = [
  '3rd Tuesday of every month',
  'every other Wednesday',
  'every Monday and Thursday',
  '2nd and 4th Tuesday of every month',
  'monthly on day 1',
  'every weekday',
];

export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

function nearestWord(word: string): string | undefined {
  const w = word.toLowerCase();
  const limit = w.length <= 4 ? 1 : 2;
  let best: { word: string; d: number } | undefined;
  for (const v of VOCABULARY) {
    const d = levenshtein(w, v);
    if (d <= limit && (!best || d < best.d)) best = { word: v, d };
  }
  return best?.word;
}

/** A mended word as it would be written: "Tuesday", "March", "Every" at the start of a sentence. */
function display(word: string | undefined, raw: string): string | undefined {
  if (!word) return undefined;
  const lx = lexWord(word);
  const capital = lx?.k === 'wd' || lx?.k === 'month' || /^[A-Z]/.test(raw);
  return capital ? word[0]!.toUpperCase() + word.slice(1) : word;
}

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function suggestions(text: string, tokens: readonly Tok[], unknown: readonly { at: number; raw: string }[], extra: readonly string[]): string[] {
  const reads = (s: string) => readCore(s).ok;
  const out: string[] = [];
  const add = (s: string) => {
    const same = (a: string, b: string) => a.toLowerCase().replace(/\s+/g, ' ').trim() === b.toLowerCase().replace(/\s+/g, ' ').trim();
    if (!out.some((o) => same(o, s)) && !same(s, text) && reads(s)) out.push(s);
  };
  extra.forEach(add);
  // The text itself with misspelt words mended and refused words replaced.
  let mended = text;
  const edits = [
    // A stray character is dropped; a misspelt word becomes the nearest one tcon knows.
    ...unknown.map((u) => ({ at: u.at, raw: u.raw, by: /^[a-z]/i.test(u.raw) ? display(nearestWord(u.raw), u.raw) : '' })),
    ...tokens.filter((t) => t.lx.k === 'kw' && t.lx.w === 'or').map((t) => ({ at: t.at, raw: t.raw, by: 'and' })),
  ].sort((a, b) => b.at - a.at);
  if (edits.length && edits.every((e) => e.by !== undefined)) {
    for (const e of edits) mended = mended.slice(0, e.at) + e.by + mended.slice(e.at + e.raw.length);
    add(mended.replace(/\s+/g, ' ').trim());
  }
  // Templates filled with the weekdays, ordinals and numbers the text gives.
  // (A misspelt weekday or month counts; a word that is merely near a keyword, "feels" and
  // "weeks", would only add noise.)
  const near = (raw: string) => {
    const lx = nearestWord(raw) === undefined ? undefined : lexWord(nearestWord(raw)!);
    return lx?.k === 'wd' || lx?.k === 'month' || lx?.k === 'ord' ? lx : undefined;
  };
  const words = [...tokens.map((t) => t.lx), ...unknown.map((u) => near(u.raw))];
  const days = unique(words.flatMap((l) => (l?.k === 'wd' ? [l.wd] : [])));
  const ords = unique(words.flatMap((l) => (l?.k === 'ord' && l.n <= 5 ? [l.n] : l?.k === 'kw' && l.w === 'last' ? [-1] : [])));
  const nums = words.flatMap((l) => (l?.k === 'num' && l.n >= 2 && l.n <= 12 ? [l.n] : []));
  const monthDays = words.flatMap((l) => ((l?.k === 'ord' || l?.k === 'num') && l.digits && l.n >= 1 && l.n <= 28 ? [l.n] : []));
  const months = unique(words.flatMap((l) => (l?.k === 'month' ? [l.m] : [])));
  const par = words.find((l) => l?.k === 'kw' && (l.w === 'odd' || l.w === 'even'));
  const d = dayNames(days.length ? days : ['TU']);
  const workdays = days.filter((x) => x !== 'SA' && x !== 'SU');
  const o = joinAnd((ords.length ? ords : [3]).map(ordinalText));
  const n = nums[0] ?? 3;
  const templates = [
    `${o} ${d} of every month`,
    `every month on the ${o} ${d}`,
    `every ${d}`,
    `every other ${d}`,
    `every ${n} weeks on ${d}`,
    `${o} ${d} of every other month`,
    `quarterly on the ${o} ${d}`,
    `monthly on day ${monthDays[0] ?? 1}`,
    `the ${ordinalText(monthDays[0] ?? 1)} of every month`,
    'the last day of every month',
    'every weekday',
    'daily',
    ...(months.length ? [`${o} ${d} of ${joinAnd(months.map((m) => MONTH_NAMES[m - 1]!))}`] : []),
    ...(par ? [`every ${dayNames(workdays.length ? workdays : ['TU'])} in ${par.k === 'kw' ? par.w : 'odd'} ISO weeks`] : []),
  ];
  // Nothing in the text hints at a form: offer the common ones, in that order.
  if (
    !days.length &&
    !ords.length &&
    !nums.length &&
    !months.length &&
    !par &&
    !words.some((l) => l?.k === 'kw' && ['week', 'month', 'day', 'weekly', 'monthly', 'daily', 'quarterly', 'biweekly', 'weekdays'].includes(l.w))
  ) {
    for (const s of STARTERS) if (out.length < 3) add(s);
    return out;
  }
  // Nearest first: the fewest of the text's own words left out, then the fewest edits.
  const target = normalise(text);
  const filler = new Set(['the', 'of', 'on', 'every', 'each', 'and', 'a', 'in', 'at']);
  const own = normalise(mended)
    .split(' ')
    .filter((w) => w && !filler.has(w));
  const ranked = templates
    .map((t, i) => {
      const words = new Set(normalise(t).split(' '));
      return { t, i, missing: own.filter((w) => !words.has(w)).length, d: levenshtein(target, normalise(t)) };
    })
    .sort((a, b) => a.missing - b.missing || a.d - b.d || a.i - b.i);
  for (const r of ranked) {
    if (out.length >= 3) break;
    add(r.t);
  }
  return out.slice(0, 3);
}
