/*
 * The three-year replay (issue 10, "How it is shown"): a scripted secretariat lives from December
 * 2026 to December 2029 with one group, through the CLI as users run it (in-process, `--now` fixed
 * at each step), and after every step the calendars of followed members, built only from what
 * they received by an attendee-side iTIP processor on ical.js (test/helpers/attendee.ts), are
 * compared with `tcon schedule`.
 *
 * Channels:
 * - mail: `tcon invite` / `tcon cancel` to a real SMTP server on 127.0.0.1; each message is parsed
 *   with mailparser and its text/calendar part fed, in the order received, to the calendars of
 *   its envelope recipient;
 * - files: `tcon ics --invite --state S --out-dir D` (and `tcon ics --cancel DATE` where mail uses
 *   `tcon cancel`, then the `skip:` docs/commands.md asks for); every file the run reports on stderr as
 *   `tcon: wrote PATH`, in that order, is fed to every followed member's calendars (each applies
 *   what names its owner as ATTENDEE: so over files, a member who leaves the roster keeps their
 *   copy unless a file holds a CANCEL naming them, as RFC 5546 3.2.5 asks for a removed attendee).
 *
 * After every step, for each followed member and client model (rfc, strict), against the
 * schedule over a wide window (meetings whose status is not `skipped`):
 * (a) every meeting whose start lies in a window some run told this member about (the window as
 *     that run had it: `--year`, or the twelve months from --now, in the group's zone then) is in
 *     the calendar at its exact start and end; for a member who left, windows count from their
 *     return;
 * (b) every instance in the calendar is a meeting of the schedule, and none is there twice;
 * (c) a member who has left holds nothing ahead of --now.
 * Plus anomalies of the calendar (an override or CANCEL naming no held instance, a TZID without
 * VTIMEZONE), and a check of the script itself: no config edit changes a meeting already held
 * (`tcon schedule` before and after agree on every meeting before --now), so comparing past
 * meetings with today's schedule is fair. To keep the past in place when the group's zone
 * changes, the secretariat pins the slots and moves already held to the old zone and starts a
 * new series in the new zone; the series the cancelled meeting belongs to has
 * `on-skip: advance`, so the cancel's skip moves no other meeting (with `keep`, every later
 * meeting would change slot and only the next `tcon invite` would say so).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { AttendeeCalendar, type CalendarInstance, type ClientModel } from '../helpers/attendee.js';
import { tcon, type CliRun } from '../helpers/cli.js';
import { calendarPart } from '../helpers/mail-config.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

/** The group-specific dates and rules of the script. */
export interface Profile {
  id: string;
  zone: string;
  /** The zone the group moves to in February 2029 (from 1 March 2029). */
  newZone: string;
  /** Series 1, from 2027-01-01 (until 2028-06-30 after the rule change). */
  rule1: string;
  slots1: [string, string];
  /** [rule date, held at] of a meeting moved later, then of one moved to an earlier date (2027). */
  moveLater: [string, string];
  moveEarlier: [string, string];
  /** A 2027 rule date skipped, then un-skipped. */
  skip: string;
  /** Series 2, from 2028-07-01. */
  rule2: string;
  slots2: [string, string];
  /** The new time of series 2's second slot (changed before the series starts). */
  slot2b: string;
  /** A meeting of early January 2029 pulled into late December 2028: [rule date, held at]. */
  pull: [string, string];
  /** A 2029 date cancelled with `tcon cancel` (a meeting of series 3, in the new zone). */
  cancel: string;
}

type Channel = 'mail' | 'files';
type Run = { kind: 'invite'; year?: number } | { kind: 'cancel' };

interface Slot {
  time: string;
  zone?: string;
  label?: string;
}
interface Series {
  from?: string;
  until?: string;
  rule: string;
  slots: Slot[];
  rotation?: { mode: 'meeting'; 'on-skip': 'keep' | 'advance' };
}
interface Member {
  name: string;
  email: string;
  role?: string;
  zone: string;
}
interface GroupConfig {
  id: string;
  title: string;
  timezone: string;
  organizer: { name: string; email: string };
  link: string;
  rotation: { mode: 'meeting'; 'on-skip': 'keep' | 'advance' };
  series: Series[];
  meetings: Record<string, { move?: string; skip?: string }>;
  members: Member[];
}

