import * as z from 'zod/mini';
import { meta } from './zod-setup.js';
import type { HolidayCorrection, HolidayKind, HolidayPolicy, IsoDate } from '../schedule/types.js';
import { msg } from './messages.js';
import { parseStructure, sortProblems } from './parse.js';
import { readConfigYaml, type ConfigProblem, type Path } from './problems.js';
import { inDateRange, isIsoDate, isMonthDay } from '../schedule/dates.js';
import { COUNTRY_RE, HolidayCorrectionsInput, HolidayKindsInput, resolveCorrections, resolveKinds } from './holidays.js';
import { countryProblem } from './resolve.js';

/*
 * config/tcon.yaml: settings of the secretariat, for every group at once (blackouts, holiday
 * defaults, the conflict buffer, bridge accounts, the site). Pure, like parseGroup: text in,
 * settings and/or every problem (file:line:col) out.
 */

const policy = z.enum(['warn', 'skip', 'shift']);
const countries = z.array(meta(z.string(), { description: 'ISO 3166 country, or country-state (US-CA)' }));

export const SecretariatInput = z.strictObject({
  $schema: z.optional(z.string()),
  conflicts: z.optional(
    z.strictObject({
      buffer: z.optional(meta(z.number(), { description: 'Minutes kept free between two calls that share people or a bridge (default 0)' })),
    }),
  ),
  holidays: z.optional(
    z.strictObject({
      countries: z.optional(meta(z.clone(countries), { description: 'Countries whose public holidays every group observes' })),
      regions: z.optional(meta(z.record(z.string(), countries), { description: 'Region id -> countries, for members known by region only' })),
      members: z.optional(meta(z.boolean(), { description: "Observe every member's country (default true)" })),
      observances: z.optional(meta(z.boolean(), { description: 'Count observances too (default false)' })),
      policy: z.optional(meta(z.clone(policy), { description: 'Default policy of every group (default warn)' })),
      'shift-days': z.optional(z.number()),
      kinds: z.optional(HolidayKindsInput),
      corrections: z.optional(HolidayCorrectionsInput),
    }),
  ),
  blackouts: z.optional(
    z.array(
      z.strictObject({
        name: meta(z.string(), { description: 'Shown as the reason, e.g. "F2F week, Berlin"' }),
        from: meta(z.string(), { description: 'First day, YYYY-MM-DD, or MM-DD for every year' }),
        to: meta(z.string(), { description: 'Last day (inclusive), same form as from' }),
        kind: z.optional(meta(z.string(), { description: 'Free text: break, f2f, ...' })),
        policy: z.optional(meta(z.clone(policy), { description: 'What to do with a call inside: skip (default), shift, warn' })),
        groups: z.optional(meta(z.array(z.string()), { description: 'Only these groups (default: every group)' })),
      }),
    ),
  ),
  bridges: z.optional(
    z.array(
      z.strictObject({
        id: z.string(),
        name: z.optional(z.string()),
        links: z.optional(meta(z.array(z.string()), { description: 'Join links of this account: a host name (meet.example.org) or a URL prefix' })),
      }),
    ),
  ),
  site: z.optional(
    z.strictObject({
      title: z.optional(z.string()),
      private: z.optional(meta(z.boolean(), { description: 'Pages show join links (default false)' })),
    }),
  ),
});
export type SecretariatInput = z.infer<typeof SecretariatInput>;

/** The JSON Schema shipped in `schema/tcon.schema.json` for editors. */
export function secretariatJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(SecretariatInput, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://example.org/tcon/tcon.schema.json', title: 'tcon secretariat settings (config/tcon.yaml)' };
}

/** A date range no group meets in. Dates are wall dates in each group's zone. */
export interface Blackout {
  name: string;
  kind: string | undefined;
  /** `YYYY-MM-DD`, or `MM-DD` when `yearly`. */
  from: string;
  to: string;
  yearly: boolean;
  policy: HolidayPolicy;
  /** Only these groups; undefined: all. */
  groups: string[] | undefined;
}

export interface BridgeAccount {
  id: string;
  name: string | undefined;
  /** Host names or URL prefixes of this account's join links. */
  links: string[];
}

export interface Secretariat {
  /** The file read, or undefined for the built-in defaults. */
  source: string | undefined;
  conflictBuffer: number;
  holidays: {
    countries: string[];
    regions: Record<string, string[]>;
    members: boolean;
    observances: boolean;
    policy: HolidayPolicy;
    shiftDays: number | undefined;
    /** The kinds of holiday that count (default: public only). */
    kinds: HolidayKind[];
    /** Corrections of the holiday data, for every group. */
    corrections: HolidayCorrection[];
  };
  blackouts: Blackout[];
  bridges: BridgeAccount[];
  site: { title: string; private: boolean };
}

