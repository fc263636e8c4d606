// The public library API: the use cases of tcon, re-exports only. Internals (change-tracking
// fingerprints, chunk planning, rating helpers, text cleaners) stay importable from their modules
// but are not part of the package's promise; test/library.test.ts lists these exports, so an
// addition is deliberate. The command line is `tcon/cli` (runCli).

// Errors: every error tcon throws at a user is a TconError (a stable code, the exit code of the
// command line); EXIT lists those codes.
export { EXIT, TconError, type ExitCode } from './errors.js';

// Load: config files, group text, regions, secretariat settings, holiday context.
export { loadConfig, loadRegions, type LoadedConfig } from './adapters/config-files.js';
export { parseGroup, parseRegions } from './config/parse.js';
export { ConfigError, formatProblem, type ConfigProblem } from './config/problems.js';
export { groupJsonSchema, regionsJsonSchema } from './config/schema.js';
export { parseSecretariat, secretariatJsonSchema, type Secretariat, type Blackout, type BridgeAccount } from './config/secretariat.js';
export { loadSecretariat } from './adapters/secretariat-file.js';
export { loadPlanContext } from './adapters/plan-context.js';
export type * from './schedule/types.js';

// Schedule: the meetings of a window, and how they are shown.
export { buildSchedule } from './schedule/build.js';
export { resolveWindow, type WindowSpec } from './schedule/window.js';
export { occurrenceToJson, renderMarkdown, renderCsv, type OccurrenceJson } from './schedule/present.js';
export { parseRule } from './schedule/recurrence.js';
export { describeRule } from './schedule/describe.js';
export { placeWallTime, type Placement } from './schedule/zoned.js';

// Zones: the IANA tz database tcon computes with (bundled, never the runtime's ICU). zoneOf(name)
// is the luxon zone to give any DateTime compared with tcon's (a name string would make luxon read
// ICU's data); zoneError is the one check of a zone name; vtimezoneBlock the VTIMEZONE tcon writes.
export { zoneOf } from './schedule/zoned.js';
export { zoneError } from './config/zones.js';
export { TZDB_VERSION, allZoneNames } from './tzdb/index.js';
export { vtimezoneBlock } from './calendar/vtimezone.js';

// Check and suggest: coverage of a slot or a schedule, and the rotation search.
export {
  rateMeeting,
  coverageOfSchedule,
  resolveTargets,
  groupTargets,
  explainRating,
  scheduleCoverageToJson,
  summarizeCoverage,
  suggestRotations,
  suggestionInputForGroup,
  describeTradeoff,
  explainFirst,
  DEFAULT_REGION_SET,
  parseAttendance,
  importRoster,
  renderRosterYaml,
  type Rating,
  type CoverageTarget,
  type CoverageCell,
  type CoverageOptions,
  type CoverageWarning,
  type ScheduleCoverage,
} from './coverage/index.js';

// Calendars: the one run step, the events, change tracking, iCalendar text, the state file.
export { runGroup, type GroupRun, type ScheduleBuilder } from './app/run.js';
export {
  buildCalendarModel,
  computeChanges,
  describeChanges,
  planCancel,
  renderPublish,
  renderRequest,
  renderCancel,
  EMPTY_STATE,
  type CalendarModel,
  type CalendarEvent,
  type CalendarState,
  type GroupState,
  type CalendarChange,
  type ChangeResult,
  type Cancellation,
  type Channel,
  type Sequences,
} from './calendar/index.js';
export { readState, writeState, defaultStatePath, StateFileError } from './adapters/state.js';

// Invitations (iTIP) and mail: who is owed which message, and the messages.
export {
  planInvitation,
  planInvitations,
  planCancellation,
  planReminders,
  EntryIndex,
  type Invitation,
  type OwedMessage,
  type GroupInvitation,
  type SentIndex,
  type SentEntry,
} from './itip/index.js';
export { buildRequest, buildCancel, buildReminder, MailError, type Recipient } from './mail/messages.js';
export { meetingTimes, type MeetingTimes } from './schedule/when.js';
export { parseTemplate, renderTemplate, TemplateError, type Template, type TemplateScope } from './mail/template.js';
export { TEMPLATE_NAMES, TEMPLATE_VARIABLES } from './mail/templates.js';
export type { MailMessage, SendKey, CalendarPart, MailAddress } from './mail/types.js';

// The secretariat's year: holidays, blackouts, conflicts (tcon plan).
export {
  planSchedule,
  planGroups,
  createHolidayCalendar,
  type PlanContext,
  type PlanResult,
  type GroupPlan,
  type PlannedSchedule,
  type PolicyChange,
  type Conflict,
  type Holiday,
  type HolidayCalendar,
  type HolidayStore,
  type HolidayYear,
} from './plan/index.js';
export { planToJson, type PlanJson } from './plan/present.js';

// The site (tcon site).
export { renderSite } from './site/render.js';
export { siteGroup, type SiteModel, type SiteGroup } from './site/model.js';
export { writeSite } from './adapters/site-files.js';
export { writeFileAtomic } from './adapters/files.js';
