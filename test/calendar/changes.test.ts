import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { runGroup } from '../../src/app/run.js';
import { describeChanges, planCancel, renderCancel, renderPublish, renderRequest, type GroupState } from '../../src/calendar/index.js';
import { buildSchedule } from '../../src/schedule/build.js';
import type { Window } from '../../src/schedule/types.js';
import { expandIcs, parseIcs } from '../helpers/ical.js';
import { base, groupFrom } from './fixtures.js';

const NOW = DateTime.fromISO('2026-11-28T09:30:00Z', { zone: 'UTC' });
const Y2027: Window = { from: '2027-01-01', to: '2027-12-31' };

type Meetings = Record<string, Record<string, unknown>>;
const config = (slots: string[] = ['11:00', '09:00'], meetings: Meetings = {}, extra: Record<string, unknown> = {}) =>
  groupFrom({ ...base, series: [{ from: '2027-01-01', rule: 'FREQ=MONTHLY;BYDAY=+3TU', slots, ...extra }], meetings });

/** Runs like `tcon ics --invite` does (app/run.ts): changes against the state, REQUEST text, new state. */
function run(state: GroupState | undefined, group: ReturnType<typeof config>, window = Y2027) {
  const { model, run: result } = runGroup(group, window, buildSchedule, state);
  return { ...result, model, text: renderRequest(model, { now: NOW, sequences: result.sequences }) };
}

/** SEQUENCE of each expanded instance, keyed by its date in New York. */
function seqByDate(text: string): Record<string, number> {
  return Object.fromEntries(expandIcs(text).map((i) => [DateTime.fromMillis(i.start, { zone: 'America/New_York' }).toISODate()!, i.sequence]));
}

