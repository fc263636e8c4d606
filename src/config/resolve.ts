import { DateTime } from 'luxon';
import type { z } from 'zod';
import { expandDates, parseRule, ruleParts } from '../schedule/recurrence.js';
import { isValidZone } from '../schedule/zoned.js';
import { addressProblem, headerTextProblem } from '../schedule/address.js';
import { isHolidayCountry } from './holiday-countries.js';
import { addDays, isIsoDate, isoWeekday, normalizeClock } from '../schedule/dates.js';
import type { CoverageSettings, Group, IsoDate, MeetingException, Member, MemberRole, RegionSet, RoleWeights, Rotation, Series, Slot } from '../schedule/types.js';
import { DEFAULT_REGION_SET, findRegion, resolveRegions, resolveWindows } from './regions.js';
import { msg } from './messages.js';
import { COUNTRY_RE, resolveCorrections, resolveKinds } from './holidays.js';
import type { ConfigProblem, Path, SourceMap } from './problems.js';
import type { GroupInput, MeetingInput, SeriesInput, SlotInput } from './schema.js';


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
        else out.push(map.problem(path, msg.expectedType(issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`, describe(found))));
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
        out.push(map.problem(path, issue.message));
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
  return expandDates(rule, date, date, addDays(date, 366 * 4))[0];
}

function checkDate(ctx: Ctx, value: string | undefined, path: Path): IsoDate | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) {
    ctx.problems.push(ctx.map.problem(path, msg.badDate(value)));
    return undefined;
  }
  return value;
}

function checkZone(ctx: Ctx, zone: string, path: Path): boolean {
  if (isValidZone(zone)) return true;
  ctx.problems.push(ctx.map.problem(path, msg.unknownZone(zone)));
  return false;
}

/**
 * A move's target as people write it: `2027-03-10T10:00`, `2027-03-10 10:00`, a date alone
 * (`2027-03-10`: the slot's time is kept) or a time alone (`"10:00"`: the same day, the rule
 * date), each optionally followed by a zone. Undefined when it is none of these.
 */
export function readMove(text: string, ruleDate: IsoDate): { date: IsoDate; time: string | undefined; zone: string | undefined } | undefined {
  const words = text.trim().split(/\s+/);
  const first = words.shift() ?? '';
  let date: string | undefined;
  let time: string | undefined;
  if (first.includes('T')) [date, time] = first.split('T') as [string, string];
  else if (/^\d{4}-/.test(first)) {
    date = first;
    if (words[0] !== undefined && normalizeClock(words[0])) time = words.shift();
  } else {
    date = ruleDate;
    time = first;
  }
  const hm = time === undefined ? undefined : normalizeClock(time);
  if (!isIsoDate(date) || (time !== undefined && !hm) || words.length > 1) return undefined;
  return { date, time: hm, zone: words[0] };
}

/** "HH:mm" or "HH:mm Zone/Name" → time and zone, or a problem. */
function splitTimeZone(ctx: Ctx, text: string, defaultZone: string, path: Path): { time: string; zone: string } | undefined {
  const [time, zone, ...rest] = text.trim().split(/\s+/);
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
  return { time: hm, zone: zone ?? defaultZone };
}

function resolveSlot(ctx: Ctx, input: SlotInput, index: number, zone: string, path: Path): Slot | undefined {
  const obj = typeof input === 'string' ? { time: input } : input;
  const timePath = typeof input === 'string' ? path : [...path, 'time'];
  if (typeof input !== 'string' && input.zone !== undefined && !checkZone(ctx, input.zone, [...path, 'zone'])) return undefined;
  const tz = splitTimeZone(ctx, obj.time, typeof input === 'string' ? zone : (input.zone ?? zone), timePath);
  if (!tz) return undefined;
  const [hour, minute] = tz.time.split(':').map(Number) as [number, number];
  return { index, time: tz.time, hour, minute, zone: tz.zone, label: typeof input === 'string' ? undefined : input.label };
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
  const anchorPath = input?.anchor !== undefined ? [...path, 'rotation', 'anchor'] : ['rotation', 'anchor'];
  const anchor = checkDate(ctx, r.anchor, anchorPath) ?? from;
  if (!anchor) {
    ctx.problems.push(ctx.map.problem(input ? [...path, 'rotation'] : path, msg.anchorNeeded(mode)));
    return { mode, anchor: '1970-01-01' };
  }
  return { mode, anchor };
}

function resolveSeries(ctx: Ctx, input: GroupInput, s: SeriesInput, index: number, count: number, duration: number, opts: ParseOptions): Series | undefined {
  const path: Path = ['series', index];
  const before = ctx.problems.length;
  const from = checkDate(ctx, s.from, [...path, 'from']);
  const until = checkDate(ctx, s.until, [...path, 'until']);
  if (from && until && until < from) ctx.problems.push(ctx.map.problem([...path, 'until'], msg.untilBeforeFrom(from, until)));
  const parsed = parseRule(s.rule);
  if (s.from === undefined && index > 0) {
    // The date to write: the rule's first date after the series before it ends.
    const prev = input.series[index - 1]?.until;
    const after = prev && isIsoDate(prev) && parsed.ok ? firstRuleDate(parsed.rule, addDays(prev, 1)) : undefined;
    ctx.problems.push(ctx.map.problem(path, msg.seriesOpenStart(after)));
  }
  if (s.until === undefined && index < count - 1) ctx.problems.push(ctx.map.problem(path, msg.seriesOpenEnd()));
  let rule: string | undefined;
  if (parsed.ok) rule = parsed.rule;
  else if (parsed.forbidden) ctx.problems.push(ctx.map.problem([...path, 'rule'], msg.ruleHasDtstart()));
  else if (parsed.suggestions) ctx.problems.push(ctx.map.problem([...path, 'rule'], msg.badPhrase(s.rule, parsed.error, parsed.suggestions), { at: parsed.at }));
  else ctx.problems.push(ctx.map.problem([...path, 'rule'], msg.badRule(s.rule, parsed.error)));
  if (s.slots.length === 0) ctx.problems.push(ctx.map.problem([...path, 'slots'], msg.emptySlots()));
  const slots = s.slots.map((slot, i) => resolveSlot(ctx, slot, i, input.timezone, [...path, 'slots', i]));
  const rotation = resolveRotation(ctx, s.rotation, input.rotation, from, path);
  const dur = checkMinutes(ctx, s.duration, [...path, 'duration']) ?? duration;
  if (s.from === undefined && rule) {
    const interval = Number(ruleParts(rule).get('INTERVAL') ?? '1');
    // Which date to write: the rule's first date on or after today (in the group's zone).
    const today = opts.now === undefined ? undefined : DateTime.fromMillis(opts.now, { zone: isValidZone(input.timezone) ? input.timezone : 'UTC' }).toISODate()!;
    const first = today ? firstRuleDate(rule, today) : undefined;
    if (interval > 1) ctx.problems.push(ctx.map.problem(path, msg.seriesNeedsFrom(`INTERVAL=${interval} counts from it`, first)));
    else if (s.slots.length > 1 && rotation.mode === 'meeting') {
      ctx.problems.push(ctx.map.problem(path, msg.seriesNeedsFrom('a rotation by meeting counts its turns from it', first)));
    }
  }
  if (rule && from) {
    const end = until ?? addDays(from, 366 * 4);
    if (expandDates(rule, from, from, end).length === 0) {
      ctx.problems.push(ctx.map.problem([...path, 'rule'], msg.ruleYieldsNothing(s.rule, from, until)));
    } else {
      const late = lateFirstPeriod(rule, from);
      if (late) ctx.problems.push(ctx.map.problem([...path, 'from'], msg.intervalFirstPeriod(from, late.unit, late.interval, late.first, late.sooner), { severity: 'warning' }));
    }
  }
  if (ctx.problems.slice(before).some((p) => p.severity === 'error') || !rule || slots.some((x) => !x)) return undefined;
  return { index, id: `s${index}-${from ?? 'start'}`, from, until, rule, slots: slots as Slot[], rotation, duration: dur };
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

function resolveMeeting(ctx: Ctx, date: string, m: MeetingInput, zone: string): MeetingException | undefined {
  const path: Path = ['meetings', date];
  const before = ctx.problems.length;
  if (!isIsoDate(date)) ctx.problems.push(ctx.map.problem(path, msg.badDate(date), { key: true }));
  if (m.skip !== undefined && m.move !== undefined) ctx.problems.push(ctx.map.problem(path, msg.skipAndMove()));
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
  const adds = m.add === undefined ? [] : Array.isArray(m.add) ? m.add : [m.add];
  const parsedAdds = adds.map((a, i) => splitTimeZone(ctx, a, zone, Array.isArray(m.add) ? [...path, 'add', i] : [...path, 'add']));
  const addZones = new Set(parsedAdds.map((a) => a?.zone));
  if (addZones.size > 1) ctx.problems.push(ctx.map.problem([...path, 'add'], 'all "add" times of one date must share a zone'));
  const duration = checkMinutes(ctx, m.duration, [...path, 'duration']);
  checkHeaderText(ctx, m.title, [...path, 'title'], 'title');
  if (ctx.problems.length > before) return undefined;
  return {
    date,
    skip: m.skip,
    move,
    moveZone,
    moveDate,
    add: parsedAdds.map((a) => a!.time),
    addZone: parsedAdds[0]?.zone ?? zone,
    link: m.link,
    note: m.note,
    title: m.title,
    duration,
  };
}

/** Whether some series' rule produces `date` (and the series covers it). */
function ruleYields(series: Series[], date: IsoDate): boolean {
  return series.some((s) => {
    if ((s.from && date < s.from) || (s.until && date > s.until)) return false;
    return expandDates(s.rule, s.from ?? date, date, date).length > 0;
  });
}

function range(s: { from?: string | undefined; until?: string | undefined }): string {
  if (!s.from) return `until ${s.until}`;
  return s.until ? `${s.from} to ${s.until}` : `from ${s.from}`;
}

/** Validated input → Group. Structural validity (zod) is assumed; meaning is checked here. */
export { COUNTRY_RE };
/**
 * A holiday country: the syntax, then whether date-holidays knows it (every command checks, not
 * only plan: a typo would otherwise be found the day a policy starts to use it).
 */
export function countryProblem(code: string): string | undefined {
  if (!COUNTRY_RE.test(code)) return msg.badCountry(code);
  if (!isHolidayCountry(code)) return msg.unknownCountry(code);
  return undefined;
}

function checkCountry(ctx: Ctx, code: string, path: Path): void {
  const problem = countryProblem(code);
  if (problem) ctx.problems.push(ctx.map.problem(path, problem));
}

/** One address rule for config, mail and calendar (schedule/address.ts). */
function checkEmail(ctx: Ctx, value: string, path: Path): void {
  const why = addressProblem(value);
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
    if (dup !== undefined) ctx.problems.push(ctx.map.problem([...path, 'email'], `"${m.email}" is also members[${dup}]`));
    seen.set(key, i);
    if (m.zone !== undefined) checkZone(ctx, m.zone, [...path, 'zone']);
    if (m.country !== undefined) checkCountry(ctx, m.country, [...path, 'country']);
    const region = m.region === undefined ? undefined : findRegion(regions, m.region);
    if (m.region !== undefined && !region) {
      ctx.problems.push(ctx.map.problem([...path, 'region'], msg.unknownRegion(m.region, regions.regions.map((r) => r.id))));
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
    if (!r) ctx.problems.push(ctx.map.problem(['coverage', 'regions', i], msg.unknownRegion(name, regions.regions.map((x) => x.id))));
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

export function resolveGroup(input: GroupInput, map: SourceMap, regionSet: RegionSet = DEFAULT_REGION_SET, opts: ParseOptions = {}): { group?: Group; problems: ConfigProblem[] } {
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

  const series = input.series.map((s, i) => resolveSeries(ctx, input, s, i, input.series.length, duration, opts));
  for (let i = 1; i < input.series.length; i++) {
    const prev = input.series[i - 1]!;
    const cur = input.series[i]!;
    if (prev.until && cur.from && isIsoDate(prev.until) && isIsoDate(cur.from) && cur.from <= prev.until) {
      ctx.problems.push(map.problem(['series', i, 'from'], msg.seriesOverlap(i - 1, range(prev))));
    }
  }

  const exceptions = new Map<IsoDate, MeetingException>();
  for (const [date, m] of Object.entries(input.meetings ?? {})) {
    urlProblem(m.link, ['meetings', date, 'link']);
    const ex = resolveMeeting(ctx, date, m, input.timezone);
    if (ex) exceptions.set(date, ex);
  }
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
  const okSeries = series.filter((s): s is Series => !!s);
  if (okSeries.length === series.length) {
    for (const ex of exceptions.values()) {
      const needsRuleDate = ex.skip !== undefined || ex.move !== undefined || ex.moveDate !== undefined || ex.add.length === 0;
      if (needsRuleDate && !ruleYields(okSeries, ex.date)) {
        ctx.problems.push(map.problem(['meetings', ex.date], msg.noMeetingOnDate(ex.date), { key: true }));
      }
      const moveTo = ex.move?.slice(0, 10) ?? ex.moveDate;
      if (moveTo) {
        const target = exceptions.get(moveTo);
        if (target?.skip !== undefined) ctx.problems.push(map.problem(['meetings', ex.date, 'move'], msg.moveOntoSkipped(moveTo)));
      }
    }
  }
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
