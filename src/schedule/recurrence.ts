/*
 * The one wrapper around rrule. rrule works in "pseudo-UTC": its Dates carry wall-clock fields in
 * their UTC getters, and its own `tzid` support returns instants that are off by the zone offset.
 * So we use it for date patterns only: expand in wall-clock *dates* (midnight pseudo-UTC, no tzid),
 * read them back with the UTC getters, and place times of day with luxon (zoned.ts).
 */
import rrulePkg, { type Weekday } from 'rrule';
import { isoDateOf, isPlainDay, plainDayText, utcOfWall } from './dates.js';
import { quickRuleText, quickSpec, readWithGrammar, type RuleSpec } from './phrases.js';
import type { IsoDate } from './types.js';

const { RRule } = rrulePkg;
type Options = NonNullable<ConstructorParameters<typeof RRule>[0]>;

export type ParsedRule =
  | { ok: true; rule: string }
  | { ok: false; error: string; forbidden?: boolean; /** Phrases: index in the text of the problem. */ at?: number; suggestions?: string[] };

const cache = new Map<string, InstanceType<typeof RRule>>();

/** Whether a rule is written as RRULE text (`FREQ=...`, `RRULE:FREQ=...`) rather than a phrase. */
export function isRruleText(text: string): boolean {
  return /^(RRULE:)?[A-Z]+=/i.test(text.trim());
}

/** Rules read before, by their text (as written): the normalised rule. rrule's parser and printer ran once per series of every file. */
const parsedRules = new Map<string, string>();

/**
 * Reads a rule: RRULE text (`FREQ=...`, with or without `RRULE:`) or a phrase of tcon's grammar
 * (phrases.ts; rrule's own English parser is never used: it silently drops what it does not
 * know). Either way the result is rrule's normalised RRULE text, which state fingerprints compare.
 */
export function parseRule(text: string): ParsedRule {
  const known = parsedRules.get(text);
  if (known !== undefined) return { ok: true, rule: known };
  const parsed = parseRuleText(text);
  if (parsed.ok) {
    if (parsedRules.size > 5000) parsedRules.clear();
    parsedRules.set(text, parsed.rule);
  }
  return parsed;
}

