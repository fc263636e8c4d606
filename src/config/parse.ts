import type * as z from 'zod/mini';
import { buildSchedule } from '../schedule/build.js';
import { addDays } from '../schedule/dates.js';
import type { Group, MeetingException, RegionSet } from '../schedule/types.js';
import { msg } from './messages.js';
import { readConfigYaml, type ConfigProblem, type Path, type SourceMap } from './problems.js';
import { DEFAULT_REGION_SET, DEFAULT_WINDOWS, resolveRegions, resolveWindows, type RegionCtx } from './regions.js';
import { resolveGroup, zodProblems, type ParseOptions } from './resolve.js';

export type { ParseOptions } from './resolve.js';
import { GroupInput, RegionsFileInput } from './schema.js';
import { compareText } from '../schedule/text.js';

/** The keys a mapping at `path` of a file checked by `root` accepts, for "unknown key" messages. */
export function knownKeysIn(root: unknown): (path: Path) => string[] {
  return (path) => knownKeys(path, root);
}

function knownKeys(path: Path, root: unknown = GroupInput): string[] {
  // Walk the zod schema along the path (records and arrays are transparent).
  let schema: unknown = root;
  for (const part of path) {
    const def = (schema as { def?: Record<string, unknown> }).def;
    if (!def) return [];
    if (def.type === 'object') schema = (def.shape as Record<string, unknown>)[String(part)];
    else if (def.type === 'array') schema = def.element;
    else if (def.type === 'record') schema = def.valueType;
    else return [];
    schema = unwrap(schema);
  }
  const shape = (unwrap(schema) as { def?: { shape?: Record<string, unknown> } }).def?.shape;
  return shape ? Object.keys(shape).filter((k) => k !== '$schema') : [];
}

function unwrap(schema: unknown): unknown {
  let s = schema as { def?: { type?: string; innerType?: unknown; options?: unknown[] } } | undefined;
  while (s?.def && (s.def.type === 'optional' || s.def.type === 'union')) {
    s = (s.def.type === 'optional' ? s.def.innerType : s.def.options?.find((o) => (o as { def?: { type?: string } }).def?.type === 'object')) as typeof s;
  }
  return s;
}

/**
 * Parses one group file. Pure: text in, a Group and/or every problem found out.
 * Problems are sorted by position; a result with any error has no group.
 */
export function parseGroup(
  text: string,
  file: string,
  regions: RegionSet = DEFAULT_REGION_SET,
  opts: ParseOptions = {},
): { group?: Group; problems: ConfigProblem[] } {
  const { map, problems: syntax, data: raw } = readConfigYaml(text, file);
  if (syntax.length) return { problems: syntax };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { problems: [map.problem([], msg.notAMapping())] };
  }
  const { data, problems } = parseStructure(GroupInput, raw, map);
  if (!data) return { problems: sortProblems(problems) };
  const result = resolveGroup(data, map, regions, opts);
  // Unknown keys are errors: with them, the meaning checks' problems are reported but no group.
  if (problems.length) return { problems: sortProblems([...problems, ...result.problems]) };
  if (result.group) {
    const collisions = meetingCollisions(result.group, map);
    if (collisions.length) return { problems: sortProblems([...result.problems, ...collisions]) };
  }
  return { ...result, problems: sortProblems(result.problems) };
}

/**
 * Meetings the exceptions put on top of others: a `move` onto (or across) another meeting of the
 * group, a one-off `add` at the time of a meeting, two identical one-offs. A group holds one call
 * at a time; the calendar would show two events where the group meets once, and `plan` would
 * have nothing to say about it. Only the dates the exceptions touch are expanded.
 */
