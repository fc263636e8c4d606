import { readdir, stat } from '../../adapters/fs-async.js';
import { DateTime } from 'luxon';
import { createInterface } from 'node:readline';
import { basename, join, resolve } from 'node:path';
import { displayPath, loadConfig, loadRegions, RESERVED_CONFIG_FILES } from '../../adapters/config-files.js';
import { writeNewFile } from '../../adapters/files.js';
import { findRegion } from '../../config/regions.js';
import { idFromTitle, renderNewGroup, type NewGroup, type NewMember } from '../../config/new-group.js';
import { parseGroup } from '../../config/parse.js';
import { msg } from '../../config/messages.js';
import { ConfigError, problemOf, type ConfigProblem } from '../../config/problems.js';
import { expandDates, parseRule } from '../../schedule/recurrence.js';
import { addDays, normalizeClock } from '../../schedule/dates.js';
import { isValidZone, zoneOf } from '../../schedule/zoned.js';
import type { Group, MemberRole, RegionSet } from '../../schedule/types.js';
import { reportProblems, tell, UsageError, type CliIo } from '../io.js';
import { say, usage } from '../messages.js';
import { parseNow } from '../options.js';
import { plannedBuilder } from '../planned.js';
import { nextMeetings, scheduleTable } from '../schedule-view.js';

export interface InitOptions {
  config: string;
  id?: string;
  title?: string;
  zone?: string;
  zoneLabel?: string;
  rule?: string;
  slots?: string;
  duration?: number;
  from?: string;
  organizer?: string;
  member?: string[];
  link?: string;
  now?: string;
}

/** The answers, as typed (checked by the group parser once the file text is made). */
interface Answers {
  title?: string | undefined;
  id?: string | undefined;
  zone?: string | undefined;
  zoneLabel?: string | undefined;
  rule?: string | undefined;
  slots?: string | undefined;
  duration?: string | undefined;
  from?: string | undefined;
  organizer?: string | undefined;
  link?: string | undefined;
  members?: string[] | undefined;
}

type Field = keyof Answers;
const REQUIRED = ['title', 'zone', 'rule', 'slots'] as const;
const FLAG: Record<Field, string> = {
  title: '--title',
  id: '--id',
  zone: '--zone',
  zoneLabel: '--zone-label',
  rule: '--rule',
  slots: '--slots',
  duration: '--duration',
  from: '--from',
  organizer: '--organizer',
  link: '--link',
  members: '--member',
};

const ROLES: readonly MemberRole[] = ['chair', 'voting', 'alternate', 'observer'];

/**
 * "every month on the 2nd Thursday", or the short "2nd Thursday" people say. The rule phrases
 * read the short form too (as the same monthly rule); the file gets it in full all the same, so
 * that whoever reads the file next sees the frequency written out.
 */
function ruleText(words: string): string {
  const t = words.trim();
  const own = parseRule(t);
  const monthly = `every month on the ${t.replace(/^(on )?(the )?/i, '')}`;
  const full = parseRule(monthly);
  return full.ok && (!own.ok || own.rule === full.rule) ? monthly : t;
}

/** "Name <email>" → name and email. */
function person(text: string, what: string): { name: string; email: string; rest: string } {
  const m = /^\s*(.*?)\s*<([^<>\s]+)>\s*(.*)$/.exec(text);
  if (!m || !m[1]) throw new UsageError(usage.badPerson(what, text));
  return { name: m[1], email: m[2]!, rest: m[3]! };
}

/** "Ann Example <ann@example.org> Asia/Tokyo voting": a zone or a region id, and a role, in any order. */
function member(text: string, regions: RegionSet): NewMember {
  const p = person(text, '--member');
  const out: NewMember = { name: p.name, email: p.email };
  for (const word of p.rest.split(/\s+/).filter(Boolean)) {
    if ((ROLES as string[]).includes(word.toLowerCase())) out.role = word.toLowerCase() as MemberRole;
    else if (findRegion(regions, word)) out.region = word;
    else out.zone = word;
  }
  return out;
}

