import { addDays } from '../schedule/dates.js';
import { WEEKDAY_NAMES, type Weekday } from '../schedule/phrases.js';
import { hasWeek53 } from '../schedule/rotation.js';
import type { IsoDate, Window } from '../schedule/types.js';
import { commentLines, commentText, flow, headerText, keyLine, quoted, scalar, slug } from './emit.js';
import {
  firstWeekday,
  meetsOn,
  weekResidues,
  yaml2icalFeedDates,
  yaml2icalMeetings,
  type SourceMeeting,
  type Y2Meeting,
  type Y2Schedule,
  type Y2Skip,
} from './yaml2ical.js';

/*
 * A yaml2ical meeting as a tcon group file (zone UTC, as yaml2ical's times are).
 *
 * - Schedules that alternate (the same weekday, length, channel and start, in ISO weeks that do
 *   not meet: biweekly-odd with biweekly-even, quadweekly with quadweekly-alternate, ...) become
 *   one series with `rotation: { mode: iso-week }`: two slots (odd weeks, even weeks) when they
 *   are biweekly, four (ISO week mod 4: weeks 1, 5, 9... the first slot) otherwise. A slot of a
 *   week the rule has no meeting in is never used (the comment says so).
 * - ISO weeks are written as tcon's rule phrases "every Thursday in odd ISO weeks" or, for four-
 *   weekly residues, an RRULE with BYWEEKNO. Both count weeks 53 and 1 as yaml2ical does.
 *   tcon refuses weekend days in BYWEEKNO rules (RRULE engines misplace 1-2 January), so a
 *   Saturday or Sunday meeting is the Friday of its ISO week (the same week) with a slot a day or
 *   two later (`"14:00 +1d"`): its date is still the Saturday or Sunday.
 * - Other schedules of the meeting are series with ids, side by side.
 * - Channels are bridges (the group's `bridge`, or each series' when they differ), listed in
 *   tcon.yaml, so that `tcon plan` finds what yaml2ical's conflict check finds: two meetings on
 *   one channel at overlapping times in weeks that meet.
 */

export interface SeriesPlan {
  schedules: Y2Schedule[];
  id: string | undefined;
  rule: string;
  /** Slot texts in rotation order; `undefined` for a slot of weeks the rule has no meeting in. */
  slots: { text: string; schedule: Y2Schedule | undefined; residue?: number }[];
  rotation: boolean;
  from: IsoDate | undefined;
  duration: number;
  irc: string;
  skips: Y2Skip[];
  /** Skip dates that are no meeting of their schedule (yaml2ical ignores them). */
  dropped: { schedule: Y2Schedule; skip: Y2Skip }[];
}

export interface GroupImport {
  meeting: Y2Meeting;
  id: string;
  /** The group file's name (`<id>.yaml`) and text. */
  file: string;
  text: string;
  series: SeriesPlan[];
  adhoc: Y2Schedule[];
  /** What the import could not keep, or changed, in words. */
  notes: string[];
}

export interface Yaml2icalImport {
  groups: GroupImport[];
  /** Channels, as bridges of tcon.yaml. */
  bridges: { id: string; name: string }[];
}

const DAY_WORD: Record<Weekday, string> = { MO: 'monday', TU: 'tuesday', WE: 'wednesday', TH: 'thursday', FR: 'friday', SA: 'saturday', SU: 'sunday' };

/** A channel's bridge id: `openstack-meeting` for `#openstack-meeting`. */
export function channelBridge(irc: string): string {
  return slug(irc, 'channel');
}

function describeSchedule(s: Y2Schedule): string {
  const bits = [
    `${s.frequency}, ${WEEKDAY_NAMES[s.day]} ${s.timeText.padStart(4, '0')} UTC`,
    `#${s.irc}`,
    `${s.duration} min${s.durationGiven ? '' : ' (default)'}`,
  ];
  if (s.startDate) bits.push(`start_date ${s.startDate.replaceAll('-', '')}`);
  return `schedule[${s.index}]: ${bits.join(', ')}`;
}

