// Reads what tcon writes with node-ical, a second independent parser: its own line parser, TZID
// resolved by zone name through Intl (as Google and Apple Calendar read an IANA TZID), RRULE
// expanded by rrule-temporal (not rrule.js, which tcon uses), EXDATE and RECURRENCE-ID applied by
// its expandRecurringEvent. Never tcon code.
import ical from 'node-ical';

export interface NodeIcalInstance {
  uid: string;
  start: string;
  end: string;
  override: boolean;
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
      out.push({ uid: c.uid, start: iso(i.start), end: iso(i.end), override: i.isOverride });
    }
  }
  out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.uid < b.uid ? -1 : 1));
  const method = data.vcalendar?.method;
  return { method: typeof method === 'string' ? method : undefined, instances: out };
}
