import type { Secretariat } from '../config/secretariat.js';
import type { Group, Occurrence, Window } from '../schedule/types.js';
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
 * publishes the same dates. (One case is left: a later group that can no longer shift and skips
 * instead, in a rotation by meeting, changes the slot of its following meetings; such a slot
 * change is not foreseen.)
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

export class Planner {
  private readonly rules = new Map<Group, GroupRules>();
  private readonly plans = new Map<string, PlannedSchedule>();
  private readonly years = new Map<string, Occurrence[]>();
  private readonly guards = new Map<Group, ShiftGuard | undefined>();

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

  private year(group: Group, year: number, final: boolean): Occurrence[] {
    const key = `${group.id} ${year} ${final}`;
    let occ = this.years.get(key);
    if (!occ) {
      const window = { from: `${year}-01-01`, to: `${year}-12-31` };
      occ = (final ? this.plan(group, window) : applyPolicies(group, window, this.rulesOf(group), this.calendar)).occurrences.filter((o) => o.status !== 'skipped');
      this.years.set(key, occ);
    }
    return occ;
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
          for (const x of this.year(n.group, y, n.before)) {
            if (x.start.toMillis() >= end + buffer || x.end.toMillis() + buffer <= start) continue;
            if (n.people || (bridge !== undefined && bridgeOf(n.group, x, accounts) === bridge)) return n.group.id;
          }
        }
      }
      return undefined;
    };
  }
}
