import * as z from 'zod/mini';
import { meta } from './zod-setup.js';
import { isIsoDate, isMonthDay, normalizeClock } from '../schedule/dates.js';
import { HOLIDAY_KINDS, type HolidayCorrection, type HolidayKind } from '../schedule/types.js';
import { msg } from './messages.js';
import type { ConfigProblem, Path, SourceMap } from './problems.js';

/*
 * The holiday keys tcon.yaml and group files share: which kinds of holiday count, and
 * corrections of the holiday data (days off to add or remove, make-up working days).
 */

/** A country (ISO 3166 alpha-2) or country-subdivision code: US, JP, US-CA. */
export const COUNTRY = '^[A-Z]{2}(-[A-Z0-9]{1,3})?$';
export const COUNTRY_RE = new RegExp(COUNTRY);

export const HolidayKindsInput = meta(z.array(z.enum(HOLIDAY_KINDS as [HolidayKind, ...HolidayKind[]])), {
  description:
    'The kinds of holiday that count: public (days off for everyone; the default), bank, optional, observance, school, partial (a day off for part of the population only)',
});

export const HolidayCorrectionInput = z.strictObject({
  country: meta(z.string(), {
    description: "ISO 3166 country, or country-subdivision (US-CA); a country's correction covers its subdivisions",
    pattern: COUNTRY,
  }),
  date: z.optional(meta(z.string(), { description: 'The date, YYYY-MM-DD, or MM-DD for every year' })),
  from: z.optional(meta(z.string(), { description: 'First day of a range (instead of date), YYYY-MM-DD or MM-DD' })),
  to: z.optional(meta(z.string(), { description: 'Last day of a range (inclusive), same form as from' })),
  add: z.optional(meta(z.string(), { description: 'A day off the data lacks: its name' })),
  remove: z.optional(meta(z.string(), { description: 'A date the data has wrong: why it is no day off (every holiday of the country on it is dropped)' })),
  workday: z.optional(
    meta(z.string(), { description: 'A make-up working day of an official swap (a Saturday worked for a bridge day off): why; never a holiday there' }),
  ),
  kind: z.optional(meta(z.enum(HOLIDAY_KINDS as [HolidayKind, ...HolidayKind[]]), { description: 'add: the kind of the holiday (default public)' })),
  start: z.optional(meta(z.string(), { description: 'add: local time a half day off begins, HH:mm (meetings ending before it are not concerned)' })),
});
export type HolidayCorrectionInput = z.infer<typeof HolidayCorrectionInput>;

export const HolidayCorrectionsInput = meta(z.array(HolidayCorrectionInput), {
  description: 'Corrections of the holiday data: add or remove days off per country, declare make-up working days',
});

/** Checks `holidays.kinds`; duplicates are warnings. */
export function resolveKinds(list: HolidayKind[] | undefined, map: SourceMap, path: Path, problems: ConfigProblem[]): HolidayKind[] | undefined {
  if (!list) return undefined;
  list.forEach((k, i) => {
    if (list.indexOf(k) !== i) problems.push(map.problem([...path, i], msg.duplicateKind(k), { severity: 'warning' }));
  });
  return [...new Set(list)];
}

/** Checks and resolves `holidays.corrections` of one file; `scope` is `tcon.yaml` or the group id. */
export function resolveCorrections(
  list: HolidayCorrectionInput[] | undefined,
  map: SourceMap,
  path: Path,
  scope: string,
  problems: ConfigProblem[],
): HolidayCorrection[] {
  const out: HolidayCorrection[] = [];
  (list ?? []).forEach((c, i) => {
    const at: Path = [...path, i];
    const before = problems.length;
    if (!COUNTRY_RE.test(c.country)) problems.push(map.problem([...at, 'country'], msg.badCountry(c.country)));
    const actions = (['add', 'remove', 'workday'] as const).filter((k) => c[k] !== undefined);
    if (actions.length !== 1) problems.push(map.problem(at, msg.correctionAction()));
    const action = actions[0];
    if (action && !c[action]!.trim()) problems.push(map.problem([...at, action], msg.correctionEmptyName(action)));
    if (action !== 'add') for (const k of ['kind', 'start'] as const) if (c[k] !== undefined) problems.push(map.problem([...at, k], msg.correctionAddOnly(k)));
    if (c.start !== undefined && !normalizeClock(c.start)) problems.push(map.problem([...at, 'start'], msg.correctionStart(c.start)));
    const single = c.date !== undefined;
    if (single === (c.from !== undefined || c.to !== undefined) || (!single && (c.from === undefined || c.to === undefined))) {
      problems.push(map.problem(at, msg.correctionDates()));
    }
    const from = c.date ?? c.from;
    const to = c.date ?? c.to;
    const form = (s: string | undefined, key: string) => {
      if (s === undefined) return undefined;
      if (isIsoDate(s)) return 'dated';
      if (isMonthDay(s)) return 'yearly';
      problems.push(map.problem([...at, key], msg.correctionDate(s)));
      return undefined;
    };
    const a = form(from, single ? 'date' : 'from');
    const z2 = single ? a : form(to, 'to');
    if (a && z2 && a !== z2) problems.push(map.problem(at, msg.correctionMixed()));
    else if (a === 'dated' && z2 === 'dated' && to! < from!) problems.push(map.problem([...at, 'to'], msg.correctionBackwards(from!, to!)));
    if (problems.length > before || !action || !from || !to) return;
    out.push({
      action,
      country: c.country,
      from,
      to,
      yearly: a === 'yearly',
      name: c[action]!.trim(),
      kind: c.kind ?? 'public',
      start: c.start === undefined ? undefined : normalizeClock(c.start),
      file: map.file,
      scope,
    });
  });
  return out;
}
