// plan for 50 groups of 100 members each, over 2 years, with holidays of 10 countries.
// Target: under 2 s (issue 6). Groups are built from YAML text like real config files.
import { parseGroup } from '../dist/config/parse.js';
import { parseSecretariat } from '../dist/config/secretariat.js';
import { createHolidayCalendar, planGroups } from '../dist/plan/index.js';

const ZONES = [
  ['US', 'America/New_York'],
  ['CA', 'America/Toronto'],
  ['GB', 'Europe/London'],
  ['DE', 'Europe/Berlin'],
  ['FR', 'Europe/Paris'],
  ['IT', 'Europe/Rome'],
  ['JP', 'Asia/Tokyo'],
  ['KR', 'Asia/Seoul'],
  ['IN', 'Asia/Kolkata'],
  ['AU', 'Australia/Sydney'],
];
const DAYS = ['MO', 'TU', 'WE', 'TH'];
const POLICIES = ['warn', 'skip', 'shift'];

function groupYaml(i) {
  const members = [];
  for (let m = 0; m < 100; m++) {
    // A pool of 1500 people: each person sits in several groups, as in a real secretariat.
    const p = (i * 37 + m * 11) % 1500;
    const [, zone] = ZONES[p % ZONES.length];
    members.push(`  - { name: Person ${p}, email: p${p}@example.org, zone: ${zone}${m === 0 ? ', role: chair' : ''} }`);
  }
  return `id: wg-${i}
title: Working Group ${i}
timezone: America/New_York
organizer: { name: Office, email: office${i % 5}@example.org }
link: https://meet.example.org/wg-${i}
series:
  - from: 2027-01-01
    rule: FREQ=WEEKLY;BYDAY=${DAYS[i % 4]}
    slots: ["${String(8 + (i % 9)).padStart(2, '0')}:00", "${String(9 + (i % 7)).padStart(2, '0')}:30"]
holidays: { policy: ${POLICIES[i % 3]} }
members:
${members.join('\n')}
`;
}

export default async function bench() {
  const texts = Array.from({ length: 50 }, (_, i) => groupYaml(i));
  const p0 = performance.now();
  const groups = texts.map((t, i) => parseGroup(t, `wg-${i}.yaml`).group);
  const parseMs = performance.now() - p0;
  const { settings } = parseSecretariat(
    `conflicts: { buffer: 10 }
holidays: { countries: [US] }
blackouts:
  - { name: Christmas to New Year, from: "12-24", to: "01-01" }
  - { name: August break, from: "08-01", to: "08-31", policy: warn }
`,
    'tcon.yaml',
  );
  const window = { from: '2027-01-01', to: '2028-12-31' };
  const lines = [`parse 50 group files (5000 members): ${parseMs.toFixed(0)} ms`];
  for (const fix of [false, true]) {
    // A fresh holiday calendar each run: computing the holidays is part of the cost. The first
    // run also pays the one-time costs (module warm-up, the zone offset cache).
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const result = planGroups(groups, window, { settings, calendar: createHolidayCalendar() }, { fix });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const meetings = result.groups.reduce((n, g) => n + g.occurrences.length, 0);
    lines.push(
      `plan${fix ? ' --fix' : ''}: 50 groups x 100 members, 2 years, 10 countries: ${meetings} meetings, ${result.dates.length} holiday/blackout findings, ${result.conflicts.length} conflicts in ${ms.toFixed(0)} ms (CPU ${cpuMs.toFixed(0)} ms; target < 2000 ms)`,
    );
  }
  return lines;
}