function parseRuleText(text: string): ParsedRule {
  if (!isRruleText(text)) {
    // The commonest phrases, without the grammar or rrule's printer (cold code at every run).
    const quick = quickSpec(text);
    if (quick) return { ok: true, rule: quickRuleText(quick) };
    const read = readWithGrammar(text);
    if (!read.ok) return { ok: false, error: read.error, at: read.at, suggestions: read.suggestions };
    return ruleOfSpec(read.spec);
  }
  const body = text.trim().replace(/^RRULE:/i, '');
  if (/(^|;)(DTSTART|UNTIL|COUNT)=/i.test(body)) return { ok: false, error: 'forbidden', forbidden: true };
  const byday = /(?:^|;)BYDAY=([^;]*)/i.exec(body)?.[1];
  const badDay = byday?.split(',').find((d) => !/^[+-]?([1-9]|[1-4]\d|5[0-3])?(MO|TU|WE|TH|FR|SA|SU)$/i.test(d));
  if (badDay !== undefined)
    return { ok: false, error: `BYDAY value "${badDay}" is not a weekday (MO, TU, ... SU, with an optional ordinal such as 3TU or -1FR)` };
  const plain = plainRule(body.toUpperCase());
  if (plain) return { ok: true, rule: plain.rule };
  try {
    return normalise(RRule.parseString(body.toUpperCase()));
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

const PLAIN_RULE =
  /^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(?:;INTERVAL=([1-9]\d{0,3}))?(?:;BYWEEKNO=((?:[1-9]|[1-4]\d|5[0-3])(?:,(?:[1-9]|[1-4]\d|5[0-3]))*))?(?:;BYDAY=([^;]+))?$/;
const PLAIN_DAY = /^([+-]?)([1-9]|[1-4]\d|5[0-3])?(MO|TU|WE|TH|FR|SA|SU)$/;

/**
 * The rules most configs write (`FREQ=WEEKLY;BYDAY=TU`, `FREQ=WEEKLY;INTERVAL=2;BYDAY=WE`,
 * `FREQ=MONTHLY;BYDAY=1TH`, and ISO weeks as yaml2ical registries have them,
 * `FREQ=YEARLY;BYWEEKNO=2,4,...;BYDAY=MO`: FREQ, then INTERVAL, BYWEEKNO and BYDAY, in capitals), read without rrule:
 * their normalised text (rrule's printer writes an ordinal with its sign: `+1TH`) and rrule's
 * options, as RRule.parseString gives them. rrule's parser and printer run cold, once per
 * distinct rule: a few milliseconds of every config load. Undefined for any other text (rrule
 * reads it). Checked against rrule by test/schedule/plain-rules.test.ts.
 */
export function plainRule(text: string): { rule: string; options: Partial<Options> } | undefined {
  const m = PLAIN_RULE.exec(text);
  if (!m) return undefined;
  const options: Partial<Options> = { freq: RRule[m[1] as 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY'] };
  let rule = `FREQ=${m[1]}`;
  if (m[2] !== undefined) {
    options.interval = Number(m[2]);
    rule += `;INTERVAL=${m[2]}`;
  }
  if (m[3] !== undefined) {
    // rrule reads one number as a number, several as a list.
    const weeks = m[3].split(',').map(Number);
    options.byweekno = weeks.length === 1 ? weeks[0]! : weeks;
    rule += `;BYWEEKNO=${m[3]}`;
  }
  if (m[4] !== undefined) {
    const days: Weekday[] = [];
    const texts: string[] = [];
    for (const day of m[4].split(',')) {
      const d = PLAIN_DAY.exec(day);
      if (!d) return undefined;
      const wd = RRule[d[3] as 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU'];
      if (d[2] === undefined) {
        if (d[1]) return undefined;
        days.push(wd);
        texts.push(d[3]!);
      } else {
        const n = d[1] === '-' ? -Number(d[2]) : Number(d[2]);
        days.push(wd.nth(n));
        texts.push(`${n > 0 ? '+' : ''}${n}${d[3]}`);
      }
    }
    options.byweekday = days;
    rule += `;BYDAY=${texts.join(',')}`;
  }
  return { rule, options };
}

/** A phrase's meaning as normalised RRULE text, through rrule's printer (what quickRuleText is checked against). */
export function ruleOfSpec(spec: RuleSpec): ParsedRule {
  return normalise(specOptions(spec));
}

/**
 * A phrase's meaning as rrule options. Key order is the order of the RRULE text: INTERVAL first,
 * as rrule's English parser wrote "every 2 weeks on Tuesday" (INTERVAL=2;FREQ=WEEKLY;BYDAY=TU),
 * so that configs written with such phrases keep their normalised rule (and their SEQUENCE).
 */
function specOptions(spec: RuleSpec): Partial<Options> {
  const o: Partial<Options> = {};
  if (spec.interval !== undefined) o.interval = spec.interval;
  o.freq = RRule[spec.freq];
  if (spec.bymonth) o.bymonth = spec.bymonth;
  if (spec.byweekno) o.byweekno = spec.byweekno;
  if (spec.bymonthday) o.bymonthday = spec.bymonthday;
  if (spec.byday) o.byweekday = spec.byday.map((d) => (d.n === undefined ? RRule[d.wd] : RRule[d.wd].nth(d.n)));
  if (spec.bysetpos) o.bysetpos = spec.bysetpos;
  return o;
}

function normalise(options: Partial<Options>): ParsedRule {
  if (options.until || options.count || options.dtstart) return { ok: false, error: 'forbidden', forbidden: true };
  if (options.freq === undefined || options.freq === null) return { ok: false, error: 'no FREQ' };
  if (options.byhour || options.byminute || options.bysecond) {
    return { ok: false, error: 'times of day belong in "slots", not in BYHOUR/BYMINUTE/BYSECOND' };
  }
  if (options.freq > RRule.DAILY) return { ok: false, error: 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY' };
  try {
    const rule = new RRule({ ...options, dtstart: null }).toString().replace(/^RRULE:/, '');
    return { ok: true, rule };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

function pseudoUtc(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/*
 * Expanding near the window. rrule walks every period from DTSTART to the window: a series begun
 * in 2013 is walked for ten years before its 2027 meetings (issue 14). The dates a rule gives
 * from DTSTART are periodic: a WEEKLY rule with INTERVAL=k gives them in every k-th week counted
 * from DTSTART's week (weeks begin on WKST), MONTHLY in every k-th month, YEARLY in every k-th
 * year, DAILY on every k-th day. So the same rule counted from the first day of such a period
 * later on gives the same dates from that day on, once the parts rrule takes from DTSTART when
 * a rule leaves them out (the weekday of a WEEKLY rule, the day of a MONTHLY one, the month and
 * day of a YEARLY one: rrule's parseOptions) are written into it.
 */
interface Shape {
  /** The rule's options with DTSTART's defaults made explicit. */
  options: Partial<Options>;
  unit: 'day' | 'week' | 'month' | 'year';
  interval: number;
  /** The first day of DTSTART's period (its week from WKST, its month, its year). */
  base: IsoDate;
  /** Dates in every period of the rule, when that is a constant (see perPeriod), else undefined. */
  perPeriod: number | undefined;
  /** rrule's WKST (MO = 0). */
  wkst: number;
  /** The rule's weekdays (with their ordinals, 0 for none) and month days. */
  days: { weekday: number; n: number }[];
  monthdays: number[];
  /** A weekly or daily rule's dates in each period, as days after the period's first (ascending); made on first use. */
  offsets?: number[];
  /**
   * A yearly rule of ISO weeks (BYWEEKNO of weeks 1..53 and plain weekdays, weeks from Monday,
   * nothing else: what `tcon import yaml2ical` writes): its weeks. Such a rule gives every date of
   * its weekdays whose ISO week is listed, whichever calendar year the week is counted in (RFC
   * 5545's week numbering with WKST=MO is ISO 8601's), so its dates need no walk of the year.
   */
  isoWeeks?: Set<number>;
}

const shapes = new Map<string, Shape>();
/** rrule's options of a normalised rule, by its text: parsed once per distinct rule, not per series (each user spreads a copy). */
const ruleOptions = new Map<string, Partial<Options>>();

function optionsOf(rule: string): Partial<Options> {
  let o = ruleOptions.get(rule);
  if (!o) {
    o = plainRule(rule)?.options ?? RRule.parseString(rule);
    if (ruleOptions.size > 5000) ruleOptions.clear();
    ruleOptions.set(rule, o);
  }
  return o;
}
const nonEmpty = (x: unknown) => x !== undefined && x !== null && (!Array.isArray(x) || x.length > 0);
const list = <T>(x: T | T[] | null | undefined): T[] => (x === undefined || x === null ? [] : Array.isArray(x) ? x : [x]);

function dayNumber(date: IsoDate): number {
  return utcOfWall(date, 0, 0) / 86_400_000;
}

/** The date of day number `n` (days since 1970-01-01), as isoDateOf writes it; kept, not rebuilt, per meeting (plainDayText). */
export function fromDayNumber(n: number): IsoDate {
  return isPlainDay(n) ? plainDayText(n) : isoDateOf(new Date(n * 86_400_000));
}

const addDaysTo = (date: IsoDate, days: number): IsoDate => fromDayNumber(dayNumber(date) + days);

/** rrule's weekday number (MO = 0 ... SU = 6) of a date. */
const weekdayOf = (date: IsoDate) => (((dayNumber(date) + 3) % 7) + 7) % 7;

/** A shape's parts that depend on the rule alone (Shape less its base). */
type RuleShape = Omit<Shape, 'base' | 'offsets'>;

/** RuleShapes of the rules that take nothing from DTSTART (they have BY parts): made once per rule text, not per series. */
const ruleShapes = new Map<string, RuleShape>();

function ruleShapeOf(rule: string, dtstart: IsoDate): RuleShape {
  const known = ruleShapes.get(rule);
  if (known) return known;
  const o: Partial<Options> = { ...optionsOf(rule) };
  const freq = o.freq!;
  const fromStart = !(nonEmpty(o.byweekno) || nonEmpty(o.byyearday) || o.bymonthday || nonEmpty(o.byweekday) || nonEmpty(o.byeaster));
  if (fromStart) {
    if (freq === RRule.YEARLY) {
      if (!o.bymonth) o.bymonth = +dtstart.slice(5, 7);
      o.bymonthday = +dtstart.slice(8, 10);
    } else if (freq === RRule.MONTHLY) o.bymonthday = +dtstart.slice(8, 10);
    else if (freq === RRule.WEEKLY) o.byweekday = [weekdayOf(dtstart)];
  }
  const interval = o.interval ?? 1;
  const wk = o.wkst === undefined || o.wkst === null ? 0 : typeof o.wkst === 'number' ? o.wkst : o.wkst.weekday;
  const unit = freq === RRule.YEARLY ? 'year' : freq === RRule.MONTHLY ? 'month' : freq === RRule.WEEKLY ? 'week' : 'day';
  const shape: RuleShape = {
    options: o,
    unit,
    interval,
    perPeriod: perPeriod(o, unit),
    wkst: wk,
    days: weekdaysOf(o),
    monthdays: list(o.bymonthday as number | number[] | null | undefined),
    isoWeeks: isoWeeksOf(o, unit, interval, wk),
  };
  if (!fromStart) {
    if (ruleShapes.size > 5000) ruleShapes.clear();
    ruleShapes.set(rule, shape);
  }
  return shape;
}

function shapeOf(rule: string, dtstart: IsoDate): Shape {
  const key = `${rule}|${dtstart}`;
  const known = shapes.get(key);
  if (known) return known;
  const r = ruleShapeOf(rule, dtstart);
  const base =
    r.unit === 'year'
      ? `${dtstart.slice(0, 4)}-01-01`
      : r.unit === 'month'
        ? `${dtstart.slice(0, 7)}-01`
        : r.unit === 'week'
          ? fromDayNumber(dayNumber(dtstart) - ((weekdayOf(dtstart) - r.wkst + 7) % 7))
          : dtstart;
  const shape: Shape = { ...r, base };
  if (shapes.size > 5000) shapes.clear();
  shapes.set(key, shape);
  return shape;
}

/**
 * How many dates each period of the rule holds, where that is the same in every period: a DAILY
 * rule without BY parts (1), a WEEKLY one with plain weekdays (one each), a MONTHLY one with
 * weekday ordinals all in 1..4 or all in -4..-1 (every month has them), or with month days all
 * in 1..28 or all in -28..-1. Anything else (BYMONTH, BYSETPOS, the 5th weekday, the 31st) is
 * counted by expanding.
 */
function weekdaysOf(o: Partial<Options>): { weekday: number; n: number }[] {
  return list(o.byweekday as unknown as (number | { weekday: number; n?: number | null })[] | null | undefined).map((d) =>
    typeof d === 'number' ? { weekday: d, n: 0 } : { weekday: d.weekday, n: d.n ?? 0 },
  );
}

function perPeriod(o: Partial<Options>, unit: Shape['unit']): number | undefined {
  if (nonEmpty(o.bymonth) || nonEmpty(o.bysetpos) || nonEmpty(o.byweekno) || nonEmpty(o.byyearday) || nonEmpty(o.byeaster)) return undefined;
  const days = weekdaysOf(o);
  const monthdays = list(o.bymonthday as number | number[] | null | undefined);
  const distinct = (xs: string[]) => new Set(xs).size;
  if (unit === 'day') return days.length === 0 && monthdays.length === 0 ? 1 : undefined;
  if (unit === 'week') return monthdays.length === 0 && days.length > 0 && days.every((d) => d.n === 0) ? distinct(days.map((d) => `${d.weekday}`)) : undefined;
  if (unit !== 'month') return undefined;
  if (monthdays.length === 0 && days.length > 0 && (days.every((d) => d.n >= 1 && d.n <= 4) || days.every((d) => d.n >= -4 && d.n <= -1))) {
    return distinct(days.map((d) => `${d.n}|${d.weekday}`));
  }
  if (days.length === 0 && monthdays.length > 0 && (monthdays.every((d) => d >= 1 && d <= 28) || monthdays.every((d) => d >= -28 && d <= -1))) {
    return distinct(monthdays.map(String));
  }
  return undefined;
}

/** The weeks of a yearly rule of ISO weeks (see Shape.isoWeeks), or undefined for any other rule. */
function isoWeeksOf(o: Partial<Options>, unit: Shape['unit'], interval: number, wkst: number): Set<number> | undefined {
  if (unit !== 'year' || interval !== 1 || wkst !== 0) return undefined;
  if (nonEmpty(o.bymonth) || nonEmpty(o.bysetpos) || nonEmpty(o.byyearday) || nonEmpty(o.byeaster) || nonEmpty(o.bymonthday)) return undefined;
  const weeks = list(o.byweekno as number | number[] | null | undefined);
  const days = weekdaysOf(o);
  // Monday to Friday only: rrule (as python-dateutil, whose port it is) counts a Saturday or Sunday
  // at the start of some years in week 53 of a previous year that had 52 (1994-01-01, 2011-01-01:
  // it reckons the previous year's last week with this year's length), and tcon's dates are rrule's.
  if (!weeks.length || !weeks.every((w) => w >= 1 && w <= 53) || !days.length || !days.every((d) => d.n === 0 && d.weekday <= 4)) return undefined;
  return new Set(weeks);
}

/** The ISO 8601 week number of a day number (weeks from Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(day: number): number {
  const thursday = day - ((((day + 3) % 7) + 7) % 7) + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  return Math.floor((thursday - Date.UTC(year, 0, 1) / 86_400_000) / 7) + 1;
}

/** expandDates for a yearly rule of ISO weeks (Shape.isoWeeks): each weekday's dates, kept by week. */
function isoWeekDates(shape: Shape, weeks: Set<number>, dtstart: IsoDate, from: IsoDate, to: IsoDate): IsoDate[] {
  const lo = dayNumber(from > dtstart ? from : dtstart);
  const hi = dayNumber(to);
  const days: number[] = [];
  for (const weekday of new Set(shape.days.map((d) => d.weekday))) {
    // A week later is the next week, reckoned again only from week 52 on (a year may have 53):
    // a Date per step was most of what an imported registry's rules of odd and even weeks made.
    let d = lo + ((weekday - ((((lo + 3) % 7) + 7) % 7) + 7) % 7);
    for (let week = isoWeekOf(d); d <= hi; d += 7, week = week < 52 ? week + 1 : isoWeekOf(d)) if (weeks.has(week)) days.push(d);
  }
  return days.sort((a, b) => a - b).map(fromDayNumber);
}

/** Whole units of the rule's period from its base to `date` (which may lie before it: negative). */
function unitsTo(shape: Shape, date: IsoDate): number {
  const { base } = shape;
  if (shape.unit === 'year') return +date.slice(0, 4) - +base.slice(0, 4);
  if (shape.unit === 'month') return (+date.slice(0, 4) - +base.slice(0, 4)) * 12 + (+date.slice(5, 7) - +base.slice(5, 7));
  const days = dayNumber(date) - dayNumber(base);
  return shape.unit === 'week' ? Math.floor(days / 7) : days;
}

/** The first day of the rule's n-th period from its base (n intervals on). */
function periodStart(shape: Shape, n: number): IsoDate {
  const { base } = shape;
  const units = n * shape.interval;
  if (shape.unit === 'year') return `${String(+base.slice(0, 4) + units).padStart(4, '0')}-01-01`;
  if (shape.unit === 'month') {
    const m = +base.slice(0, 4) * 12 + (+base.slice(5, 7) - 1) + units;
    return `${String(Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}-01`;
  }
  return fromDayNumber(dayNumber(base) + units * (shape.unit === 'week' ? 7 : 1));
}

/** The index of the rule's period that holds `date` (0: DTSTART's own). */
function periodIndex(shape: Shape, date: IsoDate): number {
  return Math.floor(unitsTo(shape, date) / shape.interval);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthLength = (y: number, m: number) => (m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS_IN_MONTH[m - 1]!);

/**
 * The dates of one period (day numbers, ascending) of a rule whose periods all hold the same
 * number of dates (perPeriod): the rule's weekdays in the week, its ordinal weekdays or month
 * days in the month, the day itself. Checked against rrule by test/schedule/near-window.test.ts.
 */
function periodDates(shape: Shape, start: IsoDate): number[] {
  const first = dayNumber(start);
  if (shape.unit === 'day') return [first];
  if (shape.unit === 'week') return [...new Set(shape.days.map((d) => first + ((d.weekday - shape.wkst + 7) % 7)))].sort((a, b) => a - b);
  const length = monthLength(+start.slice(0, 4), +start.slice(5, 7));
  const out = new Set<number>();
  for (const d of shape.monthdays) out.add(d > 0 ? first + d - 1 : first + length + d);
  if (shape.days.length) {
    const firstWeekday = weekdayOf(start);
    const lastWeekday = (firstWeekday + length - 1) % 7;
    for (const d of shape.days) {
      if (d.n > 0) out.add(first + ((d.weekday - firstWeekday + 7) % 7) + (d.n - 1) * 7);
      else out.add(first + length - 1 - ((lastWeekday - d.weekday + 7) % 7) + (d.n + 1) * 7);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** expandDates for a rule whose periods all hold the same number of dates, without rrule. */
/**
 * The day numbers in [lo, hi], in order, of a rule whose periods are a fixed number of days
 * (weeks, days), from the period that holds `from`: by day numbers alone (periodStart and
 * periodDates made two strings, a Set and a sorted array per period). Stops when `visit` says so.
 */
function fixedPeriodDays(shape: Shape, from: IsoDate, lo: number, hi: number, visit: (day: number) => boolean | void): void {
  const offsets = (shape.offsets ??= shape.unit === 'day' ? [0] : periodDates(shape, shape.base).map((d) => d - dayNumber(shape.base)));
  const step = shape.interval * (shape.unit === 'week' ? 7 : 1);
  // Indexed loops here and in the other per-meeting loops of a feed's run: a for-of in code V8
  // has not optimized makes an iterator and a result object per step (2 MB of a registry's run).
  for (let start = dayNumber(shape.base) + Math.max(0, periodIndex(shape, from)) * step; start <= hi; start += step) {
    for (let i = 0; i < offsets.length; i++) {
      const day = start + offsets[i]!;
      if (day >= lo && day <= hi && visit(day)) return;
    }
  }
}

function fastDates(shape: Shape, dtstart: IsoDate, from: IsoDate, to: IsoDate): IsoDate[] {
  const lo = dayNumber(from > dtstart ? from : dtstart);
  const hi = dayNumber(to);
  const out: IsoDate[] = [];
  if (shape.unit === 'week' || shape.unit === 'day') {
    fixedPeriodDays(shape, from, lo, hi, (d) => {
      out.push(fromDayNumber(d));
    });
    return out;
  }
  for (let n = Math.max(0, periodIndex(shape, from)); ; n++) {
    const start = periodStart(shape, n);
    if (start > to) break;
    const days = periodDates(shape, start);
    for (let i = 0; i < days.length; i++) if (days[i]! >= lo && days[i]! <= hi) out.push(fromDayNumber(days[i]!));
  }
  return out;
}

/** The rrule of `rule` counted from `dtstart`, or (shape given: its defaults filled from `origin`) from the period start `dtstart`. */
function rruleFrom(rule: string, dtstart: IsoDate, shape: Shape | undefined, origin: IsoDate = dtstart): InstanceType<typeof RRule> {
  const key = `${rule}|${origin}|${dtstart}`;
  let rr = cache.get(key);
  if (!rr) {
    rr = new RRule({ ...(shape ? shape.options : optionsOf(rule)), dtstart: pseudoUtc(dtstart) });
    if (cache.size > 5000) cache.clear();
    cache.set(key, rr);
  }
  return rr;
}

/**
 * The wall-clock dates in [from, to] (inclusive) produced by `rule` counted from `dtstart`.
 * `rule` must come from parseRule. Expanded from the period of the rule that holds `from`, not
 * from `dtstart`: the cost is that of the window, not of the series' history.
 */
export function expandDates(rule: string, dtstart: IsoDate, from: IsoDate, to: IsoDate): IsoDate[] {
  if (to < from || to < dtstart) return [];
  const simple = shapeOf(rule, dtstart);
  if (simple.perPeriod !== undefined) return fastDates(simple, dtstart, from, to);
  if (simple.isoWeeks) return isoWeekDates(simple, simple.isoWeeks, dtstart, from, to);
  let rr: InstanceType<typeof RRule>;
  const shape = from > dtstart ? simple : undefined;
  const n = shape ? periodIndex(shape, from) : 0;
  if (shape && n >= 1) rr = rruleFrom(rule, periodStart(shape, n), shape, dtstart);
  else rr = rruleFrom(rule, dtstart, undefined);
  return rr.between(pseudoUtc(from), pseudoUtc(to), true).map(isoDateOf);
}

/** The first date in [from, to] of `rule` counted from `dtstart` (walks no further than that date). */
export function firstDateIn(rule: string, dtstart: IsoDate, from: IsoDate, to: IsoDate): IsoDate | undefined {
  if (to < from || to < dtstart) return undefined;
  const simple = shapeOf(rule, dtstart);
  if (simple.perPeriod !== undefined) {
    // As fastDates, stopping at the first period that holds a date in range (rrule is not loaded).
    const lo = dayNumber(from > dtstart ? from : dtstart);
    const hi = dayNumber(to);
    if (simple.unit === 'week' || simple.unit === 'day') {
      // The offsets ascend, so the first day in range is the first date.
      let first: number | undefined;
      fixedPeriodDays(simple, from, lo, hi, (d) => {
        first = d;
        return true;
      });
      return first === undefined ? undefined : fromDayNumber(first);
    }
    for (let n = Math.max(0, periodIndex(simple, from)); ; n++) {
      const start = periodStart(simple, n);
      if (start > to) return undefined;
      let first: number | undefined;
      for (const d of periodDates(simple, start)) if (d >= lo && d <= hi && (first === undefined || d < first)) first = d;
      if (first !== undefined) return fromDayNumber(first);
    }
  }
  if (simple.isoWeeks) {
    // A year at a time: a rule of week 53 alone may have no date for five years.
    for (let a = from; a <= to; a = addDaysTo(a, 366)) {
      const b = addDaysTo(a, 365);
      const dates = isoWeekDates(simple, simple.isoWeeks, dtstart, a, b < to ? b : to);
      if (dates.length) return dates[0];
    }
    return undefined;
  }
  const shape = from > dtstart ? simple : undefined;
  const n = shape ? periodIndex(shape, from) : 0;
  const rr = shape && n >= 1 ? rruleFrom(rule, periodStart(shape, n), shape, dtstart) : rruleFrom(rule, dtstart, undefined);
  const d = rr.after(pseudoUtc(from), true);
  const date = d ? isoDateOf(d) : undefined;
  return date !== undefined && date <= to ? date : undefined;
}

/**
 * How many dates `rule` counted from `dtstart` gives before `before` (exclusive), without
 * expanding them where every period holds as many (perPeriod): the partial periods at either
 * end are expanded, the whole ones between are counted.
 */
export function countDates(rule: string, dtstart: IsoDate, before: IsoDate): number {
  if (before <= dtstart) return 0;
  const last = fromDayNumber(dayNumber(before) - 1);
  const shape = shapeOf(rule, dtstart);
  const n = periodIndex(shape, before);
  if (shape.perPeriod === undefined || n < 2) return expandDates(rule, dtstart, dtstart, last).length;
  const first = periodStart(shape, 1);
  const lastStart = periodStart(shape, n);
  return (
    expandDates(rule, dtstart, dtstart, fromDayNumber(dayNumber(first) - 1)).length +
    (n - 1) * shape.perPeriod +
    expandDates(rule, dtstart, lastStart, last).length
  );
}

/**
 * The rule with FREQ as its first part, for writing into iCalendar. A normalised rule may start
 * with INTERVAL (as rrule's English parser wrote "every 2 weeks", kept for state compatibility),
 * but RFC 5545 3.3.10: "the FREQ rule part MUST be the first rule part specified in a RECUR
 * value", for the applications that predate it.
 */
export function freqFirst(rule: string): string {
  const parts = rule.split(';');
  return [...parts.filter((p) => p.startsWith('FREQ=')), ...parts.filter((p) => !p.startsWith('FREQ='))].join(';');
}

/** The RRULE's parts as a map (FREQ, BYDAY, INTERVAL, ...), for code that maps rules onto clients' forms. */
export function ruleParts(rule: string): Map<string, string> {
  return new Map(rule.split(';').map((p) => p.split('=') as [string, string]));
}