/**
 * "8:00, 16:00" or "8:00 16:00": times in rotation order, "8:00" written 08:00; a slot may name
 * its zone and day offset after a comma-separated time ("08:00, 00:00 UTC +1d").
 */
function slotList(text: string): string[] {
  return text
    .split(',')
    .flatMap((part) => {
      const words = part.trim().split(/\s+/).filter(Boolean);
      if (words.every((w) => normalizeClock(w))) return words.map((w) => normalizeClock(w)!);
      const [time, ...rest] = words;
      return [[normalizeClock(time!) ?? time!, ...rest].join(' ')];
    })
    .filter(Boolean);
}

/** The first date `rule` gives on or after today in `zone`, when both can be read. */
function firstDate(rule: string, zone: string, nowMs: number): string | undefined {
  const parsed = parseRule(rule);
  if (!parsed.ok || !isValidZone(zone)) return undefined;
  // Today in the group's zone: the rule's dates are wall dates there.
  const start = DateTime.fromMillis(nowMs, { zone: zoneOf(zone) }).toISODate()!;
  return expandDates(parsed.rule, start, start, addDays(start, 366 * 4))[0];
}

/** The group the answers describe, as a file's text; `from` filled in when not given. */
function draft(a: Answers, regions: RegionSet, nowMs: number, today: string): { text: string; group: NewGroup } {
  const rule = ruleText(a.rule ?? '');
  const slots = slotList(a.slots ?? '');
  const organizer = a.organizer?.trim() ? person(a.organizer, '--organizer') : undefined;
  const group: NewGroup = {
    id: a.id?.trim() || idFromTitle(a.title ?? ''),
    title: (a.title ?? '').trim(),
    timezone: (a.zone ?? '').trim(),
    zoneLabel: a.zoneLabel?.trim() || undefined,
    rule,
    slots,
    duration: a.duration?.trim() ? Number(a.duration) : 60,
    from: a.from?.trim() || firstDate(rule, (a.zone ?? '').trim(), nowMs) || today,
    organizer: organizer ? { name: organizer.name, email: organizer.email } : undefined,
    link: a.link?.trim() || undefined,
    members: (a.members ?? []).filter((m) => m.trim()).map((m) => member(m, regions)),
  };
  return { text: renderNewGroup(group, today), group };
}

/** Which answer a problem of the drafted file is about (to ask it again). */
function fieldOf(p: ConfigProblem): Field | undefined {
  const f = p.field;
  if (f === 'id') return 'id';
  if (f === 'title') return 'title';
  if (f === 'timezone') return 'zone';
  if (f === 'zone-label') return 'zoneLabel';
  if (f === 'duration') return 'duration';
  if (f === 'link') return 'link';
  if (f.startsWith('organizer')) return 'organizer';
  if (f.startsWith('members')) return 'members';
  if (f.startsWith('series[0].rule')) return 'rule';
  if (f.startsWith('series[0].slots')) return 'slots';
  if (f.startsWith('series[0]')) return 'from';
  return undefined;
}

/** Questions on a terminal: one line each (members: one per line, an empty line ends). */
class Questions {
  private readonly lines: AsyncIterator<string>;
  private readonly close: () => void;

  constructor(
    input: NodeJS.ReadableStream,
    private readonly out: CliIo['stdout'],
  ) {
    const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
    this.lines = rl[Symbol.asyncIterator]();
    this.close = () => rl.close();
  }

  async line(prompt: string): Promise<string> {
    this.out.write(prompt);
    const next = await this.lines.next();
    if (next.done) throw new UsageError(usage.noMoreAnswers());
    return next.value.trim();
  }

