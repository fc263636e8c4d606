import type { z } from 'zod';
import { expandDates, parseRule, ruleParts } from '../schedule/recurrence.js';
import { addDays, isIsoDate } from '../schedule/dates.js';
import type { CoverageSettings, Group, IsoDate, MeetingException, Member, MemberRole, RegionSet, RoleWeights, Rotation, Series, Slot } from '../schedule/types.js';
import { DEFAULT_REGION_SET, findRegion, resolveRegions, resolveWindows } from './regions.js';
import { msg } from './messages.js';
import { zoneError, type ZoneCheckOptions } from './zones.js';
import type { ConfigProblem, Path, SourceMap } from './problems.js';
import type { GroupInput, MeetingInput, SeriesInput, SlotInput } from './schema.js';

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;


function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
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

function checkDate(ctx: Ctx, value: string | undefined, path: Path): IsoDate | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) {
    ctx.problems.push(ctx.map.problem(path, msg.badDate(value)));
    return undefined;
  }
  return value;
}

function checkZone(ctx: Ctx, zone: string, path: Path, opts?: ZoneCheckOptions): boolean {
  const error = zoneError(zone, opts);
  if (error === undefined) return true;
  ctx.problems.push(ctx.map.problem(path, error));
  return false;
}

/** "HH:mm" or "HH:mm Zone/Name" → time and zone, or a problem. */
function splitTimeZone(ctx: Ctx, text: string, defaultZone: string, path: Path): { time: string; zone: string } | undefined {
  const [time, zone, ...rest] = text.trim().split(/\s+/);
  if (!time || rest.length || !/^\d{1,2}:\d{2}$/.test(time)) {
    ctx.problems.push(ctx.map.problem(path, msg.badSlot(text)));
    return undefined;
  }
  if (!TIME_RE.test(time)) {
    ctx.problems.push(ctx.map.problem(path, msg.badTime(time)));
    return undefined;
  }
  if (zone && !checkZone(ctx, zone, path)) return undefined;
  return { time, zone: zone ?? defaultZone };
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

function checkMinutes(ctx: Ctx, value: number | undefined, path: Path): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value <= 0) {
    ctx.problems.push(ctx.map.problem(path, msg.positiveMinutes(value)));
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

function resolveSeries(ctx: Ctx, input: GroupInput, s: SeriesInput, index: number, count: number, duration: number): Series | undefined {
  const path: Path = ['series', index];
  const before = ctx.problems.length;
  const from = checkDate(ctx, s.from, [...path, 'from']);
  const until = checkDate(ctx, s.until, [...path, 'until']);
  if (from && until && until < from) ctx.problems.push(ctx.map.problem([...path, 'until'], msg.untilBeforeFrom(from, until)));
  if (s.from === undefined && index > 0) ctx.problems.push(ctx.map.problem(path, msg.seriesOpenStart()));
  if (s.until === undefined && index < count - 1) ctx.problems.push(ctx.map.problem(path, msg.seriesOpenEnd()));
  const parsed = parseRule(s.rule);
  let rule: string | undefined;
  if (parsed.ok) rule = parsed.rule;
  else ctx.problems.push(ctx.map.problem([...path, 'rule'], parsed.forbidden ? msg.ruleHasDtstart() : msg.badRule(s.rule, parsed.error)));
  if (s.slots.length === 0) ctx.problems.push(ctx.map.problem([...path, 'slots'], msg.emptySlots()));
  const slots = s.slots.map((slot, i) => resolveSlot(ctx, slot, i, input.timezone, [...path, 'slots', i]));
  const rotation = resolveRotation(ctx, s.rotation, input.rotation, from, path);
  const dur = checkMinutes(ctx, s.duration, [...path, 'duration']) ?? duration;
  if (s.from === undefined && rule) {
    const interval = Number(ruleParts(rule).get('INTERVAL') ?? '1');
    if (interval > 1) ctx.problems.push(ctx.map.problem(path, msg.seriesNeedsFrom(`INTERVAL=${interval} counts from it`)));
    else if (s.slots.length > 1 && rotation.mode === 'meeting') {
      ctx.problems.push(ctx.map.problem(path, msg.seriesNeedsFrom('a rotation by meeting counts its turns from it')));
    }
  }
  if (rule && from) {
    const end = until ?? addDays(from, 366 * 4);
    if (expandDates(rule, from, from, end).length === 0) {
      ctx.problems.push(ctx.map.problem([...path, 'rule'], msg.ruleYieldsNothing(s.rule, from, until)));
    }
  }
  if (ctx.problems.length > before || !rule || slots.some((x) => !x)) return undefined;
  return { index, id: `s${index}-${from ?? 'start'}`, from, until, rule, slots: slots as Slot[], rotation, duration: dur };
}

function resolveMeeting(ctx: Ctx, date: string, m: MeetingInput, zone: string): MeetingException | undefined {
  const path: Path = ['meetings', date];
  const before = ctx.problems.length;
  if (!isIsoDate(date)) ctx.problems.push(ctx.map.problem(path, msg.badDate(date), { key: true }));
  if (m.skip !== undefined && m.move !== undefined) ctx.problems.push(ctx.map.problem(path, msg.skipAndMove()));
  let move: string | undefined;
  let moveZone = zone;
  if (m.move !== undefined) {
    const [dt, z, ...rest] = m.move.trim().split(/\s+/);
    const [d, t] = (dt ?? '').split('T');
    if (!d || !t || rest.length || !isIsoDate(d) || !TIME_RE.test(t)) ctx.problems.push(ctx.map.problem([...path, 'move'], msg.badDateTime(m.move)));
    else if (z === undefined || checkZone(ctx, z, [...path, 'move'])) {
      move = `${d}T${t}`;
      moveZone = z ?? zone;
    }
  }
  const adds = m.add === undefined ? [] : Array.isArray(m.add) ? m.add : [m.add];
  const parsedAdds = adds.map((a, i) => splitTimeZone(ctx, a, zone, Array.isArray(m.add) ? [...path, 'add', i] : [...path, 'add']));
  const addZones = new Set(parsedAdds.map((a) => a?.zone));
  if (addZones.size > 1) ctx.problems.push(ctx.map.problem([...path, 'add'], 'all "add" times of one date must share a zone'));
  const duration = checkMinutes(ctx, m.duration, [...path, 'duration']);
  if (ctx.problems.length > before) return undefined;
  return {
    date,
    skip: m.skip,
    move,
    moveZone,
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
export const COUNTRY_RE = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
const EMAIL_RE = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

function resolveMembers(ctx: Ctx, input: GroupInput, regions: RegionSet): Member[] {
  const seen = new Map<string, number>();
  return (input.members ?? []).map((m, i) => {
    const path: Path = ['members', i];
    if (!EMAIL_RE.test(m.email)) ctx.problems.push(ctx.map.problem([...path, 'email'], msg.badEmail(m.email)));
    const key = m.email.toLowerCase();
    const dup = seen.get(key);
    if (dup !== undefined) ctx.problems.push(ctx.map.problem([...path, 'email'], `"${m.email}" is also members[${dup}]`));
    seen.set(key, i);
    if (m.zone !== undefined) checkZone(ctx, m.zone, [...path, 'zone'], { regions, regionHint: 'key' });
    if (m.country !== undefined && !COUNTRY_RE.test(m.country)) ctx.problems.push(ctx.map.problem([...path, 'country'], msg.badCountry(m.country)));
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

export function resolveGroup(input: GroupInput, map: SourceMap, regionSet: RegionSet = DEFAULT_REGION_SET): { group?: Group; problems: ConfigProblem[] } {
  const ctx: Ctx = { map, problems: [] };
  if (!/^[a-z0-9][a-z0-9-]*$/.test(input.id)) ctx.problems.push(map.problem(['id'], msg.badId(input.id)));
  // With an unknown group zone, go on with UTC so that every other problem is found too.
  const zoneOk = checkZone(ctx, input.timezone, ['timezone']);
  if (!zoneOk) input = { ...input, timezone: 'UTC' };
  const duration = checkMinutes(ctx, input.duration, ['duration']) ?? 60;
  if (input.organizer && !EMAIL_RE.test(input.organizer.email)) {
    ctx.problems.push(map.problem(['organizer', 'email'], msg.badEmail(input.organizer.email)));
  }
  const urlProblem = (url: string | undefined, path: Path) => {
    if (url !== undefined && !/^https?:\/\/[^\s<>"]+$/.test(url)) ctx.problems.push(map.problem(path, msg.badUrl(url)));
  };
  urlProblem(input.link, ['link']);
  urlProblem(input.agenda, ['agenda']);
  if (input.list !== undefined && !EMAIL_RE.test(input.list)) ctx.problems.push(map.problem(['list'], msg.badEmail(input.list)));
  const mailFrom = input.mail?.from;
  if (mailFrom && !EMAIL_RE.test(mailFrom.email)) ctx.problems.push(map.problem(['mail', 'from', 'email'], msg.badEmail(mailFrom.email)));
  const smtp = input.mail?.smtp;
  if (smtp !== undefined) {
    if (!/^smtps?:\/\/[^\s/@:]+(:\d+)?\/?$/.test(smtp)) ctx.problems.push(map.problem(['mail', 'smtp'], msg.badSmtpUrl(smtp)));
  }

  const series = input.series.map((s, i) => resolveSeries(ctx, input, s, i, input.series.length, duration));
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
    if (!EMAIL_RE.test(c.email)) ctx.problems.push(map.problem(['chairs', i, 'email'], msg.badEmail(c.email)));
  });
  const h = input.holidays;
  (h?.countries ?? []).forEach((c, i) => {
    if (!COUNTRY_RE.test(c)) ctx.problems.push(map.problem(['holidays', 'countries', i], msg.badCountry(c)));
  });
  if (h?.['shift-days'] !== undefined && (!Number.isInteger(h['shift-days']) || h['shift-days'] < 1)) {
    ctx.problems.push(map.problem(['holidays', 'shift-days'], msg.badShiftDays(h['shift-days'])));
  }
  if (h?.['shift-days'] !== undefined && h.policy !== undefined && h.policy !== 'shift') {
    ctx.problems.push(map.problem(['holidays', 'shift-days'], msg.shiftDaysWithoutShift(h.policy), { severity: 'warning' }));
  }
  const alarms = resolveAlarms(ctx, input.alarms ?? []);
  const okSeries = series.filter((s): s is Series => !!s);
  if (okSeries.length === series.length) {
    for (const ex of exceptions.values()) {
      const needsRuleDate = ex.skip !== undefined || ex.move !== undefined || (ex.add.length === 0);
      if (needsRuleDate && !ruleYields(okSeries, ex.date)) {
        ctx.problems.push(map.problem(['meetings', ex.date], msg.noMeetingOnDate(ex.date), { key: true }));
      }
      if (ex.move) {
        const target = exceptions.get(ex.move.slice(0, 10));
        if (target?.skip !== undefined) ctx.problems.push(map.problem(['meetings', ex.date, 'move'], msg.moveOntoSkipped(ex.move.slice(0, 10))));
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
    },
    sitePrivate: input.site?.private,
  };
  return { group, problems: ctx.problems };
}
