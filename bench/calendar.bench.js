// Calendar: building and rendering iCalendar for many groups (no target in the issue; figures
// for the README), and the cold start of `tcon ics` on the example.
import { execFileSync } from 'node:child_process';
import { DateTime } from 'luxon';
import { fileURLToPath } from 'node:url';
import { buildCalendarModel, computeChanges, parseGroup, renderPublish, renderRequest } from '../dist/index.js';

const RULES = ['FREQ=MONTHLY;BYDAY=3TU', 'FREQ=WEEKLY;BYDAY=WE', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 'FREQ=MONTHLY;BYDAY=-1FR'];
const ZONES = ['America/New_York', 'Europe/Paris', 'Asia/Tokyo', 'Australia/Sydney', 'Asia/Kolkata'];
const NOW = DateTime.fromISO('2026-11-28T00:00:00Z', { zone: 'UTC' });

function groups(n) {
  return Array.from({ length: n }, (_, i) => {
    const from = `2027-01-${String(1 + (i % 28)).padStart(2, '0')}`;
    const text = `id: g-${i}\ntitle: Group ${i}\ntimezone: ${ZONES[i % ZONES.length]}\norganizer: { name: Org, email: org@example.org }\nmembers:\n  - { name: A, email: a@example.org }\n  - { name: B, email: b@example.org }\nseries:\n  - from: ${from}\n    rule: ${RULES[i % RULES.length]}\n    slots: ["09:00", "11:00 UTC", "16:30"]\nmeetings:\n  2027-12-21: { add: "08:00" }\n`;
    const { group, problems } = parseGroup(text, `g-${i}.yaml`);
    if (!group) throw new Error(JSON.stringify(problems));
    return group;
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeCommand(args, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    execFileSync(process.execPath, args, { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

export default async function () {
  const gs = groups(100);
  const window = { from: '2027-01-01', to: '2027-12-31' };
  const feed = [];
  const invite = [];
  let bytes = 0;
  for (let r = 0; r < 5; r++) {
    let t = performance.now();
    const models = gs.map((g) => buildCalendarModel(g, window));
    bytes = renderPublish(models, { now: NOW }).length;
    feed.push(performance.now() - t);
    t = performance.now();
    for (const m of models) renderRequest(m, { now: NOW, sequences: computeChanges(undefined, m).sequences });
    invite.push(performance.now() - t);
  }
  const bare = timeCommand(['-e', '0']);
  const ics = timeCommand(['bin/tcon.js', 'ics', '--group', 'wg-14', '--year', '2027', '--no-state', '--now', '2026-11-28T00:00Z']);
  return [
    `feed of 100 groups x 1 year (one all.ics, ${(bytes / 1024).toFixed(0)} KiB): median ${median(feed).toFixed(0)} ms, first ${feed[0].toFixed(0)} ms`,
    `100 invitations with change tracking: median ${median(invite).toFixed(0)} ms`,
    `cold start: node -e 0 ${bare.toFixed(0)} ms; tcon ics (example, 2027) ${ics.toFixed(0)} ms (${(ics / bare).toFixed(2)}x)`,
  ];
}
