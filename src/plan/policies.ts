import { DateTime } from 'luxon';
import { addDays, clockText, isoWeekday } from '../schedule/dates.js';
import { buildSchedule, exceptionFor } from '../schedule/build.js';
import { placeWallTime, zoneOf } from '../schedule/zoned.js';
import type { Group, IsoDate, MeetingException, Occurrence, Series, Window } from '../schedule/types.js';
import { inBlackout } from '../config/secretariat.js';
import { localDate, type HolidayCalendar } from './holidays.js';
import { dateIssue, isMakeUpDay, issueOf, type DateIssue, type GroupRules } from './rules.js';

/** One meeting the policies moved or skipped. */
export interface PolicyChange {
  group: string;
  /** The meeting's date (its day in the group zone, where the rule placed it). */
  date: IsoDate;
  action: 'moved' | 'skipped';
  /** Where the rule had placed it (group zone). */
  from: DateTime;
  /** Where it is now held (moved only). */
  to: DateTime | undefined;
  /** Holidays and blackouts, in words. */
  reason: string;
  issue: DateIssue;
  /** The meeting as it is now (moved or skipped). */
  occurrence: Occurrence;
}

/**
 * Keeps a shift off other groups' calls: the id of the group whose call a meeting of this group
 * (`o`, held from `startMs` to `endMs` instead) would conflict with, or undefined when none.
 */
export type ShiftGuard = (o: Occurrence, startMs: number, endMs: number) => string | undefined;

export interface PolicyOptions {
  /** How a schedule is built (default buildSchedule). */
  build?: (g: Group, w: Window) => Occurrence[];
  /** Conflicts with other groups a shift must avoid (see planSchedule). */
  guard?: ShiftGuard | undefined;
}

/** A decision for one rule date, turned into a config exception and rebuilt. */
interface Decision {
  action: 'moved' | 'skipped';
  move: string | undefined;
  moveZone: string | undefined;
  note: string;
  reason: string;
  issue: DateIssue;
}

const WEEKEND = new Set([6, 7]);

/** How far before a window a shifted meeting's rule date is looked for (a shift stays before the next meeting). */
const LOOK_BACK_DAYS = 62;

/**
 * Whether a policy can act on `o` at all: holidays under a `warn` policy never move or skip a
 * meeting, so unless a blackout that acts covers its date, the holidays need not be looked up
 * (date-holidays computes whole years, 1-160 ms per country and year: a series decided from its
 * start would otherwise pay that for every year since).
 */
function mayDecide(rules: GroupRules, o: Occurrence): boolean {
  if (rules.policy !== 'warn') return true;
  const date = o.start.toISODate()!;
  return rules.blackouts.some((b) => b.policy !== 'warn' && inBlackout(b, date));
}

/** Whether a skip moves the later slots of `series` (rotation by meeting that keeps its turn). */
function rotationCountsHeld(series: Series): boolean {
  return series.slots.length > 1 && series.rotation.mode === 'meeting' && series.rotation.onSkip === 'keep';
}

/** The slot's wall time of an occurrence (HH:mm and zone), to hold it at on another date. */
function wallTime(group: Group, o: Occurrence): { hour: number; minute: number; zone: string } {
  const slot = o.seriesId === null || o.slot === null ? undefined : group.series.find((s) => s.id === o.seriesId)?.slots[o.slot];
  if (slot) return { hour: slot.hour, minute: slot.minute, zone: slot.zone };
  return { hour: o.start.hour, minute: o.start.minute, zone: group.timezone };
}

function hm(h: number, m: number): string {
  return clockText(h * 60 + m);
}

/**
 * Whether every place the group observes works on a weekend date (a make-up working day of an
 * official swap, from the data or a `workday` correction): a shift may then land on it.
 */
function madeWorkday(rules: GroupRules, calendar: HolidayCalendar, ms: number): boolean {
  return rules.places.length > 0 && rules.places.every((p) => isMakeUpDay(p, calendar, localDate(ms, p.zone)));
}

interface ShiftResult {
  target: { date: IsoDate; hour: number; minute: number; zone: string } | undefined;
  /** Dates that were free but for another group's call: "2027-06-07 (wg-beta)". */
  blocked: string[];
}

/**
 * The first free date after `o` by steps of `rules.shiftDays`: not a holiday or blackout of the
 * group, not a weekend (unless the meeting was on one, or every place the group observes works
 * that day), not a date the group already meets on, not a time another group's call conflicts
 * with (`guard`), and before the next date of the same rule (a shift never passes the next meeting).
 */
