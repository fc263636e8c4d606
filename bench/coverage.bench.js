// Coverage speed targets (issue 3): `check` of a year against every IANA zone < 50 ms in-process;
// `suggest` for 500 members / 40 zones / 2 slots / 15-minute step / 12 dates < 1 s and < 300 MB.
import { readFile } from 'node:fs/promises';
import { buildSchedule, coverageOfSchedule, parseGroup, suggestionInputForGroup, suggestRotations, allZoneNames } from '../dist/index.js';
// Internals the package does not export (its API is curated): from their module.
import { placesFromMembers, zoneTarget, DEFAULT_WINDOWS } from '../dist/coverage/index.js';
import { isValidZone, offsetAt } from '../dist/schedule/zoned.js';

const ms = (t) => `${t.toFixed(1)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(fn) {
  const t0 = performance.now();
  const result = fn();
  return { t: performance.now() - t0, result };
}

export default async function bench() {
  const text = await readFile(new URL('../config/wg-14.yaml', import.meta.url), 'utf8');
  const group = parseGroup(text, 'config/wg-14.yaml').group;
  const lines = [];

  // 1. check: the 2027 schedule (12 meetings) against every zone of the bundled tz database.
  const zones = allZoneNames().filter(isValidZone);
  const targets = zones.map((z) => zoneTarget(z, DEFAULT_WINDOWS));
  const check = () => coverageOfSchedule(group, buildSchedule(group, { from: '2027-01-01', to: '2027-12-31' }), { targets });
  const cold = time(check);
  const runs = Array.from({ length: 20 }, () => time(check).t);
  const cells = cold.result.meetings.length * targets.length;
  // The one-time part of the first run: each zone's record is read and unpacked (done above, so timed in a fresh process elsewhere).
  lines.push(
    `check --year 2027 x ${zones.length} zones (${cells} cells, ${cold.result.warnings.length} warnings): first run ${ms(cold.t)} (every zone unpacked from the bundled tz database once), then median ${ms(median(runs))} (target < 50 ms); offsetAt of all of them again: ${ms(time(() => zones.forEach((z) => offsetAt(z, Date.UTC(2027, 5, 1)))).t)}`,
  );

  // 2. suggest: 500 members spread over 40 zones, 2 slots, 15-minute step, the 12 dates of 2027.
  const forty = Array.from({ length: 40 }, (_, i) => zones[Math.floor((i * zones.length) / 40)]);
  const roles = ['voting', 'voting', 'alternate', 'observer', 'chair'];
  const members = Array.from({ length: 500 }, (_, i) => ({
    name: `Member ${i}`,
    email: `m${i}@example.org`,
    organization: undefined,
    role: roles[i % roles.length],
    zone: forty[i % 40],
    region: undefined,
    windows: DEFAULT_WINDOWS,
  }));
  const occurrences = buildSchedule(group, { from: '2027-01-01', to: '2027-12-31' });
  const rssBefore = process.memoryUsage().rss;
  for (const [label, limits] of [
    ['07:00-19:00', { earliest: 7 * 60, latest: 19 * 60 }],
    ['00:00-24:00', { earliest: 0, latest: 24 * 60 }],
  ]) {
    const suggest = () => {
      const { places } = placesFromMembers(members, group.coverage.regions, group.coverage.weights, 2027, group.coverage.focus);
      const { input } = suggestionInputForGroup(group, occurrences, { ...limits, step: 15, slots: 2, places });
      return { input, result: suggestRotations(input) };
    };
    const first = time(suggest);
    const again = Array.from({ length: 5 }, () => time(suggest).t);
    lines.push(
      `suggest 500 members / 40 zones / 2 slots / 15 min / ${first.result.input.dates.length} dates, meetings within ${label} (${first.result.result.combinations} rotations): first run ${ms(first.t)}, then median ${ms(median(again))} (target < 1 s)`,
    );
  }
  const maxRss = process.resourceUsage().maxRSS / 1024;
  lines.push(
    `memory: peak RSS of the whole bench process ${maxRss.toFixed(0)} MB (suggest added ${((process.memoryUsage().rss - rssBefore) / 1048576).toFixed(1)} MB RSS) (target < 300 MB)`,
  );
  return lines;
}
