// The planning layer's exports (the library's are in src/index.ts).
export { createHolidayCalendar } from './date-holidays.js';
export {
  holidayCalendar,
  localDate,
  HOLIDAY_DATA_VERSION,
  type Holiday,
  type HolidayCalendar,
  type HolidayStore,
  type HolidayYear,
  type DateHolidays,
  type MakeUpDay,
  type DataSource,
} from './holidays.js';
export { findConflicts, bridgeOf, type Conflict, type Shared } from './conflicts.js';
export { applyPolicies, type PolicyChange, type PlannedSchedule, type PolicyOptions, type ShiftGuard } from './policies.js';
export { groupRules, dateIssue, unknownCountries, correctedHolidays, type DateIssue, type GroupRules, type Place, type MemberWithoutCountry } from './rules.js';
export { correctionReports, type CorrectionReport } from './corrections.js';
export { countryOfZone, zoneCountry } from './zones.js';
export { Planner } from './planner.js';
export * from './plan.js';
