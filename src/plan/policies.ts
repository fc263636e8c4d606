import { DateTime } from 'luxon';
import { addDays } from '../schedule/dates.js';
import { buildSchedule } from '../schedule/build.js';
import { placeWallTime, zoneOf } from '../schedule/zoned.js';
import type { Group, IsoDate, MeetingException, Occurrence, Series, Window } from '../schedule/types.js';
import { inBlackout } from '../config/secretariat.js';
import type { HolidayCalendar } from './holidays.js';
import { dateIssue, issueOf, type DateIssue, type GroupRules } from './rules.js';

/** One meeting the policies moved or skipped. */
export interface PolicyChange {
  group: string;
  /** The rule date of the meeting. */
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

function dayOfWeek(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

/** The slot's wall time of an occurrence (HH:mm and zone), to hold it at on another date. */
function wallTime(group: Group, o: Occurrence): { hour: number; minute: number; zone: string } {
  const slot = o.seriesIndex === null || o.slot === null ? undefined : group.series.find((s) => s.index === o.seriesIndex)?.slots[o.slot];
  if (slot) return { hour: slot.hour, minute: slot.minute, zone: slot.zone };
  return { hour: o.start.hour, minute: o.start.minute, zone: group.timezone };
}

function hm(h: number, m: number): string {
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * The first free date after `o` by steps of `rules.shiftDays`: not a holiday or blackout of the
 * group, not a weekend (unless the meeting was on one), not a date the group already meets on,
 * and before the next date of the same rule (a shift never passes the next meeting).
 */
function shiftTarget(group: Group, rules: GroupRules, calendar: HolidayCalendar, o: Occurrence, next: IsoDate | undefined, busy: Set<IsoDate>): { date: IsoDate; hour: number; minute: number; zone: string } | undefined {
  const wall = wallTime(group, o);
  const limit = next ?? addDays(o.ruleDate, 35);
  const weekendOk = WEEKEND.has(dayOfWeek(o.ruleDate));
  for (let date = addDays(o.ruleDate, rules.shiftDays); date < limit; date = addDays(date, rules.shiftDays)) {
    if (busy.has(date) || (!weekendOk && WEEKEND.has(dayOfWeek(date)))) continue;
    const placed = placeWallTime(date, wall.hour, wall.minute, wall.zone, { ...group.dst, gap: 'shift' });
    if (placed.kind === 'skipped') continue;
    const groupDate = DateTime.fromMillis(placed.ms, { zone: zoneOf(group.timezone) }).toISODate()!;
    if (!dateIssue(rules, calendar, placed.ms, groupDate)) return { date, ...wall };
  }
  return undefined;
}

function decide(group: Group, rules: GroupRules, calendar: HolidayCalendar, o: Occurrence, issue: DateIssue, next: IsoDate | undefined, busy: Set<IsoDate>): Decision | undefined {
  if (issue.policy === 'warn') return undefined;
  if (issue.policy === 'shift') {
    const t = shiftTarget(group, rules, calendar, o, next, busy);
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
    const reason = `${issue.reason}; no free date to shift to before the next meeting`;
    return { action: 'skipped', move: undefined, moveZone: undefined, note: reason, reason, issue };
  }
  return { action: 'skipped', move: undefined, moveZone: undefined, note: issue.reason, reason: issue.reason, issue };
}

function withDecisions(group: Group, decisions: Map<IsoDate, Decision>): Group {
  if (decisions.size === 0) return group;
  const exceptions = new Map(group.exceptions);
  for (const [date, d] of decisions) {
    const old: MeetingException = exceptions.get(date) ?? {
      date, skip: undefined, move: undefined, moveZone: group.timezone, add: [], addZone: group.timezone,
      link: undefined, note: undefined, title: undefined, duration: undefined,
    };
    const note = old.note ? `${d.note}; ${old.note}` : d.note;
    exceptions.set(date, d.action === 'skipped'
      ? { ...old, skip: note }
      : { ...old, move: d.move, moveZone: d.moveZone ?? group.timezone, note });
  }
  return { ...group, exceptions };
}

/** Rule dates of the next meeting of the same series, for every rule-placed occurrence. */
function nextRuleDates(occurrences: readonly Occurrence[]): Map<Occurrence, IsoDate | undefined> {
  const bySeries = new Map<string, Occurrence[]>();
  for (const o of occurrences) {
    if (o.seriesId === null) continue;
    bySeries.set(o.seriesId, [...(bySeries.get(o.seriesId) ?? []), o]);
  }
  const out = new Map<Occurrence, IsoDate | undefined>();
  for (const list of bySeries.values()) {
    const sorted = [...list].sort((a, b) => (a.ruleDate < b.ruleDate ? -1 : 1));
    sorted.forEach((o, i) => out.set(o, sorted[i + 1]?.ruleDate));
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
export function applyPolicies(group: Group, window: Window, rules: GroupRules, calendar: HolidayCalendar, build: (g: Group, w: Window) => Occurrence[] = buildSchedule): PlannedSchedule {
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
  const decisions = new Map<IsoDate, Decision>();
  let occ = expand(group);
  const first = occ;
  for (let round = 0; round < 4; round++) {
    const next = nextRuleDates(occ);
    const busy = new Set(occ.filter((o) => o.status !== 'skipped').map((o) => o.start.toISODate()!));
    let added = 0;
    for (const o of occ) {
      // Meetings past the window are built only to know the next rule date.
      if (o.status !== 'scheduled' || decisions.has(o.ruleDate) || o.ruleDate > window.to) continue;
      if (!mayDecide(rules, o)) continue;
      const issue = issueOf(rules, calendar, o);
      if (!issue) continue;
      const d = decide(group, rules, calendar, o, issue, next.get(o), busy);
      if (!d) continue;
      decisions.set(o.ruleDate, d);
      if (d.move) busy.add(d.move.slice(0, 10));
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
    const d = decisions.get(o.ruleDate);
    if (!d || o.seriesId === null || o.ruleDate < window.from || o.ruleDate > window.to) continue;
    changes.push({
      group: group.id,
      date: o.ruleDate,
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