/** The phrase or RRULE of a weekday in the ISO weeks with these residues (mod 4), and the day offset a weekend day needs. */
function isoWeekRule(day: Weekday, residues: ReadonlySet<number>): { rule: string; offset: number } {
  if (residues.size === 4) return { rule: `every ${WEEKDAY_NAMES[day]}`, offset: 0 };
  // Weekend days: the Friday of the same ISO week, held a day or two later.
  const weekend = day === 'SA' ? 1 : day === 'SU' ? 2 : 0;
  const base: Weekday = weekend ? 'FR' : day;
  const set = [...residues].sort().join(',');
  if (set === '1,3') return { rule: `every ${WEEKDAY_NAMES[base]} in odd ISO weeks`, offset: weekend };
  if (set === '0,2') return { rule: `every ${WEEKDAY_NAMES[base]} in even ISO weeks`, offset: weekend };
  const weeks: number[] = [];
  for (let w = 1; w <= 53; w++) if (residues.has(w % 4)) weeks.push(w);
  return { rule: `FREQ=YEARLY;BYWEEKNO=${weeks.join(',')};BYDAY=${base}`, offset: weekend };
}

const slotText = (time: string, offset: number) => (offset ? `${time} +${offset}d` : time);

function plan(schedules: Y2Schedule[]): SeriesPlan {
  const first = schedules[0]!;
  const skips: Y2Skip[] = [];
  const dropped: SeriesPlan['dropped'] = [];
  const seen = new Set<IsoDate>();
  for (const s of schedules) {
    for (const k of s.skips) {
      if (!meetsOn(s, k.date)) dropped.push({ schedule: s, skip: k });
      else if (!seen.has(k.date)) {
        seen.add(k.date);
        skips.push(k);
      }
    }
  }
  skips.sort((a, b) => (a.date < b.date ? -1 : 1));
  const base = { schedules, id: undefined, from: first.startDate, duration: first.duration, irc: first.irc, skips, dropped };
  const monthly = firstWeekday(first.frequency);
  if (monthly) return { ...base, rule: `1st ${WEEKDAY_NAMES[monthly]} of every month`, slots: [{ text: first.time, schedule: first }], rotation: false };
  const residues = new Set(schedules.flatMap((s) => weekResidues(s.frequency) ?? [0, 1, 2, 3]));
  const { rule, offset } = isoWeekRule(first.day, residues);
  if (schedules.length === 1) return { ...base, rule, slots: [{ text: slotText(first.time, offset), schedule: first }], rotation: false };
  const biweekly = schedules.every((s) => s.frequency.startsWith('biweekly'));
  const n = biweekly ? 2 : 4;
  const slots: SeriesPlan['slots'] = [];
  for (let i = 0; i < n; i++) {
    // iso-week rotation: week w takes slot (w - 1) mod n, so slot i serves weeks ≡ i + 1 (mod n).
    const residue = (i + 1) % n;
    const owner = schedules.find((s) => (weekResidues(s.frequency) ?? []).some((r) => r % n === residue));
    slots.push({ text: slotText((owner ?? first).time, offset), schedule: owner, residue });
  }
  return { ...base, rule, slots, rotation: true };
}

/** Which schedules alternate (one series with an ISO-week rotation) and which stand alone. */
export function planSeries(meeting: Y2Meeting): { series: SeriesPlan[]; adhoc: Y2Schedule[] } {
  const regular = meeting.schedules.filter((s) => s.frequency !== 'adhoc');
  const used = new Set<Y2Schedule>();
  const series: SeriesPlan[] = [];
  for (const s of regular) {
    if (used.has(s)) continue;
    used.add(s);
    const together = [s];
    const residues = weekResidues(s.frequency);
    if (residues) {
      const covered = new Set(residues);
      for (const t of regular) {
        if (used.has(t)) continue;
        const r = weekResidues(t.frequency);
        if (!r || t.day !== s.day || t.duration !== s.duration || t.irc !== s.irc || t.startDate !== s.startDate) continue;
        if (r.some((x) => covered.has(x))) continue;
        together.push(t);
        used.add(t);
        r.forEach((x) => covered.add(x));
      }
    }
    series.push(plan(together));
  }
  if (series.length > 1) {
    const ids = new Set<string>();
    for (const p of series) {
      const s = p.schedules[0]!;
      let id = p.rotation ? DAY_WORD[s.day] : `${DAY_WORD[s.day]}-${s.time.replace(':', '')}`;
      if (ids.has(id)) id = `${id}-${s.frequency}`;
      for (let n = 2; ids.has(id); n++) id = `${DAY_WORD[s.day]}-${s.time.replace(':', '')}-${n}`;
      ids.add(id);
      p.id = id;
    }
  }
  return { series, adhoc: meeting.schedules.filter((s) => s.frequency === 'adhoc') };
}

