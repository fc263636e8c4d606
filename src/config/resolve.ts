import { DateTime } from 'luxon';
import type * as z from 'zod/mini';
import { expandDates, firstDateIn, parseRule, ruleParts } from '../schedule/recurrence.js';
import { placeWallTime, zoneOf } from '../schedule/zoned.js';
import { addressProblem, headerTextProblem } from '../schedule/address.js';
import { isHolidayCountry } from './holiday-countries.js';
import { addDays, isIsoDate, isoWeekday, normalizeClock } from '../schedule/dates.js';
import { buildSchedule, dayIn, placeSlot } from '../schedule/build.js';
import { createRotor, hasWeek53 } from '../schedule/rotation.js';
import type {
  CoverageSettings,
  Group,
  IsoDate,
  MeetingException,
  Member,
  MemberRole,
  OneOff,
  Occurrence,
  RegionSet,
  RoleWeights,
  Rotation,
  Series,
  Slot,
} from '../schedule/types.js';
import { DEFAULT_REGION_SET, findRegion, resolveRegions, resolveWindows } from './regions.js';
import { msg, type Message } from './messages.js';
import { COUNTRY_RE, resolveCorrections, resolveKinds } from './holidays.js';
import { zoneError, zoneMessage, type ZoneCheckOptions } from './zones.js';
import type { ConfigProblem, Path, SourceMap } from './problems.js';
import type { GroupInput, MeetingInput, SeriesInput, SessionInput, SlotInput } from './schema.js';

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  // JSON has no Infinity or NaN (`.inf`, `.nan` in YAML): it would print them as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return `number ${String(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** Turns zod's structural issues into problems with our wording and positions. */
export function zodProblems(issues: z.core.$ZodIssue[], raw: unknown, map: SourceMap, known: (path: Path) => string[]): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push(map.problem([...path, key], msg.unknownKey(key, known(path)), { key: true }));
        break;
      case 'invalid_type': {
        const found = valueAt(raw, path);
        if (found === undefined) out.push(map.problem(path.slice(0, -1), msg.missingKey(String(path[path.length - 1]))));
        else
          out.push(
            map.problem(
              path,
              msg.expectedType(issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`, describe(found)),
            ),
          );
        break;
      }
      case 'invalid_value':
        out.push(map.problem(path, msg.expectedOneOf(String(valueAt(raw, path)), issue.values.map(String))));
        break;
      case 'invalid_union': {
        // Report the branch that got furthest: the one whose own issues are deepest.
        const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] ?? [];
        const nested = best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })) as z.core.$ZodIssue[];
        if (nested.length && depth(best) > 0) out.push(...zodProblems(nested, raw, map, known));
        else out.push(map.problem(path, msg.expectedType('a string or a mapping', describe(valueAt(raw, path)))));
        break;
      }
      default:
        out.push(map.problem(path, msg.schemaRule(issue.message)));
    }
  }
  return out;
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

interface Ctx {
  map: SourceMap;
  problems: ConfigProblem[];
}

/** What the caller knows besides the text. The core reads no clock: `now` is passed in. */
export interface ParseOptions {
  /** The current instant (epoch ms): a missing "from" is then told which date to write. */
  now?: number | undefined;
}

/** The first date `rule` yields on or after `date` (counted from it), within four years. */
function firstRuleDate(rule: string, date: IsoDate): IsoDate | undefined {
  return firstDateIn(rule, date, date, addDays(date, 366 * 4));
}

function checkDate(ctx: Ctx, value: string | undefined, path: Path): IsoDate | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) {
    ctx.problems.push(ctx.map.problem(path, msg.badDate(value)));
    return undefined;
  }
  return value;
}

function checkZone(ctx: Ctx, zone: string, path: Path, opts?: ZoneCheckOptions): boolean {
  const error = zoneMessage(zone, opts);
  if (error === undefined) return true;
  ctx.problems.push(ctx.map.problem(path, error));
  return false;
}

/**
 * A move's target as people write it: `2027-03-10T10:00`, `2027-03-10 10:00`, a date alone
 * (`2027-03-10`: the slot's time is kept) or a time alone (`"10:00"`: the same day, `date`: the
 * meeting's date, its day in the group's zone), each optionally followed by a zone. Undefined when
 * it is none of these.
 */
export function readMove(text: string, date: IsoDate): { date: IsoDate; time: string | undefined; zone: string | undefined } | undefined {
  const words = text.trim().split(/\s+/);
  const first = words.shift() ?? '';
  let day: string | undefined;
  let time: string | undefined;
  if (first.includes('T')) [day, time] = first.split('T') as [string, string];
  else if (/^\d{4}-/.test(first)) {
    day = first;
    if (words[0] !== undefined && normalizeClock(words[0])) time = words.shift();
  } else {
    day = date;
    time = first;
  }
  const hm = time === undefined ? undefined : normalizeClock(time);
  if (!isIsoDate(day) || (time !== undefined && !hm) || words.length > 1) return undefined;
  return { date: day, time: hm, zone: words[0] };
}

interface WallSpec {
  time: string;
  zone: string;
  /** Day offset (`+1d`): the wall time is on the date + days in `zone`. */
  days: number;
  daysGiven: boolean;
}

const DAYS_RE = /^([+-])(\d+)d$/i;

/** Slot texts read before (with the zone they default to), when they were read without a problem: every group writes "14:00" or "14:00 UTC". */
const wallSpecs = new Map<string, WallSpec>();

/** "HH:mm", "HH:mm Zone/Name", either followed by a day offset "+1d" / "-1d" → time, zone, days; or a problem. */
function splitTimeZone(ctx: Ctx, text: string, defaultZone: string, path: Path): WallSpec | undefined {
  const key = `${text}\n${defaultZone}`;
  const known = wallSpecs.get(key);
  if (known) return known;
  const before = ctx.problems.length;
  const spec = readWallSpec(ctx, text, defaultZone, path);
  if (spec && ctx.problems.length === before) {
    if (wallSpecs.size > 5000) wallSpecs.clear();
    wallSpecs.set(key, spec);
  }
  return spec;
}

function readWallSpec(ctx: Ctx, text: string, defaultZone: string, path: Path): WallSpec | undefined {
  const words = text.trim().split(/\s+/);
  let days = 0;
  let daysGiven = false;
  const offset = words.length > 1 ? DAYS_RE.exec(words[words.length - 1]!) : null;
  if (offset) {
    words.pop();
    days = (offset[1] === '-' ? -1 : 1) * Number(offset[2]);
    daysGiven = true;
    if (Math.abs(days) > 2) {
      ctx.problems.push(ctx.map.problem(path, msg.badDayOffset(text)));
      return undefined;
    }
  }
  const [time, zone, ...rest] = words;
  if (!time || rest.length || !/^\d{1,2}:\d{2}$/.test(time)) {
    ctx.problems.push(ctx.map.problem(path, msg.badSlot(text)));
    return undefined;
  }
  // "8:00" is 08:00, as everywhere a time is read.
  const hm = normalizeClock(time);
  if (!hm) {
    ctx.problems.push(ctx.map.problem(path, msg.badTime(time)));
    return undefined;
  }
  if (zone && !checkZone(ctx, zone, path)) return undefined;
  return { time: hm, zone: zone ?? defaultZone, days: days === 0 ? 0 : days, daysGiven };
}

function resolveSlot(ctx: Ctx, input: SlotInput, index: number, zone: string, path: Path): Slot | undefined {
  const obj = typeof input === 'string' ? { time: input } : input;
  const timePath = typeof input === 'string' ? path : [...path, 'time'];
  if (typeof input !== 'string' && input.zone !== undefined && !checkZone(ctx, input.zone, [...path, 'zone'])) return undefined;
  const tz = splitTimeZone(ctx, obj.time, typeof input === 'string' ? zone : (input.zone ?? zone), timePath);
  if (!tz) return undefined;
  const [hour, minute] = tz.time.split(':').map(Number) as [number, number];
  return {
    index,
    time: tz.time,
    hour,
    minute,
    zone: tz.zone,
    label: typeof input === 'string' ? undefined : input.label,
    days: tz.days,
    daysGiven: tz.daysGiven,
  };
}

/** A call of more than a day is a typo (and 1e9 minutes would run past every date library's range). */
export const MAX_DURATION = 24 * 60;

function checkMinutes(ctx: Ctx, value: number | undefined, path: Path): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value <= 0) {
    ctx.problems.push(ctx.map.problem(path, msg.positiveMinutes(value)));
    return undefined;
  }
  if (value > MAX_DURATION) {
    ctx.problems.push(ctx.map.problem(path, msg.tooLong(value, MAX_DURATION)));
    return undefined;
  }
  return value;
}

function resolveRotation(ctx: Ctx, input: GroupInput['rotation'], fallback: GroupInput['rotation'], from: IsoDate | undefined, path: Path): Rotation {
  const r = { ...fallback, ...input };
  const mode = r.mode ?? 'meeting';
  if (mode === 'meeting') return { mode, onSkip: r['on-skip'] ?? 'keep' };
  if (mode === 'iso-week') return { mode };
  const anchorPath = input?.anchor !== undefined ? [...path, 'rotation', 'anchor'] : ['rotation', 'anchor'];
  const anchor = checkDate(ctx, r.anchor, anchorPath) ?? from;
  if (!anchor) {
    ctx.problems.push(ctx.map.problem(input ? [...path, 'rotation'] : path, msg.anchorNeeded(mode)));
    return { mode, anchor: '1970-01-01' };
  }
  return { mode, anchor };
}

/** Where a series sits among the group's series without an id, which follow one another in time. */
interface Line {
  /** Its position among them (undefined: the series has an id, or is a session list). */
  pos: number | undefined;
  count: number;
  /** The index (in `series:`) of the series without an id before it. */
  prev: number | undefined;
}

const RESERVED_IDS = new Set(['add']);

function checkSeriesId(ctx: Ctx, id: string | undefined, path: Path): void {
  if (id === undefined) return;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) ctx.problems.push(ctx.map.problem([...path, 'id'], msg.badSeriesId(id)));
  else if (RESERVED_IDS.has(id)) ctx.problems.push(ctx.map.problem([...path, 'id'], msg.reservedSeriesId(id)));
}

function resolveSeries(ctx: Ctx, input: GroupInput, s: SeriesInput, index: number, line: Line, duration: number, opts: ParseOptions): Series[] | undefined {
  const path: Path = ['series', index];
  checkSeriesId(ctx, s.id, path);
  if (s.link !== undefined && !/^https?:\/\/[^\s<>"]+$/.test(s.link)) ctx.problems.push(ctx.map.problem([...path, 'link'], msg.badUrl(s.link)));
  const exceptions = resolveExceptions(ctx, s.meetings, input.timezone, [...path, 'meetings'], false);
  if (s.sessions !== undefined) return resolveSessions(ctx, input, s, index, exceptions);
  const before = ctx.problems.length;
  const from = checkDate(ctx, s.from, [...path, 'from']);
  const until = checkDate(ctx, s.until, [...path, 'until']);
  if (from && until && until < from) ctx.problems.push(ctx.map.problem([...path, 'until'], msg.untilBeforeFrom(from, until)));
  const parsed = s.rule === undefined ? undefined : parseRule(s.rule);
  if (line.pos !== undefined && s.from === undefined && line.pos > 0) {
    // The date to write: the rule's first date after the series before it ends.
    const prev = line.prev === undefined ? undefined : input.series[line.prev]?.until;
    const after = prev && isIsoDate(prev) && parsed?.ok ? firstRuleDate(parsed.rule, addDays(prev, 1)) : undefined;
    ctx.problems.push(ctx.map.problem(path, msg.seriesOpenStart(after)));
  }
  if (line.pos !== undefined && s.until === undefined && line.pos < line.count - 1) ctx.problems.push(ctx.map.problem(path, msg.seriesOpenEnd()));
  if (s.rule === undefined) ctx.problems.push(ctx.map.problem(path, msg.missingKey('rule')));
  if (s.slots === undefined) ctx.problems.push(ctx.map.problem(path, msg.missingKey('slots')));
  if (s.rule === undefined || s.slots === undefined || !parsed) return undefined;
  let rule: string | undefined;
  if (parsed.ok) rule = parsed.rule;
  else if (parsed.forbidden) ctx.problems.push(ctx.map.problem([...path, 'rule'], msg.ruleHasDtstart()));
  else if (parsed.suggestions)
    ctx.problems.push(ctx.map.problem([...path, 'rule'], msg.badPhrase(s.rule, parsed.error, parsed.suggestions), { at: parsed.at }));
  else ctx.problems.push(ctx.map.problem([...path, 'rule'], msg.badRule(s.rule, parsed.error)));
  if (s.slots.length === 0) ctx.problems.push(ctx.map.problem([...path, 'slots'], msg.emptySlots()));
  const slots = s.slots.map((slot, i) => resolveSlot(ctx, slot, i, input.timezone, [...path, 'slots', i]));
  const rotation = resolveRotation(ctx, s.rotation, input.rotation, from, path);
  const dur = checkMinutes(ctx, s.duration, [...path, 'duration']) ?? duration;
  if (s.from === undefined && rule) {
    const interval = Number(ruleParts(rule).get('INTERVAL') ?? '1');
    // Which date to write: the rule's first date on or after today (in the group's zone).
    const today =
      opts.now === undefined
        ? undefined
        : DateTime.fromMillis(opts.now, { zone: zoneError(input.timezone) === undefined ? zoneOf(input.timezone) : 'UTC' }).toISODate()!;
    const first = today ? firstRuleDate(rule, today) : undefined;
    if (interval > 1) ctx.problems.push(ctx.map.problem(path, msg.seriesNeedsFrom(`INTERVAL=${interval} counts from it`, first)));
    else if (s.slots.length > 1 && rotation.mode === 'meeting') {
      ctx.problems.push(ctx.map.problem(path, msg.seriesNeedsFrom('a rotation by meeting counts its turns from it', first)));
    }
  }
  if (rule && from) {
    const end = until ?? addDays(from, 366 * 4);
    if (firstDateIn(rule, from, from, end) === undefined) {
      ctx.problems.push(ctx.map.problem([...path, 'rule'], msg.ruleYieldsNothing(s.rule, from, until)));
    } else {
      const late = lateFirstPeriod(rule, from);
      if (late)
        ctx.problems.push(
          ctx.map.problem([...path, 'from'], msg.intervalFirstPeriod(from, late.unit, late.interval, late.first, late.sooner), { severity: 'warning' }),
        );
    }
  }
  if (rule && s.slots.length > 1) rotationWarnings(ctx, rule, rotation, slots, from, until, path, s.rotation !== undefined);
  if (ctx.problems.slice(before).some((p) => p.severity === 'error') || !rule || slots.some((x) => !x)) return undefined;
  return [
    {
      index,
      id: s.id ?? `s${index}-${from ?? 'start'}`,
      named: s.id !== undefined,
      title: s.title,
      link: s.link,
      bridge: s.bridge,
      exceptions,
      from,
      until,
      rule,
      slots: slots as Slot[],
      rotation,
      duration: dur,
    },
  ];
}

const WEEKDAY_WORDS: Record<string, string> = { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' };

/**
 * Rotations that do something other than what a secretary reads into them: ISO week parity
 * across a year with 53 weeks (two weeks in a row get the same slot), and a rotation by meeting
 * that keeps turns across skips on a rule of several weekdays (one skip gives every later
 * weekday the other weekday's time).
 */
function rotationWarnings(
  ctx: Ctx,
  rule: string,
  rotation: Rotation,
  slots: (Slot | undefined)[],
  from: IsoDate | undefined,
  until: IsoDate | undefined,
  path: Path,
  own: boolean,
): void {
  const where = own ? [...path, 'rotation'] : path;
  if (rotation.mode === 'iso-week') {
    const lo = from ?? (until ? addDays(until, -366 * 12) : undefined);
    const hi = until ?? (lo ? addDays(lo, 366 * 12) : undefined);
    const years: number[] = [];
    const y0 = lo ? Number(lo.slice(0, 4)) - 1 : 2026;
    const y1 = hi ? Number(hi.slice(0, 4)) : 2043;
    for (let y = y0; y <= y1; y++) {
      if (!hasWeek53(y)) continue;
      // Week 53 is the week of 28 December; the series crosses it when it runs from within it (or
      // before) into the next week 1 (or after).
      const monday = addDays(`${y}-12-28`, 1 - isoWeekday(`${y}-12-28`));
      if ((!lo || lo <= addDays(monday, 6)) && (!hi || hi >= addDays(monday, 7))) {
        // Only when the rule meets in both weeks (a rule of even ISO weeks never meets in either).
        const dates = expandDates(rule, from ?? monday, monday, addDays(monday, 13));
        if (dates.some((d) => d <= addDays(monday, 6)) && dates.some((d) => d >= addDays(monday, 7))) years.push(y);
      }
    }
    if (years.length) {
      const slot = slots[52 % slots.length];
      ctx.problems.push(
        ctx.map.problem(where, msg.isoWeek53(years, !until, 53 % slots.length === 0 ? undefined : { index: 52 % slots.length, time: slot?.time }), {
          severity: 'warning',
        }),
      );
    }
  }
  if (rotation.mode === 'meeting' && rotation.onSkip === 'keep') {
    const parts = ruleParts(rule);
    const days = [
      ...new Set(
        (parts.get('BYDAY') ?? '')
          .split(',')
          .filter(Boolean)
          .map((d) => d.replace(/^[+-]?\d+/, '')),
      ),
    ];
    if (days.length > 1 || parts.get('FREQ') === 'DAILY') {
      ctx.problems.push(
        ctx.map.problem(where, msg.keepAcrossWeekdays(days.length > 1 ? days.map((d) => WEEKDAY_WORDS[d] ?? d) : ['every day']), { severity: 'warning' }),
      );
    }
  }
}

/** "10:00-17:00" → start and length in minutes; an end before the start runs past midnight. */
function parseHours(ctx: Ctx, text: string, path: Path): { time: string; hour: number; minute: number; minutes: number } | undefined {
  // "8:00-17:00" is 08:00-17:00, as everywhere a time is read.
  const [x, y, ...rest] = text.trim().split('-');
  const start = x === undefined ? undefined : normalizeClock(x);
  const end = y === undefined ? undefined : normalizeClock(y, { allow24: true });
  const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3));
  if (!start || !end || rest.length || minutes(start) === minutes(end) % 1440) {
    ctx.problems.push(ctx.map.problem(path, msg.badHours(text)));
    return undefined;
  }
  const a = minutes(start);
  const b = minutes(end);
  return { time: start, hour: Math.floor(a / 60), minute: a % 60, minutes: b > a ? b - a : b + 1440 - a };
}

/**
 * A list of sessions (TC39's plenaries): each is held every day from its first to its last date
 * at the host's hours, in the host's zone. Each session becomes a series of its own (a daily
 * rule), id `<list id>-<first date>`, so calendars, invitations, coverage and the site treat it
 * like any series. Its dates are the host's: a session's meetings are dated by their day in the
 * group's zone like every meeting, which can be the day before or after.
 */
function resolveSessions(ctx: Ctx, input: GroupInput, s: SeriesInput, index: number, exceptions: Map<IsoDate, MeetingException>): Series[] | undefined {
  const path: Path = ['series', index];
  const before = ctx.problems.length;
  for (const key of ['rule', 'slots', 'from', 'until', 'rotation', 'duration'] as const) {
    if (s[key] !== undefined) ctx.problems.push(ctx.map.problem([...path, key], msg.sessionsExclude(key), { key: true }));
  }
  const listId = s.id ?? `s${index}`;
  const out: Series[] = [];
  const seen = new Map<string, number>();
  const positions: number[] = [];
  (s.sessions ?? []).forEach((x: SessionInput, i) => {
    const at: Path = [...path, 'sessions', i];
    const from = checkDate(ctx, x.from, [...at, 'from']);
    const to = checkDate(ctx, x.to, [...at, 'to']) ?? (x.to === undefined ? from : undefined);
    if (from && to && to < from) ctx.problems.push(ctx.map.problem([...at, 'to'], msg.untilBeforeFrom(from, to)));
    const zone = x.zone ?? input.timezone;
    const zoneOk = x.zone === undefined || checkZone(ctx, x.zone, [...at, 'zone']);
    const hours = parseHours(ctx, x.hours, [...at, 'hours']);
    if (x.link !== undefined && !/^https?:\/\/[^\s<>"]+$/.test(x.link)) ctx.problems.push(ctx.map.problem([...at, 'link'], msg.badUrl(x.link)));
    if (!from || !to || !hours || !zoneOk) return;
    const other = seen.get(from);
    if (other !== undefined) ctx.problems.push(ctx.map.problem([...at, 'from'], msg.sessionTwice(from, other)));
    seen.set(from, i);
    out.forEach((p, k) => {
      if (p.from! <= to && from <= p.until!) ctx.problems.push(ctx.map.problem([...at, 'from'], msg.sessionOverlap(positions[k]!, p.from!, p.until!)));
    });
    positions.push(i);
    const label = x.host ?? 'host';
    out.push({
      index,
      id: `${listId}-${from}`,
      named: true,
      title: x.title ?? s.title,
      link: x.link ?? s.link,
      note: x.note,
      exceptions,
      session: { host: x.host, list: listId, title: s.title },
      from,
      until: to,
      rule: 'FREQ=DAILY',
      slots: [{ index: 0, time: hours.time, hour: hours.hour, minute: hours.minute, zone, label, days: 0, daysGiven: true }],
      rotation: { mode: 'meeting', onSkip: 'advance' },
      duration: hours.minutes,
    });
  });
  if ((s.sessions ?? []).length === 0) ctx.problems.push(ctx.map.problem([...path, 'sessions'], msg.emptySessions()));
  if (ctx.problems.slice(before).some((p) => p.severity === 'error')) return undefined;
  return out;
}

/**
 * A weekly or monthly rule with an interval counts its weeks (months) from the one that holds
 * "from" (RFC 5545: DTSTART's). When that week has no meeting on or after "from", the first
 * meeting comes a whole interval later ("every other Wednesday" from a Thursday: not the next
 * Wednesday but the one after), which a secretary rarely means: say so, and name the date to
 * write instead.
 */
function lateFirstPeriod(rule: string, from: IsoDate): { unit: string; interval: number; first: IsoDate | undefined; sooner: IsoDate | undefined } | undefined {
  const parts = ruleParts(rule);
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const freq = parts.get('FREQ');
  if (interval < 2 || (freq !== 'WEEKLY' && freq !== 'MONTHLY')) return undefined;
  const wkst = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'].indexOf(parts.get('WKST') ?? 'MO');
  const periodOf = (date: IsoDate) => (freq === 'MONTHLY' ? date.slice(0, 7) : addDays(date, -((isoWeekday(date) - 1 - wkst + 7) % 7)));
  const span = (freq === 'WEEKLY' ? 7 : 31) * (interval + 1);
  const first = expandDates(rule, from, from, addDays(from, span))[0];
  if (first !== undefined && periodOf(first) === periodOf(from)) return undefined;
  const every = rule.replace(/(^|;)INTERVAL=\d+(?=;|$)/, '').replace(/^;/, '');
  const sooner = expandDates(every, from, from, addDays(from, span))[0];
  return { unit: freq === 'WEEKLY' ? 'week' : 'month', interval, first, sooner: sooner !== first ? sooner : undefined };
}

function resolveMeeting(ctx: Ctx, date: string, m: MeetingInput, zone: string, base: Path, allowAdd: boolean): MeetingException | undefined {
  const path: Path = [...base, date];
  const before = ctx.problems.length;
  if (!isIsoDate(date)) ctx.problems.push(ctx.map.problem(path, msg.badDate(date), { key: true }));
  if (m.skip !== undefined && m.move !== undefined) ctx.problems.push(ctx.map.problem(path, msg.skipAndMove()));
  if (m.link !== undefined && !/^https?:\/\/[^\s<>"]+$/.test(m.link)) ctx.problems.push(ctx.map.problem([...path, 'link'], msg.badUrl(m.link)));
  let move: string | undefined;
  let moveDate: IsoDate | undefined;
  let moveZone = zone;
  if (m.move !== undefined) {
    const target = readMove(m.move, date);
    if (!target) ctx.problems.push(ctx.map.problem([...path, 'move'], msg.badDateTime(m.move)));
    else if (target.zone === undefined || checkZone(ctx, target.zone, [...path, 'move'])) {
      if (target.time === undefined) moveDate = target.date;
      else move = `${target.date}T${target.time}`;
      moveZone = target.zone ?? zone;
    }
  }
  if (m.add !== undefined && !allowAdd) ctx.problems.push(ctx.map.problem([...path, 'add'], msg.addInSeries(), { key: true }));
  const adds = m.add === undefined || !allowAdd ? [] : Array.isArray(m.add) ? m.add : [m.add];
  const oneOffs = adds.map((a, i): OneOff | undefined => {
    const at: Path = Array.isArray(m.add) ? [...path, 'add', i] : [...path, 'add'];
    const obj = typeof a === 'string' ? { time: a } : a;
    if (typeof a !== 'string' && a.link !== undefined && !/^https?:\/\/[^\s<>"]+$/.test(a.link))
      ctx.problems.push(ctx.map.problem([...at, 'link'], msg.badUrl(a.link)));
    const wall = splitTimeZone(ctx, obj.time, zone, typeof a === 'string' ? at : [...at, 'time']);
    const duration = typeof a === 'string' ? undefined : checkMinutes(ctx, a.duration, [...at, 'duration']);
    if (!wall) return undefined;
    return {
      time: wall.time,
      zone: wall.zone,
      days: wall.days,
      title: typeof a === 'string' ? undefined : a.title,
      link: typeof a === 'string' ? undefined : a.link,
      note: typeof a === 'string' ? undefined : a.note,
      duration,
    };
  });
  const duration = checkMinutes(ctx, m.duration, [...path, 'duration']);
  checkHeaderText(ctx, m.title, [...path, 'title'], 'title');
  if (ctx.problems.slice(before).some((p) => p.severity === 'error')) return undefined;
  return { date, skip: m.skip, move, moveZone, moveDate, add: oneOffs as OneOff[], link: m.link, note: m.note, title: m.title, duration };
}

function resolveExceptions(
  ctx: Ctx,
  input: Record<string, MeetingInput> | undefined,
  zone: string,
  base: Path,
  allowAdd: boolean,
): Map<IsoDate, MeetingException> {
  const out = new Map<IsoDate, MeetingException>();
  for (const [date, m] of Object.entries(input ?? {})) {
    const ex = resolveMeeting(ctx, date, m, zone, base, allowAdd);
    if (ex) out.set(date, ex);
  }
  return out;
}

function range(s: { from?: string | undefined; until?: string | undefined }): string {
  if (!s.from) return `until ${s.until}`;
  return s.until ? `${s.from} to ${s.until}` : `from ${s.from}`;
}

/** "Tue 2023-10-03 17:00" in `zone`. */
function when(dt: Occurrence['start'], zone: string): string {
  return dt.setZone(zoneOf(zone)).setLocale('en-US').toFormat('ccc yyyy-MM-dd HH:mm');
}

/** The date a move target is held on in the group's zone. */
function moveDay(group: Group, ex: MeetingException): IsoDate | undefined {
  // A date alone: held that day at its slot's time (build.ts keeps it on that day in the group zone).
  if (ex.moveDate) return ex.moveDate;
  if (!ex.move) return undefined;
  const [d, t] = ex.move.split('T') as [string, string];
  const [h, m] = t.split(':').map(Number) as [number, number];
  const p = placeWallTime(d, h, m, ex.moveZone, { ...group.dst, gap: 'shift' });
  return p.kind === 'skipped' ? d : dayIn(group.timezone, p.ms);
}

/**
 * The meetings' dates against the keys of `meetings:` (the group's and each series'): a key
 * names the meeting of that date in the group's zone. Reported, with the date to write: a key
 * no meeting falls on; a key that names a meeting by the date its slot's own zone gave it
 * before tcon dated meetings by the group's zone (a slot in another zone written without a day
 * offset: what the key meant has changed, so it is refused rather than read silently either
 * way); a move of a date two series share; a one-off whose time falls on another day there.
 */
function checkMeetingDates(
  ctx: Ctx,
  group: Group,
  input: GroupInput,
  unknown: { from: IsoDate | undefined; until: IsoDate | undefined }[],
  crossing: boolean,
): void {
  const keyed: { ex: MeetingException; path: Path; series: Series[] | undefined }[] = [];
  for (const ex of group.exceptions.values()) keyed.push({ ex, path: ['meetings', ex.date], series: undefined });
  input.series.forEach((s, i) => {
    const mine = group.series.filter((x) => x.index === i);
    if (!mine.length) return;
    for (const ex of mine[0]!.exceptions.values()) keyed.push({ ex, path: ['series', i, 'meetings', ex.date], series: mine });
  });
  if (keyed.length === 0) return;
  const dates = keyed.map((k) => k.ex.date).sort();
  // Every meeting by its date: moves left out (they do not change which meeting a date names,
  // and a moved one is found by the date it was moved from).
  const still = (m: Map<IsoDate, MeetingException>) =>
    new Map([...m].map(([d, ex]) => [d, ex.move || ex.moveDate ? { ...ex, move: undefined, moveDate: undefined } : ex]));
  const plain: Group = { ...group, exceptions: still(group.exceptions), series: group.series.map((s) => ({ ...s, exceptions: still(s.exceptions) })) };
  const window = { from: addDays(dates[0]!, -3), to: addDays(dates[dates.length - 1]!, 3) };
  // The schedule is needed for keys that name a meeting, and for every key when a slot crosses
  // the group's date line (a key may name a meeting by its old date); one-offs alone need none.
  const needed = crossing || keyed.some(({ ex }) => ex.skip !== undefined || ex.move !== undefined || ex.moveDate !== undefined || ex.add.length === 0);
  const occ = group.series.length && needed ? buildSchedule(plain, window).filter((o) => o.seriesId !== null) : [];
  const slotOf = (o: Occurrence) => group.series.find((s) => s.id === o.seriesId)?.slots[o.slot ?? 0];
  for (const { ex, path, series } of keyed) {
    const own = (o: Occurrence) => !series || series.some((s) => s.id === o.seriesId);
    const on = occ.filter((o) => own(o) && o.date === ex.date);
    // Named by the date of its slot's zone, as tcon read keys before: refused, with the new date.
    const old = occ.filter((o) => own(o) && o.ruleDate === ex.date && o.date !== ex.date && !slotOf(o)?.daysGiven);
    if (old.length) {
      const o = old[0]!;
      const slot = slotOf(o)!;
      ctx.problems.push(
        ctx.map.problem(path, msg.keyOfSlotZone(ex.date, `${slot.time} ${slot.zone}`, when(o.start, group.timezone), group.timezone, o.date, on.length > 0), {
          key: true,
        }),
      );
      continue;
    }
    const needsMeeting = ex.skip !== undefined || ex.move !== undefined || ex.moveDate !== undefined || ex.add.length === 0;
    const couldBeUnknown = unknown.some((r) => (!r.from || r.from <= addDays(ex.date, 2)) && (!r.until || r.until >= addDays(ex.date, -2)));
    if (needsMeeting && on.length === 0 && !couldBeUnknown) {
      ctx.problems.push(ctx.map.problem(path, series ? msg.noSeriesMeetingOnDate(ex.date) : msg.noMeetingOnDate(ex.date), { key: true }));
    }
    const seriesOn = [...new Set(on.map((o) => o.seriesId))];
    if ((ex.move || ex.moveDate) && seriesOn.length > 1) {
      ctx.problems.push(
        ctx.map.problem(
          [...path, 'move'],
          msg.moveOfShared(
            ex.date,
            seriesOn.map((id) => group.series.find((s) => s.id === id)!),
          ),
          { key: true },
        ),
      );
    }
    const target = moveDay(group, ex);
    if (target) {
      const skipped = group.exceptions.get(target)?.skip !== undefined || (series?.[0]?.exceptions.get(target)?.skip ?? undefined) !== undefined;
      if (skipped) ctx.problems.push(ctx.map.problem([...path, 'move'], msg.moveOntoSkipped(target)));
    }
    ex.add.forEach((one, i) => {
      const [h, m] = one.time.split(':').map(Number) as [number, number];
      const p = placeWallTime(addDays(ex.date, one.days), h, m, one.zone, { ...group.dst, gap: 'shift' });
      if (p.kind === 'skipped') return;
      const day = dayIn(group.timezone, p.ms);
      if (day === ex.date) return;
      const at: Path = input.meetings?.[ex.date] && Array.isArray(input.meetings[ex.date]!.add) ? [...path, 'add', i] : [...path, 'add'];
      const shift = Math.round((Date.parse(ex.date) - Date.parse(day)) / 86_400_000) + one.days;
      const written = `${one.time}${one.zone !== group.timezone ? ` ${one.zone}` : ''}`;
      ctx.problems.push(
        ctx.map.problem(
          at,
          msg.oneOffOtherDay(ex.date, written, day, group.timezone, `${written}${shift ? ` ${shift > 0 ? '+' : '-'}${Math.abs(shift)}d` : ''}`),
        ),
      );
    });
  }
}

/**
 * A slot in another zone whose wall time falls on another day in the group's zone than its rule
 * date: the meeting's date is its day in the group's zone, so a rule written for the slot's
 * zone ("every Thursday", "00:00 UTC": Wednesdays in Los Angeles) gives meetings on other days
 * than it names. A warning, naming the forms that say it: a day offset that holds the meeting on
 * the rule's day in the group zone (`"00:00 UTC +1d"` with "every Wednesday"), or "+0d" to keep
 * the rule's dates in the slot's zone, knowingly. Sampled over a year of the series (the zones'
 * offsets repeat yearly), with offsets only (no DateTime per date: every config load runs this).
 */
function crossingWarnings(ctx: Ctx, group: Group, input: GroupInput): boolean {
  let crossing = false;
  for (const s of group.series) {
    if (s.session) continue;
    const suspects = s.slots.filter((slot) => slot.zone !== group.timezone || slot.days !== 0);
    if (!suspects.length || suspects.every((x) => x.daysGiven && x.days === 0)) continue;
    const from = s.from ?? (s.until ? addDays(s.until, -366) : '2026-01-01');
    const to = s.until && s.until < addDays(from, 366) ? s.until : addDays(from, 366);
    const rotor = createRotor(s.rotation, s.slots.length);
    const found = new Map<number, { rule: IsoDate; day: IsoDate; start: Occurrence['start']; count: number; before: number; after: number }>();
    for (const date of expandDates(s.rule, s.from ?? from, from, to)) {
      const slot = s.slots[rotor.slotFor(date)]!;
      rotor.done(true);
      if ((slot.daysGiven && slot.days === 0) || (slot.zone === group.timezone && slot.days === 0)) continue;
      const p = placeWallTime(slot.days ? addDays(date, slot.days) : date, slot.hour, slot.minute, slot.zone, { ...group.dst, gap: 'shift' });
      if (p.kind === 'skipped') continue;
      const day = dayIn(group.timezone, p.ms);
      if (day === date) continue;
      if (!slot.daysGiven) crossing = true;
      const f = found.get(slot.index) ?? { rule: date, day, start: placeSlot(group, slot, date).would, count: 0, before: 0, after: 0 };
      f.count++;
      if (day < date) f.before++;
      else f.after++;
      found.set(slot.index, f);
    }
    for (const [i, f] of found) {
      const slot = s.slots[i]!;
      // A day offset written on the slot says that its meetings fall on another day than the
      // rule's on purpose ("14:00 +1d": the Saturday after a Friday rule); only a day that
      // changes with daylight saving time is still worth a word.
      if (slot.daysGiven && !(f.before > 0 && f.after > 0)) continue;
      const raw = input.series[s.index]!.slots?.[i];
      const written = typeof raw === 'string' ? raw : raw ? `${raw.time}${raw.zone ? ` ${raw.zone}` : ''}` : slot.time;
      const base = `${slot.time}${slot.zone !== group.timezone ? ` ${slot.zone}` : ''}`;
      const shift = f.before && !f.after ? slot.days + 1 : f.after && !f.before ? slot.days - 1 : undefined;
      const fix = shift === undefined ? undefined : `${base} ${shift >= 0 ? '+' : '-'}${Math.abs(shift)}d`;
      ctx.problems.push(
        ctx.map.problem(
          ['series', s.index, 'slots', i],
          msg.slotOtherDay(
            written,
            f.rule,
            f.day,
            when(f.start, group.timezone),
            group.timezone,
            f.before > 0 && f.after > 0,
            fix,
            slot.daysGiven ? undefined : `${base}${slot.days ? '' : ' +0d'}`,
          ),
          {
            severity: 'warning',
          },
        ),
      );
    }
  }
  return crossing;
}

/** Validated input → Group. Structural validity (zod) is assumed; meaning is checked here. */
export { COUNTRY_RE };
/**
 * A holiday country: the syntax, then whether date-holidays knows it (every command checks, not
 * only plan: a typo would otherwise be found the day a policy starts to use it).
 */
export function countryProblem(code: string): Message | undefined {
  if (!COUNTRY_RE.test(code)) return msg.badCountry(code);
  if (!isHolidayCountry(code)) return msg.unknownCountry(code);
  return undefined;
}

function checkCountry(ctx: Ctx, code: string, path: Path): void {
  const problem = countryProblem(code);
  if (problem) ctx.problems.push(ctx.map.problem(path, problem));
}

/**
 * An address in plain ASCII that addressProblem accepts (a dot-atom of ASCII atext, a domain of
 * two labels or more of letters, digits and inner hyphens, within the lengths): most of a
 * config's addresses, checked without compiling addressProblem's Unicode property classes (a
 * millisecond or more of a cold start that reads a few addresses). False says nothing: ask
 * addressProblem then.
 */
export function plainAsciiAddress(value: string): boolean {
  if (value.length > 254 || !PLAIN_ASCII_ADDRESS.test(value)) return false;
  const at = value.indexOf('@');
  return (
    at <= 64 &&
    value
      .slice(at + 1)
      .split('.')
      .every((label) => label.length <= 63)
  );
}

const PLAIN_ASCII_ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** One address rule for config, mail and calendar (schedule/address.ts). */
function checkEmail(ctx: Ctx, value: string, path: Path): void {
  const why = plainAsciiAddress(value) ? undefined : addressProblem(value);
  if (why) ctx.problems.push(ctx.map.problem(path, msg.badEmail(value, why)));
}

/** Names and titles go into From, To and Subject. */
function checkHeaderText(ctx: Ctx, value: string | undefined, path: Path, what: string): void {
  const why = value === undefined ? undefined : headerTextProblem(value);
  if (why) ctx.problems.push(ctx.map.problem(path, msg.badHeaderText(what, why)));
}

function resolveMembers(ctx: Ctx, input: GroupInput, regions: RegionSet): Member[] {
  const seen = new Map<string, number>();
  return (input.members ?? []).map((m, i) => {
    const path: Path = ['members', i];
    checkEmail(ctx, m.email, [...path, 'email']);
    checkHeaderText(ctx, m.name, [...path, 'name'], 'name');
    const key = m.email.toLowerCase();
    const dup = seen.get(key);
    if (dup !== undefined) ctx.problems.push(ctx.map.problem([...path, 'email'], msg.duplicateMember(m.email, dup)));
    seen.set(key, i);
    if (m.zone !== undefined) checkZone(ctx, m.zone, [...path, 'zone'], { regions, regionHint: 'key' });
    if (m.country !== undefined) checkCountry(ctx, m.country, [...path, 'country']);
    const region = m.region === undefined ? undefined : findRegion(regions, m.region);
    if (m.region !== undefined && !region) {
      ctx.problems.push(
        ctx.map.problem(
          [...path, 'region'],
          msg.unknownRegion(
            m.region,
            regions.regions.map((r) => r.id),
          ),
        ),
      );
    }
    const windows = resolveWindows(ctx, m.windows, region?.windows ?? regions.defaults, [...path, 'windows']);
    return {
      name: m.name,
      email: m.email,
      organization: m.organization,
      role: m.role ?? 'voting',
      zone: m.zone ?? region?.zone,
      region: region?.id ?? m.region,
      windows,
      country: m.country,
    };
  });
}

export const DEFAULT_ROLE_WEIGHTS: RoleWeights = { chair: 1, voting: 1, alternate: 0.5, observer: 0.25 };

function resolveCoverage(ctx: Ctx, input: GroupInput, base: RegionSet): CoverageSettings {
  const regions = resolveRegions(ctx, input.regions ?? {}, base, base.defaults, ['regions']);
  const focus: string[] = [];
  (input.coverage?.regions ?? regions.regions.map((r) => r.id)).forEach((name, i) => {
    const r = findRegion(regions, name);
    if (!r)
      ctx.problems.push(
        ctx.map.problem(
          ['coverage', 'regions', i],
          msg.unknownRegion(
            name,
            regions.regions.map((x) => x.id),
          ),
        ),
      );
    else if (!focus.includes(r.id)) focus.push(r.id);
  });
  const weights = { ...DEFAULT_ROLE_WEIGHTS };
  for (const [role, w] of Object.entries(input.coverage?.weights ?? {}) as [MemberRole, number | undefined][]) {
    if (w === undefined) continue;
    if (!Number.isFinite(w) || w < 0 || w > 100) ctx.problems.push(ctx.map.problem(['coverage', 'weights', role], msg.badWeight(w)));
    else weights[role] = w;
  }
  return { regions, focus, weights };
}

const ALARM_UNIT: Record<string, number> = { m: 1, h: 60, d: 1440, w: 10080 };

/** `alarms: [1d, 15m]` -> minutes before the meeting, in the order given. */
function resolveAlarms(ctx: Ctx, input: readonly string[]): number[] {
  const out: number[] = [];
  input.forEach((a, i) => {
    const m = /^(\d{1,5})([mhdw])$/.exec(a.trim());
    const minutes = m ? Number(m[1]) * ALARM_UNIT[m[2]!]! : NaN;
    if (!m || minutes < 1 || minutes > 4 * 10080) ctx.problems.push(ctx.map.problem(['alarms', i], msg.badAlarm(a)));
    else if (out.includes(minutes)) ctx.problems.push(ctx.map.problem(['alarms', i], msg.duplicateAlarm(a)));
    else out.push(minutes);
  });
  return out;
}

export function resolveGroup(
  input: GroupInput,
  map: SourceMap,
  regionSet: RegionSet = DEFAULT_REGION_SET,
  opts: ParseOptions = {},
): { group?: Group; problems: ConfigProblem[] } {
  const ctx: Ctx = { map, problems: [] };
  if (!/^[a-z0-9][a-z0-9-]*$/.test(input.id)) ctx.problems.push(map.problem(['id'], msg.badId(input.id)));
  // With an unknown group zone, go on with UTC so that every other problem is found too.
  const zoneOk = checkZone(ctx, input.timezone, ['timezone']);
  if (!zoneOk) input = { ...input, timezone: 'UTC' };
  const duration = checkMinutes(ctx, input.duration, ['duration']) ?? 60;
  if (input.organizer) {
    checkEmail(ctx, input.organizer.email, ['organizer', 'email']);
    checkHeaderText(ctx, input.organizer.name, ['organizer', 'name'], 'name');
  }
  checkHeaderText(ctx, input.title, ['title'], 'title');
  const urlProblem = (url: string | undefined, path: Path) => {
    if (url !== undefined && !/^https?:\/\/[^\s<>"]+$/.test(url)) ctx.problems.push(map.problem(path, msg.badUrl(url)));
  };
  urlProblem(input.link, ['link']);
  urlProblem(input.agenda, ['agenda']);
  if (input.list !== undefined) checkEmail(ctx, input.list, ['list']);
  const mailFrom = input.mail?.from;
  if (mailFrom) {
    checkEmail(ctx, mailFrom.email, ['mail', 'from', 'email']);
    checkHeaderText(ctx, mailFrom.name, ['mail', 'from', 'name'], 'name');
  }
  const smtp = input.mail?.smtp;
  if (smtp !== undefined) {
    if (!/^smtps?:\/\/[^\s/@:]+(:\d+)?\/?$/.test(smtp)) ctx.problems.push(map.problem(['mail', 'smtp'], msg.badSmtpUrl(smtp)));
  }

  // Series without an id follow one another in time (a group changes its rule); series with
  // an id, and session lists, run side by side.
  const unnamed = input.series.map((s, i) => (s.id === undefined && s.sessions === undefined ? i : -1)).filter((i) => i >= 0);
  const series = input.series.map((s, i) => {
    const pos = unnamed.indexOf(i);
    return resolveSeries(
      ctx,
      input,
      s,
      i,
      { pos: pos < 0 ? undefined : pos, count: unnamed.length, prev: pos > 0 ? unnamed[pos - 1] : undefined },
      duration,
      opts,
    );
  });
  for (let k = 1; k < unnamed.length; k++) {
    const i = unnamed[k]!;
    const prev = input.series[unnamed[k - 1]!]!;
    const cur = input.series[i]!;
    if (prev.until && cur.from && isIsoDate(prev.until) && isIsoDate(cur.from) && cur.from <= prev.until) {
      ctx.problems.push(map.problem(['series', i, 'from'], msg.seriesOverlap(unnamed[k - 1]!, range(prev))));
    }
  }
  const ids = new Map<string, number>();
  series.forEach((list, i) => {
    for (const s of list ?? []) {
      const other = ids.get(s.id);
      if (other !== undefined)
        ctx.problems.push(map.problem(input.series[i]!.id !== undefined ? ['series', i, 'id'] : ['series', i], msg.duplicateSeriesId(s.id, other)));
      else ids.set(s.id, i);
    }
  });

  const exceptions = resolveExceptions(ctx, input.meetings, input.timezone, ['meetings'], true);
  const coverage = resolveCoverage(ctx, input, regionSet);
  const members = resolveMembers(ctx, input, coverage.regions);
  (input.chairs ?? []).forEach((c, i) => {
    checkEmail(ctx, c.email, ['chairs', i, 'email']);
    checkHeaderText(ctx, c.name, ['chairs', i, 'name'], 'name');
  });
  const h = input.holidays;
  (h?.countries ?? []).forEach((c, i) => {
    checkCountry(ctx, c, ['holidays', 'countries', i]);
  });
  if (h?.['shift-days'] !== undefined && (!Number.isInteger(h['shift-days']) || h['shift-days'] < 1)) {
    ctx.problems.push(map.problem(['holidays', 'shift-days'], msg.badShiftDays(h['shift-days'])));
  }
  if (h?.['shift-days'] !== undefined && h.policy !== undefined && h.policy !== 'shift') {
    ctx.problems.push(map.problem(['holidays', 'shift-days'], msg.shiftDaysWithoutShift(h.policy), { severity: 'warning' }));
  }
  const kinds = resolveKinds(h?.kinds, map, ['holidays', 'kinds'], ctx.problems);
  const corrections = resolveCorrections(h?.corrections, map, ['holidays', 'corrections'], input.id, ctx.problems);
  const alarms = resolveAlarms(ctx, input.alarms ?? []);
  const okSeries = series.flatMap((s) => s ?? []);
  // Series that could not be read: a date key they might hold is not called meetingless.
  const unknown = input.series
    .map((s, i) =>
      series[i] ? undefined : { from: s.from && isIsoDate(s.from) ? s.from : undefined, until: s.until && isIsoDate(s.until) ? s.until : undefined },
    )
    .filter((r): r is { from: IsoDate | undefined; until: IsoDate | undefined } => r !== undefined);
  const provisional = {
    id: input.id,
    title: input.title,
    timezone: input.timezone,
    dst: { gap: input.dst?.gap ?? 'shift', overlap: input.dst?.overlap ?? 'earlier' },
    series: okSeries,
    exceptions,
  } as Group;
  const crossing = crossingWarnings(ctx, provisional, input);
  checkMeetingDates(ctx, provisional, input, unknown, crossing);
  if (ctx.problems.some((p) => p.severity === 'error')) return { problems: ctx.problems };
  const group: Group = {
    id: input.id,
    title: input.title,
    timezone: input.timezone,
    zoneLabel: input['zone-label'] ?? input.timezone,
    duration,
    organizer: input.organizer,
    link: input.link,
    agenda: input.agenda,
    list: input.list,
    mail: { from: input.mail?.from, smtp: input.mail?.smtp, user: input.mail?.user },
    dst: { gap: input.dst?.gap ?? 'shift', overlap: input.dst?.overlap ?? 'earlier' },
    series: okSeries,
    exceptions,
    members,
    coverage,
    alarms,
    source: map.file,
    chairs: input.chairs ?? [],
    bridge: input.bridge,
    holidays: {
      policy: h?.policy,
      shiftDays: h?.['shift-days'],
      countries: h?.countries ?? [],
      members: h?.members,
      observances: h?.observances,
      kinds,
      corrections,
    },
    sitePrivate: input.site?.private,
  };
  return { group, problems: ctx.problems };
}
