import { readFile } from './fs-async.js';
import { msg } from '../config/messages.js';
import { ConfigError, problemOf, type ConfigProblem } from '../config/problems.js';
import type { Secretariat } from '../config/secretariat.js';
import type { Group } from '../schedule/types.js';
import { holidayCalendar, type HolidayStore } from '../plan/holidays.js';
import type { PlanContext } from '../plan/plan.js';
import { groupRules, unknownCountries } from '../plan/rules.js';
import { loadDateHolidays } from './holiday-cache.js';
import { loadSecretariat } from './secretariat-file.js';

/**
 * Everything planning needs from disk: tcon.yaml next to the group files, and the holiday data.
 * Holiday countries date-holidays does not know are config errors, located in their file; a
 * member whose holidays cannot be known (a zone that names no country, no zone at all) is a
 * warning. `groups` is the whole config: shifts avoid the calls of every group in it.
 * `holidayStore`: years computed before (the CLI's HolidayCache); date-holidays is loaded only
 * for a year that is not in it.
 */
export async function loadPlanContext(
  dir: string,
  groups: readonly Group[],
  loaded?: { settings: Secretariat; problems: ConfigProblem[] },
  opts: { holidayStore?: HolidayStore } = {},
): Promise<{ ctx: PlanContext; problems: ConfigProblem[] }> {
  const { settings, problems } =
    loaded ??
    (await loadSecretariat(
      dir,
      groups.map((g) => g.id),
    ));
  const calendar = holidayCalendar(loadDateHolidays, opts.holidayStore);
  const errors: ConfigProblem[] = [];
  for (const code of settings.holidays.countries) {
    if (!calendar.isKnown(code)) errors.push(await locate(settings.source!, code, 'holidays.countries'));
  }
  for (const [region, list] of Object.entries(settings.holidays.regions)) {
    for (const code of list) if (!calendar.isKnown(code)) errors.push(await locate(settings.source!, code, `holidays.regions.${region}`));
  }
  for (const c of settings.holidays.corrections) {
    if (!calendar.isKnown(c.country)) errors.push(await locate(c.file, c.country, 'holidays.corrections'));
  }
  const warnings: ConfigProblem[] = [];
  for (const g of groups) {
    for (const code of unknownCountries(g, { ...settings, holidays: { ...settings.holidays, countries: [] } }, calendar)) {
      errors.push(await locate(g.source, code, 'country'));
    }
    for (const w of groupRules(g, settings, calendar).withoutCountry) {
      const where = await locate(g.source, w.member.email, 'members');
      const m = msg.memberWithoutCountry(w.member.email, w.member.zone, w.reason, w.country);
      warnings.push({ ...where, message: m.text, code: m.code, severity: 'warning' });
    }
  }
  if (errors.length) throw new ConfigError(errors);
  return { ctx: { settings, calendar, groups }, problems: [...problems, ...warnings] };
}

/** The line and column of a country code or an address in its file (the validated config keeps no positions). */
async function locate(file: string, needle: string, field: string): Promise<ConfigProblem> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const lines = text.split('\n');
  const re = new RegExp(`(?<![\\w.@-])${needle.replace(/[^A-Za-z0-9-]/g, (ch) => `\\${ch}`)}(?![\\w@-])`);
  const line = lines.findIndex((l) => re.test(l.replace(/#.*$/, '')));
  const col = line >= 0 ? lines[line]!.search(re) + 1 : 1;
  return problemOf(file, msg.unknownCountry(needle), { line: line + 1 || 1, col, field });
}
