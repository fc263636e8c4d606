import { addDays } from '../schedule/dates.js';
import type { Secretariat } from '../config/secretariat.js';
import type { Group, Occurrence, Window } from '../schedule/types.js';
import { placeWallTime } from '../schedule/zoned.js';
import { bridgeOf, bridgesOf, people, sharedPeople } from './conflicts.js';
import type { HolidayCalendar } from './holidays.js';
import { applyPolicies, type PlannedSchedule, type ShiftGuard } from './policies.js';
import { groupRules, type GroupRules } from './rules.js';

/*
 * Planning across groups, so that a `shift` never lands on another group's call that shares
 * people (organizer, chair, member) or a bridge account, the buffer of tcon.yaml included.
 *
 * Groups are decided in config order. A group's shifts avoid the calls of the groups before it
 * as they are finally held (decided the same way), and the calls of the groups after it as
 * their own policies alone would hold them (rule dates, and their own shifts and skips); a later
 * group in turn avoids the shifted calls of the earlier ones. So no shift creates a conflict,
 * whichever group is asked for first, and every command (plan, schedule, ics, invite, site)
 * publishes the same dates. A later group's rotation by meeting can still change: its own
 * decisions (a skip where it could not shift) move its following meetings to other slots; so
 * its calls are taken at every slot of their series on their dates, not only at the one its
 * policies alone give them.
 *
 * Other groups' schedules are taken a calendar year at a time, once per run: every window of a
 * planned schedule shows what the whole schedule has in it, so a year's is the same whatever
 * window asked for it.
 */

interface Neighbour {
  group: Group;
  /** Decided before this group (its final schedule), or after it (its own policies only). */
  before: boolean;
  /** Shares people: every overlapping call conflicts; else only calls on the same bridge. */
  people: boolean;
}

const DAY = 86_400_000;

/** A group's calls of one year, by start, for overlap lookups. */
interface Calls {
  items: { start: number; end: number; o: Occurrence }[];
  /** The longest call, so that a lookup knows how far back to start. */
  longest: number;
}

function callsOf(list: { start: number; end: number; o: Occurrence }[]): Calls {
  list.sort((a, b) => a.start - b.start);
  return { items: list, longest: list.reduce((m, x) => Math.max(m, x.end - x.start), 0) };
}

/** The first index whose start is at or after `ms`. */
function firstFrom(items: Calls['items'], ms: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.start < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class Planner {
  // Keyed by the group object: a library caller may plan many short-lived groups with one context.
  private readonly rules = new WeakMap<Group, GroupRules>();
  private readonly plans = new Map<string, PlannedSchedule>();
  private readonly years = new Map<string, Calls>();
  private readonly guards = new WeakMap<Group, ShiftGuard | undefined>();

  constructor(
    /** Every group of the config, in order. */
    readonly groups: readonly Group[],
    readonly settings: Secretariat,
    readonly calendar: HolidayCalendar,
  ) {}

  rulesOf(group: Group): GroupRules {
    let r = this.rules.get(group);
    if (!r) this.rules.set(group, (r = groupRules(group, this.settings, this.calendar)));
    return r;
  }

  /** The planned schedule of a group over a window, its shifts clear of the other groups' calls. */
  plan(group: Group, window: Window): PlannedSchedule {
    const key = `${group.id} ${window.from} ${window.to}`;
    const known = this.plans.get(key);
    if (known && this.groupAt(group) !== undefined) return known;
    const planned = applyPolicies(group, window, this.rulesOf(group), this.calendar, { guard: this.guardOf(group) });
    if (this.groupAt(group) !== undefined) this.plans.set(key, planned);
    return planned;
  }

  /** The index of `group` in the config, when it is the config's own object (a changed copy is planned alone). */
  private groupAt(group: Group): number | undefined {
    const i = this.groups.indexOf(group);
    return i < 0 ? undefined : i;
  }

  /**
   * A group's calls in a year: as finally held (`final`), or as its own policies alone hold
   * them, each rule-placed call of a rotation also at its series' other slots.
   */
  private year(group: Group, year: number, final: boolean): Calls {
    const key = `${group.id} ${year} ${final}`;
    let calls = this.years.get(key);
    if (calls) return calls;
    const window = { from: `${year}-01-01`, to: `${year}-12-31` };
    const occ = (final ? this.plan(group, window) : applyPolicies(group, window, this.rulesOf(group), this.calendar)).occurrences;
    const list: Calls['items'] = [];
    for (const o of occ) {
      if (o.status === 'skipped') continue;
      const start = o.start.toMillis();
      const end = o.end.toMillis();
      list.push({ start, end, o });
      const series = final || o.status !== 'scheduled' ? undefined : group.series.find((x) => x.id === o.seriesId);
      for (const slot of series && series.slots.length > 1 ? series.slots : []) {
        if (slot.index === o.slot) continue;
        const placed = placeWallTime(slot.days ? addDays(o.ruleDate, slot.days) : o.ruleDate, slot.hour, slot.minute, slot.zone, group.dst);
        if (placed.kind !== 'skipped') list.push({ start: placed.ms, end: placed.ms + (end - start), o });
      }
    }
    calls = callsOf(list);
    this.years.set(key, calls);
    return calls;
  }

  private guardOf(group: Group): ShiftGuard | undefined {
    if (this.guards.has(group)) return this.guards.get(group);
    const guard = this.makeGuard(group);
    this.guards.set(group, guard);
    return guard;
  }

  private makeGuard(group: Group): ShiftGuard | undefined {
    const rules = this.rulesOf(group);
    if (rules.policy !== 'shift' && !rules.blackouts.some((b) => b.policy === 'shift')) return undefined;
    const at = this.groupAt(group) ?? this.groups.findIndex((g) => g.id === group.id);
    const accounts = this.settings.bridges;
    const mine = people(group);
    const myBridges = bridgesOf(group, accounts);
    const neighbours: Neighbour[] = [];
    this.groups.forEach((other, j) => {
      if (other.id === group.id) return;
      const shares = sharedPeople(mine, people(other)).length > 0;
      const bridge = [...bridgesOf(other, accounts)].some((b) => myBridges.has(b));
      // A group outside the config (at < 0) is decided after every group of it.
      if (shares || bridge) neighbours.push({ group: other, before: at >= 0 && j < at, people: shares });
    });
    if (!neighbours.length) return undefined;
    const buffer = this.settings.conflictBuffer * 60_000;
    return (o, start, end) => {
      const bridge = bridgeOf(group, o, accounts);
      const first = new Date(start - 2 * DAY).getUTCFullYear();
      const last = new Date(end + 2 * DAY).getUTCFullYear();
      for (const n of neighbours) {
        for (let y = first; y <= last; y++) {
          const calls = this.year(n.group, y, n.before);
          for (let i = firstFrom(calls.items, start - buffer - calls.longest); i < calls.items.length; i++) {
            const x = calls.items[i]!;
            if (x.start >= end + buffer) break;
            if (x.end + buffer <= start) continue;
            if (n.people || (bridge !== undefined && bridgeOf(n.group, x.o, accounts) === bridge)) return n.group.id;
          }
        }
      }
      return undefined;
    };
  }
}
