// The public library API: re-exports only.
export { loadConfig, RESERVED_CONFIG_FILES, type LoadedConfig } from './adapters/config-files.js';
export { parseGroup } from './config/parse.js';
export { ConfigError, formatProblem, type ConfigProblem } from './config/problems.js';
export { groupJsonSchema } from './config/schema.js';
export { buildSchedule } from './schedule/build.js';
export { resolveWindow, type WindowSpec } from './schedule/window.js';
export { occurrenceToJson, renderMarkdown, renderCsv, formatTimeRange, type OccurrenceJson } from './schedule/present.js';
export { expandDates, parseRule } from './schedule/recurrence.js';
export { placeWallTime, type Placement } from './schedule/zoned.js';
export type * from './schedule/types.js';
export { runCli, type CliIo } from './cli/main.js';
export * from './calendar/index.js';
export { readState, writeState, defaultStatePath, StateFileError } from './adapters/state.js';
export { writeFileAtomic } from './adapters/files.js';