function extraLines(extras: Record<string, unknown>, indent: string, skip: readonly string[]): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(extras)) {
    if (skip.includes(k)) continue;
    out.push(...commentLines(`yaml2ical ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`, indent));
  }
  return out;
}

const URL_RE = /^https?:\/\/[^\s<>"]+$/;

/** The group file of one meeting, and what the import had to say about it. */
export function importMeeting(meeting: Y2Meeting, id: string, sourceDir: string): GroupImport {
  const { series, adhoc } = planSeries(meeting);
  const notes: string[] = [];
  const L: string[] = [];
  const where = `${sourceDir ? `${sourceDir}/` : ''}${meeting.name}.yaml`;
  L.push('# yaml-language-server: $schema=../schema/group.schema.json');
  L.push(`# Imported from the yaml2ical meeting ${commentText(where)} by "tcon import yaml2ical".`);
  L.push(
    ...commentLines(`yaml2ical chair: ${meeting.chair} (no address in yaml2ical: add it under chairs: to let tcon plan see a chair shared by two groups)`),
  );
  L.push(...commentLines(`yaml2ical description: ${meeting.description}`));
  L.push(...extraLines(meeting.extras, '', ['agenda_url']));
  L.push(keyLine('', 'id', scalar(id), `from the file name ${meeting.name}.yaml`));
  const title = headerText(meeting.project || meeting.name);
  if (title.changed) notes.push(`the title was cleaned for mail headers: ${JSON.stringify(title.text)}`);
  L.push(keyLine('', 'title', scalar(title.text), 'yaml2ical project'));
  L.push(keyLine('', 'timezone', 'UTC', 'yaml2ical times are UTC'));
  L.push(keyLine('', 'zone-label', 'UTC'));
  const durations = new Set(series.map((p) => p.duration));
  const oneDuration = durations.size === 1 ? series[0]!.duration : undefined;
  if (oneDuration !== undefined) {
    const given = series.some((p) => p.schedules.some((s) => s.durationGiven));
    L.push(keyLine('', 'duration', String(oneDuration), given ? 'yaml2ical duration' : "yaml2ical's default"));
  }
  const channels = new Set(series.map((p) => p.irc));
  const oneChannel = channels.size === 1 ? series[0]!.irc : undefined;
  if (oneChannel !== undefined) L.push(keyLine('', 'bridge', scalar(channelBridge(oneChannel)), `yaml2ical irc: #${oneChannel} (a bridge of tcon.yaml)`));
  const agenda = meeting.extras.agenda_url;
  if (typeof agenda === 'string' && URL_RE.test(agenda)) L.push(keyLine('', 'agenda', scalar(agenda), 'yaml2ical agenda_url'));
  else if (agenda !== undefined) L.push(...commentLines(`yaml2ical agenda_url: ${String(agenda)} (not an http(s) link: not kept as agenda)`));
  for (const s of adhoc) {
    L.push(...commentLines(`${describeSchedule(s)}: adhoc, no fixed schedule: no meetings written (add them under meetings: with add: when they are called)`));
    notes.push(`schedule[${s.index}] is adhoc: listed, no meetings written`);
  }
  if (series.length === 0) {
    L.push('series: []   # no schedule with a fixed frequency');
    return { meeting, id, file: `${id}.yaml`, text: `${L.join('\n')}\n`, series, adhoc, notes };
  }
  L.push('series:');
  const seriesMeetings = series.length > 1;
  for (const p of series) {
    for (const s of p.schedules) L.push(...commentLines(`from yaml2ical ${describeSchedule(s)}`, '  '));
    for (const [k, v] of p.schedules.flatMap((s) => Object.entries(s.extras)))
      L.push(...commentLines(`yaml2ical ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`, '  '));
    const lead = (first: boolean) => (first ? '  - ' : '    ');
    let first = true;
    const put = (key: string, value: string, comment?: string) => {
      L.push(keyLine(lead(first), key, value, comment));
      first = false;
    };
    if (p.id) put('id', scalar(p.id), "runs beside the group's other series");
    if (p.from) put('from', p.from, 'yaml2ical start_date: the first meeting is on or after it');
    else if (first) L.push('  # no start_date: yaml2ical counts from the day it runs; ISO weeks need no start');
    const residues = new Set(p.schedules.flatMap((s) => weekResidues(s.frequency) ?? []));
    const why =
      residues.size === 0 || residues.size === 4
        ? undefined
        : 'ISO week numbers, as yaml2ical counts them (after a year with 53 weeks, weeks 53 and 1 follow one another)';
    put(
      'rule',
      scalar(p.rule),
      p.rule.includes('Friday') && p.slots.some((x) => / \+\dd$/.test(x.text))
        ? `${why}; the Friday of the ISO week, held a day or two later (tcon reads ISO weeks on weekdays only)`
        : why,
    );
    if (p.rotation) {
      L.push(`${lead(first)}slots:`);
      first = false;
      p.slots.forEach((slot, i) => {
        const w = slot.residue === 0 ? 4 : slot.residue!;
        const weeks =
          p.slots.length === 2 ? (i === 0 ? 'odd ISO weeks' : 'even ISO weeks') : `ISO weeks ${w}, ${w + 4}, ${w + 8}, ... (week % 4 == ${slot.residue})`;
        const why = slot.schedule ? `${weeks}: yaml2ical schedule[${slot.schedule.index}]` : `${weeks}: the rule has no meeting in these weeks (never used)`;
        L.push(`      - ${quoted(slot.text)}   # ${commentText(why)}`);
      });
      put(
        'rotation',
        '{ mode: iso-week }',
        p.slots.length === 2 ? 'odd ISO weeks the first slot, even weeks the second' : 'ISO week mod 4: weeks 1, 5, 9... the first slot',
      );
    } else put('slots', `[${quoted(p.slots[0]!.text)}]`, 'yaml2ical time (UTC)');
    if (oneDuration === undefined) put('duration', String(p.duration), 'yaml2ical duration');
    if (oneChannel === undefined) put('bridge', scalar(channelBridge(p.irc)), `yaml2ical irc: #${p.irc}`);
    if (residues.size > 0 && residues.size < 4) {
      L.push(
        ...commentLines(
          `yaml2ical's own feed counts every ${p.schedules.every((s) => s.frequency.startsWith('biweekly')) ? 2 : 4} weeks from its first meeting and leaves these ISO weeks after each year with 53 weeks; this series keeps the ISO weeks (tcon import lists the dates that differ)`,
          '    ',
        ),
      );
    }
    if (p.skips.length && seriesMeetings) {
      L.push('    meetings:   # yaml2ical skip_dates');
      for (const k of p.skips) L.push(`      ${k.date}: ${flow({ skip: skipReason(k) })}`);
    }
    for (const d of p.dropped) {
      const msg = `yaml2ical schedule[${d.schedule.index}] skip_date ${d.skip.date.replaceAll('-', '')} (${commentText(d.skip.reason, 80)}) is no meeting of that schedule: yaml2ical ignores it, and so does the import`;
      L.push(...commentLines(msg, '    '));
      notes.push(msg);
    }
  }
  const groupSkips = seriesMeetings ? [] : series[0]!.skips;
  if (groupSkips.length) {
    L.push('meetings:   # yaml2ical skip_dates');
    for (const k of groupSkips) L.push(`  ${k.date}: ${flow({ skip: skipReason(k) })}`);
  }
  return { meeting, id, file: `${id}.yaml`, text: `${L.join('\n')}\n`, series, adhoc, notes };
}

function skipReason(k: Y2Skip): string {
  const t = headerText(k.reason).text;
  return t || 'skipped (yaml2ical skip_dates)';
}

/** Imports a registry: one group per meeting (ids unique), and the channels as bridges. */
export function importYaml2ical(meetings: readonly Y2Meeting[], sourceDir: string): Yaml2icalImport {
  const ids = new Set<string>();
  const groups = [...meetings]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((m) => {
      let id = slug(m.name, 'meeting');
      for (let n = 2; ids.has(id); n++) id = `${slug(m.name, 'meeting')}-${n}`;
      ids.add(id);
      return importMeeting(m, id, sourceDir);
    });
  const channels = new Map<string, string>();
  for (const g of groups) for (const p of g.series) channels.set(channelBridge(p.irc), p.irc);
  const bridges = [...channels].sort().map(([id, irc]) => ({ id, name: `#${irc}` }));
  return { groups, bridges };
}

/** tcon.yaml's `bridges:` entries for the channels (each line a flow map, commented). */
export function bridgeLines(bridges: readonly { id: string; name: string }[]): string[] {
  return bridges.map((b) => `  - ${flow({ id: b.id, name: b.name })}   # an IRC channel of the yaml2ical registry`);
}

/** The expected meetings of a whole meeting file, as yaml2ical's rules mean them. */
export function sourceMeetings(meeting: Y2Meeting, window: Window): SourceMeeting[] {
  return meeting.schedules.flatMap((s) => yaml2icalMeetings(s, window)).sort((a, b) => a.start - b.start);
}

export interface FeedDifference {
  schedule: Y2Schedule;
  /** Dates the import (and yaml2ical's rule) has and yaml2ical's feed does not, and the reverse. */
  onlyImport: IsoDate[];
  onlyFeed: IsoDate[];
  /** Why, in words. */
  reason: string;
}

/**
 * Where yaml2ical's own feed (its RRULE) and the import (its ISO-week rule) differ within
 * `window` from `today` on (a feed is rebuilt from the registry, so its past is not read again).
 */
export function feedDifferences(meeting: Y2Meeting, window: Window, today: IsoDate): FeedDifference[] {
  const out: FeedDifference[] = [];
  for (const s of meeting.schedules) {
    if (s.frequency === 'adhoc') continue;
    const from = today > window.from ? today : window.from;
    if (from > window.to) continue;
    const w = { from, to: window.to };
    const rule = new Set(yaml2icalMeetings(s, w).map((m) => m.date));
    const feed = new Set(yaml2icalFeedDates(s, w, today));
    const onlyImport = [...rule].filter((d) => !feed.has(d));
    const onlyFeed = [...feed].filter((d) => !rule.has(d));
    if (!onlyImport.length && !onlyFeed.length) continue;
    const firstDiff = [...onlyImport, ...onlyFeed].sort()[0]!;
    let reason: string;
    if (firstWeekday(s.frequency))
      reason = `yaml2ical's feed starts in the month after ${s.startDate ? 'start_date' : 'the day it is built'} (its first-weekday rule skips the month it starts in)`;
    else {
      const years: number[] = [];
      for (let y = Number(from.slice(0, 4)) - 1; y <= Number(firstDiff.slice(0, 4)); y++) if (hasWeek53(y) && `${y}-12-28` < firstDiff) years.push(y);
      const year = years[years.length - 1] ?? Number((s.startDate ?? from).slice(0, 4));
      reason = `yaml2ical's feed counts every ${s.frequency === 'weekly' ? 1 : s.frequency.startsWith('biweekly') ? 2 : 4} weeks, which leaves its ISO weeks after the 53-week year ${year}`;
    }
    out.push({ schedule: s, onlyImport, onlyFeed, reason });
  }
  return out;
}

/**
 * The window a registry is checked over: from its earliest start_date (today when none) to two
 * years after the later of today and its last date, and at least into the first week after the
 * next year with 53 ISO weeks, so that every check crosses one.
 */
export function checkWindow(meetings: readonly Y2Meeting[], today: IsoDate): Window {
  const dates = meetings.flatMap((m) => m.schedules.flatMap((s) => [s.startDate, ...s.skips.map((k) => k.date)])).filter((d): d is IsoDate => d !== undefined);
  const starts = meetings.flatMap((m) => m.schedules.map((s) => s.startDate)).filter((d): d is IsoDate => d !== undefined);
  const from = starts.length ? starts.reduce((a, b) => (a < b ? a : b)) : today;
  const last = [today, ...dates].reduce((a, b) => (a > b ? a : b));
  let to = `${Number(last.slice(0, 4)) + 2}${last.slice(4)}`;
  if (to.endsWith('02-29')) to = addDays(to.slice(0, 8) + '28', 1);
  let y = Number(today.slice(0, 4));
  while (!hasWeek53(y)) y++;
  const after53 = `${y + 1}-01-10`;
  return { from: from < today ? from : today, to: to > after53 ? to : after53 };
}