interface Step {
  at: string;
  title: string;
  edit?: (g: GroupConfig, p: Profile) => void;
  run: Run;
  leave?: string;
  back?: string;
}

const ANA: Member = { name: 'Ana Example', email: 'ana@example.org', role: 'chair', zone: 'America/New_York' };
const BO: Member = { name: 'Bo Example', email: 'bo@example.org', zone: 'Europe/Berlin' };
const LEO: Member = { name: 'Leo Example', email: 'leo@example.org', zone: 'Asia/Tokyo' };
/** The members whose calendars are followed: one who stays, one who leaves and comes back. */
const FOLLOWED = [ANA.email, LEO.email];
const MODELS: ClientModel[] = ['rfc', 'strict'];
/** The schedule compared with: wide enough for every meeting of the script. */
const SCHEDULE_WINDOW = ['--from', '2026-01-01', '--to', '2030-12-31'];
const ALL: [number, number] = [Date.parse('2026-01-01T00:00:00Z'), Date.parse('2031-01-01T00:00:00Z')];

/** Pins a slot or move to the zone it was written in, so a change of the group's zone leaves it in place. */
const pinSlot = (s: Slot, zone: string): Slot => (s.zone ? s : { ...s, zone });

export const STEPS: Step[] = [
  { at: '2026-12-01T12:00Z', title: 'December 2026: invitations for 2027', run: { kind: 'invite', year: 2027 } },
  {
    at: '2027-02-10T12:00Z',
    title: 'a meeting moved (later)',
    edit: (g, p) => void (g.meetings[p.moveLater[0]] = { move: p.moveLater[1] }),
    run: { kind: 'invite', year: 2027 },
  },
  {
    at: '2027-03-10T12:00Z',
    title: 'a meeting moved to an earlier date',
    edit: (g, p) => void (g.meetings[p.moveEarlier[0]] = { move: p.moveEarlier[1] }),
    run: { kind: 'invite', year: 2027 },
  },
  {
    at: '2027-04-10T12:00Z',
    title: 'a meeting skipped (rotation on-skip: keep)',
    edit: (g, p) => void (g.meetings[p.skip] = { skip: 'no quorum' }),
    run: { kind: 'invite', year: 2027 },
  },
  {
    at: '2027-05-10T12:00Z',
    title: 'the skip removed again',
    edit: (g, p) => void delete g.meetings[p.skip],
    run: { kind: 'invite', year: 2027 },
  },
  {
    at: '2027-06-20T12:00Z',
    title: 'leo leaves the roster',
    edit: (g) => void (g.members = g.members.filter((m) => m.email !== LEO.email)),
    leave: LEO.email,
    run: { kind: 'invite', year: 2027 },
  },
  {
    at: '2027-09-10T12:00Z',
    title: 'leo comes back',
    edit: (g) => void g.members.push(LEO),
    back: LEO.email,
    run: { kind: 'invite', year: 2027 },
  },
  { at: '2027-12-01T12:00Z', title: 'December 2027: invitations for 2028', run: { kind: 'invite', year: 2028 } },
  {
    at: '2028-03-10T12:00Z',
    title: 'a rule change mid-year (series 1 until 2028-06-30, series 2 from 2028-07-01)',
    edit: (g, p) => {
      g.series[0]!.until = '2028-06-30';
      g.series.push({ from: '2028-07-01', rule: p.rule2, slots: p.slots2.map((time) => ({ time })) });
    },
    run: { kind: 'invite', year: 2028 },
  },
  {
    at: '2028-05-10T12:00Z',
    title: "a slot time change (series 2's second slot, before it starts)",
    edit: (g, p) => void (g.series[1]!.slots[1]!.time = p.slot2b),
    run: { kind: 'invite', year: 2028 },
  },
  {
    at: '2028-09-10T12:00Z',
    title: 'an early-January 2029 meeting pulled into late December 2028',
    edit: (g, p) => void (g.meetings[p.pull[0]] = { move: p.pull[1] }),
    run: { kind: 'invite', year: 2028 },
  },
  { at: '2028-12-01T12:00Z', title: 'December 2028: invitations for 2029', run: { kind: 'invite', year: 2029 } },
  {
    at: '2029-02-10T12:00Z',
    title: "the group's zone changed from 2029-03-01 (the meetings held keep their zone)",
    edit: (g, p) => {
      const old = g.timezone;
      for (const s of g.series) s.slots = s.slots.map((slot) => pinSlot(slot, old));
      for (const m of Object.values(g.meetings)) if (m.move && !/ [A-Za-z]/.test(m.move)) m.move = `${m.move} ${old}`;
      const last = g.series[g.series.length - 1]!;
      last.until = '2029-02-28';
      g.series.push({
        from: '2029-03-01',
        rule: last.rule,
        slots: last.slots.map((s) => ({ time: s.time })),
        rotation: { mode: 'meeting', 'on-skip': 'advance' },
      });
      g.timezone = p.newZone;
    },
    run: { kind: 'invite', year: 2029 },
  },
  { at: '2029-04-15T12:00Z', title: 'a run with the default window (twelve months from today)', run: { kind: 'invite' } },
  { at: '2029-04-20T12:00Z', title: 'one meeting cancelled (tcon cancel --date)', run: { kind: 'cancel' } },
  {
    at: '2029-06-10T12:00Z',
    title: 'the series ended early (until 2029-09-30)',
    edit: (g) => void (g.series[g.series.length - 1]!.until = '2029-09-30'),
    run: { kind: 'invite', year: 2029 },
  },
  { at: '2029-10-15T12:00Z', title: 'months later, a run with the default window', run: { kind: 'invite' } },
  { at: '2029-12-01T12:00Z', title: 'December 2029: invitations for 2030 (the series has ended)', run: { kind: 'invite', year: 2030 } },
];