function meetingCollisions(group: Group, map: SourceMap): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const reported = new Set<string>();
  const parallel = group.series.some((s) => s.named);
  // The group's entries, and each series' own (series[i].meetings: moves only, one-offs are the group's).
  const entries: { ex: MeetingException; base: (string | number)[]; series: ReadonlySet<string> | undefined }[] = [...group.exceptions.values()].map((ex) => ({
    ex,
    base: ['meetings'],
    series: undefined,
  }));
  for (const s of group.series) {
    if (group.series.find((x) => x.index === s.index) !== s) continue;
    const ids = new Set(group.series.filter((x) => x.index === s.index).map((x) => x.id));
    for (const ex of s.exceptions.values()) if (ex.move || ex.moveDate) entries.push({ ex, base: ['series', s.index, 'meetings'], series: ids });
  }
  for (const { ex, base, series } of entries) {
    const targets = [ex.move?.slice(0, 10) ?? ex.moveDate, ex.add.length ? ex.date : undefined].filter((d): d is string => !!d);
    for (const target of targets) {
      const from = addDays(target < ex.date ? target : ex.date, -1);
      const to = addDays(target > ex.date ? target : ex.date, 1);
      const held = buildSchedule(group, { from, to }).filter((o) => o.status !== 'skipped');
      const mine = held.filter(
        (o) => o.date === ex.date && (o.status === 'moved' || o.status === 'added') && (!series || (o.seriesId !== null && series.has(o.seriesId))),
      );
      for (const a of mine) {
        for (const b of held) {
          if (a === b || a.start >= b.end || b.start >= a.end) continue;
          // Series with ids run side by side (parallel calls): their meetings may overlap one
          // another (one-offs with their own titles too); a series still holds one call at a time, and
          // two identical one-offs (same time, same title) are one.
          if (
            parallel &&
            !(a.seriesId !== null && a.seriesId === b.seriesId) &&
            !(a.status === 'added' && b.status === 'added' && a.start.equals(b.start) && a.end.equals(b.end) && a.title === b.title)
          )
            continue;
          const path = [...base, ex.date, a.status === 'moved' ? 'move' : 'add'];
          const key = `${path.join('.')}|${b.start.toMillis()}`;
          if (reported.has(key)) continue;
          reported.add(key);
          problems.push(
            map.problem(
              path,
              msg.meetingCollision(
                a.status === 'moved' ? 'moved' : 'added',
                b.start.toFormat('yyyy-MM-dd HH:mm'),
                b.status === 'added' ? 'one-off' : b.status === 'moved' ? 'moved meeting' : `meeting of ${b.date}`,
              ),
            ),
          );
        }
      }
    }
  }
  return problems;
}

/**
 * zod's structural check of a whole file, tolerant of what can be left out: unknown keys, and
 * values of the wrong type under a key (`duration: sixty`), are reported (as errors), then
 * dropped, so that the meaning checks still run on the rest and one run reports every problem
 * of the file (a `meetings:` key no meeting falls on beside a misspelt key). `data` is absent
 * when what is wrong cannot be left out (a required key, an item of a list).
 */
export function parseStructure<S extends z.ZodMiniType>(schema: S, raw: unknown, map: SourceMap): { data?: z.output<S>; problems: ConfigProblem[] } {
  const first = schema.safeParse(raw);
  if (first.success) return { data: first.data, problems: [] };
  const { issues } = first.error;
  const problems = zodProblems(issues, raw, map, knownKeysIn(schema));
  const pruned = structuredClone(raw);
  for (const i of issues) {
    let obj = pruned;
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
    const at = i.code === 'unrecognized_keys' ? path : path.slice(0, -1);
    for (const part of at) obj = obj && typeof obj === 'object' ? (obj as Record<PropertyKey, unknown>)[part] : undefined;
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
      if (i.code !== 'unrecognized_keys') return { problems };
      continue;
    }
    const keys = i.code === 'unrecognized_keys' ? i.keys : typeof path[path.length - 1] === 'string' ? [path[path.length - 1] as string] : [];
    if (!keys.length) return { problems };
    for (const k of keys) delete (obj as Record<string, unknown>)[k];
  }
  const second = schema.safeParse(pruned);
  return second.success ? { data: second.data, problems } : { problems };
}

export function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.col - b.col);
}

/**
 * Parses a regions file (`config/regions.yaml`). Pure. Its `defaults` windows apply to every
 * region that sets none (the built-in defaults when absent); its regions replace the built-in ones.
 */
export function parseRegions(text: string, file: string): { regions?: RegionSet; problems: ConfigProblem[] } {
  const { map, problems: syntax, data: raw } = readConfigYaml(text, file);
  if (syntax.length) return { problems: syntax };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { problems: [map.problem([], msg.notARegionsFile())] };
  const { data, problems: structural } = parseStructure(RegionsFileInput, raw, map);
  if (!data) return { problems: sortProblems(structural) };
  const ctx: RegionCtx = { map, problems: structural };
  const defaults = resolveWindows(ctx, data.defaults, DEFAULT_WINDOWS, ['defaults']);
  const regions = resolveRegions(ctx, data.regions, { defaults, regions: [] }, defaults, ['regions']);
  const problems = sortProblems(ctx.problems);
  if (problems.some((p) => p.severity === 'error')) return { problems };
  return { regions, problems };
}
