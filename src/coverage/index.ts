// Coverage: regions, ratings, schedule coverage and the rotation search. Pure.
export {
  RATINGS,
  rateSpan,
  rateLocal,
  localSpan,
  explainRating,
  localTime,
  localDate,
  weekdayOfDay,
  type Rating,
  type LocalSpan,
} from './rate.js';
export {
  coverageOfSchedule,
  rateMeeting,
  resolveTargets,
  groupTargets,
  regionTarget,
  zoneTarget,
  fairOrBetter,
  type CoverageTarget,
  type CoverageCell,
  type CoverageOptions,
  type CoverageWarning,
  type MeetingCoverage,
  type MemberCoverage,
  type RegionCoverage,
  type ScheduleCoverage,
  type Tally,
} from './schedule.js';
export {
  DEFAULT_REGION_SET,
  DEFAULT_WINDOWS,
  findRegion,
  parseTimeWindow,
  formatTimeWindow,
  parseWeekday,
} from '../config/regions.js';
export { DEFAULT_ROLE_WEIGHTS } from '../config/resolve.js';
export {
  cellToJson,
  scheduleCoverageToJson,
  tallyToJson,
  isoLocal,
  type CellJson,
  type ScheduleCellJson,
  type ScheduleSummaryJson,
  type TallyJson,
} from './present.js';