function initialConfig(p: Profile): GroupConfig {
  return {
    id: p.id,
    title: `Replay ${p.id}`,
    timezone: p.zone,
    organizer: { name: 'Example Secretariat', email: 'secretariat@example.org' },
    link: `https://meet.example.org/${p.id}`,
    rotation: { mode: 'meeting', 'on-skip': 'keep' },
    series: [{ from: '2027-01-01', rule: p.rule1, slots: p.slots1.map((time) => ({ time })) }],
    meetings: {},
    members: [ANA, BO, LEO],
  };
}

function renderConfig(g: GroupConfig): string {
  const { meetings, ...rest } = g;
  const sorted = Object.fromEntries(Object.entries(meetings).sort(([a], [b]) => (a < b ? -1 : 1)));
  return YAML.stringify(Object.keys(sorted).length ? { ...rest, meetings: sorted } : rest);
}

interface Meeting {
  date: string;
  start: string;
  end: string;
  startUtc: string;
  endUtc: string;
  status: string;
}

interface Window {
  from: number;
  to: number;
  label: string;
}

interface Followed {
  email: string;
  calendars: Map<ClientModel, AttendeeCalendar>;
  windows: Window[];
  present: boolean;
  /** How many log entries and anomalies of each calendar the previous checks saw. */
  seen: Map<ClientModel, { log: number; notes: number }>;
}

/**
 * The entries a calendar ignored since log entry `from`, one line per message, UID and reason
 * (a REQUEST of a whole series is ignored with all its overrides at once).
 */
function ignoredSince(cal: AttendeeCalendar, from: number): string[] {
  const lines = new Map<string, { head: string; parts: string[] }>();
  for (const e of cal.log.slice(from)) {
    if (e.applied) continue;
    const key = `${e.source}\u0000${e.method}\u0000${e.uid}\u0000${e.reason}`;
    const line = lines.get(key) ?? { head: `(ignored ${e.source}: ${e.method} ${e.uid}`, parts: [] };
    line.parts.push(`${e.recurrenceId ? `RECURRENCE-ID ${e.recurrenceId.slice(0, 16)}Z` : 'master'} SEQUENCE ${e.sequence}`);
    lines.set(key, line);
    if (line.parts.length === 1) line.head += ` DTSTAMP ${e.dtstamp}`;
  }
  return [...lines].map(([key, l]) => `${l.head} [${l.parts.join(', ')}]: ${key.split('\u0000')[3]})`);
}

/** One group over one channel: its config directory, its followed members, its steps. */
class Replay {
  private dir = '';
  private config = '';
  private group: GroupConfig;
  private followed: Followed[];
  private previous: Meeting[] | null = null;
  private smtpSeen = 0;
  /** Problems of the current step's commands (exit codes, unreadable messages). */
  private runProblems: string[] = [];

