// Calendar: building and rendering iCalendar for many groups (no target in the issue; figures
// for bench/README.md), and the cold start of `tcon ics` on the example.
import { DateTime } from 'luxon';
import { buildCalendarModel, computeChanges, renderPublish, renderRequest } from '../dist/index.js';
import { median, syntheticGroups, timeCommand } from './util.js';

const NOW = DateTime.fromISO('2026-11-28T00:00:00Z', { zone: 'UTC' });
const groups = (n) =>
  syntheticGroups(
    n,
    'organizer: { name: Org, email: org@example.org }\nmembers:\n  - { name: A, email: a@example.org }\n  - { name: B, email: b@example.org }\n',
  );

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
