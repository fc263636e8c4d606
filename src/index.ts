// The public library API: re-exports only.
export { loadConfig, RESERVED_CONFIG_FILES, type LoadedConfig } from './adapters/config-files.js';
export { parseGroup } from './config/parse.js';
export { ConfigError, formatProblem, type ConfigProblem } from './config/problems.js';
export { groupJsonSchema, regionsJsonSchema } from './config/schema.js';
export { buildSchedule } from './schedule/build.js';
export { resolveWindow, type WindowSpec } from './schedule/window.js';
export { occurrenceToJson, renderMarkdown, renderCsv, formatTimeRange, type OccurrenceJson } from './schedule/present.js';
export { expandDates, parseRule } from './schedule/recurrence.js';
export { placeWallTime, isValidZone, offsetAt, zoneOf, type Placement } from './schedule/zoned.js';
// The IANA tz database tcon computes with (bundled; never the runtime's ICU), its zone names and VTIMEZONEs.
export { TZDB_VERSION, TZDB_SOURCE, allZoneNames } from './tzdb/index.js';
export { zoneError } from './config/zones.js';
export { vtimezoneBlock } from './calendar/vtimezone.js';
export type * from './schedule/types.js';
export { runCli, type CliIo } from './cli/main.js';
export { buildRequest, buildCancel, buildReminder, senderOf, MailError, type Recipient } from './mail/messages.js';
export { meetingTimes, type MeetingTimes } from './mail/format.js';
export { isPlaceholderAddress } from './schedule/address.js';
export { parseTemplate, renderTemplate, TemplateError, type Template, type TemplateScope } from './mail/template.js';
export { TEMPLATE_NAMES, TEMPLATE_VARIABLES } from './mail/templates.js';
export type { MailMessage, SendKey, CalendarPart, MailAddress } from './mail/types.js';
export * from './coverage/index.js';
export { parseRegions } from './config/parse.js';
export { loadRegions } from './adapters/config-files.js';
export * from './calendar/index.js';
export { readState, writeState, defaultStatePath, StateFileError } from './adapters/state.js';
export { writeFileAtomic } from './adapters/files.js';
// The secretariat's year (tcon plan, tcon site).
export { parseSecretariat, secretariatJsonSchema, defaultSecretariat, inBlackout, type Secretariat, type Blackout, type BridgeAccount } from './config/secretariat.js';
export { loadSecretariat } from './adapters/secretariat-file.js';
export { loadPlanContext } from './adapters/plan-context.js';
export {
  planSchedule,
  planGroups,
  applyPolicies,
  groupRules,
  dateIssue,
  findConflicts,
  bridgeOf,
  createHolidayCalendar,
  type PlanContext,
  type PlanResult,
  type GroupPlan,
  type DateFinding,
  type PlannedSchedule,
  type PolicyChange,
  type Conflict,
  type Shared,
  type Holiday,
  type HolidayCalendar,
  type DateIssue,
  type GroupRules,
} from './plan/index.js';
export { planToJson, planRows, type PlanJson } from './plan/present.js';
export { renderSite, renderIndex, renderGroupPage } from './site/render.js';
export { siteGroup, heatMapOf, type SiteModel, type SiteGroup, type SiteMeeting, type HeatMap } from './site/model.js';
export { writeSite } from './adapters/site-files.js';
