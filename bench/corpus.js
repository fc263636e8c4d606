// Synthetic config directories for the scale benchmarks (issue 14), written as YAML files into a
// directory, as a user's config is: a registry-like corpus (93 groups of UTC meetings, weekly,
// every 2 and 4 weeks, first-weekday monthly, series started 2013-2026, about 4,000 meetings a
// year) and N groups of three-slot rotations in five zones (util.js's syntheticGroups).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR'];
const RULES = ['FREQ=MONTHLY;BYDAY=3TU', 'FREQ=WEEKLY;BYDAY=WE', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 'FREQ=MONTHLY;BYDAY=-1FR'];
const ZONES = ['America/New_York', 'Europe/Paris', 'Asia/Tokyo', 'Australia/Sydney', 'Asia/Kolkata'];

/** A small deterministic generator (mulberry32): the same corpus on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The text of synthetic group `i` (three slots, a rule of RULES, starting in `year`, one one-off). */
export function syntheticGroupText(i, extra = '', year = 2027) {
  const from = `${year}-01-${String(1 + (i % 28)).padStart(2, '0')}`;
  return `id: g-${i}\ntitle: Group ${i}\ntimezone: ${ZONES[i % ZONES.length]}\n${typeof extra === 'function' ? extra(i) : extra}series:\n  - from: ${from}\n    rule: ${RULES[i % RULES.length]}\n    slots: ["09:00", "11:00 UTC", "16:30"]\nmeetings:\n  ${year}-12-21: { add: "08:00" }\n`;
}

/** Writes `n` synthetic groups into `dir` (by default an empty tcon.yaml: no holidays, no blackouts). */
export function writeSynthetic(dir, n, extra = '', year = 2027, secretariat = '{}\n') {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tcon.yaml'), secretariat);
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `g-${i}.yaml`), syntheticGroupText(i, extra, year));
}

const pad = (n) => String(n).padStart(2, '0');

/** A registry group's series: a rule, its first date (a date the rule holds), one or two UTC slots. */
function registrySeries(rnd) {
  const year = 2013 + Math.floor(rnd() * 14);
  const day = DAYS[Math.floor(rnd() * 5)];
  const hour = `${pad(Math.floor(rnd() * 24))}:${rnd() < 0.7 ? '00' : '30'}`;
  const kind = rnd();
  const rule =
    kind < 0.45
      ? `FREQ=WEEKLY;BYDAY=${day}`
      : kind < 0.75
        ? `FREQ=WEEKLY;INTERVAL=2;BYDAY=${day}`
        : kind < 0.87
          ? `FREQ=WEEKLY;INTERVAL=4;BYDAY=${day}`
          : `FREQ=MONTHLY;BYDAY=1${day}`;
  // The first date the rule holds on or after a random day of the year (no "from" warning).
  const t = new Date(Date.UTC(year, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
  const wd = (DAYS.indexOf(day) + 1) % 7;
  if (rule.startsWith('FREQ=MONTHLY')) t.setUTCDate(1);
  while (t.getUTCDay() !== wd) t.setUTCDate(t.getUTCDate() + 1);
  const from = t.toISOString().slice(0, 10);
  // Some alternate between two hours, by meeting count (counted from `from`) or by ISO week.
  const alt = rnd();
  if (alt < 0.15) return { rule, from, slots: [hour, `${pad((Number(hour.slice(0, 2)) + 8) % 24)}:00`], rotation: undefined };
  if (alt < 0.25 && rule.startsWith('FREQ=WEEKLY;BYDAY'))
    return { rule, from, slots: [hour, `${pad((Number(hour.slice(0, 2)) + 12) % 24)}:00`], rotation: 'iso-week' };
  return { rule, from, slots: [hour], rotation: undefined };
}

/** The text of registry group `i`: one series, or (one group in six) two weekly ones. */
export function registryGroupText(i, rnd) {
  const series = [registrySeries(rnd)];
  if (rnd() < 1 / 6) series.push({ ...registrySeries(rnd), rule: `FREQ=WEEKLY;BYDAY=${DAYS[Math.floor(rnd() * 5)]}` });
  const lines = [
    `id: team-${String(i).padStart(3, '0')}`,
    `title: Team ${i} meeting`,
    'timezone: UTC',
    'duration: 60',
    `link: https://meet.example.org/team-${i}`,
    'series:',
  ];
  series.forEach((s, k) => {
    lines.push(`  - id: s${k + 1}`, `    from: ${s.from}`, `    rule: ${s.rule}`, `    slots: [${s.slots.map((x) => `"${x}"`).join(', ')}]`);
    if (s.rotation) lines.push(`    rotation: { mode: ${s.rotation} }`);
  });
  return `${lines.join('\n')}\n`;
}

/** Writes the registry-like corpus (93 groups) into `dir`. */
export function writeRegistry(dir, groups = 93) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tcon.yaml'), '{}\n');
  const rnd = random(14);
  for (let i = 0; i < groups; i++) writeFileSync(join(dir, `team-${String(i).padStart(3, '0')}.yaml`), registryGroupText(i, rnd));
}

const Y2I_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const Y2I_FREQUENCIES = ['weekly', 'weekly', 'weekly', 'biweekly-odd', 'biweekly-even', 'quadweekly', 'first-{day}'];

/**
 * Writes a registry of `meetings` yaml2ical meeting files (the format of OpenStack's irc-meetings:
 * weekly, biweekly-odd/-even, quadweekly, first-weekday monthly; start dates 2013-2026; one IRC
 * channel each) into `dir`: what `tcon import yaml2ical` reads and yaml2ical itself runs on, so
 * the two can be timed on the same meetings (bench/scale.bench.js, with YAML2ICAL_DIR).
 */
export function writeYaml2icalRegistry(dir, meetings = 93) {
  mkdirSync(dir, { recursive: true });
  const rnd = random(2013);
  for (let i = 0; i < meetings; i++) {
    const day = Y2I_DAYS[Math.floor(rnd() * 5)];
    const frequency = Y2I_FREQUENCIES[Math.floor(rnd() * Y2I_FREQUENCIES.length)].replace('{day}', day.toLowerCase());
    const year = 2013 + Math.floor(rnd() * 14);
    const time = `${pad(Math.floor(rnd() * 24))}${rnd() < 0.7 ? '00' : '30'}`;
    const start = `${year}${pad(1 + Math.floor(rnd() * 12))}${pad(1 + Math.floor(rnd() * 28))}`;
    const text = [
      `project: Team ${i}`,
      `chair: Chair ${i}`,
      `description: Meeting ${i} of the benchmark registry.`,
      'schedule:',
      `  - time: '${time}'`,
      `    day: ${day}`,
      `    irc: example-meeting-${i}`,
      `    frequency: ${frequency}`,
      `    start_date: ${start}`,
    ];
    writeFileSync(join(dir, `team-${String(i).padStart(3, '0')}.yaml`), `${text.join('\n')}\n`);
  }
}

/**
 * The extra group keys and tcon.yaml of a corpus where groups share people: groups 10k to 10k+9
 * have one chair in common, so their calls at the same time conflict and `plan` and `check`
 * have work (a few thousand conflicts, not one bridge shared by all: that is a million).
 */
export const SHARED = {
  extra: (i) =>
    `members:\n  - { name: Chair ${Math.floor(i / 10)}, email: chair-${Math.floor(i / 10)}@example.org, zone: Europe/Paris }\n  - { name: Member ${i}, email: m-${i}@example.org, zone: Asia/Tokyo }\n`,
  secretariat: '{}\n',
};