  async ask(field: Field, a: Answers, regions: RegionSet, nowMs: number): Promise<void> {
    switch (field) {
      case 'title':
        a.title = await this.line('Title of the meetings (e.g. WG-27 Web): ');
        break;
      case 'id': {
        const guess = idFromTitle(a.title ?? '');
        a.id = (await this.line(`Group id, lowercase letters, digits and dashes [${guess}]: `)) || guess;
        break;
      }
      case 'zone':
        a.zone = await this.line('Time zone the times are in, an IANA name (e.g. America/Los_Angeles): ');
        break;
      case 'zoneLabel':
        a.zoneLabel = await this.line('How to name that zone in times, e.g. US PT (empty: the zone name): ');
        break;
      case 'rule':
        a.rule = await this.line('When, in words (e.g. every month on the 2nd Thursday, or 2nd Thursday): ');
        break;
      case 'slots':
        a.slots = await this.line('Start times, in rotation order (e.g. 08:00, 16:00): ');
        break;
      case 'duration':
        a.duration = (await this.line('Length in minutes [60]: ')) || '60';
        break;
      case 'from': {
        const guess = firstDate(ruleText(a.rule ?? ''), a.zone ?? '', nowMs);
        a.from = (await this.line(`Date of the first meeting, YYYY-MM-DD${guess ? ` [${guess}]` : ''}: `)) || guess;
        break;
      }
      case 'organizer':
        a.organizer = await this.line('Organizer, who sends the invitations, "Name <email>" (empty: none yet): ');
        break;
      case 'link':
        a.link = await this.line('Join link (empty: none yet): ');
        break;
      case 'members': {
        this.out.write('Members, one per line: "Name <email> zone-or-region [role]" (an empty line ends):\n');
        const list: string[] = [];
        for (let text = await this.line('  member: '); text; text = await this.line('  member: ')) {
          try {
            member(text, regions);
            list.push(text);
          } catch (e) {
            if (!(e instanceof UsageError)) throw e;
            this.out.write(`  ${e.message}\n`);
          }
        }
        a.members = list;
        break;
      }
    }
  }

  done(): void {
    this.close();
  }
}

/** Where the file goes: `--config DIR` (a directory, made when missing) or `--config FILE.yaml`. */
async function target(config: string, cwd: string): Promise<{ dir: string; file: (id: string) => string }> {
  const path = resolve(cwd, config);
  if (/\.ya?ml$/.test(path)) return { dir: join(path, '..'), file: () => path };
  const info = await stat(path).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UsageError(usage.configIsAFile(config));
  return { dir: path, file: (id) => join(path, `${id}.yaml`) };
}

/** The groups already in `dir` (their ids and titles), if it holds a config that loads. */
async function groupsIn(dir: string, cwd: string): Promise<Group[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  if (!names.some((n) => /\.ya?ml$/.test(n) && !RESERVED_CONFIG_FILES.has(n) && !n.startsWith('.'))) return [];
  return (await loadConfig(dir, { cwd }).catch(() => undefined))?.groups ?? [];
}

/**
 * `tcon init`: a new group file from flags, or from questions on a terminal, checked by the
 * parser every command uses (nothing is written while it has an error), never overwriting a
 * file; then the first meetings and what to run next.
 */
