import type { BridgeAccount } from '../config/secretariat.js';
import type { Group, Occurrence } from '../schedule/types.js';
import { compareText } from '../schedule/text.js';

/** What two groups share that keeps them from meeting at the same time. */
export interface Shared {
  kind: 'organizer' | 'chair' | 'member' | 'bridge';
  /** An email address (lower case) or a bridge account id. */
  id: string;
}

export interface Conflict {
  a: Occurrence;
  b: Occurrence;
  shared: Shared[];
}

export function people(group: Group): Map<string, Shared['kind']> {
  // One entry per address, with its strongest role in the group: organizer, chair, member.
  const out = new Map<string, Shared['kind']>();
  for (const m of group.members) out.set(m.email.toLowerCase(), m.role === 'chair' ? 'chair' : 'member');
  for (const c of group.chairs ?? []) out.set(c.email.toLowerCase(), 'chair');
  if (group.organizer) out.set(group.organizer.email.toLowerCase(), 'organizer');
  return out;
}

/** Does `link` belong to `account`? A pattern with "/" is a URL prefix, one without a host name. */
function linkMatches(link: string, pattern: string): boolean {
  if (pattern.includes('/')) return link.startsWith(pattern);
  try {
    return new URL(link).hostname.toLowerCase() === pattern.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * The bridge account a meeting uses: its series' `bridge` id, else the group's, else the
 * configured account whose links match the meeting's join link, else the join link itself (two
 * meetings on one room URL share a bridge).
 */
export function bridgeOf(group: Group, o: Occurrence, accounts: readonly BridgeAccount[]): string | undefined {
  const own = o.seriesId === null ? undefined : group.series.find((s) => s.id === o.seriesId)?.bridge;
  return own ?? bridgeOfLink(group, o.link, accounts);
}

function bridgeOfLink(group: Group, link: string | undefined, accounts: readonly BridgeAccount[]): string | undefined {
  if (group.bridge) return group.bridge;
  if (!link) return undefined;
  const acct = accounts.find((a) => a.links.some((p) => linkMatches(link, p)));
  return acct ? acct.id : link;
}

/** Every bridge account a group's meetings can use: its `bridge`, else those of its join links. */
export function bridgesOf(group: Group, accounts: readonly BridgeAccount[]): Set<string> {
  const out = new Set<string>();
  for (const s of group.series) if (s.bridge) out.add(s.bridge);
  if (group.bridge) return out.add(group.bridge);
  const links = [group.link, ...[...group.exceptions.values()].map((e) => e.link)];
  for (const link of links) {
    const id = bridgeOfLink(group, link, accounts);
    if (id) out.add(id);
  }
  return out;
}

const KIND_ORDER: Shared['kind'][] = ['organizer', 'chair', 'bridge', 'member'];

/** What groups `g` and `h` share in people (the same for every pair of their meetings). */
export function sharedPeople(g: Map<string, Shared['kind']>, h: Map<string, Shared['kind']>): Shared[] {
  const out: Shared[] = [];
  const [small, big] = g.size <= h.size ? [g, h] : [h, g];
  for (const [email, k1] of small) {
    const k2 = big.get(email);
    if (k2 === undefined) continue;
    // The stronger of the two roles names the conflict ("chair" over "member").
    const kind = KIND_ORDER.indexOf(k1) < KIND_ORDER.indexOf(k2) ? k1 : k2;
    out.push({ kind, id: email });
  }
  return out;
}

/**
 * Meetings of different groups that overlap, counting `bufferMinutes` free before and after
 * each call, and share the organizer, a chair, a member (by email) or a bridge account.
 * Skipped meetings never conflict. A sweep over start times: O(n log n + overlapping pairs).
 */
export function findConflicts(
  schedules: readonly { group: Group; occurrences: readonly Occurrence[] }[],
  bufferMinutes: number,
  accounts: readonly BridgeAccount[],
): Conflict[] {
  const buffer = bufferMinutes * 60_000;
  const groupPeople = schedules.map((s) => people(s.group));
  const pairCache = new Map<string, Shared[]>();
  const items = schedules.flatMap((s, gi) =>
    s.occurrences
      .filter((o) => o.status !== 'skipped')
      .map((o) => ({ gi, o, start: o.start.toMillis(), end: o.end.toMillis(), bridge: bridgeOf(s.group, o, accounts) })),
  );
  items.sort((x, y) => x.start - y.start);
  const out: Conflict[] = [];
  const active: typeof items = [];
  for (const it of items) {
    // Drop meetings that ended (plus the buffer) before this one starts.
    for (let i = active.length - 1; i >= 0; i--) if (active[i]!.end + buffer <= it.start) active.splice(i, 1);
    for (const other of active) {
      if (other.gi === it.gi) continue;
      const [lo, hi] = other.gi < it.gi ? [other.gi, it.gi] : [it.gi, other.gi];
      const key = `${lo} ${hi}`;
      let shared = pairCache.get(key);
      if (!shared) {
        shared = sharedPeople(groupPeople[lo]!, groupPeople[hi]!);
        pairCache.set(key, shared);
      }
      const all = it.bridge && it.bridge === other.bridge ? [{ kind: 'bridge' as const, id: it.bridge }, ...shared] : shared;
      if (!all.length) continue;
      const sorted = [...all].sort((x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) || (x.id < y.id ? -1 : 1));
      const [a, b] = other.gi === lo ? [other.o, it.o] : [it.o, other.o];
      out.push({ a, b, shared: sorted });
    }
    active.push(it);
  }
  return out.sort((x, y) => x.a.start.toMillis() - y.a.start.toMillis() || compareText(x.a.groupId, y.a.groupId) || compareText(x.b.groupId, y.b.groupId));
}