describe('change tracking', () => {
  const first = run(undefined, config());

  it('a first run adds everything at SEQUENCE 0', () => {
    expect(first.changes.map((c) => [c.kind, c.scope])).toEqual([['added', 'series']]);
    expect(new Set(Object.values(seqByDate(first.text)))).toEqual(new Set([0]));
    expect(first.cancellations).toEqual([]);
  });

  it('an unchanged config changes nothing and writes the same bytes', () => {
    const again = run(first.state, config());
    expect(again.changes).toEqual([]);
    expect(again.text).toBe(first.text);
    expect(again.state).toEqual(first.state);
  });

  it("a first run's meetings state, made when first read, is what a later run makes at once, keys in the same order", () => {
    // Without a live event before, the meetings' state is made when read (a --no-state run never reads it).
    const fresh = run(undefined, config()).state;
    const again = run(first.state, config()).state;
    const uid = Object.keys(fresh.events)[0]!;
    expect(Object.keys(fresh.events[uid]!)).toEqual(Object.keys(again.events[uid]!));
    expect(JSON.stringify(fresh)).toBe(JSON.stringify(again));
    expect(Object.keys(fresh.events[uid]!.meetings)).toHaveLength(12);
    // Once read, an ordinary property: the same object each time, and a spread copies it.
    expect(fresh.events[uid]!.meetings).toBe(fresh.events[uid]!.meetings);
    expect({ ...fresh.events[uid]! }.meetings).toBe(fresh.events[uid]!.meetings);
    // A write before any read replaces it, in its place among the keys.
    const unread = run(undefined, config()).state.events[uid]!;
    unread.meetings = {};
    expect(unread.meetings).toEqual({});
    expect(Object.keys(unread)).toEqual(Object.keys(again.events[uid]!));
  });

  it('a run that keeps no state (ics --no-state) computes none, and writes what a first run writes', () => {
    const meetings = { '2027-05-18': { move: '2027-05-19T10:00' }, '2027-08-17': { skip: 'summer' } };
    const group = config(['11:00', '09:00'], meetings);
    const kept = runGroup(group, Y2027, buildSchedule, undefined);
    const untracked = runGroup(group, Y2027, buildSchedule, undefined, { tracked: false });
    expect(untracked.run.changes).toEqual([]);
    expect(untracked.run.cancellations).toEqual([]);
    expect(untracked.run.state).toEqual({ events: {} });
    expect(kept.run.changes.length).toBeGreaterThan(0);
    const feed = (r: typeof kept) => renderPublish([r.model], { now: NOW, sequences: r.run.sequences });
    expect(feed(untracked)).toBe(feed(kept));
    for (const e of untracked.model.events) {
      expect(untracked.run.sequences.event(e.uid)).toBe(kept.run.sequences.event(e.uid));
      if (e.kind === 'series') for (const m of e.meetings) expect(untracked.run.sequences.meeting(e.uid, m.ruleDate)).toBe(0);
    }
  });

  it('moving one meeting sends the whole event again, every component at the new SEQUENCE', () => {
    // RFC 5546 2.1.4: a REQUEST replaces the event; Thunderbird takes it only when the master's
    // SEQUENCE is higher, so the master goes up with the override (issue 10).
    const moved = run(first.state, config(undefined, { '2027-05-18': { move: '2027-05-19T10:00' } }));
    expect(moved.changes.map((c) => [c.kind, c.scope, c.ruleDate, c.sequence])).toEqual([['changed', 'meeting', '2027-05-18', 1]]);
    expect(new Set(Object.values(seqByDate(moved.text)))).toEqual(new Set([1]));
    expect(parseIcs(moved.text).vevents.map((v) => v.getFirstPropertyValue('sequence'))).toEqual(Array(parseIcs(moved.text).vevents.length).fill(1));
    expect(describeChanges(moved.changes, 'US ET')).toEqual([
      'meeting of 2027-05-18 moved: Tue 18 May 2027 11:00-12:00 US ET -> Wed 19 May 2027 10:00-11:00 US ET (SEQUENCE 1)',
    ]);
    // And once recorded, the next run has nothing more to say.
    expect(run(moved.state, config(undefined, { '2027-05-18': { move: '2027-05-19T10:00' } })).changes).toEqual([]);
  });

  it('each change goes above every SEQUENCE sent for the event: a second moved meeting is news', () => {
    const one = { '2027-05-18': { move: '2027-05-19T10:00' } };
    const a = run(first.state, config(undefined, one));
    const b = run(a.state, config(undefined, { ...one, '2027-07-20': { move: '2027-07-21T10:00' } }));
    expect(b.changes.map((c) => [c.kind, c.ruleDate, c.sequence])).toEqual([['changed', '2027-07-20', 2]]);
    expect(new Set(Object.values(seqByDate(b.text)))).toEqual(new Set([2]));
    // A skipped meeting (rotation 'advance': nothing else moves) is only dropped: its CANCEL goes
    // above everything, the event is not sent again; the next change goes above the CANCEL.
    const adv = { rotation: { 'on-skip': 'advance' } };
    const b2 = run(b.state, config(undefined, { ...one, '2027-07-20': { move: '2027-07-21T10:00' } }, adv));
    const c = run(b2.state, config(undefined, { ...one, '2027-07-20': { move: '2027-07-21T10:00' }, '2027-09-21': { skip: 'F2F' } }, adv));
    expect(c.cancellations.map((x) => [x.ruleDate, x.sequence])).toEqual([['2027-09-21', 3]]);
    expect(c.sequences.event(c.model.events[0]!.uid)).toBe(2);
    const d = run(c.state, config(['10:00', '09:00'], { ...one, '2027-07-20': { move: '2027-07-21T10:00' }, '2027-09-21': { skip: 'F2F' } }, adv));
    expect(d.changes.map((x) => [x.kind, x.scope, x.sequence])).toEqual([['changed', 'series', 4]]);
    expect(Math.min(...Object.values(seqByDate(d.text)))).toBe(4);
  });

  it('a new note or link is not a significant change: no SEQUENCE bump', () => {
    const noted = run(first.state, config(undefined, { '2027-05-18': { note: 'Agenda posted', link: 'https://meet.example.org/other' } }));
    expect(noted.changes).toEqual([]);
    expect(new Set(Object.values(seqByDate(noted.text)))).toEqual(new Set([0]));
    expect(noted.text).toContain('Agenda posted');
  });

  it('changing the rule time bumps the series, and no override stays below the master', () => {
    const later = run(first.state, config(['12:00', '09:00']));
    expect(later.changes.map((c) => [c.kind, c.scope, c.sequence, c.detail])).toEqual([
      ['changed', 'series', 1, 'time 11:00 America/New_York -> 12:00 America/New_York'],
    ]);
    const { vevents } = parseIcs(later.text);
    expect(vevents.map((v) => v.getFirstPropertyValue('sequence'))).toEqual(Array(vevents.length).fill(1));
  });

  it('a meeting that vanishes (skip) gets a CANCEL one above, once; coming back goes above the CANCEL', () => {
    // Rotation 'advance': the skipped meeting uses up its turn, so no later meeting moves.
    const adv = { rotation: { 'on-skip': 'advance' } };
    const skipped = run(first.state, config(undefined, { '2027-06-15': { skip: 'no quorum' } }, adv));
    expect(skipped.changes.map((c) => [c.kind, c.scope, c.ruleDate, c.sequence])).toEqual([['cancelled', 'meeting', '2027-06-15', 1]]);
    expect(skipped.cancellations).toHaveLength(1);
    const cancel = parseIcs(renderCancel(skipped.model.group, skipped.cancellations, { now: NOW }));
    expect(cancel.method).toBe('CANCEL');
    expect(String(cancel.vevents[0]!.getFirstPropertyValue('recurrence-id'))).toBe('2027-06-15T11:00:00');
    expect(cancel.vevents[0]!.getFirstPropertyValue('sequence')).toBe(1);
    expect(cancel.vevents[0]!.getFirstPropertyValue('status')).toBe('CANCELLED');
    // The REQUEST now carries the EXDATE, the master keeps SEQUENCE 0.
    expect(skipped.text.replace(/\r\n /g, '')).toContain('EXDATE;TZID=America/New_York:20270615T110000');
    // Recorded: no second CANCEL.
    const again = run(skipped.state, config(undefined, { '2027-06-15': { skip: 'no quorum' } }, adv));
    expect(again.changes).toEqual([]);
    expect(again.cancellations).toEqual([]);
    // Un-skipped: back with SEQUENCE 2, above the CANCEL's 1.
    const back = run(skipped.state, config(undefined, {}, adv));
    expect(back.changes.map((c) => [c.kind, c.ruleDate, c.sequence])).toEqual([['restored', '2027-06-15', 2]]);
    expect(seqByDate(back.text)['2027-06-15']).toBe(2);
  });

  it('a series that vanishes is cancelled as a whole', () => {
    // A new "from" is a new series identity (UID): the old one is cancelled.
    const renamed = groupFrom({ ...base, series: [{ from: '2027-02-01', rule: 'FREQ=MONTHLY;BYDAY=+3TU', slots: ['11:00', '09:00'] }] });
    const r = run(first.state, renamed);
    const kinds = r.changes.map((c) => [c.kind, c.scope, c.uid]);
    expect(kinds).toContainEqual(['cancelled', 'series', 'tg-s0-2027-01-01-2027@tcon.invalid']);
    expect(kinds).toContainEqual(['added', 'series', 'tg-s0-2027-02-01-2027@tcon.invalid']);
    const c = r.cancellations.find((x) => x.uid === 'tg-s0-2027-01-01-2027@tcon.invalid')!;
    expect(c.recurrenceId).toBeUndefined();
    expect(c.sequence).toBe(1);
    const cancel = parseIcs(renderCancel(renamed, r.cancellations, { now: NOW }));
    expect(cancel.vevents[0]!.hasProperty('recurrence-id')).toBe(false);
    expect(cancel.vevents[0]!.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('a run for another window cancels nothing outside it', () => {
    const next = run(first.state, config(), { from: '2028-01-01', to: '2028-12-31' });
    expect(next.cancellations).toEqual([]);
    expect(next.changes.every((c) => c.kind === 'added')).toBe(true);
    // 2027 is still remembered, so going back to 2027 is not news either.
    expect(run(next.state, config()).changes).toEqual([]);
  });

  it('a one-off whose time changes keeps its UID and gets SEQUENCE 1', () => {
    const a = run(undefined, config(undefined, { '2027-07-01': { add: '10:00' } }));
    const b = run(a.state, config(undefined, { '2027-07-01': { add: '14:00' } }));
    expect(b.changes.map((c) => [c.kind, c.uid, c.sequence])).toEqual([['changed', 'tg-add-2027-07-01-0@tcon.invalid', 1]]);
  });

  it('planCancel: one meeting, then the series, each one above what was sent', () => {
    const uid = first.model.events[0]!.uid;
    const one = planCancel(first.state, { uid, ruleDate: '2027-03-16' })!;
    expect(one.cancellation.sequence).toBe(1);
    expect(one.cancellation.recurrenceId).toEqual({ tzid: 'America/New_York', wall: '20270316T110000' });
    expect(planCancel(one.state, { uid, ruleDate: '2027-03-16' })).toBeUndefined();
    const all = planCancel(one.state, { uid })!;
    expect(all.cancellation.sequence).toBe(2); // above the cancelled meeting's 1 too
    expect(all.cancellation.recurrenceId).toBeUndefined();
    expect(all.state.events[uid]!.cancelled).toBe(true);
  });
});

describe('planInvitation', () => {
  it('gives one REQUEST or CANCEL file per UID, the changes and the state in one call', async () => {
    const { planInvitation } = await import('../../src/itip/index.js');
    const a = planInvitation(config(['11:00']), Y2027, undefined, { now: NOW });
    expect(a.files.map((f) => [f.method, f.uid])).toEqual([['REQUEST', 'tg-s0-2027-01-01-2027@tcon.invalid']]);
    expect(parseIcs(a.files[0]!.ics).method).toBe('REQUEST');
    const b = planInvitation(config(['11:00'], { '2027-06-15': { skip: 'x' } }), Y2027, a.state, { now: NOW, attendees: [] });
    expect(b.run.changes.map((c) => c.kind)).toEqual(['cancelled']);
    expect(b.files.map((f) => [f.method, f.uid])).toEqual([
      ['REQUEST', 'tg-s0-2027-01-01-2027@tcon.invalid'],
      ['CANCEL', 'tg-s0-2027-01-01-2027@tcon.invalid'],
    ]);
    const cancel = parseIcs(b.files[1]!.ics);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.vevents[0]!.getAllProperties('attendee')).toHaveLength(0);
  });

  it('one file per UID (RFC 5546: the components of an iTIP message share one UID)', async () => {
    const { planInvitation } = await import('../../src/itip/index.js');
    const inv = planInvitation(config(['11:00'], { '2027-07-01': { add: '10:00' } }), Y2027, undefined, { now: NOW });
    expect(inv.files.map((m) => m.uid)).toEqual(['tg-s0-2027-01-01-2027@tcon.invalid', 'tg-add-2027-07-01-0@tcon.invalid']);
    for (const m of inv.files) {
      const uids = new Set(parseIcs(m.ics).vevents.map((v) => v.getFirstPropertyValue('uid')));
      expect([...uids]).toEqual([m.uid]);
    }
    expect(inv.files.flatMap((f) => expandIcs(f.ics))).toHaveLength(13);
  });
});