/** The settings when there is no tcon.yaml. */
export function defaultSecretariat(): Secretariat {
  return {
    source: undefined,
    conflictBuffer: 0,
    holidays: { countries: [], regions: {}, members: true, observances: false, policy: 'warn', shiftDays: undefined, kinds: ['public'], corrections: [] },
    blackouts: [],
    bridges: [],
    site: { title: 'Teleconferences', private: false },
  };
}

/** Whether `date` (YYYY-MM-DD) lies in the blackout. Yearly ranges may wrap the new year. */
export function inBlackout(b: Blackout, date: IsoDate): boolean {
  return inDateRange(b, date);
}

/**
 * Parses config/tcon.yaml. `groupIds`, when given, lets blackouts naming unknown groups be
 * reported; bridge ids used by groups are checked by the caller (checkGroupBridges).
 */
export function parseSecretariat(text: string, file: string, groupIds?: readonly string[]): { settings?: Secretariat; problems: ConfigProblem[] } {
  const { map, problems: syntax, data } = readConfigYaml(text, file);
  if (syntax.length) return { problems: syntax };
  const raw: unknown = data ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return { problems: [map.problem([], msg.notSettings())] };
  const { data: input, problems: unknownKeys } = parseStructure(SecretariatInput, raw, map);
  if (!input) return { problems: sortProblems(unknownKeys) };
  const problems: ConfigProblem[] = [...unknownKeys];
  const def = defaultSecretariat();
  const buffer = input.conflicts?.buffer;
  if (buffer !== undefined && (!Number.isInteger(buffer) || buffer < 0)) problems.push(map.problem(['conflicts', 'buffer'], msg.badBuffer(buffer)));
  const h = input.holidays;
  const checkCountries = (list: string[] | undefined, path: Path) =>
    (list ?? []).forEach((c, i) => {
      const problem = countryProblem(c);
      if (problem) problems.push(map.problem([...path, i], problem));
    });
  checkCountries(h?.countries, ['holidays', 'countries']);
  for (const [region, list] of Object.entries(h?.regions ?? {})) checkCountries(list, ['holidays', 'regions', region]);
  const shiftDays = h?.['shift-days'];
  if (shiftDays !== undefined && (!Number.isInteger(shiftDays) || shiftDays < 1))
    problems.push(map.problem(['holidays', 'shift-days'], msg.badShiftDays(shiftDays)));

  const kinds = resolveKinds(h?.kinds, map, ['holidays', 'kinds'], problems);
  const corrections = resolveCorrections(h?.corrections, map, ['holidays', 'corrections'], 'tcon.yaml', problems);

  const blackouts: Blackout[] = [];
  (input.blackouts ?? []).forEach((b, i) => {
    const path: Path = ['blackouts', i];
    const before = problems.length;
    const kindOf = (s: string, key: string) => {
      if (isIsoDate(s)) return 'dated';
      if (isMonthDay(s)) return 'yearly';
      problems.push(map.problem([...path, key], msg.badBlackoutDate(s)));
      return undefined;
    };
    const a = kindOf(b.from, 'from');
    const z = kindOf(b.to, 'to');
    if (a && z && a !== z) problems.push(map.problem(path, msg.blackoutMixed()));
    else if (a === 'dated' && b.to < b.from) problems.push(map.problem([...path, 'to'], msg.blackoutBackwards(b.from, b.to)));
    // A group that is gone (the bundled example deleted, a group closed) is a warning, not an
    // error: the blackout still holds for the groups that are there, and every command runs.
    (b.groups ?? []).forEach((g, j) => {
      if (groupIds && !groupIds.includes(g)) problems.push(map.problem([...path, 'groups', j], msg.unknownBlackoutGroup(g), { severity: 'warning' }));
    });
    if (problems.slice(before).some((p) => p.severity === 'error')) return;
    blackouts.push({ name: b.name, kind: b.kind, from: b.from, to: b.to, yearly: a === 'yearly', policy: b.policy ?? 'skip', groups: b.groups });
  });

  const bridges: BridgeAccount[] = [];
  const seen = new Set<string>();
  (input.bridges ?? []).forEach((b, i) => {
    if (seen.has(b.id)) problems.push(map.problem(['bridges', i, 'id'], msg.duplicateBridge(b.id)));
    seen.add(b.id);
    bridges.push({ id: b.id, name: b.name, links: b.links ?? [] });
  });

  const sorted = sortProblems(problems);
  if (sorted.some((p) => p.severity === 'error')) return { problems: sorted };
  return {
    settings: {
      source: file,
      conflictBuffer: buffer ?? def.conflictBuffer,
      holidays: {
        countries: h?.countries ?? [],
        regions: h?.regions ?? {},
        members: h?.members ?? true,
        observances: h?.observances ?? false,
        policy: h?.policy ?? 'warn',
        shiftDays,
        kinds: kinds ?? def.holidays.kinds,
        corrections,
      },
      blackouts,
      bridges,
      site: { title: input.site?.title ?? def.site.title, private: input.site?.private ?? false },
    },
    problems: sorted,
  };
}