  constructor(
    private readonly profile: Profile,
    private readonly channel: Channel,
    private readonly smtp: () => TestSmtp,
  ) {
    this.group = initialConfig(profile);
    this.followed = FOLLOWED.map((email) => ({
      email,
      calendars: new Map(MODELS.map((m) => [m, new AttendeeCalendar(email, m)])),
      windows: [],
      present: true,
      seen: new Map(MODELS.map((m) => [m, { log: 0, notes: 0 }])),
    }));
  }

  async setup(): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), `tcon-replay-${this.profile.id}-${this.channel}-`));
    this.config = join(this.dir, 'config');
    await mkdir(this.config);
    await mkdir(join(this.dir, 'out'));
    await this.writeConfig();
  }

  cleanup(): Promise<void> {
    return this.dir ? rm(this.dir, { recursive: true, force: true }) : Promise.resolve();
  }

  private get file(): string {
    return join(this.config, `${this.profile.id}.yaml`);
  }

  private writeConfig(): Promise<void> {
    return writeFile(this.file, renderConfig(this.group));
  }

  private async cli(argv: string[], now: string): Promise<CliRun> {
    const full = [...argv, '--config', this.config, '--now', now];
    const r = await tcon(full, { cwd: this.dir });
    if (r.code !== 0) this.runProblems.push(`tcon ${argv.join(' ')} --now ${now} exited ${r.code}: ${r.stderr.trim().split('\n').slice(0, 4).join(' | ')}`);
    return r;
  }

  /** Feeds the messages the SMTP server accepted since the last call, in order, to their recipients' calendars. */
  private async deliverMail(step: number): Promise<void> {
    const received = this.smtp().received.slice(this.smtpSeen);
    this.smtpSeen += received.length;
    for (const [i, r] of received.entries()) {
      const who = this.followed.filter((f) => r.to.includes(f.email));
      if (who.length === 0) continue;
      const mail = await simpleParser(r.raw);
      let ics: string;
      try {
        ics = calendarPart(mail).ics;
      } catch (e) {
        this.runProblems.push(`step ${step}: message to ${r.to.join(', ')} "${mail.subject ?? ''}": ${(e as Error).message}`);
        continue;
      }
      const source = `step ${step} mail #${this.smtpSeen - received.length + i + 1} to ${r.to.join(', ')} "${mail.subject ?? ''}"`;
      for (const f of who) for (const c of f.calendars.values()) c.receive(ics, source);
    }
  }

  /** Feeds every file the run reports as written, in order, to every followed member's calendars. */
  private async deliverFiles(step: number, stderr: string): Promise<void> {
    const paths = [...stderr.matchAll(/^tcon: wrote (.+)$/gm)].map((m) => m[1]!);
    for (const path of paths) {
      const ics = await readFile(path, 'utf8');
      for (const f of this.followed) for (const c of f.calendars.values()) c.receive(ics, `step ${step} file ${basename(path)}`);
    }
  }

  /** The window a run without --year covers, or the year's: as instants, in the group's zone now. */
  private windowOf(run: { year?: number }, at: string): Window {
    const zone = this.group.timezone;
    const from = run.year !== undefined ? DateTime.fromObject({ year: run.year, month: 1, day: 1 }, { zone }) : DateTime.fromISO(at, { zone }).startOf('day');
    const to = from.plus({ years: 1 });
    return { from: from.toMillis(), to: to.toMillis(), label: `${from.toISODate()} to ${to.minus({ days: 1 }).toISODate()} ${zone}` };
  }

  async step(n: number, s: Step): Promise<void> {
    this.runProblems = [];
    for (const f of this.followed) {
      if (s.leave === f.email) {
        f.present = false;
        f.windows = [];
      }
      if (s.back === f.email) f.present = true;
    }
    if (s.edit) {
      s.edit(this.group, this.profile);
      await this.writeConfig();
    }
    const id = this.profile.id;
    if (s.run.kind === 'invite') {
      const window = s.run.year !== undefined ? ['--year', String(s.run.year)] : [];
      if (this.channel === 'mail') {
        const r = await this.cli(['invite', '--group', id, '--smtp', this.smtp().url, '--retry-delay', '1', ...window], s.at);
        await this.deliverMail(n);
        if (r.code !== 0) return;
      } else {
        const r = await this.cli(
          ['ics', '--group', id, '--invite', '--state', join(this.dir, 'state.json'), '--out-dir', join(this.dir, 'out'), ...window],
          s.at,
        );
        await this.deliverFiles(n, r.stderr);
        if (r.code !== 0) return;
      }
      const told = this.windowOf(s.run, s.at);
      for (const f of this.followed) if (f.present) f.windows.push(told);
    } else {
      const date = this.profile.cancel;
      const reason = 'the chair is away';
      if (this.channel === 'mail') {
        await this.cli(['cancel', '--group', id, '--smtp', this.smtp().url, '--retry-delay', '1', '--date', date, '--reason', reason], s.at);
        await this.deliverMail(n);
        // tcon cancel writes the skip into the group file itself: keep what it wrote.
        const written = YAML.parse(await readFile(this.file, 'utf8')) as { meetings?: Record<string, { move?: string; skip?: string }> };
        const entry = written.meetings?.[date];
        if (entry) this.group.meetings[date] = entry;
        else delete this.group.meetings[date];
        await this.writeConfig();
      } else {
        const year = date.slice(0, 4);
        const r = await this.cli(
          ['ics', '--group', id, '--cancel', date, '--year', year, '--state', join(this.dir, 'state.json'), '--out-dir', join(this.dir, 'out')],
          s.at,
        );
        await this.deliverFiles(n, r.stderr);
        // docs/commands.md: "Also add `skip:` to the config (`tcon cancel` does both)", or the next invitation brings the meeting back.
        this.group.meetings[date] = { ...this.group.meetings[date], skip: reason };
        delete this.group.meetings[date]!.move;
        await this.writeConfig();
      }
    }
  }

  private async schedule(at: string): Promise<Meeting[] | null> {
    // The meetings, not the holidays that touch them (which would compute five years of holidays at every step).
    const r = await this.cli(['schedule', '--group', this.profile.id, '--format', 'json', '--no-holidays', ...SCHEDULE_WINDOW], at);
    return r.code === 0 ? (JSON.parse(r.stdout) as Meeting[]) : null;
  }

  /** The problems after step n, as one list per followed member and client model (plus the step's own). */
  async check(n: number, s: Step): Promise<{ header: string; problems: string[] }[]> {
    const out: { header: string; problems: string[] }[] = [];
    const base = `step ${n} "${s.title}" (--now ${s.at}) · ${this.profile.id} · ${this.channel}`;
    const meetings = await this.schedule(s.at);
    const now = Date.parse(s.at);
    const scenario = [...this.runProblems];
    if (meetings && this.previous) {
      // The script's own check: a config edit never changes a meeting already held.
      const key = (m: Meeting) => `${m.date} ${m.startUtc} ${m.endUtc} ${m.status}`;
      const past = (ms: Meeting[]) =>
        ms
          .filter((m) => Date.parse(m.startUtc) < now)
          .map(key)
          .sort();
      const before = past(this.previous);
      const after = past(meetings);
      for (const k of before) if (!after.includes(k)) scenario.push(`scenario: a meeting already held changed in tcon schedule: ${k} is gone`);
      for (const k of after) if (!before.includes(k)) scenario.push(`scenario: a meeting already held changed in tcon schedule: ${k} is new`);
    }
    if (meetings) this.previous = meetings;
    out.push({ header: `${base}: the commands and the script`, problems: scenario });
    if (!meetings) return out;
    const live = meetings.filter((m) => m.status !== 'skipped');
    const zone = this.group.timezone;
    const fmt = (start: number, end: number) => {
      const a = DateTime.fromMillis(start, { zone });
      const b = DateTime.fromMillis(end, { zone });
      return `${a.toFormat('ccc yyyy-MM-dd HH:mm')}-${b.toFormat('HH:mm')} ${zone} (${new Date(start).toISOString().slice(0, 16)}Z)`;
    };
    // A meeting of the schedule in its own local time (the zone it was planned in), and in UTC.
    const planned = (m: Meeting) => {
      const a = DateTime.fromISO(m.start, { setZone: true });
      return `${a.toFormat('ccc yyyy-MM-dd HH:mm')}-${DateTime.fromISO(m.end, { setZone: true }).toFormat('HH:mm ZZ')} (${m.startUtc.slice(0, 16)}Z)`;
    };
    for (const f of this.followed) {
      for (const [model, cal] of f.calendars) {
        const problems: string[] = [];
        const instances = cal.instances(...ALL);
        const same = (i: CalendarInstance, m: Meeting) => i.start === Date.parse(m.startUtc) && i.end === Date.parse(m.endUtc);
        // (a) every meeting told to this member is there, at its exact start and end.
        for (const m of live) {
          const start = Date.parse(m.startUtc);
          const told = f.windows.find((w) => start >= w.from && start < w.to);
          if (!told) continue;
          if (!instances.some((i) => same(i, m))) {
            problems.push(`missing ${planned(m)}, rule date ${m.date}, ${m.status} (told by the run of ${told.label})`);
          }
        }
        // (b) every instance is a meeting of the schedule, once.
        const groups = new Map<string, CalendarInstance[]>();
        for (const i of instances) groups.set(`${i.start} ${i.end}`, [...(groups.get(`${i.start} ${i.end}`) ?? []), i]);
        for (const list of groups.values()) {
          const i = list[0]!;
          const what = (x: CalendarInstance) =>
            `${x.uid}${x.recurrenceId === null ? '' : ` RECURRENCE-ID ${new Date(x.recurrenceId).toISOString().slice(0, 16)}Z`}`;
          if (!live.some((m) => same(i, m))) {
            const near = meetings.find((m) => m.date === DateTime.fromMillis(i.start, { zone }).toISODate());
            for (const x of list)
              problems.push(
                `extra ${fmt(x.start, x.end)}: ${what(x)} is no meeting of the schedule${near ? ` (that day the schedule has ${near.status} ${near.startUtc.slice(0, 16)}Z, rule date ${near.date})` : ''}`,
              );
          } else if (list.length > 1) {
            problems.push(`duplicated ${fmt(i.start, i.end)}: held ${list.length} times (${list.map(what).join('; ')})`);
          }
        }
        // (c) a member who left holds nothing ahead.
        if (!f.present) {
          for (const i of instances) if (i.start >= now) problems.push(`left the roster but still holds ${fmt(i.start, i.end)} (${i.uid})`);
        }
        const seen = f.seen.get(model)!;
        const orphans = cal.orphans();
        problems.push(...[...cal.notes.slice(seen.notes), ...orphans.filter((o) => o.kind === 'override').map((o) => o.text)].map((a) => `anomaly: ${a}`));
        // What this calendar ignored during the step, and CANCELs that removed nothing: the
        // reasons behind the problems above.
        if (problems.length > 0) {
          problems.push(...orphans.filter((o) => o.kind === 'cancel').map((o) => `(${o.text})`));
          const ignored = ignoredSince(cal, seen.log);
          problems.push(
            ...(ignored.length
              ? ignored
              : [cal.log.length > seen.log ? '(every message of this step was applied)' : '(no message reached this calendar during this step)']),
          );
        }
        f.seen.set(model, { log: cal.log.length, notes: cal.notes.length });
        out.push({ header: `${base} · ${model} client · ${f.email}${f.present ? '' : ' (left the roster)'}`, problems });
      }
    }
    return out;
  }
}

/** Defines the replay of one group: both channels, every step a test, checked as it goes. */
export function replay(profile: Profile): void {
  describe(`three-year replay: ${profile.id} (${profile.zone})`, () => {
    let smtp: TestSmtp | undefined;
    beforeAll(async () => {
      smtp = await startSmtp();
    });
    afterAll(async () => {
      await smtp?.close();
    });
    for (const channel of ['mail', 'files'] as const) {
      describe(`over ${channel}`, () => {
        const r = new Replay(profile, channel, () => smtp!);
        beforeAll(() => r.setup());
        afterAll(() => r.cleanup());
        STEPS.forEach((s, i) => {
          it(`step ${i + 1} (${s.at.slice(0, 10)}): ${s.title}`, async () => {
            await r.step(i + 1, s);
            for (const { header, problems } of await r.check(i + 1, s)) expect.soft(problems, header).toEqual([]);
          });
        });
      });
    }
  });
}
