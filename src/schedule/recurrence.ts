/*
 * The one wrapper around rrule. rrule works in "pseudo-UTC": its Dates carry wall-clock fields in
 * their UTC getters, and its own `tzid` support returns instants that are off by the zone offset.
 * So we use it for date patterns only: expand in wall-clock *dates* (midnight pseudo-UTC, no tzid),
 * read them back with the UTC getters, and place times of day with luxon (zoned.ts).
 */
import rrulePkg from 'rrule';
import { readPhrase, type RuleSpec } from './phrases.js';
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

/**
 * Reads a rule: RRULE text (`FREQ=...`, with or without `RRULE:`) or a phrase of tcon's grammar
 * (phrases.ts; rrule's own English parser is never used: it silently drops what it does not
 * know). Either way the result is rrule's normalised RRULE text, which state fingerprints compare.
 */
export function parseRule(text: string): ParsedRule {
  if (!isRruleText(text)) {
    const read = readPhrase(text);
    if (!read.ok) return { ok: false, error: read.error, at: read.at, suggestions: read.suggestions };
    return normalise(specOptions(read.spec));
  }
  const body = text.trim().replace(/^RRULE:/i, '');
  if (/(^|;)(DTSTART|UNTIL|COUNT)=/i.test(body)) return { ok: false, error: 'forbidden', forbidden: true };
  const byday = /(?:^|;)BYDAY=([^;]*)/i.exec(body)?.[1];
  const badDay = byday?.split(',').find((d) => !/^[+-]?([1-9]|[1-4]\d|5[0-3])?(MO|TU|WE|TH|FR|SA|SU)$/i.test(d));
  if (badDay !== undefined) return { ok: false, error: `BYDAY value "${badDay}" is not a weekday (MO, TU, ... SU, with an optional ordinal such as 3TU or -1FR)` };
  try {
    return normalise(RRule.parseString(body.toUpperCase()));
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
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

export function isoDateOf(d: Date): IsoDate {
  // By hand: toISOString() builds the whole timestamp, and this runs once per meeting.
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${d.getUTCFullYear()}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
}

/**
 * The wall-clock dates in [from, to] (inclusive) produced by `rule` counted from `dtstart`.
 * `rule` must come from parseRule.
 */
export function expandDates(rule: string, dtstart: IsoDate, from: IsoDate, to: IsoDate): IsoDate[] {
  if (to < from) return [];
  const key = `${rule}|${dtstart}`;
  let rr = cache.get(key);
  if (!rr) {
    rr = new RRule({ ...RRule.parseString(rule), dtstart: pseudoUtc(dtstart) });
    if (cache.size > 5000) cache.clear();
    cache.set(key, rr);
  }
  return rr.between(pseudoUtc(from), pseudoUtc(to), true).map(isoDateOf);
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
