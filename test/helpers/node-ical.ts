// Reads what tcon writes with node-ical, a second independent parser: its own line parser, TZID
// resolved by zone name through Intl (as Google and Apple Calendar read an IANA TZID), RRULE
// expanded by rrule-temporal (not rrule.js, which tcon uses), EXDATE and RECURRENCE-ID applied by
// its expandRecurringEvent. Never tcon code.
import { DateTime } from 'luxon';
import ical from 'node-ical';

export interface NodeIcalInstance {
  uid: string;
  start: string;
  end: string;
  override: boolean;
  /** SUMMARY, unescaped by node-ical. */
  summary: string;
}

const FROM = new Date('1990-01-01T00:00:00Z');
const TO = new Date('2100-01-01T00:00:00Z');

function iso(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}

/** Every held instance of every VEVENT, sorted by start. */
export function expandWithNodeIcal(text: string): { method: string | undefined; instances: NodeIcalInstance[] } {
  const data = ical.sync.parseICS(text);
  const out: NodeIcalInstance[] = [];
  for (const c of Object.values(data)) {
    if (!c || c.type !== 'VEVENT') continue;
    for (const i of ical.expandRecurringEvent(c, { from: FROM, to: TO })) {
      const summary = typeof i.summary === 'string' ? i.summary : i.summary.val;
      out.push({ uid: c.uid, start: iso(i.start), end: iso(i.end), override: i.isOverride, summary });
    }
  }
  out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.uid < b.uid ? -1 : 1));
  const method = data.vcalendar?.method;
  return { method: typeof method === 'string' ? method : undefined, instances: out };
}

/**
 * node-ical 0.26 bug (not tcon's): a TZID wall time that exists twice (a fall-back overlap) in a
 * RECURRENCE-ID or an EXDATE is read as the *later* instant, while its own RRULE expansion, RFC
 * 5545 3.3.5, ical.js and Python give the earlier one. The override or the exclusion then misses
 * its instance: the plain rule instance shows (at the earlier instant) instead. This returns those
 * earlier instants, and how many such RECURRENCE-IDs there are (meetings node-ical then loses).
 */
export function nodeIcalOverlapMisreads(text: string): { ruleInstants: Set<string>; overrides: number } {
  const ruleInstants = new Set<string>();
  let overrides = 0;
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  for (const m of unfolded.matchAll(/^(RECURRENCE-ID|EXDATE);TZID=([^:]+):([0-9T,]+)\r$/gm)) {
    for (const v of m[3]!.split(',')) {
      const [y, mo, d, h, mi] = [v.slice(0, 4), v.slice(4, 6), v.slice(6, 8), v.slice(9, 11), v.slice(11, 13)].map(Number) as [
        number,
        number,
        number,
        number,
        number,
      ];
      const at = DateTime.fromObject({ year: y, month: mo, day: d, hour: h, minute: mi }, { zone: m[2]! });
      // Both readings of the wall time, if there are two (luxon resolves it to one of them).
      const both = [at, at.plus({ hours: 1 }), at.minus({ hours: 1 })].filter((t) => t.hour === h && t.minute === mi);
      if (both.length < 2) continue;
      const earlier = both.reduce((a, b) => (a.toMillis() <= b.toMillis() ? a : b));
      ruleInstants.add(earlier.toUTC().toFormat("yyyy-LL-dd'T'HH:mm:ss'Z'"));
      if (m[1] === 'RECURRENCE-ID') overrides++;
    }
  }
  return { ruleInstants, overrides };
}
