// Generated group configs for property tests: rules, slots in several zones, rotations, DST
// policies, skips, moves, per-meeting texts and one-offs.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { stringify } from 'yaml';
import { parseGroup } from '../../src/config/parse.js';
import { buildSchedule } from '../../src/schedule/build.js';
import { addDays } from '../../src/schedule/dates.js';
import type { Group, Occurrence, Window } from '../../src/schedule/types.js';

export const NOW = DateTime.fromISO('2026-11-01T00:00:00Z', { zone: 'UTC' });
// Zones with DST north and south, half and quarter hours, and rules that are not one weekday a
// year (Cairo's last Friday at 24:00, Jerusalem's Friday on or after the 23rd, Gaza's changes
// around Ramadan, Nuuk's Saturday-evening change, Chatham's +12:45, Lord Howe's 30-minute DST):
// tcon's VTIMEZONEs follow tzdata year by year. Zones IANA changed since the system's tz database
// (test/helpers/tzdb-news.ts) are left out, as the Python property test reads TZIDs with it.
const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Asia/Tokyo',
  'Australia/Sydney',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'UTC',
  'Europe/London',
  'Pacific/Auckland',
  'Asia/Kathmandu',
  'Australia/Adelaide',
  'America/Santiago',
  'Africa/Cairo',
  'Asia/Jerusalem',
  'Asia/Gaza',
  'America/Nuuk',
  'Pacific/Chatham',
  'Australia/Lord_Howe',
];
const RULES = [
  'FREQ=WEEKLY;BYDAY=TU',
  'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
  'FREQ=WEEKLY;BYDAY=SU',
  'FREQ=MONTHLY;BYDAY=+3TU',
  'FREQ=MONTHLY;BYDAY=-1FR',
  'FREQ=MONTHLY;BYDAY=+1SU',
  'FREQ=MONTHLY;BYDAY=+2SU',
  'FREQ=MONTHLY;BYMONTHDAY=15',
  'FREQ=DAILY;INTERVAL=3',
  'FREQ=YEARLY;BYMONTH=3;BYDAY=+2SU',
  'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  // Not mappable to Outlook: one event per meeting.
  'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
  'FREQ=DAILY;BYMONTH=3,4',
  'FREQ=MONTHLY;BYDAY=+5WE',
];
const TIMES = ['00:30', '01:30', '02:00', '02:30', '03:00', '09:00', '11:00', '17:15', '23:30'];

const slotArb = fc.record({ time: fc.constantFrom(...TIMES), zone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }) });

export const groupArb = fc.record({
  timezone: fc.constantFrom(...ZONES),
  rule: fc.constantFrom(...RULES),
  rule2: fc.option(fc.constantFrom(...RULES), { nil: undefined }),
  slots: fc.array(slotArb, { minLength: 1, maxLength: 3 }),
  mode: fc.constantFrom('meeting', 'month', 'week'),
  onSkip: fc.constantFrom('keep', 'advance'),
  gap: fc.constantFrom('shift', 'skip'),
  overlap: fc.constantFrom('earlier', 'later'),
  from: fc.integer({ min: 0, max: 500 }),
  windowStart: fc.integer({ min: 0, max: 700 }),
  windowDays: fc.integer({ min: 1, max: 500 }),
  picks: fc.array(
    fc.record({
      n: fc.nat(),
      kind: fc.constantFrom('skip', 'move', 'note', 'title', 'link', 'duration', 'add'),
      days: fc.integer({ min: -3, max: 3 }),
      time: fc.constantFrom(...TIMES),
      zone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
    }),
    { maxLength: 6 },
  ),
});

export type Spec = typeof groupArb extends fc.Arbitrary<infer T> ? T : never;

