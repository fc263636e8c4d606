import type { Group, RegionSet } from '../schedule/types.js';
import { msg } from './messages.js';
import { readYaml, type ConfigProblem, type Path } from './problems.js';
import { DEFAULT_REGION_SET, DEFAULT_WINDOWS, resolveRegions, resolveWindows, type RegionCtx } from './regions.js';
import { resolveGroup, zodProblems } from './resolve.js';
import { GroupInput, RegionsFileInput } from './schema.js';

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
export function parseGroup(text: string, file: string, regions: RegionSet = DEFAULT_REGION_SET): { group?: Group; problems: ConfigProblem[] } {
  const { doc, map, problems: syntax } = readYaml(text, file);
  if (syntax.length) return { problems: syntax };
  const raw: unknown = doc.toJS();
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { problems: [map.problem([], msg.notAMapping())] };
  }
  let parsed = GroupInput.safeParse(raw);
  if (parsed.success) {
    const result = resolveGroup(parsed.data, map, regions);
    return { ...result, problems: sortProblems(result.problems) };
  }
  const problems = zodProblems(parsed.error.issues, raw, map, knownKeysIn(GroupInput));
  // Unknown keys alone do not stop the meaning checks: drop them and check the rest too,
  // so that one run reports every problem.
  if (parsed.error.issues.every((i) => i.code === 'unrecognized_keys')) {
    const pruned = structuredClone(raw) as Record<string, unknown>;
    for (const i of parsed.error.issues) {
      if (i.code !== 'unrecognized_keys') continue;
      let obj: unknown = pruned;
      for (const p of i.path) obj = (obj as Record<PropertyKey, unknown>)[p as PropertyKey];
      for (const k of i.keys) delete (obj as Record<string, unknown>)[k];
    }
    parsed = GroupInput.safeParse(pruned);
    if (parsed.success) problems.push(...resolveGroup(parsed.data, map, regions).problems);
  }
  return { problems: sortProblems(problems) };
}

export function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}

/**
 * Parses a regions file (`config/regions.yaml`). Pure. Its `defaults` windows apply to every
 * region that sets none (the built-in defaults when absent); its regions replace the built-in ones.
 */
export function parseRegions(text: string, file: string): { regions?: RegionSet; problems: ConfigProblem[] } {
  const { doc, map, problems: syntax } = readYaml(text, file);
  if (syntax.length) return { problems: syntax };
  const raw: unknown = doc.toJS();
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { problems: [map.problem([], msg.notARegionsFile())] };
  const parsed = RegionsFileInput.safeParse(raw);
  if (!parsed.success) return { problems: sortProblems(zodProblems(parsed.error.issues, raw, map, knownKeysIn(RegionsFileInput))) };
  const ctx: RegionCtx = { map, problems: [] };
  const defaults = resolveWindows(ctx, parsed.data.defaults, DEFAULT_WINDOWS, ['defaults']);
  const regions = resolveRegions(ctx, parsed.data.regions, { defaults, regions: [] }, defaults, ['regions']);
  const problems = sortProblems(ctx.problems);
  if (problems.some((p) => p.severity === 'error')) return { problems };
  return { regions, problems };
}