export async function runInit(opts: InitOptions, io: CliIo): Promise<number> {
  const now = parseNow(opts.now);
  const nowMs = now.toMillis();
  const today = now.toISODate()!;
  const where = await target(opts.config, io.cwd);
  const regions = (
    await loadRegions(where.dir, { cwd: io.cwd }).catch((e) => {
      if (e instanceof ConfigError) throw e;
      return undefined;
    })
  )?.regions;
  if (!regions) throw new UsageError(usage.noRegions(where.dir));
  const a: Answers = {
    title: opts.title,
    id: opts.id,
    zone: opts.zone,
    zoneLabel: opts.zoneLabel,
    rule: opts.rule,
    slots: opts.slots,
    duration: opts.duration === undefined ? undefined : String(opts.duration),
    from: opts.from,
    organizer: opts.organizer,
    link: opts.link,
    members: opts.member,
  };
  // Questions only when the flags leave something needed open (a full command line, pasted from
  // docs/commands.md on a terminal, asks nothing), and only on a terminal.
  const missing = REQUIRED.filter((f) => !a[f]?.trim());
  const interactive = !!io.stdin?.isTTY && missing.length > 0;
  if (missing.length && !interactive) {
    throw new UsageError(usage.initNeeds(missing.map((f) => FLAG[f])));
  }
  const q = interactive ? new Questions(io.stdin!, io.stdout) : undefined;
  const others = await groupsIn(where.dir, io.cwd);
  let result: { text: string; group: NewGroup; parsed: Group; file: string; warnings: ConfigProblem[] };
  try {
    if (q) {
      // Ask what the flags left open, in the order of the file.
      const order: Field[] = ['title', 'id', 'zone', 'zoneLabel', 'rule', 'slots', 'duration', 'from', 'organizer', 'link', 'members'];
      for (const f of order) if (a[f] === undefined) await q.ask(f, a, regions, nowMs);
    }
    for (let round = 0; ; round++) {
      const d = draft(a, regions, nowMs, today);
      const file = where.file(d.group.id);
      const shown = displayPath(file, io.cwd);
      if (await stat(file).catch(() => undefined)) {
        const exists = usage.fileExists(shown);
        if (!q || round >= 4) throw new UsageError(exists);
        io.stdout.write(`  ${exists}\n`);
        await q.ask('id', a, regions, nowMs);
        continue;
      }
      const parsed = parseGroup(d.text, shown, regions, { now: nowMs });
      const problems = parsed.problems.filter((p) => p.severity === 'error');
      const taken = others.find((g) => g.id === d.group.id);
      if (taken) problems.push(problemOf(shown, msg.groupIdTaken(d.group.id, taken.source), { line: 3, col: 5, field: 'id' }));
      if (!problems.length && parsed.group) {
        result = { ...d, parsed: parsed.group, file, warnings: parsed.problems.filter((p) => p.severity === 'warning') };
        break;
      }
      const again = [...new Set(problems.map(fieldOf))];
      if (!q || round >= 4 || again.some((f) => f === undefined)) {
        tell(io, say.initInvalid(shown));
        throw new ConfigError(problems);
      }
      for (const p of problems) io.stdout.write(`  ${p.field}: ${p.message}\n`);
      for (const f of again) await q.ask(f!, a, regions, nowMs);
    }
  } finally {
    q?.done();
  }
  const shown = displayPath(result.file, io.cwd);
  try {
    await writeNewFile(result.file, result.text);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError(usage.fileExists(shown));
    }
    throw e;
  }
  const g = result.parsed;
  const configArg = resolve(io.cwd, opts.config) === resolve(io.cwd, 'config') ? '' : ` --config ${opts.config}`;
  io.stdout.write(`wrote ${shown}: group ${g.id}, ${g.title}\n\n`);
  // What the parser warns of (a slot whose meetings fall on another day in the group's zone, ...), as every command says it.
  reportProblems(io, result.warnings);
  const build = await plannedBuilder(where.dir, [...others, g], io);
  const first = nextMeetings(build, g, now, 4);
  io.stdout.write(
    `First meetings (${g.zoneLabel}):\n${scheduleTable(
      first.map((occ) => ({ group: g, occ })),
      false,
    )}\n`,
  );
  if (others.length) {
    io.stdout.write(
      `${displayPath(where.dir, io.cwd) || '.'} also holds ${others.map((o) => o.id).join(', ')}: commands without --group show them with yours (tcon init --config mygroups/ starts a directory of your own).\n\n`,
    );
  }
  // The window of the next steps: a year from the first meeting ahead.
  const from = first[0]?.date ?? today;
  const w = `--from ${from}`;
  io.stdout.write(
    [
      'Next:',
      `  tcon schedule${configArg} --group ${g.id} ${w}            # a year of meetings`,
      `  tcon check${configArg} --group ${g.id} ${w}               # whom the times suit (regions, members)`,
      g.organizer && g.members.length
        ? `  tcon invite${configArg} --group ${g.id} ${w} --dry-run     # the invitations it would send`
        : `  then add ${[g.organizer ? '' : 'organizer:', g.members.length ? '' : 'members:'].filter(Boolean).join(' and ')} to ${basename(result.file)} to send invitations (tcon invite)`,
      '',
    ].join('\n'),
  );
  return 0;
}
