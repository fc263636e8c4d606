import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { buildCalendarModel, computeChanges, meetingUid, renderCancel, renderRequest, seriesUid, type CalendarModel, type Cancellation, type ChangeResult, type GroupState, type Sequences } from '../../calendar/index.js';
import type { DeliveryJob } from '../../adapters/delivery.js';
import type { SentIndex } from '../../adapters/sendlog.js';
import { defaultStatePath, readState, writeState } from '../../adapters/state.js';
import { meetingTimes } from '../../mail/format.js';
import { buildCancel, buildRequest, type Recipient } from '../../mail/messages.js';
import { isPlaceholderAddress } from '../../mail/text.js';
import type { TemplateSet } from '../../mail/templates.js';
import { resolveWindow } from '../../schedule/window.js';
import type { Group, Member, Occurrence } from '../../schedule/types.js';
import { UsageError, type CliIo } from '../io.js';
import { cancelledOccurrence, changeLines, eventVersion, lowestSequence, meetingStarts, movedSinceTold, occurrencesOf, ridText, standingCancellations } from '../mail-calendar.js';
import { route, runBatch, templatesFor, Unaddressed, type MailOptions } from '../mail-common.js';
import { parseNow, selectGroups } from '../options.js';
import { plannedBuilder } from '../planned.js';
import { zoneOf } from '../../schedule/zoned.js';

export interface InviteOptions extends MailOptions {
  year?: number;
  from?: string;
  to?: string;
  state?: string;
}

export interface GroupPlan {
  group: Group;
  model: CalendarModel;
  run: ChangeResult;
  templates: TemplateSet;
  /** Members left out for want of an address (placeholders under .invalid), for the summary. */
  unaddressed: Unaddressed;
}

function recipient(m: Member): Recipient {
  return { name: m.name, email: m.email, zone: m.zone };
}

export function requireOrganizer(group: Group): void {
  if (!group.organizer) throw new UsageError(`group ${group.id} has no organizer: invitations (iTIP) need one (${group.source})`);
}

/** The meetings of a cancelled whole event still ahead of `today` (group zone), for the message. */
function cancelledMeetings(p: GroupPlan, c: Cancellation, today: string): Occurrence[] {
  const ev = p.run.state.events[c.uid];
  if (c.recurrenceId || !ev || ev.kind !== 'series') return [cancelledOccurrence(p.group, c)];
  const list = Object.entries(ev.meetings)
    .map(([date, m]) => cancelledOccurrence(p.group, { ...c, ruleDate: date, start: fromIso(m.start), end: fromIso(m.end) }))
    .filter((o) => o.start.toISODate()! >= today)
    .sort((a, b) => a.start.toMillis() - b.start.toMillis());
  return list.length ? list : [cancelledOccurrence(p.group, c)];
}

function fromIso(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'UTC' });
}

/** CANCEL jobs: standing cancellations for members who were sent a request for the UID. */
export function cancelJobs(
  p: GroupPlan,
  sent: SentIndex,
  now: DateTime,
  cancellations: readonly Cancellation[],
  reasonOf: string | ((c: Cancellation) => string),
  everyone = false,
): DeliveryJob[] {
  const jobs: DeliveryJob[] = [];
  const today = now.setZone(zoneOf(p.group.timezone)).toISODate()!;
  for (const c of cancellations) {
    const why = typeof reasonOf === 'string' ? reasonOf : reasonOf(c);
    // A whole series; a one-off event (no RECURRENCE-ID either) is one meeting.
    const whole = !c.recurrenceId && p.run.state.events[c.uid]?.kind === 'series';
    for (const m of p.group.members) {
      if (!p.unaddressed.reachable(m)) continue;
      // Only to members who were told about it: any request for a whole event, a request that
      // listed the meeting for one meeting (a member who joined later never had it).
      if (!everyone && sent.lastSequence(m.email, c.uid, 'request') === undefined) continue;
      if (!everyone && !whole && c.ruleDate !== undefined && !sent.told(m.email, c.uid).has(c.ruleDate)) continue;
      const mine = { ...c, sequence: c.sequence + sequenceOffset(sent, m.email, c.uid) };
      const key = { recipient: m.email.toLowerCase(), uid: c.uid, recurrenceId: ridText(c.recurrenceId), sequence: mine.sequence, kind: 'cancel' };
      const held = c.start.setZone(zoneOf(p.group.timezone));
      // A meeting held on another day than its rule date (moved by the config or a holiday
      // policy) says where it is held: that is the one cancelled.
      const elsewhere = c.ruleDate !== undefined && c.ruleDate !== held.toISODate() ? `, held ${meetingTimes(p.group, held, c.end, undefined).line}` : '';
      const what = whole ? `${c.title} (${c.uid}), the whole series` : `the meeting of ${c.ruleDate ?? held.toISODate()}${elsewhere} (${c.uid})`;
      jobs.push({
        key,
        group: p.group.id,
        reason: `cancellation of ${what}, SEQUENCE ${mine.sequence}${why ? `: ${why}` : ''}`,
        build: () =>
          buildCancel({
            group: p.group,
            to: recipient(m),
            templates: p.templates,
            key,
            reason: what,
            meetings: cancelledMeetings(p, c, today),
            whole,
            why,
            calendar: { method: 'CANCEL', ics: renderCancel(p.group, [mine], { now, attendees: [m] }) },
          }),
      });
    }
  }
  return jobs;
}

