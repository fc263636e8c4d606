import { readFile } from 'node:fs/promises';
import { msg } from '../config/messages.js';
import { ConfigError, type ConfigProblem } from '../config/problems.js';
import type { Secretariat } from '../config/secretariat.js';
import type { Group } from '../schedule/types.js';
import { createHolidayCalendar, unknownCountries, type PlanContext } from '../plan/index.js';
import { loadSecretariat } from './secretariat-file.js';

/**
 * Everything planning needs from disk: tcon.yaml next to the group files, and the holiday data.
 * Holiday countries date-holidays does not know are config errors, located in their file.
 */
export async function loadPlanContext(dir: string, groups: readonly Group[], loaded?: { settings: Secretariat; problems: ConfigProblem[] }): Promise<{ ctx: PlanContext; problems: ConfigProblem[] }> {
  const { settings, problems } = loaded ?? (await loadSecretariat(dir, groups.map((g) => g.id)));
  const calendar = createHolidayCalendar();
  const errors: ConfigProblem[] = [];
  for (const code of settings.holidays.countries) {
    if (!calendar.isKnown(code)) errors.push(await locate(settings.source!, code, 'holidays.countries'));
  }
  for (const [region, list] of Object.entries(settings.holidays.regions)) {
    for (const code of list) if (!calendar.isKnown(code)) errors.push(await locate(settings.source!, code, `holidays.regions.${region}`));
  }
  for (const g of groups) {
    for (const code of unknownCountries(g, { ...settings, holidays: { ...settings.holidays, countries: [] } }, calendar)) {
      errors.push(await locate(g.source, code, 'country'));
    }
  }
  if (errors.length) throw new ConfigError(errors);
  return { ctx: { settings, calendar }, problems };
}

/** The line and column of a country code in its file (the validated config keeps no positions). */
async function locate(file: string, code: string, field: string): Promise<ConfigProblem> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const lines = text.split('\n');
  const re = new RegExp(`\\b${code.replace(/[^A-Z0-9-]/g, '')}\\b`);
  const line = lines.findIndex((l) => re.test(l.replace(/#.*$/, '')));
  const col = line >= 0 ? lines[line]!.search(re) + 1 : 1;
  return { file, line: line + 1 || 1, col, field, message: msg.unknownCountry(code), severity: 'error' };
}