function shiftTarget(
  group: Group,
  rules: GroupRules,
  calendar: HolidayCalendar,
  o: Occurrence,
  next: Occurrence | undefined,
  busy: Set<IsoDate>,
  guard: ShiftGuard | undefined,
): ShiftResult {
  const wall = wallTime(group, o);
  // Steps are taken on the slot's own dates (its wall time is kept there); everything else is
  // judged by the meeting's date in the group's zone.
  const base = o.start.setZone(zoneOf(wall.zone)).toISODate()!;
  const limit = next ? next.start.setZone(zoneOf(wall.zone)).toISODate()! : addDays(base, 35);
  const weekendOk = WEEKEND.has(isoWeekday(o.date));
  const length = o.end.toMillis() - o.start.toMillis();
  const blocked: string[] = [];
  for (let date = addDays(base, rules.shiftDays); date < limit; date = addDays(date, rules.shiftDays)) {
    const placed = placeWallTime(date, wall.hour, wall.minute, wall.zone, { ...group.dst, gap: 'shift' });
    if (placed.kind === 'skipped') continue;
    const groupDate = DateTime.fromMillis(placed.ms, { zone: zoneOf(group.timezone) }).toISODate()!;
    if (busy.has(groupDate)) continue;
    if (!weekendOk && WEEKEND.has(isoWeekday(groupDate)) && !madeWorkday(rules, calendar, placed.ms)) continue;
    if (dateIssue(rules, calendar, placed.ms, groupDate, placed.ms + length)) continue;
    const clash = guard?.(o, placed.ms, placed.ms + length);
    if (clash) {
      blocked.push(`${groupDate} (${clash})`);
      continue;
    }
    return { target: { date, ...wall }, blocked };
  }
  return { target: undefined, blocked };
}

function decide(
  group: Group,
  rules: GroupRules,
  calendar: HolidayCalendar,
  o: Occurrence,
  issue: DateIssue,
  next: Occurrence | undefined,
  busy: Set<IsoDate>,
  guard: ShiftGuard | undefined,
): Decision | undefined {
  if (issue.policy === 'warn') return undefined;
  if (issue.policy === 'shift') {
    const { target: t, blocked } = shiftTarget(group, rules, calendar, o, next, busy, guard);
    if (t) {
      return {
        action: 'moved',
        move: `${t.date}T${hm(t.hour, t.minute)}`,
        moveZone: t.zone,
        // en-US month abbreviations (Sep, not en-GB's Sept), in any machine locale.
        note: `moved from ${o.start.setLocale('en-US').toFormat('d LLL')}: ${issue.reason}`,
        reason: issue.reason,
        issue,
      };
    }
    // Dates another group's call took are named, so the skip is not a mystery.
    const taken = blocked.length ? ` (taken by another group's call: ${blocked.join(', ')})` : '';
    const reason = `${issue.reason}; no free date to shift to before the next meeting${taken}`;
    return { action: 'skipped', move: undefined, moveZone: undefined, note: reason, reason, issue };
  }
  return { action: 'skipped', move: undefined, moveZone: undefined, note: issue.reason, reason: issue.reason, issue };
}

/** A decision's key: the series and the meeting's date (parallel series meet on one date). */
const keyOf = (o: Occurrence) => `${o.seriesId ?? ''}|${o.date}`;

function withDecisions(group: Group, decisions: Map<string, Decision>): Group {
  if (decisions.size === 0) return group;
  const series = group.series.map((s) => {
    let exceptions: Map<IsoDate, MeetingException> | undefined;
    for (const [key, d] of decisions) {
      const bar = key.lastIndexOf('|');
      if (key.slice(0, bar) !== s.id) continue;
      const date = key.slice(bar + 1);
      exceptions ??= new Map(s.exceptions);
      const old: MeetingException = exceptionFor(group, s, date) ?? {
        date,
        skip: undefined,
        move: undefined,
        moveZone: group.timezone,
        add: [],
        link: undefined,
        note: undefined,
        title: undefined,
        duration: undefined,
      };
      const note = old.note ? `${d.note}; ${old.note}` : d.note;
      exceptions.set(
        date,
        d.action === 'skipped'
          ? { ...old, add: [], skip: note }
          : { ...old, add: [], move: d.move, moveZone: d.moveZone ?? group.timezone, moveDate: undefined, note },
      );
    }
    return exceptions ? { ...s, exceptions } : s;
  });
  return { ...group, series };
}

/** The next meeting of the same series, for every rule-placed occurrence. */
function nextMeetings(occurrences: readonly Occurrence[]): Map<Occurrence, Occurrence | undefined> {
  const bySeries = new Map<string, Occurrence[]>();
  for (const o of occurrences) {
    if (o.seriesId === null) continue;
    bySeries.set(o.seriesId, [...(bySeries.get(o.seriesId) ?? []), o]);
  }
  const out = new Map<Occurrence, Occurrence | undefined>();
  for (const list of bySeries.values()) {
    const sorted = [...list].sort((a, b) => (a.ruleDate < b.ruleDate ? -1 : 1));
    sorted.forEach((o, i) => out.set(o, sorted[i + 1]));
  }
  return out;
}