/** REQUEST jobs: each member gets each event (series or one-off) at its current version, once. */
export function requestJobs(p: GroupPlan, sent: SentIndex, now: DateTime): DeliveryJob[] {
  const jobs: DeliveryJob[] = [];
  const seq = p.run.sequences;
  for (const e of p.model.events) {
    const version = eventVersion(e, seq);
    const occurrences = occurrencesOf(e);
    const single = { ...p.model, events: [e] };
    for (const m of p.group.members) {
      if (!p.unaddressed.reachable(m)) continue;
      const asked = sent.lastSequence(m.email, e.uid, 'request');
      // Taken off the member's calendar after their last request (they left the roster, or the
      // whole event was cancelled) and back now: a new invitation, above that CANCEL.
      const off = sent.lastWholeSequence(m.email, e.uid, 'cancel');
      const back = asked !== undefined && off !== undefined && off > asked;
      const last = back ? undefined : asked;
      const offset = back ? Math.max(0, off + 1 - lowestSequence(e, seq)) : sequenceOffset(sent, m.email, e.uid);
      // A member who already has this version or a later one needs nothing (a window that no
      // longer holds a meeting with a higher SEQUENCE must not make the version look older).
      const key = { recipient: m.email.toLowerCase(), uid: e.uid, recurrenceId: null, sequence: Math.max(version + offset, last ?? -1), kind: 'request' };
      let changes: string[] | undefined;
      if (last !== undefined) {
        const known = changeLines(p.group, p.run.changes, e.uid, m.zone);
        const told = known.length ? known : movedSinceTold(p.group, e, sent.last(m.email, e.uid, 'request')?.meetings, m.zone);
        changes = told.length ? told : [`The schedule was updated since our last message (update ${version}).`];
      }
      const reason =
        last === undefined
          ? `invitation to ${e.kind === 'series' ? `the series of ${occurrences.length} meetings` : `the meeting of ${occurrences[0]?.ruleDate}`} (${e.uid}), SEQUENCE ${key.sequence}${back ? ' (back on the roster)' : ''}`
          : `update of ${e.uid}, SEQUENCE ${last} -> ${key.sequence}: ${changeLines(p.group, p.run.changes, e.uid, undefined).join('; ') || 'changed since the last message'}`;
      jobs.push({
        key,
        group: p.group.id,
        reason,
        record: { meetings: meetingStarts(e), name: m.name, zone: m.zone, ...(offset ? { offset } : {}) },
        build: () =>
          buildRequest({
            group: p.group,
            to: recipient(m),
            templates: p.templates,
            key,
            reason,
            meetings: occurrences,
            changes,
            calendar: { method: 'REQUEST', ics: renderRequest(single, { now, sequences: offset ? raised(seq, offset) : seq, attendees: [m] }) },
          }),
      });
    }
  }
  return jobs;
}

/** Groups with invitations in the state to meetings still ahead that the config no longer has. */
function orphanGroups(invites: Record<string, GroupState>, groups: readonly Group[], now: DateTime): string[] {
  const known = new Set(groups.map((g) => g.id));
  const ahead = (g: GroupState) => Object.values(g.events).some((e) => !e.cancelled && Object.values(e.meetings).some((m) => !m.cancelled && fromIso(m.end) > now));
  return Object.keys(invites).filter((id) => !known.has(id) && ahead(invites[id]!)).sort();
}

/** How far a member's SEQUENCEs for `uid` run above the group's (see SendLogEntry.offset). */
function sequenceOffset(sent: SentIndex, email: string, uid: string): number {
  return sent.last(email, uid, 'request')?.offset ?? 0;
}

function raised(seq: Sequences, by: number): Sequences {
  return { event: (uid) => seq.event(uid) + by, meeting: (uid, ruleDate) => seq.meeting(uid, ruleDate) + by };
}

/**
 * CANCELs for people who left the roster: whoever was sent a request for an event of the group
 * that still has meetings ahead, and is no longer a member, gets a CANCEL of the whole event
 * (series or one-off) with a SEQUENCE above anything they were sent, once. The meetings go on for
 * everyone else, whose SEQUENCE does not change. Name and zone are those of their last request.
 */