export function configOf(spec: Spec): Record<string, unknown> {
  const from = addDays('2026-01-01', spec.from);
  // A slot in another zone is written "+0d": held on the rule date in its own zone, which may be
  // another day in the group's zone (the meeting's date, by which keys name it).
  const slot = (s: { time: string; zone: string | undefined }) => (s.zone ? `${s.time} ${s.zone} +0d` : s.time);
  const rotation = spec.mode === 'meeting' ? { mode: 'meeting', 'on-skip': spec.onSkip } : { mode: spec.mode, anchor: from };
  const series: Record<string, unknown>[] = [];
  const until1 = addDays(from, 200);
  series.push({ from, ...(spec.rule2 ? { until: until1 } : {}), rule: spec.rule, slots: spec.slots.map(slot), rotation });
  if (spec.rule2) series.push({ from: addDays(until1, 1), rule: spec.rule2, slots: [...spec.slots].reverse().map(slot), rotation: { mode: 'meeting' } });
  const meetings: Record<string, Record<string, unknown>> = {};
  const config = {
    id: 'prop',
    title: 'Property group',
    timezone: spec.timezone,
    duration: 60,
    organizer: { name: 'Org', email: 'org@example.org' },
    link: 'https://meet.example.org/prop',
    dst: { gap: spec.gap, overlap: spec.overlap },
    series,
    meetings,
    members: [{ name: 'A', email: 'a@example.org' }],
  };
  // Keys name meetings by their date (the day in the group's zone), as the schedule gives them;
  // a skip can move the dates after it (on-skip keep with slots on different days there), so
  // the dates are read again after each.
  const span = { from, to: addDays(from, 200) };
  const datesOf = () => {
    const g = parseGroup(stringify(config), 'prop.yaml').group;
    return g
      ? buildSchedule(g, span)
          .filter((o) => o.seriesIndex === 0 && o.status !== 'added')
          .map((o) => o.date)
      : [];
  };
  let dates = datesOf();
  for (const p of spec.picks) {
    const date = dates[p.n % Math.max(dates.length, 1)];
    if (!date || meetings[date]) continue;
    const at = `${p.time}${p.zone ? ` ${p.zone}` : ''}`;
    switch (p.kind) {
      case 'skip':
        meetings[date] = { skip: 'a reason, with commas; and semicolons' };
        dates = datesOf();
        break;
      case 'move':
        meetings[date] = { move: `${addDays(date, p.days)}T${at}` };
        break;
      case 'note':
        meetings[date] = { note: 'Agenda: A, B; C\\D\nline two' };
        break;
      case 'title':
        meetings[date] = { title: 'Special session' };
        break;
      case 'link':
        meetings[date] = { link: 'https://meet.example.org/special?id=1,2' };
        break;
      case 'duration':
        meetings[date] = { duration: 90 };
        break;
      case 'add': {
        // A one-off is keyed by its day in the group's zone, its time written with the day
        // offset that puts it on the wall date chosen in its own zone.
        const wall = addDays(date, p.days === 0 ? 1 : p.days);
        const zone = p.zone ?? spec.timezone;
        const day = DateTime.fromISO(`${wall}T${p.time}`, { zone }).setZone(spec.timezone).toISODate()!;
        const shift = Math.round((Date.parse(wall) - Date.parse(day)) / 86_400_000);
        if (meetings[day]) break;
        meetings[day] = { add: [`${at}${shift ? ` ${shift > 0 ? '+' : '-'}${Math.abs(shift)}d` : ''}`] };
        break;
      }
    }
  }
  return config;
}

/**
 * A generated spec as the property tests use it: the parsed group (undefined when the generated
 * config is rejected: filter with fc.pre), its window, and the held meetings buildSchedule gives.
 */
export function generatedCase(spec: Spec): { group: Group; window: Window; held: Occurrence[] } | undefined {
  const { group } = parseGroup(stringify(configOf(spec)), 'prop.yaml');
  if (!group) return undefined;
  const from = addDays('2026-01-01', spec.windowStart);
  const window = { from, to: addDays(from, spec.windowDays) };
  return { group, window, held: buildSchedule(group, window).filter((o) => o.status !== 'skipped') };
}