export interface PlannedSchedule {
  /** The schedule with the policies applied: moved and skipped meetings carry the reason in `note`. */
  occurrences: Occurrence[];
  changes: PolicyChange[];
  /** The schedule as built, before the policies. */
  original: Occurrence[];
}

/**
 * Applies the group's holiday and blackout policies to a schedule: a pure transformation.
 * Each decision becomes a config exception (skip, or move with a note) and the schedule is
 * rebuilt, so rotation treats a policy skip exactly as a skip written in the config. Only
 * meetings the rule placed are touched: a meeting the config moved or added stays where the
 * config put it. Rebuilding can change later slots (rotation by meeting); it repeats until no
 * new decision is needed.
 */
export function applyPolicies(group: Group, window: Window, rules: GroupRules, calendar: HolidayCalendar, opts: PolicyOptions = {}): PlannedSchedule {
  const build = opts.build ?? buildSchedule;
  // Look a little past the window, so a meeting near its end knows the next rule date.
  const wide: Window = { from: window.from, to: addDays(window.to, 62) };
  // And before it, so every window shows what the whole schedule shows (a reminder run's window
  // of a few days included): a meeting shifted into the window from a rule date before it is
  // held there, and a rotation by meeting (the default, on-skip keep) counts the meetings held,
  // so a policy skip at any time since the series began moves every later slot: such series are
  // decided from their start. Built apart: buildSchedule takes a shifted meeting into the window
  // as it does a config move, and the window's own build keeps its rotation (an open series
  // rotates from the window start, so only series with a `from` have rule dates before it).
  const dated = group.series.filter((s) => s.from !== undefined && s.from < window.from);
  const backFrom = dated.reduce((min, s) => {
    const f = rotationCountsHeld(s) ? s.from! : addDays(window.from, -LOOK_BACK_DAYS);
    return f < min ? f : min;
  }, window.from);
  const back: Window = { from: backFrom, to: addDays(window.from, -1) };
  const datedIndex = new Set(dated.map((s) => s.index));
  const expand = (g: Group): Occurrence[] => {
    const before = backFrom < window.from ? build(g, back).filter((o) => o.seriesIndex !== null && datedIndex.has(o.seriesIndex)) : [];
    return [...before, ...build(g, wide)];
  };
  const decisions = new Map<string, Decision>();
  let occ = expand(group);
  const first = occ;
  for (let round = 0; round < 4; round++) {
    const next = nextMeetings(occ);
    // The dates each series already meets on (a shift never lands on one).
    const busy = new Map<string, Set<IsoDate>>();
    for (const o of occ) {
      if (o.status === 'skipped') continue;
      const k = o.seriesId ?? '';
      busy.set(k, (busy.get(k) ?? new Set()).add(o.start.toISODate()!));
    }
    let added = 0;
    for (const o of occ) {
      // Meetings past the window are built only to know the next rule date.
      if (o.status !== 'scheduled' || decisions.has(keyOf(o)) || o.date > window.to) continue;
      if (!mayDecide(rules, o)) continue;
      const issue = issueOf(rules, calendar, o);
      if (!issue) continue;
      const mine = busy.get(o.seriesId ?? '') ?? new Set<IsoDate>();
      const d = decide(group, rules, calendar, o, issue, next.get(o), mine, opts.guard);
      if (!d) continue;
      decisions.set(keyOf(o), d);
      if (d.move) {
        const [day, t] = d.move.split('T') as [string, string];
        const [h, m] = t.split(':').map(Number) as [number, number];
        const p = placeWallTime(day, h, m, d.moveZone ?? group.timezone, { ...group.dst, gap: 'shift' });
        if (p.kind !== 'skipped') mine.add(DateTime.fromMillis(p.ms, { zone: zoneOf(group.timezone) }).toISODate()!);
      }
      added++;
    }
    if (added === 0) break;
    occ = expand(withDecisions(group, decisions));
  }
  const inWindow = (o: Occurrence) => {
    const day = o.start.toISODate()!;
    return day >= window.from && day <= window.to;
  };
  const occurrences = occ.filter(inWindow);
  const changes: PolicyChange[] = [];
  // Every decision about a meeting of the window, even one shifted past its end.
  for (const o of occ) {
    const d = decisions.get(keyOf(o));
    if (!d || o.seriesId === null || o.date < window.from || o.date > window.to) continue;
    changes.push({
      group: group.id,
      date: o.date,
      action: d.action,
      from: o.originalStart ?? o.start,
      to: d.action === 'moved' ? o.start : undefined,
      reason: d.reason,
      issue: d.issue,
      occurrence: o,
    });
  }
  return { occurrences, changes, original: decisions.size ? first.filter(inWindow) : occurrences };
}