export function removalJobs(p: GroupPlan, sent: SentIndex, now: DateTime): DeliveryJob[] {
  const members = new Set(p.group.members.map((m) => m.email.toLowerCase()));
  const jobs: DeliveryJob[] = [];
  for (const [uid, ev] of Object.entries(p.run.state.events)) {
    // An event cancelled as a whole (in this very run, say) was sent to the members only: someone
    // who left the roster meanwhile still holds it.
    const ahead = Object.entries(ev.meetings)
      .filter(([, m]) => (ev.cancelled || !m.cancelled) && fromIso(m.end) > now)
      .sort((a, b) => (a[1].start < b[1].start ? -1 : 1));
    const first = ahead[0];
    if (!first) continue;
    for (const email of sent.recipients(uid, 'request')) {
      if (members.has(email) || isPlaceholderAddress(email)) continue;
      const asked = sent.lastSequence(email, uid, 'request')!;
      const off = sent.lastWholeSequence(email, uid, 'cancel');
      if (off !== undefined && off > asked) continue; // their copy is cancelled already
      const sequence = Math.max(asked, sent.lastSequence(email, uid, 'cancel') ?? -1) + 1;
      const [date, m] = first;
      const c: Cancellation = {
        uid,
        recurrenceId: undefined,
        sequence,
        title: ev.title,
        start: fromIso(m.start).setZone(zoneOf(m.zone)),
        end: fromIso(m.end).setZone(zoneOf(m.zone)),
        zone: m.zone,
        ruleDate: ev.kind === 'single' ? date : undefined,
      };
      const told = sent.last(email, uid, 'request');
      const to: Recipient = { name: told?.name ?? email, email, zone: told?.zone };
      const key = { recipient: email, uid, recurrenceId: null, sequence, kind: 'cancel' };
      const series = ev.kind === 'series';
      const what = series ? `${ev.title} (${uid}), the ${ahead.length} meetings ahead` : `the meeting of ${date} (${uid})`;
      jobs.push({
        key,
        group: p.group.id,
        reason: `cancellation of ${what} for ${email}, who left the roster, SEQUENCE ${sequence}`,
        build: () =>
          buildCancel({
            group: p.group,
            to,
            templates: p.templates,
            key,
            reason: what,
            meetings: ahead.map(([d, x]) => cancelledOccurrence(p.group, { ...c, ruleDate: d, start: fromIso(x.start), end: fromIso(x.end) })),
            whole: series,
            removed: true,
            why: '',
            calendar: { method: 'CANCEL', ics: renderCancel(p.group, [c], { now, attendees: [{ name: to.name, email, role: 'voting' }] }) },
          }),
      });
    }
  }
  return jobs;
}

export async function runInvite(opts: InviteOptions, io: CliIo): Promise<number> {
  const { config, groups } = await selectGroups(opts, io);
  const now = parseNow(opts.now);
  groups.forEach(requireOrganizer);
  const r = route(opts, groups, config.dir, io);
  const statePath = opts.state ? resolve(io.cwd, opts.state) : defaultStatePath(config.dir);
  const state = await readState(statePath);
  // With one group file (--config FILE) the other groups of the directory were not read.
  for (const id of config.single ? [] : orphanGroups(state.invite, config.groups, now)) {
    io.stderr.write(
      `tcon: warning: group ${id} was sent invitations to meetings still ahead, but it is no longer in ${config.dir}: its members keep them. To cancel them, put the group file back and run tcon cancel --group ${id} --series N for each series\n`,
    );
  }
  // The planned schedule (holiday and blackout policies applied), as `tcon ics --invite` sends it.
  const build = await plannedBuilder(config.dir, config.groups, io);
  const unaddressed = new Unaddressed();
  const skipNotes = new Map<string, string>();
  const plans: GroupPlan[] = groups.map((group) => {
    const window = resolveWindow({ year: opts.year, from: opts.from, to: opts.to }, now, group.timezone);
    const schedule = build(group, window);
    // Why a meeting is off (a skip in the config, a holiday or blackout policy): its CANCEL says so.
    for (const o of schedule) {
      if (o.status !== 'skipped' || !o.seriesId || !o.note) continue;
      skipNotes.set(`${seriesUid(group.id, o.seriesId)}#${o.ruleDate}`, o.note);
      skipNotes.set(`${meetingUid(group.id, `${o.seriesId}-${o.ruleDate}`)}#${o.ruleDate}`, o.note);
    }
    const model = buildCalendarModel(group, window, schedule);
    // What the calendar could not say the preferred way, as `tcon ics --invite` reports it.
    for (const w of model.warnings) io.stderr.write(`tcon: warning: ${w}\n`);
    return { group, model, run: computeChanges(state.invite[group.id], model), templates: templatesFor(config.dir, group.id), unaddressed };
  });
  const reasonOf = (c: Cancellation) => (c.ruleDate !== undefined && skipNotes.get(`${c.uid}#${c.ruleDate}`)) || 'removed from the schedule';
  const code = await runBatch(
    opts,
    r,
    (sent) => plans.flatMap((p) => [...requestJobs(p, sent, now), ...cancelJobs(p, sent, now, standingCancellations(p.run.state), reasonOf), ...removalJobs(p, sent, now)]),
    io,
    unaddressed,
  );
  if (!opts.dryRun) {
    // Saved after the batch: a run that crashed recomputes the same SEQUENCEs and change texts;
    // the send log skips what already went out. CANCELs stand in the state (tombstones), so
    // members that failed now get them on a later run.
    for (const p of plans) state.invite[p.group.id] = p.run.state;
    await writeState(statePath, state);
  }
  return code;
}
